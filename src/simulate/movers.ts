/**
 * Planted vessels that move for a purpose: tanker pairs meeting at sea (encounters, short rendezvous),
 * carriers loitering, tankers going dark before a DPRK port call. Each reaches its place at a set time
 * from the lane network, does its thing, and leaves along lanes until the scenario ends.
 */
import { equirectangularM } from '../geo/distance.ts';
import { fixedIdentity, HOUR, LANE_SLOTS, MINUTE, type PlanContext, sailRoute } from './context.ts';
import { FLAGS_OF_CONVENIENCE, type Flag } from './identity.ts';
import type { SimVessel } from './model.ts';
import type { Rng } from './prng.ts';
import type { PlantArea } from './regions.ts';
import {
  KNOT_MPS,
  NAV,
  offsetPoint,
  offsetPolyline,
  polylineLengthM,
  slicePolyline,
  Track,
  TrackBuilder,
} from './track.ts';

/** A planned meeting whose truth is measured on the tracks after planning. */
export interface Meeting {
  a: number;
  b: number;
  preset: 'gfw' | 'rendezvous';
  area: string;
  label: string;
}

const FINAL_APPROACH_M = 1500;
const FINAL_APPROACH_KN = 3;
const DPRK_LINKED: readonly Flag[] = ['kp', 'sl', 'tg', 'mn', 'pw', 'cm'];

function randomInCircle(rng: Rng, lat: number, lon: number, radiusM: number): [number, number] {
  const r = radiusM * Math.sqrt(rng.float());
  const a = rng.range(0, 2 * Math.PI);
  return offsetPoint(lat, lon, r * Math.cos(a), r * Math.sin(a));
}

/** Lane nodes from which a straight line to the spot stays ≥ 2 km off the coast, out of zones, 8 km from ports. */
function accessNodes(ctx: PlanContext, spot: readonly [number, number]): string[] {
  const out: string[] = [];
  for (const key of ctx.net.nearestNodes(spot[0], spot[1], 5)) {
    const node = ctx.net.node(key);
    if (!ctx.lineAtSea(node, spot, 2000)) continue;
    let clear = true;
    const d = equirectangularM(node[0], node[1], spot[0], spot[1]);
    const n = Math.max(1, Math.ceil(d / 2000));
    for (let i = 0; i <= n && clear; i++) {
      const f = i / n;
      const lat = node[0] + (spot[0] - node[0]) * f;
      const lon = node[1] + (spot[1] - node[1]) * f;
      // no zone crossing and no port passage on the way (they would add events nobody planted)
      if (ctx.inZone(lat, lon) || ctx.nearPort(lat, lon, 8000)) clear = false;
    }
    if (clear) out.push(key);
  }
  return out;
}

/**
 * A track that arrives at `spot` at `arrive` (the last 1.5 km at 3 kn when `slowFinal`), coming along
 * lanes from wherever the vessel was at the scenario start; `activity` then extends it from the spot;
 * afterwards the vessel leaves through `exitNode` along lanes until the end of the scenario.
 */
