/** Vessel search: by name (former names too), MMSI, IMO or call sign, most recently seen first; paged. */
import { Can } from '../auth.tsx';
import { AisIngestForm } from '../components/ais-ingest.tsx';
import { FilterBar } from '../components/filters.tsx';
import { DataTable, Pagination } from '../components/table.tsx';
import { Async } from '../components/ui.tsx';
import { fmtDateTime, fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import { flagLabel } from '../maritime-format.ts';
import '../maritime.css';
import { useState } from 'react';
import { href, Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 50;
const CLASSES = [
  ['ship', 'Ships'],
  ['aton', 'Aids to navigation'],
  ['coast_station', 'Coast stations'],
  ['sar_aircraft', 'SAR aircraft'],
  ['auxiliary_craft', 'Auxiliary craft'],
  ['invalid', 'Invalid MMSI'],
] as const;

export default function VesselsPage(_props: PageProps) {
  useTitle('Vessels');
  const [state, setState] = useUrlState({ q: '', class: '', page: 1 });
  // Bumped after an ingest, to list the new vessels.
  const [ingested, setIngested] = useState(0);
  const vessels = useApi(
    (signal) =>
      maritimeApi.vessels(
        {
          q: state.q || undefined,
          class: state.class || undefined,
          limit: PAGE_SIZE,
          offset: (Math.max(1, state.page) - 1) * PAGE_SIZE,
        },
        signal,
      ),
    [state.q, state.class, state.page, ingested],
  );
  return (
    <>
      <div className="page-head">
        <h1>Vessels</h1>
        <Link to={href('/map')}>Open the map</Link>
      </div>
      <Can permission="write">
        <AisIngestForm onIngested={() => setIngested((n) => n + 1)} />
      </Can>
      <FilterBar
        label="Find vessels"
        state={state}
        setState={setState}
        filters={[
          { name: 'q', label: 'Name, MMSI, IMO or call sign', placeholder: 'e.g. SEA BRIDGE or 353719031' },
          {
            name: 'class',
            label: 'Kind of station',
            type: 'select',
            options: [{ value: '', label: 'All' }, ...CLASSES.map(([value, label]) => ({ value, label }))],
          },
        ]}
      />
      <Async state={vessels}>
        {(page) => (
          <>
            <DataTable
              caption="Vessels, most recently seen first"
              rows={page.items}
              rowKey={(v) => String(v.mmsi)}
              empty={state.q ? `No vessel matches “${state.q}”.` : 'No AIS data yet.'}
              columns={[
                {
                  header: 'Name',
                  cell: (v) => <Link to={`/vessels/${v.mmsi}`}>{v.name ?? `MMSI ${v.mmsi}`}</Link>,
                },
                { header: 'MMSI', cell: (v) => v.mmsi, className: 'nowrap' },
                { header: 'IMO', cell: (v) => v.imo ?? '—' },
                { header: 'Call sign', cell: (v) => v.callsign ?? '—' },
                { header: 'Flag', cell: (v) => flagLabel(v.flag) },
                { header: 'Type', cell: (v) => v.shipTypeName ?? '—' },
                { header: 'Last seen', cell: (v) => fmtDateTime(v.lastSeen), className: 'nowrap' },
                { header: 'Positions', cell: (v) => fmtNumber(v.positions), className: 'num' },
              ]}
            />
            <Pagination
              page={state.page}
              pageSize={PAGE_SIZE}
              total={page.total}
              onPage={(p) => setState({ page: p })}
              label="Vessel pages"
            />
          </>
        )}
      </Async>
    </>
  );
}
