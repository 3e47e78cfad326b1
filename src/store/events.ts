/**
 * Maritime events, detection runs and vessel links: SQL only. Events are replaced per preset and time window
 * when detection re-runs, so the same data and preset always leave the same events.
 */
import { type Kysely, sql } from 'kysely';
import type { Engine } from './engine.ts';
import type { Database } from './schema.ts';
import type { Bbox } from './vessels.ts';

type Db = Kysely<Database>;

export interface EventRow {
  id: string;
  type: string;
  preset: string;
  algorithm: string;
  params: Record<string, number | string | boolean>;
  mmsi: number[];
  start: number;
  end: number | null;
  lat: number;
  lon: number;
  details: Record<string, unknown>;
  evidence: { source: string; line: number }[];
  detectedAt: string;
}

function toEvent(store: Engine, r: Database['events']): EventRow {
  return {
    id: r.id,
    type: r.type,
    preset: r.preset,
    algorithm: r.algorithm,
    params: store.readJson(r.params),
    mmsi: r.mmsi2 === null ? [r.mmsi] : [r.mmsi, r.mmsi2],
    start: Number(r.start_t),
    end: r.end_t === null ? null : Number(r.end_t),
    lat: r.lat,
    lon: r.lon,
    details: store.readJson(r.details),
    evidence: store.readJson(r.evidence),
    detectedAt: store.readTime(r.detected_at),
  };
}

/**
 * Replaces the events of a preset that start in [from, to] by these (which may also hold events starting
 * earlier, found again whole: they are updated in place by id). One transaction.
 */
export async function replaceEvents(
  store: Engine,
  preset: string,
  from: number,
  to: number,
  events: readonly EventRow[],
): Promise<{ removed: number; written: number }> {
  return store.db.transaction().execute(async (trx) => {
    const del = await trx
      .deleteFrom('events')
      .where('preset', '=', preset)
      .where('start_t', '>=', from)
      .where('start_t', '<=', to)
      .executeTakeFirst();
    const values = events.map((e) => ({
      id: e.id,
      type: e.type,
      preset: e.preset,
      algorithm: e.algorithm,
      params: JSON.stringify(e.params),
      mmsi: e.mmsi[0] as number,
      mmsi2: e.mmsi.length > 1 ? (e.mmsi[1] as number) : null,
      start_t: e.start,
      end_t: e.end,
      lat: e.lat,
      lon: e.lon,
      details: JSON.stringify(e.details),
      evidence: JSON.stringify(e.evidence),
      detected_at: e.detectedAt,
    }));
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto('events')
        .values(values.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            end_t: eb.ref('excluded.end_t'),
            lat: eb.ref('excluded.lat'),
            lon: eb.ref('excluded.lon'),
            details: eb.ref('excluded.details'),
            evidence: eb.ref('excluded.evidence'),
            detected_at: eb.ref('excluded.detected_at'),
          })),
        )
        .execute();
    }
    return { removed: Number(del.numDeletedRows), written: values.length };
  });
}

