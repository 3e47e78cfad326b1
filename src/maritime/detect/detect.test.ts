import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendPosition, emptyTrack, sourceIndex, type TrackColumns } from '../track-codec.ts';
import { CoverageGrid } from './coverage.ts';
import { detectEncounters } from './encounters.ts';
import { detectIdentityEvents } from './identity-events.ts';
import { PRESETS } from './presets.ts';
import { detectVessel, distanceM, type GeoContext, SlowPoints } from './vessel.ts';

const gfw = PRESETS.gfw!;
const T0 = Date.UTC(2024, 2, 1);
const MIN = 60_000;
const HOUR = 3_600_000;

/** A toy world: one port at 38.0 N 124.0 E, land north of 40 N, a zone between 38.5–39 N and 124.5–125 E. */
const geo: GeoContext = {
  nearestPort(lat, lon, maxM) {
    const d = distanceM(lat, lon, 38, 124);
    return d <= maxM ? { id: 'p1', name: 'Testport', country: 'kp', distanceM: d } : null;
  },
  isLand: (lat) => lat > 40,
  zonesAt: (lat, lon) =>
    lat >= 38.5 && lat <= 39 && lon >= 124.5 && lon <= 125 ? [{ id: 'z1', name: 'Test zone' }] : [],
};

/** A track from (minute offset, lat, lon, sog) points. */
function track(points: [number, number, number, number | null][]): TrackColumns {
  const c = emptyTrack();
  const s = sourceIndex(c, 'src');
  for (const [i, [m, lat, lon, sog]] of points.entries())
    appendPosition(c, T0 + m * MIN, lat, lon, sog, 0, 0, 0, 1, s, i + 1);
  return c;
}

/** Every `step` minutes from `from` to `to`, position from f(minute). */
function path(
  from: number,
  to: number,
  step: number,
  f: (m: number) => [number, number, number | null],
): [number, number, number, number | null][] {
  const out: [number, number, number, number | null][] = [];
  for (let m = from; m <= to; m += step) out.push([m, ...f(m)]);
  return out;
}

