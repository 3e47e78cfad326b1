/**
 * Noiseless vessel motion: a track is a chain of straight segments, each crossed at constant speed (a stop is
 * a segment that drifts a few metres). Positions are linear in latitude/longitude along a segment; segments
 * are short (≤ ~150 km), so this stays within metres of the great circle, and the speed and course a segment
 * reports are computed from the same flat geometry, so implied and reported speeds agree.
 *
 * Emission reads a track forward in time (a cursor, O(1) per position); truth computation samples it.
 */
import { equirectangularM, initialBearingDeg } from '../geo/distance.ts';

/** AIS navigational status codes used by the simulator. */
export const NAV = { underWay: 0, anchored: 1, moored: 5, fishing: 7, undefined: 15 } as const;

export const KNOT_MPS = 1852 / 3600;

export interface Segment {
  t0: number;
  t1: number;
  lat0: number;
  lon0: number;
  lat1: number;
  lon1: number;
  /** Speed over ground, knots (distance / duration). */
  sog: number;
  /** Course over ground, degrees. */
  cog: number;
  status: number;
}

export interface TrackPoint {
  lat: number;
  lon: number;
  sog: number;
  cog: number;
  status: number;
}

export class Track {
  readonly segments: Segment[] = [];
  private cursor = 0;

  get start(): number {
    return this.segments[0]?.t0 ?? 0;
  }

  get end(): number {
    return this.segments[this.segments.length - 1]?.t1 ?? 0;
  }

  /** Position at time t (clamped to the track's span). Fastest when called with increasing t. */
  at(t: number, out: TrackPoint): TrackPoint {
    const segs = this.segments;
    let i = this.cursor;
    if (i >= segs.length) i = segs.length - 1;
    if (segs[i].t0 > t) i = 0;
    while (i < segs.length - 1 && segs[i].t1 <= t) i++;
    this.cursor = i;
    const s = segs[i];
    let f = s.t1 > s.t0 ? (t - s.t0) / (s.t1 - s.t0) : 1;
    if (f < 0) f = 0;
    else if (f > 1) f = 1;
    out.lat = s.lat0 + (s.lat1 - s.lat0) * f;
    out.lon = s.lon0 + (s.lon1 - s.lon0) * f;
    out.sog = s.sog;
    out.cog = s.cog;
    out.status = s.status;
    return out;
  }

  /** A fresh reader (own cursor) over the same segments, for a second pass in time order. */
  reader(): Track {
    const t = new Track();
    (t.segments as Segment[]).push(...this.segments);
    return t;
  }

  resetCursor(): void {
    this.cursor = 0;
  }
}

/** Builds a track forward in time from a start point. */
export class TrackBuilder {
  readonly track = new Track();
  t: number;
  lat: number;
  lon: number;
  private lastCog = 0;

  constructor(t: number, lat: number, lon: number) {
    this.t = t;
    this.lat = lat;
    this.lon = lon;
  }

  private push(t1: number, lat1: number, lon1: number, status: number): void {
    const d = equirectangularM(this.lat, this.lon, lat1, lon1);
    const dt = (t1 - this.t) / 1000;
    const sog = dt > 0 ? d / dt / KNOT_MPS : 0;
    // a stopped ship keeps the heading it had; a moving one steers along the segment
    const cog = d > 1 ? initialBearingDeg(this.lat, this.lon, lat1, lon1) : this.lastCog;
    this.lastCog = cog;
    this.track.segments.push({
      t0: this.t,
      t1,
      lat0: this.lat,
      lon0: this.lon,
      lat1,
      lon1,
      sog,
      cog,
      status,
    });
    this.t = t1;
    this.lat = lat1;
    this.lon = lon1;
  }

  /** Sail straight to (lat, lon) at `knots`. */
  sailTo(lat: number, lon: number, knots: number, status: number = NAV.underWay): this {
    const d = equirectangularM(this.lat, this.lon, lat, lon);
    if (d < 0.5) return this;
    // whole seconds: AIS times are whole seconds, and so are truth times measured on the track
    const dt = Math.max(1000, Math.round(d / (knots * KNOT_MPS)) * 1000);
    this.push(this.t + dt, lat, lon, status);
    return this;
  }

  /** Sail along waypoints at `knots`. */
  sailAlong(
    points: readonly (readonly [number, number])[],
    knots: number,
    status: number = NAV.underWay,
  ): this {
    for (const [lat, lon] of points) this.sailTo(lat, lon, knots, status);
    return this;
  }

