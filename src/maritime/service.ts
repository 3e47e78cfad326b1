/**
 * Read side of the maritime store for the API and CLI: vessel search, identity history, tracks as GeoJSON,
 * latest positions in an area, and the raw sentence behind a stored position.
 */
import { existsSync, statSync } from 'node:fs';
import { inputChunks } from '../ais/input.ts';
import { LineSplitter } from '../ais/lines.ts';
import type { Store } from '../store/store.ts';
import {
  type Bbox,
  getAisSource,
  getVessel,
  type IdentityRow,
  identityHistory,
  latestPositions,
  searchVessels as searchVesselRows,
  type VesselRow,
  vesselDaysInArea,
  vesselDaysOf,
} from '../store/vessels.ts';
import { flagOfMmsi } from './mmsi.ts';
import { shipTypeName } from './ship-types.ts';
import { decodeTrack, mergeTracks, pointAt, type TrackPoint, utcDay } from './track-codec.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const isoTime = (ms: number): string => new Date(ms).toISOString();

export interface VesselSummary {
  mmsi: number;
  name: string | null;
  imo: number | null;
  callsign: string | null;
  shipType: number | null;
  shipTypeName: string | null;
  flag: string | null;
  flagName: string | null;
  mmsiClass: string;
  firstSeen: string;
  lastSeen: string;
  reports: number;
  positions: number;
  lastPosition: {
    time: string;
    lat: number;
    lon: number;
    sog: number | null;
    cog: number | null;
    heading: number | null;
    status: number | null;
  } | null;
}

export function vesselSummary(v: VesselRow): VesselSummary {
  const flag = flagOfMmsi(v.mmsi);
  return {
    mmsi: v.mmsi,
    name: v.name,
    imo: v.imo,
    callsign: v.callsign,
    shipType: v.shipType,
    shipTypeName: v.shipType === null ? null : shipTypeName(v.shipType),
    flag: v.flag,
    flagName: flag?.name ?? null,
    mmsiClass: v.mmsiClass,
    firstSeen: iso(v.firstSeen) as string,
    lastSeen: iso(v.lastSeen) as string,
    reports: v.messages,
    positions: v.positions,
    lastPosition:
      v.lastT === null || v.lastLat === null || v.lastLon === null
        ? null
        : {
            time: iso(v.lastT) as string,
            lat: v.lastLat,
            lon: v.lastLon,
            sog: v.lastSog,
            cog: v.lastCog,
            heading: v.lastHeading,
            status: v.lastStatus,
          },
  };
}

export async function findVessels(
  store: Store,
  q: { q?: string; mmsiClass?: string; limit: number; offset: number },
): Promise<{ total: number; items: VesselSummary[] }> {
  const r = await searchVesselRows(store, q);
  return { total: r.total, items: r.rows.map(vesselSummary) };
}

export interface IdentityVersionView {
  validFrom: string;
  validTo: string;
  imo: number | null;
  name: string | null;
  callsign: string | null;
  shipType: number | null;
  shipTypeName: string | null;
  length: number | null;
  beam: number | null;
  draught: number | null;
  destination: string | null;
  eta: string | null;
  reports: number;
}

function identityView(v: IdentityRow): IdentityVersionView {
  return {
    validFrom: iso(v.validFrom) as string,
    validTo: iso(v.validTo) as string,
    imo: v.imo,
    name: v.name,
    callsign: v.callsign,
    shipType: v.shipType,
    shipTypeName: v.shipType === null ? null : shipTypeName(v.shipType),
    length: v.length,
    beam: v.beam,
    draught: v.draught,
    destination: v.destination,
    eta: v.eta,
    reports: v.messages,
  };
}

export interface VesselDetail extends VesselSummary {
  identities: IdentityVersionView[];
}

export async function vesselDetail(store: Store, mmsi: number): Promise<VesselDetail | null> {
  const v = await getVessel(store, mmsi);
  if (v === null) return null;
  const history = await identityHistory(store, mmsi);
  return { ...vesselSummary(v), identities: history.map(identityView) };
}

export interface TrackQuery {
  from: number;
  to: number;
  /** At most this many points; beyond it the answer says `truncated`. */
  limit: number;
}

/** The positions of one vessel in [from, to], in time order. */
export async function trackPoints(
  store: Store,
  mmsi: number,
  q: TrackQuery,
): Promise<{ points: TrackPoint[]; total: number }> {
  const rows = await vesselDaysOf(store, mmsi, utcDay(q.from), utcDay(q.to), q.from, q.to);
  if (rows.length === 0) return { points: [], total: 0 };
  const track = mergeTracks(rows.map((r) => decodeTrack(r.data)));
  const points: TrackPoint[] = [];
  let total = 0;
  for (let i = 0; i < track.n; i++) {
    const t = track.t[i] as number;
    if (t < q.from || t > q.to) continue;
    total++;
    if (points.length < q.limit) points.push(pointAt(track, i));
  }
  return { points, total };
}