export interface EventQuery {
  type?: string;
  mmsi?: number;
  preset?: string;
  bbox?: Bbox | null;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

/** Events overlapping [from, to], newest first. */
export async function listEvents(store: Engine, q: EventQuery): Promise<{ total: number; rows: EventRow[] }> {
  let query = store.db.selectFrom('events');
  if (q.type) query = query.where('type', '=', q.type);
  if (q.preset) query = query.where('preset', '=', q.preset);
  if (q.mmsi !== undefined) {
    const m = q.mmsi;
    query = query.where((eb) => eb.or([eb('mmsi', '=', m), eb('mmsi2', '=', m)]));
  }
  if (q.to !== undefined) query = query.where('start_t', '<=', q.to);
  if (q.from !== undefined) {
    const f = q.from;
    query = query.where((eb) => eb.or([eb('end_t', 'is', null), eb('end_t', '>=', f)]));
  }
  const b = q.bbox;
  if (b) {
    query = query.where('lat', '>=', b.south).where('lat', '<=', b.north);
    query =
      b.west <= b.east
        ? query.where('lon', '>=', b.west).where('lon', '<=', b.east)
        : query.where((eb) => eb.or([eb('lon', '>=', b.west), eb('lon', '<=', b.east)]));
  }
  const total = await query.select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('start_t', 'desc')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { total: Number(total.c), rows: rows.map((r) => toEvent(store, r)) };
}

export async function getEvent(store: Engine, id: string): Promise<EventRow | null> {
  const r = await store.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toEvent(store, r) : null;
}

/** Counts by type (and preset) for dashboards. */
export async function eventCounts(
  store: Engine,
  since?: number,
): Promise<{ type: string; preset: string; count: number }[]> {
  let q = store.db
    .selectFrom('events')
    .select(['type', 'preset', sql<number>`count(*)`.as('count')])
    .groupBy(['type', 'preset']);
  if (since !== undefined) q = q.where('start_t', '>=', since);
  return (await q.execute()).map((r) => ({ type: r.type, preset: r.preset, count: Number(r.count) }));
}

/** Iterates all events (exports) in start order, page by page. */
export async function* iterateEvents(
  store: Engine,
  q: Omit<EventQuery, 'limit' | 'offset'>,
): AsyncGenerator<EventRow> {
  const page = 2000;
  for (let offset = 0; ; offset += page) {
    let query = store.db.selectFrom('events').selectAll();
    if (q.type) query = query.where('type', '=', q.type);
    if (q.preset) query = query.where('preset', '=', q.preset);
    if (q.mmsi !== undefined) {
      const m = q.mmsi;
      query = query.where((eb) => eb.or([eb('mmsi', '=', m), eb('mmsi2', '=', m)]));
    }
    if (q.from !== undefined) query = query.where('start_t', '>=', q.from);
    if (q.to !== undefined) query = query.where('start_t', '<=', q.to);
    const rows = await query.orderBy('start_t').orderBy('id').limit(page).offset(offset).execute();
    for (const r of rows) yield toEvent(store, r);
    if (rows.length < page) return;
  }
}

export interface DetectionRunRow {
  id: string;
  preset: string;
  from: number;
  to: number;
  startedAt: string;
  finishedAt: string;
  startedBy: string;
  summary: unknown;
}

export async function insertDetectionRun(store: Engine, r: DetectionRunRow): Promise<void> {
  await store.db
    .insertInto('detection_runs')
    .values({
      id: r.id,
      preset: r.preset,
      from_t: r.from,
      to_t: r.to,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      started_by: r.startedBy,
      summary: JSON.stringify(r.summary),
    })
    .execute();
}

export async function latestDetectionRuns(store: Engine, limit = 20): Promise<DetectionRunRow[]> {
  const rows = await store.db
    .selectFrom('detection_runs')
    .selectAll()
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    preset: r.preset,
    from: Number(r.from_t),
    to: Number(r.to_t),
    startedAt: store.readTime(r.started_at),
    finishedAt: store.readTime(r.finished_at),
    startedBy: r.started_by,
    summary: store.readJson(r.summary),
  }));
}

/** Latest time of any stored position (the end of the data, for open gaps). */
export async function dataTimeRange(store: Engine): Promise<{ min: number | null; max: number | null }> {
  const r = await store.db
    .selectFrom('vessel_days')
    .select([sql<number | null>`min(t_min)`.as('min'), sql<number | null>`max(t_max)`.as('max')])
    .executeTakeFirstOrThrow();
  return { min: r.min === null ? null : Number(r.min), max: r.max === null ? null : Number(r.max) };
}

/** MMSIs with positions in a day range. */
export async function mmsisWithPositions(db: Db, dayFrom: number, dayTo: number): Promise<number[]> {
  const rows = await db
    .selectFrom('vessel_days')
    .select('mmsi')
    .distinct()
    .where('day', '>=', dayFrom)
    .where('day', '<=', dayTo)
    .orderBy('mmsi')
    .execute();
  return rows.map((r) => r.mmsi);
}

export interface VesselLinkRow {
  mmsi: number;
  entityId: string;
  caption: string;
  schema: string;
  relation: 'vessel' | 'owner';
  score: number;
  details: Record<string, unknown>;
  checkedAt: string;
}

