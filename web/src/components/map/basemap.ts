/**
 * The offline basemap: Natural Earth countries and coastlines (the `world-atlas` package's 1:50m TopoJSON,
 * bundled as a hashed asset and fetched from our own server) turned into GeoJSON in the browser and drawn
 * as a MapLibre style of one background, one fill and two line layers. No tile server, no sprites, no
 * glyphs: the style has no symbol layer, so nothing is ever fetched from outside.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';

export const BASEMAP_COLORS = {
  sea: '#c9dcec',
  land: '#f3f0e8',
  coast: '#6f8196',
  border: '#b3a995',
};

let basemap: Promise<StyleSpecification> | undefined;

/**
 * Makes every ring and line continuous across the antimeridian: where one vertex jumps to the other side
 * (179.9° then -179.9°, as Natural Earth writes Chukotka and Fiji), the rest of the ring goes on past ±180°
 * instead. Left as is, such a jump is an edge across the whole world: the tiler then fills bands of the
 * globe inside out (land-coloured seas and sea-coloured land at Chukotka's latitudes, as far as Norway) and
 * draws lines around the world. MapLibre's tiler wraps coordinates past ±180° onto the other side itself.
 */
function unwrapLine(line: number[][]): void {
  let shift = 0;
  for (let i = 1; i < line.length; i++) {
    const step = line[i][0] + shift - line[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    line[i][0] += shift;
  }
}

type GeoNode = {
  type: string;
  features?: { geometry: GeoNode | null }[];
  geometry?: GeoNode | null;
  geometries?: GeoNode[];
  coordinates?: unknown;
};

function unwrapped<T>(geojson: T): T {
  const walk = (g: GeoNode | null | undefined): void => {
    if (!g) return;
    if (g.type === 'FeatureCollection') for (const f of g.features ?? []) walk(f.geometry);
    else if (g.type === 'Feature') walk(g.geometry);
    else if (g.type === 'GeometryCollection') for (const c of g.geometries ?? []) walk(c);
    else if (g.type === 'LineString') unwrapLine(g.coordinates as number[][]);
    else if (g.type === 'MultiLineString' || g.type === 'Polygon')
      for (const line of g.coordinates as number[][][]) unwrapLine(line);
    else if (g.type === 'MultiPolygon')
      for (const polygon of g.coordinates as number[][][][]) for (const ring of polygon) unwrapLine(ring);
  };
  walk(geojson as GeoNode);
  return geojson;
}

async function buildStyle(): Promise<StyleSpecification> {
  const res = await fetch(countriesUrl);
  if (!res.ok) throw new Error(`the basemap could not be loaded (${res.status})`);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  const land = unwrapped(feature(topo, topo.objects.land));
  // Coastlines: the outline of the land; borders: arcs shared by two countries.
  const coast = unwrapped(mesh(topo, topo.objects.land));
  const borders = unwrapped(mesh(topo, topo.objects.countries, (a, b) => a !== b));
  return {
    version: 8,
    name: 'Watchkeeper offline basemap (Natural Earth 1:50m)',
    sources: {
      land: { type: 'geojson', data: land, attribution: 'Natural Earth' },
      coast: { type: 'geojson', data: { type: 'Feature', geometry: coast, properties: {} } },
      borders: { type: 'geojson', data: { type: 'Feature', geometry: borders, properties: {} } },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': BASEMAP_COLORS.land } },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        paint: { 'line-color': BASEMAP_COLORS.border, 'line-width': 0.8, 'line-dasharray': [3, 2] },
      },
      {
        id: 'coast',
        type: 'line',
        source: 'coast',
        paint: { 'line-color': BASEMAP_COLORS.coast, 'line-width': 0.7 },
      },
    ],
  };
}

/** The basemap style, built once per page load (the TopoJSON is cached by the browser besides). */
export function basemapStyle(): Promise<StyleSpecification> {
  basemap ??= buildStyle().catch((err: Error) => {
    basemap = undefined;
    throw err;
  });
  return basemap;
}
