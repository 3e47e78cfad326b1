/**
 * Shared planning state and the motion primitives background and planted vessels are built from: port-to-
 * port voyages with harbour approaches and port calls, lane walks, and the checks that keep positions at
 * sea, away from ports and out of zones.
 */
import { equirectangularM } from '../geo/distance.ts';
import type { SimGeo } from './geo.ts';
import { type Flag, type Identity, IdentityRegistry, type VesselKind } from './identity.ts';
import type { IdentityVersion, Outage, SimVessel, TruthDraft, Voyage } from './model.ts';
import type { LaneNetwork, NetPort } from './network.ts';
import type { SimOptions } from './options.ts';
import { Rng } from './prng.ts';
import {
  NAV,
  offsetPoint,
  offsetPolyline,
  polylineLengthM,
  slicePolyline,
  type Track,
  TrackBuilder,
} from './track.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** A reserved place and time for a planted behaviour (other plants and fishing keep clear of it). */
export interface Reservation {
  lat: number;
  lon: number;
  radiusM: number;
  from: number;
  to: number;
}

export class PlanContext {
  readonly options: SimOptions;
  readonly geo: SimGeo;
  readonly net: LaneNetwork;
  readonly start: number;
  readonly end: number;
  readonly ids = new IdentityRegistry();
  readonly vessels: SimVessel[] = [];
  readonly truth: TruthDraft[] = [];
  readonly outages: Outage[] = [];
  readonly reservations: Reservation[] = [];
  readonly stats: Record<string, number> = {};
  readonly warnings: string[] = [];

  constructor(options: SimOptions, geo: SimGeo, net: LaneNetwork) {
    this.options = options;
    this.geo = geo;
    this.net = net;
    this.start = options.start;
    this.end = options.start + Math.round(options.hours * HOUR);
  }

  rng(...labels: (string | number)[]): Rng {
    return Rng.derive(this.options.seed, ...labels);
  }

  count(key: string, n = 1): void {
    this.stats[key] = (this.stats[key] ?? 0) + n;
  }

  addVessel(v: Omit<SimVessel, 'index'>): SimVessel {
    const vessel = { ...v, index: this.vessels.length } as SimVessel;
    this.vessels.push(vessel);
    for (const version of vessel.identities) this.ids.reserve(version.identity);
    return vessel;
  }

  newIdentity(rng: Rng, flag: Flag, kind: VesselKind, classB: boolean): Identity {
    return this.ids.create(rng, flag, kind, classB);
  }

  /** At sea: outside land polygons and at least `marginM` from the coast. */
  atSea(lat: number, lon: number, marginM: number): boolean {
    if (this.geo.insideLand(lat, lon)) return false;
    return marginM <= 0 || this.geo.distanceToCoastM(lat, lon, marginM) >= marginM;
  }

  nearPort(lat: number, lon: number, radiusM: number): boolean {
    return this.geo.portsWithin(lat, lon, radiusM).length > 0;
  }

  inZone(lat: number, lon: number): boolean {
    return this.geo.zonesAt(lat, lon).length > 0;
  }

  /** Whether a straight line keeps `marginM` from the coast (sampled every 500 m). */
  lineAtSea(a: readonly [number, number], b: readonly [number, number], marginM: number): boolean {
    const d = equirectangularM(a[0], a[1], b[0], b[1]);
    const n = Math.max(1, Math.ceil(d / 500));
    for (let i = 0; i <= n; i++) {
      const f = i / n;
      if (!this.atSea(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, marginM)) return false;
    }
    return true;
  }

  /** Whether a place is free of other reservations (closer than their radii plus ours) in overlapping time. */
  isFree(lat: number, lon: number, radiusM: number, from: number, to: number): boolean {
    for (const r of this.reservations) {
      if (r.to < from || r.from > to) continue;
      if (equirectangularM(lat, lon, r.lat, r.lon) < r.radiusM + radiusM) return false;
    }
    for (const o of this.outages) {
      if (equirectangularM(lat, lon, o.lat, o.lon) < o.radiusM + radiusM + 10_000) return false;
    }
    return true;
  }

