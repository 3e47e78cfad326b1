/**
 * Checks on the noiseless tracks: which vessels come within 1 km of each other for more than 20 minutes
 * away from ports, or stay under 2 knots for more than 3 hours away from ports. The planner repairs what
 * it finds among background traffic (so background never meets the encounter or loitering definitions by
 * accident, whatever the noise); the tests call the same function on finished plans.
 *
 * A sweep over time in steps (1 min by default) with a uniform grid of ~1 km cells over the region: each
 * step touches each vessel and the vessels in its 3×3 cells, so the cost grows with vessels × steps.
 */
import { equirectangularM } from '../geo/distance.ts';
import type { SimGeo } from './geo.ts';
import { type SimVessel, transmitting } from './model.ts';
import type { TrackPoint } from './track.ts';

export interface CloseRun {
  a: number;
  b: number;
  from: number;
  to: number;
}

export interface SlowRun {
  vessel: number;
  from: number;
  to: number;
}

export interface CheckOptions {
  stepMs?: number;
  closeM?: number;
  closeMinMs?: number;
  slowKn?: number;
  slowMinMs?: number;
  /** Positions within this distance of any World Port Index port are "in port" and not checked. */
  portM?: number;
  /** Check only these vessels' slow runs (default: background vessels). */
  slowVessels?: (v: SimVessel) => boolean;
  /** Pairs to check (default: any pair that are not partners). */
  pairFilter?: (a: SimVessel, b: SimVessel) => boolean;
}

/** "Within 10 km of a port" as a raster with exact answers near the raster's boundary cells. */
export class NearPortGrid {
  private readonly minLat: number;
  private readonly minLon: number;
  private readonly rows: number;
  private readonly cols: number;
  private readonly res = 0.02;
  /** 0 far, 1 undecided (ask the port index), 2 near. */
  private readonly cells: Uint8Array;
  private readonly geo: SimGeo;
  private readonly radiusM: number;

  constructor(geo: SimGeo, bounds: readonly [number, number, number, number], radiusM: number) {
    this.geo = geo;
    this.radiusM = radiusM;
    this.minLat = bounds[0] - 0.5;
    this.minLon = bounds[1] - 0.5;
    this.rows = Math.ceil((bounds[2] + 0.5 - this.minLat) / this.res);
    this.cols = Math.ceil((bounds[3] + 0.5 - this.minLon) / this.res);
    this.cells = new Uint8Array(this.rows * this.cols);
    const halfDiag = Math.hypot(this.res * 111_195, this.res * 111_195) / 2;
    for (let r = 0; r < this.rows; r++) {
      const lat = this.minLat + (r + 0.5) * this.res;
      for (let c = 0; c < this.cols; c++) {
        const lon = this.minLon + (c + 0.5) * this.res;
        const hit = geo.portsWithin(lat, lon, radiusM + halfDiag)[0];
        this.cells[r * this.cols + c] = !hit ? 0 : hit.distanceM < radiusM - halfDiag ? 2 : 1;
      }
    }
  }

  near(lat: number, lon: number): boolean {
    const r = Math.floor((lat - this.minLat) / this.res);
    const c = Math.floor((lon - this.minLon) / this.res);
    const v = r >= 0 && r < this.rows && c >= 0 && c < this.cols ? this.cells[r * this.cols + c] : 1;
    if (v !== 1) return v === 2;
    return this.geo.portsWithin(lat, lon, this.radiusM).length > 0;
  }
}

const gridCache = new WeakMap<SimGeo, Map<string, NearPortGrid>>();

export function nearPortGrid(
  geo: SimGeo,
  bounds: readonly [number, number, number, number],
  radiusM: number,
): NearPortGrid {
  let byKey = gridCache.get(geo);
  if (!byKey) {
    byKey = new Map();
    gridCache.set(geo, byKey);
  }
  const key = `${bounds.join(',')}|${radiusM}`;
  let g = byKey.get(key);
  if (!g) {
    g = new NearPortGrid(geo, bounds, radiusM);
    byKey.set(key, g);
  }
  return g;
}

