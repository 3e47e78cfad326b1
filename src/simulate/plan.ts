/**
 * The scenario planner: background traffic (merchant ships on lanes between ports, fishing fleets on their
 * grounds), planted behaviours, a repair loop that keeps background clear of the encounter and loitering
 * definitions, and the ground truth measured on the noiseless tracks.
 */
import { equirectangularM } from '../geo/distance.ts';
import { findViolations } from './check.ts';
import { fixedIdentity, HOUR, LANE_SLOTS, PlanContext, planMerchant } from './context.ts';
import { loadSimGeo, type SimGeo } from './geo.ts';
import type { Flag } from './identity.ts';
import type { ScenarioPlan, SimVessel } from './model.ts';
import { type Meeting, plantDarkPortCall, plantLoitering, plantMeeting } from './movers.ts';
import { LaneNetwork } from './network.ts';
import {
  defaultPlantCounts,
  NO_PLANTS,
  type PlantCounts,
  resolveOptions,
  type SimOptions,
} from './options.ts';
import type { Rng } from './prng.ts';
import { type FishingGround, regionByName } from './regions.ts';
import {
  plantIdentity,
  plantSeaGap,
  plantSharedMmsi,
  plantSpoofDisplacement,
  plantSpoofOnLand,
} from './tampering.ts';
import { NAV, Track, TrackBuilder } from './track.ts';
import { loiteringTruth, meetingTruth, portVisitTruth, zoneTruth } from './track-truth.ts';

const CELL_M = 5000;
const CELL_MARGIN_M = 700;

interface FishingCell {
  ground: FishingGround;
  /** Inner box the boat stays in: [minLat, minLon, maxLat, maxLon]. */
  inner: [number, number, number, number];
}

/** Cells of a global 5 km grid inside the fishing grounds, clear of land, lanes, ports, zone borders. */
function fishingCells(ctx: PlanContext): Map<FishingGround, FishingCell[]> {
  const refLat = (ctx.net.region.bounds[0] + ctx.net.region.bounds[2]) / 2;
  const dLat = CELL_M / 111_195;
  const dLon = CELL_M / (111_195 * Math.cos((refLat * Math.PI) / 180));
  const mLat = CELL_MARGIN_M / 111_195;
  const mLon = CELL_MARGIN_M / (111_195 * Math.cos((refLat * Math.PI) / 180));
  const taken = new Set<string>();
  const out = new Map<FishingGround, FishingCell[]>();
  for (const ground of ctx.net.region.fishing) {
    const [la0, lo0, la1, lo1] = ground.box;
    const cells: FishingCell[] = [];
    for (let r = Math.ceil(la0 / dLat); (r + 1) * dLat <= la1; r++) {
      for (let c = Math.ceil(lo0 / dLon); (c + 1) * dLon <= lo1; c++) {
        const key = `${r},${c}`;
        if (taken.has(key)) continue;
        const lat0 = r * dLat;
        const lon0 = c * dLon;
        const clat = lat0 + dLat / 2;
        const clon = lon0 + dLon / 2;
        if (ctx.net.distanceToLanesM(clat, clon) < 10_000) continue;
        if (ctx.nearPort(clat, clon, 20_000)) continue;
        if (!ctx.isFree(clat, clon, 4000, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)) continue;
        let ok = true;
        let zones: string | null = null;
        for (let i = 0; i <= 2 && ok; i++) {
          for (let j = 0; j <= 2 && ok; j++) {
            const lat = lat0 + mLat / 2 + ((dLat - mLat) * i) / 2;
            const lon = lon0 + mLon / 2 + ((dLon - mLon) * j) / 2;
            if (!ctx.atSea(lat, lon, 2500)) ok = false;
            const z = ctx.geo.zonesAt(lat, lon).join('|');
            if (zones === null) zones = z;
            else if (z !== zones) ok = false;
          }
        }
        if (!ok) continue;
        taken.add(key);
        cells.push({ ground, inner: [lat0 + mLat, lon0 + mLon, lat0 + dLat - mLat, lon0 + dLon - mLon] });
      }
    }
    out.set(ground, cells);
  }
  return out;
}

