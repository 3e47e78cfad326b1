/**
 * Ground truth measured on the noiseless tracks after planning: port visits (enter within 3 km, leave beyond
 * 4 km of a World Port Index position), zone entries and exits, planted encounters (within 500 m / 250 m,
 * both under 2 kn) and loitering (under 2 kn for 4 h, 10 km from ports). What happens while a vessel's
 * transmitter is off cannot be observed and is left out; what is half observed is marked optional.
 */
import { equirectangularM } from '../geo/distance.ts';
import { nearPortGrid } from './check.ts';
import { HOUR, MINUTE, type PlanContext } from './context.ts';
import { mmsiAt, type SimVessel, type TruthDraft, transmitting } from './model.ts';
import type { Meeting } from './movers.ts';
import type { Segment, TrackPoint } from './track.ts';

const STEP = 10_000;
export const PORT_ENTER_M = 3000;
export const PORT_EXIT_M = 4000;

function pointOn(s: Segment, t: number, out: TrackPoint): TrackPoint {
  const f = s.t1 > s.t0 ? Math.min(1, Math.max(0, (t - s.t0) / (s.t1 - s.t0))) : 1;
  out.lat = s.lat0 + (s.lat1 - s.lat0) * f;
  out.lon = s.lon0 + (s.lon1 - s.lon0) * f;
  out.sog = s.sog;
  out.cog = s.cog;
  out.status = s.status;
  return out;
}

/** ISO 8601 UTC, whole seconds (AIS times are whole seconds). */
function iso(t: number): string {
  return new Date(Math.round(t / 1000) * 1000).toISOString();
}

/** Port visits of every vessel, against every WPI port its track comes near. */
export function portVisitTruth(ctx: PlanContext): void {
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  for (const v of ctx.vessels) {
    if (v.removed) continue;
    // ports within reach of any segment
    const state = new Map<number, { inside: boolean; from: number; stopped: boolean; seenStart: boolean }>();
    const segs = v.track.segments;
    for (const s of segs) {
      if (s.t1 < ctx.start || s.t0 > ctx.end) continue;
      const midLat = (s.lat0 + s.lat1) / 2;
      const midLon = (s.lon0 + s.lon1) / 2;
      const half = equirectangularM(s.lat0, s.lon0, s.lat1, s.lon1) / 2;
      const near = ctx.geo.portsWithin(midLat, midLon, half + PORT_EXIT_M + 500);
      if (near.length === 0) continue;
      const t0 = Math.max(s.t0, ctx.start);
      const t1 = Math.min(s.t1, ctx.end);
      for (let t = t0; t <= t1; t += STEP) {
        pointOn(s, t, pt);
        for (const { port } of near) {
          const d = equirectangularM(pt.lat, pt.lon, port.lat, port.lon);
          let st = state.get(port.id);
          if (!st) {
            st = { inside: false, from: 0, stopped: false, seenStart: false };
            state.set(port.id, st);
          }
          if (!st.inside && d < PORT_ENTER_M) {
            st.inside = true;
            st.from = t;
            st.stopped = false;
            st.seenStart = t <= ctx.start;
          }
          if (st.inside) {
            if (pt.sog < 0.5) st.stopped = true;
            if (d > PORT_EXIT_M) {
              st.inside = false;
              addVisit(ctx, v, port.id, st.from, t, st.stopped, st.seenStart);
            }
          }
        }
      }
    }
    for (const [id, st] of state)
      if (st.inside) addVisit(ctx, v, id, st.from, null, st.stopped, st.seenStart);
  }
}

function addVisit(
  ctx: PlanContext,
  v: SimVessel,
  portId: number,
  from: number,
  to: number | null,
  stopped: boolean,
  openAtStart: boolean,
): void {
  const port = ctx.geo.portByWpi(portId)!;
  const entryOn = transmitting(v, from);
  const exitOn = to === null || transmitting(v, to);
  let midOn = false;
  for (let t = from; t <= (to ?? ctx.end); t += 10 * MINUTE) if (transmitting(v, t)) midOn = true;
  if (!midOn && !entryOn && !exitOn) {
    ctx.count('portVisitsUnobserved');
    return;
  }
  const details: Record<string, unknown> = { port: port.name, wpi: port.id, country: port.country, stopped };
  if (port.country === 'kp') details.dprk = true;
  if (openAtStart) details.openAtStart = true;
  let label = `port call at ${port.name}`;
  if (!stopped) {
    details.optional = true;
    label =
      to === null
        ? `arriving at ${port.name} when the scenario ends (not stopped yet)`
        : `passed within 3 km of ${port.name} without stopping`;
  } else if (!entryOn || !exitOn) {
    details.optional = true;
    label = `port call at ${port.name}, partly unobserved (AIS off)`;
  }
  ctx.truth.push({
    type: 'port_visit',
    mmsi: [mmsiAt(v, from)],
    start: from,
    end: to,
    lat: port.lat,
    lon: port.lon,
    details,
    label,
    resolve: { kind: 'fixed' },
  });
  ctx.count(stopped ? 'portVisits' : 'portPassages');
}

