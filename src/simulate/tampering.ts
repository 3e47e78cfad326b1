/**
 * Behaviours planted on background merchant vessels without changing how they move: AIS switched off at
 * sea, spoofed positions (impossible speeds, jumps, positions inland, a second transmitter using the same
 * MMSI elsewhere) and identity tampering (renames, new IMO or call sign, reflagging under a new MMSI, two
 * ships swapping identities, an IMO with a wrong check digit, one IMO under two MMSIs).
 */
import { equirectangularM } from '../geo/distance.ts';
import { HOUR, LANE_SLOTS, MINUTE, type PlanContext } from './context.ts';
import { FLAGS_OF_CONVENIENCE, type Flag, type Identity, withWrongCheckDigit } from './identity.ts';
import type { SimVessel, TruthDraft } from './model.ts';
import { leaveAlongLanes } from './movers.ts';
import type { Rng } from './prng.ts';
import { KNOT_MPS, offsetPoint, TrackBuilder, type TrackPoint } from './track.ts';

const SAMPLE = 2 * MINUTE;

/** Background merchants (Class A, with an IMO) that carry no plant yet. */
function candidates(ctx: PlanContext): SimVessel[] {
  return ctx.vessels.filter(
    (v) =>
      v.background &&
      !v.removed &&
      !v.classB &&
      (v.role === 'cargo' || v.role === 'tanker') &&
      v.labels.length === 0 &&
      v.identities[0].identity.imo !== null,
  );
}

function positionAt(v: SimVessel, t: number): TrackPoint {
  const p: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  v.track.resetCursor();
  return v.track.at(t, p);
}

/** The vessel is at sea, under way, far from ports, zones and outages over [from, to]. */
function clearWindow(
  ctx: PlanContext,
  v: SimVessel,
  from: number,
  to: number,
  portM: number,
  minKn: number,
): boolean {
  v.track.resetCursor();
  const p: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  for (let t = from; t <= to; t += SAMPLE) {
    v.track.at(t, p);
    if (p.sog < minKn) return false;
    if (ctx.nearPort(p.lat, p.lon, portM)) return false;
    if (ctx.inZone(p.lat, p.lon)) return false;
    for (const o of ctx.outages) {
      if (
        t >= o.from - HOUR &&
        t <= o.to + HOUR &&
        equirectangularM(p.lat, p.lon, o.lat, o.lon) < o.radiusM + 30_000
      ) {
        return false;
      }
    }
  }
  v.track.resetCursor();
  return true;
}

function mmsiOf(v: SimVessel): number {
  return v.identities[0].identity.mmsi;
}

/** AIS off at sea: `sea` 14–40 h, `short` 7–11 h (6 h presets only), `open` from 12.5–15 h before the end. */
export function plantSeaGap(ctx: PlanContext, k: number, kind: 'sea' | 'short' | 'open'): boolean {
  const hours = (ctx.end - ctx.start) / HOUR;
  for (let attempt = 0; attempt < 200; attempt++) {
    const rng = ctx.rng('gap', kind, k, attempt);
    const pool = candidates(ctx);
    if (pool.length === 0) break;
    const v = rng.pick(pool);
    let tOff: number;
    let tOn: number | null;
    if (kind === 'open') {
      tOff = ctx.end - rng.range(12.5, 15) * HOUR;
      tOn = null;
      if (tOff < ctx.start + HOUR) return false;
    } else {
      const G = kind === 'sea' ? rng.range(14, Math.min(40, hours - 4)) * HOUR : rng.range(7, 11) * HOUR;
      const latest = ctx.end - HOUR - G;
      if (latest < ctx.start + HOUR) return false;
      tOff = rng.range(ctx.start + HOUR, latest);
      tOn = Math.round((tOff + G) / 1000) * 1000;
    }
    tOff = Math.round(tOff / 1000) * 1000;
    if (!clearWindow(ctx, v, tOff - 30 * MINUTE, Math.min(ctx.end, (tOn ?? ctx.end) + 30 * MINUTE), 8000, 0))
      continue;
    const p = positionAt(v, tOff);
    v.dark.push([tOff, tOn ?? Number.POSITIVE_INFINITY]);
    const hoursDark = ((tOn ?? ctx.end) - tOff) / HOUR;
    const label =
      kind === 'open'
        ? `AIS off at sea ${hoursDark.toFixed(1)} h before the end, not back`
        : `AIS off at sea for ${hoursDark.toFixed(1)} h`;
    v.labels.push(label);
    const details: Record<string, unknown> = {
      kind: kind === 'open' ? 'open' : 'dark_at_sea',
      plannedHours: Math.round(hoursDark * 10) / 10,
      minHours: kind === 'short' ? 6 : 12,
    };
    if (kind === 'short') details.presets = ['sensitive'];
    ctx.truth.push({
      type: 'gap',
      mmsi: [mmsiOf(v)],
      start: tOff,
      end: tOn,
      lat: p.lat,
      lon: p.lon,
      details,
      label,
      resolve: { kind: 'gap', vessel: v.index, off: tOff, on: tOn },
    });
    return true;
  }
  ctx.warnings.push(`no vessel found for a ${kind} gap (${k})`);
  return false;
}

