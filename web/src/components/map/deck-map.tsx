/**
 * A MapLibre GL map over the offline basemap with deck.gl layers drawn into the same WebGL context
 * (MapboxOverlay, interleaved): one canvas, so layers move with the map in the same frame while panning.
 * Used by the map page and the vessel page. Keyboard: the map takes focus (Tab) and pans with the arrow
 * keys and zooms with + and -; the zoom buttons are real buttons.
 */
import type { Layer, LayersList, PickingInfo } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { basemapStyle } from './basemap.ts';

export interface MapView {
  /** longitude, latitude */
  center: [number, number];
  zoom: number;
  /** west, south, east, north of what is on screen */
  bounds: [number, number, number, number];
}

export interface DeckMapProps {
  /** What the map shows, for screen readers ("Map of vessel positions and events"). */
  label: string;
  layers: LayersList;
  /** Where the map starts. */
  initialView?: { center: [number, number]; zoom: number };
  /** When this changes, the map fits these bounds (west, south, east, north). */
  fitBounds?: [number, number, number, number] | null;
  /** When this changes, the map flies here. */
  flyTo?: { center: [number, number]; zoom?: number; key: string } | null;
  /** After each move (pan, zoom), with the new view. */
  onViewChange?: (view: MapView) => void;
  onClick?: (info: PickingInfo) => void;
  getTooltip?: (info: PickingInfo) => string | null;
  /** The map instance, once ready (tests and benchmarks drive it). */
  onReady?: (map: maplibregl.Map) => void;
  children?: ReactNode;
  className?: string;
}

function viewOf(map: maplibregl.Map): MapView {
  const c = map.getCenter();
  const b = map.getBounds();
  return {
    center: [c.lng, c.lat],
    zoom: map.getZoom(),
    bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
  };
}

export function DeckMap({
  label,
  layers,
  initialView = { center: [123.5, 36.5], zoom: 5 },
  fitBounds,
  flyTo,
  onViewChange,
  onClick,
  getTooltip,
  onReady,
  children,
  className,
}: DeckMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const [error, setError] = useState<string>();
  const [ready, setReady] = useState(false);
  // Callbacks change every render; the map's listeners read the latest through refs.
  const handlers = useRef({ onViewChange, onClick, getTooltip, onReady });
  handlers.current = { onViewChange, onClick, getTooltip, onReady };
  const layersRef = useRef(layers);
  layersRef.current = layers;
  const initial = useRef(initialView);

  useEffect(() => {
    let cancelled = false;
    let map: maplibregl.Map | undefined;
    // MapLibre and the deck.gl overlay are chunks of their own, loaded beside the basemap's data.
    Promise.all([basemapStyle(), import('maplibre-gl'), import('@deck.gl/mapbox')]).then(
      ([style, maplibregl, { MapboxOverlay }]) => {
        if (cancelled || !container.current) return;
        try {
          map = new maplibregl.Map({
            container: container.current,
            style,
            center: initial.current.center,
            zoom: initial.current.zoom,
            minZoom: 1,
            maxZoom: 16,
            dragRotate: false,
            pitchWithRotate: false,
            touchPitch: false,
            attributionControl: { compact: true },
            fadeDuration: 0,
          });
        } catch (err) {
          setError(
            `The map cannot be drawn: ${(err as Error).message}. It needs WebGL; the lists beside the map still work.`,
          );
          return;
        }
        map.touchZoomRotate.disableRotation();
        map.keyboard.disableRotation();
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.addControl(new maplibregl.ScaleControl({ unit: 'nautical' }), 'bottom-right');
        map.getCanvas().setAttribute('aria-label', `${label} (arrow keys pan, + and − zoom)`);
        const overlay = new MapboxOverlay({
          interleaved: true,
          layers: layersRef.current,
          onClick: (info) => {
            handlers.current.onClick?.(info);
          },
          getTooltip: (info) => {
            const text = handlers.current.getTooltip?.(info);
            return text ? { text, className: 'map-tooltip' } : null;
          },
          getCursor: ({ isHovering, isDragging }) =>
            isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab',
        });
        map.addControl(overlay);
        overlayRef.current = overlay;
        mapRef.current = map;
        const m = map;
        m.on('moveend', () => handlers.current.onViewChange?.(viewOf(m)));
        m.on('load', () => {
          setReady(true);
          handlers.current.onReady?.(m);
        });
        m.on('error', (e) => console.warn('map:', (e as unknown as { error?: Error }).error?.message ?? e));
      },
      (err: Error) => setError(err.message),
    );
    return () => {
      cancelled = true;
      overlayRef.current = null;
      mapRef.current = null;
      map?.remove();
    };
  }, [label]);

  useEffect(() => {
    overlayRef.current?.setProps({ layers });
  }, [layers]);

  const fitKey = fitBounds ? fitBounds.join(',') : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: fitKey stands for fitBounds' content
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !fitBounds || !ready) return;
    const [w, s, e, n] = fitBounds;
    if (![w, s, e, n].every(Number.isFinite)) return;
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 48, maxZoom: 12, duration: 0 },
    );
  }, [fitKey, ready]);

  const flyKey = flyTo?.key ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: flyKey stands for flyTo's content
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !flyTo || !ready) return;
    map.easeTo({ center: flyTo.center, zoom: flyTo.zoom ?? Math.max(map.getZoom(), 7), duration: 600 });
  }, [flyKey, ready]);

  return (
    <div className={`deck-map ${className ?? ''}`} data-testid="map" data-ready={ready ? 'true' : undefined}>
      <div ref={container} className="deck-map-canvas" />
      {error && (
        <div className="map-error error-box" role="alert">
          {error}
        </div>
      )}
      {children}
    </div>
  );
}

export type { Layer, LayersList, PickingInfo };
