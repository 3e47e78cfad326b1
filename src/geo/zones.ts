/**
 * Maritime zones (territorial seas, claimed EEZ and military zone, user-drawn areas) and a ZoneIndex that
 * answers "which zones is this position in" at detector speed.
 *
 * Default zones (`loadDefaultZones`):
 * - Territorial seas of the DPRK, the Republic of Korea and Japan (whole features) and of China and Russia
 *   (only their polygons near Korea), from korea-region-territorial-seas.geojson (OpenStreetMap-derived,
 *   ODbL). That file holds one outer ring per country covering land AND its 12 nm belt together (property
 *   `A3` names the country; there is no land/sea property), so a territorial sea here is "inside the
 *   country's ring and not land". Land is Natural Earth 1:50m with the LandIndex tolerance (2 km): points
 *   within 2 km of the generalised coast, i.e. ports, river mouths and internal waters, count as inside.
 * - The DPRK's claimed EEZ on the East Sea side (dprk-boundaries/eez_prk.json: the full claim, bounded by the
 *   shoreline, including the territorial sea) and, inside it, the claimed military zone
 *   (eez_prk_mz.json). Source: Global Fishing Watch study data derived from Marine Regions. The file's
 *   properties (pol_type "12NM", area_km2 29,712) are copied from a Marine Regions territorial-sea record
 *   and do not describe the geometry (about 1.2e5 km²). There is no Yellow Sea EEZ claim in the data.
 * Zones overlap: a position in the DPRK territorial sea off the east coast is in the territorial sea, the
 * claimed EEZ and the military zone.
 */
import { readFileSync } from 'node:fs';
import { sharedFile } from '../config/paths.ts';
import type { LandIndex } from './land.ts';
import { type BBox, bboxOf, PolygonIndex, type PolygonRings } from './polygons.ts';

export type ZoneKind = 'territorial_sea' | 'eez' | 'military_zone' | 'user' | (string & {});

export interface Zone {
  /** Stable id, e.g. 'kp-territorial-sea'. */
  id: string;
  name: string;
  kind: ZoneKind;
  /** ISO alpha-2, lowercase, of the coastal state; '' when none (user zones). */
  country: string;
  /** GeoJSON polygon coordinates (`[lon, lat]`), outer ring then holes. */
  polygons: PolygonRings[];
  /** `[minLon, minLat, maxLon, maxLat]` */
  bbox: BBox;
  /** Sea zone whose polygon also covers land: positions on land (LandIndex.isLand) are not in it. */
  excludesLand: boolean;
  /** Where the geometry comes from (file, licence). */
  source: string;
}

/** Largest user zone accepted by default (total vertices over all rings). */
export const MAX_ZONE_VERTICES = 100_000;
/** Rings up to this many vertices are checked for self-intersection (O(n²)); larger ones are not. */
const SELF_INTERSECTION_CHECK_MAX = 2_000;

export class ZoneValidationError extends Error {
  /** Where in the input, e.g. 'features[0].geometry.coordinates[0][3]'. */
  readonly path: string;
  constructor(message: string, path: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'ZoneValidationError';
    this.path = path;
  }
}

export interface ZoneFromGeoJsonOptions {
  id?: string;
  kind?: ZoneKind;
  country?: string;
  excludesLand?: boolean;
  source?: string;
  maxVertices?: number;
  /** Close unclosed rings instead of rejecting them (default false: GeoJSON rings must be closed). */
  closeRings?: boolean;
}

/**
 * A zone from user GeoJSON (object or JSON text): a Polygon, MultiPolygon, a Feature with one, or a
 * FeatureCollection / GeometryCollection of them. Rejects, with a ZoneValidationError saying where:
 * non-polygon geometry, more than `maxVertices` vertices (default 100,000), coordinates that are not
 * finite numbers or out of range (lon -180..180, lat -90..90), rings with fewer than 4 positions, unclosed
 * rings, rings with no area (all points on a line), rings with an edge longer than 180° of longitude
 * (crossing the antimeridian the long way: split the ring at ±180°, RFC 7946 §3.1.9), and rings of up to
 * 2,000 vertices that cross themselves.
 */