function spoofTruth(
  ctx: PlanContext,
  v: SimVessel,
  kind: string,
  t0: number,
  label: string,
  details: Record<string, unknown>,
): number {
  const p = positionAt(v, t0);
  ctx.truth.push({
    type: 'spoofing',
    mmsi: [mmsiOf(v)],
    start: t0,
    end: t0,
    lat: p.lat,
    lon: p.lon,
    details: { kind, ...details },
    label,
    resolve: { kind: 'spoof', vessel: v.index, episode: v.spoof.length },
  });
  return ctx.truth.length - 1;
}

/** Reporting interval (s) a vessel uses at speed (for sizing episodes to a few reports). */
function intervalS(ctx: PlanContext): number {
  return ctx.options.interval ?? 10;
}

/**
 * `speed`: a few reports 15–40 km off (implied speeds of hundreds of knots, below the jump distance);
 * `jump`: reports 250+ km away for 10–30 min, then back.
 */
export function plantSpoofDisplacement(ctx: PlanContext, k: number, kind: 'speed' | 'jump'): boolean {
  const nodes = [...ctx.net.nodes.entries()].filter(
    ([, p]) => !ctx.inZone(p[0], p[1]) && !ctx.nearPort(p[0], p[1], 15_000),
  );
  for (let attempt = 0; attempt < 200; attempt++) {
    const rng = ctx.rng('spoof', kind, k, attempt);
    const pool = candidates(ctx);
    if (pool.length === 0) break;
    const v = rng.pick(pool);
    const dur =
      kind === 'speed'
        ? Math.max(40_000, Math.round(3.5 * intervalS(ctx)) * 1000)
        : Math.round((rng.range(10, 30) * MINUTE) / 1000) * 1000;
    const t0 = Math.round(rng.range(ctx.start + HOUR, ctx.end - HOUR - dur) / 1000) * 1000;
    if (!clearWindow(ctx, v, t0 - 20 * MINUTE, t0 + dur + 20 * MINUTE, 25_000, 5)) continue;
    const p = positionAt(v, t0);
    let dLat: number;
    let dLon: number;
    if (kind === 'speed') {
      const m = rng.range(15_000, 40_000);
      const a = rng.range(0, 2 * Math.PI);
      const q = offsetPoint(p.lat, p.lon, m * Math.cos(a), m * Math.sin(a));
      dLat = q[0] - p.lat;
      dLon = q[1] - p.lon;
    } else {
      const far = nodes.filter(([, q]) => equirectangularM(p.lat, p.lon, q[0], q[1]) > 250_000);
      if (far.length === 0) continue;
      const q = rng.pick(far)[1];
      dLat = q[0] - p.lat;
      dLon = q[1] - p.lon;
    }
    // the displaced reports must be at sea, out of zones and away from ports too
    let ok = true;
    for (let t = t0; t <= t0 + dur && ok; t += MINUTE / 2) {
      const r = positionAt(v, t);
      const lat = r.lat + dLat;
      const lon = r.lon + dLon;
      if (!ctx.atSea(lat, lon, 3000) || ctx.inZone(lat, lon) || ctx.nearPort(lat, lon, 15_000)) ok = false;
    }
    if (!ok) continue;
    const label =
      kind === 'speed'
        ? `spoofed positions ${(Math.hypot(dLat * 111, dLon * 89)).toFixed(0)} km off for ${Math.round(dur / 1000)} s (impossible speed)`
        : `position jump ${(Math.hypot(dLat * 111, dLon * 89)).toFixed(0)} km away for ${Math.round(dur / MINUTE)} min and back`;
    const truth = spoofTruth(ctx, v, kind, t0, label, {});
    v.spoof.push({ kind, t0, t1: t0 + dur, dLat, dLon, rampMs: 0, truth });
    v.labels.push(label);
    return true;
  }
  ctx.warnings.push(`no vessel found for ${kind} spoofing (${k})`);
  return false;
}

