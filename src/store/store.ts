import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Engine, openPostgresEngine, openSqliteEngine, ping } from './engine.ts';
import { migrate } from './migrations.ts';

export interface StoreOptions {
  /** Directory of the embedded SQLite database (ignored when `databaseUrl` is set). */
  dataDir?: string;
  /** PostgreSQL URL (`postgres://...`); when set, the store runs on PostgreSQL. */
  databaseUrl?: string;
  /** Open a throw-away in-memory SQLite store (tests). */
  memory?: boolean;
}

export type Store = Engine;

/** Where the embedded store lives unless told otherwise. */
export function defaultDataDir(): string {
  return resolve(process.env.WATCHKEEPER_DATA_DIR ?? '.watchkeeper');
}

/**
 * Opens the store and brings its schema up to date. PostgreSQL when `databaseUrl` (or DATABASE_URL) is set,
 * else SQLite in the data directory.
 */
export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const url = opts.databaseUrl ?? (opts.memory || opts.dataDir ? undefined : process.env.DATABASE_URL);
  let engine: Engine;
  if (url) {
    engine = openPostgresEngine(url);
    try {
      await ping(engine);
    } catch (err) {
      await engine.close().catch(() => {});
      throw new Error(`cannot connect to ${engine.describe}: ${(err as Error).message}`);
    }
  } else if (opts.memory) {
    engine = openSqliteEngine(':memory:');
  } else {
    const dir = resolve(opts.dataDir ?? defaultDataDir());
    mkdirSync(dir, { recursive: true });
    engine = openSqliteEngine(join(dir, 'watchkeeper.db'));
  }
  try {
    await migrate(engine);
  } catch (err) {
    await engine.close().catch(() => {});
    throw err;
  }
  return engine;
}