export function zoneFromGeoJson(geojson: unknown, name: string, options: ZoneFromGeoJsonOptions = {}): Zone {
  let input = geojson;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch (err) {
      throw new ZoneValidationError(`not valid JSON (${(err as Error).message})`, '');
    }
  }
  const polygons: PolygonRings[] = [];
  collectPolygons(input, '', polygons, options.closeRings ?? false);
  if (polygons.length === 0) throw new ZoneValidationError('no polygon in the input', '');
  const maxVertices = options.maxVertices ?? MAX_ZONE_VERTICES;
  let vertices = 0;
  for (const p of polygons) for (const r of p) vertices += r.length;
  if (vertices > maxVertices) {
    throw new ZoneValidationError(
      `too many vertices: ${vertices} (at most ${maxVertices}); simplify the zone`,
      '',
    );
  }
  const trimmedName = name.trim();
  if (!trimmedName) throw new ZoneValidationError('zone name is empty', '');
  return {
    id: options.id ?? slug(trimmedName),
    name: trimmedName,
    kind: options.kind ?? 'user',
    country: options.country ?? '',
    polygons,
    bbox: bboxOf(polygons),
    excludesLand: options.excludesLand ?? false,
    source: options.source ?? 'user',
  };
}

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'zone';
}

function collectPolygons(g: unknown, path: string, out: PolygonRings[], close: boolean): void {
  if (!g || typeof g !== 'object' || Array.isArray(g))
    throw new ZoneValidationError('not a GeoJSON object', path);
  const o = g as Record<string, unknown>;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (o.type) {
    case 'Polygon':
      out.push(validatePolygon(o.coordinates, at('coordinates'), close));
      return;
    case 'MultiPolygon': {
      if (!Array.isArray(o.coordinates))
        throw new ZoneValidationError('coordinates must be an array', at('coordinates'));
      o.coordinates.forEach((p, i) => {
        out.push(validatePolygon(p, `${at('coordinates')}[${i}]`, close));
      });
      return;
    }
    case 'Feature':
      if (o.geometry === null || o.geometry === undefined)
        throw new ZoneValidationError('feature has no geometry', at('geometry'));
      collectPolygons(o.geometry, at('geometry'), out, close);
      return;
    case 'FeatureCollection':
      if (!Array.isArray(o.features))
        throw new ZoneValidationError('features must be an array', at('features'));
      o.features.forEach((f, i) => {
        collectPolygons(f, `${at('features')}[${i}]`, out, close);
      });
      return;
    case 'GeometryCollection':
      if (!Array.isArray(o.geometries))
        throw new ZoneValidationError('geometries must be an array', at('geometries'));
      o.geometries.forEach((f, i) => {
        collectPolygons(f, `${at('geometries')}[${i}]`, out, close);
      });
      return;
    default:
      throw new ZoneValidationError(
        `not a polygon: geometry type ${typeof o.type === 'string' ? o.type : 'missing'} (expected Polygon or MultiPolygon)`,
        path,
      );
  }
}

function validatePolygon(coords: unknown, path: string, close: boolean): PolygonRings {
  if (!Array.isArray(coords) || coords.length === 0) {
    throw new ZoneValidationError('a polygon needs at least one ring (an array of rings)', path);
  }
  return coords.map((ring, i) => validateRing(ring, `${path}[${i}]`, close));
}