/**
 * Positions moved inland: the reported track slides 20–80 km onto land (at least 25 km from the coast)
 * over an hour (at plausible speeds,
 * so only "on land" gives it away), stays there 30–90 min, and slides back.
 */
export function plantSpoofOnLand(ctx: PlanContext, k: number): boolean {
  for (let attempt = 0; attempt < 600; attempt++) {
    const rng = ctx.rng('spoof', 'on_land', k, attempt);
    const pool = candidates(ctx);
    if (pool.length === 0) break;
    const v = rng.pick(pool);
    const hold = Math.round((rng.range(30, 90) * MINUTE) / 1000) * 1000;
    const t0 = Math.round(rng.range(ctx.start + HOUR, ctx.end - 4 * HOUR - hold) / 1000) * 1000;
    const p = positionAt(v, t0 + HOUR);
    // a shift towards land that keeps the whole held stretch on land, far from ports
    let found: { dLat: number; dLon: number; ramp: number } | null = null;
    for (let tryDir = 0; tryDir < 16 && !found; tryDir++) {
      const a = rng.range(0, 2 * Math.PI);
      const m = rng.range(20_000, 80_000);
      // slide at no more than 30 kn on top of the ship's own speed: "on land" is the only tell
      const ramp = Math.max(HOUR, Math.ceil(m / (30 * KNOT_MPS) / 60) * MINUTE);
      const dur = 2 * ramp + hold;
      if (t0 + dur > ctx.end - HOUR) continue;
      const q = offsetPoint(p.lat, p.lon, m * Math.cos(a), m * Math.sin(a));
      const dLat = q[0] - p.lat;
      const dLon = q[1] - p.lon;
      let ok = true;
      for (let t = t0 + ramp; t <= t0 + ramp + hold && ok; t += 5 * MINUTE) {
        const r = positionAt(v, t);
        const lat = r.lat + dLat;
        const lon = r.lon + dLon;
        // deep inland: the detector can only call a position "on land" 20 km inside Natural Earth's generalised
        // coast (real ships sit up to ~15 km inside it in fjords, lakes and archipelagos; see src/maritime)
        if (!ctx.geo.isLandBeyondDoubt(lat, lon) || ctx.geo.distanceToCoastM(lat, lon, 25_000) < 25_000)
          ok = false;
        else if (ctx.nearPort(lat, lon, 25_000)) ok = false;
      }
      // no zone and no port anywhere along the slide
      for (let t = t0; t <= t0 + dur && ok; t += 5 * MINUTE) {
        const w = t < t0 + ramp ? (t - t0) / ramp : t > t0 + ramp + hold ? (t0 + dur - t) / ramp : 1;
        const r = positionAt(v, t);
        if (
          ctx.inZone(r.lat + w * dLat, r.lon + w * dLon) ||
          ctx.nearPort(r.lat + w * dLat, r.lon + w * dLon, 12_000)
        ) {
          ok = false;
        }
      }
      if (ok && clearWindow(ctx, v, t0 - 20 * MINUTE, t0 + dur + 20 * MINUTE, 8000, 0))
        found = { dLat, dLon, ramp };
    }
    if (!found) continue;
    const dur = 2 * found.ramp + hold;
    const km = Math.hypot(found.dLat * 111, found.dLon * 89);
    const label = `positions spoofed ${km.toFixed(0)} km inland for ${Math.round(hold / MINUTE)} min`;
    const truth = spoofTruth(ctx, v, 'on_land', t0, label, {});
    v.spoof.push({
      kind: 'on_land',
      t0,
      t1: t0 + dur,
      dLat: found.dLat,
      dLon: found.dLon,
      rampMs: found.ramp,
      truth,
    });
    v.labels.push(label);
    return true;
  }
  ctx.warnings.push(`no vessel found for on-land spoofing (${k})`);
  return false;
}