describe('single-vessel detectors', () => {
  test('a 13 h silence is a gap; a vessel silent at the end of the data has an open gap', () => {
    const c = track([
      ...path(0, 60, 10, (m) => [37, 123 + m * 0.001, 10]),
      ...path(60 + 13 * 60, 60 + 14 * 60, 10, () => [37.1, 123.2, 10]),
    ]);
    const r = detectVessel(1, c, gfw, geo, T0 + 30 * HOUR, null, 4);
    assert.equal(r.gaps.length, 2);
    assert.equal(r.gaps[0]?.start, T0 + 60 * MIN);
    assert.equal(r.gaps[0]?.end, T0 + (60 + 13 * 60) * MIN);
    assert.equal(r.gaps[1]?.end, null, 'silent since 14 h with data until 30 h');
    const short = detectVessel(1, c, gfw, geo, T0 + 15 * HOUR, null, 4);
    assert.equal(short.gaps.length, 1, 'no open gap when the data ends soon after');
  });

  test('loitering needs 4 h under 2 kn away from ports, and ends with speed', () => {
    const c = track([
      ...path(0, 300, 5, () => [37, 123, 0.8]),
      ...path(305, 400, 5, (m) => [37, 123 + (m - 300) * 0.003, 11]),
    ]);
    const r = detectVessel(1, c, gfw, geo, T0 + 10 * HOUR, null, 4);
    const loiter = r.findings.filter((f) => f.type === 'loitering');
    assert.equal(loiter.length, 1);
    assert.equal(loiter[0]?.start, T0);
    assert.equal(loiter[0]?.end, T0 + 300 * MIN);
    const near = track(path(0, 300, 5, () => [38.01, 124.01, 0.5]));
    assert.equal(
      detectVessel(1, near, gfw, geo, T0, null, 4).findings.filter((f) => f.type === 'loitering').length,
      0,
      'not in port',
    );
    const brief = track(path(0, 200, 5, () => [37, 123, 0.5]));
    assert.equal(
      detectVessel(1, brief, gfw, geo, T0, null, 4).findings.filter((f) => f.type === 'loitering').length,
      0,
      'under 4 h',
    );
  });

  test('a port visit: enter within 3 km, stop, leave beyond 4 km; passing without stopping is no visit', () => {
    // approach from the south, stop 1 km from the port for 5 h, leave
    const c = track([
      ...path(0, 60, 5, (m) => [37.9 + m * 0.0015, 124, 10]),
      ...path(65, 365, 5, () => [38.009, 124, 0.1]),
      ...path(370, 430, 5, (m) => [38.009 - (m - 365) * 0.0015, 124, 10]),
    ]);
    const r = detectVessel(1, c, gfw, geo, T0 + 10 * HOUR, null, 4);
    const visits = r.findings.filter((f) => f.type === 'port_visit');
    assert.equal(visits.length, 1);
    assert.equal(visits[0]?.details.port, 'Testport');
    assert.equal(visits[0]?.details.dprk, true);
    assert.ok((visits[0]?.end as number) > T0 + 365 * MIN);
    const passing = track(path(0, 120, 5, (m) => [37.9 + m * 0.002, 124.01, 12]));
    assert.equal(
      detectVessel(1, passing, gfw, geo, T0, null, 4).findings.filter((f) => f.type === 'port_visit').length,
      0,
    );
  });

  test('zone entry and exit, confirmed over two reports (a single noisy report is ignored)', () => {
    // northbound at about 10 kn: 0.025 degrees every 10 minutes, with one noisy report just inside
    const c = track([
      ...path(0, 40, 10, () => [38.49, 124.7, 8]),
      [45, 38.501, 124.7, 8],
      ...path(50, 60, 10, () => [38.49, 124.7, 8]),
      ...path(70, 300, 10, (m) => [38.49 + ((m - 60) / 10) * 0.025, 124.7, 10]),
    ]);
    const r = detectVessel(1, c, gfw, geo, T0 + 4 * HOUR, null, 4);
    const zone = r.findings.filter((f) => f.type === 'zone_entry' || f.type === 'zone_exit');
    assert.deepEqual(
      zone.map((f) => [f.type, (f.start - T0) / MIN]),
      [
        ['zone_entry', 70],
        ['zone_exit', 270],
      ],
    );
  });

  test('spoofing: a jump out and back, a shared MMSI alternating between two places, positions on land', () => {
    const jump = track([
      ...path(0, 60, 5, () => [37, 123, 10]),
      [62, 35, 121, 10],
      ...path(65, 120, 5, () => [37, 123.01, 10]),
    ]);
    const r = detectVessel(1, jump, gfw, geo, T0, null, 4);
    const s = r.findings.filter((f) => f.type === 'spoofing');
    assert.equal(s.length, 1);
    assert.equal(s[0]?.details.kind, 'jump');
    assert.ok((s[0]?.details.maxDistanceKm as number) > 250);
    // the jump is left out of other detectors: no zone or gap from it
    assert.equal(r.findings.filter((f) => f.type !== 'spoofing').length, 0);

    const shared = track(path(0, 120, 2, (m) => (m % 4 === 0 ? [37, 123, 10] : [37.5, 123.5, 10])));
    const sh = detectVessel(1, shared, gfw, geo, T0, null, 4).findings.filter((f) => f.type === 'spoofing');
    assert.equal(sh.length, 1);
    assert.equal(sh[0]?.details.kind, 'shared_mmsi');

    const land = track([
      ...path(0, 30, 5, () => [39.9, 123, 10]),
      ...path(35, 50, 5, () => [41, 123, 10]),
      ...path(55, 60, 5, () => [39.9, 123, 10]),
    ]);
    const ld = detectVessel(1, land, gfw, geo, T0, null, 4).findings.filter(
      (f) => f.details.kind === 'on_land',
    );
    assert.equal(ld.length, 1);
    assert.equal(ld[0]?.details.reports, 4);
  });

  test('reports at the same time from two receivers count once; one position gives nothing', () => {
    const c = track([
      [0, 37, 123, 10],
      [0, 37, 123, 10],
      [1, 37.001, 123, 10],
    ]);
    assert.equal(detectVessel(1, c, gfw, geo, T0, null, 4).positions, 2);
    const one = track([[0, 37, 123, 10]]);
    const r = detectVessel(1, one, gfw, geo, T0 + HOUR, null, 4);
    assert.equal(r.findings.length + r.gaps.length, 0);
  });
});