/** Close pairs and slow vessels away from ports, on the noiseless tracks in [from, to). */
export function findViolations(
  vessels: readonly SimVessel[],
  geo: SimGeo,
  bounds: readonly [number, number, number, number],
  from: number,
  to: number,
  options: CheckOptions & {
    /** Only pairs with at least one of these, and only these for slowness (re-checking re-planned vessels). */
    focus?: ReadonlySet<number>;
  } = {},
): { close: CloseRun[]; slow: SlowRun[] } {
  const stepMs = options.stepMs ?? 60_000;
  const closeM = options.closeM ?? 1000;
  const closeMinMs = options.closeMinMs ?? 20 * 60_000;
  const slowKn = options.slowKn ?? 2;
  const slowMinMs = options.slowMinMs ?? 3 * 3_600_000;
  const ports = nearPortGrid(geo, bounds, options.portM ?? 10_000);
  const slowFilter = options.slowVessels ?? ((v: SimVessel) => v.background);
  const pairFilter =
    options.pairFilter ??
    ((a: SimVessel, b: SimVessel) => !(a.partners.length > 0 && a.partners.includes(b.index)));
  const focus = options.focus;

  const n = vessels.length;
  const cellLat = 0.009;
  const cellLon = 0.0115;
  const closeLat = closeM / 111_195;
  const minLat = bounds[0] - 1;
  const minLon = bounds[1] - 1;
  const rows = Math.ceil((bounds[2] + 1 - minLat) / cellLat) + 2;
  const cols = Math.ceil((bounds[3] + 1 - minLon) / cellLon) + 2;
  const head = new Int32Array(rows * cols).fill(-1);
  const next = new Int32Array(n);
  const cellOf = new Int32Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const active = new Uint8Array(n);
  const touched: number[] = [];
  const slowSince = new Float64Array(n).fill(Number.NaN);
  const slowReported = new Uint8Array(n);
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  const runs = new Map<number, { from: number; last: number; reported: boolean }>();
  const close: CloseRun[] = [];
  const slow: SlowRun[] = [];
  // per-vessel constants, so the sweep does not call getters millions of times
  const tStart = new Float64Array(n);
  const tEnd = new Float64Array(n);
  const checkSlow = new Uint8Array(n);
  const scan = new Uint8Array(n);
  const hasWindows = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = vessels[i];
    v.track.resetCursor();
    tStart[i] = v.removed ? Number.POSITIVE_INFINITY : Math.max(v.track.start, v.activeFrom);
    tEnd[i] = v.removed ? Number.NEGATIVE_INFINITY : Math.min(v.track.end, v.activeTo);
    hasWindows[i] = v.dark.length > 0 ? 1 : 0;
    scan[i] = !focus || focus.has(i) ? 1 : 0;
    checkSlow[i] = scan[i] && slowFilter(v) ? 1 : 0;
  }

  for (let t = from; t < to; t += stepMs) {
    for (let i = 0; i < n; i++) {
      active[i] = 0;
      if (t < tStart[i] || t > tEnd[i]) continue;
      const v = vessels[i];
      if (hasWindows[i] && !transmitting(v, t)) continue;
      v.track.at(t, pt);
      if (ports.near(pt.lat, pt.lon)) {
        slowSince[i] = Number.NaN;
        continue;
      }
      if (checkSlow[i]) {
        if (pt.sog < slowKn) {
          if (Number.isNaN(slowSince[i])) slowSince[i] = t;
          else if (t - slowSince[i] > slowMinMs && !slowReported[i]) {
            slowReported[i] = 1;
            slow.push({ vessel: i, from: slowSince[i], to: t });
          }
        } else slowSince[i] = Number.NaN;
      }
      active[i] = 1;
      lat[i] = pt.lat;
      lon[i] = pt.lon;
      const r = Math.min(rows - 1, Math.max(0, Math.floor((pt.lat - minLat) / cellLat)));
      const c = Math.min(cols - 1, Math.max(0, Math.floor((pt.lon - minLon) / cellLon)));
      const cell = r * cols + c;
      cellOf[i] = cell;
      next[i] = head[cell];
      if (head[cell] < 0) touched.push(cell);
      head[cell] = i;
    }
    for (let i = 0; i < n; i++) {
      if (!active[i] || !scan[i]) continue;
      const cell = cellOf[i];
      const r = Math.floor(cell / cols);
      const c = cell - r * cols;
      const la = lat[i];
      const lo = lon[i];
      const closeLon = closeLat / Math.cos((la * Math.PI) / 180);
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= rows) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if (cc < 0 || cc >= cols) continue;
          for (let j = head[rr * cols + cc]; j >= 0; j = next[j]) {
            // each pair once: from the smaller index when both are scanned
            if (j === i || (scan[j] && j < i)) continue;
            const dLat = lat[j] - la;
            const dLon = lon[j] - lo;
            if (dLat > closeLat || dLat < -closeLat || dLon > closeLon || dLon < -closeLon) continue;
            if (equirectangularM(la, lo, lat[j], lon[j]) >= closeM) continue;
            const a = Math.min(i, j);
            const b = Math.max(i, j);
            if (!pairFilter(vessels[a], vessels[b])) continue;
            const key = a * 1_000_003 + b;
            const run = runs.get(key);
            if (run && run.last === t - stepMs) {
              run.last = t;
              if (!run.reported && t - run.from > closeMinMs) {
                run.reported = true;
                close.push({ a, b, from: run.from, to: t });
              }
            } else if (run) {
              run.from = t;
              run.last = t;
            } else runs.set(key, { from: t, last: t, reported: false });
          }
        }
      }
    }
    for (const cell of touched) head[cell] = -1;
    touched.length = 0;
    if (runs.size > 10_000) {
      for (const [k, run] of runs) if (run.last < t && !run.reported) runs.delete(k);
    }
  }
  for (const v of vessels) v.track.resetCursor();
  return { close, slow };
}