/**
 * A second transmitter broadcasting a vessel's MMSI (and its static data) 150+ km away for 2–6 h: a
 * cloned identity.
 */
export function plantSharedMmsi(ctx: PlanContext, k: number): boolean {
  for (let attempt = 0; attempt < 200; attempt++) {
    const rng = ctx.rng('spoof', 'shared_mmsi', k, attempt);
    const pool = candidates(ctx);
    if (pool.length === 0) break;
    const v = rng.pick(pool);
    const dur = Math.round((rng.range(2, 6) * HOUR) / 1000) * 1000;
    const t0 = Math.round(rng.range(ctx.start + HOUR, ctx.end - HOUR - dur) / 1000) * 1000;
    if (!clearWindow(ctx, v, t0 - 20 * MINUTE, t0 + dur + 20 * MINUTE, 8000, 0)) continue;
    const p = positionAt(v, t0);
    const far = [...ctx.net.nodes.entries()].filter(
      ([, q]) => equirectangularM(p.lat, p.lon, q[0], q[1]) > 250_000 && !ctx.inZone(q[0], q[1]),
    );
    if (far.length === 0) continue;
    const [startNode, at] = rng.pick(far);
    const slot = LANE_SLOTS[rng.int(0, LANE_SLOTS.length - 1)];
    const b = new TrackBuilder(t0 - 30 * MINUTE, at[0], at[1]);
    const cloneEnd = t0 + dur + 30 * MINUTE;
    leaveAlongLanes(ctx, rng, b, slot.knots, slot.offsetM, startNode, false, cloneEnd);
    const track = b.track;
    // far from the real vessel all the time, and clear of ports and zones
    let ok = true;
    const q: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
    for (let t = t0; t <= t0 + dur && ok; t += SAMPLE) {
      const r = positionAt(v, t);
      track.at(t, q);
      if (equirectangularM(r.lat, r.lon, q.lat, q.lon) < 150_000) ok = false;
      else if (ctx.nearPort(q.lat, q.lon, 10_000) || ctx.inZone(q.lat, q.lon)) ok = false;
      else {
        for (const o of ctx.outages) {
          if (t >= o.from && t <= o.to && equirectangularM(q.lat, q.lon, o.lat, o.lon) < o.radiusM + 30_000)
            ok = false;
        }
      }
    }
    if (!ok) continue;
    track.resetCursor();
    const label = `MMSI ${mmsiOf(v)} also broadcast by another ship far away for ${(dur / HOUR).toFixed(1)} h`;
    const clone = ctx.addVessel({
      role: 'clone',
      classB: false,
      background: false,
      labels: [label],
      identities: v.identities,
      track,
      activeFrom: t0,
      activeTo: t0 + dur,
      dark: [],
      spoof: [],
      voyages: v.voyages,
      partners: [],
      replan: null,
    });
    clone.replan = (n) => {
      const r2 = ctx.rng('spoof', 'shared_mmsi', k, attempt, 'walk', n);
      const b2 = new TrackBuilder(t0 - 30 * MINUTE, at[0], at[1]);
      leaveAlongLanes(ctx, r2, b2, slot.knots, slot.offsetM, startNode, false, cloneEnd);
      clone.track = b2.track;
    };
    v.labels.push(label);
    ctx.truth.push({
      type: 'spoofing',
      mmsi: [mmsiOf(v)],
      start: t0,
      end: t0 + dur,
      lat: p.lat,
      lon: p.lon,
      details: { kind: 'shared_mmsi', otherLat: at[0], otherLon: at[1] },
      label,
      resolve: { kind: 'spoof', vessel: clone.index, episode: -1 },
    });
    return true;
  }
  ctx.warnings.push(`no vessel found for a shared MMSI (${k})`);
  return false;
}

