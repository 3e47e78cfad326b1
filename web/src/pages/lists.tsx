/** Lists: every list with its versions and counts, links to the changes between versions, and import. */
import { type FormEvent, useRef, useState } from 'react';
import { api, type UploadProgress } from '../api.ts';
import type { DatasetSummary, ImportResult, ListVersion } from '../api-types.ts';
import { Can } from '../auth.tsx';
import { type Column, DataTable } from '../components/table.tsx';
import { Async, Badge, Card, ErrorBox, Facts, Field, UploadProgressBar } from '../components/ui.tsx';
import { datasetLabel, fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import { href, Link } from '../router.tsx';
import { useApi } from '../use-api.ts';

export const countsBySchema = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${fmtNumber(v)} ${k}`)
    .join(', ');

function VersionsTable({ summary }: { summary: DatasetSummary }) {
  // Newest first to read; each row links to its changes from the version before it.
  const versions = [...summary.versions].reverse();
  const previous = (v: ListVersion) => {
    const i = summary.versions.findIndex((x) => x.id === v.id);
    return i > 0 ? summary.versions[i - 1] : undefined;
  };
  const columns: Column<ListVersion>[] = [
    { header: 'Published', cell: (v) => fmtDate(v.publishedDate), className: 'nowrap' },
    { header: 'File', cell: (v) => <span className="mono small">{v.fileName}</span> },
    { header: 'Records', cell: (v) => fmtNumber(v.recordCount), className: 'num' },
    { header: 'By type', cell: (v) => <span className="small">{countsBySchema(v.counts.bySchema)}</span> },
    {
      header: 'Imported',
      cell: (v) => (
        <span className="small">
          {fmtDateTime(v.importedAt)} by {v.importedBy}
        </span>
      ),
    },
    {
      header: 'Changes',
      cell: (v) => {
        const prev = previous(v);
        return prev ? (
          <Link to={href(`/lists/${summary.dataset}/diff`, { from: prev.id, to: v.id })}>
            from {fmtDate(prev.publishedDate)}
          </Link>
        ) : (
          <span className="muted small">first version</span>
        );
      },
    },
  ];
  return (
    <DataTable
      caption={`Versions of ${datasetLabel(summary.dataset)}, newest first`}
      captionHidden
      columns={columns}
      rows={versions}
      rowKey={(v) => v.id}
    />
  );
}

function ImportForm({ onImported }: { onImported: () => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [source, setSource] = useState('');
  const [dataset, setDataset] = useState('');
  const [published, setPublished] = useState('');
  const [progress, setProgress] = useState<UploadProgress>();
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<Error>();
  const abort = useRef<() => void>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setError(undefined);
    setResult(undefined);
    setProgress({ phase: 'upload', loaded: 0, total: file.size });
    const call = api.importList(file, { source, dataset, published }, setProgress);
    abort.current = call.abort;
    try {
      const r = await call.done;
      setResult(r);
      onImported();
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError(err as Error);
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  };

  return (
    <Card title="Import a list file">
      <p className="muted small">
        UN consolidated XML, OFAC SDN (CSV or XML, SDN or non-SDN), OFAC advanced XML, EU financial sanctions
        XML, UK OFSI CSV. The format is recognised from the content; importing the same file twice changes
        nothing.
      </p>
      <form className="form-row" onSubmit={submit} aria-label="Import a list file">
        <Field label="List file" wide>
          {(p) => <input {...p} ref={fileRef} type="file" name="file" required disabled={!!progress} />}
        </Field>
        <Field label="Source">
          {(p) => (
            <select {...p} value={source} onChange={(e) => setSource(e.target.value)} disabled={!!progress}>
              <option value="">from the file</option>
              <option value="un">UN</option>
              <option value="ofac">OFAC</option>
              <option value="eu">EU</option>
              <option value="uk">UK</option>
            </select>
          )}
        </Field>
        <Field label="OFAC list">
          {(p) => (
            <select {...p} value={dataset} onChange={(e) => setDataset(e.target.value)} disabled={!!progress}>
              <option value="">from the file name</option>
              <option value="ofac-sdn">SDN list</option>
              <option value="ofac-cons">non-SDN (consolidated)</option>
            </select>
          )}
        </Field>
        <Field label="Published on" hint="only for files that state no date (an OFAC sdn.csv)">
          {(p) => (
            <input
              {...p}
              type="date"
              value={published}
              onChange={(e) => setPublished(e.target.value)}
              disabled={!!progress}
            />
          )}
        </Field>
        <div className="filter-actions">
          <button type="submit" disabled={!!progress}>
            Import
          </button>
          {progress && (
            <button type="button" className="secondary" onClick={() => abort.current?.()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {progress && (
        <UploadProgressBar
          progress={progress}
          uploading="Uploading"
          working="Importing (parsing and storing the records)…"
        />
      )}
      {error && <ErrorBox error={error} />}
      {result && (
        <div className={result.status === 'imported' ? 'success' : 'notice'} role="status">
          {result.status === 'imported' ? (
            <>
              Imported {fmtNumber(result.version.recordCount)} records of{' '}
              {datasetLabel(result.version.dataset)}, published {fmtDate(result.version.publishedDate)} (
              {result.version.fileName}).{' '}
              <Link to={href(`/lists/${result.version.dataset}/diff`, { to: result.version.id })}>
                See what changed
              </Link>
              {result.watchlists && result.watchlists.newAlerts > 0 && (
                <>
                  {' '}
                  · {result.watchlists.newAlerts} new{' '}
                  <Link to="/alerts?kind=screening">watchlist alerts</Link>
                </>
              )}
            </>
          ) : (
            <>
              This file was already imported as the {datasetLabel(result.version.dataset)} version of{' '}
              {fmtDate(result.version.publishedDate)}: nothing changed.
            </>
          )}
        </div>
      )}
    </Card>
  );
}

export default function ListsPage() {
  const lists = useApi((signal) => api.lists(signal), []);
  return (
    <>
      <div className="page-head">
        <h1>Lists</h1>
        <Link to="/entities">Browse the listed entities</Link>
      </div>
      <Can permission="write">
        <ImportForm onImported={lists.reload} />
      </Can>
      <Async state={lists} loadingLabel="Loading lists…">
        {(summaries) =>
          summaries.length === 0 ? (
            <Card title="No lists yet">
              <p>
                Import the official lists above, or from the command line:{' '}
                <code>watchkeeper lists import FILE…</code> or <code>watchkeeper lists update</code>{' '}
                (downloads them).
              </p>
            </Card>
          ) : (
            summaries.map((s) => (
              <Card
                key={s.dataset}
                title={
                  <>
                    {datasetLabel(s.dataset)} <Badge>{s.dataset}</Badge>
                  </>
                }
                actions={
                  s.versions.length > 1 ? (
                    <Link to={href(`/lists/${s.dataset}/diff`)}>Latest changes</Link>
                  ) : undefined
                }
              >
                <Facts
                  items={[
                    ['Latest version', fmtDate(s.latest.publishedDate)],
                    ['Listings', fmtNumber(s.latest.recordCount)],
                    ['By type', countsBySchema(s.latest.counts.bySchema)],
                    ['Regimes', fmtNumber(Object.keys(s.latest.counts.byRegime).length)],
                    ['Versions', fmtNumber(s.versions.length)],
                  ]}
                />
                <h3>Versions</h3>
                <VersionsTable summary={s} />
                <p className="small">
                  <Link to={href('/entities', { list: s.dataset })}>
                    Browse the {fmtNumber(s.latest.recordCount)} listings
                  </Link>
                </p>
              </Card>
            ))
          )
        }
      </Async>
    </>
  );
}