/**
 * A track as GeoJSON: one LineString (coordinates in time order, their times in `properties.times`) and, when
 * asked, one Point per position with its speed, course and the raw sentence it came from (source + line).
 */
export interface TrackLineFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { mmsi: number; kind: 'track'; times: string[] };
}

export interface TrackPointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    mmsi: number;
    kind: 'position';
    time: string;
    sog: number | null;
    cog: number | null;
    heading: number | null;
    status: number | null;
    msgType: number;
    source: string;
    line: number;
  };
}

export async function trackGeoJson(
  store: Store,
  mmsi: number,
  q: TrackQuery & { points: boolean },
): Promise<{
  type: 'FeatureCollection';
  properties: { mmsi: number; from: string; to: string; count: number; returned: number; truncated: boolean };
  features: (TrackLineFeature | TrackPointFeature)[];
}> {
  const { points, total } = await trackPoints(store, mmsi, q);
  const features: (TrackLineFeature | TrackPointFeature)[] = [];
  if (points.length > 0) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) },
      properties: { mmsi, kind: 'track', times: points.map((p) => isoTime(p.t)) },
    });
  }
  if (q.points) {
    for (const p of points) {
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: {
          mmsi,
          kind: 'position',
          time: isoTime(p.t),
          sog: p.sog,
          cog: p.cog,
          heading: p.heading,
          status: p.status,
          msgType: p.msgType,
          source: p.source,
          line: p.line,
        },
      });
    }
  }
  return {
    type: 'FeatureCollection',
    properties: {
      mmsi,
      from: iso(q.from) as string,
      to: iso(q.to) as string,
      count: total,
      returned: points.length,
      truncated: total > points.length,
    },
    features,
  };
}

export interface LatestPosition {
  mmsi: number;
  name: string | null;
  shipType: number | null;
  flag: string | null;
  mmsiClass: string;
  time: string;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
}

/**
 * The latest position of each vessel inside the box (and time window): from the vessel summary when no
 * window is given, else from the vessel-day tracks. Most recent first.
 */
export async function latestInArea(
  store: Store,
  q: { bbox: Bbox | null; from?: number; to?: number; limit: number },
): Promise<{ items: LatestPosition[]; truncated: boolean }> {
  if (q.from === undefined && q.to === undefined) {
    const rows = await latestPositions(store, q.bbox, q.limit + 1);
    const items = rows.slice(0, q.limit).map((v) => ({
      mmsi: v.mmsi,
      name: v.name,
      shipType: v.shipType,
      flag: v.flag,
      mmsiClass: v.mmsiClass,
      time: iso(v.lastT) as string,
      lat: v.lastLat as number,
      lon: v.lastLon as number,
      sog: v.lastSog,
      cog: v.lastCog,
      heading: v.lastHeading,
    }));
    return { items, truncated: rows.length > q.limit };
  }
  const from = q.from ?? 0;
  const to = q.to ?? Date.now();
  const rows = await vesselDaysInArea(store, utcDay(from), utcDay(to), from, to, q.bbox);
  const best = new Map<number, TrackPoint>();
  const inBox = (p: TrackPoint): boolean => {
    const b = q.bbox;
    if (b === null) return true;
    if (p.lat < b.south || p.lat > b.north) return false;
    return b.west <= b.east ? p.lon >= b.west && p.lon <= b.east : p.lon >= b.west || p.lon <= b.east;
  };
  for (const r of rows) {
    const track = decodeTrack(r.data);
    for (let i = track.n - 1; i >= 0; i--) {
      const t = track.t[i] as number;
      if (t < from || t > to) continue;
      const prior = best.get(r.mmsi);
      if (prior !== undefined && prior.t >= t) break;
      const p = pointAt(track, i);
      if (!inBox(p)) continue;
      best.set(r.mmsi, p);
      break;
    }
  }
  const sorted = [...best.entries()].sort((a, b) => b[1].t - a[1].t);
  const vessels = new Map<number, VesselRow>();
  const top = sorted.slice(0, q.limit);
  for (const [mmsi] of top) {
    const v = await getVessel(store, mmsi);
    if (v) vessels.set(mmsi, v);
  }
  return {
    items: top.map(([mmsi, p]) => {
      const v = vessels.get(mmsi);
      return {
        mmsi,
        name: v?.name ?? null,
        shipType: v?.shipType ?? null,
        flag: v?.flag ?? null,
        mmsiClass: v?.mmsiClass ?? 'ship',
        time: iso(p.t) as string,
        lat: p.lat,
        lon: p.lon,
        sog: p.sog,
        cog: p.cog,
        heading: p.heading,
      };
    }),
    truncated: sorted.length > q.limit,
  };
}

