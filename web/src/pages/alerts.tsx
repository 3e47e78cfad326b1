/**
 * The alerts inbox: screening alerts (a watchlist item matched a listing) and maritime alerts (an event
 * involving a designated vessel), with triage — confirm, dismiss with a reason, or reopen. Every triage is
 * written to the audit log by the API. URL: /alerts?status=open&kind=&page=&selected=ID
 */
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import type { Alert, AlertStatus, MaritimeAlertDetails, ScreeningAlertDetails } from '../api-types.ts';
import { Can } from '../auth.tsx';
import { FilterBar } from '../components/filters.tsx';
import { type Column, DataTable, Pagination } from '../components/table.tsx';
import { Async, Badge, Card, ErrorBox, Facts, Field } from '../components/ui.tsx';
import { datasetLabel, fmtDateTime, fmtScore, propertyLabel } from '../format.ts';
import { eventTypeLabel } from '../maritime-format.ts';
import { href, Link, useLocation } from '../router.tsx';
import { patchQuery, useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 25;
const DEFAULTS = { status: 'open', kind: '', page: 1, selected: '' };
const STATUS_TONE = { open: 'warn', confirmed: 'bad', dismissed: 'good' } as const;

/** One line saying what an alert is about. */
export function alertSummary(a: Alert): string {
  if (a.kind === 'screening') {
    const d = (a.details ?? {}) as ScreeningAlertDetails;
    return `${d.label ?? d.query?.properties.name?.[0] ?? 'watchlist item'} matches ${d.caption ?? a.entityId ?? 'a listing'}`;
  }
  if (a.kind === 'maritime') {
    // Several alerts can share a reason ("call at the DPRK port Nampo"): the vessels and the time tell them apart.
    const d = (a.details ?? {}) as MaritimeAlertDetails;
    // Newer reasons name the vessels themselves ("… by SEA FORTUNE (538804240)").
    const what = d.reason ?? (d.event ? eventTypeLabel(d.event.type) : 'maritime event');
    const named = d.event?.mmsi.every((m) => what.includes(String(m))) ?? true;
    const who = !named && d.event?.mmsi.length ? ` · MMSI ${d.event.mmsi.join(' & ')}` : '';
    const when = d.event?.start ? ` · ${fmtDateTime(d.event.start)}` : '';
    return `${what}${who}${when}`;
  }
  return a.subject;
}

function AlertDetails({ alert }: { alert: Alert }) {
  if (alert.kind === 'screening') {
    const d = (alert.details ?? {}) as ScreeningAlertDetails;
    return (
      <>
        <Facts
          items={[
            ['Watchlist item', d.label],
            [
              'Query',
              d.query &&
                Object.entries(d.query.properties)
                  .map(([p, v]) => `${propertyLabel(p)}: ${v.join(', ')}`)
                  .join('; '),
            ],
            [
              'Listing',
              alert.entityId ? (
                <Link key="listing" to={`/entities/${encodeURIComponent(alert.entityId)}`}>
                  {d.caption ?? alert.entityId}
                </Link>
              ) : (
                d.caption
              ),
            ],
            ['Lists', (d.datasets ?? []).map(datasetLabel).join(', ')],
            ['Reference', d.reference],
            ['Score', alert.score === null ? undefined : fmtScore(alert.score)],
          ]}
        />
        {d.explanations && d.explanations.length > 0 && (
          <ul className="explanations">
            {d.explanations.map((e) => (
              <li key={`${e.feature}-${e.detail}`}>
                <strong>{propertyLabel(e.feature)}</strong> ({e.effect >= 0 ? '+' : '−'}
                {Math.abs(e.effect).toFixed(2)}): {e.detail}
              </li>
            ))}
          </ul>
        )}
        {d.query && (
          <p className="small">
            <Link
              to={href('/screening', {
                name: d.query.properties.name?.[0],
                schema: d.query.schema,
                dob: d.query.properties.birthDate?.[0],
                nationality: d.query.properties.nationality?.[0],
                imo: d.query.properties.imoNumber?.[0],
              })}
            >
              Screen this query again
            </Link>
          </p>
        )}
      </>
    );
  }
  if (alert.kind === 'maritime') {
    const d = (alert.details ?? {}) as MaritimeAlertDetails;
    const ev = d.event;
    return (
      <>
        <Facts
          items={[
            ['Why', d.reason],
            [
              'Event',
              ev && <Link to={`/events/${encodeURIComponent(ev.id)}`}>{eventTypeLabel(ev.type)}</Link>,
            ],
            [
              'Vessels',
              ev?.mmsi.map((m) => (
                <Link key={m} to={`/vessels/${m}`}>
                  {m}{' '}
                </Link>
              )),
            ],
            ['Started', ev && fmtDateTime(ev.start)],
            ['Ended', ev?.end && fmtDateTime(ev.end)],
            // A DPRK port call names the port (`port:<WPI number>`), not a listing.
            alert.entityId?.startsWith('port:')
              ? ['Port', `${String(ev?.details?.port ?? '')} (World Port Index ${alert.entityId.slice(5)})`]
              : [
                  'Designated listing',
                  alert.entityId && (
                    <Link to={`/entities/${encodeURIComponent(alert.entityId)}`}>{alert.entityId}</Link>
                  ),
                ],
            ['Score', alert.score === null ? undefined : fmtScore(alert.score)],
          ]}
        />
        {ev?.details && (
          <details>
            <summary>Event details</summary>
            <Facts
              items={Object.entries(ev.details).map(([k, v]) => [
                propertyLabel(k),
                v === null ? '—' : String(v),
              ])}
            />
          </details>
        )}
      </>
    );
  }
  return <pre className="raw">{JSON.stringify(alert.details, null, 2)}</pre>;
}

function TriageForm({ alert, onDone }: { alert: Alert; onDone: (a: Alert) => void }) {
  const [status, setStatus] = useState<AlertStatus>(alert.status === 'open' ? 'confirmed' : 'open');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await api.triage(alert.id, status, reason.trim() || undefined));
      setReason('');
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Triage this alert">
      <fieldset>
        <legend>Triage</legend>
        {(['confirmed', 'dismissed', 'open'] as const).map((s) => (
          <label key={s} style={{ marginRight: '1rem' }}>
            <input
              type="radio"
              name="status"
              value={s}
              checked={status === s}
              onChange={() => setStatus(s)}
              disabled={s === alert.status}
            />{' '}
            {s === 'confirmed' ? 'Confirm' : s === 'dismissed' ? 'Dismiss' : 'Reopen'}
          </label>
        ))}
        <Field
          label={status === 'dismissed' ? 'Reason (required)' : 'Reason'}
          hint="kept with the alert and in the audit log"
          wide
        >
          {(p) => (
            <textarea
              {...p}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={status === 'dismissed'}
              placeholder={
                alert.kind === 'maritime'
                  ? 'e.g. licensed bunkering, checked with the port authority'
                  : 'e.g. born 1990, not the listed man'
              }
            />
          )}
        </Field>
        <button type="submit" disabled={busy || status === alert.status} style={{ marginTop: '0.5rem' }}>
          {status === 'confirmed'
            ? 'Confirm the alert'
            : status === 'dismissed'
              ? 'Dismiss the alert'
              : 'Reopen the alert'}
        </button>
      </fieldset>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

export default function AlertsPage() {
  const [state, setState] = useUrlState(DEFAULTS);
  const location = useLocation();
  const page = Math.max(1, state.page);
  const alerts = useApi(
    (signal) =>
      api.alerts(
        {
          status: state.status === 'all' ? undefined : (state.status as AlertStatus),
          kind: state.kind || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [state.status, state.kind, page],
  );
  // The outcome of the last triage, shown while that alert stays selected.
  const [done, setDone] = useState<{ id: string; text: string }>();
  const selected = alerts.data?.items.find((a) => a.id === state.selected);
  const select = (id: string) => location.pathname + patchQuery(DEFAULTS, location.query, { selected: id });

  const columns: Column<Alert>[] = [
    {
      header: 'Alert',
      cell: (a) => (
        <Link to={select(a.id)} aria-current={a.id === state.selected ? 'true' : undefined}>
          {alertSummary(a)}
        </Link>
      ),
    },
    {
      header: 'Kind',
      cell: (a) => <Badge tone={a.kind === 'maritime' ? 'info' : 'neutral'}>{a.kind}</Badge>,
    },
    { header: 'Status', cell: (a) => <Badge tone={STATUS_TONE[a.status] ?? 'neutral'}>{a.status}</Badge> },
    { header: 'Score', cell: (a) => (a.score === null ? '—' : fmtScore(a.score)), className: 'num' },
    { header: 'Raised', cell: (a) => fmtDateTime(a.createdAt), className: 'nowrap' },
  ];

  return (
    <>
      <h1>Alerts</h1>
      <FilterBar
        label="Filter alerts"
        state={state}
        setState={setState}
        filters={[
          {
            name: 'status',
            label: 'Status',
            type: 'select',
            options: [
              { value: 'open', label: 'open' },
              { value: 'confirmed', label: 'confirmed' },
              { value: 'dismissed', label: 'dismissed' },
              { value: 'all', label: 'all' },
            ],
          },
          {
            name: 'kind',
            label: 'Kind',
            type: 'select',
            options: [
              { value: '', label: 'all kinds' },
              { value: 'screening', label: 'screening (watchlists)' },
              { value: 'maritime', label: 'maritime (vessel events)' },
            ],
          },
        ]}
      />
      <div className="split">
        <div>
          <Async state={alerts} loadingLabel="Loading alerts…">
            {(r) => (
              <>
                <DataTable
                  caption="Alerts"
                  captionHidden
                  columns={columns}
                  rows={r.items}
                  rowKey={(a) => a.id}
                  selectedKey={state.selected}
                  empty={
                    state.status === 'open'
                      ? 'No open alert: the inbox is clear.'
                      : 'No alert with these filters.'
                  }
                />
                <Pagination
                  page={page}
                  pageSize={PAGE_SIZE}
                  total={r.total}
                  onPage={(p) => setState({ page: p })}
                />
              </>
            )}
          </Async>
        </div>
        <aside aria-label="Selected alert">
          {done && done.id === state.selected && (
            <p className="success" role="status">
              {done.text}
            </p>
          )}
          {selected ? (
            <Card
              title={alertSummary(selected)}
              actions={
                <Link to={select('')} aria-label="Close the alert">
                  Close
                </Link>
              }
            >
              <p>
                <Badge tone={STATUS_TONE[selected.status] ?? 'neutral'}>{selected.status}</Badge>{' '}
                <span className="small muted">
                  raised {fmtDateTime(selected.createdAt)}
                  {selected.updatedBy &&
                    ` · ${selected.status} by ${selected.updatedBy} on ${fmtDateTime(selected.updatedAt)}`}
                </span>
              </p>
              {selected.reason && (
                <p>
                  <strong>Reason:</strong> {selected.reason}
                </p>
              )}
              <AlertDetails alert={selected} />
              <Can permission="write">
                <TriageForm
                  alert={selected}
                  onDone={(a) => {
                    setDone({
                      id: a.id,
                      text: `Alert ${a.status === 'open' ? 'reopened' : a.status}. The change is in the audit log.`,
                    });
                    alerts.reload();
                  }}
                />
              </Can>
            </Card>
          ) : state.selected && alerts.data ? (
            done?.id === state.selected ? (
              <p className="muted">
                It has left this view of the inbox ({state.status || 'all'} alerts). Choose the next alert.
              </p>
            ) : (
              <p className="notice">
                This alert is not on this page of the inbox (it may have been triaged, or the filters
                changed).
              </p>
            )
          ) : (
            <p className="muted">Choose an alert to see its details and triage it.</p>
          )}
        </aside>
      </div>
    </>
  );
}