describe('encounters', () => {
  function slowPoints(tracks: [number, TrackColumns][]): SlowPoints {
    const slow = new SlowPoints();
    for (const [mmsi, c] of tracks) detectVessel(mmsi, c, gfw, geo, T0, slow, 4);
    return slow;
  }

  test('two tankers within 500 m for 3 h at under 2 kn away from ports: one encounter', () => {
    const a = track(path(0, 180, 2, () => [36, 123, 0.5]));
    const b = track(path(1, 181, 2, () => [36.002, 123, 0.7]));
    const far = track(path(0, 180, 2, () => [36.2, 123, 0.5]));
    const found = detectEncounters(
      slowPoints([
        [111, a],
        [222, b],
        [333, far],
      ]),
      gfw.encounter,
    );
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.mmsi, [111, 222]);
    assert.ok((found[0]?.details.durationHours as number) >= 2.9);
    assert.ok(Math.abs((found[0]?.details.medianDistanceM as number) - 222) < 5);
  });

  test('too short, too far apart, or in port: no encounter', () => {
    const shortA = track(path(0, 90, 2, () => [36, 123, 0.5]));
    const shortB = track(path(0, 90, 2, () => [36.002, 123, 0.5]));
    assert.equal(
      detectEncounters(
        slowPoints([
          [1, shortA],
          [2, shortB],
        ]),
        gfw.encounter,
      ).length,
      0,
    );
    const farA = track(path(0, 200, 2, () => [36, 123, 0.5]));
    const farB = track(path(0, 200, 2, () => [36.006, 123, 0.5]));
    assert.equal(
      detectEncounters(
        slowPoints([
          [1, farA],
          [2, farB],
        ]),
        gfw.encounter,
      ).length,
      0,
    );
    const portA = track(path(0, 200, 2, () => [38.02, 124, 0.1]));
    const portB = track(path(0, 200, 2, () => [38.022, 124, 0.1]));
    assert.equal(
      detectEncounters(
        slowPoints([
          [1, portA],
          [2, portB],
        ]),
        gfw.encounter,
      ).length,
      0,
    );
  });

  test('pairing scales with traffic: a thousand vessels spread out find no encounters and few comparisons', () => {
    const tracks: [number, TrackColumns][] = [];
    for (let v = 0; v < 1000; v++) {
      tracks.push([
        v + 1,
        track(path(0, 240, 10, () => [30 + (v % 40) * 0.05, 120 + Math.floor(v / 40) * 0.05, 1])),
      ]);
    }
    assert.equal(detectEncounters(slowPoints(tracks), gfw.encounter).length, 0);
  });
});

describe('gap confidence', () => {
  test('a gap while the area kept reporting is confident; one where everyone vanished is not', () => {
    const grid = new CoverageGrid(1);
    for (let h = 0; h < 48; h++) {
      const outage = h >= 24 && h < 38;
      if (!outage) for (let k = 0; k < 100; k++) grid.add(T0 + h * HOUR + k * 1000, 37.5, 123.5);
    }
    const during = grid.gapConfidence(
      {
        mmsi: 1,
        i: 0,
        start: T0 + 24 * HOUR,
        end: T0 + 38 * HOUR,
        lat: 37.5,
        lon: 123.5,
        endLat: 0,
        endLon: 0,
        distanceM: 0,
      },
      24,
      T0 + 48 * HOUR,
    );
    assert.equal(during.confidence, 0);
    const normal = grid.gapConfidence(
      {
        mmsi: 1,
        i: 0,
        start: T0 + 6 * HOUR,
        end: T0 + 20 * HOUR,
        lat: 37.5,
        lon: 123.5,
        endLat: 0,
        endLon: 0,
        distanceM: 0,
      },
      24,
      T0 + 48 * HOUR,
    );
    assert.equal(normal.confidence, 1);
  });
});

describe('identity events', () => {
  const v = (mmsi: number, from: number, name: string, imo: number | null) => ({
    mmsi,
    validFrom: T0 + from * HOUR,
    validTo: T0 + (from + 1) * HOUR,
    imo,
    name,
    callsign: null,
    shipType: 80,
    length: null,
    beam: null,
    draught: null,
    destination: null,
    eta: null,
    messages: 1,
    source: 'src',
    line: from + 1,
  });

  test('a rename, an invalid IMO, a swap, and one IMO under two MMSIs at once', () => {
    const found = detectIdentityEvents(
      new Map([
        [1, [v(1, 0, 'ALPHA', 9176187), v(1, 10, 'BRAVO', 9176187)]],
        // 2 and 3 exchange names and IMO numbers
        [2, [v(2, 0, 'CHARLIE', 9074729), v(2, 5, 'DELTA', 9241061)]],
        [3, [v(3, 0, 'DELTA', 9241061), v(3, 6, 'CHARLIE', 9074729)]],
        [4, [v(4, 0, 'ECHO', 1234568)]],
        // 7: a Panamanian call sign (3E/3F series) on a DPRK MMSI (MID 445)
        [445000007, [{ ...v(445000007, 0, 'HOTEL', 9176199), callsign: '3FAB7' }]],
        // 8: a Gibraltar MMSI (MID 236) with a British call sign is consistent
        [236000008, [{ ...v(236000008, 0, 'INDIA', null), callsign: 'ZDHW6' }]],
        // 5 and 6 broadcast the same IMO at the same time
        [5, [v(5, 0, 'FOXTROT', 9321483)]],
        [6, [v(6, 0, 'GOLF', 9321483)]],
      ]),
    );
    const kinds = found.map((f) => `${f.details.kind}:${f.mmsi.join(',')}`).sort();
    assert.deepEqual(kinds, [
      'imo_multiple_mmsi:5,6',
      'invalid_imo:4',
      'mid_mismatch:445000007',
      'name:1',
      'swap:2,3',
    ]);
    assert.deepEqual(found.find((f) => f.details.kind === 'name')?.evidence, [{ source: 'src', line: 11 }]);
  });
});
