import type { Kysely } from 'kysely';
import type { Engine } from './engine.ts';
import type { Database } from './schema.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

/** Appends one entry to the audit log (inside the caller's transaction when `db` is one). */
export async function appendAudit(
  db: Kysely<Database>,
  entry: { actor: string; action: string; target?: string | null; details?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? null),
    })
    .execute();
}

export async function listAudit(
  store: Engine,
  opts: { limit?: number; beforeId?: number; action?: string } = {},
): Promise<AuditEntry[]> {
  let q = store.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100);
  if (opts.beforeId !== undefined) q = q.where('id', '<', opts.beforeId);
  if (opts.action) q = q.where('action', '=', opts.action);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    at: store.readTime(r.at),
    details: store.readJson(r.details),
  }));
}
