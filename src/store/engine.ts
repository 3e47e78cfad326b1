import { type ColumnDataType, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { createNodeSqliteDialect } from './sqlite-dialect.ts';

export type EngineName = 'sqlite' | 'postgres';

/**
 * Everything that differs between the two engines lives here: how to connect, column types for JSON and
 * time, auto-increment keys, and how values come back. Migrations and queries elsewhere are written once.
 */
export interface Engine {
  name: EngineName;
  db: Kysely<Database>;
  /** Column type for JSON documents. */
  jsonType: ColumnDataType;
  /** Column type for instants (kept as ISO 8601 UTC strings by the store). */
  timeType: ColumnDataType;
  /** Column type for an auto-increment 64-bit key. */
  serialType: ColumnDataType;
  /** Column type for binary data (read back as Uint8Array on SQLite, Buffer, a Uint8Array, on PostgreSQL). */
  blobType: ColumnDataType;
  /** Parses a JSON column as read back (text on SQLite, already parsed on PostgreSQL). */
  readJson<T>(value: unknown): T;
  /** Normalises an instant as read back to an ISO string. */
  readTime(value: unknown): string;
  /** Where the data lives, for messages (never includes a password). */
  describe: string;
  close(): Promise<void>;
}

export function openSqliteEngine(file: string): Engine {
  const { dialect } = createNodeSqliteDialect(file);
  const db = new Kysely<Database>({ dialect });
  return {
    name: 'sqlite',
    db,
    jsonType: 'text',
    timeType: 'text',
    serialType: 'integer',
    blobType: 'blob',
    readJson: <T>(v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
    readTime: (v) => String(v),
    describe: `SQLite ${file}`,
    close: () => db.destroy(),
  };
}

// PostgreSQL returns bigint counts as strings and timestamptz as Date; the store wants numbers and ISO strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(1114, (v) => new Date(`${v}Z`).toISOString());

export function openPostgresEngine(url: string): Engine {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection can be cut by the server (a restart, an administrator, a dropped test database). The
  // pool replaces it on the next query; without a listener the 'error' event would crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    db,
    jsonType: 'jsonb',
    timeType: 'timestamptz',
    serialType: 'bigserial',
    blobType: 'bytea',
    readJson: <T>(v: unknown) => v as T,
    readTime: (v) => (v instanceof Date ? v.toISOString() : String(v)),
    describe: `PostgreSQL ${redactUrl(url)}`,
    close: () => db.destroy(),
  };
}

/** A connection URL with its password replaced, safe to print. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/** Engine-level check that the connection works, with a readable error. */
export async function ping(engine: Engine): Promise<void> {
  await sql`select 1`.execute(engine.db);
}
