/**
 * Encounter detection (possible ship-to-ship transfers): two vessels within `maxDistanceM` of each other for
 * at least `minDurationMin`, with a median speed under `maxMedianSpeedKn`, away from ports. Only slow
 * positions away from ports take part (gathered by the single-vessel pass), swept in time order through a
 * uniform grid whose cells are as wide as the distance threshold, so each position is compared with the
 * vessels in its 3×3 cells only: the work grows with traffic, never with the number of pairs.
 */
import type { EncounterParams } from './presets.ts';
import { distanceM, type SlowPoints } from './vessel.ts';

export interface EncounterFinding {
  mmsi: [number, number];
  start: number;
  end: number;
  lat: number;
  lon: number;
  details: {
    durationHours: number;
    medianSpeedKn: number;
    medianDistanceM: number;
    minDistanceM: number;
    observations: number;
  };
  /** Positions (source, line) of both vessels at the first, middle and last close observation. */
  evidence: { source: string; line: number }[];
}

interface PairState {
  a: number;
  b: number;
  first: number;
  last: number;
  speeds: number[];
  distances: number[];
  latSum: number;
  lonSum: number;
  evidence: { source: string; line: number }[];
}

/** How long a vessel's last slow position stays its "current" one in the grid (ms). */
const STALE_MS = 15 * 60_000;

function median(values: number[]): number {
  const s = values.slice().sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Sweeps the slow positions (any order; sorted here by time) and returns the encounters found. */
export function detectEncounters(points: SlowPoints, params: EncounterParams): EncounterFinding[] {
  const n = points.n;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const t = points.t;
  order.sort((x, y) => (t[x] as number) - (t[y] as number) || x - y);

  // cell size in degrees of latitude ≥ the distance threshold; longitude cells widen with latitude
  const cellLat = params.maxDistanceM / 111_000;
  const cells = new Map<number, Set<number>>();
  /** Per vessel: its last slow point index and cell key. */
  const lastPoint = new Map<number, number>();
  const lastCell = new Map<number, number>();
  const pairs = new Map<string, PairState>();
  const found: EncounterFinding[] = [];
  const minDur = params.minDurationMin * 60_000;
  const pairGap = params.maxPairGapMin * 60_000;

  // Longitude cells widen with latitude. Each grid row has one width, taken at the row's most poleward degree,
  // so a cell is never narrower than the threshold; neighbours are looked up with each row's own width.
  const rowWidth = (cy: number): number => {
    const rowLat = Math.abs(cy * cellLat - 90) + cellLat;
    const cosLat = Math.cos((Math.min(89, Math.floor(rowLat) + 1) * Math.PI) / 180);
    return cellLat / cosLat;
  };
  const rowOf = (lat: number): number => Math.floor((lat + 90) / cellLat);
  const colOf = (lon: number, cy: number): number => Math.floor((lon + 180) / rowWidth(cy));
  const key = (cy: number, cx: number) => cy * 4_000_000 + cx;

  const closePair = (k: string, p: PairState) => {
    pairs.delete(k);
    if (p.last - p.first < minDur) return;
    const med = median(p.speeds);
    if (med >= params.maxMedianSpeedKn) return;
    const count = p.distances.length;
    const ev = p.evidence;
    found.push({
      mmsi: [p.a, p.b],
      start: p.first,
      end: p.last,
      lat: p.latSum / count,
      lon: p.lonSum / count,
      details: {
        durationHours: Math.round(((p.last - p.first) / 3_600_000) * 100) / 100,
        medianSpeedKn: Math.round(med * 100) / 100,
        medianDistanceM: Math.round(median(p.distances)),
        minDistanceM: Math.round(Math.min(...p.distances)),
        observations: count,
      },
      evidence: ev.length <= 6 ? ev : [...ev.slice(0, 2), ...ev.slice(ev.length - 2)],
    });
  };

  let sweepClock = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const ti = t[i] as number;
    const m = points.mmsi[i] as number;
    const la = points.lat[i] as number;
    const lo = points.lon[i] as number;
    // close pairs that have not been seen together for too long (checked every simulated 10 minutes)
    if (ti - sweepClock > 10 * 60_000) {
      sweepClock = ti;
      for (const [pk, p] of pairs) if (ti - p.last > pairGap) closePair(pk, p);
    }
    const cy = rowOf(la);
    const ck = key(cy, colOf(lo, cy));
    const prevCell = lastCell.get(m);
    if (prevCell !== ck) {
      if (prevCell !== undefined) cells.get(prevCell)?.delete(m);
      let set = cells.get(ck);
      if (!set) {
        set = new Set();
        cells.set(ck, set);
      }
      set.add(m);
      lastCell.set(m, ck);
    }
    lastPoint.set(m, i);
    for (let dy = -1; dy <= 1; dy++) {
      const row = cy + dy;
      const col = colOf(lo, row);
      for (let dx = -1; dx <= 1; dx++) {
        const set = cells.get(key(row, col + dx));
        if (!set) continue;
        for (const other of set) {
          if (other === m) continue;
          const j = lastPoint.get(other) as number;
          const tj = t[j] as number;
          if (ti - tj > STALE_MS) continue;
          const d = distanceM(la, lo, points.lat[j] as number, points.lon[j] as number);
          if (d > params.maxDistanceM) continue;
          const a = Math.min(m, other);
          const b = Math.max(m, other);
          const pk = `${a}:${b}`;
          let p = pairs.get(pk);
          if (p !== undefined && ti - p.last > pairGap) {
            closePair(pk, p);
            p = undefined;
          }
          if (p === undefined) {
            p = {
              a,
              b,
              first: Math.min(ti, tj),
              last: ti,
              speeds: [],
              distances: [],
              latSum: 0,
              lonSum: 0,
              evidence: [],
            };
            pairs.set(pk, p);
          }
          p.last = ti;
          p.speeds.push(points.sog[i] as number, points.sog[j] as number);
          p.distances.push(d);
          p.latSum += (la + (points.lat[j] as number)) / 2;
          p.lonSum += (lo + (points.lon[j] as number)) / 2;
          const evi = { source: points.src[i] as string, line: points.line[i] as number };
          const evj = { source: points.src[j] as string, line: points.line[j] as number };
          if (p.evidence.length < 2) p.evidence.push(evi, evj);
          else {
            // keep the first two and the latest two
            if (p.evidence.length >= 4) p.evidence.length = 2;
            p.evidence.push(evi, evj);
          }
        }
      }
    }
  }
  for (const [pk, p] of pairs) closePair(pk, p);
  found.sort((x, y) => x.start - y.start || x.mmsi[0] - y.mmsi[0] || x.mmsi[1] - y.mmsi[1]);
  return found;
}
