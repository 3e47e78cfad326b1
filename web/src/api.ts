/**
 * The web app's one way to the API: a typed fetch wrapper (session cookie sent, JSON in and out), errors
 * carrying the API's own message, and a 401 anywhere sending the user to the sign-in page. Pages call the
 * typed functions of `api` (or `request` for a route not wrapped yet); uploads with progress use `upload`.
 */
import type {
  AisSource,
  Alert,
  AlertStatus,
  ApiToken,
  AuditEntry,
  DatasetSummary,
  Decision,
  EntityDetail,
  EntitySummary,
  ImportResult,
  ListDiff,
  ListVersion,
  MatchResponse,
  Page,
  Regime,
  RegimeSummary,
  Role,
  ScreeningQuery,
  User,
  Watchlist,
  WatchlistImported,
  WatchlistItemsPage,
} from './api-types.ts';

/** An API error: the HTTP status, the API's error code (`not_found`, `forbidden`, …) and its message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Fired on `window` when the API answers 401: the session ended (or never was). The app shows sign-in. */
export const UNAUTHORIZED_EVENT = 'wk:unauthorized';

type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

/** `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Turns an error response into an ApiError with the clearest message the body offers. */
function errorFrom(status: number, statusText: string, body: unknown, url: string): ApiError {
  const b = body as { error?: string; message?: string } | string | null;
  if (b && typeof b === 'object' && b.message)
    return new ApiError(status, b.error ?? String(status), b.message);
  const text =
    typeof b === 'string' && b.trim() && !b.trimStart().startsWith('<') ? b.trim().slice(0, 300) : '';
  if (status === 0) return new ApiError(0, 'network', `cannot reach the server (${url})`);
  return new ApiError(status, String(status), text || `${status} ${statusText || 'error'} from ${url}`);
}

function unauthorized(err: ApiError, url: string): void {
  // Signing in is allowed to fail quietly: the sign-in form shows the message itself.
  if (err.status === 401 && !url.startsWith('/api/auth/login')) {
    window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: err.message }));
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  /** Sent as JSON (objects, arrays) or as is (Blob, File, string). */
  body?: unknown;
  signal?: AbortSignal;
  /** `json` (default) parses the answer; `text` and `blob` return it raw. */
  as?: 'json' | 'text' | 'blob';
}

/** One API call. Resolves to the parsed answer; rejects with an ApiError (after a 401, the app signs out). */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, opts.query);
  const raw = opts.body instanceof Blob || typeof opts.body === 'string';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined && !raw) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      credentials: 'same-origin',
      headers,
      body: opts.body === undefined ? undefined : raw ? (opts.body as BodyInit) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', `cannot reach the server (${(err as Error).message})`);
  }
  if (!res.ok) {
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('json')
      ? await res.json().catch(() => null)
      : await res.text().catch(() => '');
    const err = errorFrom(res.status, res.statusText, body, url);
    unauthorized(err, url);
    throw err;
  }
  if (opts.as === 'text') return (await res.text()) as T;
  if (opts.as === 'blob') return (await res.blob()) as T;
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export interface UploadProgress {
  /** `upload`: the file is being sent; `processing`: sent, the server works; `download`: the answer arrives. */
  phase: 'upload' | 'processing' | 'download';
  loaded: number;
  total: number | null;
  /** The answer received so far (download phase of text answers), for streamed results. */
  partial?: string;
}

export interface UploadOptions {
  query?: Query;
  onProgress?: (p: UploadProgress) => void;
  /** `json` (default) or `text` for the answer. */
  as?: 'json' | 'text';
  contentType?: string;
}

/**
 * Sends a file as the request body with XMLHttpRequest, which (unlike fetch) reports upload progress. Returns
 * the answer and a way to cancel.
 */