export function visitTrack(
  ctx: PlanContext,
  rng: Rng,
  spot: readonly [number, number],
  arrive: number,
  speedKn: number,
  offsetM: number,
  slowFinal: boolean,
  activity: (b: TrackBuilder) => void,
): Track | null {
  const nodes = accessNodes(ctx, spot);
  if (nodes.length === 0) return null;
  const node = rng.pick(nodes);
  const nodePt = ctx.net.node(node);
  const finalM = slowFinal ? FINAL_APPROACH_M : 0;
  const finalMs = slowFinal ? (FINAL_APPROACH_M / (FINAL_APPROACH_KN * KNOT_MPS)) * 1000 : 0;
  const cruiseMs = arrive - ctx.start - finalMs;
  if (cruiseMs < 0) return null;
  const cruiseM = speedKn * KNOT_MPS * (cruiseMs / 1000);
  const lineM = equirectangularM(nodePt[0], nodePt[1], spot[0], spot[1]);
  const walk = ctx.net.randomWalk(rng, node, Math.max(0, cruiseM + finalM - lineM) + 20_000);
  const inbound = [...walk.points].reverse();
  inbound.push([spot[0], spot[1]]);
  const offsets = inbound.map((_, i) => (i === inbound.length - 1 ? 0 : offsetM));
  const path = offsetPolyline(inbound, offsets);
  const L = polylineLengthM(path);
  const startAt = L - finalM - cruiseM;
  if (startAt < 0) return null;
  const cruise = slicePolyline(path, startAt, L - finalM);
  const b = new TrackBuilder(ctx.start, cruise[0][0], cruise[0][1]);
  b.sailAlong(cruise.slice(1), speedKn);
  if (slowFinal) b.sailAlong(slicePolyline(path, L - finalM, L).slice(1), FINAL_APPROACH_KN);
  // exact arrival time: the slices are straight-line approximations of the offset path
  if (b.t !== arrive) {
    const segs = b.track.segments;
    const drift = arrive - b.t;
    // stretch the cruise part to absorb the few seconds of rounding
    if (segs.length > 0 && Math.abs(drift) < 10 * MINUTE) {
      const s = segs[segs.length - 1];
      s.t1 += drift;
      const dt = (s.t1 - s.t0) / 1000;
      s.sog = dt > 0 ? equirectangularM(s.lat0, s.lon0, s.lat1, s.lon1) / dt / KNOT_MPS : 0;
      b.t = arrive;
    }
  }
  activity(b);
  leaveAlongLanes(ctx, rng, b, speedKn, offsetM, node, slowFinal);
  return b.track;
}

/** From the builder's position to a lane node and on along lanes until `until` (default: the end). */
export function leaveAlongLanes(
  ctx: PlanContext,
  rng: Rng,
  b: TrackBuilder,
  speedKn: number,
  offsetM: number,
  preferredNode: string | null,
  slowStart: boolean,
  until: number = ctx.end,
): void {
  if (b.t >= until) return;
  const here: [number, number] = [b.lat, b.lon];
  const options = accessNodes(ctx, here);
  const node =
    preferredNode && options.includes(preferredNode) ? preferredNode : (options[0] ?? preferredNode);
  if (!node) {
    b.stay(until - b.t, NAV.underWay);
    return;
  }
  const needM = speedKn * KNOT_MPS * ((until - b.t) / 1000) + 20_000;
  const walk = ctx.net.randomWalk(rng, node, needM);
  const pts: [number, number][] = [here, ...walk.points];
  const path = offsetPolyline(
    pts,
    pts.map((_, i) => (i === 0 ? 0 : offsetM)),
  );
  if (slowStart) {
    const L = polylineLengthM(path);
    b.sailAlong(slicePolyline(path, 0, Math.min(FINAL_APPROACH_M, L)).slice(1), FINAL_APPROACH_KN);
    b.sailAlong(slicePolyline(path, Math.min(FINAL_APPROACH_M, L), L).slice(1), speedKn);
  } else b.sailAlong(path.slice(1), speedKn);
}

/** A drifting vessel's positions at breakpoints: a slow random current, turning a little each piece. */
function driftPath(
  rng: Rng,
  spot: readonly [number, number],
  from: number,
  to: number,
  maxKn: number,
  minKn: number,
  fixed: readonly number[],
): { t: number[]; p: [number, number][] } {
  const times = new Set<number>([from, to, ...fixed.filter((x) => x > from && x < to)]);
  for (let t = from + rng.range(30, 60) * MINUTE; t < to; t += rng.range(30, 60) * MINUTE)
    times.add(Math.round(t));
  const t = [...times].sort((a, b) => a - b);
  const p: [number, number][] = [[spot[0], spot[1]]];
  let dir = rng.range(0, 2 * Math.PI);
  for (let i = 1; i < t.length; i++) {
    dir += rng.range(-0.6, 0.6);
    const kn = rng.range(minKn, maxKn);
    const m = kn * KNOT_MPS * ((t[i] - t[i - 1]) / 1000);
    const prev = p[i - 1];
    p.push(offsetPoint(prev[0], prev[1], m * Math.cos(dir), m * Math.sin(dir)));
  }
  return { t, p };
}

/** How far a drift wanders from its start (m). */
function reachOf(spot: readonly [number, number], pts: readonly (readonly [number, number])[]): number {
  let m = 0;
  for (const p of pts) m = Math.max(m, equirectangularM(spot[0], spot[1], p[0], p[1]));
  return m;
}

