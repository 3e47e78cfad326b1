import type { Kysely } from 'kysely';
import type { Engine } from './engine.ts';
import type { AlertStatus, Database, Decision } from './schema.ts';

export interface DecisionRow {
  queryFingerprint: string;
  entityId: string;
  entityHash: string;
  decision: Decision;
  note: string | null;
  query: unknown;
  decidedBy: string;
  decidedAt: string;
}

export async function insertDecision(db: Kysely<Database>, d: DecisionRow): Promise<void> {
  await db
    .insertInto('screening_decisions')
    .values({
      query_fingerprint: d.queryFingerprint,
      entity_id: d.entityId,
      entity_hash: d.entityHash,
      decision: d.decision,
      note: d.note,
      query: JSON.stringify(d.query),
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
    })
    .execute();
}

/** The newest decision per entity for one query fingerprint. */
export async function latestDecisions(
  store: Engine,
  queryFingerprint: string,
  entityIds: string[],
): Promise<Map<string, DecisionRow>> {
  const out = new Map<string, DecisionRow>();
  if (entityIds.length === 0) return out;
  const rows = await store.db
    .selectFrom('screening_decisions')
    .selectAll()
    .where('query_fingerprint', '=', queryFingerprint)
    .where('entity_id', 'in', entityIds)
    .orderBy('id', 'asc')
    .execute();
  for (const r of rows) {
    out.set(r.entity_id, {
      queryFingerprint: r.query_fingerprint,
      entityId: r.entity_id,
      entityHash: r.entity_hash,
      decision: r.decision,
      note: r.note,
      query: store.readJson(r.query),
      decidedBy: r.decided_by,
      decidedAt: store.readTime(r.decided_at),
    });
  }
  return out;
}

export interface WatchlistRow {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  items?: number;
}

export async function insertWatchlist(db: Kysely<Database>, w: WatchlistRow): Promise<void> {
  await db
    .insertInto('watchlists')
    .values({ id: w.id, name: w.name, created_by: w.createdBy, created_at: w.createdAt })
    .execute();
}

export async function listWatchlists(store: Engine): Promise<WatchlistRow[]> {
  const rows = await store.db
    .selectFrom('watchlists as w')
    .leftJoin('watchlist_items as i', 'i.watchlist_id', 'w.id')
    .select([
      'w.id',
      'w.name',
      'w.created_by',
      'w.created_at',
      (eb) => eb.fn.count<number>('i.id').as('items'),
    ])
    .groupBy(['w.id', 'w.name', 'w.created_by', 'w.created_at'])
    .orderBy('w.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdBy: r.created_by,
    createdAt: store.readTime(r.created_at),
    items: Number(r.items),
  }));
}

export async function findWatchlist(store: Engine, idOrName: string): Promise<WatchlistRow | undefined> {
  const r = await store.db
    .selectFrom('watchlists')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return r && { id: r.id, name: r.name, createdBy: r.created_by, createdAt: store.readTime(r.created_at) };
}

export interface WatchlistItemRow {
  watchlistId: string;
  id: string;
  label: string | null;
  query: unknown;
  queryFingerprint: string;
  addedAt: string;
}

/** Adds items; an item id already on the list is replaced (re-uploading a customer file updates it). */
export async function upsertWatchlistItems(db: Kysely<Database>, items: WatchlistItemRow[]): Promise<void> {
  for (let i = 0; i < items.length; i += 200) {
    const values = items.slice(i, i + 200).map((it) => ({
      watchlist_id: it.watchlistId,
      id: it.id,
      label: it.label,
      query: JSON.stringify(it.query),
      query_fingerprint: it.queryFingerprint,
      added_at: it.addedAt,
    }));
    await db
      .insertInto('watchlist_items')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['watchlist_id', 'id']).doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          query: eb.ref('excluded.query'),
          query_fingerprint: eb.ref('excluded.query_fingerprint'),
        })),
      )
      .execute();
  }
}

