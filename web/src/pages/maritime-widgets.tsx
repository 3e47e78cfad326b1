/**
 * Maritime dashboard widgets (recent events by type, vessels of highest risk) and the first-start
 * onboarding panel: with no list imported it offers to import the official lists (files the user picks),
 * with no AIS data to generate a demo AIS scenario (POST /api/demo/scenario: simulate, ingest, detect).
 */
import { type FormEvent, useRef, useState } from 'react';
import { api, request } from '../api.ts';
import { Can, useAuth } from '../auth.tsx';
import { DataTable } from '../components/table.tsx';
import { Async, Badge, Card, Empty, ErrorBox, Field, Loading, ProgressBar } from '../components/ui.tsx';
import { datasetLabel, fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import { EVENT_TYPES, eventColor, rgbCss, riskTone, vesselLabel } from '../maritime-format.ts';
import type { DemoScenarioResult, VesselDetail } from '../maritime-types.ts';
import '../maritime.css';
import { href, Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import type { DashboardWidget } from './dashboard-widgets.tsx';

const DAY = 86_400_000;

/** Events per type over the week up to the newest event (AIS data is often not from today). */
async function recentCounts(signal: AbortSignal) {
  const newest = await maritimeApi.events({ limit: 1 }, signal);
  const last = newest.items[0];
  if (!last) return null;
  const to = new Date(Math.max(Date.parse(last.start), Date.parse(last.end ?? last.start)));
  const from = new Date(to.getTime() - 7 * DAY);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const counts = await Promise.all(
    EVENT_TYPES.map(async (t) => ({
      ...t,
      count: (await maritimeApi.events({ type: t.type, from: day(from), to: day(to), limit: 1 }, signal))
        .total,
    })),
  );
  return { from: day(from), to: day(to), counts, total: newest.total };
}

function RecentEventsWidget() {
  const counts = useApi(recentCounts, []);
  return (
    <Card title="Recent events by type" actions={<Link to="/events">All events</Link>}>
      <Async state={counts}>
        {(c) =>
          c === null ? (
            <Empty>No maritime event yet: ingest AIS data (detection runs on ingest).</Empty>
          ) : (
            <>
              <p className="small muted">
                The week up to the newest event ({c.from} – {c.to}); {fmtNumber(c.total)} events stored in
                all.
              </p>
              <ul className="type-counts" data-testid="event-counts">
                {c.counts.map((t) => (
                  <li key={t.type}>
                    <Link to={href('/events', { type: t.type, from: c.from, to: c.to })}>
                      <div className="stat">{fmtNumber(t.count)}</div>
                      <div className="label small">
                        <span
                          className="swatch"
                          style={{ background: rgbCss(eventColor(t.type)) }}
                          aria-hidden="true"
                        />
                        {t.label}
                      </div>
                    </Link>
                  </li>
                ))}
              </ul>
              <p className="small">
                <Link to={href('/map', { from: c.from, to: c.to })}>See them on the map</Link>
              </p>
            </>
          )
        }
      </Async>
    </Card>
  );
}

async function riskiestWithNames(signal: AbortSignal) {
  const { items } = await maritimeApi.riskiest(10, signal);
  const vessels = await Promise.all(
    items.map((r) =>
      maritimeApi.vessel(r.mmsi, signal).then(
        (v): VesselDetail | null => v,
        () => null,
      ),
    ),
  );
  return items.map((risk, i) => ({ risk, vessel: vessels[i] }));
}

function RiskiestWidget() {
  const rows = useApi(riskiestWithNames, []);
  return (
    <Card
      title="Vessels of highest risk"
      actions={<Link to={href('/map', { color: 'risk', risk: 'medium' })}>Map</Link>}
    >
      <Async state={rows}>
        {(list) => (
          <DataTable
            caption="Vessels of highest risk"
            captionHidden
            rows={list}
            rowKey={(r) => String(r.risk.mmsi)}
            empty="No vessel with a risk reason yet."
            columns={[
              {
                header: 'Vessel',
                cell: (r) => (
                  <Link to={`/vessels/${r.risk.mmsi}`}>
                    {vesselLabel({ mmsi: r.risk.mmsi, name: r.vessel?.name })}
                  </Link>
                ),
              },
              {
                header: 'Risk',
                cell: (r) => <Badge tone={riskTone(r.risk.level)}>{`${r.risk.score} ${r.risk.level}`}</Badge>,
              },
              {
                header: 'Main reason',
                cell: (r) => <span className="small">{r.risk.reasons[0]?.text ?? '—'}</span>,
              },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}

export const maritimeWidgets: DashboardWidget[] = [
  { id: 'recent-events', order: 45, wide: true, Component: RecentEventsWidget },
  { id: 'riskiest', order: 50, Component: RiskiestWidget },
];

async function storeState(signal: AbortSignal) {
  const [lists, vessels] = await Promise.all([api.lists(signal), maritimeApi.vessels({ limit: 1 }, signal)]);
  return { lists: lists.length, vessels: vessels.total };
}

/**
 * Shown on the dashboard while the store lacks lists or AIS data (a fresh start), with what brings them in.
 * `onChange` is called after an import or the demo, so the dashboard's widgets load again.
 */
export function Onboarding({ onChange }: { onChange: () => void }) {
  const { can } = useAuth();
  const state = useApi(storeState, []);
  const [demo, setDemo] = useState<DemoScenarioResult>();
  if (!state.data) return state.error ? <ErrorBox error={state.error} onRetry={state.reload} /> : null;
  const { lists, vessels } = state.data;
  if (lists > 0 && vessels > 0 && !demo) return null;
  const done = () => {
    state.reload();
    onChange();
  };
  return (
    <Card title="Get started" id="onboarding">
      <div className="onboarding" data-testid="onboarding">
        <p>
          {lists === 0 && vessels === 0
            ? 'The store is empty. Bring in the sanctions lists and some AIS data to see Watchkeeper at work.'
            : lists === 0
              ? 'No sanctions list is imported yet.'
              : vessels === 0
                ? 'No AIS data yet.'
                : 'All set.'}
        </p>
        <Can permission="write">
          <div className="onboarding-steps">
            {lists === 0 && <ImportLists onDone={done} />}
            {(vessels === 0 || demo) && (
              <DemoScenario
                result={demo}
                onResult={(r) => {
                  setDemo(r);
                  done();
                }}
              />
            )}
          </div>
        </Can>
        {!can('write') && (
          <p className="small muted">
            Viewers cannot import data; an analyst or administrator can, here or with{' '}
            <code>watchkeeper lists update</code> and <code>watchkeeper ais ingest FILE…</code>.
          </p>
        )}
      </div>
    </Card>
  );
}

function ImportLists({ onDone }: { onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{
    file: string;
    index: number;
    count: number;
    loaded: number;
    total: number;
  }>();
  const [imported, setImported] = useState<string[]>([]);
  const [error, setError] = useState<Error>();
  const [downloading, setDownloading] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return;
    setError(undefined);
    const done: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        setProgress({ file: file.name, index, count: files.length, loaded: 0, total: file.size });
        const r = await api.importList(file, {}, (p) =>
          setProgress({
            file: file.name,
            index,
            count: files.length,
            loaded: p.loaded,
            total: p.total ?? file.size,
          }),
        ).done;
        done.push(
          `${datasetLabel(r.version.dataset)}: ${fmtNumber(r.version.recordCount)} records${r.status === 'unchanged' ? ' (already imported)' : ''}`,
        );
        setImported([...done]);
      }
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(undefined);
    }
  };
  const download = async () => {
    setError(undefined);
    setDownloading(true);
    try {
      const r = await request<{
        outcomes: { id: string; status: string; records?: number; message?: string }[];
      }>('/api/lists/update', { method: 'POST', body: {} });
      setImported(
        r.outcomes.map(
          (o) =>
            `${o.id}: ${o.status}${o.records ? `, ${fmtNumber(o.records)} records` : ''}${o.message ? ` (${o.message})` : ''}`,
        ),
      );
      if (r.outcomes.some((o) => o.status === 'imported')) onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <section aria-labelledby="onboarding-lists">
      <h3 id="onboarding-lists">Import the official lists</h3>
      <p className="small">
        <button type="button" onClick={download} disabled={downloading}>
          {downloading ? 'Downloading…' : 'Download the official lists'}
        </button>{' '}
        from the UN, OFAC, EU and UK (needs internet access on the server), or import files below.
      </p>
      <p className="small">
        Pick the list files you have (UN consolidated XML, OFAC SDN CSV or XML, EU XML, UK CSV); their format
        is recognised. Or run <code>watchkeeper lists update</code> on the server to download the latest
        official lists.
      </p>
      <form onSubmit={submit} aria-label="Import list files">
        <Field label="List files">
          {(p) => <input {...p} ref={input} type="file" multiple accept=".xml,.csv,.zip,.gz" />}
        </Field>
        <button type="submit" disabled={progress !== undefined}>
          Import
        </button>
      </form>
      {progress && (
        <ProgressBar
          label={`Importing ${progress.file} (${progress.index + 1} of ${progress.count})`}
          value={progress.loaded}
          max={progress.total || 1}
        />
      )}
      {imported.length > 0 && (
        <ul className="small success" role="status">
          {imported.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
      {error && <ErrorBox error={error} />}
    </section>
  );
}

function DemoScenario({
  result,
  onResult,
}: {
  result?: DemoScenarioResult;
  onResult: (r: DemoScenarioResult) => void;
}) {
  const [vessels, setVessels] = useState(200);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();
  const run = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    setError(undefined);
    try {
      onResult(await maritimeApi.demoScenario({ vessels, hours: 24 }));
    } catch (err) {
      setError(err as Error);
    } finally {
      setRunning(false);
    }
  };
  return (
    <section aria-labelledby="onboarding-demo">
      <h3 id="onboarding-demo">Generate a demo AIS scenario</h3>
      <p className="small">
        Simulates a day of traffic in the Yellow Sea (merchant ships, fishing fleets, DPRK trade) with planted
        ship-to-ship transfers, dark port calls, gaps and spoofing, then ingests it and runs detection. Your
        own AIS recordings are ingested on the <Link to="/vessels">Vessels</Link> page.
      </p>
      <form onSubmit={run} className="form-row" aria-label="Generate a demo AIS scenario">
        <Field label="Vessels">
          {(p) => (
            <input
              {...p}
              type="number"
              min={20}
              max={1000}
              step={10}
              value={vessels}
              onChange={(e) => setVessels(Number(e.target.value))}
            />
          )}
        </Field>
        <button type="submit" disabled={running}>
          {running ? 'Working…' : 'Generate the demo scenario'}
        </button>
      </form>
      {running && (
        <Loading
          label={`Simulating ${vessels} vessels over 24 h, ingesting and detecting… (up to a minute)`}
        />
      )}
      {error && <ErrorBox error={error} />}
      {result && !running && (
        <div className="success" role="status" data-testid="demo-result">
          Demo scenario ready: {fmtNumber(result.ingest.positions)} positions of{' '}
          {fmtNumber(result.ingest.vessels)} vessels ingested
          {result.detection
            ? `, ${fmtNumber(result.detection.events)} events detected, ${fmtNumber(result.detection.alertsRaised)} alerts raised`
            : ''}{' '}
          in {result.seconds.toFixed(1)} s. <Link to="/map">Open the map</Link> ·{' '}
          <Link to="/events">Events</Link>
        </div>
      )}
    </section>
  );
}