function pathOk(ctx: PlanContext, pts: readonly (readonly [number, number])[]): boolean {
  for (const q of pts) {
    if (!ctx.atSea(q[0], q[1], 10_000)) return false;
    if (ctx.nearPort(q[0], q[1], 15_000)) return false;
    if (ctx.inZone(q[0], q[1])) return false;
    if (ctx.net.distanceToLanesM(q[0], q[1]) < 10_000) return false;
  }
  return true;
}

function areasFor(ctx: PlanContext, use: PlantArea['uses'][number]): PlantArea[] {
  return ctx.net.region.plantAreas.filter((a) => a.uses.includes(use));
}

function newMover(
  ctx: PlanContext,
  rng: Rng,
  kind: 'tanker' | 'carrier',
  flag: Flag,
  label: string,
): SimVessel {
  const identity = ctx.newIdentity(rng, flag, kind, false);
  return ctx.addVessel({
    role: kind,
    classB: false,
    background: false,
    labels: [label],
    identities: fixedIdentity(identity),
    track: new Track(),
    activeFrom: Number.NEGATIVE_INFINITY,
    activeTo: Number.POSITIVE_INFINITY,
    dark: [],
    spoof: [],
    voyages: [],
    partners: [],
    replan: null,
  });
}

/**
 * Two tankers meeting at sea. `gfw`: 100–230 m apart under 1 kn for 2.5–8 h (an encounter under the
 * GFW definition, and also a rendezvous); `rendezvous`: 60–180 m for 45–90 min (rendezvous preset only).
 */
export function plantMeeting(
  ctx: PlanContext,
  k: number,
  preset: 'gfw' | 'rendezvous',
  meetings: Meeting[],
): boolean {
  const short = preset === 'rendezvous';
  const available = ctx.end - ctx.start - 3.5 * HOUR;
  for (let attempt = 0; attempt < 150; attempt++) {
    const rng = ctx.rng(preset, k, attempt);
    let D = short ? rng.range(45, 90) * MINUTE : rng.range(2.5, 8) * HOUR;
    D = Math.min(D, available);
    if (D < (short ? 45 * MINUTE : 2.5 * HOUR)) return false;
    D = Math.round(D / 1000) * 1000;
    const wait = Math.round(rng.range(short ? 2 : 5, short ? 10 : 25) * MINUTE);
    const after = Math.round(rng.range(short ? 2 : 5, short ? 10 : 20) * MINUTE);
    const tMeet = Math.round(rng.range(ctx.start + 2 * HOUR, ctx.end - D - HOUR - after) / 1000) * 1000;
    const area = rng.pick(areasFor(ctx, 'encounter'));
    const spot = randomInCircle(rng, area.centre[0], area.centre[1], area.radiusM);
    const arriveA = tMeet - wait;
    const leaveA = tMeet + D + after;
    const drift = driftPath(rng, spot, arriveA, leaveA, short ? 0.8 : 0.5, 0.1, [tMeet, tMeet + D]);
    if (!pathOk(ctx, [spot, ...drift.p])) continue;
    const radius = reachOf(spot, drift.p) + 3000;
    if (!ctx.isFree(spot[0], spot[1], radius, arriveA - 1.5 * HOUR, leaveA + 1.5 * HOUR)) continue;
    // B keeps station beside A: a separation that turns slowly
    const sepMin = short ? 60 : 100;
    const sepMax = short ? 180 : 230;
    let bearing = rng.range(0, 2 * Math.PI);
    const bPts: [number, number][] = [];
    const bTimes: number[] = [];
    drift.t.forEach((t, i) => {
      if (t < tMeet || t > tMeet + D) return;
      bearing += rng.range(-0.25, 0.25);
      const s = rng.range(sepMin, sepMax);
      const a = drift.p[i];
      bPts.push(offsetPoint(a[0], a[1], s * Math.cos(bearing), s * Math.sin(bearing)));
      bTimes.push(t);
    });
    const flagA = rng.pick(DPRK_LINKED);
    const flagB = rng.pick<Flag>(['cn', 'cn', 'pa', 'hk', ...FLAGS_OF_CONVENIENCE]);
    const label = short
      ? `rendezvous ${Math.round(D / MINUTE)} min in ${area.name}`
      : `ship-to-ship transfer ${(D / HOUR).toFixed(1)} h in ${area.name}`;
    const va = newMover(ctx, rng, 'tanker', flagA, label);
    const vb = newMover(ctx, rng, 'tanker', flagB, label);
    va.partners.push(vb.index);
    vb.partners.push(va.index);
    const slotA = LANE_SLOTS[rng.int(0, 2)];
    const slotB = LANE_SLOTS[rng.int(0, 2)];
    const build = (walkAttempt: number): boolean => {
      const ra = ctx.rng(preset, k, attempt, 'a', walkAttempt);
      const rb = ctx.rng(preset, k, attempt, 'b', walkAttempt);
      const ta = visitTrack(ctx, ra, spot, arriveA, slotA.knots, slotA.offsetM, true, (b) => {
        for (let i = 1; i < drift.t.length; i++) {
          b.driftTo(drift.t[i] - drift.t[i - 1], drift.p[i][0], drift.p[i][1], NAV.underWay);
        }
      });
      const tb = visitTrack(ctx, rb, bPts[0], tMeet, slotB.knots, slotB.offsetM, true, (b) => {
        for (let i = 1; i < bPts.length; i++)
          b.driftTo(bTimes[i] - bTimes[i - 1], bPts[i][0], bPts[i][1], NAV.underWay);
      });
      if (!ta || !tb) return false;
      va.track = ta;
      vb.track = tb;
      return true;
    };
    if (!build(0)) {
      va.removed = true;
      vb.removed = true;
      continue;
    }
    va.replan = (n) => void build(n);
    vb.replan = (n) => void build(n);
    ctx.reserve({
      lat: spot[0],
      lon: spot[1],
      radiusM: radius,
      from: arriveA - 1.5 * HOUR,
      to: leaveA + 1.5 * HOUR,
    });
    meetings.push({ a: va.index, b: vb.index, preset, area: area.name, label });
    return true;
  }
  ctx.warnings.push(`no place found for ${preset} ${k}`);
  return false;
}