/** A fishing boat working its cell: straight tows at 2.6–4.8 kn between random points, never stopping. */
function fishingTrack(ctx: PlanContext, rng: Rng, cell: FishingCell, classB: boolean): Track {
  const [la0, lo0, la1, lo1] = cell.inner;
  const b = new TrackBuilder(ctx.start, rng.range(la0, la1), rng.range(lo0, lo1));
  while (b.t < ctx.end) {
    let lat = 0;
    let lon = 0;
    for (let i = 0; i < 20; i++) {
      lat = rng.range(la0, la1);
      lon = rng.range(lo0, lo1);
      if (equirectangularM(b.lat, b.lon, lat, lon) > 800) break;
    }
    b.sailTo(lat, lon, rng.range(2.6, 4.8), classB ? NAV.underWay : NAV.fishing);
  }
  return b.track;
}

const TRADE_FLAGS: Record<string, readonly (readonly [Flag, number])[]> = {
  international: [
    ['pa', 25],
    ['mh', 15],
    ['hk', 15],
    ['cn', 20],
    ['kr', 10],
    ['pw', 5],
    ['sl', 5],
    ['tg', 5],
  ],
  china: [['cn', 1]],
  korea: [['kr', 1]],
  dprk: [
    ['kp', 45],
    ['sl', 15],
    ['tg', 15],
    ['mn', 10],
    ['pw', 5],
    ['cm', 10],
  ],
};

