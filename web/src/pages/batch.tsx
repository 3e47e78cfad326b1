/**
 * Batch screening: upload a CSV of names (columns name, type, dob, nationality, imo, mmsi, passport, …), follow
 * its progress, download the same CSV with the top hit beside each row. Options are in the URL.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api, type UploadProgress } from '../api.ts';
import { type Column, DataTable, Pagination, pageOf } from '../components/table.tsx';
import { Card, ErrorBox, Field, ProgressBar } from '../components/ui.tsx';
import { countLines, parseCsv } from '../csv.ts';
import { fmtBytes, fmtNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useUrlState } from '../url-state.ts';

const PAGE_SIZE = 25;

interface Outcome {
  fileName: string;
  url: string;
  header: string[];
  rows: string[][];
  matched: number;
  errors: number;
  seconds: number;
}

export default function BatchPage() {
  const [state, setState] = useUrlState({
    schema: 'Thing',
    dataset: 'default',
    algorithm: 'watchkeeper',
    threshold: '',
    page: 1,
    only: 'matches',
  });
  const fileRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<UploadProgress & { rowsDone?: number; rowsTotal?: number }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<Error>();
  const abort = useRef<() => void>(undefined);
  useEffect(() => () => outcome && URL.revokeObjectURL(outcome.url), [outcome]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (!file) return;
    setError(undefined);
    setOutcome(undefined);
    // The rows to screen (minus the header), to turn the streamed answer into a progress bar.
    const rowsTotal = Math.max(0, countLines(await file.text()) - 1);
    const t0 = performance.now();
    setProgress({ phase: 'upload', loaded: 0, total: file.size, rowsTotal });
    const call = api.screenBatch(
      file,
      {
        schema: state.schema,
        dataset: state.dataset,
        algorithm: state.algorithm,
        threshold: state.threshold || undefined,
      },
      (p) =>
        setProgress({
          ...p,
          rowsTotal,
          rowsDone: p.partial === undefined ? undefined : Math.max(0, countLines(p.partial) - 1),
        }),
    );
    abort.current = call.abort;
    try {
      const csv = await call.done;
      const [header = [], ...rows] = parseCsv(csv);
      const col = (name: string) => header.indexOf(name);
      const matched = rows.filter((r) => Number(r[col('match_count')]) > 0).length;
      const errors = rows.filter((r) => r[col('error')]).length;
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      setOutcome({
        fileName: file.name.replace(/\.csv$/i, '') + '-screened.csv',
        url,
        header,
        rows,
        matched,
        errors,
        seconds: (performance.now() - t0) / 1000,
      });
      setState({ page: 1 });
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError(err as Error);
    } finally {
      setProgress(undefined);
      abort.current = undefined;
    }
  };

  const shown = outcome
    ? state.only === 'matches'
      ? outcome.rows.filter(
          (r) => Number(r[outcome.header.indexOf('match_count')]) > 0 || r[outcome.header.indexOf('error')],
        )
      : outcome.rows
    : [];
  const columns: Column<string[]>[] = outcome
    ? outcome.header
        .map((h, i) => ({ h, i }))
        .filter(({ h }) => !['top_explanation', 'top_reference'].includes(h))
        .map(({ h, i }) => ({
          header: h,
          cell: (r: string[]) =>
            h === 'top_name' && r[outcome.header.indexOf('top_id')] ? (
              <Link to={`/entities/${encodeURIComponent(r[outcome.header.indexOf('top_id')])}`}>{r[i]}</Link>
            ) : (
              r[i]
            ),
          className: h === 'top_score' || h === 'match_count' ? 'num' : undefined,
        }))
    : [];

  return (
    <>
      <div className="page-head">
        <h1>Batch screening</h1>
        <Link to="/screening">Screen one name</Link>
      </div>
      <Card title="Screen a CSV file">
        <p className="muted small">
          A header row naming the columns: <code>name</code> (or <code>full_name</code>), and any of{' '}
          <code>type</code> (person, company, vessel…), <code>dob</code>, <code>nationality</code>,{' '}
          <code>country</code>, <code>imo</code>, <code>mmsi</code>, <code>call_sign</code>,{' '}
          <code>passport</code>, <code>id_number</code>, <code>alias</code>. Other columns are kept as they
          are. The result is the same file with the top hit of each row beside it.
        </p>
        <form className="form-row" onSubmit={submit} aria-label="Batch screening">
          <Field label="CSV file" wide>
            {(p) => (
              <input {...p} ref={fileRef} type="file" accept=".csv,text/csv" required disabled={!!progress} />
            )}
          </Field>
          <Field label="Type when the row has none">
            {(p) => (
              <select {...p} value={state.schema} onChange={(e) => setState({ schema: e.target.value })}>
                {['Thing', 'Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'].map(
                  (s) => (
                    <option key={s} value={s}>
                      {s === 'Thing' ? 'any' : s}
                    </option>
                  ),
                )}
              </select>
            )}
          </Field>
          <Field label="Lists">
            {(p) => (
              <select {...p} value={state.dataset} onChange={(e) => setState({ dataset: e.target.value })}>
                <option value="default">all lists</option>
                <option value="un">UN</option>
                <option value="ofac">OFAC</option>
                <option value="eu">EU</option>
                <option value="uk">UK</option>
              </select>
            )}
          </Field>
          <Field label="Scoring">
            {(p) => (
              <select
                {...p}
                value={state.algorithm}
                onChange={(e) => setState({ algorithm: e.target.value })}
              >
                <option value="watchkeeper">Watchkeeper</option>
                <option value="ofac">as OFAC's search scores</option>
              </select>
            )}
          </Field>
          <Field label="Match threshold" hint="0 to 1; default 0.7">
            {(p) => (
              <input
                {...p}
                value={state.threshold}
                onChange={(e) => setState({ threshold: e.target.value }, { replace: true })}
                size={6}
              />
            )}
          </Field>
          <div className="filter-actions">
            <button type="submit" disabled={!!progress}>
              Screen the file
            </button>
            {progress && (
              <button type="button" className="secondary" onClick={() => abort.current?.()}>
                Cancel
              </button>
            )}
          </div>
        </form>
        {progress &&
          (progress.phase === 'upload' ? (
            <ProgressBar
              label="Uploading"
              value={progress.loaded}
              max={progress.total ?? 1}
              detail={`${fmtBytes(progress.loaded)} of ${fmtBytes(progress.total)}`}
            />
          ) : progress.rowsDone !== undefined && progress.rowsTotal ? (
            <ProgressBar
              label="Screening"
              value={progress.rowsDone}
              max={progress.rowsTotal}
              detail={`${fmtNumber(progress.rowsDone)} of ${fmtNumber(progress.rowsTotal)} rows`}
            />
          ) : (
            <ProgressBar label="Screening…" />
          ))}
        {error && <ErrorBox error={error} />}
      </Card>
      {outcome && (
        <Card
          title="Result"
          actions={
            <a href={outcome.url} download={outcome.fileName} className="button-link" data-testid="download">
              Download {outcome.fileName}
            </a>
          }
        >
          <p role="status">
            {fmtNumber(outcome.rows.length)} rows screened in {outcome.seconds.toFixed(1)} s:{' '}
            <strong>{fmtNumber(outcome.matched)}</strong> with a match, {fmtNumber(outcome.errors)} that could
            not be screened.
          </p>
          <div className="form-row">
            <Field label="Show">
              {(p) => (
                <select
                  {...p}
                  value={state.only}
                  onChange={(e) => setState({ only: e.target.value, page: 1 })}
                >
                  <option value="matches">rows with a match or an error</option>
                  <option value="all">all rows</option>
                </select>
              )}
            </Field>
          </div>
          <DataTable
            caption="Screened rows"
            captionHidden
            columns={columns}
            rows={pageOf(shown, state.page, PAGE_SIZE)}
            rowKey={(r) => String(outcome.rows.indexOf(r))}
            empty="No row matched."
          />
          <Pagination
            page={state.page}
            pageSize={PAGE_SIZE}
            total={shown.length}
            onPage={(page) => setState({ page })}
          />
        </Card>
      )}
    </>
  );
}