export async function deleteWatchlistItem(
  db: Kysely<Database>,
  watchlistId: string,
  id: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('watchlist_items')
    .where('watchlist_id', '=', watchlistId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One page of a watchlist's items, by label then id (what a person browsing the list wants). */
export async function listWatchlistItems(
  store: Engine,
  watchlistId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: WatchlistItemRow[] }> {
  const total = await store.db
    .selectFrom('watchlist_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('watchlist_id', '=', watchlistId)
    .executeTakeFirstOrThrow();
  const rows = await store.db
    .selectFrom('watchlist_items')
    .selectAll()
    .where('watchlist_id', '=', watchlistId)
    .orderBy('label')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      watchlistId: r.watchlist_id,
      id: r.id,
      label: r.label,
      query: store.readJson(r.query),
      queryFingerprint: r.query_fingerprint,
      addedAt: store.readTime(r.added_at),
    })),
  };
}

/** Streams every watchlist item (of one list, or all), in pages, for re-screening. */
export async function* iterateWatchlistItems(
  store: Engine,
  watchlistId?: string,
  pageSize = 500,
): AsyncGenerator<WatchlistItemRow> {
  let after = { list: '', id: '' };
  for (;;) {
    let q = store.db
      .selectFrom('watchlist_items')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('watchlist_id', '>', after.list),
          eb.and([eb('watchlist_id', '=', after.list), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy('watchlist_id')
      .orderBy('id')
      .limit(pageSize);
    if (watchlistId) q = q.where('watchlist_id', '=', watchlistId);
    const rows = await q.execute();
    for (const r of rows) {
      yield {
        watchlistId: r.watchlist_id,
        id: r.id,
        label: r.label,
        query: store.readJson(r.query),
        queryFingerprint: r.query_fingerprint,
        addedAt: store.readTime(r.added_at),
      };
    }
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { list: last.watchlist_id, id: last.id };
  }
}

export interface AlertRow {
  id: string;
  kind: string;
  status: AlertStatus;
  subject: string;
  entityId: string | null;
  entityHash: string | null;
  score: number | null;
  details: unknown;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

const toAlert = (store: Engine, r: Database['alerts']): AlertRow => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  subject: r.subject,
  entityId: r.entity_id,
  entityHash: r.entity_hash,
  score: r.score === null ? null : Number(r.score),
  details: store.readJson(r.details),
  reason: r.reason,
  createdAt: store.readTime(r.created_at),
  updatedAt: store.readTime(r.updated_at),
  updatedBy: r.updated_by,
});

/** Raises an alert unless the same (kind, subject, listing content) was raised before; true when new. */
export async function insertAlertIfNew(db: Kysely<Database>, a: AlertRow): Promise<boolean> {
  const r = await db
    .insertInto('alerts')
    .values({
      id: a.id,
      kind: a.kind,
      status: a.status,
      subject: a.subject,
      entity_id: a.entityId,
      entity_hash: a.entityHash,
      score: a.score,
      details: JSON.stringify(a.details),
      reason: a.reason,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      updated_by: a.updatedBy,
    })
    .onConflict((oc) => oc.columns(['kind', 'subject', 'entity_id', 'entity_hash']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listAlerts(
  store: Engine,
  opts: { status?: AlertStatus; kind?: string; limit?: number; offset?: number } = {},
): Promise<{ total: number; items: AlertRow[] }> {
  let q = store.db.selectFrom('alerts');
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: rows.map((r) => toAlert(store, r)) };
}

export async function getAlert(store: Engine, id: string): Promise<AlertRow | undefined> {
  const r = await store.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toAlert(store, r);
}

export async function updateAlertStatus(
  db: Kysely<Database>,
  id: string,
  patch: { status: AlertStatus; reason: string | null; by: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ status: patch.status, reason: patch.reason, updated_by: patch.by, updated_at: patch.at })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether any decision was ever recorded (screening skips the per-query lookup while there are none). */
export async function anyDecisions(store: Engine): Promise<boolean> {
  const r = await store.db.selectFrom('screening_decisions').select('id').limit(1).executeTakeFirst();
  return r !== undefined;
}
