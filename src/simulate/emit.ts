/**
 * Emission: a planned scenario → NMEA lines in receive-time order, streamed minute by minute, and the truth
 * records completed from what was actually emitted.
 *
 * Every minute, every vessel's reports due in that minute are written into per-second buckets, which are
 * then concatenated and handed to `write`: memory holds one minute of output, whatever the scenario's size.
 * Within a second, lines are in vessel order; late bursts (a station delivering some seconds of lines at the
 * end of the minute) put lines out of order on purpose.
 *
 * Noise: messages lost independently (`drop`), duplicates through a second station (`duplicates`), jittered
 * reporting intervals with occasional longer pauses, GPS noise on positions, corrupt lines (`corrupt`).
 * Reports inside a vessel's dark windows, outside a clone's active window, and from inside a reception
 * outage are not emitted at all.
 */

import type { PositionFields } from '../ais/encode.ts';
import { encodeStaticA, encodeStaticB, encodeStaticVoyage } from '../ais/encode.ts';
import { equirectangularM } from '../geo/distance.ts';
import type { TruthRecord } from '../maritime/events.ts';
import { mmsiAt, type ScenarioPlan, type SimVessel, type TruthDraft } from './model.ts';
import { ByteSink, PositionEncoder, tagBlock, writePositionLine, writeSentences } from './nmea-writer.ts';
import { Rng } from './prng.ts';
import type { TrackPoint } from './track.ts';
import { truthToRecord } from './track-truth.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const STATIC_INTERVAL_S = 360;

export interface EmitStats {
  lines: number;
  bytes: number;
  positions: number;
  staticReports: number;
  duplicates: number;
  lost: number;
  lostInOutage: number;
  corrupt: number;
  late: number;
  truthRecords: number;
  truthUnobservable: number;
  /** Silences of 6 h or more that no planted gap or outage explains (should be 0). */
  unexplainedSilences: number;
}

export interface EmitResult {
  stats: EmitStats;
  truth: TruthRecord[];
}

export interface EmitOptions {
  /** Called after each simulated minute with the minutes done and the total. */
  onProgress?: (done: number, total: number) => void;
}

interface StaticCache {
  key: string;
  payloads: { payload: string; fillBits: number }[];
}

/** Per-draft observations gathered while emitting. */
interface Observed {
  lastBefore: number;
  firstAfter: number;
  first: number;
  last: number;
}

