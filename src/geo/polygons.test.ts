import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { landPolygonsFromTopology } from './land.ts';
import {
  bboxOf,
  cutAtAntimeridian,
  distanceToBoundaryNaiveM,
  PolygonIndex,
  type PolygonRings,
  pointInPolygonsNaive,
  polygonsOf,
} from './polygons.ts';

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** A closed star-shaped ring around (cx, cy) with n vertices and radii in [rMin, rMax] degrees. */
function starRing(
  rand: () => number,
  cx: number,
  cy: number,
  n: number,
  rMin: number,
  rMax: number,
): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = rMin + rand() * (rMax - rMin);
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

test('square with a hole, and a second part', () => {
  const polygons: PolygonRings[] = [[square(0, 0, 10, 10), square(4, 4, 6, 6)], [square(20, 0, 22, 2)]];
  const idx = new PolygonIndex(polygons, { cellDeg: 1 });
  assert.equal(idx.contains(1, 1), true);
  assert.equal(idx.contains(5, 5), false, 'in the hole');
  assert.equal(idx.contains(5, 3.9), true);
  assert.equal(idx.contains(1, 21), true, 'second part');
  assert.equal(idx.contains(1, 15), false, 'between parts');
  assert.equal(idx.contains(-1, 5), false, 'south of the bbox');
  assert.equal(idx.contains(5, 30), false, 'east of the bbox');
  // Distances: 1° of latitude is ~111 km.
  const d = idx.distanceToBoundaryM(5, 5, 1_000_000); // centre of the hole: 1° from its edges
  assert.ok(Math.abs(d - distanceToBoundaryNaiveM(5, 5, polygons)) < 1e-6);
  assert.ok(d > 110_000 && d < 112_000, `${d}`);
  assert.equal(idx.distanceToBoundaryM(5, 5, 50_000), 50_000, 'capped at maxM');
  assert.equal(idx.distanceToBoundaryM(50, 50, 100_000), 100_000, 'far outside');
  assert.deepEqual(bboxOf(polygons), [0, 0, 22, 10]);
});

test('indexed point-in-polygon equals naive ray casting on random polygons with holes', () => {
  const rand = seeded(42);
  for (let trial = 0; trial < 20; trial++) {
    const polygons: PolygonRings[] = [];
    const parts = 1 + Math.floor(rand() * 4);
    for (let p = 0; p < parts; p++) {
      const cx = p * 10 + rand() * 2;
      const cy = rand() * 5;
      const outer = starRing(rand, cx, cy, 5 + Math.floor(rand() * 400), 2, 4.5);
      const holes =
        rand() < 0.7 ? [starRing(rand, cx + rand() * 0.4, cy, 3 + Math.floor(rand() * 50), 0.3, 1.5)] : [];
      polygons.push([outer, ...holes]);
    }
    // Several grid sizes, including cells much larger and much smaller than the edges.
    for (const cellDeg of [undefined, 0.013, 0.25, 3]) {
      const idx = new PolygonIndex(polygons, { cellDeg });
      const [minX, minY, maxX, maxY] = idx.bbox;
      let inside = 0;
      for (let i = 0; i < 3000; i++) {
        const lon = minX - 1 + rand() * (maxX - minX + 2);
        const lat = minY - 1 + rand() * (maxY - minY + 2);
        const want = pointInPolygonsNaive(lat, lon, polygons);
        if (want) inside++;
        assert.equal(idx.contains(lat, lon), want, `trial ${trial} cell ${cellDeg}: (${lat}, ${lon})`);
      }
      assert.ok(inside > 100, 'the sample hits the inside');
      // Points exactly on vertices and on cell borders agree too.
      for (const ring of polygons[0]) {
        for (const [x, y] of ring.slice(0, 50))
          assert.equal(idx.contains(y, x), pointInPolygonsNaive(y, x, polygons));
      }
    }
  }
});