/** A carrier drifting under 1.5 kn for 4.5–10 h away from ports (waiting for a transfer). */
export function plantLoitering(ctx: PlanContext, k: number): boolean {
  const available = ctx.end - ctx.start - 3 * HOUR;
  for (let attempt = 0; attempt < 150; attempt++) {
    const rng = ctx.rng('loitering', k, attempt);
    const D = Math.round(Math.min(rng.range(4.5, 10) * HOUR, available) / 1000) * 1000;
    if (D < 4.5 * HOUR) return false;
    const t0 = Math.round(rng.range(ctx.start + 1.5 * HOUR, ctx.end - D - HOUR) / 1000) * 1000;
    const area = rng.pick(areasFor(ctx, 'loitering'));
    const spot = randomInCircle(rng, area.centre[0], area.centre[1], area.radiusM);
    const drift = driftPath(rng, spot, t0, t0 + D, 0.8, 0.1, []);
    if (!pathOk(ctx, [spot, ...drift.p])) continue;
    const radius = reachOf(spot, drift.p) + 3000;
    if (!ctx.isFree(spot[0], spot[1], radius, t0 - 1.5 * HOUR, t0 + D + 1.5 * HOUR)) continue;
    const label = `carrier loitering ${(D / HOUR).toFixed(1)} h in ${area.name}`;
    const v = newMover(ctx, rng, 'carrier', rng.pick<Flag>(['pa', 'sl', 'tg', 'cn', 'hk', 'mn']), label);
    const slot = LANE_SLOTS[rng.int(0, 3)];
    const build = (walkAttempt: number): boolean => {
      const t = visitTrack(
        ctx,
        ctx.rng('loitering', k, attempt, 'walk', walkAttempt),
        spot,
        t0,
        slot.knots,
        slot.offsetM,
        true,
        (b) => {
          for (let i = 1; i < drift.t.length; i++) {
            b.driftTo(drift.t[i] - drift.t[i - 1], drift.p[i][0], drift.p[i][1], NAV.underWay);
          }
        },
      );
      if (!t) return false;
      v.track = t;
      return true;
    };
    if (!build(0)) {
      v.removed = true;
      continue;
    }
    v.replan = (n) => void build(n);
    ctx.reserve({
      lat: spot[0],
      lon: spot[1],
      radiusM: radius,
      from: t0 - 1.5 * HOUR,
      to: t0 + D + 1.5 * HOUR,
    });
    return true;
  }
  ctx.warnings.push(`no place found for loitering ${k}`);
  return false;
}

