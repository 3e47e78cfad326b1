/**
 * Screen a name (or a vessel, a passport…) against the lists: scored hits with readable explanations of what
 * aligned, and — for analysts — marking a hit as a true match or a false positive. The query is in the URL
 * (/screening?name=…&schema=Person&dob=…), so a screening can be shared and re-run by opening the link.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api } from '../api.ts';
import type { Decision, Explanation, ScreeningQuery, ScreeningResult } from '../api-types.ts';
import { Can } from '../auth.tsx';
import { Async, Badge, Card, ErrorBox, Field } from '../components/ui.tsx';
import { datasetLabel, fmtDateTime, fmtScore, propertyLabel } from '../format.ts';
import { Link } from '../router.tsx';
import { useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const DEFAULTS = {
  name: '',
  schema: 'Thing',
  dob: '',
  nationality: '',
  imo: '',
  mmsi: '',
  passport: '',
  idnumber: '',
  callsign: '',
  dataset: 'default',
  algorithm: 'watchkeeper',
  threshold: '',
};
type Form = typeof DEFAULTS;

/** URL fields → query properties. */
const PROPS: Array<[keyof Form, string]> = [
  ['name', 'name'],
  ['dob', 'birthDate'],
  ['nationality', 'nationality'],
  ['imo', 'imoNumber'],
  ['mmsi', 'mmsi'],
  ['passport', 'passportNumber'],
  ['idnumber', 'idNumber'],
  ['callsign', 'callSign'],
];

export function queryOf(form: Form): ScreeningQuery | undefined {
  const properties: Record<string, string[]> = {};
  for (const [field, prop] of PROPS) {
    const v = form[field].trim();
    if (v) properties[prop] = [v];
  }
  if (
    !properties.name &&
    !properties.imoNumber &&
    !properties.mmsi &&
    !properties.passportNumber &&
    !properties.idNumber &&
    !properties.callSign
  )
    return undefined;
  return { schema: form.schema, properties };
}

const FEATURE_LABELS: Record<string, string> = {
  name: 'Name',
  birthDate: 'Date of birth',
  nationality: 'Nationality',
  country: 'Country',
  gender: 'Gender',
  identifier: 'Identifier',
  imoNumber: 'IMO number',
  mmsi: 'MMSI',
  callSign: 'Call sign',
  passportNumber: 'Passport',
  idNumber: 'ID number',
  schema: 'Type',
  ofac: 'OFAC score',
};

/**
 * An explanation as a sentence with its alignments: `kim=kim, jong=chong; query only: un` becomes word pairs
 * (the same word, or a spelling variant) and the words only one side has.
 */
function ExplanationItem({ e }: { e: Explanation }) {
  const sign = e.effect > 0 ? '+' : e.effect < 0 ? '−' : '±';
  const colon = e.detail.indexOf('": ');
  const head = colon > 0 ? e.detail.slice(0, colon + 1) : e.detail;
  const parts = colon > 0 ? e.detail.slice(colon + 3).split('; ') : [];
  return (
    <li>
      <strong>{FEATURE_LABELS[e.feature] ?? propertyLabel(e.feature)}</strong>{' '}
      <span className={e.effect >= 0 ? 'effect-pos' : 'effect-neg'} title="effect on the score">
        {sign}
        {Math.abs(e.effect).toFixed(2)}
      </span>
      : {head}
      {parts.length > 0 && (
        <ul className="small">
          {parts.map((p) => {
            if (/^(query|entity) only: /.test(p)) {
              const [label, words] = p.split(': ');
              return (
                <li key={p}>
                  {label === 'query only' ? 'only in the query' : 'only in the listing'}:{' '}
                  <span className="val-removed">{words}</span>
                </li>
              );
            }
            const pairs = p.split(', ').map((x) => x.split('='));
            if (pairs.every((x) => x.length === 2))
              return (
                <li key={p}>
                  aligned:{' '}
                  {pairs
                    .map(([a, b]) => (
                      <span
                        key={`${a}=${b}`}
                        className={a === b ? 'val-added' : 'badge badge-warn'}
                        title={a === b ? 'same word' : 'spelling variant'}
                      >
                        {a === b ? a : `${a} ≈ ${b}`}
                      </span>
                    ))
                    .reduce<ReactNode[]>((acc, x, i) => (i ? [...acc, ' ', x] : [x]), [])}
                </li>
              );
            return <li key={p}>{p}</li>;
          })}
        </ul>
      )}
    </li>
  );
}

