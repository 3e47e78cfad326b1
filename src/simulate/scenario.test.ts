import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { Decoder } from '../ais/index.ts';
import { type Observation, observationsOf } from '../ais/observation.ts';
import { missingShared } from '../config/paths.ts';
import { equirectangularM } from '../geo/distance.ts';
import { EVENT_TYPES, type TruthRecord } from '../maritime/events.ts';
import { isValidImo } from '../maritime/imo.ts';
import { findViolations } from './check.ts';
import { emitScenario } from './emit.ts';
import { loadSimGeo } from './geo.ts';
import type { ScenarioPlan } from './model.ts';
import type { SimOptions } from './options.ts';
import { planScenario } from './plan.ts';
import type { TrackPoint } from './track.ts';

const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json') ||
  missingShared('geo', 'korea-region-territorial-seas.geojson') ||
  missingShared('geo', 'dprk-boundaries', 'eez_prk.json');

// A day of 160 vessels reporting every 30 s (plus static reports), with more corrupt lines than the default
// so that there are some to count: every kind of planted behaviour is in it.
const OPTIONS: Partial<SimOptions> = { vessels: 160, hours: 24, interval: 30, corrupt: 0.0005, seed: 11 };

interface Scenario {
  plan: ScenarioPlan;
  nmea: Buffer;
  truth: TruthRecord[];
  corrupt: number;
}

async function generate(options: Partial<SimOptions>): Promise<Scenario> {
  const plan = planScenario(options);
  const chunks: Buffer[] = [];
  const { stats, truth } = await emitScenario(plan, (c) => {
    chunks.push(c);
  });
  return { plan, nmea: Buffer.concat(chunks), truth, corrupt: stats.corrupt };
}

function sha(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

interface Decoded {
  observations: Observation[];
  byMmsi: Map<number, Observation[]>;
  rejected: number;
  messages: number;
}

function decode(nmea: Buffer): Decoded {
  const d = new Decoder();
  const observations: Observation[] = [];
  let messages = 0;
  d.pushChunk(nmea, (m) => {
    messages++;
    observationsOf(m, observations);
  });
  d.endChunks(() => {});
  d.finish();
  const byMmsi = new Map<number, Observation[]>();
  for (const o of observations) {
    let list = byMmsi.get(o.mmsi);
    if (!list) {
      list = [];
      byMmsi.set(o.mmsi, list);
    }
    list.push(o);
  }
  for (const list of byMmsi.values()) list.sort((a, b) => a.t - b.t);
  const rejected = Object.values(d.counters.rejected).reduce((a, b) => a + b, 0);
  return { observations, byMmsi, rejected, messages };
}

const ms = (iso: string | null) => (iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso));

