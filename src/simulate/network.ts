/**
 * The lane network of a region preset with its ports resolved against the World Port Index: shortest
 * routes between ports (Dijkstra over the waypoint graph), harbour approaches, random walks along lanes
 * for vessels that are not going to a port (planted behaviours), and a segment list for distance-to-lane
 * queries (fishing cells keep clear of lanes).
 */
import { equirectangularM } from '../geo/distance.ts';
import type { Port, SimGeo } from './geo.ts';
import type { Rng } from './prng.ts';
import type { LatLon, RegionPort, RegionPreset } from './regions.ts';

export interface NetPort {
  key: string;
  wpi: number;
  port: Port;
  /** Node the approach starts from. */
  node: string;
  /** Approach waypoints after the node, towards the port (the berth is added per call). */
  approach: [number, number][];
  harbourM: number;
  weight: number;
  trade: RegionPort['trade'];
}

export interface LaneSegment {
  a: [number, number];
  b: [number, number];
}

export class LaneNetwork {
  readonly region: RegionPreset;
  readonly ports: NetPort[];
  readonly portByKey = new Map<string, NetPort>();
  readonly nodes: Map<string, [number, number]>;
  private readonly adj = new Map<string, { to: string; m: number }[]>();
  /** Every lane edge and approach leg, for distance-to-lane tests. */
  readonly segments: LaneSegment[] = [];
  private readonly geo: SimGeo;
  private readonly caps = new Map<string, number>();

  constructor(region: RegionPreset, geo: SimGeo) {
    this.region = region;
    this.geo = geo;
    this.nodes = new Map(Object.entries(region.nodes).map(([k, v]) => [k, [v[0], v[1]]]));
    for (const [a, b] of region.edges) {
      const pa = this.node(a);
      const pb = this.node(b);
      const m = equirectangularM(pa[0], pa[1], pb[0], pb[1]);
      this.link(a, b, m);
      this.link(b, a, m);
      this.segments.push({ a: pa, b: pb });
    }
    this.ports = region.ports.map((rp) => {
      const port = geo.portByWpi(rp.wpi);
      if (!port) throw new Error(`region ${region.name}: World Port Index has no port ${rp.wpi} (${rp.key})`);
      const [node, ...rest] = rp.approach;
      this.node(node);
      const approach = (rest as LatLon[]).map((p): [number, number] => [p[0], p[1]]);
      const np: NetPort = {
        key: rp.key,
        wpi: rp.wpi,
        port,
        node,
        approach,
        harbourM: rp.harbourM ?? 5000,
        weight: rp.weight,
        trade: rp.trade,
      };
      const legs = [this.node(node), ...approach, [port.lat, port.lon] as [number, number]];
      for (let i = 1; i < legs.length; i++) this.segments.push({ a: legs[i - 1], b: legs[i] });
      this.portByKey.set(rp.key, np);
      return np;
    });
    this.computeCaps();
  }

  /**
   * The largest starboard shift a route may take at one of this network's waypoints: the clearance from the
   * coast of the waypoint and of its legs (outside harbours) less 2 km, at most 5 km. Lanes near a coast
   * narrow there, and ships converge.
   */
  offsetCap(lat: number, lon: number): number {
    return this.caps.get(`${lat},${lon}`) ?? 0;
  }

  /** Clearance (m) of a leg from the coast, ignoring the parts inside a region port's harbour radius. */
  private legClearance(a: readonly [number, number], b: readonly [number, number]): number {
    const d = equirectangularM(a[0], a[1], b[0], b[1]);
    const n = Math.max(1, Math.ceil(d / 300));
    let min = 6500;
    for (let i = 0; i <= n; i++) {
      const lat = a[0] + ((b[0] - a[0]) * i) / n;
      const lon = a[1] + ((b[1] - a[1]) * i) / n;
      if (this.ports.some((p) => equirectangularM(lat, lon, p.port.lat, p.port.lon) <= p.harbourM)) continue;
      const c = this.geo.insideLand(lat, lon) ? 0 : this.geo.distanceToCoastM(lat, lon, min);
      if (c < min) min = c;
    }
    return min;
  }