function DecisionControls({
  hit,
  query,
  onDecided,
}: {
  hit: ScreeningResult;
  query: ScreeningQuery;
  onDecided: () => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const decide = async (decision: Decision) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.decide({ query, entityId: hit.id, decision, note: note.trim() || undefined });
      onDecided();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="decision-row">
      <Field label="Note (optional)">
        {(p) => (
          <input {...p} value={note} onChange={(e) => setNote(e.target.value)} placeholder="why" size={28} />
        )}
      </Field>
      <button type="button" className="danger" disabled={busy} onClick={() => decide('match')}>
        Mark as match
      </button>
      <button type="button" className="good" disabled={busy} onClick={() => decide('false_positive')}>
        Mark as false positive
      </button>
      {error && <ErrorBox error={error} />}
    </div>
  );
}

function Hit({
  hit,
  query,
  onDecided,
}: {
  hit: ScreeningResult;
  query: ScreeningQuery;
  onDecided: () => void;
}) {
  const d = hit.decision;
  return (
    <li className={`hit${hit.match ? ' match' : ''}${hit.suppressed ? ' suppressed' : ''}`} data-testid="hit">
      <div className="hit-head">
        <h3>
          <Link to={`/entities/${encodeURIComponent(hit.id)}`}>{hit.caption}</Link>
        </h3>
        <span className="score">
          <span className="visually-hidden">score </span>
          {fmtScore(hit.score)}
        </span>
        <span className="score-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(hit.score * 100)}%` }} />
        </span>
        {hit.match ? (
          <Badge tone="bad">match</Badge>
        ) : hit.suppressed ? (
          <Badge tone="good">false positive (suppressed)</Badge>
        ) : (
          <Badge>below threshold</Badge>
        )}
        <span className="badges">
          <Badge>{hit.schema}</Badge>
          {hit.datasets.map((ds) => (
            <Badge key={ds} tone="info">
              {datasetLabel(ds)}
            </Badge>
          ))}
          <Badge>{hit.reference}</Badge>
        </span>
      </div>
      {hit.regimes.length > 0 && <div className="small muted">Regimes: {hit.regimes.join(', ')}</div>}
      <ul className="explanations">
        {hit.explanations.map((e) => (
          <ExplanationItem key={`${e.feature}-${e.detail}`} e={e} />
        ))}
      </ul>
      {d && (
        <p className="small" data-testid="decision">
          Marked <strong>{d.decision === 'match' ? 'a true match' : 'a false positive'}</strong> by{' '}
          {d.decidedBy} on {fmtDateTime(d.decidedAt)}
          {d.note ? ` — “${d.note}”` : ''}
          {!d.current && ' (the listing changed since: decide again)'}
        </p>
      )}
      <Can permission="write">
        <DecisionControls hit={hit} query={query} onDecided={onDecided} />
      </Can>
    </li>
  );
}

