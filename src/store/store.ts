import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/**
 * Creates a folder and its parents one level at a time. (Node's `mkdirSync(..., { recursive: true })` spins
 * forever on some virtual file systems such as /proc, where mkdir answers ENOENT for a parent that exists.)
 */
function ensureDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder (check --data-dir)`);
    return;
  }
  const parent = dirname(dir);
  if (parent === dir) throw new Error(`cannot create ${dir}`);
  ensureDir(parent);
  try {
    mkdirSync(dir);
  } catch (err) {
    throw new Error(`cannot create the data folder ${dir}: ${(err as Error).message}`);
  }
}

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
    ensureDir(dir);
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