  reserve(r: Reservation): void {
    this.reservations.push(r);
  }

  /** The harbour radius (land allowed) of the region port nearest to a point, or 0 outside every harbour. */
  harbourAt(lat: number, lon: number): NetPort | null {
    for (const p of this.net.ports) {
      if (equirectangularM(lat, lon, p.port.lat, p.port.lon) <= p.harbourM) return p;
    }
    return null;
  }
}

/** Identity versions that never change. */
export function fixedIdentity(identity: Identity): IdentityVersion[] {
  return [{ from: Number.NEGATIVE_INFINITY, identity }];
}

/** A berth or anchorage within 1.8 km of the port position, preferring water. */
export function pickBerth(ctx: PlanContext, rng: Rng, port: NetPort): [number, number] {
  let fallback: [number, number] | null = null;
  for (let i = 0; i < 30; i++) {
    const r = 1800 * Math.sqrt(rng.float());
    const a = rng.range(0, 2 * Math.PI);
    const p = offsetPoint(port.port.lat, port.port.lon, r * Math.cos(a), r * Math.sin(a));
    if (!ctx.geo.insideLand(p[0], p[1])) return p;
    fallback ??= p;
  }
  return fallback!;
}

function dedupe(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && equirectangularM(last[0], last[1], p[0], p[1]) < 10) continue;
    out.push(p);
  }
  return out;
}

/**
 * Lane slots: ships keep to starboard of the lane's centre line at the slot's offset and sail at its speed.
 * Speed goes with the offset (slow ships inside, fast ones outside) and is exact, so ships in one slot never
 * overtake each other, and ships that overtake are at least 1.1 km abeam: background traffic on shared lanes
 * does not come within 1 km for long (check.ts), however dense. Opposite directions keep to opposite sides.
 */
export const LANE_SLOTS = [
  { offsetM: 600, knots: 10.2 },
  { offsetM: 1700, knots: 11.6 },
  { offsetM: 2800, knots: 13.0 },
  { offsetM: 3900, knots: 14.4 },
  { offsetM: 5000, knots: 15.8 },
] as const;

/**
 * The route of a voyage from a berth at `from` to a berth at `to`: out along the departure port's approach,
 * the shortest lane route, in along the arrival port's approach, shifted `offsetM` to starboard at every
 * waypoint as far as the coast allows (LaneNetwork.offsetCap), converging on the berths over the last ~12 km.
 */
export function voyageRoute(
  net: LaneNetwork,
  from: NetPort,
  to: NetPort,
  berthFrom: [number, number],
  berthTo: [number, number],
  offsetM: number,
): [number, number][] {
  const lane = net.lanePoints(from, to);
  const out = [...from.approach].reverse();
  const raw: [number, number][] = [berthFrom, ...out, ...lane, ...to.approach, berthTo];
  const caps = raw.map((p, i) => (i === 0 || i === raw.length - 1 ? 0 : net.offsetCap(p[0], p[1])));
  const offsets = caps.map((cap) => Math.min(offsetM, cap));
  return dedupe(offsetPolyline(raw, offsets, caps));
}

/** Harbour speed (knots) at a distance (m) from the berth: 2.5 kn within 2 km, 6 kn within 8 km. */
function harbourSpeed(fromBerthM: number): number {
  return fromBerthM < 2000 ? 2.5 : fromBerthM < 8000 ? 6 : Number.POSITIVE_INFINITY;
}

/**
 * Sails a polyline from distance `fromM` at cruise speed, slowing to 6 kn within 8 km and 2.5 kn within
 * 2 km of its end (`arriving`) and accelerating likewise from its start (`departing`).
 */
