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

async function buildStyle(): Promise<StyleSpecification> {
  const res = await fetch(countriesUrl);
  if (!res.ok) throw new Error(`the basemap could not be loaded (${res.status})`);
  const topo = (await res.json()) as Topology<{ countries: GeometryCollection; land: GeometryCollection }>;
  const land = feature(topo, topo.objects.land);
  // Coastlines: the outline of the land; borders: arcs shared by two countries.
  const coast = mesh(topo, topo.objects.land);
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
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
