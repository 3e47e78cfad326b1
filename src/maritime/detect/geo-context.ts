/**
 * The detectors' view of the world, from src/geo: World Port Index ports, land (Natural Earth, with the
 * coastline tolerance of src/geo/land.ts), and zones: the DPRK territorial sea and claimed EEZ by default,
 * plus the user's own zones. Loaded once per process (the indexes are immutable).
 */
import {
  type LandIndex,
  loadDefaultZones,
  loadLand,
  loadPortIndex,
  type PortIndex,
  type Zone,
  ZoneIndex,
} from '../../geo/index.ts';
import type { GeoContext } from './vessel.ts';

/**
 * How far inside Natural Earth land a position must be to count as on land (m). Natural Earth 1:50m draws
 * lakes (IJsselmeer), fjords and archipelagos as land; real ships there sit up to ~15 km inside it.
 */
export const ON_LAND_TOLERANCE_M = 20_000;
/** Positions this close to a port never count as on land (river and canal ports lie inside the land polygons). */
export const ON_LAND_PORT_CLEARANCE_M = 15_000;

/**
 * Ship canals, as polylines (lat, lon) along their course: Natural Earth's land covers them, and ships in them
 * are tens of kilometres "inland". Positions within CANAL_WIDTH_M of one never count as on land.
 */
const SHIP_CANALS: readonly { name: string; path: readonly [number, number][] }[] = [
  {
    name: 'Kiel Canal',
    path: [
      // Brunsbüttel to Kiel-Holtenau; the middle points are ships seen in the canal (Baltic recording)
      [53.892, 9.142],
      [54.0, 9.26],
      [54.09, 9.32],
      [54.144, 9.35],
      [54.175, 9.45],
      [54.23, 9.55],
      [54.3, 9.67],
      [54.33, 9.9],
      [54.365, 10.14],
    ],
  },
  {
    name: 'Suez Canal',
    path: [
      [31.265, 32.31],
      [30.9, 32.32],
      [30.6, 32.32],
      [30.3, 32.45],
      [29.95, 32.56],
    ],
  },
  {
    name: 'Panama Canal',
    path: [
      [9.38, -79.92],
      [9.27, -79.92],
      [9.12, -79.77],
      [9.0, -79.62],
      [8.9, -79.52],
    ],
  },
  {
    name: 'Corinth Canal',
    path: [
      [37.94, 22.955],
      [37.915, 23.0],
    ],
  },
  {
    name: 'Volga–Baltic (Neva)',
    path: [
      [59.95, 30.2],
      [59.9, 30.5],
      [59.95, 31.0],
    ],
  },
];
const CANAL_WIDTH_M = 6000;

function nearShipCanal(lat: number, lon: number): boolean {
  for (const canal of SHIP_CANALS) {
    for (let i = 1; i < canal.path.length; i++) {
      const [lat1, lon1] = canal.path[i - 1] as [number, number];
      const [lat2, lon2] = canal.path[i] as [number, number];
      if (segmentDistanceM(lat, lon, lat1, lon1, lat2, lon2) <= CANAL_WIDTH_M) return true;
    }
  }
  return false;
}

/** Distance from a point to a short segment, in a local flat projection (metres). */
function segmentDistanceM(
  lat: number,
  lon: number,
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
): number {
  const k = Math.cos((lat * Math.PI) / 180) * 111_320;
  const px = (lon - lon1) * k;
  const py = (lat - lat1) * 110_574;
  const dx = (lon2 - lon1) * k;
  const dy = (lat2 - lat1) * 110_574;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
  return Math.hypot(px - t * dx, py - t * dy);
}

let ports: PortIndex | null = null;
let land: LandIndex | null = null;
let defaultZones: Zone[] | null = null;
const contexts = new Map<string, GeoContext>();

/** The DPRK zones every detection watches (territorial sea, claimed EEZ). */
export function dprkZones(): Zone[] {
  defaultZones ??= loadDefaultZones({ territorialSeas: ['kp'] });
  return defaultZones;
}

export function portIndex(): PortIndex {
  ports ??= loadPortIndex();
  return ports;
}

export function landIndex(): LandIndex {
  land ??= loadLand('50m');
  return land;
}

/** A GeoContext with the default zones and these user zones (cached by their ids). */
export function loadGeoContext(userZones: readonly Zone[] = []): GeoContext {
  const key = userZones.map((z) => `${z.id}@${z.polygons.length}`).join('|');
  const cached = contexts.get(key);
  if (cached) return cached;
  const p = portIndex();
  const l = landIndex();
  const zones = new ZoneIndex([...dprkZones(), ...userZones], { land: l });
  const ctx: GeoContext = {
    nearestPort(lat, lon, maxM) {
      const hit = p.nearest(lat, lon, maxM);
      if (!hit) return null;
      return {
        id: String(hit.port.id),
        name: hit.port.name,
        country: hit.port.country,
        distanceM: hit.distanceM,
      };
    },
    // Natural Earth's coast is generalised by kilometres (fjords, lagoons and river ports are "land"): a
    // position counts as on land only well inland, away from any port and out of ship canals
    isLand: (lat, lon) =>
      l.isLand(lat, lon, ON_LAND_TOLERANCE_M) &&
      !p.anyWithin(lat, lon, ON_LAND_PORT_CLEARANCE_M) &&
      !nearShipCanal(lat, lon),
    zonesAt: (lat, lon) => zones.zonesAt(lat, lon),
  };
  if (contexts.size > 20) contexts.clear();
  contexts.set(key, ctx);
  return ctx;
}
