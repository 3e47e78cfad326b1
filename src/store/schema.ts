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
  screening_decisions: ScreeningDecisionsTable;
  watchlists: WatchlistsTable;
  watchlist_items: WatchlistItemsTable;
  alerts: AlertsTable;
  ais_sources: AisSourcesTable;
  vessel_identities: VesselIdentitiesTable;
  vessel_days: VesselDaysTable;
  vessels: VesselsTable;
  events: EventsTable;
  detection_runs: DetectionRunsTable;
  vessel_links: VesselLinksTable;
  user_zones: UserZonesTable;
  ais_feeds: AisFeedsTable;
}

export type Decision = 'match' | 'false_positive';
export type AlertStatus = 'open' | 'confirmed' | 'dismissed';

export interface ScreeningDecisionsTable {
  id: Generated<number>;
  query_fingerprint: string;
  entity_id: string;
  entity_hash: string;
  decision: Decision;
  note: string | null;
  query: unknown;
  decided_by: string;
  decided_at: string;
}

export interface WatchlistsTable {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
}

/** A name, company or vessel a user monitors; keyed by watchlist so a customer's list stays together. */
export interface WatchlistItemsTable {
  watchlist_id: string;
  id: string;
  label: string | null;
  query: unknown;
  query_fingerprint: string;
  added_at: string;
}

export interface AlertsTable {
  id: string;
  /** `screening` (a watchlist hit); maritime alerts come later. */
  kind: string;
  status: AlertStatus;
  /** What the alert is about, e.g. `watchlist:<list id>/<item id>`. */
  subject: string;
  entity_id: string | null;
  entity_hash: string | null;
  score: number | null;
  details: unknown;
  reason: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
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

/** One AIS input: a file (id = sha256) or a feed's log for a day (id = `feed:<name>:<YYYY-MM-DD>`). */
export interface AisSourcesTable {
  id: string;
  kind: 'file' | 'feed';
  name: string;
  /** Absolute path when ingested, so evidence can quote the raw sentence. */
  path: string | null;
  format: string;
  bytes: number | null;
  status: 'running' | 'complete';
  /** Lines committed so far: a resumed ingest continues after them. */
  lines_done: number;
  started_at: string;
  finished_at: string | null;
  started_by: string;
  summary: unknown;
}

/** A period during which one MMSI broadcast one identity state. Times in ms since the epoch. */
export interface VesselIdentitiesTable {
  mmsi: number;
  valid_from: number;
  valid_to: number;
  imo: number | null;
  name: string | null;
  callsign: string | null;
  ship_type: number | null;
  length: number | null;
  beam: number | null;
  draught: number | null;
  destination: string | null;
  eta: string | null;
  messages: number;
  fields_at_start: number | null;
  fields_at_end: number | null;
  source: string | null;
  line: number | null;
}

/** A vessel's positions for one UTC day (days since the epoch), encoded by maritime/track-codec. */
export interface VesselDaysTable {
  mmsi: number;
  day: number;
  chunk: number;
  n: number;
  t_min: number;
  t_max: number;
  lat_min: number;
  lat_max: number;
  lon_min: number;
  lon_max: number;
  data: Uint8Array;
}

/** One row per MMSI ever seen: counts, the latest position and the current identity, for lists and search. */
export interface VesselsTable {
  mmsi: number;
  first_seen: number;
  last_seen: number;
  messages: number;
  positions: number;
  last_t: number | null;
  last_lat: number | null;
  last_lon: number | null;
  last_sog: number | null;
  last_cog: number | null;
  last_heading: number | null;
  last_status: number | null;
  name: string | null;
  imo: number | null;
  callsign: string | null;
  ship_type: number | null;
  mmsi_class: string;
  flag: string | null;
  search_text: string;
}

/** A maritime event found by a detector (see maritime/events.ts). Times in ms since the epoch. */
export interface EventsTable {
  id: string;
  type: string;
  preset: string;
  algorithm: string;
  params: unknown;
  mmsi: number;
  mmsi2: number | null;
  start_t: number;
  end_t: number | null;
  lat: number;
  lon: number;
  details: unknown;
  evidence: unknown;
  detected_at: string;
}

export interface DetectionRunsTable {
  id: string;
  preset: string;
  from_t: number;
  to_t: number;
  started_at: string;
  finished_at: string;
  started_by: string;
  summary: unknown;
}

/** A vessel's link to a designated entity, from screening its identity. */
export interface VesselLinksTable {
  mmsi: number;
  entity_id: string;
  caption: string;
  schema: string;
  relation: string;
  score: number;
  details: unknown;
  checked_at: string;
}

/** A zone a user added (GeoJSON polygon), watched by the zone detector beside the default zones. */
export interface UserZonesTable {
  id: string;
  name: string;
  geojson: unknown;
  created_by: string;
  created_at: string;
}

/** A live AIS feed the server runs (TCP client or UDP listener). */
export interface AisFeedsTable {
  id: string;
  name: string;
  kind: 'tcp' | 'udp';
  host: string;
  port: number;
  enabled: number;
  created_by: string;
  created_at: string;
}
