/**
 * Maritime events: a filterable table paged by the server (type, vessel, preset, period, all in the URL),
 * exports of what the filters select in the four formats, and for analysts a control to re-run detection
 * over a period with a preset (viewers do not see it; the API refuses them anyway).
 */
import { type FormEvent, useState } from 'react';
import { Can } from '../auth.tsx';
import { EventTypeBadge } from '../components/event-detail.tsx';
import { FilterBar } from '../components/filters.tsx';
import { DataTable, Pagination } from '../components/table.tsx';
import { Async, Card, ErrorBox, Field, Loading } from '../components/ui.tsx';
import { fmtDateTime, fmtNumber } from '../format.ts';
import { type EventFilter, EXPORT_FORMATS, maritimeApi } from '../maritime-api.ts';
import { EVENT_TYPES, eventSummary, eventTypeLabel } from '../maritime-format.ts';
import type { DetectResult } from '../maritime-types.ts';
import '../maritime.css';
import { href, Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 50;
const FORMAT_LABELS = { ndjson: 'NDJSON', csv: 'CSV', geojson: 'GeoJSON', kml: 'KML' } as const;

export default function EventsPage(_props: PageProps) {
  useTitle('Events');
  const [state, setState] = useUrlState({ type: '', mmsi: '', preset: '', from: '', to: '', page: 1 });
  const presets = useApi((signal) => maritimeApi.presets(signal), []);
  // The API filters by MMSI; a name typed here is answered with where to find the MMSI, not a refusal.
  const mmsiText = state.mmsi.trim();
  const badMmsi = mmsiText !== '' && !/^\d{1,9}$/.test(mmsiText);
  const filter: EventFilter = {
    type: state.type || undefined,
    mmsi: badMmsi ? undefined : mmsiText || undefined,
    preset: state.preset || undefined,
    from: state.from || undefined,
    to: state.to || undefined,
  };
  const events = useApi(
    (signal) =>
      maritimeApi.events(
        { ...filter, limit: PAGE_SIZE, offset: (Math.max(1, state.page) - 1) * PAGE_SIZE },
        signal,
      ),
    [state.type, state.mmsi, state.preset, state.from, state.to, state.page],
  );
  const presetNames = Object.keys(presets.data ?? {});
  return (
    <>
      <div className="page-head">
        <h1>Events</h1>
        <Link to={href('/map', { type: state.type, from: state.from, to: state.to })}>On the map</Link>
      </div>
      <FilterBar
        label="Filter events"
        state={state}
        setState={setState}
        filters={[
          {
            name: 'type',
            label: 'Type',
            type: 'select',
            options: [
              { value: '', label: 'All types' },
              ...EVENT_TYPES.map((t) => ({ value: t.type, label: t.label })),
            ],
          },
          { name: 'mmsi', label: 'Vessel (MMSI)', placeholder: 'e.g. 445675708' },
          {
            name: 'preset',
            label: 'Preset',
            type: 'select',
            options: [
              { value: '', label: 'All presets' },
              ...presetNames.map((p) => ({ value: p, label: p })),
            ],
          },
          { name: 'from', label: 'From', type: 'date' },
          { name: 'to', label: 'To', type: 'date' },
        ]}
      />
      <div className="export-links">
        <span className="small muted">Export what the filters select:</span>
        {EXPORT_FORMATS.map((f) => (
          <a key={f} className="button-link small" href={maritimeApi.exportUrl(f, filter)} download>
            {FORMAT_LABELS[f]}
          </a>
        ))}
      </div>
      {badMmsi && (
        <p className="notice" role="alert">
          “{mmsiText}” is not an MMSI (up to 9 digits): the events below are not filtered by vessel. Find a
          vessel’s MMSI by name on the <Link to={href('/vessels', { q: mmsiText })}>Vessels</Link> page.
        </p>
      )}
      <Async state={events}>
        {(page) => (
          <>
            <DataTable
              caption={`Events${state.type ? ` of type ${eventTypeLabel(state.type)}` : ''}, newest first`}
              rows={page.items}
              rowKey={(e) => e.id}
              empty="No event matches these filters."
              columns={[
                { header: 'Type', cell: (e) => <EventTypeBadge type={e.type} /> },
                { header: 'What', cell: (e) => <Link to={`/events/${e.id}`}>{eventSummary(e)}</Link> },
                {
                  header: 'Vessels',
                  cell: (e) => (
                    <span className="badges">
                      {e.mmsi.map((m) => (
                        <Link key={m} to={`/vessels/${m}`}>
                          {m}
                        </Link>
                      ))}
                    </span>
                  ),
                },
                { header: 'Start', cell: (e) => fmtDateTime(e.start), className: 'nowrap' },
                { header: 'End', cell: (e) => (e.end ? fmtDateTime(e.end) : '—'), className: 'nowrap' },
                { header: 'Preset', cell: (e) => e.preset },
              ]}
            />
            <Pagination
              page={state.page}
              pageSize={PAGE_SIZE}
              total={page.total}
              onPage={(p) => setState({ page: p })}
              label="Event pages"
            />
          </>
        )}
      </Async>
      <Can permission="write">
        <DetectCard presets={presetNames} onDone={events.reload} />
      </Can>
    </>
  );
}

function DetectCard({ presets, onDone }: { presets: string[]; onDone: () => void }) {
  const [preset, setPreset] = useState('gfw');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DetectResult>();
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await maritimeApi.detect({ preset, from: from || undefined, to: to || undefined }));
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Card title="Re-run detection">
      <p className="small muted">
        Runs the detectors again over a period with a preset (vessels are re-linked to the lists first).
        Events are stored per preset, so other presets' events stay; new findings raise alerts.
      </p>
      <form className="form-row" onSubmit={submit} aria-label="Re-run detection">
        <Field label="Preset">
          {(p) => (
            <select {...p} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {(presets.length ? presets : ['gfw']).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="From (optional)">
          {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label="To (optional)">
          {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <button type="submit" disabled={running}>
          {running ? 'Detecting…' : 'Run detection'}
        </button>
      </form>
      {running && <Loading label="Detecting events…" />}
      {error && <ErrorBox error={error} />}
      {result && (
        <p className="success" role="status">
          Detection ({result.preset}) over {result.from ? fmtDateTime(result.from) : 'all time'} –{' '}
          {result.to ? fmtDateTime(result.to) : 'now'}: {fmtNumber(result.events)} events
          {Object.keys(result.byType).length > 0 &&
            ` (${Object.entries(result.byType)
              .map(([k, n]) => `${eventTypeLabel(k)} ${n}`)
              .join(', ')})`}
          , {fmtNumber(result.alertsRaised)} new alerts, {result.seconds.toFixed(1)} s.
        </p>
      )}
    </Card>
  );
}
