/**
 * Ingest AIS files from the browser: NMEA (plain or gzip) or a CSV of positions, one or several, each sent
 * to `POST /api/ais/ingest` in turn with a progress bar; the server stores the tracks and runs detection over
 * what was added. Each file's outcome is shown with the server's warnings (lines without a receive time,
 * nothing stored), so a file that went through but gave nothing is not mistaken for a success.
 */
import { type FormEvent, useRef, useState } from 'react';
import type { UploadProgress } from '../api.ts';
import { fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import type { IngestAnswer } from '../maritime-types.ts';
import { Link } from '../router.tsx';
import { ErrorBox, Field, UploadProgressBar } from './ui.tsx';

interface Outcome {
  file: string;
  answer?: IngestAnswer;
  error?: Error;
}

/** Which file of the upload is being sent ("File 2 of 3: x.nmea"). */
const fileOf = (c: { file: string; index: number; count: number }) =>
  `${c.count > 1 ? `File ${c.index + 1} of ${c.count}: ` : ''}${c.file}`;

export function AisIngestForm({ onIngested }: { onIngested: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState<{ file: string; index: number; count: number; p: UploadProgress }>();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const abort = useRef<() => void>(undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const files = [...(input.current?.files ?? [])];
    if (files.length === 0) return;
    setOutcomes([]);
    for (const [index, file] of files.entries()) {
      setCurrent({
        file: file.name,
        index,
        count: files.length,
        p: { phase: 'upload', loaded: 0, total: file.size },
      });
      const call = maritimeApi.ingestAis(file, (p) =>
        setCurrent({ file: file.name, index, count: files.length, p }),
      );
      abort.current = call.abort;
      try {
        const answer = await call.done;
        setOutcomes((o) => [...o, { file: file.name, answer }]);
      } catch (err) {
        if ((err as Error).name === 'AbortError') break;
        setOutcomes((o) => [...o, { file: file.name, error: err as Error }]);
      }
    }
    abort.current = undefined;
    setCurrent(undefined);
    if (input.current) input.current.value = '';
    onIngested();
  };

  // Folded by default (the page is for finding vessels); it stays open while it works or has news.
  return (
    <details className="card ingest-card" open={!!current || outcomes.length > 0 || undefined}>
      <summary>
        <h2>Ingest AIS files</h2>
      </summary>
      <p className="muted small">
        NMEA 0183 (plain or .gz; tag-block or <code>$PGHP</code> receive times) or a CSV of positions (NOAA
        MarineCadastre, DMA, or with a column mapping via the CLI). The same file twice adds nothing;
        detection runs over what was added.
      </p>
      <form className="form-row" onSubmit={submit} aria-label="Ingest AIS files">
        <Field label="AIS files" wide>
          {(p) => (
            <input {...p} ref={input} type="file" name="files" multiple required disabled={!!current} />
          )}
        </Field>
        <div className="filter-actions">
          <button type="submit" disabled={!!current}>
            Ingest
          </button>
          {current && (
            <button type="button" className="secondary" onClick={() => abort.current?.()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {current && (
        <UploadProgressBar
          progress={current.p}
          uploading={`${fileOf(current)}: uploading`}
          working={`${fileOf(current)}: decoding, storing and detecting…`}
        />
      )}
      {outcomes.length > 0 && (
        <ul className="plain" data-testid="ais-ingest-outcomes">
          {outcomes.map((o) => (
            <li key={o.file}>{o.error ? <ErrorBox error={o.error} /> : <IngestOutcome outcome={o} />}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

function IngestOutcome({ outcome }: { outcome: Outcome }) {
  const a = outcome.answer as IngestAnswer;
  const warnings = a.warnings ?? [];
  const stored = a.positions + a.staticReports > 0;
  return (
    <div className={a.outcome === 'already' || !stored ? 'notice' : 'success'} role="status">
      <strong>{outcome.file}</strong>:{' '}
      {a.outcome === 'already'
        ? 'ingested before; nothing added.'
        : `${fmtNumber(a.messages)} messages: ${fmtNumber(a.positions)} positions and ${fmtNumber(a.staticReports)} identity reports stored, from ${fmtNumber(a.vessels)} vessel(s)${
            a.detection ? `; detection found ${fmtNumber(a.detection.events)} event(s)` : ''
          }.`}{' '}
      {stored && a.outcome !== 'already' && <Link to="/map">See them on the map</Link>}
      {warnings.length > 0 && (
        <ul className="small">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