function addMerchant(ctx: PlanContext, k: number): SimVessel {
  const rng = ctx.rng('merchant', k);
  const trade = rng.weighted([
    ['international', 50],
    ['china', 25],
    ['korea', 15],
    ['dprk', 10],
  ] as const);
  const kind = rng.chance(0.32) ? ('tanker' as const) : ('cargo' as const);
  const flag = rng.weighted(TRADE_FLAGS[trade]);
  const identity = ctx.newIdentity(rng, flag, kind, false);
  const v = ctx.addVessel({
    role: kind,
    classB: false,
    background: true,
    labels: [],
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
  // slow ships keep to the inner slots: tankers and the DPRK trade never sail the fastest two
  const maxSlot = trade === 'dprk' ? 1 : kind === 'tanker' ? 2 : LANE_SLOTS.length - 1;
  const plan = (attempt: number) => {
    const r = attempt === 0 ? rng : ctx.rng('merchant', k, 'attempt', attempt);
    const m = planMerchant(ctx, r, { kind, trade, slot: r.int(0, maxSlot) });
    v.track = m.track;
    v.voyages = m.voyages;
  };
  plan(0);
  v.replan = plan;
  return v;
}

function addFishing(ctx: PlanContext, k: number, cell: FishingCell): SimVessel {
  const rng = ctx.rng('fishing', k);
  const flag = rng.weighted(cell.ground.flags);
  const classB = flag !== 'kp' && rng.chance(0.55);
  const identity = ctx.newIdentity(rng, flag, 'fishing', classB);
  const v = ctx.addVessel({
    role: 'fishing',
    classB,
    background: true,
    labels: [],
    identities: fixedIdentity(identity),
    track: fishingTrack(ctx, rng, cell, classB),
    activeFrom: Number.NEGATIVE_INFINITY,
    activeTo: Number.POSITIVE_INFINITY,
    dark: [],
    spoof: [],
    voyages: [{ from: Number.NEGATIVE_INFINITY, destination: '', eta: null }],
    partners: [],
    replan: null,
  });
  v.replan = (attempt) => {
    v.track = fishingTrack(ctx, ctx.rng('fishing', k, 'attempt', attempt), cell, classB);
  };
  return v;
}

function planBackground(ctx: PlanContext, n: number): void {
  if (n <= 0) return;
  const rng = ctx.rng('background');
  const byGround = fishingCells(ctx);
  for (const cells of byGround.values()) rng.shuffle(cells);
  let nFishing = Math.round(n * 0.42);
  const available = [...byGround.values()].reduce((s, c) => s + c.length, 0);
  if (nFishing > available) {
    ctx.warnings.push(
      `only ${available} fishing cells for ${nFishing} fishing vessels: the rest are merchants`,
    );
    nFishing = available;
  }
  for (let k = 0; k < n - nFishing; k++) addMerchant(ctx, k);
  for (let k = 0; k < nFishing; k++) {
    const grounds = [...byGround.entries()].filter(([, cells]) => cells.length > 0);
    const ground = rng.weighted(
      grounds.map(([g, cells]) => [g, g.weight * Math.min(1, cells.length / 20)] as const),
    );
    addFishing(ctx, k, byGround.get(ground)!.pop()!);
  }
  ctx.count('merchants', n - nFishing);
  ctx.count('fishing', nFishing);
}

/**
 * Re-plans vessels that meet by accident (within 1 km for over 20 min away from ports) or stop away from
 * ports, until none do; background that cannot be fixed is taken out of the scenario.
 */
function repair(ctx: PlanContext, rounds = 12): void {
  const attempts = new Map<number, number>();
  let focus: Set<number> | undefined;
  for (let round = 0; round <= rounds; round++) {
    const { close, slow } = findViolations(ctx.vessels, ctx.geo, ctx.net.region.bounds, ctx.start, ctx.end, {
      focus,
    });
    ctx.count('repairRounds');
    if (close.length === 0 && slow.length === 0) return;
    const victims = new Set<number>();
    for (const s of slow) victims.add(s.vessel);
    for (const c of close) {
      const a = ctx.vessels[c.a];
      const b = ctx.vessels[c.b];
      if (victims.has(a.index) || victims.has(b.index)) continue;
      // prefer re-planning background, and the vessel with fewer re-plans so far
      const pick =
        a.background !== b.background
          ? a.background
            ? a
            : b
          : (attempts.get(a.index) ?? 0) <= (attempts.get(b.index) ?? 0)
            ? b
            : a;
      victims.add(pick.index);
    }
    for (const i of victims) {
      const v = ctx.vessels[i];
      const n = (attempts.get(i) ?? 0) + 1;
      attempts.set(i, n);
      if (round === rounds || !v.replan) {
        if (v.background && v.labels.length === 0) {
          v.removed = true;
          ctx.count('backgroundRemoved');
        } else ctx.warnings.push(`vessel ${i} (${v.labels.join('; ')}) still meets another by accident`);
        continue;
      }
      v.replan(n);
      ctx.count('replans');
    }
    // the next round only needs to look at what moved
    focus = victims;
  }
}

function scaledCounts(options: SimOptions): PlantCounts {
  const counts = { ...(options.plants ?? defaultPlantCounts(options.vessels, options.hours)) };
  // planted movers must leave at least half the vessels to background traffic
  const movers = () =>
    2 * counts.encounter + 2 * counts.rendezvous + counts.loitering + counts.gapDark + counts.spoofShared;
  const budget = Math.floor(options.vessels / 2);
  if (movers() > budget) {
    const f = budget / movers();
    for (const k of ['encounter', 'rendezvous', 'loitering', 'gapDark', 'spoofShared'] as const) {
      counts[k] = Math.floor(counts[k] * f);
    }
  }
  return counts;
}

/** Plans a scenario (no output yet: see emit.ts / writer.ts). */
export function planScenario(partial: Partial<SimOptions> = {}, geo: SimGeo = loadSimGeo()): ScenarioPlan {
  const options = resolveOptions(partial);
  const region = regionByName(options.region);
  const net = new LaneNetwork(region, geo);
  const ctx = new PlanContext(options, geo, net);
  const counts = scaledCounts(options);
  const planted = { ...NO_PLANTS };

  // reception outages first: planted behaviours keep out of them
  for (let k = 0; k < counts.outage; k++) {
    const rng = ctx.rng('outage', k);
    const area = rng.pick(region.plantAreas.filter((a) => a.uses.includes('outage')));
    const duration = rng.range(13, 15) * HOUR;
    const latest = ctx.end - 2 * HOUR - duration;
    if (latest < ctx.start + 3 * HOUR) break;
    const from = Math.round(rng.range(ctx.start + 3 * HOUR, latest) / 1000) * 1000;
    const station = region.stations
      .map((s) => ({ s, d: equirectangularM(s.at[0], s.at[1], area.centre[0], area.centre[1]) }))
      .sort((a, b) => a.d - b.d)[0];
    ctx.outages.push({
      station: station && station.d < station.s.rangeM ? station.s.name : region.satellite,
      lat: area.centre[0],
      lon: area.centre[1],
      radiusM: area.radiusM,
      from,
      to: from + Math.round(duration / 1000) * 1000,
    });
    planted.outage++;
  }

  const meetings: Meeting[] = [];
  for (let k = 0; k < counts.encounter; k++) if (plantMeeting(ctx, k, 'gfw', meetings)) planted.encounter++;
  for (let k = 0; k < counts.rendezvous; k++)
    if (plantMeeting(ctx, k, 'rendezvous', meetings)) planted.rendezvous++;
  for (let k = 0; k < counts.loitering; k++) if (plantLoitering(ctx, k)) planted.loitering++;
  for (let k = 0; k < counts.gapDark; k++) if (plantDarkPortCall(ctx, k)) planted.gapDark++;

  const movers = ctx.vessels.filter((v) => !v.removed).length;
  planBackground(ctx, options.vessels - movers - counts.spoofShared);
  repair(ctx);

  for (let k = 0; k < counts.gapSea; k++) if (plantSeaGap(ctx, k, 'sea')) planted.gapSea++;
  for (let k = 0; k < counts.gapShort; k++) if (plantSeaGap(ctx, k, 'short')) planted.gapShort++;
  for (let k = 0; k < counts.gapOpen; k++) if (plantSeaGap(ctx, k, 'open')) planted.gapOpen++;
  for (let k = 0; k < counts.spoofSpeed; k++)
    if (plantSpoofDisplacement(ctx, k, 'speed')) planted.spoofSpeed++;
  for (let k = 0; k < counts.spoofJump; k++) if (plantSpoofDisplacement(ctx, k, 'jump')) planted.spoofJump++;
  for (let k = 0; k < counts.spoofOnLand; k++) if (plantSpoofOnLand(ctx, k)) planted.spoofOnLand++;
  for (let k = 0; k < counts.spoofShared; k++) if (plantSharedMmsi(ctx, k)) planted.spoofShared++;
  const identityKinds = [
    ['idName', 'name'],
    ['idImo', 'imo'],
    ['idCallsign', 'callsign'],
    ['idFlag', 'flag'],
    ['idSwap', 'swap'],
    ['idInvalidImo', 'invalid_imo'],
    ['idImoMultiple', 'imo_multiple_mmsi'],
  ] as const;
  for (const [key, kind] of identityKinds) {
    for (let k = 0; k < counts[key]; k++) if (plantIdentity(ctx, k, kind)) planted[key]++;
  }
  // clones are new movers: keep them clear of everyone else too
  if (counts.spoofShared > 0) repair(ctx);

  for (const o of ctx.outages) {
    ctx.truth.push({
      type: 'gap',
      mmsi: [],
      start: o.from,
      end: o.to,
      lat: o.lat,
      lon: o.lon,
      details: { kind: 'reception_outage', scope: 'area', station: o.station, radiusM: o.radiusM },
      label: `reception outage: nothing received within ${Math.round(o.radiusM / 1000)} km of ${o.lat.toFixed(2)}, ${o.lon.toFixed(2)} (station ${o.station})`,
      resolve: { kind: 'fixed' },
    });
  }
  portVisitTruth(ctx);
  zoneTruth(ctx);
  meetingTruth(ctx, meetings);
  loiteringTruth(ctx);
  for (const [k, n] of Object.entries(planted)) ctx.stats[`planted.${k}`] = n;
  for (const [k, n] of Object.entries(counts)) ctx.stats[`requested.${k}`] = n;
  ctx.stats.vessels = ctx.vessels.filter((v) => !v.removed && v.role !== 'clone').length;
  ctx.stats.transmitters = ctx.vessels.filter((v) => !v.removed).length;

  return {
    options,
    geo,
    region,
    network: net,
    start: ctx.start,
    end: ctx.end,
    vessels: ctx.vessels,
    truth: ctx.truth,
    outages: ctx.outages,
    stations: region.stations,
    stats: ctx.stats,
    warnings: ctx.warnings,
  };
}
