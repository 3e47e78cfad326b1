import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ListSource } from './types.ts';

/**
 * Downloading the official lists from where their publishers put them. Bodies are streamed to a temporary
 * file beside the destination while being hashed, so memory stays bounded whatever the list size, and
 * the file only appears under its final name once it is complete (rename within one folder is atomic).
 */

/** The downloads Watchkeeper knows, by id. */
export type ListDownloadId = 'un' | 'ofac-sdn' | 'ofac-consolidated' | 'eu' | 'uk';

export interface ListDownload {
  id: ListDownloadId;
  source: ListSource;
  /** Undefined when the URL must be configured (the EU file needs a per-user token). */
  url: string | undefined;
  /** Name of the downloaded file in the destination folder. */
  fileName: string;
  /** Environment variable that overrides (or, for the EU, supplies) the URL. */
  env: string;
}

/**
 * Published locations. OFAC serves its files from the Sanctions List Service since May 2024
 * (`CONSOLIDATED.XML` is the non-SDN consolidated list; `CONS_PRIM` exists only as CSV/DEL/FF).
 * The EU Financial Sanctions Files URL carries a token issued to each registered user
 * (`https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=...`), so it
 * has no default: set `WATCHKEEPER_EU_LIST_URL`. OFSI has announced that its Consolidated List
 * (`ConList.csv`) is being replaced by the FCDO UK Sanctions List; override the URL when it moves.
 */
export const DEFAULT_LIST_URLS: Readonly<Record<ListDownloadId, string | undefined>> = {
  un: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
  'ofac-sdn': 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML',
  'ofac-consolidated':
    'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML',
  eu: undefined,
  uk: 'https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv',
};

const DOWNLOADS: readonly Omit<ListDownload, 'url'>[] = [
  { id: 'un', source: 'un', fileName: 'un-consolidated.xml', env: 'WATCHKEEPER_UN_LIST_URL' },
  { id: 'ofac-sdn', source: 'ofac', fileName: 'ofac-sdn.xml', env: 'WATCHKEEPER_OFAC_SDN_URL' },
  {
    id: 'ofac-consolidated',
    source: 'ofac',
    fileName: 'ofac-consolidated.xml',
    env: 'WATCHKEEPER_OFAC_CONSOLIDATED_URL',
  },
  { id: 'eu', source: 'eu', fileName: 'eu-fsf.xml', env: 'WATCHKEEPER_EU_LIST_URL' },
  { id: 'uk', source: 'uk', fileName: 'uk-conlist.csv', env: 'WATCHKEEPER_UK_LIST_URL' },
];

/**
 * Every known download with its effective URL: an explicit override, else the environment variable, else
 * the default. Entries whose URL stays undefined (the EU without configuration) are off.
 */
export function listDownloads(
  overrides: Partial<Record<ListDownloadId, string>> = {},
  env: Record<string, string | undefined> = process.env,
): ListDownload[] {
  return DOWNLOADS.map((d) => {
    const configured = overrides[d.id] ?? env[d.env];
    const url = configured?.trim() ? configured.trim() : DEFAULT_LIST_URLS[d.id];
    return { ...d, url };
  });
}

/** What the previous download of the same URL left, to make the request conditional. */
export interface PreviousDownload {
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

export interface DownloadOptions {
  url: string;
  destDir: string;
  /** Final file name in `destDir`; defaults to the last segment of the URL path. */
  fileName?: string;
  previous?: PreviousDownload;
  fetch?: typeof fetch;
  /** Further attempts after the first, on network errors, timeouts, truncated bodies and 5xx. */
  retries?: number;
  /** Abort an attempt when no data has arrived for this long (connecting, waiting or mid-body). */
  timeoutMs?: number;
  /** First backoff delay; doubles on each retry. */
  retryDelayMs?: number;
  onProgress?: (bytes: number, total: number | undefined) => void;
  headers?: Record<string, string>;
}

export type DownloadResult =
  | { status: 'not-modified'; url: string; etag?: string; lastModified?: string }
  | {
      status: 'unchanged';
      url: string;
      sha256: string;
      bytes: number;
      etag?: string;
      lastModified?: string;
    }
  | {
      status: 'downloaded';
      url: string;
      file: string;
      sha256: string;
      bytes: number;
      etag?: string;
      lastModified?: string;
    };

/** A download that failed; `retryable` says whether trying again later may help. */
export class ListDownloadError extends Error {
  readonly url: string;
  readonly host: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  constructor(url: string, message: string, opts: { status?: number; retryable: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ListDownloadError';
    this.url = url;
    this.host = hostOf(url);
    this.status = opts.status;
    this.retryable = opts.retryable;
  }
}

const USER_AGENT = 'watchkeeper/0.1 (sanctions list updater)';
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);
// Local file-system failures: retrying the download will not help.
const FS_CODES = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'EDQUOT', 'ENOTDIR', 'EISDIR', 'EMFILE']);
const MAX_BACKOFF_MS = 30_000;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The system error code buried in undici's `TypeError: fetch failed` (cause, or cause of cause). */
function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

class TimeoutSignal {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly ms: number;
  constructor(ms: number) {
    this.ms = ms;
    this.touch();
  }
  /** Data arrived: restart the idle timer. */
  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.ms);
  }
  clear(): void {
    clearTimeout(this.timer);
  }
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
}