export type IdentityPlant =
  | 'name'
  | 'imo'
  | 'callsign'
  | 'flag'
  | 'swap'
  | 'invalid_imo'
  | 'imo_multiple_mmsi';

function changeTime(ctx: PlanContext, rng: Rng, kind: IdentityPlant): number {
  if (kind === 'flag') {
    // the old MMSI falls silent at the change: keep that under 6 h so it is not a gap
    const lo = Math.max(ctx.start + HOUR, ctx.end - 5 * HOUR);
    return Math.round(rng.range(lo, ctx.end - 1.5 * HOUR) / 1000) * 1000;
  }
  return Math.round(rng.range(ctx.start + 2 * HOUR, ctx.end - 2 * HOUR) / 1000) * 1000;
}

function identityTruth(
  ctx: PlanContext,
  vessels: SimVessel[],
  kind: string,
  t: number,
  label: string,
  details: Record<string, unknown>,
  resolve: TruthDraft['resolve'],
  mmsi: number[],
): void {
  const p = positionAt(vessels[0], t);
  ctx.truth.push({
    type: 'identity_change',
    mmsi: [...new Set(mmsi)].sort((a, b) => a - b),
    start: t,
    end: t,
    lat: p.lat,
    lon: p.lon,
    details: { kind, ...details },
    label,
    resolve,
  });
}

