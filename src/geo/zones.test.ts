import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingShared } from '../config/paths.ts';
import { LandIndex, loadLand } from './land.ts';
import {
  loadDefaultZones,
  MAX_ZONE_VERTICES,
  ZoneIndex,
  ZoneValidationError,
  zoneFromGeoJson,
} from './zones.ts';

const skipDefaults =
  missingShared('geo', 'korea-region-territorial-seas.geojson') ||
  missingShared('geo', 'dprk-boundaries', 'eez_prk.json') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json');

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

test('default zones around Korea', { skip: skipDefaults }, () => {
  const land = loadLand('50m');
  const zones = new ZoneIndex(loadDefaultZones(), { land });
  const ids = (lat: number, lon: number) => zones.zonesAt(lat, lon).map((z) => z.id);
  assert.deepEqual(
    zones.zones.map((z) => z.id),
    [
      'kp-territorial-sea',
      'kr-territorial-sea',
      'jp-territorial-sea',
      'cn-territorial-sea',
      'ru-territorial-sea',
      'kp-claimed-eez-east-sea',
      'kp-military-zone-east-sea',
    ],
  );
  // Middle of the Yellow Sea: in no zone at all (the DPRK claims no EEZ there in this data).
  assert.deepEqual(ids(36.0, 123.5), []);
  // About 5 nm west of the DPRK west coast at 39°N (Natural Earth coast at 125.235°E): DPRK territorial sea.
  assert.ok(land.distanceToCoastM(39.0, 125.128, 50_000) > 7000);
  assert.ok(land.distanceToCoastM(39.0, 125.128, 50_000) < 11_000);
  assert.deepEqual(ids(39.0, 125.128), ['kp-territorial-sea']);
  assert.equal(zones.isIn('kp-territorial-sea', 39.0, 125.128), true);
  // Nampo harbour (river port, within the land tolerance of the coast): in the DPRK territorial sea.
  assert.deepEqual(ids(38.7167, 125.4), ['kp-territorial-sea']);
  // Pyongyang and Seoul are land: inside their countries' land+sea rings, but in no sea zone.
  assert.deepEqual(ids(39.03, 125.75), []);
  assert.deepEqual(ids(37.56, 126.98), []);
  assert.equal(zones.isIn('kp-territorial-sea', 39.03, 125.75), false);
  // Busan harbour and the sea west of Baengnyeong: ROK territorial sea.
  assert.deepEqual(ids(35.1, 129.033333), ['kr-territorial-sea']);
  assert.deepEqual(ids(37.7, 124.8), ['kr-territorial-sea']);
  // East Sea: 15 km off Kosong, territorial sea + claimed EEZ + military zone; farther out, EEZ and
  // military zone; east of the military-zone line, EEZ only.
  assert.deepEqual(ids(38.7, 128.5), [
    'kp-territorial-sea',
    'kp-claimed-eez-east-sea',
    'kp-military-zone-east-sea',
  ]);
  assert.deepEqual(ids(40.0, 130.0), ['kp-claimed-eez-east-sea', 'kp-military-zone-east-sea']);
  assert.deepEqual(ids(39.3, 131.5), ['kp-claimed-eez-east-sea']);
  // Far away.
  assert.deepEqual(ids(0, 0), []);
  assert.deepEqual(ids(-33.9, 151.2), []);
  assert.equal(zones.get('kp-claimed-eez-east-sea')?.kind, 'eez');
  assert.equal(zones.get('kp-territorial-sea')?.country, 'kp');
  assert.ok(zones.distanceToBoundaryM('kp-territorial-sea', 39.0, 125.128, 100_000) > 10_000);
});

test('ZoneIndex with user zones', () => {
  const a = zoneFromGeoJson({ type: 'Polygon', coordinates: [square(124, 37, 125, 38)] }, 'Box A');
  const b = zoneFromGeoJson(
    {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [square(124.5, 37.5, 126, 39), square(125, 38, 125.5, 38.5)],
      },
    },
    'Box B (with hole)',
    { id: 'b', kind: 'user' },
  );
  assert.equal(a.id, 'box-a');
  assert.equal(a.kind, 'user');
  assert.deepEqual(a.bbox, [124, 37, 125, 38]);
  const zones = new ZoneIndex([a, b]);
  const ids = (lat: number, lon: number) => zones.zonesAt(lat, lon).map((z) => z.id);
  assert.deepEqual(ids(37.2, 124.2), ['box-a']);
  assert.deepEqual(ids(37.7, 124.7), ['box-a', 'b']);
  assert.deepEqual(ids(38.2, 125.2), [], 'in the hole of b');
  assert.deepEqual(ids(38.7, 125.7), ['b']);
  assert.deepEqual(ids(10, 10), []);
  assert.equal(zones.isIn('b', 38.7, 125.7), true);
  assert.equal(zones.isIn('nope', 38.7, 125.7), false);
  assert.throws(() => new ZoneIndex([a, a]), /duplicate zone id box-a/);
  // A zone that excludes land needs a LandIndex, and then leaves out land.
  const sea = zoneFromGeoJson({ type: 'Polygon', coordinates: [square(0, 0, 4, 4)] }, 'Sea', {
    excludesLand: true,
  });
  assert.throws(() => new ZoneIndex([sea]), /pass options.land/);
  const island = new LandIndex([[square(1, 1, 3, 3)]], { toleranceM: 0 });
  const withLand = new ZoneIndex([sea], { land: island });
  assert.deepEqual(
    withLand.zonesAt(0.5, 0.5).map((z) => z.id),
    ['sea'],
  );
  assert.deepEqual(withLand.zonesAt(2, 2), []);
});

