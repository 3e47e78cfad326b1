/**
 * Page state in the URL's query string, so every view can be bookmarked, shared and restored with Back.
 *
 *   const [state, setState] = useUrlState({ q: '', list: '', page: 1 });
 *   setState({ q: 'kim', page: 1 });            // → ?q=kim  (defaults are left out of the URL)
 *
 * The defaults give each key its type: numbers are parsed (a bad number falls back to the default),
 * booleans are `1`/absent. Keys the page does not declare (another component's state) are kept.
 */
import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from './router.tsx';

export type UrlStateValue = string | number | boolean;
export type UrlStateShape = Record<string, UrlStateValue>;

export interface SetUrlStateOptions {
  /** Replace the history entry instead of adding one (for typing; default: add one). */
  replace?: boolean;
}

function parse<T extends UrlStateShape>(defaults: T, query: URLSearchParams): T {
  const out: Record<string, UrlStateValue> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const raw = query.get(key);
    if (raw === null) out[key] = fallback;
    else if (typeof fallback === 'number') {
      const n = Number(raw);
      out[key] = raw.trim() !== '' && Number.isFinite(n) ? n : fallback;
    } else if (typeof fallback === 'boolean') out[key] = raw === '1' || raw === 'true';
    else out[key] = raw;
  }
  return out as T;
}

/** The query string that results from applying `patch` to `query` (defaults removed). */
export function patchQuery<T extends UrlStateShape>(
  defaults: T,
  query: URLSearchParams,
  patch: Partial<T>,
): string {
  const next = new URLSearchParams(query);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === defaults[key] || value === '' || value === false) next.delete(key);
    else next.set(key, value === true ? '1' : String(value));
  }
  const s = next.toString();
  return s ? `?${s}` : '';
}

/** A page's state, read from and written to the URL. */
export function useUrlState<T extends UrlStateShape>(
  defaults: T,
): [T, (patch: Partial<T>, opts?: SetUrlStateOptions) => void] {
  const location = useLocation();
  // The defaults object is usually a literal: key it by content so the parsed state stays stable.
  const key = JSON.stringify(defaults);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `defaults`' content
  const state = useMemo(() => parse(defaults, location.query), [key, location.query]);
  const set = useCallback(
    (patch: Partial<T>, opts: SetUrlStateOptions = {}) => {
      const query = new URLSearchParams(window.location.search);
      navigate(window.location.pathname + patchQuery(JSON.parse(key), query, patch), opts);
    },
    [key],
  );
  return [state, set];
}