/** Identity tampering on background merchants. */
export function plantIdentity(ctx: PlanContext, k: number, kind: IdentityPlant): boolean {
  const rng = ctx.rng('identity', kind, k);
  const pool = candidates(ctx);
  if (pool.length < 2) {
    ctx.warnings.push(`no vessel left for identity ${kind} (${k})`);
    return false;
  }
  const v = rng.pick(pool);
  const old = v.identities[0].identity;
  const t = changeTime(ctx, rng, kind);
  const change = (next: Identity, label: string) => {
    v.identities.push({ from: t, identity: next });
    v.labels.push(label);
  };
  switch (kind) {
    case 'name': {
      const name = ctx.ids.name(rng, old.flag, v.role === 'tanker' ? 'tanker' : 'cargo');
      const label = `renamed ${old.name} → ${name}`;
      change({ ...old, name }, label);
      identityTruth(
        ctx,
        [v],
        'name',
        t,
        label,
        { old: old.name, new: name },
        { kind: 'identity_change', vessels: [v.index], fromVersion: 0, toVersion: 1 },
        [old.mmsi],
      );
      return true;
    }
    case 'imo': {
      const imo = ctx.ids.imo(rng);
      const label = `IMO changed ${old.imo} → ${imo}`;
      change({ ...old, imo }, label);
      identityTruth(
        ctx,
        [v],
        'imo',
        t,
        label,
        { old: old.imo, new: imo },
        { kind: 'identity_change', vessels: [v.index], fromVersion: 0, toVersion: 1 },
        [old.mmsi],
      );
      return true;
    }
    case 'callsign': {
      const callsign = ctx.ids.callsign(rng, old.flag);
      const label = `call sign changed ${old.callsign} → ${callsign}`;
      change({ ...old, callsign }, label);
      identityTruth(
        ctx,
        [v],
        'callsign',
        t,
        label,
        { old: old.callsign, new: callsign },
        { kind: 'identity_change', vessels: [v.index], fromVersion: 0, toVersion: 1 },
        [old.mmsi],
      );
      return true;
    }
    case 'flag': {
      const flags = FLAGS_OF_CONVENIENCE.filter((f) => f !== old.flag);
      const flag: Flag = rng.pick(flags);
      const mmsi = ctx.ids.mmsi(rng, flag);
      const callsign = ctx.ids.callsign(rng, flag);
      const label = `reflagged ${old.flag.toUpperCase()} → ${flag.toUpperCase()}: same IMO ${old.imo}, new MMSI ${mmsi}`;
      change({ ...old, flag, mmsi, callsign }, label);
      const resolve: TruthDraft['resolve'] = {
        kind: 'identity_change',
        vessels: [v.index],
        fromVersion: 0,
        toVersion: 1,
      };
      identityTruth(
        ctx,
        [v],
        'flag',
        t,
        label,
        { imo: old.imo, oldMmsi: old.mmsi, newMmsi: mmsi, oldFlag: old.flag, newFlag: flag },
        resolve,
        [old.mmsi, mmsi],
      );
      // what a detector may also say about the same change
      identityTruth(
        ctx,
        [v],
        'imo_multiple_mmsi',
        t,
        `${label} (IMO seen under both MMSIs)`,
        { imo: old.imo, optional: true, partOf: 'flag' },
        resolve,
        [old.mmsi, mmsi],
      );
      identityTruth(
        ctx,
        [v],
        'callsign',
        t,
        `${label} (new call sign)`,
        { old: old.callsign, new: callsign, optional: true, partOf: 'flag' },
        resolve,
        [old.mmsi, mmsi],
      );
      return true;
    }
    case 'swap': {
      const w = rng.pick(pool.filter((x) => x !== v));
      const other = w.identities[0].identity;
      const label = `identity swap: ${old.name} (MMSI ${old.mmsi}) and ${other.name} (MMSI ${other.mmsi}) exchange names and IMOs`;
      v.identities.push({ from: t, identity: { ...old, name: other.name, imo: other.imo } });
      w.identities.push({ from: t, identity: { ...other, name: old.name, imo: old.imo } });
      v.labels.push(label);
      w.labels.push(label);
      const resolve: TruthDraft['resolve'] = {
        kind: 'identity_change',
        vessels: [v.index, w.index],
        fromVersion: 0,
        toVersion: 1,
      };
      identityTruth(
        ctx,
        [v, w],
        'swap',
        t,
        label,
        { names: [old.name, other.name], imos: [old.imo, other.imo] },
        resolve,
        [old.mmsi, other.mmsi],
      );
      for (const [x, from, to] of [
        [v, old, other],
        [w, other, old],
      ] as const) {
        const r: TruthDraft['resolve'] = {
          kind: 'identity_change',
          vessels: [x.index],
          fromVersion: 0,
          toVersion: 1,
        };
        identityTruth(
          ctx,
          [x],
          'name',
          t,
          `${label} (name)`,
          { old: from.name, new: to.name, optional: true, partOf: 'swap' },
          r,
          [from.mmsi],
        );
        identityTruth(
          ctx,
          [x],
          'imo',
          t,
          `${label} (IMO)`,
          { old: from.imo, new: to.imo, optional: true, partOf: 'swap' },
          r,
          [from.mmsi],
        );
        identityTruth(
          ctx,
          [x],
          'imo_multiple_mmsi',
          t,
          `${label} (IMO ${to.imo} under both MMSIs)`,
          { imo: to.imo, optional: true, partOf: 'swap' },
          resolve,
          [old.mmsi, other.mmsi],
        );
      }
      return true;
    }
    case 'invalid_imo': {
      const bad = withWrongCheckDigit(old.imo!, rng);
      const label = `broadcasts IMO ${bad} (wrong check digit)`;
      v.identities[0] = { from: Number.NEGATIVE_INFINITY, identity: { ...old, imo: bad } };
      v.labels.push(label);
      identityTruth(
        ctx,
        [v],
        'invalid_imo',
        ctx.start,
        label,
        { imo: bad },
        { kind: 'identity_span', vessels: [v.index], versions: [0] },
        [old.mmsi],
      );
      return true;
    }
    case 'imo_multiple_mmsi': {
      const w = rng.pick(pool.filter((x) => x !== v));
      const other = w.identities[0].identity;
      const label = `IMO ${old.imo} broadcast by two ships: ${old.name} (MMSI ${old.mmsi}) and ${other.name} (MMSI ${other.mmsi})`;
      w.identities[0] = { from: Number.NEGATIVE_INFINITY, identity: { ...other, imo: old.imo } };
      v.labels.push(label);
      w.labels.push(label);
      identityTruth(
        ctx,
        [v, w],
        'imo_multiple_mmsi',
        ctx.start,
        label,
        { imo: old.imo },
        { kind: 'identity_span', vessels: [v.index, w.index], versions: [0, 0] },
        [old.mmsi, other.mmsi],
      );
      return true;
    }
  }
}