export function sailRoute(
  b: TrackBuilder,
  pts: [number, number][],
  cruiseKn: number,
  departing: boolean,
  arriving: boolean,
  fromM = 0,
): void {
  const L = polylineLengthM(pts);
  const marks = [fromM, L];
  if (departing) marks.push(2000, 8000);
  if (arriving) marks.push(L - 8000, L - 2000);
  const cuts = [...new Set(marks.filter((m) => m >= fromM && m <= L))].sort((x, y) => x - y);
  for (let i = 1; i < cuts.length; i++) {
    const d0 = cuts[i - 1];
    const d1 = cuts[i];
    if (d1 - d0 < 1) continue;
    const mid = (d0 + d1) / 2;
    let kn = cruiseKn;
    if (departing) kn = Math.min(kn, harbourSpeed(mid));
    if (arriving) kn = Math.min(kn, harbourSpeed(L - mid));
    b.sailAlong(slicePolyline(pts, d0, d1).slice(1), kn);
  }
}

export interface MerchantPlan {
  track: Track;
  voyages: Voyage[];
  /** Port calls: [port key, arrival at berth, departure]. */
  calls: [string, number, number][];
}

export interface MerchantProfile {
  kind: VesselKind;
  trade: 'international' | 'china' | 'korea' | 'dprk';
  /** Index into LANE_SLOTS. */
  slot: number;
}

function portsFor(net: LaneNetwork, trade: MerchantProfile['trade']): NetPort[] {
  if (trade === 'dprk') return net.ports.filter((p) => p.trade.includes('dprk'));
  return net.ports.filter((p) => p.trade.includes(trade) && !p.trade.every((t) => t === 'dprk'));
}

function pickPort(rng: Rng, ports: NetPort[], not: NetPort | null, dprkAlternate: boolean): NetPort {
  let options = ports.filter((p) => p !== not);
  if (dprkAlternate && not) {
    const notDprk = not.port.country === 'kp';
    options = options.filter((p) => (p.port.country === 'kp') !== notDprk);
  }
  return rng.weighted(options.map((p) => [p, p.weight] as const));
}

/**
 * A merchant vessel's day: under way on a lane at the start, then port calls (approach, berth or anchor
 * for 3–16 h within 2 km of the port, departure) and voyages until the end of the scenario.
 */
export function planMerchant(ctx: PlanContext, rng: Rng, profile: MerchantProfile): MerchantPlan {
  const net = ctx.net;
  const ports = portsFor(net, profile.trade);
  const dprk = profile.trade === 'dprk';
  const { offsetM, knots } = LANE_SLOTS[profile.slot];
  let from = pickPort(rng, ports, null, false);
  let to = pickPort(rng, ports, from, dprk);
  let route = voyageRoute(net, from, to, pickBerth(ctx, rng, from), pickBerth(ctx, rng, to), offsetM);
  // start somewhere on the way, clear of both harbours
  const L = polylineLengthM(route);
  let fromM = L > 30_000 ? rng.range(12_000, L - 12_000) : L / 2;
  const p0 = slicePolyline(route, fromM, fromM)[0];
  const b = new TrackBuilder(ctx.start, p0[0], p0[1]);
  const voyages: Voyage[] = [];
  const calls: [string, number, number][] = [];
  let departing = false;
  for (;;) {
    const voyage: Voyage = { from: b.t, destination: destinationOf(to), eta: null };
    voyages.push(voyage);
    sailRoute(b, route, knots, departing, true, fromM);
    voyage.eta = b.t;
    const arrive = b.t;
    const stay = rng.range(3, 16) * HOUR;
    const drift = offsetPoint(b.lat, b.lon, rng.range(-25, 25), rng.range(-25, 25));
    b.driftTo(stay, drift[0], drift[1], rng.chance(0.6) ? NAV.moored : NAV.anchored);
    calls.push([to.key, arrive, b.t]);
    if (b.t >= ctx.end) break;
    from = to;
    to = pickPort(rng, ports, from, dprk);
    route = voyageRoute(net, from, to, [b.lat, b.lon], pickBerth(ctx, rng, to), offsetM);
    fromM = 0;
    departing = true;
  }
  return { track: b.track, voyages, calls };
}

/** What a master types into the type 5 destination field. */
export function destinationOf(port: NetPort): string {
  const locode = port.port.unlocode;
  const name = port.port.name.toUpperCase().replace(/[^A-Z0-9 ]/g, '');
  return locode.length === 5 && port.port.country !== 'kp'
    ? `${locode.slice(0, 2)} ${locode.slice(2)}`
    : name;
}
