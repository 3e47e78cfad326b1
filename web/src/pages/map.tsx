/**
 * The full-screen map: offline basemap, zones, ports, the latest position of every vessel (up to 100,000),
 * a selected vessel's track, and events (up to 10,000). Filters (event type, vessel search, risk, time
 * window), the replay time and the selection are all in the URL, so a view can be shared as a link.
 *
 * `?synthetic=POSITIONS,EVENTS` draws generated data instead of the store's (for the frame-rate benchmark,
 * bench/web-map.bench.ts); the map instance is then exposed as `window.__wkMap`.
 */
import type { PickingInfo } from '@deck.gl/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api.ts';
import { EventDetail, EventTypeBadge } from '../components/event-detail.tsx';
import { DeckMap, type MapView } from '../components/map/deck-map.tsx';
import {
  eventsLayer,
  portsLayers,
  positionsLayer,
  selectedVesselLayer,
  trackLayer,
  zonesLayer,
} from '../components/map/maritime-layers.ts';
import { Async, Badge, ErrorBox, Facts, Field, Loading } from '../components/ui.tsx';
import { fmtDateTime, fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import {
  EVENT_TYPES,
  eventColor,
  eventSummary,
  FLAG_COLORS,
  flagLabel,
  OTHER_FLAG,
  type Rgb,
  RISK_COLORS,
  rgbCss,
  riskTone,
  SHIP_CLASSES,
  shipClass,
  vesselLabel,
} from '../maritime-format.ts';
import type { LatestPosition, MaritimeEvent, VesselRisk, VesselSummary } from '../maritime-types.ts';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';
import { synthesize } from './map-synthetic.ts';
import '../maritime.css';

const DEFAULTS = {
  /** lon,lat,zoom */
  c: '',
  type: '',
  q: '',
  risk: '',
  color: 'type',
  /** time window, UTC (`2026-03-02T06:00` or a date) */
  from: '',
  to: '',
  /** replay time: positions at this time, events up to it */
  t: '',
  vessel: '',
  event: '',
  /** layers hidden: comma-separated of zones, ports, positions, events */
  hide: '',
  synthetic: '',
};

const HOUR = 3_600_000;
/** Replay shows each vessel's latest position within this long before the replay time. */
const REPLAY_TRAIL = HOUR;
/** Without a time window, a selected vessel's track covers the day before its latest (or replayed) position. */
const TRACK_DAY = 24 * HOUR;
const LAYER_NAMES = [
  ['positions', 'Vessel positions'],
  ['events', 'Events'],
  ['zones', 'Zones'],
  ['ports', 'Ports'],
] as const;

/** `2026-03-02T06:00` (UTC, minutes) for inputs and URLs. */
const minuteText = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** A URL time (ISO, UTC unless it says otherwise; a bare date is its day's start or end) in ms. */
function parseTime(s: string, edge: 'start' | 'end' = 'start'): number | null {
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isNaN(t) ? null : edge === 'end' ? t + 86_399_999 : t;
  }
  const t = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(t) ? null : t;
}

function parseCenter(c: string): { center: [number, number]; zoom: number } | undefined {
  const [lon, lat, zoom] = c.split(',').map(Number);
  if (![lon, lat, zoom].every(Number.isFinite) || Math.abs(lat) > 85 || Math.abs(lon) > 180) return undefined;
  return { center: [lon, lat], zoom };
}

async function loadZones(signal: AbortSignal) {
  const { items } = await maritimeApi.zones(signal);
  return Promise.all(items.map((z) => maritimeApi.zone(z.id, signal)));
}

/** The period the stored AIS covers (from the sources' summaries), for the replay slider. */
async function dataExtent(signal: AbortSignal): Promise<{ from: number; to: number } | null> {
  const { items } = await api.aisSources(signal);
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const s of items) {
    const a = s.summary?.timeFrom ? Date.parse(s.summary.timeFrom) : Number.NaN;
    const b = s.summary?.timeTo ? Date.parse(s.summary.timeTo) : Number.NaN;
    if (Number.isFinite(a)) from = Math.min(from, a);
    if (Number.isFinite(b)) to = Math.max(to, b);
  }
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : null;
}

