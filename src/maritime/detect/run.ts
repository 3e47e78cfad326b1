/**
 * A detection run: every detector over the stored tracks of a time window, with one preset, replacing that
 * preset's events in the window (ids are stable, so the same data and preset give the same events).
 *
 * One pass reads the vessel-days vessel by vessel (memory: one vessel's track at a time, plus the slow
 * positions for encounters and the coverage counts), runs the single-vessel detectors, and gathers what the
 * cross-vessel steps need: gap confidence from coverage, then encounter pairing over slow positions, then
 * identity events from the identity histories.
 */
import { createHash } from 'node:crypto';
import type { EventRow } from '../../store/events.ts';
import { dataTimeRange, insertDetectionRun, mmsisWithPositions, replaceEvents } from '../../store/events.ts';
import type { Store } from '../../store/store.ts';
import { identitiesOf, vesselDaysOf } from '../../store/vessels.ts';
import { type EventType, eventDiscriminator } from '../events.ts';
import { mmsiClass } from '../mmsi.ts';
import { decodeTrack, mergeTracks, type TrackColumns, utcDay } from '../track-codec.ts';
import { CoverageGrid } from './coverage.ts';
import { detectEncounters } from './encounters.ts';
import { detectIdentityEvents } from './identity-events.ts';
import { type DetectionPreset, paramsOf } from './presets.ts';
import { detectVessel, type GeoContext, SlowPoints, type VesselFinding } from './vessel.ts';

export const ALGORITHMS: Record<EventType, string> = {
  encounter: 'encounter/1',
  loitering: 'loitering/1',
  gap: 'gap/1',
  port_visit: 'port-visit/1',
  zone_entry: 'zone/1',
  zone_exit: 'zone/1',
  spoofing: 'spoofing/1',
  identity_change: 'identity/1',
};

const DETECTOR_OF: Record<
  EventType,
  'encounter' | 'loitering' | 'gap' | 'port' | 'zone' | 'spoofing' | null
> = {
  encounter: 'encounter',
  loitering: 'loitering',
  gap: 'gap',
  port_visit: 'port',
  zone_entry: 'zone',
  zone_exit: 'zone',
  spoofing: 'spoofing',
  identity_change: null,
};

export interface DetectionOptions {
  preset: DetectionPreset;
  geo: GeoContext;
  /** Window (ms); default: all stored data. */
  from?: number;
  to?: number;
  actor: string;
  onProgress?: (done: number, total: number) => void;
  /** Leave the store as it is (evaluation, dry runs). */
  dryRun?: boolean;
}

export interface DetectionSummary {
  preset: string;
  presetVersion: number;
  from: string | null;
  to: string | null;
  vessels: number;
  positions: number;
  byType: Record<string, number>;
  seconds: number;
  events: EventRow[];
}

/** Stable event id: the same finding under the same preset always gets the same id. */
function eventId(preset: string, type: string, mmsi: number[], start: number, discriminator: string): string {
  return createHash('sha256')
    .update(`${preset}|${type}|${mmsi.join(',')}|${start}|${discriminator}`)
    .digest('hex')
    .slice(0, 20);
}

/** Lookback before the window: enough to see a whole gap, loitering run or encounter that ends inside it. */
function lookbackMs(p: DetectionPreset): number {
  return Math.max(p.gap.minHours * 2, p.gap.baselineHours, 24) * 3_600_000;
}

