/**
 * Land and coastline from Natural Earth (world-atlas 2.0.2 TopoJSON, 1:50m or 1:110m), for "position on
 * land" (spoofing) and "distance from shore" (encounters, loitering, AIS gaps).
 *
 * Natural Earth is generalised: at 1:50m the coast is drawn to about 1–3 km (and quantised to ~0.2 × 0.4 km
 * in world-atlas), fjords, river mouths and lagoons narrower than that are land, and many ports lie inside
 * the land polygon (about 2,150 of the 3,802 World Port Index ports; ships in Rostock, the Kiel Fjord or
 * Szczecin lagoon are "on land"). Hence `isLand` asks for a point inside land AND at least `toleranceM`
 * from the coastline (default 2 km at 1:50m, 5 km at 1:110m). That still leaves river and canal ports
 * inland: a spoofing detector should also ignore positions near a port (PortIndex.nearest), see README.
 *
 * The Korea-region territorial-seas file (korea-region-territorial-seas.geojson) has no separate land
 * polygons: each country's feature is land and territorial sea in one ring, so it cannot sharpen the
 * coastline; it is used for the territorial-sea zones (zones.ts) only. Land is Natural Earth everywhere.
 */
import { readFileSync } from 'node:fs';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { sharedFile } from '../config/paths.ts';
import { cutAtAntimeridian, PolygonIndex, type PolygonRings, polygonsOf } from './polygons.ts';

export type LandResolution = '50m' | '110m';

/** Default "inside land by at least this much" per resolution, metres (see module comment). */
export const DEFAULT_LAND_TOLERANCE_M: Readonly<Record<LandResolution, number>> = {
  '50m': 2000,
  '110m': 5000,
};

export interface LandOptions {
  /** Inland tolerance for `isLand`, metres. Default: DEFAULT_LAND_TOLERANCE_M[resolution]. */
  toleranceM?: number;
  /** Grid cell size of the polygon index, degrees (default: automatic, ~0.26° for 1:50m). */
  cellDeg?: number;
}

export interface LoadLandOptions extends LandOptions {
  /** The world-atlas countries TopoJSON file; default: the shared-data copy for the resolution. */
  path?: string;
  /** An already parsed world-atlas topology (takes precedence over `path`). */
  topology?: unknown;
}

export class LandIndex {
  readonly resolution: string;
  readonly toleranceM: number;
  readonly polygons: readonly PolygonRings[];
  readonly index: PolygonIndex;

  constructor(polygons: readonly PolygonRings[], options: LandOptions & { resolution?: string } = {}) {
    this.resolution = options.resolution ?? 'custom';
    this.toleranceM =
      options.toleranceM ??
      DEFAULT_LAND_TOLERANCE_M[this.resolution as LandResolution] ??
      DEFAULT_LAND_TOLERANCE_M['50m'];
    this.polygons = polygons;
    this.index = new PolygonIndex(polygons, { cellDeg: options.cellDeg });
  }

  /**
   * Whether (lat, lon) is land beyond doubt at this resolution: inside a land polygon and at least
   * `toleranceM` from its coastline. `toleranceM` 0 gives the raw polygon test.
   */
  isLand(lat: number, lon: number, toleranceM: number = this.toleranceM): boolean {
    if (!this.index.contains(lat, lon)) return false;
    if (!(toleranceM > 0)) return true;
    return this.index.distanceToBoundaryM(lat, lon, toleranceM) >= toleranceM;
  }

  /** Raw polygon test, no tolerance. */
  insideLandPolygon(lat: number, lon: number): boolean {
    return this.index.contains(lat, lon);
  }

  /**
   * Distance in metres from (lat, lon) to the nearest coastline, on either side of it, or `maxM` when the
   * coast is farther. Approximate: the coast is Natural Earth's (see module comment), the distance is
   * computed in a local flat projection (error < 0.1% up to 100 km).
   */
  distanceToCoastM(lat: number, lon: number, maxM: number): number {
    return this.index.distanceToBoundaryM(lat, lon, maxM);
  }

  /** Distance offshore in metres: 0 on land (raw polygon), else the distance to the coast, capped at maxM. */
  distanceOffshoreM(lat: number, lon: number, maxM: number): number {
    if (this.index.contains(lat, lon)) return 0;
    return this.index.distanceToBoundaryM(lat, lon, maxM);
  }
}

/**
 * Land polygons of a world-atlas topology (its `land` object, else all countries merged), made planar.
 * world-atlas is built for d3's spherical geometry: rings are stitched across the antimeridian (Chukotka,
 * Fiji, Wrangel Island) and Antarctica's coast circles the South Pole, with a quantisation-artefact ring at
 * -89.999°. `cutAtAntimeridian` cuts the first at ±180° and closes the second through the pole; the
 * artefact ring is dropped.
 */
export function landPolygonsFromTopology(topology: unknown): PolygonRings[] {
  const topo = topology as Topology;
  if (topo?.type !== 'Topology' || !topo.objects) throw new TypeError('not a TopoJSON topology');
  let spherical: PolygonRings[];
  const land = topo.objects.land;
  if (land) spherical = polygonsOf(feature(topo, land));
  else {
    const countries = topo.objects.countries as GeometryCollection | undefined;
    if (!countries) throw new TypeError('topology has neither a "land" nor a "countries" object');
    // Merging removes shared borders, so neighbouring countries do not cancel out under even-odd.
    spherical = polygonsOf(merge(topo, countries.geometries as never));
  }
  const withoutPolarSlivers = spherical.map((p) =>
    p.filter((ring) => !ring.every((q) => Math.abs(q[1]) >= 89.99)),
  );
  return cutAtAntimeridian(withoutPolarSlivers);
}

/** The shared-data path of the world-atlas file for a resolution, or undefined when absent. */
export function landDataPath(resolution: LandResolution): string | undefined {
  return sharedFile('geo', `world-atlas-2.0.2_countries-${resolution}.json`);
}

const cache = new Map<string, LandIndex>();

/**
 * Loads Natural Earth land at 1:50m (default) or 1:110m into a LandIndex. Results for files read from
 * disk are cached per path and options (the index is immutable), so detectors can call this freely.
 */
export function loadLand(resolution: LandResolution = '50m', options: LoadLandOptions = {}): LandIndex {
  if (resolution !== '50m' && resolution !== '110m')
    throw new RangeError(`unknown land resolution ${resolution}`);
  const { topology, path: givenPath, ...indexOptions } = options;
  if (topology !== undefined) {
    return new LandIndex(landPolygonsFromTopology(topology), { ...indexOptions, resolution });
  }
  const path = givenPath ?? landDataPath(resolution);
  if (!path) {
    throw new Error(
      `world-atlas ${resolution} land data not found under the shared data folder (set WATCHKEEPER_SHARED_DATA or pass options.path)`,
    );
  }
  const key = `${path}|${resolution}|${indexOptions.toleranceM ?? ''}|${indexOptions.cellDeg ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const land = new LandIndex(landPolygonsFromTopology(parsed), { ...indexOptions, resolution });
  cache.set(key, land);
  return land;
}
