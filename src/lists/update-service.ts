import { join } from 'node:path';
import { getDownloadState, saveDownloadState } from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { importListFile } from './import.ts';
import type { ListSource } from './types.ts';
import { downloadList, type ListDownloadId, listDownloads } from './update.ts';

export interface UpdateOutcome {
  id: ListDownloadId;
  source: ListSource;
  url?: string;
  status: 'imported' | 'already-imported' | 'not-modified' | 'unchanged' | 'not-configured' | 'failed';
  versionId?: string;
  records?: number;
  message?: string;
}

export interface UpdateOptions {
  /** Directory the downloaded files are kept in. */
  downloadDir: string;
  actor: string;
  /** Only the downloads of this source. */
  source?: ListSource;
  /** URL overrides by download id (`un`, `ofac-sdn`, `ofac-consolidated`, `eu`, `uk`). */
  urls?: Partial<Record<ListDownloadId, string>>;
  fetch?: typeof fetch;
  retryDelayMs?: number;
  onProgress?: (id: ListDownloadId, bytes: number, total: number | undefined) => void;
}

/**
 * Downloads each configured official list (conditionally, with the ETag/Last-Modified/sha256 of the last
 * run) and imports what changed. One failing source does not stop the others; each gets its own outcome.
 */
export async function updateLists(store: Store, opts: UpdateOptions): Promise<UpdateOutcome[]> {
  const outcomes: UpdateOutcome[] = [];
  for (const d of listDownloads(opts.urls)) {
    if (opts.source && d.source !== opts.source) continue;
    if (!d.url) {
      outcomes.push({
        id: d.id,
        source: d.source,
        status: 'not-configured',
        message: `set ${d.env} to enable it`,
      });
      continue;
    }
    try {
      const prev = await getDownloadState(store, d.id);
      const r = await downloadList({
        url: d.url,
        destDir: opts.downloadDir,
        fileName: d.fileName,
        previous: prev && prev.url === d.url ? prev : undefined,
        fetch: opts.fetch,
        retryDelayMs: opts.retryDelayMs,
        onProgress: (bytes, total) => opts.onProgress?.(d.id, bytes, total),
      });
      if (r.status === 'not-modified') {
        outcomes.push({ id: d.id, source: d.source, url: d.url, status: 'not-modified' });
        continue;
      }
      if (r.status === 'unchanged') {
        await saveDownloadState(store, d.id, {
          url: d.url,
          etag: r.etag,
          lastModified: r.lastModified,
          sha256: r.sha256,
        });
        outcomes.push({ id: d.id, source: d.source, url: d.url, status: 'unchanged' });
        continue;
      }
      const imp = await importListFile(store, r.file, { actor: opts.actor, source: d.source });
      // Remember the download only once its import succeeded, so a failed import is retried next time.
      await saveDownloadState(store, d.id, {
        url: d.url,
        etag: r.etag,
        lastModified: r.lastModified,
        sha256: r.sha256,
      });
      outcomes.push({
        id: d.id,
        source: d.source,
        url: d.url,
        status: imp.status === 'imported' ? 'imported' : 'already-imported',
        versionId: imp.version.id,
        records: imp.version.recordCount,
      });
    } catch (err) {
      outcomes.push({
        id: d.id,
        source: d.source,
        url: d.url,
        status: 'failed',
        message: (err as Error).message,
      });
    }
  }
  return outcomes;
}

export const defaultDownloadDir = (dataDir: string): string => join(dataDir, 'downloads');
