/**
 * AIS storage: sources (files and feed logs, with the resume point), per-MMSI identity versions, vessel-day
 * track rows (encoded by maritime/track-codec, opaque here) and the per-vessel summary. SQL only; the
 * merging of identities and tracks is the maritime domain's.
 */
import { type Kysely, sql } from 'kysely';
import type { Engine } from './engine.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export interface AisSourceRow {
  id: string;
  kind: 'file' | 'feed';
  name: string;
  path: string | null;
  format: string;
  bytes: number | null;
  status: 'running' | 'complete';
  linesDone: number;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  summary: unknown;
}

function toSource(store: Engine, r: Database['ais_sources']): AisSourceRow {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    path: r.path,
    format: r.format,
    bytes: r.bytes === null ? null : Number(r.bytes),
    status: r.status,
    linesDone: Number(r.lines_done),
    startedAt: store.readTime(r.started_at),
    finishedAt: r.finished_at === null ? null : store.readTime(r.finished_at),
    startedBy: r.started_by,
    summary: r.summary === null ? null : store.readJson(r.summary),
  };
}

export async function getAisSource(store: Engine, id: string): Promise<AisSourceRow | null> {
  const r = await store.db.selectFrom('ais_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSource(store, r) : null;
}

export async function getAisSources(store: Engine, ids: readonly string[]): Promise<AisSourceRow[]> {
  if (ids.length === 0) return [];
  const rows = await store.db.selectFrom('ais_sources').selectAll().where('id', 'in', ids).execute();
  return rows.map((r) => toSource(store, r));
}

export async function listAisSources(store: Engine, limit = 100): Promise<AisSourceRow[]> {
  const rows = await store.db
    .selectFrom('ais_sources')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => toSource(store, r));
}

/** Registers a source as running (a new one, or a running one being resumed: its resume point is kept). */
export async function startAisSource(
  store: Engine,
  s: Pick<AisSourceRow, 'id' | 'kind' | 'name' | 'path' | 'format' | 'bytes' | 'startedBy'>,
): Promise<void> {
  await store.db
    .insertInto('ais_sources')
    .values({
      id: s.id,
      kind: s.kind,
      name: s.name,
      path: s.path,
      format: s.format,
      bytes: s.bytes,
      status: 'running',
      lines_done: 0,
      started_at: new Date().toISOString(),
      finished_at: null,
      started_by: s.startedBy,
      summary: null,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ path: s.path, name: s.name }))
    .execute();
}

export async function setAisSourceProgress(
  db: Db,
  id: string,
  linesDone: number,
  summary: unknown,
): Promise<void> {
  await db
    .updateTable('ais_sources')
    .set({ lines_done: linesDone, summary: JSON.stringify(summary) })
    .where('id', '=', id)
    .execute();
}

export async function finishAisSource(
  store: Engine,
  id: string,
  linesDone: number,
  summary: unknown,
): Promise<void> {
  await store.db
    .updateTable('ais_sources')
    .set({
      status: 'complete',
      lines_done: linesDone,
      finished_at: new Date().toISOString(),
      summary: JSON.stringify(summary),
    })
    .where('id', '=', id)
    .execute();
}

// --- identities --------------------------------------------------------------------------------------------

export interface IdentityRow {
  mmsi: number;
  validFrom: number;
  validTo: number;
  imo: number | null;
  name: string | null;
  callsign: string | null;
  shipType: number | null;
  length: number | null;
  beam: number | null;
  draught: number | null;
  destination: string | null;
  eta: string | null;
  messages: number;
  /** Bitmasks of the fields the reports at either end carried (see maritime/identity.ts). */
  fieldsAtStart?: number;
  fieldsAtEnd?: number;
  /** The raw message that started this version. */
  source?: string | null;
  line?: number | null;
}

function toIdentity(r: Database['vessel_identities']): IdentityRow {
  return {
    mmsi: r.mmsi,
    validFrom: Number(r.valid_from),
    validTo: Number(r.valid_to),
    imo: r.imo,
    name: r.name,
    callsign: r.callsign,
    shipType: r.ship_type,
    length: r.length,
    beam: r.beam,
    draught: r.draught,
    destination: r.destination,
    eta: r.eta,
    messages: r.messages,
    ...(r.fields_at_start === null ? {} : { fieldsAtStart: r.fields_at_start }),
    ...(r.fields_at_end === null ? {} : { fieldsAtEnd: r.fields_at_end }),
    source: r.source,
    line: r.line === null ? null : Number(r.line),
  };
}

