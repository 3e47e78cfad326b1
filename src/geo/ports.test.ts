import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingShared } from '../config/paths.ts';
import { haversineM } from './distance.ts';
import { loadPortIndex, loadPorts, type Port, PortIndex, parsePortsCsv } from './ports.ts';

const skipWpi = missingShared('geo', 'world-port-index.csv');

function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function port(id: number, lat: number, lon: number): Port {
  return {
    id,
    name: `P${id}`,
    alternateName: '',
    country: '',
    countryName: '',
    unlocode: '',
    lat,
    lon,
    harborSize: '',
    harborType: '',
    waterBody: '',
  };
}

test('parsePortsCsv: a hand-made file in the WPI layout', () => {
  const csv =
    '\ufeffOID_,World Port Index Number,Main Port Name,Alternate Port Name,UN/LOCODE,Country Code,World Water Body,Harbor Size,Harbor Type,Latitude,Longitude\n' +
    '1.0,60280.0,Nampo,Chinnampo,KP NAM,North Korea,Korea Bay,Small,River (Natural),38.716667000000001,125.400000000000006\n' +
    '2.0,99999.0,Nowhere, , ,Wake Island, , , ,bad,1\n' +
    '3.0,61000.0,"Quoted, Port", ,XX ABC,Atlantis,Ocean,Very Small, ,-10.5,-170.25\n';
  const ports = parsePortsCsv(csv);
  assert.equal(ports.length, 2, 'the row without a position is skipped');
  assert.deepEqual(ports[0], {
    id: 60280,
    name: 'Nampo',
    alternateName: 'Chinnampo',
    country: 'kp',
    countryName: 'North Korea',
    unlocode: 'KPNAM',
    lat: 38.716667,
    lon: 125.4,
    harborSize: 'Small',
    harborType: 'River (Natural)',
    waterBody: 'Korea Bay',
  });
  assert.equal(ports[1].name, 'Quoted, Port');
  assert.equal(ports[1].country, '', 'unknown country');
  assert.equal(ports[1].alternateName, '');
  assert.throws(() => parsePortsCsv('Name,Lat\nx,1\n'), /column "World Port Index Number" not found/);
});

test('PortIndex: nearest and within equal a brute-force scan', () => {
  const rand = seeded(5);
  const ports: Port[] = [];
  for (let i = 0; i < 3000; i++) ports.push(port(i, 30 + rand() * 15, 115 + rand() * 20));
  // Around the antimeridian and near the pole too.
  for (let i = 0; i < 200; i++)
    ports.push(port(10_000 + i, -20 + rand() * 10, rand() < 0.5 ? 179 + rand() : -180 + rand()));
  for (let i = 0; i < 50; i++) ports.push(port(20_000 + i, 85 + rand() * 5, rand() * 360 - 180));
  const idx = new PortIndex(ports);
  const queries: Array<[number, number]> = [];
  for (let i = 0; i < 600; i++) queries.push([29 + rand() * 17, 114 + rand() * 22]);
  for (let i = 0; i < 200; i++)
    queries.push([-21 + rand() * 12, rand() < 0.5 ? 178.5 + rand() * 1.5 : -180 + rand() * 1.5]);
  for (let i = 0; i < 100; i++) queries.push([84 + rand() * 6, rand() * 360 - 180]);
  for (const [lat, lon] of queries) {
    for (const r of [5_000, 50_000, 300_000]) {
      const brute = ports
        .map((p) => ({ p, d: haversineM(lat, lon, p.lat, p.lon) }))
        .filter((x) => x.d <= r)
        .sort((a, b) => a.d - b.d);
      const within = idx.within(lat, lon, r);
      assert.deepEqual(
        within.map((h) => h.port.id),
        brute.map((x) => x.p.id),
        `within (${lat}, ${lon}) ${r}`,
      );
      const nearest = idx.nearest(lat, lon, r);
      assert.equal(nearest?.distanceM, brute[0]?.d, `nearest (${lat}, ${lon}) ${r}`);
      assert.equal(idx.anyWithin(lat, lon, r), brute.length > 0);
    }
  }
  assert.equal(idx.get(10_005)?.id, 10_005);
  assert.equal(new PortIndex([]).nearest(0, 0, 1e6), undefined);
});

test('World Port Index: DPRK and Korean ports', { skip: skipWpi }, () => {
  const ports = loadPorts();
  assert.equal(ports.length, 3802);
  assert.ok(ports.every((p) => p.country === '' || /^[a-z]{2}$/.test(p.country)));
  assert.ok(ports.filter((p) => p.country === '').length === 0, 'every WPI country maps to a code');
  const dprk = ports.filter((p) => p.country === 'kp');
  assert.equal(dprk.length, 10);
  const idx = loadPortIndex();
  // Nampo: within 1 km of its WPI position.
  const nampo = idx.within(38.7167, 125.4, 1000);
  assert.ok(nampo.some((h) => h.port.name === 'Nampo' && h.port.country === 'kp'));
  const near = idx.nearest(38.7167, 125.4, 1000);
  assert.equal(near?.port.name, 'Nampo');
  assert.equal(near?.port.unlocode, 'KPNAM');
  assert.equal(near?.port.id, 60280);
  // Busan exists, in South Korea.
  const busan = ports.find((p) => p.name === 'Busan');
  assert.equal(busan?.country, 'kr');
  assert.equal(idx.nearest(35.1, 129.04, 5000)?.port.name, 'Busan');
  // Middle of the Yellow Sea: no port within 50 km.
  assert.equal(idx.nearest(36.0, 123.5, 50_000), undefined);
  assert.equal(ports.find((p) => p.countryName === 'Wake Island')?.country, 'um');
});