/**
 * A tanker that switches its AIS off 15 km before the DPRK territorial sea on its way to Nampo, calls
 * there unseen, and switches it on again 15 km outside on the way back: 14–40 h dark.
 */
export function plantDarkPortCall(ctx: PlanContext, k: number): boolean {
  const port = ctx.net.portByKey.get('NP') ?? ctx.net.ports.find((p) => p.port.country === 'kp');
  if (!port) return false;
  const maxG = Math.min(40, (ctx.end - ctx.start) / HOUR - 5);
  if (maxG < 14) return false;
  for (let attempt = 0; attempt < 30; attempt++) {
    const rng = ctx.rng('dark-port-call', k, attempt);
    const slot = LANE_SLOTS[rng.int(0, 1)];
    const speed = slot.knots;
    const berth = offsetPoint(port.port.lat, port.port.lon, rng.range(-1200, 1200), rng.range(-1200, 1200));
    // the way in from the open Korea Bay: lanes to the port's node, its approach, the berth
    const lane = ctx.net.path('NY', port.node).map((key) => ctx.net.node(key));
    const inbound: [number, number][] = [...lane, ...port.approach, berth];
    // where the territorial sea begins along it
    const L = polylineLengthM(inbound);
    let entryM = -1;
    for (let d = 0; d <= L; d += 250) {
      const q = slicePolyline(inbound, d, d)[0];
      if (ctx.inZone(q[0], q[1])) {
        entryM = d;
        break;
      }
    }
    if (entryM < 20_000) return false;
    const offM = entryM - 15_000;
    const pOff = slicePolyline(inbound, offM, offM)[0];
    const toBerth = slicePolyline(inbound, offM, L);
    // time in and out at this speed
    const probe = new TrackBuilder(0, pOff[0], pOff[1]);
    sailRoute(probe, toBerth, speed, false, true);
    const tIn = probe.t;
    let G = rng.range(14, maxG) * HOUR;
    if (G < 2 * tIn + 3 * HOUR) G = 2 * tIn + 3 * HOUR;
    if (G > maxG * HOUR) continue;
    const latest = ctx.end - 1.5 * HOUR - G;
    if (latest < ctx.start + 2 * HOUR) continue;
    const tOff = Math.round(rng.range(ctx.start + 2 * HOUR, latest) / 1000) * 1000;
    const stay = G - 2 * tIn;
    const label = `went dark near ${port.port.name} for ${(G / HOUR).toFixed(1)} h and called there unseen`;
    const v = newMover(ctx, rng, 'tanker', rng.pick(DPRK_LINKED), label);
    let tOn = 0;
    const offset = slot.offsetM;
    const build = (walkAttempt: number): boolean => {
      const r = ctx.rng('dark-port-call', k, attempt, 'walk', walkAttempt);
      const t = visitTrack(ctx, r, pOff, tOff, speed, offset, false, (b) => {
        sailRoute(b, toBerth, speed, false, true);
        b.driftTo(stay, b.lat + rng.range(-1e-4, 1e-4), b.lon + rng.range(-1e-4, 1e-4), NAV.moored);
        sailRoute(b, [...toBerth].reverse(), speed, true, false);
        tOn = b.t;
      });
      if (!t) return false;
      v.track = t;
      return true;
    };
    if (!build(0)) {
      v.removed = true;
      continue;
    }
    v.replan = (n) => void build(n);
    v.dark.push([tOff, tOn]);
    v.voyages.push({
      from: Number.NEGATIVE_INFINITY,
      destination: rng.pick(['DALIAN', 'LONGKOU', 'CN DLC', 'YANTAI']),
      eta: null,
    });
    ctx.truth.push({
      type: 'gap',
      mmsi: [v.identities[0].identity.mmsi],
      start: tOff,
      end: tOn,
      lat: pOff[0],
      lon: pOff[1],
      details: {
        kind: 'dark_port_call',
        port: port.port.name,
        wpi: port.wpi,
        country: port.port.country,
        plannedHours: Math.round((G / HOUR) * 10) / 10,
        minHours: 12,
      },
      label,
      resolve: { kind: 'gap', vessel: v.index, off: tOff, on: tOn },
    });
    return true;
  }
  ctx.warnings.push(`no dark port call planted (${k})`);
  return false;
}
