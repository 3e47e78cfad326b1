/**
 * A vessel: its identity history as a timeline (names, IMO, call signs, types; flag changes from identity
 * events), its risk with the reasons (each linking to its events, designations to the list entities), the
 * track over a chosen period on a map with the vessel's events drawn on it, and its events.
 * The period (`from`, `to`) and the selected event are in the URL.
 */
import type { PickingInfo } from '@deck.gl/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { api } from '../api.ts';
import type { EntityDetail } from '../api-types.ts';
import { EventDetail, EventTypeBadge } from '../components/event-detail.tsx';
import { DeckMap } from '../components/map/deck-map.tsx';
import { eventsLayer, trackLayer, trackPointsLayer, zonesLayer } from '../components/map/maritime-layers.ts';
import { DataTable, Pagination, pageOf } from '../components/table.tsx';
import { Async, Badge, Card, Empty, Facts, Field } from '../components/ui.tsx';
import { fmtDateTime, fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import { DESIGNATION_REASONS, eventSummary, flagLabel, isEventId, riskTone } from '../maritime-format.ts';
import type { IdentityVersion, MaritimeEvent, VesselDetail, VesselRisk } from '../maritime-types.ts';
import '../maritime.css';
import { href, Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const DAY = 86_400_000;
const minuteText = (ms: number) => new Date(ms).toISOString().slice(0, 16);

export default function VesselPage({ params }: PageProps) {
  const mmsi = params.mmsi;
  const vessel = useApi((signal) => maritimeApi.vessel(mmsi, signal), [mmsi]);
  const risk = useApi((signal) => maritimeApi.risk(mmsi, signal), [mmsi]);
  const events = useApi((signal) => maritimeApi.events({ mmsi, limit: 1000 }, signal), [mmsi]);
  useTitle(vessel.data ? (vessel.data.name ?? `MMSI ${mmsi}`) : `MMSI ${mmsi}`);
  return (
    <Async state={vessel} loadingLabel="Loading the vessel…">
      {(v) => (
        <>
          <div className="page-head">
            <h1>{v.name ?? `MMSI ${v.mmsi}`}</h1>
            <span className="badges">
              {risk.data && (
                <Badge tone={riskTone(risk.data.level)} title="risk score out of 100">
                  {`${risk.data.level} risk · ${risk.data.score}`}
                </Badge>
              )}
              <Link
                to={href('/map', {
                  vessel: v.mmsi,
                  c: v.lastPosition
                    ? `${v.lastPosition.lon.toFixed(4)},${v.lastPosition.lat.toFixed(4)},7`
                    : undefined,
                })}
              >
                On the big map
              </Link>
            </span>
          </div>
          <div className="vessel-facts">
            <Facts
              items={[
                ['MMSI', String(v.mmsi)],
                ['IMO', v.imo ? String(v.imo) : '—'],
                ['Call sign', v.callsign ?? '—'],
                ['Flag (from the MMSI)', flagLabel(v.flag)],
                ['Type', v.shipTypeName ?? '—'],
                ['Station', v.mmsiClass],
                ['First seen', fmtDateTime(v.firstSeen)],
                ['Last seen', fmtDateTime(v.lastSeen)],
                ['Reports', fmtNumber(v.reports)],
                ['Positions', fmtNumber(v.positions)],
              ]}
            />
          </div>
          <div className="grid">
            <Card title="Risk">
              <Async state={risk}>{(r) => <RiskView risk={r} />}</Async>
            </Card>
            <Card title="Designations">
              <Async state={risk}>{(r) => <Designations risk={r} />}</Async>
            </Card>
          </div>
          <TrackCard vessel={v} events={events.data?.items ?? []} />
          <Card title="Identity history">
            <IdentityTimeline identities={v.identities} events={events.data?.items ?? []} />
          </Card>
          <Card title={`Events${events.data ? ` (${fmtNumber(events.data.total)})` : ''}`}>
            <Async state={events}>{(p) => <VesselEvents events={p.items} mmsi={v.mmsi} />}</Async>
          </Card>
        </>
      )}
    </Async>
  );
}

function RiskView({ risk }: { risk: VesselRisk }) {
  return (
    <>
      <p>
        <span className="risk-score" data-testid="risk-score">
          {risk.score}
        </span>{' '}
        / 100 <Badge tone={riskTone(risk.level)}>{risk.level}</Badge>
      </p>
      {risk.reasons.length === 0 ? (
        <Empty>No reason for concern found in the lists or the events.</Empty>
      ) : (
        <ul className="risk-reasons" data-testid="risk-reasons">
          {risk.reasons.map((r) => (
            <li key={r.code}>
              <strong>+{r.points}</strong> {r.text}
              {r.refs.length > 0 && (
                <div className="small">
                  {r.refs.slice(0, 12).map((ref, i) => (
                    <span key={ref}>
                      {i > 0 && ', '}
                      {isEventId(ref) && !DESIGNATION_REASONS.has(r.code) ? (
                        <Link to={`/events/${ref}`}>event {ref.slice(0, 8)}</Link>
                      ) : (
                        <Link to={`/entities/${encodeURIComponent(ref)}`}>{ref}</Link>
                      )}
                    </span>
                  ))}
                  {r.refs.length > 12 && ` and ${r.refs.length - 12} more`}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Designations({ risk }: { risk: VesselRisk }) {
  const ids = risk.reasons
    .filter((r) => DESIGNATION_REASONS.has(r.code))
    .flatMap((r) => r.refs.map((id) => ({ id, code: r.code })));
  const key = ids.map((x) => x.id).join(',');
  const entities = useApi(
    (signal) =>
      Promise.all(
        ids.map((x) =>
          api.entity(x.id, signal).then(
            (e): EntityDetail | null => e,
            () => null,
          ),
        ),
      ),
    [key],
  );
  if (ids.length === 0) return <Empty>Not linked to any listed vessel or owner.</Empty>;
  return (
    <ul className="plain" data-testid="designations">
      {ids.map((x, i) => {
        const e = entities.data?.[i];
        return (
          <li key={x.id}>
            <Link to={`/entities/${encodeURIComponent(x.id)}`}>{e?.caption ?? x.id}</Link>{' '}
            <Badge tone="bad">{x.code === 'designated_vessel' ? 'listed vessel' : 'listed owner'}</Badge>
            {e && (
              <div className="small muted">
                {e.source.toUpperCase()} · {e.regimes.map((r) => r.name).join(', ') || e.schema}
                {e.status === 'delisted' ? ' · delisted' : ''}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

interface TimelineEntry {
  at: string;
  kind: 'identity' | 'event';
  identity?: IdentityVersion;
  previous?: IdentityVersion;
  event?: MaritimeEvent;
}

const IDENTITY_FIELDS: Array<[keyof IdentityVersion, string]> = [
  ['name', 'Name'],
  ['imo', 'IMO'],
  ['callsign', 'Call sign'],
  ['shipTypeName', 'Type'],
  ['destination', 'Destination'],
];

/** Identity versions (oldest first) and identity events (flag and MMSI changes, swaps) in one timeline. */
function IdentityTimeline({
  identities,
  events,
}: {
  identities: IdentityVersion[];
  events: MaritimeEvent[];
}) {
  const entries: TimelineEntry[] = [
    ...identities.map((identity, i) => ({
      at: identity.validFrom,
      kind: 'identity' as const,
      identity,
      previous: identities[i - 1],
    })),
    ...events
      .filter((e) => e.type === 'identity_change')
      .map((event) => ({ at: event.start, kind: 'event' as const, event })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  if (entries.length === 0) return <Empty>This vessel never broadcast its name, IMO or call sign.</Empty>;
  return (
    <ol className="timeline identity-timeline" data-testid="identity-timeline">
      {entries.map((e) =>
        e.kind === 'identity' && e.identity ? (
          <li key={`i${e.at}`}>
            <div className="when">
              {fmtDateTime(e.identity.validFrom)} – {fmtDateTime(e.identity.validTo)} ·{' '}
              {fmtNumber(e.identity.reports)} reports
            </div>
            <div>
              {IDENTITY_FIELDS.map(([field, label]) => {
                const value = e.identity?.[field];
                const changed = e.previous !== undefined && e.previous[field] !== value;
                return (
                  <span key={field} className="timeline-field">
                    {label}:{' '}
                    <span className={changed ? 'changed' : undefined}>
                      {value === null || value === undefined ? '—' : String(value)}
                    </span>
                    {changed && <span className="visually-hidden"> (changed)</span>}
                    {' · '}
                  </span>
                );
              })}
              {e.identity.length ? `${e.identity.length} × ${e.identity.beam ?? '?'} m` : ''}
            </div>
          </li>
        ) : e.event ? (
          <li key={`e${e.event.id}`}>
            <div className="when">{fmtDateTime(e.event.start)}</div>
            <Link to={`/events/${e.event.id}`}>{eventSummary(e.event)}</Link>
            {e.event.details.previousMmsi !== undefined && (
              <span className="small muted">
                {' '}
                (MMSI {String(e.event.details.previousMmsi)} → {e.event.mmsi.at(-1)})
              </span>
            )}
          </li>
        ) : null,
      )}
    </ol>
  );
}

const PAGE_SIZE = 25;

function VesselEvents({ events, mmsi }: { events: MaritimeEvent[]; mmsi: number }) {
  const [state, setState] = useUrlState({ epage: 1 });
  return (
    <>
      <DataTable
        caption="Events of this vessel"
        captionHidden
        rows={pageOf(events, state.epage, PAGE_SIZE)}
        rowKey={(e) => e.id}
        empty="No event detected for this vessel."
        columns={[
          { header: 'Type', cell: (e) => <EventTypeBadge type={e.type} /> },
          { header: 'What', cell: (e) => <Link to={`/events/${e.id}`}>{eventSummary(e)}</Link> },
          { header: 'Start', cell: (e) => fmtDateTime(e.start), className: 'nowrap' },
          { header: 'End', cell: (e) => (e.end ? fmtDateTime(e.end) : '—'), className: 'nowrap' },
          {
            header: 'With',
            cell: (e) =>
              e.mmsi
                .filter((m) => m !== mmsi)
                .map((m) => (
                  <Link key={m} to={`/vessels/${m}`}>
                    {m}
                  </Link>
                )),
          },
          { header: 'Preset', cell: (e) => e.preset },
        ]}
      />
      <Pagination
        page={state.epage}
        pageSize={PAGE_SIZE}
        total={events.length}
        onPage={(p) => setState({ epage: p })}
        label="Event pages"
      />
    </>
  );
}

function TrackCard({ vessel, events }: { vessel: VesselDetail; events: MaritimeEvent[] }) {
  const lastSeen = Date.parse(vessel.lastSeen);
  const defaults = { from: minuteText(lastSeen - DAY), to: minuteText(lastSeen) };
  const [state, setState] = useUrlState({ from: '', to: '', event: '' });
  const from = state.from || defaults.from;
  const to = state.to || defaults.to;
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from, to }), [from, to]);
  const track = useApi(
    (signal) => maritimeApi.track(vessel.mmsi, { from, to, points: true, limit: 20_000 }, signal),
    [vessel.mmsi, from, to],
  );
  const zones = useApi(async (signal) => {
    const { items } = await maritimeApi.zones(signal);
    return Promise.all(items.filter((z) => !z.user).map((z) => maritimeApi.zone(z.id, signal)));
  }, []);
  const path = useMemo(() => {
    const line = track.data?.features.find((f) => f.geometry.type === 'LineString');
    return line?.geometry.type === 'LineString' ? line.geometry.coordinates : [];
  }, [track.data]);
  const points = useMemo(
    () =>
      (track.data?.features ?? []).flatMap((f) =>
        f.geometry.type === 'Point'
          ? [{ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }]
          : [],
      ),
    [track.data],
  );
  const fromMs = Date.parse(`${from}Z`);
  const toMs = Date.parse(`${to}Z`);
  const inPeriod = useMemo(
    () =>
      events.filter((e) => {
        const s = Date.parse(e.start);
        const end = e.end ? Date.parse(e.end) : Number.POSITIVE_INFINITY;
        return s <= toMs && end >= fromMs;
      }),
    [events, fromMs, toMs],
  );
  const bounds = useMemo((): [number, number, number, number] | null => {
    const all = [...path, ...inPeriod.map((e) => [e.lon, e.lat] as [number, number])];
    if (all.length === 0) return null;
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const [lon, lat] of all) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    return [w, s, e, n];
  }, [path, inPeriod]);
  const layers = useMemo(
    () => [
      zones.data ? zonesLayer(zones.data) : null,
      trackLayer('track', path),
      trackPointsLayer(points.length > 5000 ? [] : points),
      eventsLayer(inPeriod, state.event || null),
    ],
    [zones.data, path, points, inPeriod, state.event],
  );
  const selected = inPeriod.find((e) => e.id === state.event) ?? events.find((e) => e.id === state.event);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setState({ from: draft.from, to: draft.to });
  };
  const onClick = (info: PickingInfo) => {
    if (info.layer?.id === 'events' && info.object) setState({ event: (info.object as MaritimeEvent).id });
  };
  return (
    <Card title="Track and events">
      <form className="form-row" onSubmit={submit} aria-label="Track period">
        <Field label="From (UTC)">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          )}
        </Field>
        <Field label="To (UTC)">
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          )}
        </Field>
        <div className="filter-actions">
          <button type="submit">Show</button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setState({ from: minuteText(Date.parse(vessel.firstSeen)), to: minuteText(lastSeen + 60_000) })
            }
          >
            Whole history
          </button>
        </div>
      </form>
      <p className="small" role="status" data-testid="track-summary">
        {track.loading
          ? 'Loading the track…'
          : track.data
            ? `${fmtNumber(track.data.properties.count)} positions from ${fmtDateTime(`${from}Z`)} to ${fmtDateTime(`${to}Z`)}${track.data.properties.truncated ? ` (first ${fmtNumber(track.data.properties.returned)} drawn)` : ''}; ${fmtNumber(inPeriod.length)} events in the period.`
            : ''}
      </p>
      <div className="split">
        <DeckMap
          label={`Map of the track of ${vessel.name ?? vessel.mmsi}`}
          layers={layers}
          initialView={
            vessel.lastPosition
              ? { center: [vessel.lastPosition.lon, vessel.lastPosition.lat], zoom: 6 }
              : undefined
          }
          fitBounds={bounds}
          onClick={onClick}
          getTooltip={(info) =>
            info.layer?.id === 'events' && info.object ? eventSummary(info.object as MaritimeEvent) : null
          }
          className="vessel-map"
        />
        <div>
          {selected ? (
            <>
              <button type="button" className="secondary small" onClick={() => setState({ event: '' })}>
                Back to the list
              </button>
              <EventDetail event={selected} headingLevel={3} />
            </>
          ) : (
            <>
              <h3>Events in the period</h3>
              {inPeriod.length === 0 ? (
                <Empty>No event in this period.</Empty>
              ) : (
                <ul className="plain small">
                  {inPeriod.slice(0, 30).map((e) => (
                    <li key={e.id}>
                      <button type="button" className="link-button" onClick={() => setState({ event: e.id })}>
                        <EventTypeBadge type={e.type} />
                      </button>{' '}
                      {eventSummary(e).replace(/^[^:]*: /, '')} · {fmtDateTime(e.start)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </div>
    </Card>
  );
}