function etaOf(t: number | null): { month: number; day: number; hour: number; minute: number } | null {
  if (t === null || !Number.isFinite(t)) return null;
  const d = new Date(t);
  return {
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/** Index of the identity version in force at t. */
function versionAt(v: SimVessel, t: number): number {
  let k = 0;
  for (let i = 1; i < v.identities.length; i++) if (v.identities[i].from <= t) k = i;
  return k;
}

function voyageAt(v: SimVessel, t: number): number {
  let k = 0;
  for (let i = 1; i < v.voyages.length; i++) if (v.voyages[i].from <= t) k = i;
  return k;
}

export async function emitScenario(
  plan: ScenarioPlan,
  write: (chunk: Buffer) => void | Promise<void>,
  options: EmitOptions = {},
): Promise<EmitResult> {
  const o = plan.options;
  const vessels = plan.vessels;
  const n = vessels.length;
  const start = plan.start;
  const end = plan.end;
  const stations = plan.stations;
  const satellite = stations.length;
  const stationNames = [...stations.map((s) => s.name), plan.region.satellite];
  const stats: EmitStats = {
    lines: 0,
    bytes: 0,
    positions: 0,
    staticReports: 0,
    duplicates: 0,
    lost: 0,
    lostInOutage: 0,
    corrupt: 0,
    late: 0,
    truthRecords: 0,
    truthUnobservable: 0,
    unexplainedSilences: 0,
  };

  // ---- per-vessel state
  const nextPos = new Float64Array(n);
  const nextStatic = new Float64Array(n);
  const lastPos = new Float64Array(n);
  const lastHeading = new Float64Array(n);
  const stationOf = new Int16Array(n);
  const dupOf = new Int16Array(n);
  const stationUntil = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const darkIdx = new Int32Array(n);
  const spoofIdx = new Int32Array(n);
  const rngs: Rng[] = [];
  const statics: (StaticCache | null)[] = new Array(n).fill(null);
  const silences: { v: number; from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    const v = vessels[i];
    const rng = Rng.derive(o.seed, 'noise', i);
    rngs.push(rng);
    const from = Math.max(start, v.activeFrom);
    nextPos[i] = from + rng.int(0, 9) * 1000;
    nextStatic[i] = from + rng.int(0, STATIC_INTERVAL_S - 1) * 1000;
    lastPos[i] = from;
    lastHeading[i] = Number.NaN;
    v.track.resetCursor();
  }

  // ---- truth observation hooks
  const observed: (Observed | null)[] = plan.truth.map((d) =>
    d.resolve.kind === 'fixed'
      ? null
      : {
          lastBefore: Number.NaN,
          firstAfter: Number.NaN,
          first: Number.NaN,
          last: Number.NaN,
        },
  );
  const gapDraftsOf = new Map<number, number[]>();
  const spoofDraftOf = new Map<string, number>();
  const cloneDraftOf = new Map<number, number>();
  const identityVessels = new Set<number>();
  plan.truth.forEach((d, i) => {
    const r = d.resolve;
    if (r.kind === 'gap') {
      const list = gapDraftsOf.get(r.vessel) ?? [];
      list.push(i);
      gapDraftsOf.set(r.vessel, list);
    } else if (r.kind === 'spoof') {
      if (r.episode < 0) cloneDraftOf.set(r.vessel, i);
      else spoofDraftOf.set(`${r.vessel}:${r.episode}`, i);
    } else if (r.kind === 'identity_change' || r.kind === 'identity_span') {
      for (const v of r.vessels) identityVessels.add(v);
    }
  });
  // first/last static report per vessel and identity version
  const staticSeen = new Map<number, { first: number[]; last: number[] }>();
  for (const v of identityVessels) {
    const k = vessels[v].identities.length;
    staticSeen.set(v, { first: new Array(k).fill(Number.NaN), last: new Array(k).fill(Number.NaN) });
  }

  // ---- output buffers
  const buckets: ByteSink[] = [];
  for (let s = 0; s < 60; s++) buckets.push(new ByteSink(1 << 14));
  const late = new ByteSink(1 << 12);
  const encoder = new PositionEncoder();
  const fields: PositionFields = {
    mmsi: 0,
    lat: 0,
    lon: 0,
    sog: 0,
    cog: 0,
    heading: 0,
    status: 0,
    second: 0,
  };
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  const seqIds = new Int32Array(stationNames.length);
  let tags: (Buffer | undefined)[] = [];

  const tagFor = (station: number, t: number, windowStart: number): Buffer => {
    const sec = (t - windowStart) / 1000;
    const key = station * 60 + sec;
    let tag = tags[key];
    if (!tag) {
      tag = tagBlock(Math.floor(t / 1000), stationNames[station]);
      tags[key] = tag;
    }
    return tag;
  };

  const noiseDeg = (o.gpsNoiseM * 0.7) / 111_195;
  const minutes = Math.ceil((end - start) / MINUTE);

  /** Picks the receiving station (nearest in range) and a second one for duplicates; cached 5 min. */
  const pickStations = (i: number, lat: number, lon: number, t: number) => {
    if (t < stationUntil[i]) return;
    let best = satellite;
    let bestD = Number.POSITIVE_INFINITY;
    let second = satellite;
    let secondD = Number.POSITIVE_INFINITY;
    for (let s = 0; s < stations.length; s++) {
      const st = stations[s];
      const d = equirectangularM(lat, lon, st.at[0], st.at[1]);
      if (d > st.rangeM) continue;
      if (d < bestD) {
        second = best;
        secondD = bestD;
        best = s;
        bestD = d;
      } else if (d < secondD) {
        second = s;
        secondD = d;
      }
    }
    stationOf[i] = best;
    dupOf[i] = second === best ? satellite : second;
    stationUntil[i] = t + 5 * MINUTE;
  };

  const inOutage = (lat: number, lon: number, t: number): boolean => {
    for (const out of plan.outages) {
      if (t >= out.from && t < out.to && equirectangularM(lat, lon, out.lat, out.lon) < out.radiusM)
        return true;
    }
    return false;
  };

  /** Advances past dark windows; true when the transmitter is off at t. */
  const isDark = (i: number, v: SimVessel, t: number): boolean => {
    const dark = v.dark;
    while (darkIdx[i] < dark.length && dark[darkIdx[i]][1] <= t) darkIdx[i]++;
    return darkIdx[i] < dark.length && dark[darkIdx[i]][0] <= t;
  };

  for (let m = 0; m < minutes; m++) {
    const W = start + m * MINUTE;
    const wEnd = Math.min(end, W + MINUTE);
    tags = [];
    for (const b of buckets) b.reset();
    late.reset();
    const wrng = Rng.derive(o.seed, 'window', m);
    let burstStation = -1;
    let burstFrom = 0;
    let burstTo = 0;
    if (wrng.chance(o.lateBursts)) {
      burstStation = wrng.int(0, stationNames.length - 1);
      burstFrom = wrng.int(0, 50);
      burstTo = burstFrom + wrng.int(3, 10);
    }

    for (let i = 0; i < n; i++) {
      const v = vessels[i];
      if (v.removed) continue;
      const rng = rngs[i];
      // ---- position reports
      while (nextPos[i] < wEnd) {
        const t = nextPos[i];
        if (t >= v.activeTo) {
          nextPos[i] = Number.POSITIVE_INFINITY;
          break;
        }
        if (isDark(i, v, t)) {
          // skip the whole dark window at once
          nextPos[i] = Math.max(t + 1000, Math.ceil(v.dark[darkIdx[i]][1] / 1000) * 1000);
          continue;
        }
        v.track.at(t, pt);
        // interval to the next report: AIS rules by class, status and speed, jittered
        let interval: number;
        if (o.interval !== null) interval = o.interval;
        else if (v.classB) interval = pt.sog > 2 ? 30 : 180;
        else if ((pt.status === 1 || pt.status === 5) && pt.sog < 3) interval = 180;
        else interval = pt.sog > 23 ? 2 : pt.sog > 14 ? 6 : 10;
        let jitter = rng.range(0.9, 1.1);
        if (rng.chance(0.02)) jitter *= rng.range(1.5, 3);
        nextPos[i] = t + Math.max(1, Math.round(interval * jitter)) * 1000;

        // spoofing: the reported position is moved
        let lat = pt.lat;
        let lon = pt.lon;
        let spoofed = -1;
        const eps = v.spoof;
        if (eps.length > 0) {
          while (spoofIdx[i] < eps.length && eps[spoofIdx[i]].t1 <= t) spoofIdx[i]++;
          const ep = eps[spoofIdx[i]];
          if (ep && ep.t0 <= t) {
            let w = 1;
            if (ep.rampMs > 0) {
              if (t < ep.t0 + ep.rampMs) w = (t - ep.t0) / ep.rampMs;
              else if (t > ep.t1 - ep.rampMs) w = (ep.t1 - t) / ep.rampMs;
            }
            lat += w * ep.dLat;
            lon += w * ep.dLon;
            spoofed = spoofIdx[i];
          }
        }
        if (inOutage(pt.lat, pt.lon, t)) {
          stats.lostInOutage++;
          continue;
        }
        // spoofed reports always get through: each episode must be observable
        if (spoofed < 0 && rng.float() < o.drop) {
          stats.lost++;
          continue;
        }
        lat += rng.normal() * noiseDeg;
        lon += (rng.normal() * noiseDeg) / Math.cos((lat * Math.PI) / 180);
        const version = versionAt(v, t);
        fields.mmsi = v.identities[version].identity.mmsi;
        fields.lat = lat;
        fields.lon = lon;
        const moving = pt.sog >= 0.5;
        fields.sog = Math.max(0, pt.sog + rng.normal() * (moving ? 0.15 : 0.04));
        fields.cog = moving ? (((pt.cog + rng.normal() * 1.5) % 360) + 360) % 360 : rng.range(0, 359.9);
        if (v.classB) fields.heading = null;
        else {
          if (moving || Number.isNaN(lastHeading[i]))
            lastHeading[i] = (((pt.cog + rng.normal() * 2) % 360) + 360) % 360;
          fields.heading = Math.round(lastHeading[i]) % 360;
        }
        fields.status = pt.status;
        fields.second = (t / 1000) % 60;
        const sym = v.classB ? encoder.classB(fields) : encoder.classA(fields);
        pickStations(i, pt.lat, pt.lon, t);
        const st = stationOf[i];
        const sec = (t - W) / 1000;
        const isLate = st === burstStation && sec >= burstFrom && sec < burstTo;
        const out = isLate ? late : buckets[sec];
        if (isLate) stats.late++;
        const channelB = rng.chance(0.5);
        if (spoofed < 0 && o.corrupt > 0 && rng.float() < o.corrupt) {
          writeCorrupt(out, tagFor(st, t, W), channelB, sym, rng);
          stats.corrupt++;
          stats.lines++;
          continue;
        }
        writePositionLine(out, tagFor(st, t, W), channelB, sym);
        stats.lines++;
        stats.positions++;
        if (rng.float() < o.duplicates) {
          writePositionLine(out, tagFor(dupOf[i], t, W), !channelB, sym);
          stats.lines++;
          stats.duplicates++;
        }
        // ---- what the truth needs to know
        if (t - lastPos[i] >= HOUR) silences.push({ v: i, from: lastPos[i], to: t });
        lastPos[i] = t;
        const gaps = gapDraftsOf.get(i);
        if (gaps) {
          for (const d of gaps) {
            const r = plan.truth[d].resolve as { off: number; on: number | null };
            const ob = observed[d]!;
            if (t < r.off) ob.lastBefore = t;
            else if (r.on !== null && t >= r.on && Number.isNaN(ob.firstAfter)) ob.firstAfter = t;
          }
        }
        if (spoofed >= 0) {
          const d = spoofDraftOf.get(`${i}:${spoofed}`);
          if (d !== undefined) {
            const ob = observed[d]!;
            const onLand = v.spoof[spoofed].kind !== 'on_land' || plan.geo.isLandBeyondDoubt(lat, lon);
            if (onLand) {
              if (Number.isNaN(ob.first)) ob.first = t;
              ob.last = t;
            }
          }
        }
        const cd = cloneDraftOf.get(i);
        if (cd !== undefined) {
          const ob = observed[cd]!;
          if (Number.isNaN(ob.first)) ob.first = t;
          ob.last = t;
        }
      }

      // ---- static reports
      while (nextStatic[i] < wEnd) {
        const t = nextStatic[i];
        nextStatic[i] = t + Math.round(STATIC_INTERVAL_S * rng.range(0.95, 1.05)) * 1000;
        if (t >= v.activeTo) {
          nextStatic[i] = Number.POSITIVE_INFINITY;
          break;
        }
        if (isDark(i, v, t)) continue;
        v.track.at(t, pt);
        if (inOutage(pt.lat, pt.lon, t)) {
          stats.lostInOutage++;
          continue;
        }
        if (rng.float() < o.drop) {
          stats.lost++;
          continue;
        }
        const version = versionAt(v, t);
        const voyage = voyageAt(v, t);
        const key = `${version}/${voyage}`;
        let cache = statics[i];
        if (!cache || cache.key !== key) {
          cache = { key, payloads: staticPayloads(v, version, voyage) };
          statics[i] = cache;
        }
        pickStations(i, pt.lat, pt.lon, t);
        const st = stationOf[i];
        const sec = (t - W) / 1000;
        const out = buckets[sec];
        const channelB = rng.chance(0.5);
        const tag = tagFor(st, t, W);
        for (const p of cache.payloads) {
          const seq = seqIds[st];
          seqIds[st] = (seq + 1) % 10;
          writeSentences(out, tag, channelB, p.payload, p.fillBits, seq);
          stats.lines += p.payload.length > 60 ? 2 : 1;
        }
        stats.staticReports++;
        const seen = staticSeen.get(i);
        if (seen) {
          if (Number.isNaN(seen.first[version])) seen.first[version] = t;
          seen.last[version] = t;
        }
      }
    }

    // ---- flush this minute
    let total = late.len;
    for (const b of buckets) total += b.len;
    if (total > 0) {
      const chunk = Buffer.allocUnsafe(total);
      let at = 0;
      for (const b of buckets) {
        b.buf.copy(chunk, at, 0, b.len);
        at += b.len;
      }
      late.buf.copy(chunk, at, 0, late.len);
      stats.bytes += total;
      const w = write(chunk);
      if (w) await w;
    }
    options.onProgress?.(m + 1, minutes);
  }

  // silences still open at the end
  for (let i = 0; i < n; i++) {
    const v = vessels[i];
    if (v.removed) continue;
    const until = Math.min(end, v.activeTo);
    if (until - lastPos[i] >= HOUR) silences.push({ v: i, from: lastPos[i], to: until });
  }

  const truth = finishTruth(plan, observed, staticSeen, silences, stats);
  for (const v of vessels) v.track.resetCursor();
  return { stats, truth };
}

/** Armoured static payloads of a vessel's identity version and voyage (type 5, or 24 A + B). */
function staticPayloads(
  v: SimVessel,
  version: number,
  voyage: number,
): { payload: string; fillBits: number }[] {
  const id = v.identities[version].identity;
  if (v.classB) {
    return [
      encodeStaticA(id.mmsi, id.name),
      encodeStaticB(id.mmsi, {
        shipType: id.shipType,
        callsign: id.callsign,
        length: id.length,
        beam: id.beam,
      }),
    ];
  }
  const vy = v.voyages[voyage];
  return [
    encodeStaticVoyage({
      mmsi: id.mmsi,
      imo: id.imo,
      callsign: id.callsign,
      name: id.name,
      shipType: id.shipType,
      length: id.length,
      beam: id.beam,
      draught: id.draught,
      destination: vy?.destination ?? '',
      eta: etaOf(vy?.eta ?? null),
    }),
  ];
}

const GARBAGE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,.;:-_#%&()';

/**
 * A line no decoder accepts: a payload character changed (checksum mismatch), a line cut short in its
 * payload (no checksum), or noise. Each is rejected as exactly one line.
 */
function writeCorrupt(out: ByteSink, tag: Uint8Array, channelB: boolean, sym: Uint8Array, rng: Rng): void {
  const kind = rng.int(0, 2);
  if (kind === 2) {
    const len = rng.int(12, 70);
    let s = '';
    for (let i = 0; i < len; i++) s += GARBAGE[rng.int(0, GARBAGE.length - 1)];
    out.ascii(`${s}\n`);
    return;
  }
  const at = writePositionLine(out, tag, channelB, sym);
  const payloadAt = at + 14;
  if (kind === 0) {
    const i = payloadAt + rng.int(0, sym.length - 1);
    const c = out.buf[i];
    out.buf[i] = c === 48 ? 49 : 48; // another valid armour character: only the checksum can tell
  } else {
    out.len = payloadAt + rng.int(1, sym.length - 2);
    out.ascii('\n');
  }
}

function finishTruth(
  plan: ScenarioPlan,
  observed: (Observed | null)[],
  staticSeen: Map<number, { first: number[]; last: number[] }>,
  silences: { v: number; from: number; to: number }[],
  stats: EmitStats,
): TruthRecord[] {
  const out: TruthDraft[] = [];
  plan.truth.forEach((d, i) => {
    const r = d.resolve;
    const ob = observed[i];
    const done: TruthDraft = { ...d };
    if (r.kind === 'gap' && ob) {
      done.start = Number.isNaN(ob.lastBefore) ? r.off : ob.lastBefore;
      done.end = r.on === null || Number.isNaN(ob.firstAfter) ? null : ob.firstAfter;
      done.details = {
        ...d.details,
        hours: Math.round((((done.end ?? plan.end) - done.start) / HOUR) * 100) / 100,
      };
    } else if (r.kind === 'spoof' && ob) {
      if (Number.isNaN(ob.first)) {
        stats.truthUnobservable++;
        return;
      }
      done.start = ob.first;
      done.end = ob.last;
    } else if (r.kind === 'identity_change') {
      let lastOld = Number.NEGATIVE_INFINITY;
      let firstNew = Number.NEGATIVE_INFINITY;
      let seenOld = Number.POSITIVE_INFINITY;
      for (const v of r.vessels) {
        const s = staticSeen.get(v)!;
        const lo = s.last[r.fromVersion];
        const fn = s.first[r.toVersion];
        if (Number.isNaN(fn)) {
          firstNew = Number.NaN;
          break;
        }
        seenOld = Math.min(seenOld, Number.isNaN(lo) ? d.start : lo);
        lastOld = Math.max(lastOld, Number.isNaN(lo) ? d.start : lo);
        firstNew = Math.max(firstNew, fn);
      }
      if (Number.isNaN(firstNew)) {
        stats.truthUnobservable++;
        return;
      }
      done.start = r.vessels.length > 1 ? seenOld : lastOld;
      done.end = firstNew;
    } else if (r.kind === 'identity_span') {
      let first = Number.NEGATIVE_INFINITY;
      let last = Number.POSITIVE_INFINITY;
      for (let k = 0; k < r.vessels.length; k++) {
        const s = staticSeen.get(r.vessels[k])!;
        first = Math.max(first, s.first[r.versions[k]]);
        last = Math.min(last, s.last[r.versions[k]]);
      }
      if (!(first <= last)) {
        stats.truthUnobservable++;
        return;
      }
      done.start = first;
      done.end = last;
    }
    out.push(done);
  });

  // silences: explained by a planted gap, caused by an outage, or unexplained
  for (const s of silences) {
    const v = plan.vessels[s.v];
    const planted = v.dark.some(([a, b]) => a < s.to && b > s.from);
    if (planted) continue;
    const outage = plan.outages.find((o) => o.from < s.to && o.to > s.from);
    if (outage) {
      const p: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
      v.track.resetCursor();
      v.track.at(s.from, p);
      out.push({
        type: 'gap',
        mmsi: [mmsiAt(v, s.from)],
        start: s.from,
        end: s.to >= Math.min(plan.end, v.activeTo) ? null : s.to,
        lat: p.lat,
        lon: p.lon,
        details: {
          kind: 'reception_outage',
          scope: 'vessel',
          station: outage.station,
          hours: Math.round(((s.to - s.from) / HOUR) * 100) / 100,
        },
        label: `no reports for ${((s.to - s.from) / HOUR).toFixed(1)} h in a reception outage (not the vessel going dark)`,
        resolve: { kind: 'fixed' },
      });
      continue;
    }
    if (s.to - s.from >= 6 * HOUR) {
      stats.unexplainedSilences++;
      plan.warnings.push(
        `vessel ${s.v} silent ${((s.to - s.from) / HOUR).toFixed(1)} h with no planted reason`,
      );
    }
  }

  out.sort(
    (a, b) =>
      a.start - b.start ||
      (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) ||
      (a.mmsi[0] ?? 0) - (b.mmsi[0] ?? 0) ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  stats.truthRecords = out.length;
  return out.map(truthToRecord);
}