function validateRing(ring: unknown, path: string, close: boolean): number[][] {
  if (!Array.isArray(ring))
    throw new ZoneValidationError('a ring must be an array of [lon, lat] positions', path);
  if (ring.length < (close ? 3 : 4)) {
    throw new ZoneValidationError(
      `a ring needs at least 4 positions (first = last), got ${ring.length}`,
      path,
    );
  }
  const out: number[][] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    const pp = `${path}[${i}]`;
    if (!Array.isArray(p) || p.length < 2) throw new ZoneValidationError('a position must be [lon, lat]', pp);
    const lon = p[0];
    const lat = p[1];
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      throw new ZoneValidationError('coordinates must be finite numbers', pp);
    }
    if (lon < -180 || lon > 180) throw new ZoneValidationError(`longitude ${lon} out of range -180..180`, pp);
    if (lat < -90 || lat > 90) {
      throw new ZoneValidationError(
        `latitude ${lat} out of range -90..90${Math.abs(lon) <= 90 && Math.abs(lat) <= 180 ? ' (positions are [lon, lat]; swapped?)' : ''}`,
        pp,
      );
    }
    out.push([lon, lat]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    if (close) out.push([first[0], first[1]]);
    else throw new ZoneValidationError('ring is not closed (the last position must equal the first)', path);
  }
  let distinct = 1;
  let area2 = 0;
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1];
    const b = out[i];
    if (a[0] !== b[0] || a[1] !== b[1]) distinct++;
    if (Math.abs(b[0] - a[0]) > 180) {
      throw new ZoneValidationError(
        `edge ${i - 1}→${i} spans more than 180° of longitude; split the ring at the antimeridian (±180°)`,
        path,
      );
    }
    area2 += a[0] * b[1] - b[0] * a[1];
  }
  if (distinct < 4) throw new ZoneValidationError('ring has fewer than 3 distinct vertices', path);
  // Before the area test: a symmetric bow tie has zero signed area too, and "crosses itself" says why.
  if (out.length <= SELF_INTERSECTION_CHECK_MAX) {
    const crossing = findSelfIntersection(out);
    if (crossing) {
      throw new ZoneValidationError(`ring crosses itself (edges ${crossing[0]} and ${crossing[1]})`, path);
    }
  }
  if (Math.abs(area2) < 1e-14)
    throw new ZoneValidationError('ring has no area (its points are on one line)', path);
  return out;
}

/** First pair of non-adjacent edges that properly cross, or undefined. O(n²): small rings only. */
function findSelfIntersection(ring: number[][]): [number, number] | undefined {
  const n = ring.length - 1; // edges; ring is closed
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    const minX = Math.min(a[0], b[0]);
    const maxX = Math.max(a[0], b[0]);
    const minY = Math.min(a[1], b[1]);
    const maxY = Math.max(a[1], b[1]);
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edge share a vertex
      const c = ring[j];
      const d = ring[j + 1];
      if (Math.max(c[0], d[0]) < minX || Math.min(c[0], d[0]) > maxX) continue;
      if (Math.max(c[1], d[1]) < minY || Math.min(c[1], d[1]) > maxY) continue;
      const d1 = orient(c, d, a);
      const d2 = orient(c, d, b);
      const d3 = orient(a, b, c);
      const d4 = orient(a, b, d);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return [i, j];
    }
  }
  return undefined;
}

function orient(a: number[], b: number[], c: number[]): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

// ---------------------------------------------------------------------------------------------------------
// Default zones

const TERRITORIAL_SEAS: ReadonlyArray<{ a3: string; country: string; name: string }> = [
  { a3: 'PRK', country: 'kp', name: 'DPRK territorial sea' },
  { a3: 'KOR', country: 'kr', name: 'Republic of Korea territorial sea' },
  { a3: 'JPN', country: 'jp', name: 'Japan territorial sea' },
  { a3: 'CHN', country: 'cn', name: 'China territorial sea (Korea region file)' },
  { a3: 'RUS', country: 'ru', name: 'Russia territorial sea (Korea region file)' },
];

const OSM_SOURCE = 'korea-region-territorial-seas.geojson (© OpenStreetMap contributors, ODbL)';
const GFW_SOURCE = 'Global Fishing Watch DPRK study, derived from Marine Regions (CC BY)';