export async function runDetection(store: Store, opts: DetectionOptions): Promise<DetectionSummary> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const p = opts.preset;
  const range = await dataTimeRange(store);
  const empty: DetectionSummary = {
    preset: p.name,
    presetVersion: p.version,
    from: null,
    to: null,
    vessels: 0,
    positions: 0,
    byType: {},
    seconds: 0,
    events: [],
  };
  if (range.min === null || range.max === null) return empty;
  const from = opts.from ?? range.min;
  const to = opts.to ?? range.max;
  const readFrom = from - lookbackMs(p);
  const dataEnd = Math.min(range.max, to);
  const mmsis = await mmsisWithPositions(store.db, utcDay(readFrom), utcDay(to));
  const detectedAt = new Date().toISOString();

  const coverage = new CoverageGrid(p.gap.cellDeg);
  const slow = new SlowPoints();
  const slowMaxKn = Math.max(p.encounter.maxMedianSpeedKn * 2, p.encounter.maxMedianSpeedKn + 2);
  const events: EventRow[] = [];
  const gapCandidates: {
    g: ReturnType<typeof detectVessel>['gaps'][number];
    evidence: { source: string; line: number }[];
  }[] = [];
  let positions = 0;
  let vessels = 0;

  const ref = (c: TrackColumns, i: number) => ({
    source: c.sources[c.src[i] as number] as string,
    line: c.line[i] as number,
  });
  const toEvent = (
    mmsi: number[],
    f:
      | VesselFinding
      | {
          type: EventType;
          start: number;
          end: number | null;
          lat: number;
          lon: number;
          details: Record<string, unknown>;
        },
    evidence: { source: string; line: number }[],
  ): EventRow => {
    const detector = DETECTOR_OF[f.type];
    const discriminator = eventDiscriminator(f.details);
    return {
      id: eventId(p.name, f.type, mmsi, f.start, discriminator),
      type: f.type,
      preset: p.name,
      algorithm: ALGORITHMS[f.type],
      params: detector === null ? { presetVersion: p.version } : paramsOf(p, detector),
      mmsi,
      start: f.start,
      end: f.end,
      lat: f.lat,
      lon: f.lon,
      details: f.details,
      evidence,
      detectedAt,
    };
  };

  for (let k = 0; k < mmsis.length; k += 200) {
    const slice = mmsis.slice(k, k + 200);
    for (const mmsi of slice) {
      const cls = mmsiClass(mmsi);
      // base stations, aids to navigation, SAR aircraft and the like are not vessels that transfer cargo
      if (cls !== 'ship' && cls !== 'invalid') continue;
      const rows = await vesselDaysOf(store, mmsi, utcDay(readFrom), utcDay(to), readFrom, to);
      if (rows.length === 0) continue;
      const track = mergeTracks(rows.map((r) => decodeTrack(r.data)));
      // keep only [readFrom, to]
      let lo = 0;
      while (lo < track.n && (track.t[lo] as number) < readFrom) lo++;
      let hi = track.n;
      while (hi > lo && (track.t[hi - 1] as number) > to) hi--;
      const c = lo === 0 && hi === track.n ? track : sliceTrack(track, lo, hi);
      if (c.n === 0) continue;
      vessels++;
      for (let i = 0; i < c.n; i++)
        coverage.add(c.t[i] as number, (c.lat[i] as number) / 600000, (c.lon[i] as number) / 600000);
      const r = detectVessel(mmsi, c, p, opts.geo, dataEnd, slow, slowMaxKn);
      positions += r.positions;
      for (const f of r.findings) {
        const idx = [...new Set(f.evidence)].filter((i) => i >= 0 && i < c.n);
        events.push(
          toEvent(
            [mmsi],
            f,
            idx.map((i) => ref(c, i)),
          ),
        );
      }
      for (const g of r.gaps) {
        const after = g.end === null ? [] : [ref(c, Math.min(c.n - 1, nextIndex(c, g.i)))];
        gapCandidates.push({ g, evidence: [ref(c, g.i), ...after] });
      }
    }
    opts.onProgress?.(Math.min(mmsis.length, k + 200), mmsis.length);
  }

  for (const { g, evidence } of gapCandidates) {
    let end = dataEnd;
    if (g.end === null) {
      // an open gap lasts until the data ends, but only where the area still reported: a vessel is not dark
      // because the recording of its region stopped
      const last = coverage.lastHourWithData(
        g.lat,
        g.lon,
        Math.floor(g.start / 3_600_000),
        Math.floor(dataEnd / 3_600_000),
      );
      const areaEnd = last < 0 ? g.start : Math.min(dataEnd, (last + 1) * 3_600_000);
      if (areaEnd - g.start < p.gap.minHours * 3_600_000) continue;
      end = areaEnd;
    }
    const cov = coverage.gapConfidence(g, p.gap.baselineHours, end);
    events.push(
      toEvent(
        [g.mmsi],
        {
          type: 'gap',
          start: g.start,
          end: g.end,
          lat: g.lat,
          lon: g.lon,
          details: {
            hours: Math.round((((g.end ?? end) - g.start) / 3_600_000) * 100) / 100,
            open: g.end === null,
            confidence: cov.confidence,
            areaRateBefore: cov.areaRateBefore,
            areaRateDuring: cov.areaRateDuring,
            distanceKm: g.distanceM === null ? null : Math.round(g.distanceM / 100) / 10,
            endLat: g.endLat,
            endLon: g.endLon,
          },
        },
        evidence,
      ),
    );
  }

  const encounters = detectEncounters(slow, p.encounter);
  for (const e of encounters) {
    events.push(
      toEvent(
        e.mmsi,
        { type: 'encounter', start: e.start, end: e.end, lat: e.lat, lon: e.lon, details: { ...e.details } },
        e.evidence,
      ),
    );
  }
  // Vessels of an encounter loiter too (under 2 kn for hours away from ports): both events are kept, as Global
  // Fishing Watch publishes both; the loitering of a lone vessel is what hints at a transfer with a dark partner.
  const kept = events;

  const identities = await identitiesOf(store.db, mmsis);
  for (const f of detectIdentityEvents(identities)) {
    if (f.start < readFrom || f.start > to) continue;
    kept.push(
      toEvent(
        f.mmsi,
        {
          type: 'identity_change',
          start: f.start,
          end: f.end,
          lat: Number.NaN,
          lon: Number.NaN,
          details: f.details,
        },
        f.evidence,
      ),
    );
  }
  // identity events have no position of their own: place them at the vessel's position nearest in time
  const windowed = kept.filter((e) => e.start >= from && e.start <= to);
  await placeIdentityEvents(store, windowed);
  windowed.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));

  const byType: Record<string, number> = {};
  for (const e of windowed) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const summary: DetectionSummary = {
    preset: p.name,
    presetVersion: p.version,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    vessels,
    positions,
    byType,
    seconds: Math.round(performance.now() - t0) / 1000,
    events: windowed,
  };
  if (!opts.dryRun) {
    await replaceEvents(store, p.name, from, to, windowed);
    await insertDetectionRun(store, {
      id: eventId(p.name, 'run', [], Date.now(), startedAt),
      preset: p.name,
      from,
      to,
      startedAt,
      finishedAt: new Date().toISOString(),
      startedBy: opts.actor,
      summary: { vessels, positions, byType, seconds: summary.seconds },
    });
  }
  return summary;
}

