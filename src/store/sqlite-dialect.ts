import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';

/**
 * Kysely's SqliteDialect speaks a better-sqlite3-shaped interface; this adapts Node's built-in `node:sqlite`
 * to it, so the embedded store needs no native addon. node:sqlite takes no booleans, so they become 0/1.
 */
class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #stmt: StatementSync;
  constructor(stmt: StatementSync) {
    this.#stmt = stmt;
    this.reader = stmt.columns().length > 0;
  }
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#stmt.all(...bind(parameters));
  }
  run(parameters: ReadonlyArray<unknown>) {
    const r = this.#stmt.run(...bind(parameters));
    return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
  }
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#stmt.iterate(...bind(parameters)) as IterableIterator<unknown>;
  }
}

type SqliteValue = null | number | bigint | string | Uint8Array;
function bind(parameters: ReadonlyArray<unknown>): SqliteValue[] {
  return parameters.map((p) => {
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p === undefined) return null;
    if (p instanceof Date) return p.toISOString();
    return p as SqliteValue;
  });
}

class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  // Statements are cached: Kysely prepares on every execution and preparing dominates small queries.
  readonly #cache = new Map<string, NodeSqliteStatement>();
  constructor(raw: DatabaseSync) {
    this.raw = raw;
  }
  prepare(sql: string): SqliteStatement {
    let stmt = this.#cache.get(sql);
    if (stmt === undefined) {
      stmt = new NodeSqliteStatement(this.raw.prepare(sql));
      if (this.#cache.size > 500) this.#cache.clear();
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }
  close(): void {
    this.#cache.clear();
    this.raw.close();
  }
}

/** Opens a SQLite file (or ':memory:') with the pragmas the store relies on. */
export function createNodeSqliteDialect(file: string): { dialect: SqliteDialect; raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL');
  raw.exec('PRAGMA synchronous = NORMAL');
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  const db = new NodeSqliteDatabase(raw);
  return { dialect: new SqliteDialect({ database: db }), raw };
}
