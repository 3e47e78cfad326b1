/**
 * The in-memory side of ingest: observations of one batch gathered per vessel-day (columnar) and per vessel,
 * then turned into store rows merged with what the store already holds. Pure: the ingest service does the I/O.
 */
import type { Observation, StaticObservation } from '../ais/observation.ts';
import type { IdentityRow, VesselDayRow, VesselRow } from '../store/vessels.ts';
import {
  appendPosition,
  emptyTrack,
  encodeTrack,
  normalizeTrack,
  sourceIndex,
  type TrackColumns,
  trackExtent,
  utcDay,
} from './track-codec.ts';

/** Per-vessel counts of one batch. */
interface VesselBatchStats {
  mmsi: number;
  firstSeen: number;
  lastSeen: number;
  reports: number;
  positions: number;
  /** The latest position of the batch (updated in place). */
  last: LastPosition | null;
}

interface LastPosition {
  t: number;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  status: number | null;
}

const DAY_KEY = 1 << 20;

/** One batch of observations from one source, grouped for writing. */
export class IngestBatch {
  readonly source: string;
  readonly days = new Map<number, TrackColumns>();
  readonly statics = new Map<number, StaticObservation[]>();
  readonly vessels = new Map<number, VesselBatchStats>();
  positions = 0;
  staticReports = 0;

  constructor(source: string) {
    this.source = source;
  }

  get size(): number {
    return this.positions + this.staticReports;
  }

  private stats(mmsi: number, t: number): VesselBatchStats {
    let v = this.vessels.get(mmsi);
    if (v === undefined) {
      v = { mmsi, firstSeen: t, lastSeen: t, reports: 0, positions: 0, last: null };
      this.vessels.set(mmsi, v);
    }
    v.reports++;
    if (t < v.firstSeen) v.firstSeen = t;
    if (t > v.lastSeen) v.lastSeen = t;
    return v;
  }

  add(o: Observation): void {
    if (o.kind === 'position') {
      this.addPosition(o.mmsi, o.t, o.lat, o.lon, o.sog, o.cog, o.heading, o.status, o.msgType, o.line);
      return;
    }
    this.stats(o.mmsi, o.t);
    this.staticReports++;
    let list = this.statics.get(o.mmsi);
    if (list === undefined) {
      list = [];
      this.statics.set(o.mmsi, list);
    }
    list.push(o);
  }

  /** One position, from plain values (the decode worker hands positions over as columns, not objects). */
  addPosition(
    mmsi: number,
    t: number,
    lat: number,
    lon: number,
    sog: number | null,
    cog: number | null,
    heading: number | null,
    status: number | null,
    msgType: number,
    line: number,
  ): void {
    const v = this.stats(mmsi, t);
    this.positions++;
    v.positions++;
    if (v.last === null || t >= v.last.t) {
      if (v.last === null) v.last = { t, lat, lon, sog, cog, heading, status };
      else {
        const l = v.last;
        l.t = t;
        l.lat = lat;
        l.lon = lon;
        l.sog = sog;
        l.cog = cog;
        l.heading = heading;
        l.status = status;
      }
    }
    const key = mmsi * DAY_KEY + utcDay(t);
    let track = this.days.get(key);
    if (track === undefined) {
      track = emptyTrack();
      sourceIndex(track, this.source);
      this.days.set(key, track);
    }
    appendPosition(track, t, lat, lon, sog, cog, heading, status, msgType, 0, line);
  }

  /** The vessel-day chunk rows of this batch. */
  dayRows(chunk: number): VesselDayRow[] {
    const rows: VesselDayRow[] = [];
    for (const [key, raw] of this.days) {
      const track = normalizeTrack(raw);
      const e = trackExtent(track);
      rows.push({
        mmsi: Math.floor(key / DAY_KEY),
        day: key % DAY_KEY,
        chunk,
        n: track.n,
        tMin: e.tMin,
        tMax: e.tMax,
        latMin: e.latMin,
        latMax: e.latMax,
        lonMin: e.lonMin,
        lonMax: e.lonMax,
        data: encodeTrack(track),
      });
    }
    return rows;
  }

  dayKeys(): { mmsi: number; day: number }[] {
    return [...this.days.keys()].map((key) => ({ mmsi: Math.floor(key / DAY_KEY), day: key % DAY_KEY }));
  }

  vesselStats(): Iterable<VesselBatchStats> {
    return this.vessels.values();
  }
}

/** What the vessel summary needs to know about an MMSI that the batch does not: class, flag. */
export interface MmsiFacts {
  mmsiClass: string;
  flag: string | null;
}

/**
 * The summary row of a vessel after a batch: counts added, the latest position kept (an older batch does not
 * overwrite a newer position), the current identity taken from the newest identity version.
 */
export function mergeVesselSummary(
  stored: VesselRow | undefined,
  batch: VesselBatchStats,
  identities: readonly IdentityRow[] | undefined,
  facts: MmsiFacts,
): VesselRow {
  const base: VesselRow = stored ?? {
    mmsi: batch.mmsi,
    firstSeen: batch.firstSeen,
    lastSeen: batch.lastSeen,
    messages: 0,
    positions: 0,
    lastT: null,
    lastLat: null,
    lastLon: null,
    lastSog: null,
    lastCog: null,
    lastHeading: null,
    lastStatus: null,
    name: null,
    imo: null,
    callsign: null,
    shipType: null,
    mmsiClass: facts.mmsiClass,
    flag: facts.flag,
    searchText: String(batch.mmsi),
  };
  const out: VesselRow = {
    ...base,
    firstSeen: Math.min(base.firstSeen, batch.firstSeen),
    lastSeen: Math.max(base.lastSeen, batch.lastSeen),
    messages: base.messages + batch.reports,
    positions: base.positions + batch.positions,
    mmsiClass: facts.mmsiClass,
    flag: facts.flag,
  };
  const p = batch.last;
  if (p !== null && (out.lastT === null || p.t >= out.lastT)) {
    out.lastT = p.t;
    out.lastLat = p.lat;
    out.lastLon = p.lon;
    out.lastSog = p.sog;
    out.lastCog = p.cog;
    out.lastHeading = p.heading;
    out.lastStatus = p.status;
  }
  if (identities !== undefined && identities.length > 0) {
    let current = identities[0] as IdentityRow;
    for (const v of identities) if (v.validFrom >= current.validFrom) current = v;
    out.name = current.name;
    out.imo = current.imo;
    out.callsign = current.callsign;
    out.shipType = current.shipType;
    out.searchText = searchTextOf(batch.mmsi, identities);
  }
  return out;
}

/** The MMSI and every name, call sign and IMO the vessel has broadcast, lower-cased, for substring search. */
export function searchTextOf(mmsi: number, identities: readonly IdentityRow[]): string {
  const parts = new Set<string>([String(mmsi)]);
  for (const v of identities) {
    if (v.name) parts.add(v.name.toLowerCase());
    if (v.callsign) parts.add(v.callsign.toLowerCase());
    if (v.imo !== null) parts.add(`imo${v.imo}`);
  }
  return [...parts].join(' | ');
}