function describeFailure(url: string, err: unknown, timedOut: boolean, timeoutMs: number): ListDownloadError {
  if (err instanceof ListDownloadError) return err;
  const host = hostOf(url);
  if (timedOut) {
    return new ListDownloadError(url, `no data from ${host} for ${timeoutMs} ms: gave up`, {
      retryable: true,
      cause: err,
    });
  }
  const code = errorCode(err);
  if (code && FS_CODES.has(code)) {
    const detail = err instanceof Error ? err.message : String(err);
    return new ListDownloadError(url, `cannot write the download from ${host}: ${detail}`, {
      retryable: false,
      cause: err,
    });
  }
  if (code && OFFLINE_CODES.has(code)) {
    return new ListDownloadError(
      url,
      `cannot reach ${host}: are you offline? (${code}; check the network, a proxy, or the URL)`,
      { retryable: true, cause: err },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new ListDownloadError(url, `download from ${host} failed: ${detail}${code ? ` (${code})` : ''}`, {
    retryable: true,
    cause: err,
  });
}

/**
 * Download one list. Resolves `not-modified` on 304, `unchanged` when the body hashes to
 * `previous.sha256` (nothing is written), else `downloaded` with the file now in `destDir`.
 * Rejects with ListDownloadError; a failed or truncated download leaves no file behind.
 */
export async function downloadList(opts: DownloadOptions): Promise<DownloadResult> {
  const retries = opts.retries ?? 3;
  const baseDelay = opts.retryDelayMs ?? 1000;
  let lastError: ListDownloadError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(Math.min(baseDelay * 2 ** (attempt - 1), MAX_BACKOFF_MS));
    try {
      return await attemptDownload(opts);
    } catch (err) {
      lastError = err as ListDownloadError;
      if (!lastError.retryable) throw lastError;
    }
  }
  if (lastError && retries > 0) {
    lastError.message = `${lastError.message} (after ${retries + 1} attempts)`;
  }
  throw lastError;
}

async function attemptDownload(opts: DownloadOptions): Promise<DownloadResult> {
  const { url } = opts;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...opts.headers };
  if (opts.previous?.etag) headers['if-none-match'] = opts.previous.etag;
  if (opts.previous?.lastModified) headers['if-modified-since'] = opts.previous.lastModified;

  const timer = new TimeoutSignal(timeoutMs);
  let tmp: string | undefined;
  try {
    const res = await doFetch(url, { headers, signal: timer.controller.signal, redirect: 'follow' });
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    if (res.status === 304) {
      await res.body?.cancel();
      return withValidators({ status: 'not-modified', url }, etag, lastModified);
    }
    if (!res.ok) {
      await res.body?.cancel();
      // 5xx are the server's trouble and often pass; 4xx (bad token, moved file) will not fix themselves.
      throw new ListDownloadError(
        url,
        `${hostOf(url)} answered HTTP ${res.status} ${res.statusText}`.trim(),
        {
          status: res.status,
          retryable: res.status >= 500 || res.status === 429,
        },
      );
    }

    // With a content coding, fetch decodes the body and Content-Length counts the encoded bytes.
    const encoding = res.headers.get('content-encoding');
    const lengthHeader = res.headers.get('content-length');
    const expected =
      lengthHeader !== null && (!encoding || encoding === 'identity') ? Number(lengthHeader) : undefined;

    await mkdir(opts.destDir, { recursive: true });
    const fileName = opts.fileName ?? (basename(new URL(url).pathname) || 'download');
    tmp = join(opts.destDir, `.${fileName}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
    const hash = createHash('sha256');
    let bytes = 0;
    const fh = await open(tmp, 'wx');
    try {
      if (res.body) {
        for await (const chunk of res.body) {
          timer.touch();
          hash.update(chunk);
          await fh.write(chunk);
          bytes += chunk.byteLength;
          opts.onProgress?.(bytes, expected);
        }
      }
      await fh.sync();
    } catch (err) {
      if (expected !== undefined && bytes < expected && !timer.timedOut) {
        throw new ListDownloadError(
          url,
          `truncated response from ${hostOf(url)}: got ${bytes} of ${expected} bytes`,
          {
            retryable: true,
            cause: err,
          },
        );
      }
      throw err;
    } finally {
      await fh.close();
    }
    if (expected !== undefined && bytes !== expected) {
      throw new ListDownloadError(
        url,
        `truncated response from ${hostOf(url)}: got ${bytes} of ${expected} bytes`,
        {
          retryable: true,
        },
      );
    }

    const sha256 = hash.digest('hex');
    if (opts.previous?.sha256 && opts.previous.sha256 === sha256) {
      await removeQuietly(tmp);
      tmp = undefined;
      return withValidators({ status: 'unchanged', url, sha256, bytes }, etag, lastModified);
    }
    const file = join(opts.destDir, fileName);
    await rename(tmp, file);
    tmp = undefined;
    return withValidators({ status: 'downloaded', url, file, sha256, bytes }, etag, lastModified);
  } catch (err) {
    throw describeFailure(url, err, timer.timedOut, timeoutMs);
  } finally {
    timer.clear();
    if (tmp) await removeQuietly(tmp);
  }
}

function withValidators<T extends DownloadResult>(result: T, etag?: string, lastModified?: string): T {
  if (etag !== undefined) result.etag = etag;
  if (lastModified !== undefined) result.lastModified = lastModified;
  return result;
}