/** Zone entries and exits (the geo module's zones at each position), crossing times refined to 1 s. */
export function zoneTruth(ctx: PlanContext): void {
  const boxes = ctx.geo.zoneBoxes;
  if (boxes.length === 0) return;
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  const key = (lat: number, lon: number) => ctx.geo.zonesAt(lat, lon).join('\u0000');
  for (const v of ctx.vessels) {
    if (v.removed) continue;
    const from = Math.max(ctx.start, v.activeFrom, v.track.start);
    const to = Math.min(ctx.end, v.activeTo, v.track.end);
    if (!(to > from)) continue;
    v.track.resetCursor();
    v.track.at(from, pt);
    let prevKey = key(pt.lat, pt.lon);
    let prevT = from;
    const events: { t: number; lat: number; lon: number; zone: string; entry: boolean }[] = [];
    for (const s of v.track.segments) {
      if (s.t1 < from || s.t0 > to) continue;
      const minLat = Math.min(s.lat0, s.lat1) - 0.02;
      const maxLat = Math.max(s.lat0, s.lat1) + 0.02;
      const minLon = Math.min(s.lon0, s.lon1) - 0.02;
      const maxLon = Math.max(s.lon0, s.lon1) + 0.02;
      const touches = boxes.some((b) => b[0] <= maxLon && b[2] >= minLon && b[1] <= maxLat && b[3] >= minLat);
      const a = Math.max(s.t0, from);
      const e = Math.min(s.t1, to);
      if (!touches) {
        // far from every zone: the state there is "no zone"
        if (prevKey !== '') {
          pointOn(s, a, pt);
          handleChange(a);
        }
        prevT = e;
        continue;
      }
      for (let t = a; t <= e; t += STEP) {
        pointOn(s, t, pt);
        const k = key(pt.lat, pt.lon);
        if (k !== prevKey) handleChange(t, s);
        prevT = t;
      }
    }
    v.track.resetCursor();
    function handleChange(t: number, s?: Segment): void {
      // bisect between prevT and t for the crossing second
      let lo = prevT;
      let hi = t;
      if (s) {
        while (hi - lo > 1000) {
          const mid = Math.round((lo + hi) / 2000) * 1000;
          if (mid <= lo || mid >= hi) break;
          pointOn(s, mid, pt);
          if (key(pt.lat, pt.lon) === prevKey) lo = mid;
          else hi = mid;
        }
        pointOn(s, hi, pt);
      }
      const k = key(pt.lat, pt.lon);
      const before = new Set(prevKey === '' ? [] : prevKey.split('\u0000'));
      const after = new Set(k === '' ? [] : k.split('\u0000'));
      for (const z of after)
        if (!before.has(z)) events.push({ t: hi, lat: pt.lat, lon: pt.lon, zone: z, entry: true });
      for (const z of before)
        if (!after.has(z)) events.push({ t: hi, lat: pt.lat, lon: pt.lon, zone: z, entry: false });
      prevKey = k;
    }
    // an excursion shorter than 10 min (the boundary grazed) is not a crossing a detector can confirm
    const keep = events.map(() => true);
    for (let i = 0; i < events.length; i++) {
      if (!keep[i]) continue;
      for (let j = i + 1; j < events.length && events[j].t - events[i].t < 10 * MINUTE; j++) {
        if (keep[j] && events[j].zone === events[i].zone && events[j].entry !== events[i].entry) {
          keep[i] = false;
          keep[j] = false;
          ctx.count('zoneGrazesDropped');
          break;
        }
      }
    }
    events.forEach((ev, i) => {
      if (!keep[i]) return;
      if (!transmitting(v, ev.t)) {
        ctx.count('zoneCrossingsUnobserved');
        return;
      }
      ctx.truth.push({
        type: ev.entry ? 'zone_entry' : 'zone_exit',
        mmsi: [mmsiAt(v, ev.t)],
        start: ev.t,
        end: ev.t,
        lat: ev.lat,
        lon: ev.lon,
        details: { zone: ev.zone },
        label: `${ev.entry ? 'entered' : 'left'} ${ev.zone}`,
        resolve: { kind: 'fixed' },
      });
      ctx.count(ev.entry ? 'zoneEntries' : 'zoneExits');
    });
  }
}