  private computeCaps(): void {
    const legs: [[number, number], [number, number]][] = this.region.edges.map(([a, b]) => [
      this.node(a),
      this.node(b),
    ]);
    for (const p of this.ports) {
      const pts = [this.node(p.node), ...p.approach];
      for (let i = 1; i < pts.length; i++) legs.push([pts[i - 1], pts[i]]);
      const last = pts[pts.length - 1];
      legs.push([last, [p.port.lat, p.port.lon]]);
    }
    const set = (q: readonly [number, number], c: number) => {
      const key = `${q[0]},${q[1]}`;
      this.caps.set(key, Math.min(this.caps.get(key) ?? Number.POSITIVE_INFINITY, c));
    };
    for (const [a, b] of legs) {
      const c = Math.max(0, Math.min(5000, this.legClearance(a, b) - 2000));
      set(a, c);
      // the port end of an approach is the berth: never shifted
      if (!this.ports.some((p) => p.port.lat === b[0] && p.port.lon === b[1])) set(b, c);
    }
  }

  node(key: string): [number, number] {
    const p = this.nodes.get(key);
    if (!p) throw new Error(`region ${this.region.name}: unknown lane node ${key}`);
    return p;
  }

  private link(a: string, b: string, m: number): void {
    let list = this.adj.get(a);
    if (!list) {
      list = [];
      this.adj.set(a, list);
    }
    list.push({ to: b, m });
  }

  neighbours(key: string): readonly { to: string; m: number }[] {
    return this.adj.get(key) ?? [];
  }

  /** Shortest node path (Dijkstra; the graph has a few dozen nodes). */
  path(from: string, to: string): string[] {
    if (from === to) return [from];
    const dist = new Map<string, number>([[from, 0]]);
    const prev = new Map<string, string>();
    const open = new Set<string>([from]);
    while (open.size > 0) {
      let best = '';
      let bestD = Number.POSITIVE_INFINITY;
      for (const k of open) {
        const d = dist.get(k)!;
        if (d < bestD || (d === bestD && k < best)) {
          best = k;
          bestD = d;
        }
      }
      open.delete(best);
      if (best === to) break;
      for (const { to: n, m } of this.neighbours(best)) {
        const nd = bestD + m;
        if (nd < (dist.get(n) ?? Number.POSITIVE_INFINITY)) {
          dist.set(n, nd);
          prev.set(n, best);
          open.add(n);
        }
      }
    }
    if (!prev.has(to)) throw new Error(`region ${this.region.name}: no lane route from ${from} to ${to}`);
    const out = [to];
    let k = to;
    while (k !== from) {
      k = prev.get(k)!;
      out.push(k);
    }
    return out.reverse();
  }

  /** Lane waypoints between the approach nodes of two ports (inclusive). */
  lanePoints(from: NetPort, to: NetPort): [number, number][] {
    return this.path(from.node, to.node).map((k) => this.node(k));
  }

  /**
   * A random walk along lanes starting at `node`, at least `minM` long, never turning straight back
   * unless at a dead end. Returns the waypoints (the start node first) and the node keys.
   */
  randomWalk(
    rng: Rng,
    node: string,
    minM: number,
    avoidFirst?: string,
  ): { points: [number, number][]; keys: string[] } {
    const keys = [node];
    const points = [this.node(node)];
    let length = 0;
    let prev = avoidFirst ?? '';
    let at = node;
    while (length < minM) {
      const next = this.neighbours(at);
      const options = next.filter((n) => n.to !== prev);
      const step = rng.pick(options.length > 0 ? options : next);
      length += step.m;
      prev = at;
      at = step.to;
      keys.push(at);
      points.push(this.node(at));
    }
    return { points, keys };
  }

  /** The lane node nearest to a point (ties broken by key order). */
  nearestNodes(lat: number, lon: number, count: number): string[] {
    return [...this.nodes.entries()]
      .map(([k, p]) => ({ k, d: equirectangularM(lat, lon, p[0], p[1]) }))
      .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
      .slice(0, count)
      .map((x) => x.k);
  }

  /** Distance in metres from a point to the nearest lane edge or approach leg. */
  distanceToLanesM(lat: number, lon: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const s of this.segments) {
      const d = pointSegmentDistanceM(lat, lon, s.a, s.b);
      if (d < best) best = d;
    }
    return best;
  }
}

/** Distance from a point to a segment in metres (local flat projection). */
export function pointSegmentDistanceM(
  lat: number,
  lon: number,
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const k = Math.cos((lat * Math.PI) / 180);
  const ax = (a[1] - lon) * k;
  const ay = a[0] - lat;
  const bx = (b[1] - lon) * k;
  const by = b[0] - lat;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const x = ax + t * dx;
  const y = ay + t * dy;
  return Math.sqrt(x * x + y * y) * 111_195;
}