export interface PositionEvidence {
  source: string;
  sourceName: string;
  path: string | null;
  line: number;
  /** The raw lines of the message: preceding fragments and a `$PGHP` time sentence where present. */
  raw: string[];
  /** Why the raw text cannot be shown (file moved or changed since ingest). */
  unavailable: string | null;
}

/**
 * The raw text behind a stored position: the source file is re-read up to the line. The file must still be
 * where it was ingested from, with the same size; otherwise the answer says so (the reference stays).
 */
export async function rawEvidence(
  store: Store,
  source: string,
  line: number,
): Promise<PositionEvidence | null> {
  return (await rawEvidenceMany(store, [{ source, line }]))[0] ?? null;
}

/**
 * The raw text behind several stored positions, in the order asked: each source file is read once, up to the
 * last line wanted (an event's evidence is many lines of one file; reading it per line was one pass each).
 */
export async function rawEvidenceMany(
  store: Store,
  refs: { source: string; line: number }[],
): Promise<(PositionEvidence | null)[]> {
  const out: (PositionEvidence | null)[] = refs.map(() => null);
  const bySource = new Map<string, number[]>();
  refs.forEach((r, i) => {
    const list = bySource.get(r.source) ?? [];
    list.push(i);
    bySource.set(r.source, list);
  });
  for (const [source, indices] of bySource) {
    const s = await getAisSource(store, source);
    if (s === null) continue;
    const base = (line: number) => ({ source, sourceName: s.name, path: s.path, line, raw: [] as string[] });
    let unavailable: string | null = null;
    if (s.path === null || !existsSync(s.path))
      unavailable = 'the source file is no longer where it was ingested from';
    else if (s.bytes !== null && statSync(s.path).size !== s.bytes && s.kind === 'file')
      unavailable = 'the source file has changed since it was ingested';
    if (unavailable !== null || s.path === null) {
      for (const i of indices) out[i] = { ...base(refs[i].line), unavailable };
      continue;
    }
    const wanted = [...new Set(indices.map((i) => refs[i].line))].sort((a, b) => a - b);
    const found = new Map<number, string[]>();
    // read as ingest read it (gzip or not, the same line splitting), so line numbers mean the same lines
    const recent: string[] = [];
    let n = 0;
    let next = 0;
    const onLine = (text: string) => {
      n++;
      if (next >= wanted.length || wanted[next] - n >= 8) return;
      recent.push(text.length > 2048 ? `${text.slice(0, 2048)}…` : text.replace(/\r$/, ''));
      if (recent.length > 8) recent.shift();
      while (next < wanted.length && wanted[next] === n) {
        found.set(n, messageLines(recent.slice(Math.max(0, recent.length - 8))));
        next++;
      }
      // the window restarts for a next wanted line more than 8 lines ahead
      if (next < wanted.length && wanted[next] - n >= 8) recent.length = 0;
    };
    const last = wanted[wanted.length - 1];
    const splitter = new LineSplitter();
    for await (const chunk of inputChunks(s.path, () => {})) {
      splitter.push(chunk, onLine);
      if (n >= last) break;
    }
    if (n < last) splitter.end(onLine);
    for (const i of indices) {
      const line = refs[i].line;
      const raw = found.get(line);
      out[i] = raw
        ? { ...base(line), raw, unavailable: null }
        : { ...base(line), unavailable: `the source has only ${n} lines` };
    }
  }
  return out;
}

/** From lines ending with a message's last sentence: its earlier fragments and a preceding `$PGHP`, if any. */
export function messageLines(window: string[]): string[] {
  const last = window[window.length - 1] ?? '';
  const out = [last];
  const fields = (s: string) => s.slice(s.indexOf('!')).split(',');
  const f = fields(last);
  const count = Number(f[1]);
  let need = Number.isInteger(count) && count > 1 ? count - 1 : 0;
  for (let i = window.length - 2; i >= 0; i--) {
    const s = window[i] as string;
    if (need > 0 && s.includes('!') && fields(s)[3] === f[3]) {
      out.unshift(s);
      need--;
      continue;
    }
    if (need === 0 && s.startsWith('$PGHP')) out.unshift(s);
    if (need === 0) break;
  }
  return out;
}

/**
 * A time argument: ISO 8601 with a time (UTC unless it says otherwise), or a date, which means the start of
 * that UTC day, or its end when `edge` is 'end'. Null when not a valid time.
 */
export function parseInstant(text: string, edge: 'start' | 'end' = 'start'): number | null {
  const s = text.trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (date) {
    const t = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    if (new Date(t).toISOString().slice(0, 10) !== s) return null;
    return edge === 'end' ? t + 86_399_999 : t;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) return null;
  const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(t) ? null : t;
}
