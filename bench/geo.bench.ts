/**
 * Geography micro-benchmark (`npm run bench:geo`), issue #5: queries per second after loading, on random
 * points in the Yellow Sea / Korea region (lat 33–43, lon 119–132), best of 5 runs each. Targets: isLand
 * and zonesAt >= 1,000,000 queries/s; loading all default data (land 1:50m, ports, zones) < 1 s.
 */
import { sharedFile } from '../src/config/paths.ts';
import {
  equirectangularM,
  haversineM,
  loadDefaultZones,
  loadLand,
  loadPortIndex,
  ZoneIndex,
} from '../src/geo/index.ts';

for (const f of [
  'world-atlas-2.0.2_countries-50m.json',
  'world-port-index.csv',
  'korea-region-territorial-seas.geojson',
]) {
  if (!sharedFile('geo', f)) throw new Error(`shared data missing: geo/${f}`);
}

const t0 = performance.now();
const land = loadLand('50m');
const t1 = performance.now();
const ports = loadPortIndex();
const t2 = performance.now();
const zones = new ZoneIndex(loadDefaultZones(), { land });
const t3 = performance.now();
const land110 = loadLand('110m');
const t4 = performance.now();
console.log(
  `load: land 1:50m ${(t1 - t0).toFixed(0)} ms, ports ${(t2 - t1).toFixed(0)} ms (${ports.ports.length}), ` +
    `zones ${(t3 - t2).toFixed(0)} ms (${zones.zones.length}), total ${(t3 - t0).toFixed(0)} ms (target < 1000 ms); ` +
    `land 1:110m ${(t4 - t3).toFixed(0)} ms`,
);

const N = 1_000_000;
const lats = new Float64Array(N);
const lons = new Float64Array(N);
let seed = 12345;
const rand = () => {
  // xorshift32: the same points every run
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
for (let i = 0; i < N; i++) {
  lats[i] = 33 + rand() * 10;
  lons[i] = 119 + rand() * 13;
}

let sink = 0;
function bench(name: string, n: number, fn: (i: number) => number, target?: number): void {
  let best = 0;
  for (let run = 0; run < 5; run++) {
    const s = performance.now();
    let acc = 0;
    for (let i = 0; i < n; i++) acc += fn(i);
    const qps = n / ((performance.now() - s) / 1000);
    sink += acc;
    if (qps > best) best = qps;
  }
  const t = target
    ? ` (target >= ${(target / 1e6).toFixed(1)} M/s: ${best >= target ? 'ok' : 'MISSED'})`
    : '';
  console.log(`${name.padEnd(44)} ${(best / 1e6).toFixed(2).padStart(7)} M queries/s${t}`);
}

bench('land.isLand (1:50m, 2 km tolerance)', N, (i) => (land.isLand(lats[i], lons[i]) ? 1 : 0), 1e6);
bench('land.insideLandPolygon (1:50m, raw)', N, (i) => (land.insideLandPolygon(lats[i], lons[i]) ? 1 : 0));
bench('land110.isLand (1:110m, 5 km tolerance)', N, (i) => (land110.isLand(lats[i], lons[i]) ? 1 : 0));
bench('zones.zonesAt (7 default zones)', N, (i) => zones.zonesAt(lats[i], lons[i]).length, 1e6);
bench('land.distanceToCoastM (max 10 km)', N, (i) => land.distanceToCoastM(lats[i], lons[i], 10_000));
bench('land.distanceToCoastM (max 50 nm)', N / 10, (i) => land.distanceToCoastM(lats[i], lons[i], 92_600));
bench('ports.nearest (max 10 km)', N, (i) => (ports.nearest(lats[i], lons[i], 10_000) ? 1 : 0));
bench('ports.nearest (max 50 km)', N, (i) => (ports.nearest(lats[i], lons[i], 50_000) ? 1 : 0));
bench('haversineM', N, (i) => haversineM(lats[i], lons[i], lats[N - 1 - i], lons[N - 1 - i]));
bench('equirectangularM', N, (i) => equirectangularM(lats[i], lons[i], lats[N - 1 - i], lons[N - 1 - i]));

let onLand = 0;
let inZone = 0;
let nearPort = 0;
for (let i = 0; i < N; i++) {
  if (land.isLand(lats[i], lons[i])) onLand++;
  if (zones.zonesAt(lats[i], lons[i]).length > 0) inZone++;
  if (ports.nearest(lats[i], lons[i], 10_000)) nearPort++;
}
console.log(
  `sample mix: ${((100 * onLand) / N).toFixed(1)}% land, ${((100 * inZone) / N).toFixed(1)}% in a zone, ` +
    `${((100 * nearPort) / N).toFixed(1)}% within 10 km of a port (checksum ${sink.toFixed(0)})`,
);