  /** Stay for `durationMs`, drifting to (lat, lon) (a few metres for a ship at anchor). */
  driftTo(durationMs: number, lat: number, lon: number, status: number): this {
    this.push(this.t + Math.max(1000, Math.round(durationMs / 1000) * 1000), lat, lon, status);
    return this;
  }

  /** Stay in place for `durationMs`. */
  stay(durationMs: number, status: number): this {
    return this.driftTo(durationMs, this.lat, this.lon, status);
  }
}

/** Linear interpolation between two points (flat, fine over tens of km). */
export function lerpPoint(
  a: readonly [number, number],
  b: readonly [number, number],
  f: number,
): [number, number] {
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** Moves a point by metres north and east. */
export function offsetPoint(lat: number, lon: number, northM: number, eastM: number): [number, number] {
  const dLat = northM / 111_195;
  const dLon = eastM / (111_195 * Math.cos((lat * Math.PI) / 180));
  return [lat + dLat, lon + dLon];
}

/** Length of a polyline in metres. */
export function polylineLengthM(points: readonly (readonly [number, number])[]): number {
  let d = 0;
  for (let i = 1; i < points.length; i++) {
    d += equirectangularM(points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]);
  }
  return d;
}

/** The point at distance `m` along a polyline, and the index of the vertex after it. */
export function pointAlong(
  points: readonly (readonly [number, number])[],
  m: number,
): { point: [number, number]; next: number } {
  let left = m;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const d = equirectangularM(a[0], a[1], b[0], b[1]);
    if (left <= d) return { point: lerpPoint(a, b, d > 0 ? left / d : 0), next: i };
    left -= d;
  }
  const last = points[points.length - 1];
  return { point: [last[0], last[1]], next: points.length };
}

/**
 * A polyline shifted to starboard (right of the direction of travel; negative: port side) by a distance per
 * vertex. Vertices move along the bisector of their two legs (mitre, capped at 3× the offset at sharp
 * turns), so parallel legs stay parallel.
 */
export function offsetPolyline(
  points: readonly (readonly [number, number])[],
  offsetsM: readonly number[],
  /** Largest displacement per vertex (the mitre at a turn is longer than the offset). */
  maxShiftM?: readonly number[],
): [number, number][] {
  const n = points.length;
  const out: [number, number][] = [];
  const normals: [number, number][] = [];
  for (let i = 1; i < n; i++) {
    const [la, lo] = points[i - 1];
    const [lb, lob] = points[i];
    const k = Math.cos((((la + lb) / 2) * Math.PI) / 180);
    const north = (lb - la) * 111_195;
    const east = (lob - lo) * 111_195 * k;
    const len = Math.hypot(north, east) || 1;
    // the right-hand normal of a heading (north, east) is (-east, north)
    normals.push([-east / len, north / len]);
  }
  for (let i = 0; i < n; i++) {
    const [lat, lon] = points[i];
    const off = offsetsM[i] ?? 0;
    if (off === 0 || normals.length === 0) {
      out.push([lat, lon]);
      continue;
    }
    const a = normals[Math.max(0, i - 1)];
    const b = normals[Math.min(normals.length - 1, i)];
    let nn = a[0] + b[0];
    let ne = a[1] + b[1];
    const len = Math.hypot(nn, ne);
    if (len < 1e-9) {
      nn = a[0];
      ne = a[1];
    } else {
      nn /= len;
      ne /= len;
    }
    const cosHalf = Math.max(1 / 3, nn * a[0] + ne * a[1]);
    const m = Math.min(off / cosHalf, maxShiftM?.[i] ?? Number.POSITIVE_INFINITY);
    out.push(offsetPoint(lat, lon, nn * m, ne * m));
  }
  return out;
}

/** The part of a polyline between distances d0 and d1 (metres from its start). */
export function slicePolyline(
  points: readonly (readonly [number, number])[],
  d0: number,
  d1: number,
): [number, number][] {
  const out: [number, number][] = [];
  let acc = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const d = equirectangularM(a[0], a[1], b[0], b[1]);
    const s0 = acc;
    const s1 = acc + d;
    acc = s1;
    if (s1 < d0) continue;
    if (out.length === 0) out.push(lerpPoint(a, b, d > 0 ? Math.max(0, (d0 - s0) / d) : 0));
    if (s1 <= d1) out.push([b[0], b[1]]);
    else {
      out.push(lerpPoint(a, b, d > 0 ? (d1 - s0) / d : 1));
      break;
    }
  }
  if (out.length === 0) {
    const last = points[points.length - 1];
    out.push([last[0], last[1]]);
  }
  return out;
}
