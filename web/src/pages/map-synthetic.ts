/**
 * Generated positions and events for the map's frame-rate benchmark (`/map?synthetic=100000,10000`):
 * deterministic (a fixed-seed generator), spread over the Yellow Sea and its approaches so that all of them
 * are on screen at the start, which is the worst case for drawing.
 */
import type { LatestPosition, MaritimeEvent } from '../maritime-types.ts';

const TYPES = [
  'encounter',
  'loitering',
  'gap',
  'port_visit',
  'zone_entry',
  'zone_exit',
  'spoofing',
  'identity_change',
];
const FLAGS = ['cn', 'kr', 'kp', 'pa', 'sl', 'jp', 'ru', 'hk'];
const SHIP_TYPES = [30, 70, 80, 60, 52, 90, null];

/** A small fixed-seed generator (mulberry32): the same numbers on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function synthesize(positionCount: number, eventCount: number) {
  const rnd = random(20260302);
  const t0 = Date.UTC(2026, 2, 2);
  const positions: LatestPosition[] = new Array(Math.max(0, Math.min(positionCount, 1_000_000)));
  for (let i = 0; i < positions.length; i++) {
    const mmsi = 200_000_000 + i;
    positions[i] = {
      mmsi,
      name: `SYNTHETIC ${i}`,
      shipType: SHIP_TYPES[i % SHIP_TYPES.length],
      flag: FLAGS[i % FLAGS.length],
      mmsiClass: 'ship',
      time: new Date(t0 + Math.floor(rnd() * 86_400_000)).toISOString(),
      lat: 30 + rnd() * 12,
      lon: 117 + rnd() * 14,
      sog: Math.round(rnd() * 150) / 10,
      cog: Math.round(rnd() * 3600) / 10,
      heading: null,
    };
  }
  const events: MaritimeEvent[] = new Array(Math.max(0, Math.min(eventCount, 100_000)));
  for (let i = 0; i < events.length; i++) {
    const start = t0 + Math.floor(rnd() * 86_400_000);
    events[i] = {
      id: `synthetic${String(i).padStart(11, '0')}`,
      type: TYPES[i % TYPES.length],
      mmsi: [200_000_000 + Math.floor(rnd() * Math.max(1, positions.length))],
      start: new Date(start).toISOString(),
      end: new Date(start + 3_600_000).toISOString(),
      lat: 30 + rnd() * 12,
      lon: 117 + rnd() * 14,
      preset: 'gfw',
      algorithm: 'synthetic/1',
      params: {},
      details: {},
      evidence: [],
      detectedAt: new Date(t0).toISOString(),
    };
  }
  return { positions, events };
}
