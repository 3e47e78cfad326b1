import type { Generated } from 'kysely';

/**
 * Table shapes as the store reads and writes them. Times are ISO 8601 UTC strings and JSON columns are
 * already-serialised strings on write and parsed values on read; `engine.ts` hides how each engine keeps them.
 * Keys are chosen so tables could be distributed later: list data by entity id, access data by user id.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  list_versions: ListVersionsTable;
  list_records: ListRecordsTable;
  version_records: VersionRecordsTable;
  current_entities: CurrentEntitiesTable;
  list_downloads: ListDownloadsTable;
}

export interface ListDownloadsTable {
  id: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  sha256: string | null;
  checked_at: string;
}

export type Role = 'admin' | 'analyst' | 'viewer';

export interface UsersTable {
  id: string;
  name: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
  disabled: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** One imported file of one list. */
export interface ListVersionsTable {
  id: string;
  source: string;
  /** The list within the source whose versions form one history: `un`, `ofac-sdn`, `ofac-cons`, `eu`, `uk`. */
  dataset: string;
  format: string;
  published_at: string;
  /** YYYY-MM-DD as the file states it (its own time zone). */
  published_date: string;
  sha256: string;
  file_name: string;
  imported_at: string;
  imported_by: string;
  record_count: number;
  counts: unknown;
}

/** A distinct content of one listing (designated entity + adjuncts), stored once however many versions hold it. */
export interface ListRecordsTable {
  entity_id: string;
  hash: string;
  source: string;
  schema: string;
  caption: string;
  source_ref: string;
  /** Space-separated regime codes. */
  regimes: string;
  /** Lower-cased names and identifiers, for substring search. */
  search_text: string;
  listed_on: string | null;
  data: unknown;
}

/** Which listing content each version holds: the snapshot, one row per listing. */
export interface VersionRecordsTable {
  version_id: string;
  entity_id: string;
  hash: string;
}

/** The current state of every source (from its newest version), kept for browsing and search. */
export interface CurrentEntitiesTable {
  dataset: string;
  entity_id: string;
  source: string;
  schema: string;
  caption: string;
  source_ref: string;
  hash: string;
  version_id: string;
  regimes: string;
  search_text: string;
  listed_on: string | null;
}
