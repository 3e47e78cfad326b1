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
    // position counts as on land only well inland and away from any port
    isLand: (lat, lon) =>
      l.isLand(lat, lon, ON_LAND_TOLERANCE_M) && !p.anyWithin(lat, lon, ON_LAND_PORT_CLEARANCE_M),
    zonesAt: (lat, lon) => zones.zonesAt(lat, lon),
  };
  if (contexts.size > 20) contexts.clear();
  contexts.set(key, ctx);
  return ctx;
}
