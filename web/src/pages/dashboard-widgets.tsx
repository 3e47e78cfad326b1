/**
 * The dashboard's widgets, in one list. A widget is a component that renders a Card and loads its own data;
 * add one by appending to `dashboardWidgets` (maritime widgets: recent events by type, vessels of highest
 * risk — see web/README.md).
 */
import type { ComponentType } from 'react';
import { useState } from 'react';
import { api } from '../api.ts';
import type { DatasetSummary, ListDiff, Permission } from '../api-types.ts';
import { useAuth } from '../auth.tsx';
import { AisSourcesTable } from '../components/ais-sources.tsx';
import { Async, Badge, Card, Empty } from '../components/ui.tsx';
import { datasetLabel, fmtAgo, fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { markSeen, visitBaseline } from '../last-visit.ts';
import { href, Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { alertSummary } from './alerts.tsx';

export interface DashboardWidget {
  id: string;
  /** Position in the grid (ascending). */
  order: number;
  /** Spans the whole width. */
  wide?: boolean;
  access?: Permission;
  Component: ComponentType;
}

interface ListChange {
  summary: DatasetSummary;
  /** The diff over the versions imported since the visit (or the latest change, on a first visit). */
  diff?: ListDiff;
  /** The list arrived whole since the visit (no earlier version to compare with). */
  newList: boolean;
}

async function changesSince(since: string | null, signal: AbortSignal): Promise<ListChange[]> {
  const summaries = await api.lists(signal);
  const out = await Promise.all(
    summaries.map(async (summary): Promise<ListChange | undefined> => {
      const versions = summary.versions;
      // On a first visit, show each list's latest change; afterwards, what was imported since the visit.
      const firstNew =
        since === null ? Math.max(versions.length - 1, 0) : versions.findIndex((v) => v.importedAt > since);
      if (firstNew === -1) return undefined;
      if (firstNew === 0) return { summary, newList: true };
      const diff = await api.diff(summary.dataset, versions[firstNew - 1].id, summary.latest.id, signal);
      return { summary, diff, newList: false };
    }),
  );
  return out.filter((c): c is ListChange => c !== undefined);
}

function ListChangesWidget() {
  const { user } = useAuth();
  const [since, setSince] = useState(() => visitBaseline(user?.name ?? ''));
  const changes = useApi((signal) => changesSince(since, signal), [since]);
  return (
    <Card
      title={since ? 'List changes since your last visit' : 'Latest list changes'}
      actions={
        changes.data && changes.data.length > 0 ? (
          <button
            type="button"
            className="secondary small"
            onClick={() => setSince(markSeen(user?.name ?? ''))}
          >
            Mark as seen
          </button>
        ) : undefined
      }
    >
      <p className="muted small">
        {since
          ? `Versions imported since ${fmtDateTime(since)} (${fmtAgo(since)}).`
          : 'First visit from this browser: the latest change of each list.'}
      </p>
      <Async state={changes} loadingLabel="Comparing list versions…">
        {(list) =>
          list.length === 0 ? (
            <Empty>No list has changed since then.</Empty>
          ) : (
            <ul className="plain" data-testid="list-changes">
              {list.map(({ summary, diff, newList }) => (
                <li key={summary.dataset}>
                  <strong>{datasetLabel(summary.dataset)}</strong>{' '}
                  {newList || !diff ? (
                    <>
                      imported: {fmtNumber(summary.latest.recordCount)} listings (published{' '}
                      {fmtDate(summary.latest.publishedDate)}).{' '}
                      <Link to={href('/entities', { list: summary.dataset })}>Browse</Link>
                    </>
                  ) : (
                    <>
                      {fmtDate(diff.from.publishedDate)} → {fmtDate(diff.to.publishedDate)}:{' '}
                      <Badge tone="good">{fmtNumber(diff.added.length)} added</Badge>{' '}
                      <Badge tone="bad">{fmtNumber(diff.removed.length)} removed</Badge>{' '}
                      <Badge tone="warn">{fmtNumber(diff.changed.length)} changed</Badge>{' '}
                      <Link
                        to={href(`/lists/${summary.dataset}/diff`, {
                          from: diff.from.id,
                          to: diff.to.id,
                          tab: diff.added.length ? 'added' : undefined,
                        })}
                      >
                        See the changes
                      </Link>
                      {diff.added.length > 0 && (
                        <div className="small">
                          New:{' '}
                          {diff.added.slice(0, 5).map((e, i) => (
                            <span key={e.id}>
                              {i > 0 && ', '}
                              <Link to={`/entities/${encodeURIComponent(e.id)}`}>{e.caption}</Link>
                            </span>
                          ))}
                          {diff.added.length > 5 && ` and ${fmtNumber(diff.added.length - 5)} more`}
                        </div>
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}

function ListsWidget() {
  const lists = useApi((signal) => api.lists(signal), []);
  return (
    <Card title="Lists loaded" actions={<Link to="/lists">Lists</Link>}>
      <Async state={lists}>
        {(summaries) =>
          summaries.length === 0 ? (
            <Empty>
              No list imported yet. <Link to="/lists">Import the official lists</Link> (or run{' '}
              <code>watchkeeper lists update</code>).
            </Empty>
          ) : (
            <ul className="plain">
              {summaries.map((s) => (
                <li key={s.dataset}>
                  <Link to={href('/entities', { list: s.dataset })}>{datasetLabel(s.dataset)}</Link>:{' '}
                  {fmtNumber(s.latest.recordCount)} listings, published {fmtDate(s.latest.publishedDate)}{' '}
                  <span className="muted small">
                    ({s.versions.length} {s.versions.length === 1 ? 'version' : 'versions'})
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </Card>
  );
}

async function alertCounts(signal: AbortSignal) {
  const [all, screening, maritime] = await Promise.all(
    [undefined, 'screening', 'maritime'].map((kind) =>
      api.alerts({ status: 'open', kind, limit: 5 }, signal),
    ),
  );
  return { all, screening: screening.total, maritime: maritime.total };
}

function AlertsWidget() {
  const counts = useApi(alertCounts, []);
  return (
    <Card title="Open alerts" actions={<Link to="/alerts">Inbox</Link>}>
      <Async state={counts}>
        {(c) => (
          <>
            <div className="stats" data-testid="open-alerts">
              <Link to="/alerts">
                <div className="stat">{fmtNumber(c.all.total)}</div>
                <div className="label">open</div>
              </Link>
              <Link to="/alerts?kind=screening">
                <div className="stat">{fmtNumber(c.screening)}</div>
                <div className="label">screening</div>
              </Link>
              <Link to="/alerts?kind=maritime">
                <div className="stat">{fmtNumber(c.maritime)}</div>
                <div className="label">maritime</div>
              </Link>
            </div>
            {c.all.items.length > 0 && (
              <ul className="plain small">
                {c.all.items.map((a) => (
                  <li key={a.id}>
                    <Link to={href('/alerts', { selected: a.id })}>{alertSummary(a)}</Link>{' '}
                    <span className="muted">{fmtAgo(a.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </Card>
  );
}

function AisWidget() {
  const sources = useApi((signal) => api.aisSources(signal), []);
  return (
    <Card title="AIS ingest" actions={<Link to="/admin?tab=ais">All sources</Link>}>
      <Async state={sources}>
        {({ items }) => {
          if (items.length === 0)
            return (
              <Empty>
                No AIS data yet: ingest files on the <Link to="/vessels">Vessels</Link> page or with{' '}
                <code>watchkeeper ais ingest FILE…</code>.
              </Empty>
            );
          const positions = items.reduce((n, s) => n + (s.summary?.positions ?? 0), 0);
          const unfinished = items.filter((s) => s.status !== 'complete');
          const last = items[0];
          return (
            <>
              <div className="stats">
                <div>
                  <div className="stat">{fmtNumber(items.length)}</div>
                  <div className="label">sources</div>
                </div>
                <div>
                  <div className="stat">{fmtNumber(positions)}</div>
                  <div className="label">positions stored</div>
                </div>
                <div>
                  <div className="stat">{unfinished.length}</div>
                  <div className="label">running or failed</div>
                </div>
              </div>
              <p className="small">
                Last: <strong>{last.name}</strong> {fmtAgo(last.finishedAt ?? last.startedAt)} ({last.status}
                ).
              </p>
              <AisSourcesTable sources={items.slice(0, 5)} caption="Latest AIS sources" />
            </>
          );
        }}
      </Async>
    </Card>
  );
}

export const dashboardWidgets: DashboardWidget[] = [
  { id: 'list-changes', order: 10, wide: true, Component: ListChangesWidget },
  { id: 'alerts', order: 20, Component: AlertsWidget },
  { id: 'lists', order: 30, Component: ListsWidget },
  { id: 'ais', order: 40, wide: true, Component: AisWidget },
];
