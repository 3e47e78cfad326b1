import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  destinationPoint,
  EARTH_RADIUS_M,
  equirectangularM,
  haversineM,
  initialBearingDeg,
  kmToNm,
  knotsToMps,
  METRES_PER_DEGREE,
  mpsToKnots,
  mToNm,
  nmToKm,
  nmToM,
  normalizeLon,
  speedKnots,
} from './distance.ts';

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

test('haversine: known distances', () => {
  // One degree of latitude on the mean sphere.
  assert.ok(Math.abs(haversineM(0, 0, 1, 0) - METRES_PER_DEGREE) < 1e-6);
  assert.ok(Math.abs(METRES_PER_DEGREE - 111_195.08) < 0.1);
  // Quarter meridian.
  assert.ok(Math.abs(haversineM(0, 0, 90, 0) - (Math.PI / 2) * EARTH_RADIUS_M) < 1e-3);
  // Antipodes.
  assert.ok(Math.abs(haversineM(0, 0, 0, 180) - Math.PI * EARTH_RADIUS_M) < 1e-3);
  // Seoul - Busan, about 325 km.
  const d = haversineM(37.5665, 126.978, 35.1796, 129.0756);
  assert.ok(d > 320_000 && d < 330_000, `${d}`);
  assert.equal(haversineM(38.7, 125.4, 38.7, 125.4), 0);
  // Symmetric, and across the antimeridian the short way.
  assert.ok(Math.abs(haversineM(0, 179.5, 0, -179.5) - METRES_PER_DEGREE) < 1e-6);
});

test('initial bearing: cardinal directions and range', () => {
  assert.ok(Math.abs(initialBearingDeg(0, 0, 1, 0) - 0) < 1e-9);
  assert.ok(Math.abs(initialBearingDeg(0, 0, 0, 1) - 90) < 1e-9);
  assert.ok(Math.abs(initialBearingDeg(1, 0, 0, 0) - 180) < 1e-9);
  assert.ok(Math.abs(initialBearingDeg(0, 1, 0, 0) - 270) < 1e-9);
  // Across the antimeridian eastwards.
  assert.ok(Math.abs(initialBearingDeg(0, 179.5, 0, -179.5) - 90) < 1e-9);
  const rand = seeded(7);
  for (let i = 0; i < 1000; i++) {
    const b = initialBearingDeg(rand() * 160 - 80, rand() * 360 - 180, rand() * 160 - 80, rand() * 360 - 180);
    assert.ok(b >= 0 && b < 360, `${b}`);
  }
});

test('destination point: round trip with distance and bearing', () => {
  const rand = seeded(11);
  for (let i = 0; i < 2000; i++) {
    const lat = rand() * 160 - 80;
    const lon = rand() * 360 - 180;
    const bearing = rand() * 360;
    const dist = rand() * 2_000_000;
    const p = destinationPoint(lat, lon, bearing, dist);
    assert.ok(p.lon >= -180 && p.lon < 180);
    assert.ok(Math.abs(haversineM(lat, lon, p.lat, p.lon) - dist) < 1e-3, `distance ${i}`);
    if (dist > 1000) {
      const back = initialBearingDeg(lat, lon, p.lat, p.lon);
      const diff = Math.abs(((back - bearing + 540) % 360) - 180);
      assert.ok(diff < 1e-6, `bearing ${i}: ${back} vs ${bearing}`);
    }
  }
  // 1 nm north from Nampo.
  const north = destinationPoint(38.7167, 125.4, 0, 1852);
  assert.ok(Math.abs(north.lat - (38.7167 + 1852 / METRES_PER_DEGREE)) < 1e-9);
  assert.ok(Math.abs(north.lon - 125.4) < 1e-9);
});

test('equirectangular approximation stays within its documented error bounds', () => {
  const rand = seeded(3);
  const cases: Array<[maxDist: number, maxLat: number, bound: number]> = [
    [10_000, 80, 1e-5],
    [100_000, 80, 5e-4],
    [500_000, 80, 1e-2],
    [100_000, 70, 1e-4],
    [500_000, 70, 2e-3],
  ];
  for (const [maxDist, maxLat, bound] of cases) {
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const lat = (rand() * 2 - 1) * maxLat;
      const lon = rand() * 360 - 180;
      const p = destinationPoint(lat, lon, rand() * 360, rand() * maxDist);
      if (Math.abs(p.lat) > maxLat) continue;
      const h = haversineM(lat, lon, p.lat, p.lon);
      if (h < 1) continue;
      worst = Math.max(worst, Math.abs(equirectangularM(lat, lon, p.lat, p.lon) - h) / h);
    }
    assert.ok(
      worst <= bound,
      `up to ${maxDist} m at |lat| <= ${maxLat}: worst relative error ${worst} > ${bound}`,
    );
  }
  // Wraps the longitude difference.
  assert.ok(Math.abs(equirectangularM(0, 179.9, 0, -179.9) - 0.2 * METRES_PER_DEGREE) < 1e-6);
});

test('unit helpers', () => {
  assert.equal(nmToM(1), 1852);
  assert.equal(mToNm(1852), 1);
  assert.equal(nmToKm(10), 18.52);
  assert.ok(Math.abs(kmToNm(18.52) - 10) < 1e-12);
  assert.ok(Math.abs(knotsToMps(1) - 0.514444) < 1e-6);
  assert.ok(Math.abs(mpsToKnots(knotsToMps(12.5)) - 12.5) < 1e-12);
  assert.ok(Math.abs(speedKnots(1852, 3600) - 1) < 1e-12);
  assert.equal(normalizeLon(180), -180);
  assert.equal(normalizeLon(-180), -180);
  assert.equal(normalizeLon(190), -170);
  assert.equal(normalizeLon(-190), 170);
  assert.equal(normalizeLon(540), -180);
  assert.equal(normalizeLon(125.4), 125.4);
});
