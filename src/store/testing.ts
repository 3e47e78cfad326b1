import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EngineName } from './engine.ts';
import { openStore, type Store } from './store.ts';

/**
 * The conformance harness: every store test runs once per engine. SQLite always; PostgreSQL when the server
 * at WATCHKEEPER_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers. Each test gets a
 * database of its own, created and dropped here. With WATCHKEEPER_REQUIRE_PG=1 (CI) a missing server fails
 * the run instead of skipping.
 */
export const PG_ADMIN_URL =
  process.env.WATCHKEEPER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgProblem = await probePostgres();
if (pgProblem && process.env.WATCHKEEPER_REQUIRE_PG === '1') {
  throw new Error(
    `PostgreSQL is required (WATCHKEEPER_REQUIRE_PG=1) but ${PG_ADMIN_URL} fails: ${pgProblem}`,
  );
}

export interface TestEngine {
  name: EngineName;
  /** `false` when it runs, else why it is skipped (for node:test's `skip`). */
  skip: string | false;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

export const TEST_ENGINES: TestEngine[] = [
  {
    name: 'sqlite',
    skip: false,
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'wk-store-'));
      const store = await openStore({ dataDir: dir });
      return {
        store,
        async cleanup() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: pgProblem ? `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${pgProblem}` : false,
    async open() {
      const dbName = `wk_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${dbName}`;
      const store = await openStore({ databaseUrl: url.toString() });
      return {
        store,
        async cleanup() {
          await store.close();
          const a = new pg.Client({ connectionString: PG_ADMIN_URL });
          await a.connect();
          // The pool's connections close a moment after store.close() resolves; dropping with FORCE at once
          // would cut them mid-goodbye (an error event in the test process). Wait for them, then force.
          let dropped = false;
          for (let attempt = 0; attempt < 40 && !dropped; attempt++) {
            try {
              await a.query(`drop database if exists ${dbName}`);
              dropped = true;
            } catch (err) {
              if ((err as { code?: string }).code !== '55006') throw err;
              await new Promise((r) => setTimeout(r, 50));
            }
          }
          if (!dropped) await a.query(`drop database if exists ${dbName} with (force)`);
          await a.end();
        },
      };
    },
  },
];