test('indexed distance to boundary equals a scan of all edges (below maxM)', () => {
  const rand = seeded(9);
  const polygons: PolygonRings[] = [
    [starRing(rand, 125, 38, 300, 0.5, 2), starRing(rand, 125.1, 38, 40, 0.1, 0.3)],
    [starRing(rand, 129, 36, 80, 0.2, 1)],
  ];
  const idx = new PolygonIndex(polygons);
  for (let i = 0; i < 3000; i++) {
    const lat = 34 + rand() * 7;
    const lon = 121 + rand() * 11;
    const maxM = [2000, 20_000, 100_000][i % 3];
    const want = Math.min(maxM, distanceToBoundaryNaiveM(lat, lon, polygons));
    const got = idx.distanceToBoundaryM(lat, lon, maxM);
    assert.ok(Math.abs(got - want) < 1e-6, `(${lat}, ${lon}) max ${maxM}: ${got} vs ${want}`);
  }
});

test('antimeridian: rings split at ±180 and rings with continuous longitudes', () => {
  // An island from 178 to 182 (-178), split in two as RFC 7946 asks.
  const split: PolygonRings[] = [[square(178, -1, 180, 1)], [square(-180, -1, -178, 1)]];
  const a = new PolygonIndex(split);
  for (const lon of [179, 179.99, -179.99, -179, 180]) assert.equal(a.contains(0, lon), true, `${lon}`);
  assert.equal(a.contains(0, 177.9), false);
  assert.equal(a.contains(0, -177.9), false);
  // The same island with continuous longitudes 178..182.
  const continuous = new PolygonIndex([[square(178, -1, 182, 1)]]);
  for (const lon of [179, -179, -178.5, 181]) assert.equal(continuous.contains(0, lon), true, `${lon}`);
  assert.equal(continuous.contains(0, -177.5), false);
  assert.equal(continuous.contains(0, 177.5), false);
  // Distance wraps when the grid spans all longitudes: an island 178..179.95 plus far-away polygons that
  // make the grid span -180..180.
  const world: PolygonRings[] = [
    [square(178, -1, 179.95, 1)],
    [square(-180, 50, -170, 60)],
    [square(170, 50, 180, 60)],
  ];
  const w = new PolygonIndex(world);
  assert.equal(w.wrapsLon, true);
  const d = w.distanceToBoundaryM(0, -179.9, 500_000); // 0.15° east of the island's east coast
  assert.ok(Math.abs(d - 0.15 * 111_195) < 50, `${d}`);
  assert.ok(Math.abs(d - distanceToBoundaryNaiveM(0, -179.9, world)) < 1e-6);
  // Edges on the antimeridian are cuts, not boundaries: in an island cut at 180 (178..-179), the nearest
  // real edge to (0, -179.9) is its east coast at -179, 0.9° away, not the cut 0.1° west.
  const cutWorld = new PolygonIndex([
    [square(178, -1, 180, 1)],
    [square(-180, -1, -179, 1)],
    [square(0, 50, 1, 51)],
  ]);
  assert.equal(cutWorld.contains(0, -179.9), true);
  const dc = cutWorld.distanceToBoundaryM(0, -179.9, 500_000);
  assert.ok(Math.abs(dc - 0.9 * 111_195) < 50, `${dc}`);
});