describe('simulated scenario', { skip }, () => {
  let s: Scenario;
  let dec: Decoded;

  before(async () => {
    s = await generate(OPTIONS);
    dec = decode(s.nmea);
  });

  test('every kind of planted behaviour is in the truth', () => {
    const kinds = new Set(
      s.truth.map((t) => `${t.type}${typeof t.details.kind === 'string' ? `:${t.details.kind}` : ''}`),
    );
    for (const k of [
      'encounter',
      'loitering',
      'port_visit',
      'zone_entry',
      'zone_exit',
      'gap:dark_port_call',
      'gap:dark_at_sea',
      'gap:open',
      'gap:reception_outage',
      'spoofing:speed',
      'spoofing:jump',
      'spoofing:on_land',
      'spoofing:shared_mmsi',
      'identity_change:name',
      'identity_change:imo',
      'identity_change:callsign',
      'identity_change:flag',
      'identity_change:swap',
      'identity_change:invalid_imo',
      'identity_change:imo_multiple_mmsi',
    ]) {
      assert.ok(kinds.has(k), `${k} missing (have ${[...kinds].join(', ')})`);
    }
    assert.ok(s.truth.some((t) => t.type === 'encounter' && t.details.preset === 'rendezvous'));
    assert.ok(s.truth.some((t) => t.type === 'gap' && t.details.minHours === 6));
    assert.ok(s.truth.some((t) => t.type === 'port_visit' && t.details.country === 'kp'));
    assert.deepEqual(s.plan.warnings, []);
  });

  test('truth records are well formed', () => {
    for (const t of s.truth) {
      assert.ok((EVENT_TYPES as readonly string[]).includes(t.type), t.type);
      assert.match(t.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      if (t.end !== null) {
        assert.match(t.end, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
        assert.ok(ms(t.end) >= ms(t.start), JSON.stringify(t));
      }
      assert.ok(Number.isFinite(t.lat) && Number.isFinite(t.lon));
      assert.deepEqual(
        t.mmsi,
        [...t.mmsi].sort((a, b) => a - b),
      );
      assert.ok(t.label.length > 0);
      if (t.details.kind !== 'reception_outage') assert.ok(t.mmsi.length >= 1, JSON.stringify(t));
    }
  });

  test('the same seed gives byte-identical output; another seed does not', async () => {
    const again = await generate(OPTIONS);
    assert.equal(sha(again.nmea), sha(s.nmea));
    assert.equal(JSON.stringify(again.truth), JSON.stringify(s.truth));
    const other = await generate({ ...OPTIONS, seed: 12 });
    assert.notEqual(sha(other.nmea), sha(s.nmea));
  });

  test('the NMEA decodes with no rejection but the deliberately corrupt lines', () => {
    assert.ok(s.corrupt > 0, 'some corrupt lines were written');
    assert.equal(dec.rejected, s.corrupt);
    assert.ok(dec.messages > 100_000);
    // receive times: in order but for the late bursts, every time inside the period
    const start = s.plan.start;
    const end = s.plan.end;
    for (const o of dec.observations) assert.ok(o.t >= start && o.t < end);
  });

  test("every truth record's vessels appear in the output", () => {
    for (const t of s.truth) {
      for (const m of t.mmsi) assert.ok(dec.byMmsi.has(m), `${m} of ${t.label}`);
    }
  });

  test('background traffic is never on land nor within 1 km of it outside harbours (noiseless tracks)', () => {
    const { plan } = s;
    const geo = plan.geo;
    const pt: TrackPoint = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
    let checked = 0;
    for (const v of plan.vessels) {
      if (!v.background || v.removed) continue;
      v.track.resetCursor();
      for (let t = plan.start; t < plan.end; t += 60_000) {
        v.track.at(t, pt);
        const harbour = plan.network.ports.find(
          (p) => equirectangularM(pt.lat, pt.lon, p.port.lat, p.port.lon) <= p.harbourM,
        );
        if (harbour) continue;
        checked++;
        const onLand = geo.insideLand(pt.lat, pt.lon);
        const offshore = onLand ? 0 : geo.distanceToCoastM(pt.lat, pt.lon, 1000);
        assert.ok(
          offshore >= 1000,
          `vessel ${v.index} ${offshore.toFixed(0)} m from land at ${pt.lat}, ${pt.lon}`,
        );
      }
      v.track.resetCursor();
    }
    assert.ok(checked > 100_000);
  });

  test('background never meets the encounter or loitering definitions by accident (noiseless tracks)', () => {
    const { plan } = s;
    const { close, slow } = findViolations(plan.vessels, plan.geo, plan.region.bounds, plan.start, plan.end);
    assert.deepEqual(close, [], 'no two vessels within 1 km for over 20 min away from ports');
    assert.deepEqual(slow, [], 'no background vessel under 2 kn for over 3 h away from ports');
  });

  test('planted encounters are within 500 m for 2 h at under 2 kn in the emitted positions', () => {
    const encounters = s.truth.filter((t) => t.type === 'encounter');
    assert.ok(encounters.length >= 3);
    for (const e of encounters) {
      const [a, b] = e.mmsi.map((m) => dec.byMmsi.get(m)!.filter((o) => o.kind === 'position'));
      const limit = e.details.preset === 'gfw' ? 500 : 250;
      // pair each report of a with b's nearest report in time
      let run = 0;
      let best = 0;
      let runStart = 0;
      let last = Number.NEGATIVE_INFINITY;
      let j = 0;
      for (const p of a) {
        if (p.kind !== 'position') continue;
        while (j + 1 < b.length && Math.abs(b[j + 1].t - p.t) <= Math.abs(b[j].t - p.t)) j++;
        const q = b[j];
        if (q.kind !== 'position' || Math.abs(q.t - p.t) > 90_000) continue;
        const ok =
          equirectangularM(p.lat, p.lon, q.lat, q.lon) < limit && (p.sog ?? 99) < 2 && (q.sog ?? 99) < 2;
        if (ok) {
          if (p.t - last > 10 * 60_000) runStart = p.t;
          last = p.t;
          run = p.t - runStart;
          best = Math.max(best, run);
        }
      }
      const need = e.details.preset === 'gfw' ? 2 * 3_600_000 : 30 * 60_000;
      assert.ok(best >= need, `${e.label}: together ${(best / 60_000).toFixed(0)} min`);
    }
  });

  test('a vessel that goes dark emits nothing during its gap', () => {
    const gaps = s.truth.filter((t) => t.type === 'gap' && t.details.kind !== 'reception_outage');
    assert.ok(gaps.length >= 3);
    for (const g of gaps) {
      const obs = dec.byMmsi.get(g.mmsi[0])!;
      const start = ms(g.start);
      const end = ms(g.end);
      // no position between the truth's bounds (the last report before, the first after), and no message at
      // all well inside them (a static report may follow the last position by a few minutes)
      assert.equal(obs.filter((o) => o.kind === 'position' && o.t > start && o.t < end).length, 0, g.label);
      assert.equal(
        obs.filter((o) => o.t > start + 10 * 60_000 && o.t < end - 10 * 60_000).length,
        0,
        g.label,
      );
      // the gap is bounded by emitted positions
      assert.ok(
        obs.some((o) => o.kind === 'position' && o.t === start),
        `${g.label}: last report at the start`,
      );
      if (g.end !== null)
        assert.ok(
          obs.some((o) => o.kind === 'position' && o.t === end),
          g.label,
        );
      const hours = (Math.min(end, s.plan.end) - start) / 3_600_000;
      assert.ok(hours >= (g.details.minHours as number), `${g.label}: ${hours.toFixed(1)} h`);
    }
  });

  test('nothing is received inside a reception outage', () => {
    const outages = s.plan.outages;
    assert.equal(outages.length, 1);
    const o = outages[0];
    let inside = 0;
    for (const p of dec.observations) {
      if (p.kind !== 'position' || p.t < o.from || p.t >= o.to) continue;
      if (equirectangularM(p.lat, p.lon, o.lat, o.lon) < o.radiusM - 2000) inside++;
    }
    assert.equal(inside, 0);
    const perVessel = s.truth.filter(
      (t) => t.details.kind === 'reception_outage' && t.details.scope === 'vessel',
    );
    assert.ok(perVessel.length > 0, 'vessels in the area lose their reports');
  });

  test('spoofed positions are where the truth says', () => {
    const geo = loadSimGeo();
    for (const t of s.truth.filter((x) => x.type === 'spoofing')) {
      const obs = dec.byMmsi.get(t.mmsi[0])!.filter((o) => o.kind === 'position');
      const start = ms(t.start);
      const end = ms(t.end);
      const during = obs.filter((o) => o.t >= start && o.t <= end);
      const before = obs.filter((o) => o.t < start).at(-1);
      assert.ok(during.length > 0 && before, t.label);
      if (t.details.kind === 'on_land') {
        for (const o of [during[0], during.at(-1)!]) {
          if (o.kind === 'position') assert.ok(geo.isLandBeyondDoubt(o.lat, o.lon), t.label);
        }
      } else if (t.details.kind === 'jump' || t.details.kind === 'speed') {
        const p = during[0];
        if (p.kind !== 'position' || before?.kind !== 'position') continue;
        const km = equirectangularM(p.lat, p.lon, before.lat, before.lon) / 1000;
        const hours = (p.t - before.t) / 3_600_000;
        assert.ok(
          km / hours / 1.852 > 50,
          `${t.label}: ${km.toFixed(0)} km in ${(hours * 3600).toFixed(0)} s`,
        );
        if (t.details.kind === 'jump') assert.ok(km > 100, t.label);
        else assert.ok(km < 100, t.label);
      } else if (t.details.kind === 'shared_mmsi') {
        // two places at once: reports within a minute of each other, far apart
        let far = 0;
        for (let i = 1; i < during.length; i++) {
          const a = during[i - 1];
          const b = during[i];
          if (a.kind !== 'position' || b.kind !== 'position' || b.t - a.t > 60_000) continue;
          if (equirectangularM(a.lat, a.lon, b.lat, b.lon) > 100_000) far++;
        }
        assert.ok(far > 10, t.label);
      }
    }
  });

  test('identity changes are in the static reports', () => {
    const staticOf = (mmsi: number) =>
      dec.byMmsi.get(mmsi)!.filter((o) => o.kind === 'static' && o.msgType === 5);
    for (const t of s.truth.filter((x) => x.type === 'identity_change' && x.details.optional !== true)) {
      const start = ms(t.start);
      const end = ms(t.end);
      switch (t.details.kind) {
        case 'name':
        case 'imo':
        case 'callsign': {
          const field = t.details.kind;
          const st = staticOf(t.mmsi[0]);
          const old = st.filter((o) => o.t <= start).at(-1);
          const now = st.find((o) => o.t >= end);
          assert.ok(old && now, t.label);
          if (old?.kind !== 'static' || now?.kind !== 'static') break;
          assert.equal(old[field], t.details.old, t.label);
          assert.equal(now[field], t.details.new, t.label);
          break;
        }
        case 'swap': {
          const [a, b] = t.mmsi.map((m) => staticOf(m));
          const names = (xs: Observation[], after: boolean) =>
            new Set(
              xs
                .filter((o) => (after ? o.t >= end : o.t <= start))
                .map((o) => (o.kind === 'static' ? o.name : '')),
            );
          assert.deepEqual([...names(a, true)], [...names(b, false)], t.label);
          assert.deepEqual([...names(b, true)], [...names(a, false)], t.label);
          break;
        }
        case 'invalid_imo': {
          const st = staticOf(t.mmsi[0]);
          assert.ok(st.length > 10);
          for (const o of st) if (o.kind === 'static') assert.ok(o.imo && !isValidImo(o.imo), t.label);
          break;
        }
        case 'imo_multiple_mmsi': {
          const [a, b] = t.mmsi.map((m) => staticOf(m));
          const imo = t.details.imo;
          assert.ok(
            a.some((o) => o.kind === 'static' && o.imo === imo) &&
              b.some((o) => o.kind === 'static' && o.imo === imo),
          );
          break;
        }
        case 'flag': {
          const [oldMmsi, newMmsi] = [t.details.oldMmsi as number, t.details.newMmsi as number];
          const before = dec.byMmsi.get(oldMmsi)!;
          const after = dec.byMmsi.get(newMmsi)!;
          // the old MMSI falls silent when the new one starts
          assert.ok(
            before.at(-1)!.t <= end && after[0].t >= start && before.at(-1)!.t <= after[0].t,
            t.label,
          );
          assert.ok(staticOf(newMmsi).every((o) => o.kind === 'static' && o.imo === t.details.imo));
          break;
        }
      }
    }
  });

  test('port visits stop within 3 km of the port', () => {
    for (const t of s.truth.filter((x) => x.type === 'port_visit' && x.details.optional !== true)) {
      const obs = dec.byMmsi
        .get(t.mmsi[0])!
        .filter((o) => o.kind === 'position' && o.t >= ms(t.start) && o.t <= ms(t.end));
      assert.ok(obs.length > 0, t.label);
      const stopped = obs.filter(
        (o) =>
          o.kind === 'position' && (o.sog ?? 99) < 0.5 && equirectangularM(o.lat, o.lon, t.lat, t.lon) < 3000,
      );
      assert.ok(stopped.length > 0, t.label);
    }
  });
});