/** The planted meetings as measured on the tracks. */
export function meetingTruth(ctx: PlanContext, meetings: readonly Meeting[]): void {
  const pa: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  const pb: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  for (const m of meetings) {
    const a = ctx.vessels[m.a];
    const b = ctx.vessels[m.b];
    if (a.removed || b.removed) continue;
    const limit = m.preset === 'gfw' ? 500 : 250;
    a.track.resetCursor();
    b.track.resetCursor();
    let best: { from: number; to: number; d: number[] } | null = null;
    let run: { from: number; to: number; d: number[] } | null = null;
    for (let t = ctx.start; t <= ctx.end; t += STEP) {
      a.track.at(t, pa);
      b.track.at(t, pb);
      const d = equirectangularM(pa.lat, pa.lon, pb.lat, pb.lon);
      if (d < limit && pa.sog < 2 && pb.sog < 2) {
        if (!run) run = { from: t, to: t, d: [] };
        run.to = t;
        run.d.push(d);
      } else if (run) {
        if (!best || run.to - run.from > best.to - best.from) best = run;
        run = null;
      }
    }
    if (run && (!best || run.to - run.from > best.to - best.from)) best = run;
    a.track.resetCursor();
    b.track.resetCursor();
    if (!best) {
      ctx.warnings.push(`meeting ${m.label} not found on the tracks`);
      continue;
    }
    a.track.at(best.from, pa);
    b.track.at(best.from, pb);
    const sorted = [...best.d].sort((x, y) => x - y);
    const hours = (best.to - best.from) / HOUR;
    ctx.truth.push({
      type: 'encounter',
      mmsi: [mmsiAt(a, best.from), mmsiAt(b, best.from)].sort((x, y) => x - y),
      start: best.from,
      end: best.to,
      lat: (pa.lat + pb.lat) / 2,
      lon: (pa.lon + pb.lon) / 2,
      details: {
        preset: m.preset,
        presets: m.preset === 'gfw' ? ['gfw', 'rendezvous', 'sensitive'] : ['rendezvous'],
        maxDistanceM: limit,
        medianDistanceM: Math.round(sorted[Math.floor(sorted.length / 2)]),
        hours: Math.round(hours * 100) / 100,
        area: m.area,
      },
      label: m.label,
      resolve: { kind: 'fixed' },
    });
    ctx.count(m.preset === 'gfw' ? 'encounters' : 'rendezvous');
  }
}

/**
 * Loitering: every stretch of a planted vessel under 2 kn for 4 h or more, at least 10 km from any port
 * (encounter partners loiter too when they stay long enough). Background vessels never do this away from
 * ports (check.ts).
 */
export function loiteringTruth(ctx: PlanContext): void {
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  const ports = nearPortGrid(ctx.geo, ctx.net.region.bounds, 10_000);
  for (const v of ctx.vessels) {
    if (v.removed || v.background || v.role === 'clone') continue;
    v.track.resetCursor();
    let run: { from: number; to: number } | null = null;
    const close = () => {
      if (run && run.to - run.from >= 4 * HOUR) addLoitering(ctx, v, run.from, run.to);
      run = null;
    };
    for (let t = ctx.start; t <= ctx.end; t += STEP) {
      v.track.at(t, pt);
      const slow = pt.sog < 2 && transmitting(v, t) && !ports.near(pt.lat, pt.lon);
      if (slow) {
        if (!run) run = { from: t, to: t };
        else run.to = t;
      } else close();
    }
    close();
    v.track.resetCursor();
  }
}

function addLoitering(ctx: PlanContext, v: SimVessel, from: number, to: number): void {
  const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  v.track.resetCursor();
  v.track.at(from, pt);
  let maxKn = 0;
  for (const s of v.track.segments) if (s.t1 > from && s.t0 < to) maxKn = Math.max(maxKn, s.sog);
  ctx.truth.push({
    type: 'loitering',
    mmsi: [mmsiAt(v, from)],
    start: from,
    end: to >= ctx.end ? null : to,
    lat: pt.lat,
    lon: pt.lon,
    details: {
      hours: Math.round(((to - from) / HOUR) * 100) / 100,
      maxSpeedKn: Math.round(maxKn * 100) / 100,
    },
    label: v.labels[0] ?? 'loitering',
    resolve: { kind: 'fixed' },
  });
  ctx.count('loitering');
}

export function truthToRecord(d: TruthDraft): {
  type: TruthDraft['type'];
  mmsi: number[];
  start: string;
  end: string | null;
  lat: number;
  lon: number;
  details: Record<string, unknown>;
  label: string;
} {
  return {
    type: d.type,
    mmsi: d.mmsi,
    start: iso(d.start),
    end: d.end === null ? null : iso(d.end),
    lat: Math.round(d.lat * 1e5) / 1e5,
    lon: Math.round(d.lon * 1e5) / 1e5,
    details: d.details,
    label: d.label,
  };
}