export interface DefaultZonesOptions {
  /** korea-region-territorial-seas.geojson; default: shared data. */
  territorialSeasPath?: string;
  /** Folder with eez_prk.json and eez_prk_mz.json; default: shared data geo/dprk-boundaries. */
  dprkBoundariesDir?: string;
  /** Territorial seas to include, alpha-2 codes (default all five: kp, kr, jp, cn, ru). */
  territorialSeas?: readonly string[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function requireShared(path: string | undefined, what: string): string {
  if (!path) {
    throw new Error(
      `${what} not found under the shared data folder (set WATCHKEEPER_SHARED_DATA or pass a path)`,
    );
  }
  return path;
}

/**
 * The default zones: territorial seas from the Korea region file (land excluded, see module comment),
 * the DPRK's claimed East Sea EEZ and military zone. Throws when the data files are missing.
 */
export function loadDefaultZones(options: DefaultZonesOptions = {}): Zone[] {
  const zones: Zone[] = [];
  const wanted = new Set(options.territorialSeas ?? TERRITORIAL_SEAS.map((t) => t.country));
  const tsPath = requireShared(
    options.territorialSeasPath ?? sharedFile('geo', 'korea-region-territorial-seas.geojson'),
    'korea-region-territorial-seas.geojson',
  );
  const ts = readJson(tsPath) as { features: Array<{ properties: { A3?: string }; geometry: unknown }> };
  for (const t of TERRITORIAL_SEAS) {
    if (!wanted.has(t.country)) continue;
    const f = ts.features.find((x) => x.properties?.A3 === t.a3);
    if (!f) throw new Error(`${tsPath}: no feature with A3 = ${t.a3}`);
    const zone = zoneFromGeoJson(f, t.name, {
      id: `${t.country}-territorial-sea`,
      kind: 'territorial_sea',
      country: t.country,
      excludesLand: true,
      source: OSM_SOURCE,
      maxVertices: Number.POSITIVE_INFINITY,
      closeRings: true,
    });
    zones.push(zone);
  }
  const dir = options.dprkBoundariesDir;
  const eezPath = requireShared(
    dir ? `${dir}/eez_prk.json` : sharedFile('geo', 'dprk-boundaries', 'eez_prk.json'),
    'dprk-boundaries/eez_prk.json',
  );
  const mzPath = requireShared(
    dir ? `${dir}/eez_prk_mz.json` : sharedFile('geo', 'dprk-boundaries', 'eez_prk_mz.json'),
    'dprk-boundaries/eez_prk_mz.json',
  );
  zones.push(
    zoneFromGeoJson(readJson(eezPath), 'DPRK claimed EEZ (East Sea)', {
      id: 'kp-claimed-eez-east-sea',
      kind: 'eez',
      country: 'kp',
      excludesLand: true,
      source: `eez_prk.json, ${GFW_SOURCE}`,
      maxVertices: Number.POSITIVE_INFINITY,
      closeRings: true,
    }),
    zoneFromGeoJson(readJson(mzPath), 'DPRK claimed military zone (East Sea)', {
      id: 'kp-military-zone-east-sea',
      kind: 'military_zone',
      country: 'kp',
      excludesLand: true,
      source: `eez_prk_mz.json, ${GFW_SOURCE}`,
      maxVertices: Number.POSITIVE_INFINITY,
      closeRings: true,
    }),
  );
  return zones;
}

// ---------------------------------------------------------------------------------------------------------
// Index

const NO_ZONES: readonly Zone[] = Object.freeze([]);
const COARSE_COLS = 360;
const COARSE_ROWS = 180;

export interface ZoneIndexOptions {
  /** Needed when a zone `excludesLand`. */
  land?: LandIndex;
}

/**
 * Zones by position. A coarse 1° grid names the candidate zones of a position; each candidate's own
 * PolygonIndex decides; for `excludesLand` zones a LandIndex then removes positions that are land.
 */
export class ZoneIndex {
  readonly zones: readonly Zone[];
  private readonly indexes: PolygonIndex[];
  private readonly land: LandIndex | undefined;
  private readonly coarse: Array<Int32Array | undefined>;
  private readonly byId = new Map<string, number>();

  constructor(zones: readonly Zone[], options: ZoneIndexOptions = {}) {
    this.zones = zones;
    this.land = options.land;
    this.indexes = zones.map((z) => {
      if (z.excludesLand && !options.land) {
        throw new Error(`zone ${z.id} excludes land: pass options.land (a LandIndex) to ZoneIndex`);
      }
      return new PolygonIndex(z.polygons);
    });
    const lists: number[][] = [];
    zones.forEach((z, zi) => {
      if (this.byId.has(z.id)) throw new Error(`duplicate zone id ${z.id}`);
      this.byId.set(z.id, zi);
      const [minLon, minLat, maxLon, maxLat] = this.indexes[zi].bbox;
      const r0 = coarseRow(minLat);
      const r1 = coarseRow(maxLat);
      const c0 = clampCol(minLon);
      const c1 = clampCol(maxLon);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cell = r * COARSE_COLS + c;
          if (!lists[cell]) lists[cell] = [];
          lists[cell].push(zi);
        }
      }
    });
    this.coarse = new Array(COARSE_COLS * COARSE_ROWS);
    lists.forEach((l, cell) => {
      if (l) this.coarse[cell] = Int32Array.from(l);
    });
  }