export async function replaceVesselLinks(
  store: Engine,
  mmsi: number,
  links: readonly VesselLinkRow[],
): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('vessel_links').where('mmsi', '=', mmsi).execute();
    if (links.length === 0) return;
    await trx
      .insertInto('vessel_links')
      .values(
        links.map((l) => ({
          mmsi: l.mmsi,
          entity_id: l.entityId,
          caption: l.caption,
          schema: l.schema,
          relation: l.relation,
          score: l.score,
          details: JSON.stringify(l.details),
          checked_at: l.checkedAt,
        })),
      )
      .execute();
  });
}

export async function vesselLinks(store: Engine, mmsis: readonly number[]): Promise<VesselLinkRow[]> {
  if (mmsis.length === 0) return [];
  const out: VesselLinkRow[] = [];
  for (let i = 0; i < mmsis.length; i += 500) {
    const rows = await store.db
      .selectFrom('vessel_links')
      .selectAll()
      .where('mmsi', 'in', mmsis.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.push({
        mmsi: r.mmsi,
        entityId: r.entity_id,
        caption: r.caption,
        schema: r.schema,
        relation: r.relation as 'vessel' | 'owner',
        score: r.score,
        details: store.readJson(r.details),
        checkedAt: store.readTime(r.checked_at),
      });
    }
  }
  return out;
}

/** Every MMSI that has links (for risk listings). */
export async function linkedMmsis(store: Engine): Promise<number[]> {
  const rows = await store.db.selectFrom('vessel_links').select('mmsi').distinct().execute();
  return rows.map((r) => r.mmsi);
}

export interface UserZoneRow {
  id: string;
  name: string;
  geojson: unknown;
  createdBy: string;
  createdAt: string;
}

export async function listUserZones(store: Engine): Promise<UserZoneRow[]> {
  const rows = await store.db.selectFrom('user_zones').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    geojson: store.readJson(r.geojson),
    createdBy: r.created_by,
    createdAt: store.readTime(r.created_at),
  }));
}

export async function insertUserZone(store: Engine, z: UserZoneRow): Promise<void> {
  await store.db
    .insertInto('user_zones')
    .values({
      id: z.id,
      name: z.name,
      geojson: JSON.stringify(z.geojson),
      created_by: z.createdBy,
      created_at: z.createdAt,
    })
    .execute();
}

export async function deleteUserZone(store: Engine, id: string): Promise<boolean> {
  const r = await store.db.deleteFrom('user_zones').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** MMSIs with the most events (first vessel of each event), most first. */
export async function mmsisWithMostEvents(store: Engine, limit: number): Promise<number[]> {
  const rows = await store.db
    .selectFrom('events')
    .select(['mmsi', sql<number>`count(*)`.as('n')])
    .groupBy('mmsi')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('mmsi')
    .limit(limit)
    .execute();
  return rows.map((r) => r.mmsi);
}

export interface AisFeedRow {
  id: string;
  name: string;
  kind: 'tcp' | 'udp';
  host: string;
  port: number;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
}

export async function listAisFeeds(store: Engine): Promise<AisFeedRow[]> {
  const rows = await store.db.selectFrom('ais_feeds').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    host: r.host,
    port: r.port,
    enabled: Number(r.enabled) === 1,
    createdBy: r.created_by,
    createdAt: store.readTime(r.created_at),
  }));
}

export async function insertAisFeed(store: Engine, f: AisFeedRow): Promise<void> {
  await store.db
    .insertInto('ais_feeds')
    .values({
      id: f.id,
      name: f.name,
      kind: f.kind,
      host: f.host,
      port: f.port,
      enabled: f.enabled ? 1 : 0,
      created_by: f.createdBy,
      created_at: f.createdAt,
    })
    .execute();
}

export async function setAisFeedEnabled(store: Engine, id: string, enabled: boolean): Promise<boolean> {
  const r = await store.db
    .updateTable('ais_feeds')
    .set({ enabled: enabled ? 1 : 0 })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteAisFeed(store: Engine, id: string): Promise<boolean> {
  const r = await store.db.deleteFrom('ais_feeds').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
