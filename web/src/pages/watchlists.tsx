/**
 * Watchlists: the names, companies and vessels a team monitors (customers, counterparties, a fleet). Each
 * item is screened when added and again after every list import; a match raises an alert in the inbox.
 * Create a watchlist, add one item or a CSV of them, browse and remove items, screen everything again now.
 * URL: /watchlists?list=<name>&page=N.
 */
import { type FormEvent, useRef, useState } from 'react';
import { api, type UploadProgress } from '../api.ts';
import type { Watchlist, WatchlistImported, WatchlistItem } from '../api-types.ts';
import { Can } from '../auth.tsx';
import { DataTable, Pagination } from '../components/table.tsx';
import { Async, Card, ErrorBox, Field, UploadProgressBar } from '../components/ui.tsx';
import { fmtDate, fmtNumber, propertyLabel } from '../format.ts';
import { href, Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const PAGE_SIZE = 50;
const TYPES = [
  ['Person', 'Person'],
  ['Company', 'Company'],
  ['Organization', 'Organisation'],
  ['Vessel', 'Vessel'],
  ['Thing', 'Any'],
] as const;

export default function WatchlistsPage(_props: PageProps) {
  useTitle('Watchlists');
  const [state, setState] = useUrlState({ list: '', page: 1 });
  const lists = useApi((signal) => api.watchlists(signal), []);
  const selected = lists.data?.find((w) => w.name === state.list || w.id === state.list);
  return (
    <>
      <div className="page-head">
        <h1>Watchlists</h1>
        <Link to={href('/alerts', { kind: 'screening' })}>Watchlist alerts</Link>
      </div>
      <p className="muted">
        Names, companies and vessels you monitor. Each item is screened when it is added and again after every
        list import; a match raises an alert in the <Link to="/alerts">inbox</Link>, unless an analyst has
        marked it a false positive for that listing.
      </p>
      <Async state={lists}>
        {(all) => (
          <Card title="Your watchlists" actions={<RescreenButton onDone={lists.reload} />}>
            <DataTable
              caption="Watchlists"
              captionHidden
              rows={all}
              rowKey={(w) => w.id}
              selectedKey={selected?.id}
              empty="No watchlist yet: create one below."
              columns={[
                {
                  header: 'Name',
                  cell: (w) => (
                    <Link
                      to={href('/watchlists', { list: w.name })}
                      aria-current={w.id === selected?.id || undefined}
                    >
                      {w.name}
                    </Link>
                  ),
                },
                { header: 'Items', cell: (w) => fmtNumber(w.items ?? 0), className: 'num' },
                { header: 'Created by', cell: (w) => w.createdBy },
                { header: 'Created', cell: (w) => fmtDate(w.createdAt), className: 'nowrap' },
              ]}
            />
            <Can permission="write">
              <CreateWatchlist
                onCreated={(w) => {
                  lists.reload();
                  setState({ list: w.name, page: 1 });
                }}
              />
            </Can>
          </Card>
        )}
      </Async>
      {selected && (
        <Items
          key={selected.id}
          watchlist={selected}
          page={state.page}
          setPage={(page) => setState({ page })}
          onChanged={lists.reload}
        />
      )}
    </>
  );
}

function RescreenButton({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<Error>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.rescreen();
      setResult(
        `${fmtNumber(r.items)} item(s) screened: ${fmtNumber(r.hits)} hit(s), ${fmtNumber(r.newAlerts)} new alert(s)`,
      );
      onDone();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Can permission="write">
      <span className="inline-actions">
        {result && (
          <span className="small" role="status">
            {result}
          </span>
        )}
        {error && <ErrorBox error={error} />}
        <button type="button" className="secondary" onClick={run} disabled={busy}>
          {busy ? 'Screening…' : 'Screen all again now'}
        </button>
      </span>
    </Can>
  );
}

function CreateWatchlist({ onCreated }: { onCreated: (w: Watchlist) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const w = await api.createWatchlist(name.trim());
      setName('');
      onCreated(w);
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Create a watchlist">
      <Field label="New watchlist" hint="e.g. customers, counterparties, fleet">
        {(p) => (
          <input {...p} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        )}
      </Field>
      <div className="filter-actions">
        <button type="submit">Create</button>
      </div>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

/** What an item is screened with, in words ("Name: Kim Jong Un; Date of birth: 1984"). */
function querySummary(item: WatchlistItem): string {
  return Object.entries(item.query.properties)
    .map(([p, v]) => `${propertyLabel(p)}: ${v.join(', ')}`)
    .join('; ');
}

function Items({
  watchlist,
  page,
  setPage,
  onChanged,
}: {
  watchlist: Watchlist;
  page: number;
  setPage: (page: number) => void;
  onChanged: () => void;
}) {
  const items = useApi(
    (signal) =>
      api.watchlistItems(
        watchlist.name,
        { limit: PAGE_SIZE, offset: (Math.max(1, page) - 1) * PAGE_SIZE },
        signal,
      ),
    [watchlist.name, page],
  );
  const [outcome, setOutcome] = useState<WatchlistImported>();
  const [error, setError] = useState<Error>();
  const changed = (r?: WatchlistImported) => {
    setOutcome(r);
    items.reload();
    onChanged();
  };
  const remove = async (item: WatchlistItem) => {
    setError(undefined);
    try {
      await api.removeWatchlistItem(watchlist.name, item.id);
      changed();
    } catch (err) {
      setError(err as Error);
    }
  };
  return (
    <Card title={`${watchlist.name}: items`}>
      <Can permission="write">
        <div className="grid-2">
          <AddItem watchlist={watchlist.name} onAdded={changed} />
          <ImportItems watchlist={watchlist.name} onImported={changed} />
        </div>
      </Can>
      {outcome && (
        <div className="success" role="status" data-testid="watchlist-outcome">
          {fmtNumber(outcome.added)} item(s) added and the watchlist screened: {fmtNumber(outcome.hits)}{' '}
          hit(s), {fmtNumber(outcome.newAlerts)} new alert(s)
          {outcome.newAlerts > 0 && (
            <>
              {' '}
              (<Link to={href('/alerts', { kind: 'screening' })}>see them</Link>)
            </>
          )}
          .
          {outcome.skipped.length > 0 && (
            <>
              {' '}
              {fmtNumber(outcome.skipped.length)} row(s) skipped:
              <ul className="small">
                {outcome.skipped.slice(0, 10).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      <Async state={items}>
        {(r) => (
          <>
            <DataTable
              caption={`Items on ${watchlist.name}, by label`}
              rows={r.items}
              rowKey={(i) => i.id}
              empty="No item yet: add one, or a CSV of them."
              columns={[
                { header: 'Label', cell: (i) => i.label ?? '—' },
                { header: 'Type', cell: (i) => i.query.schema },
                { header: 'Screened on', cell: (i) => querySummary(i) },
                { header: 'Id', cell: (i) => <code>{i.id}</code> },
                { header: 'Added', cell: (i) => fmtDate(i.addedAt), className: 'nowrap' },
                {
                  header: 'Actions',
                  cell: (i) => (
                    <Can permission="write">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => remove(i)}
                        aria-label={`Remove ${i.label ?? i.id} from ${watchlist.name}`}
                      >
                        Remove
                      </button>
                    </Can>
                  ),
                },
              ]}
            />
            <Pagination
              page={page}
              pageSize={PAGE_SIZE}
              total={r.total}
              onPage={setPage}
              label="Item pages"
            />
          </>
        )}
      </Async>
    </Card>
  );
}

function AddItem({ watchlist, onAdded }: { watchlist: string; onAdded: (r: WatchlistImported) => void }) {
  const [form, setForm] = useState({
    name: '',
    schema: 'Person',
    birthDate: '',
    nationality: '',
    imo: '',
    id: '',
  });
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    const properties: Record<string, string[]> = {};
    if (form.name.trim()) properties.name = [form.name.trim()];
    if (form.birthDate.trim()) properties.birthDate = [form.birthDate.trim()];
    if (form.nationality.trim()) properties.nationality = [form.nationality.trim()];
    if (form.imo.trim()) properties.imoNumber = [form.imo.trim()];
    try {
      const r = await api.addWatchlistItems(watchlist, [
        { id: form.id.trim() || undefined, query: { schema: form.schema, properties } },
      ]);
      setForm({ ...form, name: '', birthDate: '', nationality: '', imo: '', id: '' });
      onAdded({ ...r, skipped: [] });
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Add an item" className="stack">
      <h3>Add one</h3>
      <div className="form-row">
        <Field label="Name" wide>
          {(p) => <input {...p} value={form.name} onChange={set('name')} required maxLength={1024} />}
        </Field>
        <Field label="Type">
          {(p) => (
            <select {...p} value={form.schema} onChange={set('schema')}>
              {TYPES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-row">
        <Field label="Date of birth" hint="YYYY, YYYY-MM or YYYY-MM-DD">
          {(p) => (
            <input {...p} value={form.birthDate} onChange={set('birthDate')} placeholder="1984-01-08" />
          )}
        </Field>
        <Field label="Nationality" hint="country name or code">
          {(p) => <input {...p} value={form.nationality} onChange={set('nationality')} />}
        </Field>
        <Field label="IMO" hint="vessels">
          {(p) => <input {...p} value={form.imo} onChange={set('imo')} inputMode="numeric" />}
        </Field>
        <Field label="Your id" hint="optional: a customer number">
          {(p) => <input {...p} value={form.id} onChange={set('id')} maxLength={200} />}
        </Field>
      </div>
      <div className="filter-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Adding and screening…' : 'Add and screen'}
        </button>
      </div>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

function ImportItems({
  watchlist,
  onImported,
}: {
  watchlist: string;
  onImported: (r: WatchlistImported) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [schema, setSchema] = useState('Thing');
  const [progress, setProgress] = useState<UploadProgress>();
  const [error, setError] = useState<Error>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    setError(undefined);
    setProgress({ phase: 'upload', loaded: 0, total: file.size });
    try {
      const r = await api.importWatchlist(watchlist, file, schema, setProgress).done;
      if (input.current) input.current.value = '';
      onImported(r);
    } catch (err) {
      setError(err as Error);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Add a CSV of items" className="stack">
      <h3>Add a CSV</h3>
      <p className="muted small">
        A header row, then one item per row. Columns: <code>name</code> (or <code>imo</code>,{' '}
        <code>mmsi</code>, <code>passport</code>), and optionally <code>id</code>, <code>label</code>,{' '}
        <code>type</code>, <code>dob</code>, <code>nationality</code>. A row with the id of an item already
        listed replaces it; rows that cannot be screened are skipped and named.
      </p>
      <div className="form-row">
        <Field label="CSV file" wide>
          {(p) => (
            <input {...p} ref={input} type="file" accept=".csv,text/csv" required disabled={!!progress} />
          )}
        </Field>
        <Field label="Type of rows without one">
          {(p) => (
            <select {...p} value={schema} onChange={(e) => setSchema(e.target.value)} disabled={!!progress}>
              {TYPES.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="filter-actions">
        <button type="submit" disabled={!!progress}>
          Add and screen
        </button>
      </div>
      {progress && (
        <UploadProgressBar progress={progress} uploading="Uploading" working="Adding and screening…" />
      )}
      {error && <ErrorBox error={error} />}
    </form>
  );
}
