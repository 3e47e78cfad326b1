/**
 * What changed between two versions of a list: added, removed and changed listings, the changed fields
 * highlighted. URL: /lists/{list}/diff?from=&to=&tab=changed&q=&page= (default: previous → latest).
 */
import { api } from '../api.ts';
import type { DiffEntry, FieldChange, ListDiff } from '../api-types.ts';
import { ChangeList } from '../components/changes.tsx';
import { type Column, DataTable, Pagination, pageOf } from '../components/table.tsx';
import { Async, Badge, Card, Field, TabLinks } from '../components/ui.tsx';
import { datasetLabel, fmtDate, fmtNumber } from '../format.ts';
import { href, Link, useLocation } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { patchQuery, useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 50;
const DEFAULTS = { from: '', to: '', tab: 'changed', q: '', page: 1 };
type Tab = 'added' | 'removed' | 'changed';
type Row = DiffEntry & { changes?: FieldChange[] };

const entityLink = (r: DiffEntry) => <Link to={`/entities/${encodeURIComponent(r.id)}`}>{r.caption}</Link>;

export default function ListDiffPage({ params }: PageProps) {
  const list = params.list;
  const [state, setState] = useUrlState(DEFAULTS);
  const location = useLocation();
  useTitle(`Changes to ${datasetLabel(list)}`);
  const versions = useApi((signal) => api.versions(list, signal), [list]);
  const diff = useApi(
    (signal) => api.diff(list, state.from || undefined, state.to || undefined, signal),
    [list, state.from, state.to],
  );
  const tab = (['added', 'removed', 'changed'].includes(state.tab) ? state.tab : 'changed') as Tab;

  const tabHref = (id: string) =>
    location.pathname + patchQuery(DEFAULTS, location.query, { tab: id, page: 1 });

  const rowsOf = (d: ListDiff): Row[] => {
    const all: Row[] = d[tab];
    const q = state.q.trim().toLowerCase();
    return q
      ? all.filter(
          (r) =>
            r.caption.toLowerCase().includes(q) || r.sourceRef.toLowerCase().includes(q) || r.id.includes(q),
        )
      : all;
  };

  const columns: Column<Row>[] = [
    { header: 'Reference', cell: (r) => <span className="mono nowrap">{r.sourceRef}</span> },
    { header: 'Name', cell: entityLink },
    { header: 'Type', cell: (r) => r.schema },
  ];
  if (tab === 'changed')
    columns.push({ header: 'Changed fields', cell: (r) => <ChangeList changes={r.changes ?? []} /> });

  return (
    <>
      <div className="page-head">
        <h1>Changes to {datasetLabel(list)}</h1>
        <Link to="/lists">All lists</Link>
      </div>
      <form className="filters" aria-label="Versions to compare" onSubmit={(e) => e.preventDefault()}>
        <Field label="From version">
          {(p) => (
            <select {...p} value={state.from} onChange={(e) => setState({ from: e.target.value, page: 1 })}>
              <option value="">the one before “to”</option>
              {(versions.data ?? []).map((v) => (
                <option key={v.id} value={v.id}>
                  {fmtDate(v.publishedDate)} — {v.fileName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="To version">
          {(p) => (
            <select {...p} value={state.to} onChange={(e) => setState({ to: e.target.value, page: 1 })}>
              <option value="">latest</option>
              {(versions.data ?? []).map((v) => (
                <option key={v.id} value={v.id}>
                  {fmtDate(v.publishedDate)} — {v.fileName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Find in the changes">
          {(p) => (
            <input
              {...p}
              type="search"
              placeholder="name or reference"
              value={state.q}
              onChange={(e) => setState({ q: e.target.value, page: 1 }, { replace: true })}
            />
          )}
        </Field>
      </form>
      <Async state={diff} loadingLabel="Comparing versions…">
        {(d) => {
          const rows = rowsOf(d);
          return (
            <Card>
              <p data-testid="diff-summary">
                From <strong>{fmtDate(d.from.publishedDate)}</strong> ({d.from.fileName},{' '}
                {fmtNumber(d.from.recordCount)} listings) to <strong>{fmtDate(d.to.publishedDate)}</strong> (
                {d.to.fileName}, {fmtNumber(d.to.recordCount)} listings):{' '}
                <Badge tone="good">{fmtNumber(d.added.length)} added</Badge>{' '}
                <Badge tone="bad">{fmtNumber(d.removed.length)} removed</Badge>{' '}
                <Badge tone="warn">{fmtNumber(d.changed.length)} changed</Badge>
              </p>
              <TabLinks
                label="Kind of change"
                current={tab}
                hrefFor={tabHref}
                tabs={[
                  { id: 'added', label: `Added (${fmtNumber(d.added.length)})` },
                  { id: 'removed', label: `Removed (${fmtNumber(d.removed.length)})` },
                  { id: 'changed', label: `Changed (${fmtNumber(d.changed.length)})` },
                ]}
              />
              <DataTable
                caption={`${tab[0].toUpperCase()}${tab.slice(1)} listings`}
                columns={columns}
                rows={pageOf(rows, state.page, PAGE_SIZE)}
                rowKey={(r) => r.id}
                empty={
                  state.q
                    ? 'No listing matches this search.'
                    : `No listing was ${tab} between these versions.`
                }
              />
              <Pagination
                page={state.page}
                pageSize={PAGE_SIZE}
                total={rows.length}
                onPage={(page) => setState({ page })}
              />
              <p className="small muted">
                As JSON:{' '}
                <a href={href(`/api/lists/${list}/diff`, { from: d.from.id, to: d.to.id })}>
                  /api/lists/{list}/diff
                </a>
              </p>
            </Card>
          );
        }}
      </Async>
    </>
  );
}