export default function ScreeningPage() {
  const [state, setState] = useUrlState(DEFAULTS);
  const [form, setForm] = useState<Form>(state);
  const urlKey = JSON.stringify(state);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the URL (Back, shared links)
  useEffect(() => setForm(state), [urlKey]);
  const query = queryOf(state);
  const threshold = state.threshold ? Number(state.threshold) : undefined;
  const results = useApi(
    (signal) =>
      query
        ? api.match(state.dataset, { q: query }, { limit: 10, algorithm: state.algorithm, threshold }, signal)
        : Promise.resolve(undefined),
    [urlKey],
  );
  const [formError, setFormError] = useState<string>();
  // Which lists are loaded: screening a list that is not there finds nothing, which must not read as clean.
  const lists = useApi((signal) => api.lists(signal), []);
  const loaded = new Set((lists.data ?? []).map((l) => l.source));
  const known = lists.data !== undefined;
  const notLoaded = (dataset: string) =>
    known && (dataset === 'default' ? loaded.size === 0 : !loaded.has(dataset));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!queryOf(form)) {
      setFormError('Enter a name, or an identifier (IMO, MMSI, passport, ID number, call sign).');
      return;
    }
    setFormError(undefined);
    if (JSON.stringify(form) === urlKey) results.reload();
    else setState(form);
  };
  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const text = (k: keyof Form, label: string, placeholder?: string, hint?: string, wide?: boolean) => (
    <Field label={label} hint={hint} wide={wide}>
      {(p) => <input {...p} name={k} value={form[k]} onChange={set(k)} placeholder={placeholder} />}
    </Field>
  );

  return (
    <>
      <div className="page-head">
        <h1>Screening</h1>
        <Link to="/screening/batch">Screen a CSV file (batch)</Link>
      </div>
      <Card>
        <form onSubmit={submit} aria-label="Screening query">
          <div className="form-row">
            {text(
              'name',
              'Name',
              'e.g. Kim Jong-un, 김정은, CHON MYONG 1',
              'any script, any romanization',
              true,
            )}
            <Field label="Type">
              {(p) => (
                <select {...p} name="schema" value={form.schema} onChange={set('schema')}>
                  <option value="Thing">any</option>
                  <option value="Person">person</option>
                  <option value="Organization">organization</option>
                  <option value="Company">company</option>
                  <option value="LegalEntity">legal entity</option>
                  <option value="Vessel">vessel</option>
                  <option value="Airplane">aircraft</option>
                </select>
              )}
            </Field>
            {text('dob', 'Date of birth', 'YYYY-MM-DD', 'or YYYY, YYYY-MM')}
            {text('nationality', 'Nationality', 'kp or North Korea')}
          </div>
          <fieldset className="form-row">
            <legend>Identifiers</legend>
            {text('imo', 'IMO number')}
            {text('mmsi', 'MMSI')}
            {text('callsign', 'Call sign')}
            {text('passport', 'Passport')}
            {text('idnumber', 'ID number')}
          </fieldset>
          <div className="form-row" style={{ marginTop: '0.75rem' }}>
            <Field label="Lists">
              {(p) => (
                <select {...p} name="dataset" value={form.dataset} onChange={set('dataset')}>
                  <option value="default">all lists loaded</option>
                  {(['un', 'ofac', 'eu', 'uk'] as const).map((d) => (
                    <option key={d} value={d} disabled={notLoaded(d)}>
                      {d.toUpperCase()}
                      {notLoaded(d) ? ' (not loaded)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Scoring">
              {(p) => (
                <select {...p} name="algorithm" value={form.algorithm} onChange={set('algorithm')}>
                  <option value="watchkeeper">Watchkeeper</option>
                  <option value="ofac">as OFAC's search scores</option>
                </select>
              )}
            </Field>
            {text('threshold', 'Match threshold', '0.7', 'from 0 to 1; default 0.7')}
            <div className="filter-actions">
              <button type="submit">Screen</button>
            </div>
          </div>
          {formError && (
            <p className="error-box" role="alert">
              {formError}
            </p>
          )}
        </form>
      </Card>
      {query && (
        <Async state={results} loadingLabel="Screening…">
          {(r) => {
            const res = r?.responses.q;
            if (!res) return null;
            const matches = res.results.filter((h) => h.match).length;
            const suppressed = res.results.filter((h) => h.suppressed).length;
            const missing = notLoaded(state.dataset);
            return (
              <section aria-labelledby="results-heading">
                {missing && (
                  <p className="error-box" role="alert" data-testid="list-not-loaded">
                    {state.dataset === 'default'
                      ? 'No list is loaded: '
                      : `The ${state.dataset.toUpperCase()} list is not loaded: `}
                    nothing was screened, so no result here means nothing. Import it on the{' '}
                    <Link to="/lists">Lists</Link> page.
                  </p>
                )}
                <h2 id="results-heading" aria-live="polite">
                  {res.results.length === 0
                    ? missing
                      ? 'Nothing screened'
                      : 'No listing is close to this query'
                    : `${res.results.length} candidate${res.results.length === 1 ? '' : 's'}, ${matches} above the match threshold${
                        suppressed > 0 ? `, ${suppressed} marked a false positive for this query` : ''
                      }`}
                </h2>
                <ol className="hits">
                  {res.results.map((h) => (
                    <Hit key={h.id} hit={h} query={res.query} onDecided={results.reload} />
                  ))}
                </ol>
              </section>
            );
          }}
        </Async>
      )}
    </>
  );
}
