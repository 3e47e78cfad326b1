/** Small shared pieces: loading and error states, badges, a progress bar, labelled fields, tabs, cards. */
import { type ReactNode, useId } from 'react';
import { ApiError, type UploadProgress } from '../api.ts';
import { fmtBytes } from '../format.ts';
import { Link } from '../router.tsx';
import type { ApiState } from '../use-api.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** An error with the API's own message (and a retry when one is given). */
export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : undefined;
  const title =
    status === 404
      ? 'Not found'
      : status === 403
        ? 'Not allowed'
        : status === 0
          ? 'The server cannot be reached'
          : status && status < 500
            ? 'The request was refused'
            : 'Something went wrong';
  return (
    <div className="error-box" role="alert">
      <strong>{title}.</strong> {error.message}
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * Renders an ApiState: the loading indicator until there is data, the error with a retry, then the data.
 * While reloading with data already shown, the data stays (marked busy) so the page does not jump.
 */
export function Async<T>({
  state,
  children,
  loadingLabel,
}: {
  state: ApiState<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (state.error) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading label={loadingLabel} />;
  return (
    <div className={state.loading ? 'busy' : undefined} aria-busy={state.loading}>
      {children(state.data)}
    </div>
  );
}

export type Tone = 'neutral' | 'good' | 'bad' | 'warn' | 'info';

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/**
 * A labelled progress bar. Without `value` it is indeterminate (the server is working, no count known).
 */
export function ProgressBar({
  label,
  value,
  max = 1,
  detail,
}: {
  label: string;
  value?: number;
  max?: number;
  detail?: string;
}) {
  const id = useId();
  const pct = value === undefined ? undefined : Math.max(0, Math.min(100, (value / (max || 1)) * 100));
  return (
    <div className="progress">
      <div className="progress-label">
        <span id={id}>{label}</span>
        <span aria-hidden="true">{pct === undefined ? '' : `${pct.toFixed(0)} %`}</span>
      </div>
      <progress aria-labelledby={id} value={value} max={max} />
      {detail && <div className="muted small">{detail}</div>}
    </div>
  );
}

/**
 * An upload's progress: bytes sent while uploading (`uploading` is its label), then an indeterminate bar while
 * the server works (`working`).
 */
export function UploadProgressBar({
  progress,
  uploading,
  working,
}: {
  progress: UploadProgress;
  uploading: string;
  working: string;
}) {
  const sending = progress.phase === 'upload';
  return (
    <ProgressBar
      label={sending ? uploading : working}
      value={sending ? progress.loaded : undefined}
      max={progress.total ?? undefined}
      detail={sending ? `${fmtBytes(progress.loaded)} of ${fmtBytes(progress.total)}` : undefined}
    />
  );
}

/** A form control with its label above it; `hint` is read out with it. */
export function Field({
  label,
  hint,
  children,
  wide,
}: {
  label: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': hintId })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

export interface TabDef {
  id: string;
  label: ReactNode;
}

/**
 * Tabs as links: each tab is a URL (shareable, works with Back), marked with aria-current. Simpler for
 * keyboard users than a roving-focus tablist, and each tab can open in a new browser tab.
 */
export function TabLinks({
  tabs,
  current,
  hrefFor,
  label,
}: {
  tabs: TabDef[];
  current: string;
  hrefFor: (id: string) => string;
  label: string;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.id} to={hrefFor(t.id)} aria-current={t.id === current ? 'page' : undefined} replace>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

export function Card({
  title,
  children,
  actions,
  id,
}: {
  title?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
  id?: string;
}) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={title ? headingId : undefined} id={id}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h2 id={headingId}>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

/** A definition list from pairs, skipping empty values. */
export function Facts({ items }: { items: Array<[string, ReactNode]> }) {
  const shown = items.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return (
    <dl className="facts">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}