const RISK_RANK = { low: 0, medium: 1, high: 2 } as const;

export default function MapPage(_props: PageProps) {
  useTitle('Map');
  const [state, setState] = useUrlState(DEFAULTS);
  const hidden = useMemo(() => new Set(state.hide.split(',').filter(Boolean)), [state.hide]);
  const synthetic = useMemo(() => {
    const [p, e] = state.synthetic.split(',').map(Number);
    return state.synthetic
      ? synthesize(Number.isFinite(p) ? p : 100_000, Number.isFinite(e) ? e : 10_000)
      : null;
  }, [state.synthetic]);

  // The full-screen layout: the page's main area loses its width limit and padding while the map is open.
  useEffect(() => {
    document.body.classList.add('map-fullscreen');
    return () => document.body.classList.remove('map-fullscreen');
  }, []);

  const initialView = useRef(parseCenter(state.c) ?? { center: [123.5, 36.5] as [number, number], zoom: 5 });
  const [view, setView] = useState<MapView>();

  const replayAt = parseTime(state.t);

  // --- data ---
  const zones = useApi(
    (signal) => (synthetic ? Promise.resolve([]) : loadZones(signal)),
    [Boolean(synthetic)],
  );
  const ports = useApi(
    (signal) =>
      synthetic ? Promise.resolve({ items: [], count: 0 }) : maritimeApi.ports({ limit: 5000 }, signal),
    [Boolean(synthetic)],
  );
  const riskiest = useApi(
    (signal) =>
      synthetic ? Promise.resolve({ items: [] as VesselRisk[] }) : maritimeApi.riskiest(100, signal),
    [Boolean(synthetic)],
  );
  const extent = useApi(
    (signal) => (synthetic ? Promise.resolve(null) : dataExtent(signal)),
    [Boolean(synthetic)],
  );
  const positions = useApi(
    (signal) => {
      if (synthetic) return Promise.resolve({ items: synthetic.positions, truncated: false, count: 0 });
      if (replayAt !== null)
        return maritimeApi.positions(
          {
            from: new Date(replayAt - REPLAY_TRAIL).toISOString(),
            to: new Date(replayAt).toISOString(),
            limit: 100_000,
          },
          signal,
        );
      return maritimeApi.positions(
        { from: state.from || undefined, to: state.to || undefined, limit: 100_000 },
        signal,
      );
    },
    [synthetic, replayAt, state.from, state.to],
  );
  const events = useApi(
    (signal) =>
      synthetic
        ? Promise.resolve({ items: synthetic.events, total: synthetic.events.length, limit: 0, offset: 0 })
        : maritimeApi.events(
            {
              type: state.type || undefined,
              from: state.from || undefined,
              to: state.to || undefined,
              limit: 10_000,
            },
            signal,
          ),
    [synthetic, state.type, state.from, state.to],
  );
  // --- derived, memoised so deck.gl keeps its buffers while panning ---
  const riskByMmsi = useMemo(
    () => new Map((riskiest.data?.items ?? []).map((r) => [r.mmsi, r] as const)),
    [riskiest.data],
  );
  const minRisk = state.risk === 'high' ? 2 : state.risk === 'medium' ? 1 : 0;
  const riskOk = useMemo(
    () => (mmsi: number) => minRisk === 0 || RISK_RANK[riskByMmsi.get(mmsi)?.level ?? 'low'] >= minRisk,
    [minRisk, riskByMmsi],
  );
  const shownPositions = useMemo(() => {
    const all = positions.data?.items ?? [];
    return minRisk === 0 ? all : all.filter((p) => riskOk(p.mmsi));
  }, [positions.data, minRisk, riskOk]);
  const shownEvents = useMemo(() => {
    let all = events.data?.items ?? [];
    if (minRisk > 0) all = all.filter((e) => e.mmsi.some(riskOk));
    if (replayAt !== null) all = all.filter((e) => Date.parse(e.start) <= replayAt);
    return all;
  }, [events.data, minRisk, riskOk, replayAt]);
  const colorOf = useMemo((): ((p: LatestPosition) => Rgb) => {
    if (state.color === 'flag') return (p) => FLAG_COLORS[p.flag ?? '']?.color ?? OTHER_FLAG;
    if (state.color === 'risk') return (p) => RISK_COLORS[riskByMmsi.get(p.mmsi)?.level ?? 'low'];
    return (p) => shipClass(p.shipType).color;
  }, [state.color, riskByMmsi]);
  const selectedPosition = useMemo(
    () =>
      state.vessel ? (positions.data?.items.find((p) => String(p.mmsi) === state.vessel) ?? null) : null,
    [positions.data, state.vessel],
  );
  // The track drawn: the time window when one is set; else the day up to the replay time, or up to the
  // vessel's latest position (the API returns a track's first points when it has to cut it).
  const trackTo = state.to || (replayAt !== null ? new Date(replayAt).toISOString() : selectedPosition?.time);
  const trackFrom =
    state.from ||
    (!state.to && trackTo ? new Date(Date.parse(trackTo) - TRACK_DAY).toISOString() : undefined);
  // (Until the positions are in, whether the vessel has a latest position is not known: wait for them.)
  const trackReady = trackTo !== undefined || positions.data !== undefined;
  const track = useApi(
    (signal) =>
      state.vessel && !synthetic && trackReady
        ? maritimeApi.track(
            state.vessel,
            { from: trackFrom, to: trackTo, points: false, limit: 50_000 },
            signal,
          )
        : Promise.resolve(null),
    [state.vessel, trackFrom, trackTo, synthetic, trackReady],
  );
  const trackPath = useMemo(() => {
    const line = track.data?.features.find((f) => f.geometry.type === 'LineString');
    return line?.geometry.type === 'LineString' ? line.geometry.coordinates : [];
  }, [track.data]);
  const selectedEvent = useMemo(
    () => (state.event ? (events.data?.items.find((e) => e.id === state.event) ?? null) : null),
    [events.data, state.event],
  );

  const layers = useMemo(
    () => [
      !hidden.has('zones') && zones.data ? zonesLayer(zones.data) : null,
      !hidden.has('ports') && ports.data ? portsLayers(ports.data.items) : null,
      !hidden.has('positions')
        ? positionsLayer(shownPositions, colorOf, `${state.color}:${riskByMmsi.size}`)
        : null,
      trackLayer('track', trackPath),
      selectedVesselLayer(selectedPosition),
      !hidden.has('events') ? eventsLayer(shownEvents, state.event || null) : null,
    ],
    [
      hidden,
      zones.data,
      ports.data,
      shownPositions,
      colorOf,
      state.color,
      riskByMmsi.size,
      trackPath,
      selectedPosition,
      shownEvents,
      state.event,
    ],
  );

  const onClick = (info: PickingInfo) => {
    if (!info.object || !info.layer) return;
    if (info.layer.id === 'positions')
      setState({ vessel: String((info.object as LatestPosition).mmsi), event: '' });
    else if (info.layer.id === 'events') setState({ event: (info.object as MaritimeEvent).id });
  };
  const tooltip = (info: PickingInfo): string | null => {
    const o = info.object as Record<string, unknown> | undefined;
    if (!o || !info.layer) return null;
    if (info.layer.id === 'positions') {
      const p = o as unknown as LatestPosition;
      return `${vesselLabel(p)}\n${flagLabel(p.flag)} · ${shipClass(p.shipType).label}\n${fmtDateTime(p.time)}${p.sog !== null ? ` · ${p.sog} kn` : ''}`;
    }
    if (info.layer.id === 'events') {
      const e = o as unknown as MaritimeEvent;
      return `${eventSummary(e)}\n${e.mmsi.join(' & ')}\n${fmtDateTime(e.start)}`;
    }
    if (info.layer.id === 'ports') return `${String(o.name)} (${String(o.country).toUpperCase()})`;
    if (info.layer.id === 'zones') return String((o.properties as { name?: string })?.name ?? '');
    return null;
  };
  const onViewChange = (v: MapView) => {
    setView(v);
    setState(
      { c: `${v.center[0].toFixed(4)},${v.center[1].toFixed(4)},${v.zoom.toFixed(2)}` },
      { replace: true },
    );
  };
  const [flyTo, setFlyTo] = useState<{ center: [number, number]; zoom?: number; key: string } | null>(null);
  const showVessel = (mmsi: number, at?: { lon: number; lat: number } | null) => {
    setState({ vessel: String(mmsi), event: '' });
    if (at) setFlyTo({ center: [at.lon, at.lat], key: `v${mmsi}:${Date.now()}` });
  };
  // An event opened from a link (or the list) is brought into view.
  const eventKey = selectedEvent?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another event is selected
  useEffect(() => {
    if (selectedEvent && !parseCenter(state.c))
      setFlyTo({ center: [selectedEvent.lon, selectedEvent.lat], zoom: 8, key: `e${selectedEvent.id}` });
  }, [eventKey]);

  const onReady = (map: unknown) => {
    if (synthetic) (window as unknown as { __wkMap: unknown }).__wkMap = map;
  };

  const loadingWhat = [
    positions.loading && 'positions',
    events.loading && 'events',
    track.loading && state.vessel && 'track',
  ].filter(Boolean);

  return (
    <div className="map-page">
      <h1 className="visually-hidden">Map</h1>
      <aside className="map-panel" aria-label="Map controls">
        <MapControls
          state={state}
          setState={setState}
          extent={extent.data ?? null}
          replayAt={replayAt}
          onSelectVessel={(v) => showVessel(v.mmsi, v.lastPosition)}
        />
        <section aria-labelledby="map-layers-h" className="map-section">
          <h2 id="map-layers-h">Layers</h2>
          <fieldset className="checks">
            <legend className="visually-hidden">Layers shown</legend>
            {LAYER_NAMES.map(([id, label]) => (
              <label key={id}>
                <input
                  type="checkbox"
                  checked={!hidden.has(id)}
                  onChange={(e) => {
                    const next = new Set(hidden);
                    if (e.target.checked) next.delete(id);
                    else next.add(id);
                    setState({ hide: [...next].join(',') });
                  }}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          <Legend color={state.color} />
        </section>
        <section aria-labelledby="map-status-h" className="map-section">
          <h2 id="map-status-h" className="visually-hidden">
            What is shown
          </h2>
          <p className="small" role="status" data-testid="map-counts">
            {fmtNumber(shownPositions.length)} vessel positions
            {positions.data?.truncated ? ' (more exist: zoom in or narrow the window)' : ''},{' '}
            {fmtNumber(shownEvents.length)} events
            {events.data && events.data.total > events.data.items.length
              ? ` (of ${fmtNumber(events.data.total)}: narrow the window)`
              : ''}
            {replayAt !== null ? ` at ${fmtDateTime(new Date(replayAt).toISOString())}` : ''}
            {loadingWhat.length > 0 ? ` — loading ${loadingWhat.join(', ')}…` : ''}
          </p>
          {positions.error && <ErrorBox error={positions.error} onRetry={positions.reload} />}
          {events.error && <ErrorBox error={events.error} onRetry={events.reload} />}
        </section>
        <EventList
          events={shownEvents}
          bounds={view?.bounds}
          selected={state.event}
          onSelect={(e) => {
            setState({ event: e.id });
            setFlyTo({ center: [e.lon, e.lat], key: `e${e.id}:${Date.now()}` });
          }}
        />
      </aside>
      <DeckMap
        label="Map of vessel positions, tracks and events"
        layers={layers}
        initialView={initialView.current}
        flyTo={flyTo}
        onViewChange={onViewChange}
        onClick={onClick}
        getTooltip={tooltip}
        onReady={onReady}
        className="map-main"
      />
      {(state.vessel || state.event) && (
        <aside className="map-detail" aria-label={state.event ? 'Selected event' : 'Selected vessel'}>
          <button
            type="button"
            className="secondary small close"
            onClick={() => setState(state.event ? { event: '' } : { vessel: '' })}
          >
            Close
          </button>
          {state.event ? (
            selectedEvent ? (
              <EventDetail
                event={selectedEvent}
                onShowVessel={(m) =>
                  showVessel(
                    m,
                    positions.data?.items.find((p) => p.mmsi === m),
                  )
                }
              />
            ) : (
              <LoadEvent id={state.event} />
            )
          ) : (
            <VesselPanel
              mmsi={state.vessel}
              risk={riskByMmsi.get(Number(state.vessel))}
              trackPoints={trackPath.length}
              trackTruncated={track.data?.properties.truncated ?? false}
              onEvent={(e) => setState({ event: e.id })}
            />
          )}
        </aside>
      )}
    </div>
  );
}

/** An event opened by id that is not among those loaded (another window, filtered out). */
function LoadEvent({ id }: { id: string }) {
  const event = useApi((signal) => maritimeApi.event(id, signal), [id]);
  return <Async state={event}>{(e) => <EventDetail event={e} />}</Async>;
}

type MapState = typeof DEFAULTS;

function MapControls({
  state,
  setState,
  extent,
  replayAt,
  onSelectVessel,
}: {
  onSelectVessel: (v: VesselSummary) => void;
  state: MapState;
  setState: (patch: Partial<MapState>, opts?: { replace?: boolean }) => void;
  extent: { from: number; to: number } | null;
  replayAt: number | null;
}) {
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);
  const found = useApi(
    (signal) => (state.q ? maritimeApi.vessels({ q: state.q, limit: 8 }, signal) : Promise.resolve(null)),
    [state.q],
  );
  const [from, setFrom] = useState(state.from);
  const [to, setTo] = useState(state.to);
  useEffect(() => {
    setFrom(state.from);
    setTo(state.to);
  }, [state.from, state.to]);

  // The replay slider spans the time window, or the data's whole period when no window is set.
  const lo = parseTime(state.from, 'start') ?? extent?.from ?? null;
  const hi = parseTime(state.to, 'end') ?? extent?.to ?? null;
  const [playing, setPlaying] = useState(false);
  const step =
    lo !== null && hi !== null ? Math.max(60_000, Math.round((hi - lo) / 96 / 60_000) * 60_000) : 0;
  const stateRef = useRef({ replayAt, lo, hi, step });
  stateRef.current = { replayAt, lo, hi, step };
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const s = stateRef.current;
      if (s.lo === null || s.hi === null) return;
      const next = (s.replayAt ?? s.lo) + s.step;
      if (next > s.hi) {
        setPlaying(false);
        return;
      }
      setState({ t: minuteText(next) }, { replace: true });
    }, 800);
    return () => window.clearInterval(timer);
  }, [playing, setState]);

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setState({ q: q.trim() });
  };
  const applyWindow = (e: FormEvent) => {
    e.preventDefault();
    setState({ from, to, t: '' });
  };

  return (
    <>
      <section aria-labelledby="map-vessel-h" className="map-section">
        <h2 id="map-vessel-h">Find a vessel</h2>
        <search>
          <form onSubmit={submitSearch} className="inline-form" aria-label="Find a vessel">
            <Field label="Name, MMSI, IMO or call sign">
              {(p) => <input {...p} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
            </Field>
            <button type="submit">Find</button>
          </form>
        </search>
        {state.q && (
          <Async state={found}>
            {(r) =>
              !r || r.items.length === 0 ? (
                <p className="empty small">No vessel matches “{state.q}”.</p>
              ) : (
                <ul className="plain small" aria-label="Vessels found">
                  {r.items.map((v) => (
                    <li key={v.mmsi}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => onSelectVessel(v)}
                        aria-current={state.vessel === String(v.mmsi) ? 'true' : undefined}
                      >
                        {vesselLabel(v)}
                      </button>{' '}
                      <span className="muted">{flagLabel(v.flag)}</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
        )}
      </section>
      <section aria-labelledby="map-filters-h" className="map-section">
        <h2 id="map-filters-h">Filters</h2>
        <div className="map-filters">
          <Field label="Event type">
            {(p) => (
              <select
                {...p}
                value={state.type}
                onChange={(e) => setState({ type: e.target.value, event: '' })}
              >
                <option value="">All types</option>
                {EVENT_TYPES.map((t) => (
                  <option key={t.type} value={t.type}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Risk">
            {(p) => (
              <select {...p} value={state.risk} onChange={(e) => setState({ risk: e.target.value })}>
                <option value="">Any vessel</option>
                <option value="medium">Medium or high risk</option>
                <option value="high">High risk only</option>
              </select>
            )}
          </Field>
          <Field label="Colour vessels by">
            {(p) => (
              <select {...p} value={state.color} onChange={(e) => setState({ color: e.target.value })}>
                <option value="type">Ship type</option>
                <option value="flag">Flag</option>
                <option value="risk">Risk</option>
              </select>
            )}
          </Field>
        </div>
        <form className="map-filters" onSubmit={applyWindow} aria-label="Time window">
          <Field label="From (UTC)">
            {(p) => (
              <input {...p} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
            )}
          </Field>
          <Field label="To (UTC)">
            {(p) => <input {...p} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
          <div className="filter-actions">
            <button type="submit">Apply</button>
            {(state.from || state.to) && (
              <button
                type="button"
                className="secondary"
                onClick={() => setState({ from: '', to: '', t: '' })}
              >
                All time
              </button>
            )}
          </div>
        </form>
        {lo !== null && hi !== null ? (
          <div className="replay">
            <Field label="Replay time (UTC)" hint={replayAt === null ? 'Latest positions shown' : undefined}>
              {(p) => (
                <input
                  {...p}
                  type="range"
                  min={lo}
                  max={hi}
                  step={step}
                  value={replayAt ?? hi}
                  aria-valuetext={
                    replayAt === null ? 'latest' : fmtDateTime(new Date(replayAt).toISOString())
                  }
                  onChange={(e) => setState({ t: minuteText(Number(e.target.value)) }, { replace: true })}
                />
              )}
            </Field>
            <div className="replay-buttons">
              <output className="small mono">
                {replayAt === null ? 'latest' : minuteText(replayAt).replace('T', ' ')}
              </output>
              <button
                type="button"
                className="secondary small"
                onClick={() => {
                  if (!playing && (replayAt === null || replayAt >= hi))
                    setState({ t: minuteText(lo) }, { replace: true });
                  setPlaying(!playing);
                }}
                aria-pressed={playing}
              >
                {playing ? 'Pause' : 'Play'}
              </button>
              {replayAt !== null && (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    setPlaying(false);
                    setState({ t: '' });
                  }}
                >
                  Latest
                </button>
              )}
            </div>
          </div>
        ) : null}
      </section>
    </>
  );
}

function Legend({ color }: { color: string }) {
  const items =
    color === 'flag'
      ? [...Object.values(FLAG_COLORS), { label: 'Other flags', color: OTHER_FLAG }]
      : color === 'risk'
        ? [
            { label: 'High risk', color: RISK_COLORS.high },
            { label: 'Medium risk', color: RISK_COLORS.medium },
            { label: 'Low or not scored', color: RISK_COLORS.low },
          ]
        : SHIP_CLASSES;
  return (
    <div className="legend small">
      <h3>Vessels</h3>
      <ul className="legend-list">
        {items.map((i) => (
          <li key={i.label}>
            <span className="swatch" style={{ background: rgbCss(i.color) }} aria-hidden="true" />
            {i.label}
          </li>
        ))}
      </ul>
      <h3>Events</h3>
      <ul className="legend-list">
        {EVENT_TYPES.map((t) => (
          <li key={t.type}>
            <span
              className="swatch swatch-ring"
              style={{ background: rgbCss(eventColor(t.type)) }}
              aria-hidden="true"
            />
            {t.label}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: 'rgb(200 20 20)' }} aria-hidden="true" />
          DPRK port (other ports white)
        </li>
      </ul>
    </div>
  );
}

/** The events in view, newest first: the keyboard's way to the events on the map. */
function EventList({
  events,
  bounds,
  selected,
  onSelect,
}: {
  events: MaritimeEvent[];
  bounds?: [number, number, number, number];
  selected: string;
  onSelect: (e: MaritimeEvent) => void;
}) {
  const inView = useMemo(() => {
    if (!bounds) return events;
    const [w, s, e, n] = bounds;
    return events.filter(
      (x) => x.lat >= s && x.lat <= n && (w <= e ? x.lon >= w && x.lon <= e : x.lon >= w || x.lon <= e),
    );
  }, [events, bounds]);
  const shown = inView.slice(0, 60);
  return (
    <section aria-labelledby="map-events-h" className="map-section">
      <h2 id="map-events-h">
        Events in view <span className="muted small">({fmtNumber(inView.length)})</span>
      </h2>
      {shown.length === 0 ? (
        <p className="empty small">No event in view.</p>
      ) : (
        <ul className="plain small event-list" data-testid="map-events">
          {shown.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => onSelect(e)}
                aria-current={selected === e.id ? 'true' : undefined}
              >
                <EventTypeBadge type={e.type} />
              </button>{' '}
              <span>{eventSummary(e).replace(/^[^:]*: /, '')}</span>{' '}
              <span className="muted">
                {e.mmsi.join(' & ')} · {fmtDateTime(e.start)}
              </span>
            </li>
          ))}
          {inView.length > shown.length && (
            <li className="muted">…and {fmtNumber(inView.length - shown.length)} more: zoom in or filter.</li>
          )}
        </ul>
      )}
    </section>
  );
}

function VesselPanel({
  mmsi,
  risk,
  trackPoints,
  trackTruncated,
  onEvent,
}: {
  mmsi: string;
  risk?: VesselRisk;
  trackPoints: number;
  trackTruncated: boolean;
  onEvent: (e: MaritimeEvent) => void;
}) {
  const vessel = useApi((signal) => maritimeApi.vessel(mmsi, signal), [mmsi]);
  const ownRisk = useApi(
    (signal) => (risk ? Promise.resolve(risk) : maritimeApi.risk(mmsi, signal)),
    [mmsi, risk],
  );
  const events = useApi((signal) => maritimeApi.events({ mmsi, limit: 20 }, signal), [mmsi]);
  return (
    <div data-testid="vessel-panel">
      <Async state={vessel} loadingLabel="Loading the vessel…">
        {(v) => (
          <>
            <h2>{v.name ?? `MMSI ${v.mmsi}`}</h2>
            <Facts
              items={[
                ['MMSI', String(v.mmsi)],
                ['IMO', v.imo ? String(v.imo) : '—'],
                ['Call sign', v.callsign ?? '—'],
                ['Flag (from MMSI)', flagLabel(v.flag)],
                ['Type', v.shipTypeName ?? '—'],
                ['Last seen', fmtDateTime(v.lastSeen)],
                [
                  'Last position',
                  v.lastPosition
                    ? `${v.lastPosition.lat.toFixed(4)}, ${v.lastPosition.lon.toFixed(4)}${v.lastPosition.sog !== null ? `, ${v.lastPosition.sog} kn` : ''}`
                    : '—',
                ],
                ['Identities broadcast', String(v.identities.length)],
              ]}
            />
            <p>
              <Link to={`/vessels/${v.mmsi}`} className="button-link" data-testid="vessel-page-link">
                Open the vessel page
              </Link>
            </p>
          </>
        )}
      </Async>
      {ownRisk.data && (
        <p>
          Risk:{' '}
          <Badge tone={riskTone(ownRisk.data.level)}>{`${ownRisk.data.level} (${ownRisk.data.score})`}</Badge>{' '}
          <span className="small">{ownRisk.data.reasons.map((r) => r.text).join('; ')}</span>
        </p>
      )}
      <p className="small muted" data-testid="track-info">
        {trackPoints > 0
          ? `Track: ${fmtNumber(trackPoints)} positions drawn${trackTruncated ? ' (the first ones of the window: narrow it)' : ''}.`
          : 'No track in this window.'}
      </p>
      <h3>Events</h3>
      <Async state={events}>
        {(p) =>
          p.items.length === 0 ? (
            <p className="empty small">No event for this vessel.</p>
          ) : (
            <ul className="plain small">
              {p.items.map((e) => (
                <li key={e.id}>
                  <button type="button" className="link-button" onClick={() => onEvent(e)}>
                    <EventTypeBadge type={e.type} />
                  </button>{' '}
                  {fmtDateTime(e.start)}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {vessel.loading && !vessel.data && <Loading />}
    </div>
  );
}