function nextIndex(c: TrackColumns, i: number): number {
  const t = c.t[i] as number;
  let j = i + 1;
  while (j < c.n && (c.t[j] as number) === t) j++;
  return j;
}

function sliceTrack(c: TrackColumns, lo: number, hi: number): TrackColumns {
  return {
    n: hi - lo,
    t: c.t.subarray(lo, hi),
    lat: c.lat.subarray(lo, hi),
    lon: c.lon.subarray(lo, hi),
    sog: c.sog.subarray(lo, hi),
    cog: c.cog.subarray(lo, hi),
    heading: c.heading.subarray(lo, hi),
    status: c.status.subarray(lo, hi),
    msgType: c.msgType.subarray(lo, hi),
    src: c.src.subarray(lo, hi),
    line: c.line.subarray(lo, hi),
    sources: c.sources,
  };
}

/** Gives identity events the position of their (first) vessel nearest their time. */
async function placeIdentityEvents(store: Store, events: EventRow[]): Promise<void> {
  for (const e of events) {
    if (e.type !== 'identity_change' || !Number.isNaN(e.lat)) continue;
    const mmsi = e.mmsi[e.mmsi.length - 1] as number;
    const day = utcDay(e.start);
    const rows = await vesselDaysOf(store, mmsi, day - 1, day + 1);
    let best: { d: number; lat: number; lon: number } | null = null;
    for (const r of rows) {
      const c = decodeTrack(r.data);
      for (let i = 0; i < c.n; i++) {
        const d = Math.abs((c.t[i] as number) - e.start);
        if (best === null || d < best.d)
          best = { d, lat: (c.lat[i] as number) / 600000, lon: (c.lon[i] as number) / 600000 };
      }
    }
    e.lat = best?.lat ?? 0;
    e.lon = best?.lon ?? 0;
    if (best === null) e.details = { ...e.details, positionUnknown: true };
  }
}