test('cutAtAntimeridian: stitched rings are cut at ±180, rings around a pole are closed through it', () => {
  // An island from 179 to -179 (181) drawn the spherical way: the edge jumps from 179.5 to -179.5.
  const stitched: PolygonRings = [
    [
      [179, -1],
      [179.5, -1],
      [-179.5, -1],
      [-179, -1],
      [-179, 1],
      [179, 1],
      [179, -1],
    ],
  ];
  const cut = cutAtAntimeridian([stitched]);
  assert.equal(cut.length, 2);
  const idx = new PolygonIndex(cut);
  for (const lon of [179.2, 179.9, -179.9, -179.2]) assert.equal(idx.contains(0, lon), true, `${lon}`);
  assert.equal(idx.contains(0, 178.9), false);
  assert.equal(idx.contains(0, -178.9), false);
  assert.equal(idx.contains(2, 179.5), false);
  // The cut is not a boundary: 0.01° from it, the nearest edge is the east side at -179, 0.99° away.
  const d = idx.distanceToBoundaryM(0, 179.99, 500_000);
  assert.ok(Math.abs(d - 0.99 * 111_195) < 100, `${d}`);
  // Without the cut, planar even-odd gets it wrong (the jump edge runs across the whole map).
  assert.equal(new PolygonIndex([stitched]).contains(0, 179.9), false);

  // A ring around the South Pole at 70°S (longitudes wind once around), like Antarctica's coast.
  const polar: number[][] = [];
  for (let lon = -180; lon < 180; lon += 10) polar.push([lon, -70 - (lon % 20 === 0 ? 1 : 0)]);
  polar.push(polar[0]);
  const pole = new PolygonIndex(cutAtAntimeridian([[polar]]));
  assert.equal(pole.contains(-80, 0), true);
  assert.equal(pole.contains(-89.9, 123), true);
  assert.equal(pole.contains(-80, 179.9), true);
  assert.equal(pole.contains(-80, -179.9), true);
  assert.equal(pole.contains(-60, 0), false);
  assert.equal(pole.distanceToBoundaryM(-89, 0, 100_000), 100_000, 'the pole is no boundary');
  assert.equal(new PolygonIndex([[polar]]).contains(-80, 0), false, 'planar reading of the raw ring');

  // Rings that need nothing come back as they were.
  const plain: PolygonRings = [square(0, 0, 1, 1)];
  assert.deepEqual(cutAtAntimeridian([plain]), [plain]);
});

test('polygonsOf reads GeoJSON shapes and rejects others', () => {
  const poly = { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] };
  assert.equal(polygonsOf(poly).length, 1);
  assert.equal(
    polygonsOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(2, 2, 3, 3)]] }).length,
    2,
  );
  assert.equal(polygonsOf({ type: 'Feature', properties: {}, geometry: poly }).length, 1);
  assert.equal(
    polygonsOf({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: poly }] })
      .length,
    1,
  );
  assert.throws(() => polygonsOf({ type: 'Point', coordinates: [0, 0] }), /not a polygon geometry: Point/);
  const idx = PolygonIndex.fromGeoJson(poly);
  assert.equal(idx.contains(0.5, 0.5), true);
  assert.equal(new PolygonIndex([]).contains(0, 0), false);
});

const landFile = ['geo', 'world-atlas-2.0.2_countries-50m.json'] as const;
test('real land (Natural Earth 1:50m): indexed results equal the naive scans', {
  skip: missingShared(...landFile),
}, () => {
  const polygons = landPolygonsFromTopology(JSON.parse(readFileSync(sharedFile(...landFile)!, 'utf8')));
  const idx = new PolygonIndex(polygons);
  const rand = seeded(2024);
  let land = 0;
  // Worldwide, then the Korea region where the detectors work.
  for (let i = 0; i < 4000; i++) {
    const korea = i % 2 === 1;
    const lat = korea ? 33 + rand() * 10 : rand() * 180 - 90;
    const lon = korea ? 119 + rand() * 13 : rand() * 360 - 180;
    const want = pointInPolygonsNaive(lat, lon, polygons);
    if (want) land++;
    assert.equal(idx.contains(lat, lon), want, `(${lat}, ${lon})`);
  }
  assert.ok(land > 1000 && land < 3000, `${land} of 4000 on land`);
  for (let i = 0; i < 400; i++) {
    const lat = 33 + rand() * 10;
    const lon = 119 + rand() * 13;
    const want = Math.min(30_000, distanceToBoundaryNaiveM(lat, lon, polygons));
    assert.ok(Math.abs(idx.distanceToBoundaryM(lat, lon, 30_000) - want) < 1e-6, `(${lat}, ${lon})`);
  }
});