  /** The zones containing (lat, lon), in the order given to the constructor. Read-only; often a shared empty array. */
  zonesAt(lat: number, lon: number): readonly Zone[] {
    const cands = this.coarse[coarseRow(lat) * COARSE_COLS + coarseCol(lon)];
    if (!cands) return NO_ZONES;
    let out: Zone[] | undefined;
    let landChecked = false;
    let onLand = false;
    for (let i = 0; i < cands.length; i++) {
      const zi = cands[i];
      if (!this.indexes[zi].contains(lat, lon)) continue;
      const zone = this.zones[zi];
      if (zone.excludesLand) {
        if (!landChecked) {
          onLand = this.land!.isLand(lat, lon);
          landChecked = true;
        }
        if (onLand) continue;
      }
      if (out) out.push(zone);
      else out = [zone];
    }
    return out ?? NO_ZONES;
  }

  /** Whether (lat, lon) is in the zone with this id (false for an unknown id). */
  isIn(zoneId: string, lat: number, lon: number): boolean {
    const zi = this.byId.get(zoneId);
    if (zi === undefined) return false;
    if (!this.indexes[zi].contains(lat, lon)) return false;
    return !(this.zones[zi].excludesLand && this.land!.isLand(lat, lon));
  }

  get(zoneId: string): Zone | undefined {
    const zi = this.byId.get(zoneId);
    return zi === undefined ? undefined : this.zones[zi];
  }

  /** Distance in metres from (lat, lon) to the zone's boundary polygon (land not considered), capped at maxM. */
  distanceToBoundaryM(zoneId: string, lat: number, lon: number, maxM: number): number {
    const zi = this.byId.get(zoneId);
    if (zi === undefined) throw new Error(`unknown zone ${zoneId}`);
    return this.indexes[zi].distanceToBoundaryM(lat, lon, maxM);
  }
}

function coarseRow(lat: number): number {
  const r = Math.floor(lat + 90);
  return r < 0 ? 0 : r >= COARSE_ROWS ? COARSE_ROWS - 1 : r;
}

function clampCol(lon: number): number {
  const c = Math.floor(lon + 180);
  return c < 0 ? 0 : c >= COARSE_COLS ? COARSE_COLS - 1 : c;
}

function coarseCol(lon: number): number {
  let c = Math.floor(lon + 180);
  if (c < 0 || c >= COARSE_COLS) c = ((c % COARSE_COLS) + COARSE_COLS) % COARSE_COLS;
  return c;
}
