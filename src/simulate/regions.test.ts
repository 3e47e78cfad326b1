import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingShared } from '../config/paths.ts';
import { equirectangularM } from '../geo/distance.ts';
import { loadSimGeo } from './geo.ts';
import { LaneNetwork } from './network.ts';
import { REGIONS } from './regions.ts';

const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json') ||
  missingShared('geo', 'korea-region-territorial-seas.geojson');

/** Points every 250 m along a segment. */
function along(a: readonly number[], b: readonly number[]): [number, number][] {
  const d = equirectangularM(a[0], a[1], b[0], b[1]);
  const n = Math.max(1, Math.ceil(d / 250));
  return Array.from({ length: n + 1 }, (_, i) => [
    a[0] + ((b[0] - a[0]) * i) / n,
    a[1] + ((b[1] - a[1]) * i) / n,
  ]);
}

describe('region presets', { skip }, () => {
  for (const region of Object.values(REGIONS)) {
    test(`${region.name}: ports come from the World Port Index`, () => {
      const geo = loadSimGeo();
      const net = new LaneNetwork(region, geo);
      const names = net.ports.map((p) => `${p.port.name} (${p.port.country})`);
      for (const want of [
        'Nampo (kp)',
        'Haeju Hang (kp)',
        'Dalian (cn)',
        'Qingdao Gang (cn)',
        'Inchon (kr)',
      ]) {
        if (region.name === 'yellow-sea') assert.ok(names.includes(want), `${want} in ${names.join(', ')}`);
      }
    });

    test(`${region.name}: every lane edge keeps 4 km from land, every approach 1 km outside its harbour`, () => {
      const geo = loadSimGeo();
      const net = new LaneNetwork(region, geo);
      const offshore = (lat: number, lon: number) =>
        geo.insideLand(lat, lon) ? 0 : geo.distanceToCoastM(lat, lon, 5000);
      for (const [a, b] of region.edges) {
        for (const [lat, lon] of along(net.node(a), net.node(b))) {
          assert.ok(
            offshore(lat, lon) >= 4000,
            `lane ${a}–${b} within 4 km of land at ${lat.toFixed(3)}, ${lon.toFixed(3)}`,
          );
          assert.equal(
            geo.portsWithin(lat, lon, 8000).length,
            0,
            `lane ${a}–${b} passes a port at ${lat}, ${lon}`,
          );
        }
      }
      for (const p of net.ports) {
        const pts = [net.node(p.node), ...p.approach, [p.port.lat, p.port.lon]];
        for (let i = 1; i < pts.length; i++) {
          for (const [lat, lon] of along(pts[i - 1], pts[i])) {
            if (equirectangularM(lat, lon, p.port.lat, p.port.lon) <= p.harbourM) continue;
            assert.ok(
              offshore(lat, lon) >= 1000,
              `${p.port.name} approach near land at ${lat.toFixed(3)}, ${lon.toFixed(3)}`,
            );
          }
        }
      }
    });

    test(`${region.name}: every port reaches every other along lanes`, () => {
      const net = new LaneNetwork(region, loadSimGeo());
      for (const a of net.ports) for (const b of net.ports) assert.ok(net.lanePoints(a, b).length >= 1);
    });

    test(`${region.name}: plant areas are at sea`, () => {
      const geo = loadSimGeo();
      for (const area of region.plantAreas) {
        assert.ok(!geo.insideLand(area.centre[0], area.centre[1]), area.name);
      }
    });
  }
});
