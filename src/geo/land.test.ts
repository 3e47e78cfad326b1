import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { DEFAULT_LAND_TOLERANCE_M, LandIndex, loadLand } from './land.ts';
import { loadPortIndex } from './ports.ts';

const skip50 = missingShared('geo', 'world-atlas-2.0.2_countries-50m.json');
const skip110 = missingShared('geo', 'world-atlas-2.0.2_countries-110m.json');

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

test('tolerance: inside the polygon but near its coast is not land', () => {
  // A 2° x 2° island at the equator; its coast is ~111 km from the centre.
  const land = new LandIndex([[square(0, 0, 2, 2)]], { toleranceM: 2000 });
  assert.equal(land.isLand(1, 1), true);
  assert.equal(land.insideLandPolygon(1, 0.01), true);
  assert.equal(land.isLand(1, 0.01), false, '~1.1 km inland is within the 2 km tolerance');
  assert.equal(land.isLand(1, 0.01, 0), true, 'tolerance 0 is the raw test');
  assert.equal(land.isLand(1, 0.03), true, '~3.3 km inland');
  assert.equal(land.isLand(1, -0.5), false);
  const d = land.distanceToCoastM(1, -0.1, 50_000); // 0.1° of longitude at 1°N
  assert.ok(Math.abs(d - 0.1 * Math.cos(Math.PI / 180) * 111_195.08) < 1, `${d}`);
  assert.equal(land.distanceOffshoreM(1, 1, 50_000), 0);
  assert.equal(land.distanceOffshoreM(1, -1, 50_000), 50_000);
});

test('Natural Earth 1:50m: known places', { skip: skip50 }, () => {
  const land = loadLand('50m');
  assert.equal(land.resolution, '50m');
  assert.equal(land.toleranceM, DEFAULT_LAND_TOLERANCE_M['50m']);
  assert.equal(loadLand('50m'), land, 'cached');
  // Pyongyang and Seoul: land, tens of km inland.
  assert.equal(land.isLand(39.03, 125.75), true);
  assert.equal(land.isLand(37.56, 126.98), true);
  assert.ok(land.distanceToCoastM(39.03, 125.75, 100_000) > 20_000);
  // Middle of the Yellow Sea: sea, far from any coast.
  assert.equal(land.isLand(36.0, 123.5), false);
  assert.equal(land.insideLandPolygon(36.0, 123.5), false);
  assert.equal(land.distanceToCoastM(36.0, 123.5, 50_000), 50_000);
  // Sea of Japan, open ocean, Atlantic.
  assert.equal(land.isLand(40, 134), false);
  assert.equal(land.isLand(0, -30), false);
  // Inland elsewhere: Moscow, Ulaanbaatar, Kansas, the Sahara; Antarctica near the pole.
  for (const [lat, lon] of [
    [55.75, 37.62],
    [47.9, 106.9],
    [38.5, -98],
    [23, 12],
    [-85, 45],
  ]) {
    assert.equal(land.isLand(lat, lon), true, `${lat}, ${lon}`);
  }
  // Nampo (a river port) and Busan harbour are not "land" with the tolerance.
  assert.equal(land.isLand(38.716667, 125.4), false);
  assert.equal(land.isLand(35.1, 129.033333), false);
  // Antimeridian (world-atlas stitches rings across it; they are cut at load): Chukotka and Wrangel
  // Island on both sides, Fiji's Vanua Levu west and Taveuni east of it; the cut is not a coast.
  for (const [lat, lon] of [
    [67, 179.5],
    [67, -179.5],
    [71.2, 179.5],
    [71.2, -179.5],
  ]) {
    assert.equal(land.isLand(lat, lon), true, `${lat}, ${lon}`);
    assert.ok(land.distanceToCoastM(lat, lon, 100_000) > 10_000, `${lat}, ${lon} far from the coast`);
  }
  assert.equal(land.isLand(-16.6, 179.5), true);
  assert.equal(land.insideLandPolygon(-16.85, -179.95), true);
  assert.equal(land.isLand(-16.0, 179.5), false);
  // Antarctica is closed through the South Pole (world-atlas draws it as a ring around the pole).
  assert.equal(land.isLand(-89.5, 0), true);
  assert.ok(land.distanceToCoastM(-89.5, 0, 100_000) === 100_000, 'the pole is no coast');
});

test('Natural Earth 1:110m loads and agrees on clear cases', { skip: skip110 }, () => {
  const land = loadLand('110m');
  assert.equal(land.toleranceM, DEFAULT_LAND_TOLERANCE_M['110m']);
  assert.equal(land.isLand(39.03, 125.75), true);
  assert.equal(land.isLand(36.0, 123.5), false);
  const topology = JSON.parse(
    readFileSync(sharedFile('geo', 'world-atlas-2.0.2_countries-110m.json')!, 'utf8'),
  );
  // Without the "land" object, countries are merged.
  delete topology.objects.land;
  const merged = loadLand('110m', { topology });
  for (const [lat, lon] of [
    [39.03, 125.75],
    [48.5, 10],
    [36.0, 123.5],
    [52, 20],
  ]) {
    assert.equal(merged.isLand(lat, lon), land.isLand(lat, lon), `${lat}, ${lon}`);
  }
});

const balticFile = ['ais', 'baltic-2018-04-01-positions.csv'] as const;
test('real ship positions (Baltic, 2018): land with tolerance and away from ports is rare', {
  skip: skip50 || missingShared(...balticFile) || missingShared('geo', 'world-port-index.csv'),
}, () => {
  const land = loadLand('50m');
  const ports = loadPortIndex();
  const rows = readFileSync(sharedFile(...balticFile)!, 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  let rawLand = 0;
  let toleranceLand = 0;
  let awayFromPorts = 0;
  for (const row of rows) {
    const cells = row.split(';');
    const lat = Number(cells[5]);
    const lon = Number(cells[6]);
    if (land.insideLandPolygon(lat, lon)) rawLand++;
    if (land.isLand(lat, lon)) {
      toleranceLand++;
      if (!ports.anyWithin(lat, lon, 20_000)) awayFromPorts++;
    }
  }
  // Natural Earth misses fjords, rivers and lagoons (Kiel, Rostock, Szczecin): many raw hits.
  assert.ok(rawLand > toleranceLand && toleranceLand > awayFromPorts);
  // Measured: 25 of 19,999 (Kiel Canal, Bothnian archipelago).
  assert.ok(awayFromPorts / rows.length < 0.005, `${awayFromPorts} of ${rows.length}`);
});