/** Identity versions of these MMSIs, each MMSI's sorted by validFrom. */
export async function identitiesOf(db: Db, mmsis: readonly number[]): Promise<Map<number, IdentityRow[]>> {
  const out = new Map<number, IdentityRow[]>();
  for (let i = 0; i < mmsis.length; i += 500) {
    const rows = await db
      .selectFrom('vessel_identities')
      .selectAll()
      .where('mmsi', 'in', mmsis.slice(i, i + 500))
      .orderBy('mmsi')
      .orderBy('valid_from')
      .execute();
    for (const r of rows) {
      let list = out.get(r.mmsi);
      if (!list) {
        list = [];
        out.set(r.mmsi, list);
      }
      list.push(toIdentity(r));
    }
  }
  return out;
}

/** Replaces the identity history of each MMSI given. */
export async function replaceIdentities(db: Db, byMmsi: Map<number, readonly IdentityRow[]>): Promise<void> {
  const mmsis = [...byMmsi.keys()];
  for (let i = 0; i < mmsis.length; i += 500) {
    await db
      .deleteFrom('vessel_identities')
      .where('mmsi', 'in', mmsis.slice(i, i + 500))
      .execute();
  }
  const rows = [...byMmsi.values()].flat().map((v) => ({
    mmsi: v.mmsi,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    imo: v.imo,
    name: v.name,
    callsign: v.callsign,
    ship_type: v.shipType,
    length: v.length,
    beam: v.beam,
    draught: v.draught,
    destination: v.destination,
    eta: v.eta,
    messages: v.messages,
    fields_at_start: v.fieldsAtStart ?? null,
    fields_at_end: v.fieldsAtEnd ?? null,
    source: v.source ?? null,
    line: v.line ?? null,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('vessel_identities')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function identityHistory(store: Engine, mmsi: number): Promise<IdentityRow[]> {
  return (await identitiesOf(store.db, [mmsi])).get(mmsi) ?? [];
}

/** MMSIs that have broadcast this IMO number at some time. */
export async function mmsisOfImo(store: Engine, imo: number): Promise<number[]> {
  const rows = await store.db
    .selectFrom('vessel_identities')
    .select('mmsi')
    .distinct()
    .where('imo', '=', imo)
    .execute();
  return rows.map((r) => r.mmsi);
}

// --- vessel-day tracks -------------------------------------------------------------------------------------

export interface VesselDayRow {
  mmsi: number;
  day: number;
  chunk: number;
  n: number;
  tMin: number;
  tMax: number;
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
  data: Uint8Array;
}

function toDay(r: Database['vessel_days']): VesselDayRow {
  return {
    mmsi: r.mmsi,
    day: r.day,
    chunk: Number(r.chunk),
    n: r.n,
    tMin: Number(r.t_min),
    tMax: Number(r.t_max),
    latMin: r.lat_min,
    latMax: r.lat_max,
    lonMin: r.lon_min,
    lonMax: r.lon_max,
    data: r.data instanceof Uint8Array ? r.data : new Uint8Array(r.data as ArrayBuffer),
  };
}

function dayValues(rows: readonly VesselDayRow[]) {
  return rows.map((d) => ({
    mmsi: d.mmsi,
    day: d.day,
    chunk: d.chunk,
    n: d.n,
    t_min: d.tMin,
    t_max: d.tMax,
    lat_min: d.latMin,
    lat_max: d.latMax,
    lon_min: d.lonMin,
    lon_max: d.lonMax,
    data: d.data,
  }));
}

export async function insertVesselDays(db: Db, rows: readonly VesselDayRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('vessel_days')
      .values(dayValues(rows.slice(i, i + 1000)))
      .execute();
  }
}

/** Vessel-days (mmsi, day) that are stored as more than one chunk. */
export async function fragmentedVesselDays(
  store: Engine,
  keys?: readonly { mmsi: number; day: number }[],
): Promise<{ mmsi: number; day: number }[]> {
  if (keys && keys.length === 0) return [];
  const q = store.db
    .selectFrom('vessel_days')
    .select(['mmsi', 'day'])
    .groupBy(['mmsi', 'day'])
    .having(sql<number>`count(*)`, '>', 1);
  if (!keys) return q.execute();
  // by MMSI in slices, so the primary key index answers (never a scan of all tracks)
  const mmsis = [...new Set(keys.map((k) => k.mmsi))];
  const wanted = new Set(keys.map((k) => `${k.mmsi}:${k.day}`));
  const out: { mmsi: number; day: number }[] = [];
  for (let i = 0; i < mmsis.length; i += 500) {
    const rows = await q.where('mmsi', 'in', mmsis.slice(i, i + 500)).execute();
    for (const r of rows) if (wanted.has(`${r.mmsi}:${r.day}`)) out.push(r);
  }
  return out;
}

/** All chunks of one vessel-day. */
export async function vesselDayChunks(db: Db, mmsi: number, day: number): Promise<VesselDayRow[]> {
  const rows = await db
    .selectFrom('vessel_days')
    .selectAll()
    .where('mmsi', '=', mmsi)
    .where('day', '=', day)
    .execute();
  return rows.map(toDay);
}

/** Replaces all chunks of one vessel-day by one row. */
export async function replaceVesselDay(db: Db, row: VesselDayRow): Promise<void> {
  await db.deleteFrom('vessel_days').where('mmsi', '=', row.mmsi).where('day', '=', row.day).execute();
  await insertVesselDays(db, [row]);
}

/** The chunks of one vessel over a range of days, overlapping [from, to] (ms). */
export async function vesselDaysOf(
  store: Engine,
  mmsi: number,
  dayFrom: number,
  dayTo: number,
  from = Number.NEGATIVE_INFINITY,
  to = Number.POSITIVE_INFINITY,
): Promise<VesselDayRow[]> {
  let q = store.db
    .selectFrom('vessel_days')
    .selectAll()
    .where('mmsi', '=', mmsi)
    .where('day', '>=', dayFrom)
    .where('day', '<=', dayTo);
  if (Number.isFinite(from)) q = q.where('t_max', '>=', from);
  if (Number.isFinite(to)) q = q.where('t_min', '<=', to);
  return (await q.orderBy('day').orderBy('chunk').execute()).map(toDay);
}

export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Chunks of any vessel over a day range whose time range and bounding box meet the window. */
export async function vesselDaysInArea(
  store: Engine,
  dayFrom: number,
  dayTo: number,
  from: number,
  to: number,
  bbox: Bbox | null,
): Promise<VesselDayRow[]> {
  let q = store.db
    .selectFrom('vessel_days')
    .selectAll()
    .where('day', '>=', dayFrom)
    .where('day', '<=', dayTo)
    .where('t_max', '>=', from)
    .where('t_min', '<=', to);
  if (bbox) {
    q = q.where('lat_max', '>=', bbox.south).where('lat_min', '<=', bbox.north);
    // a box across the antimeridian (west > east) is two boxes
    q =
      bbox.west <= bbox.east
        ? q.where('lon_max', '>=', bbox.west).where('lon_min', '<=', bbox.east)
        : q.where((eb) => eb.or([eb('lon_max', '>=', bbox.west), eb('lon_min', '<=', bbox.east)]));
  }
  return (await q.execute()).map(toDay);
}

/** First and last day with any position, and totals, for status pages. */
export async function trackTotals(store: Engine): Promise<{
  vesselDays: number;
  rows: number;
  positions: number;
  dayMin: number | null;
  dayMax: number | null;
}> {
  const r = await store.db
    .selectFrom('vessel_days')
    .select([
      sql<number>`count(*)`.as('rows'),
      sql<number>`coalesce(sum(n), 0)`.as('positions'),
      sql<number | null>`min(day)`.as('day_min'),
      sql<number | null>`max(day)`.as('day_max'),
    ])
    .executeTakeFirstOrThrow();
  const vd = await store.db
    .selectFrom(store.db.selectFrom('vessel_days').select(['mmsi', 'day']).groupBy(['mmsi', 'day']).as('d'))
    .select(sql<number>`count(*)`.as('c'))
    .executeTakeFirstOrThrow();
  return {
    vesselDays: Number(vd.c),
    rows: Number(r.rows),
    positions: Number(r.positions),
    dayMin: r.day_min === null ? null : Number(r.day_min),
    dayMax: r.day_max === null ? null : Number(r.day_max),
  };
}

// --- vessel summary ----------------------------------------------------------------------------------------

export interface VesselRow {
  mmsi: number;
  firstSeen: number;
  lastSeen: number;
  messages: number;
  positions: number;
  lastT: number | null;
  lastLat: number | null;
  lastLon: number | null;
  lastSog: number | null;
  lastCog: number | null;
  lastHeading: number | null;
  lastStatus: number | null;
  name: string | null;
  imo: number | null;
  callsign: string | null;
  shipType: number | null;
  mmsiClass: string;
  flag: string | null;
  searchText: string;
}

function toVessel(r: Database['vessels']): VesselRow {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    mmsi: r.mmsi,
    firstSeen: Number(r.first_seen),
    lastSeen: Number(r.last_seen),
    messages: Number(r.messages),
    positions: Number(r.positions),
    lastT: num(r.last_t),
    lastLat: r.last_lat,
    lastLon: r.last_lon,
    lastSog: r.last_sog,
    lastCog: r.last_cog,
    lastHeading: r.last_heading,
    lastStatus: r.last_status,
    name: r.name,
    imo: r.imo,
    callsign: r.callsign,
    shipType: r.ship_type,
    mmsiClass: r.mmsi_class,
    flag: r.flag,
    searchText: r.search_text,
  };
}

export async function vesselsByMmsi(db: Db, mmsis: readonly number[]): Promise<Map<number, VesselRow>> {
  const out = new Map<number, VesselRow>();
  for (let i = 0; i < mmsis.length; i += 500) {
    const rows = await db
      .selectFrom('vessels')
      .selectAll()
      .where('mmsi', 'in', mmsis.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.mmsi, toVessel(r));
  }
  return out;
}

export async function getVessel(store: Engine, mmsi: number): Promise<VesselRow | null> {
  return (await vesselsByMmsi(store.db, [mmsi])).get(mmsi) ?? null;
}

/** Writes vessel summaries (whole rows: the caller merged them with what was stored). */
export async function upsertVessels(db: Db, rows: readonly VesselRow[]): Promise<void> {
  const values = rows.map((v) => ({
    mmsi: v.mmsi,
    first_seen: v.firstSeen,
    last_seen: v.lastSeen,
    messages: v.messages,
    positions: v.positions,
    last_t: v.lastT,
    last_lat: v.lastLat,
    last_lon: v.lastLon,
    last_sog: v.lastSog,
    last_cog: v.lastCog,
    last_heading: v.lastHeading,
    last_status: v.lastStatus,
    name: v.name,
    imo: v.imo,
    callsign: v.callsign,
    ship_type: v.shipType,
    mmsi_class: v.mmsiClass,
    flag: v.flag,
    search_text: v.searchText,
  }));
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('vessels')
      .values(values.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('mmsi').doUpdateSet((eb) => ({
          first_seen: eb.ref('excluded.first_seen'),
          last_seen: eb.ref('excluded.last_seen'),
          messages: eb.ref('excluded.messages'),
          positions: eb.ref('excluded.positions'),
          last_t: eb.ref('excluded.last_t'),
          last_lat: eb.ref('excluded.last_lat'),
          last_lon: eb.ref('excluded.last_lon'),
          last_sog: eb.ref('excluded.last_sog'),
          last_cog: eb.ref('excluded.last_cog'),
          last_heading: eb.ref('excluded.last_heading'),
          last_status: eb.ref('excluded.last_status'),
          name: eb.ref('excluded.name'),
          imo: eb.ref('excluded.imo'),
          callsign: eb.ref('excluded.callsign'),
          ship_type: eb.ref('excluded.ship_type'),
          mmsi_class: eb.ref('excluded.mmsi_class'),
          flag: eb.ref('excluded.flag'),
          search_text: eb.ref('excluded.search_text'),
        })),
      )
      .execute();
  }
}

export interface VesselQuery {
  /** MMSI, IMO, name or call sign (any former one too); words must all appear. */
  q?: string;
  mmsiClass?: string;
  limit: number;
  offset: number;
}

/** Vessels matching a query, most recently seen first. */
export async function searchVessels(
  store: Engine,
  query: VesselQuery,
): Promise<{ total: number; rows: VesselRow[] }> {
  let q = store.db.selectFrom('vessels');
  const text = (query.q ?? '').trim().toLowerCase();
  if (text !== '') {
    if (/^\d{9}$/.test(text)) {
      q = q.where('mmsi', '=', Number(text));
    } else if (/^(imo\s*)?\d{7}$/.test(text)) {
      const imo = Number(text.replace(/\D/g, ''));
      q = q.where((eb) =>
        eb.or([
          eb('imo', '=', imo),
          eb('mmsi', 'in', eb.selectFrom('vessel_identities').select('mmsi').where('imo', '=', imo)),
        ]),
      );
    } else {
      for (const word of text.split(/\s+/)) {
        // parameterised LIKE with the wildcards of the user's text escaped
        const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
      }
    }
  }
  if (query.mmsiClass) q = q.where('mmsi_class', '=', query.mmsiClass);
  const total = await q.select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('last_seen', 'desc')
    .orderBy('mmsi')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(total.c), rows: rows.map(toVessel) };
}

/** Latest known position of each vessel inside a box (from the summary), most recent first. */
export async function latestPositions(store: Engine, bbox: Bbox | null, limit: number): Promise<VesselRow[]> {
  let q = store.db.selectFrom('vessels').selectAll().where('last_t', 'is not', null);
  if (bbox) {
    q = q.where('last_lat', '>=', bbox.south).where('last_lat', '<=', bbox.north);
    q =
      bbox.west <= bbox.east
        ? q.where('last_lon', '>=', bbox.west).where('last_lon', '<=', bbox.east)
        : q.where((eb) => eb.or([eb('last_lon', '>=', bbox.west), eb('last_lon', '<=', bbox.east)]));
  }
  return (await q.orderBy('last_t', 'desc').limit(limit).execute()).map(toVessel);
}

export async function vesselCount(store: Engine): Promise<number> {
  const r = await store.db
    .selectFrom('vessels')
    .select(sql<number>`count(*)`.as('c'))
    .executeTakeFirstOrThrow();
  return Number(r.c);
}
