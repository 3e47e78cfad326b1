/**
 * deck.gl layers for maritime data: zones, ports, latest vessel positions, a vessel's track and events.
 * Each takes plain API data; colours come from maritime-format.ts so maps, badges and legends agree.
 * Data arrays are passed through unchanged (deck.gl compares them by reference): callers memoise them, so
 * panning never rebuilds the GPU buffers of 100,000 positions.
 */
import { GeoJsonLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { eventColor, type Rgb } from '../../maritime-format.ts';
import type { LatestPosition, MaritimeEvent, Port, ZoneFeature } from '../../maritime-types.ts';

const ZONE_COLORS: Record<string, Rgb> = {
  territorial_sea: [200, 30, 30],
  eez: [230, 120, 20],
  military_zone: [150, 30, 120],
  user: [20, 110, 200],
};

export function zonesLayer(zones: ZoneFeature[]) {
  return new GeoJsonLayer<ZoneFeature['properties']>({
    id: 'zones',
    // deck.gl's GeoJSON typing wants its own Feature type; ours is the same shape.
    data: { type: 'FeatureCollection', features: zones } as never,
    filled: true,
    stroked: true,
    getFillColor: (f) =>
      [...(ZONE_COLORS[(f.properties as { kind: string }).kind] ?? ZONE_COLORS.user), 28] as never,
    getLineColor: (f) =>
      [...(ZONE_COLORS[(f.properties as { kind: string }).kind] ?? ZONE_COLORS.user), 200] as never,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    pickable: true,
  });
}

export function portsLayers(ports: Port[]) {
  const dprk = ports.filter((p) => p.dprk);
  return [
    new ScatterplotLayer<Port>({
      id: 'ports',
      data: ports,
      getPosition: (p) => [p.lon, p.lat],
      getFillColor: (p) => (p.dprk ? [200, 20, 20, 255] : [255, 255, 255, 230]),
      getLineColor: (p) => (p.dprk ? [90, 0, 0, 255] : [60, 60, 60, 255]),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      radiusUnits: 'pixels',
      getRadius: (p) => (p.dprk ? 6 : 3.5),
      pickable: true,
    }),
    // DPRK ports are named on the map; TextLayer draws its own font atlas (system font, nothing fetched).
    new TextLayer<Port>({
      id: 'port-labels',
      data: dprk,
      getPosition: (p) => [p.lon, p.lat],
      getText: (p) => p.name,
      getSize: 12,
      getColor: [120, 0, 0, 255],
      getPixelOffset: [8, 0],
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      fontFamily: 'system-ui, Arial, sans-serif',
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      characterSet: 'auto',
    }),
  ];
}

export function positionsLayer(
  positions: LatestPosition[],
  color: (p: LatestPosition) => Rgb,
  colorKey: string,
) {
  return new ScatterplotLayer<LatestPosition>({
    id: 'positions',
    data: positions,
    getPosition: (p) => [p.lon, p.lat],
    getFillColor: (p) => color(p),
    updateTriggers: { getFillColor: colorKey },
    radiusUnits: 'pixels',
    getRadius: 3,
    stroked: false,
    pickable: true,
    // Positions are many and small: no per-point antialiasing pass is needed.
    antialiasing: false,
  });
}

export function selectedVesselLayer(p: { lon: number; lat: number } | null) {
  return new ScatterplotLayer<{ lon: number; lat: number }>({
    id: 'selected-vessel',
    data: p ? [p] : [],
    getPosition: (d) => [d.lon, d.lat],
    getFillColor: [255, 230, 0, 255],
    getLineColor: [0, 0, 0, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    radiusUnits: 'pixels',
    getRadius: 8,
  });
}

export interface TrackPath {
  path: [number, number][];
}

export function trackLayer(id: string, path: [number, number][], color: Rgb = [15, 40, 120]) {
  return new PathLayer<TrackPath>({
    id,
    data: path.length > 1 ? [{ path }] : [],
    getPath: (d) => d.path,
    getColor: [...color, 230] as never,
    widthUnits: 'pixels',
    getWidth: 2.5,
    jointRounded: true,
    capRounded: true,
    // Tracks are drawn as recorded: no wrapping across the antimeridian by great circles.
    wrapLongitude: true,
  });
}

export function trackPointsLayer(points: { lon: number; lat: number }[]) {
  return new ScatterplotLayer<{ lon: number; lat: number }>({
    id: 'track-points',
    data: points,
    getPosition: (d) => [d.lon, d.lat],
    getFillColor: [15, 40, 120, 200],
    radiusUnits: 'pixels',
    getRadius: 1.8,
  });
}

export function eventsLayer(events: MaritimeEvent[], selectedId: string | null, key = '') {
  return [
    new ScatterplotLayer<MaritimeEvent>({
      id: 'events',
      data: events,
      getPosition: (e) => [e.lon, e.lat],
      getFillColor: (e) => [...eventColor(e.type), 235] as never,
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      radiusUnits: 'pixels',
      getRadius: 6,
      pickable: true,
      updateTriggers: { getFillColor: key },
    }),
    new ScatterplotLayer<MaritimeEvent>({
      id: 'selected-event',
      data: selectedId ? events.filter((e) => e.id === selectedId) : [],
      getPosition: (e) => [e.lon, e.lat],
      getFillColor: [0, 0, 0, 0],
      getLineColor: [0, 0, 0, 255],
      stroked: true,
      filled: false,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      radiusUnits: 'pixels',
      getRadius: 11,
    }),
  ];
}
