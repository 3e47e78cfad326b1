/**
 * Browse and search the listed entities (current versions): words match at the start of names, aliases and
 * identifiers; filters by list, type and regime. URL: /entities?q=&list=&schema=&regime=&page=
 */
import { api } from '../api.ts';
import type { EntitySummary } from '../api-types.ts';
import { FilterBar } from '../components/filters.tsx';
import { type Column, DataTable, Pagination } from '../components/table.tsx';
import { Async, Badge } from '../components/ui.tsx';
import { datasetLabel, fmtDate, fmtNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 50;
export const SCHEMA_OPTIONS = ['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];
export const LIST_OPTIONS = [
  { value: 'un', label: 'UN Security Council' },
  { value: 'ofac', label: 'OFAC (both lists)' },
  { value: 'ofac-sdn', label: 'OFAC SDN' },
  { value: 'ofac-cons', label: 'OFAC non-SDN' },
  { value: 'eu', label: 'EU' },
  { value: 'uk', label: 'UK' },
];

export default function EntitiesPage() {
  const [state, setState] = useUrlState({ q: '', list: '', schema: '', regime: '', page: 1 });
  const page = Math.max(1, state.page);
  const entities = useApi(
    (signal) =>
      api.entities(
        {
          q: state.q || undefined,
          list: state.list || undefined,
          schema: state.schema || undefined,
          regime: state.regime || undefined,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [state.q, state.list, state.schema, state.regime, page],
  );
  // The regimes actually present on the loaded lists, with how many listings each.
  const lists = useApi((signal) => api.lists(signal), []);
  const regimeCounts = new Map<string, number>();
  for (const s of lists.data ?? [])
    for (const [code, n] of Object.entries(s.latest.counts.byRegime))
      regimeCounts.set(code, (regimeCounts.get(code) ?? 0) + n);
  const regimeOptions = [...regimeCounts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  if (state.regime && !regimeCounts.has(state.regime)) regimeOptions.unshift([state.regime, 0]);

  const columns: Column<EntitySummary>[] = [
    {
      header: 'Name',
      cell: (e) => <Link to={`/entities/${encodeURIComponent(e.id)}`}>{e.caption}</Link>,
    },
    { header: 'Type', cell: (e) => e.schema },
    {
      header: 'List',
      cell: (e) => <Badge>{datasetLabel(e.versionId.replace(/-\d{4}-\d{2}-\d{2}-[0-9a-f]+$/, ''))}</Badge>,
    },
    { header: 'Reference', cell: (e) => <span className="mono nowrap">{e.sourceRef}</span> },
    {
      header: 'Regimes',
      cell: (e) => (
        <span className="badges">
          {e.regimes.map((r) => (
            <Badge key={r} tone="info">
              {r}
            </Badge>
          ))}
        </span>
      ),
    },
    { header: 'Listed on', cell: (e) => fmtDate(e.listedOn), className: 'nowrap' },
  ];

  return (
    <>
      <div className="page-head">
        <h1>Listed entities</h1>
        <Link to="/screening">Screen a name instead (fuzzy, any script)</Link>
      </div>
      <FilterBar
        label="Filter entities"
        state={state}
        setState={setState}
        filters={[
          {
            name: 'q',
            label: 'Name or identifier',
            placeholder: 'e.g. kim jong, 9274616',
            hint: 'words match at their start',
          },
          {
            name: 'list',
            label: 'List',
            type: 'select',
            options: [{ value: '', label: 'all lists' }, ...LIST_OPTIONS],
          },
          {
            name: 'schema',
            label: 'Type',
            type: 'select',
            options: [
              { value: '', label: 'all types' },
              ...SCHEMA_OPTIONS.map((s) => ({ value: s, label: s })),
            ],
          },
          {
            name: 'regime',
            label: 'Regime',
            type: 'select',
            options: [
              { value: '', label: 'all regimes' },
              ...regimeOptions.map(([code, n]) => ({
                value: code,
                label: n ? `${code} (${fmtNumber(n)})` : code,
              })),
            ],
          },
        ]}
      />
      <Async state={entities} loadingLabel="Loading entities…">
        {(r) => (
          <>
            <DataTable
              caption={`Listed entities${state.q ? ` matching “${state.q}”` : ''}`}
              captionHidden
              columns={columns}
              rows={r.items}
              rowKey={(e) => e.id}
              empty="No listed entity matches these filters."
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
    </>
  );
}
