/**
 * Everything a detector needs, loaded once from the shared data: land (1:50m), the World Port Index and
 * the default zones. About 0.35 s on first call, then cached for the process.
 */
import { type LandIndex, type LandResolution, loadLand } from './land.ts';
import { loadPortIndex, type PortIndex } from './ports.ts';
import { loadDefaultZones, ZoneIndex } from './zones.ts';

export interface DefaultGeo {
  land: LandIndex;
  ports: PortIndex;
  zones: ZoneIndex;
}

const cache = new Map<LandResolution, DefaultGeo>();

/** Land, ports and default zones from the shared data (throws when a file is missing). Cached. */
export function loadDefaultGeo(landResolution: LandResolution = '50m'): DefaultGeo {
  const cached = cache.get(landResolution);
  if (cached) return cached;
  const land = loadLand(landResolution);
  const geo: DefaultGeo = {
    land,
    ports: loadPortIndex(),
    zones: new ZoneIndex(loadDefaultZones(), { land }),
  };
  cache.set(landResolution, geo);
  return geo;
}