export function upload<T>(
  path: string,
  file: Blob,
  opts: UploadOptions = {},
): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const url = withQuery(path, opts.query);
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', opts.contentType ?? (file.type || 'application/octet-stream'));
    xhr.setRequestHeader('accept', opts.as === 'text' ? 'text/csv, application/json' : 'application/json');
    xhr.upload.onprogress = (e) =>
      opts.onProgress?.({
        phase: 'upload',
        loaded: e.loaded,
        total: e.lengthComputable ? e.total : file.size,
      });
    xhr.upload.onload = () => opts.onProgress?.({ phase: 'processing', loaded: file.size, total: file.size });
    xhr.onprogress = (e) => {
      if (xhr.status >= 400) return;
      opts.onProgress?.({
        phase: 'download',
        loaded: e.loaded,
        total: e.lengthComputable ? e.total : null,
        partial: opts.as === 'text' ? xhr.responseText : undefined,
      });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', `cannot reach the server (${url})`));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      const text = xhr.responseText;
      let body: unknown = text;
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      if (xhr.status >= 400) {
        const err = errorFrom(xhr.status, xhr.statusText, body, url);
        unauthorized(err, url);
        reject(err);
      } else resolve((opts.as === 'text' ? text : body) as T);
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The typed API: one function per route the app uses. */
export const api = {
  // --- session ---
  login: (name: string, password: string) =>
    request<{ user: User; expiresAt: string }>('/api/auth/login', { body: { name, password } }),
  logout: () => request<{ ok: true }>('/api/auth/logout', { method: 'POST', body: {} }),
  me: (signal?: AbortSignal) => request<User>('/api/me', { signal }),

  // --- lists and entities ---
  lists: (signal?: AbortSignal) => request<DatasetSummary[]>('/api/lists', { signal }),
  versions: (list: string, signal?: AbortSignal) =>
    request<ListVersion[]>(`/api/lists/${encodeURIComponent(list)}/versions`, { signal }),
  diff: (list: string, from?: string, to?: string, signal?: AbortSignal) =>
    request<ListDiff>(`/api/lists/${encodeURIComponent(list)}/diff`, { query: { from, to }, signal }),
  importList: (file: File, query: Query, onProgress?: (p: UploadProgress) => void) =>
    upload<ImportResult>('/api/lists/import', file, {
      query: { filename: file.name, ...query },
      onProgress,
      contentType: 'application/octet-stream',
    }),
  entities: (
    query: { q?: string; schema?: string; list?: string; regime?: string; limit?: number; offset?: number },
    signal?: AbortSignal,
  ) => request<Page<EntitySummary>>('/api/entities', { query, signal }),
  entity: (id: string, signal?: AbortSignal) =>
    request<EntityDetail>(`/api/entities/${encodeURIComponent(id)}`, { signal }),
  regimes: (signal?: AbortSignal) => request<RegimeSummary[]>('/api/regimes', { signal }),
  regime: (code: string, signal?: AbortSignal) =>
    request<Regime>(`/api/regimes/${encodeURIComponent(code)}`, { signal }),

  // --- screening ---
  match: (
    dataset: string,
    queries: Record<string, ScreeningQuery>,
    query: { threshold?: number; limit?: number; algorithm?: string } = {},
    signal?: AbortSignal,
  ) => request<MatchResponse>(`/match/${encodeURIComponent(dataset)}`, { body: { queries }, query, signal }),
  decide: (body: { query: ScreeningQuery; entityId: string; decision: Decision; note?: string }) =>
    request<{ decision: Decision; decidedBy: string; decidedAt: string }>('/api/screening/decisions', {
      body,
    }),
  screenBatch: (file: File, query: Query, onProgress?: (p: UploadProgress) => void) =>
    upload<string>('/api/screening/batch', file, { query, onProgress, as: 'text', contentType: 'text/csv' }),
  watchlists: (signal?: AbortSignal) => request<Watchlist[]>('/api/watchlists', { signal }),
  createWatchlist: (name: string) => request<Watchlist>('/api/watchlists', { body: { name } }),
  watchlistItems: (watchlist: string, query: { limit: number; offset: number }, signal?: AbortSignal) =>
    request<WatchlistItemsPage>(`/api/watchlists/${encodeURIComponent(watchlist)}/items`, { query, signal }),
  addWatchlistItems: (watchlist: string, items: { id?: string; label?: string; query: ScreeningQuery }[]) =>
    request<WatchlistImported>(`/api/watchlists/${encodeURIComponent(watchlist)}/items`, { body: items }),
  importWatchlist: (
    watchlist: string,
    file: File,
    schema: string,
    onProgress?: (p: UploadProgress) => void,
  ) =>
    upload<WatchlistImported>(`/api/watchlists/${encodeURIComponent(watchlist)}/import`, file, {
      query: { schema },
      onProgress,
      contentType: 'text/csv',
    }),
  removeWatchlistItem: (watchlist: string, id: string) =>
    request<{ removed: string }>(
      `/api/watchlists/${encodeURIComponent(watchlist)}/items/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    ),
  rescreen: () =>
    request<{ items: number; hits: number; newAlerts: number }>('/api/watchlists/rescreen', { body: {} }),

  // --- alerts ---
  alerts: (
    query: { status?: AlertStatus; kind?: string; limit?: number; offset?: number },
    signal?: AbortSignal,
  ) => request<Page<Alert>>('/api/alerts', { query, signal }),
  triage: (id: string, status: AlertStatus, reason?: string) =>
    request<Alert>(`/api/alerts/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status, reason } }),

  // --- admin ---
  users: (signal?: AbortSignal) => request<User[]>('/api/users', { signal }),
  audit: (query: { limit: number; before?: number; action?: string }, signal?: AbortSignal) =>
    request<AuditEntry[]>('/api/audit', { query, signal }),
  createUser: (body: { name: string; role: Role; password?: string }) =>
    request<User & { password?: string }>('/api/users', { body }),
  changeUser: (name: string, body: { role?: Role; password?: string; disabled?: boolean }) =>
    request<User>(`/api/users/${encodeURIComponent(name)}`, { method: 'PATCH', body }),
  tokens: (user?: string, signal?: AbortSignal) =>
    request<ApiToken[]>('/api/tokens', { query: { user }, signal }),
  createToken: (user: string, label?: string) =>
    request<{ id: string; token: string; user: string }>('/api/tokens', { body: { user, label } }),
  revokeToken: (id: string) =>
    request<{ ok: true }>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  aisSources: (signal?: AbortSignal) => request<{ items: AisSource[] }>('/api/ais/sources', { signal }),
};