test('zoneFromGeoJson rejects bad input with a clear error', () => {
  const bad = (input: unknown, pattern: RegExp, options?: Parameters<typeof zoneFromGeoJson>[2]) => {
    assert.throws(
      () => zoneFromGeoJson(input, 'z', options),
      (err: unknown) => err instanceof ZoneValidationError && pattern.test(err.message),
      `${JSON.stringify(input)?.slice(0, 80)} should fail with ${pattern}`,
    );
  };
  bad({ type: 'Point', coordinates: [125, 38] }, /not a polygon: geometry type Point/);
  bad({ type: 'LineString', coordinates: square(0, 0, 1, 1) }, /not a polygon: geometry type LineString/);
  bad({ type: 'Feature', properties: {}, geometry: null }, /geometry: feature has no geometry/);
  bad({ type: 'FeatureCollection', features: [] }, /no polygon/);
  bad(
    {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    },
    /^features\[1\]\.geometry: not a polygon/,
  );
  bad('{"type": "Polygon",', /not valid JSON/);
  bad(42, /not a GeoJSON object/);
  bad({ type: 'Polygon', coordinates: [] }, /at least one ring/);
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ],
    },
    /at least 4 positions/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    },
    /not closed/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [200, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    /longitude 200 out of range/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [38, 125],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    /latitude 125 out of range.*swapped/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          ['1', 0],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    /finite numbers/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [Number.NaN, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    /finite numbers/,
  );
  bad({ type: 'Polygon', coordinates: [[[0, 0], [1], [1, 1], [0, 0]]] }, /\[lon, lat\]/);
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ],
      ],
    },
    /no area/,
  );
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ],
      ],
    },
    /fewer than 3 distinct/,
  );
  // Bow tie.
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    },
    /crosses itself/,
  );
  // Crossing the antimeridian the long way.
  bad(
    {
      type: 'Polygon',
      coordinates: [
        [
          [179, 0],
          [-179, 0],
          [-179, 1],
          [179, 1],
          [179, 0],
        ],
      ],
    },
    /antimeridian/,
  );
  // Too many vertices.
  const big: number[][] = [];
  for (let i = 0; i < 2000; i++) {
    const a = (2 * Math.PI * i) / 2000;
    big.push([Math.cos(a), Math.sin(a)]);
  }
  big.push(big[0]);
  bad({ type: 'Polygon', coordinates: [big] }, /too many vertices: 2001 \(at most 1000\)/, {
    maxVertices: 1000,
  });
  assert.equal(
    zoneFromGeoJson({ type: 'Polygon', coordinates: [big] }, 'circle').polygons[0][0].length,
    2001,
  );
  assert.ok(MAX_ZONE_VERTICES === 100_000);
  // The error carries the path.
  try {
    zoneFromGeoJson(
      {
        type: 'MultiPolygon',
        coordinates: [
          [square(0, 0, 1, 1)],
          [
            [
              [0, 0],
              [1, 0],
              [0, 95],
              [0, 0],
            ],
          ],
        ],
      },
      'z',
    );
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ZoneValidationError);
    assert.equal(err.path, 'coordinates[1][0][2]');
  }
  // JSON text is accepted; unclosed rings are closed on request; names must not be empty.
  const z = zoneFromGeoJson(
    JSON.stringify({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }),
    '  My Zone! ',
  );
  assert.equal(z.name, 'My Zone!');
  assert.equal(z.id, 'my-zone');
  const closed = zoneFromGeoJson(
    {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
        ],
      ],
    },
    'tri',
    { closeRings: true },
  );
  assert.equal(closed.polygons[0][0].length, 4);
  assert.throws(
    () => zoneFromGeoJson({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }, '  '),
    /name is empty/,
  );
});
