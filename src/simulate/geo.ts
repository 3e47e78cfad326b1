/**
 * What the simulator needs from src/geo, behind one small interface: land (Natural Earth 1:50m), the World
 * Port Index and the named zones (DPRK territorial sea, EEZ). Tests can pass their own; `loadSimGeo()` gives
 * the real data from the shared data folder.
 */
import { loadLand } from '../geo/land.ts';
import { loadPortIndex, type Port } from '../geo/ports.ts';
import { loadDefaultZones, ZoneIndex } from '../geo/zones.ts';

export type { Port } from '../geo/ports.ts';

export interface SimGeo {
  /** Inside a land polygon (raw Natural Earth test, no tolerance). */
  insideLand(lat: number, lon: number): boolean;
  /** Distance to the coastline in metres, capped at maxM (either side of it). */
  distanceToCoastM(lat: number, lon: number, maxM: number): number;
  /** "Land beyond doubt": what a spoofing detector calls on land (inside land and ≥ 2 km from the coast). */
  isLandBeyondDoubt(lat: number, lon: number): boolean;
  portByWpi(wpi: number): Port | undefined;
  /** Ports within radiusM, nearest first. */
  portsWithin(lat: number, lon: number, radiusM: number): { port: Port; distanceM: number }[];
  /** Names of the zones containing the point (empty when none). */
  zonesAt(lat: number, lon: number): string[];
  /** Bounding boxes of the zones, [minLon, minLat, maxLon, maxLat], to skip zone tests far away. */
  zoneBoxes: readonly (readonly [number, number, number, number])[];
}

let cached: SimGeo | undefined;

/** The real geography from the shared data folder (throws, saying which file, when it is missing). */
export function loadSimGeo(): SimGeo {
  if (cached) return cached;
  const land = loadLand('50m');
  const ports = loadPortIndex();
  // The DPRK's zones only: the detectors watch those (China's and Korea's territorial seas would give an
  // entry and an exit for nearly every port call in the region).
  const zones = new ZoneIndex(loadDefaultZones({ territorialSeas: ['kp'] }), { land });
  cached = {
    insideLand: (lat, lon) => land.insideLandPolygon(lat, lon),
    distanceToCoastM: (lat, lon, maxM) => land.distanceToCoastM(lat, lon, maxM),
    isLandBeyondDoubt: (lat, lon) => land.isLand(lat, lon),
    portByWpi: (wpi) => ports.get(wpi),
    portsWithin: (lat, lon, radiusM) => ports.within(lat, lon, radiusM),
    zonesAt: (lat, lon) => zones.zonesAt(lat, lon).map((z) => z.name),
    zoneBoxes: zones.zones.map((z) => z.bbox),
  };
  return cached;
}
