import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { appendAudit } from '../store/audit.ts';
import {
  findVersionBySha,
  finishVersion,
  insertVersion,
  insertVersionRecords,
  type ListVersionRow,
  type RecordInsert,
  recordsInVersion,
  refreshCurrent,
  type VersionCounts,
} from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { datasetFor } from './datasets.ts';
import { InputFormatError } from './errors.ts';
import { detectImporter } from './importers.ts';
import { caption, contentHash, listedOn, recordData, searchText } from './record.ts';
import { readHead } from './text.ts';
import type { ByteSource, ListMeta, ListSource } from './types.ts';

export interface ImportOptions {
  /** Skip detection and read the file as this source's list. */
  source?: ListSource;
  /** Who imports (user name), for the version and the audit log. */
  actor: string;
  /** Companion files of a multi-file format, by role (`alt`, `add`, `comments` for OFAC legacy CSV). */
  companions?: Record<string, string>;
  /** Which list of the source the file is (`ofac-sdn`, `ofac-cons`); by default from content or file name. */
  dataset?: string;
  /** Publication date for a file that does not state one (required then: a guess would misorder versions). */
  publishedAt?: string;
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

export interface ImportResult {
  status: 'imported' | 'unchanged';
  version: ListVersionRow;
}

const BATCH = 500;

/**
 * Imports one list file as a new version of its source. The file is hashed first: a file already imported
 * is a no-op. The whole import runs in one transaction, so a file that fails half-way leaves the store as
 * it was. Records stream from the parser in batches: memory does not grow with the file.
 */
export async function importListFile(store: Store, file: string, opts: ImportOptions): Promise<ImportResult> {
  const name = basename(file);
  const info = await stat(file).catch(() => {
    throw new InputFormatError(name, undefined, `cannot read ${file}`);
  });
  if (!info.isFile()) throw new InputFormatError(name, undefined, 'not a regular file');
  const companions = opts.companions ?? {};
  const companionSizes = await Promise.all(Object.values(companions).map(async (p) => (await stat(p)).size));
  const totalBytes = info.size + companionSizes.reduce((a, b) => a + b, 0);

  const head = await readHead(createReadStream(file, { end: 65535 }));
  if (head.replace(/\0/g, '').trim() === '') {
    throw new InputFormatError(
      name,
      undefined,
      info.size === 0 ? 'the file is empty' : 'the file holds no text',
    );
  }
  // Refuse hostile XML before format detection, so the error says what is wrong with it.
  const doctype = /<!DOCTYPE/i.exec(head);
  if (doctype && /^\s*</.test(head)) {
    const line = head.slice(0, doctype.index).split('\n').length;
    throw new InputFormatError(
      name,
      `line ${line}`,
      'DOCTYPE declarations are not accepted (external entities and entity expansion are refused)',
    );
  }
  const importer = detectImporter(head, name, opts.source);
  if (!importer) {
    throw new InputFormatError(
      name,
      undefined,
      opts.source
        ? `not in any ${opts.source.toUpperCase()} list format Watchkeeper reads`
        : 'not a sanctions list format Watchkeeper recognises (UN XML, OFAC CSV/XML, EU FSF XML, UK OFSI CSV)',
    );
  }

  // Hash after detection: a file of the wrong type is refused without reading it all.
  const sha256 = await hashFiles([
    file,
    ...Object.keys(companions)
      .sort()
      .map((k) => companions[k]),
  ]);
  const existing = await findVersionBySha(store, sha256);
  if (existing) return { status: 'unchanged', version: existing };

  let bytesRead = 0;
  const tracked = (path: string): ByteSource =>
    (async function* () {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
        bytesRead += (chunk as Buffer).byteLength;
        opts.onProgress?.(bytesRead, totalBytes);
        yield chunk as Buffer;
      }
    })();
  const companionSources = Object.fromEntries(
    Object.entries(companions).map(([k, p]) => [k, () => tracked(p)]),
  );

  const importedAt = new Date().toISOString();
  const version = await store.db.transaction().execute(async (trx) => {
    let meta: ListMeta | undefined;
    let row: ListVersionRow | undefined;
    const counts: VersionCounts = { bySchema: {}, byRegime: {}, adjuncts: 0 };
    // Duplicate listings are caught per batch here and across batches by the store, so memory stays flat.
    const inBatch = new Map<string, string>();
    let batch: RecordInsert[] = [];
    let recordCount = 0;
    const flush = async (versionId: string) => {
      const again = await recordsInVersion(
        trx,
        versionId,
        batch.map((r) => r.entityId),
      );
      if (again.length > 0) {
        const r = batch.find((b) => b.entityId === again[0])!;
        throw new InputFormatError(name, inBatch.get(r.entityId), `listing ${r.sourceRef} appears twice`);
      }
      await insertVersionRecords(trx, versionId, batch);
      batch = [];
      inBatch.clear();
    };
    const start = async (m: ListMeta) => {
      meta = m;
      const stated = m.publishedAt ?? opts.publishedAt;
      if (!stated) {
        // Guessing (say, from the file's time) would file an old snapshot as the newest version.
        throw new InputFormatError(
          name,
          undefined,
          'the file does not state its publication date: give it (web: Published on; CLI: --published YYYY-MM-DD; API: ?published=)',
        );
      }
      const publishedAt = normaliseInstant(stated, name);
      const publishedDate =
        m.publishedDate ?? (m.publishedAt ? publishedAt.slice(0, 10) : stated.slice(0, 10));
      const dataset = opts.dataset ?? m.dataset ?? datasetFor(m.source, name);
      row = {
        id: `${dataset}-${publishedDate}-${sha256.slice(0, 8)}`,
        source: m.source,
        dataset,
        format: m.format,
        publishedAt,
        publishedDate,
        sha256,
        fileName: name,
        importedAt,
        importedBy: opts.actor,
        recordCount: 0,
        counts,
      };
      await insertVersion(trx, row);
    };
    for await (const ev of importer.parse(tracked(file), { file: name, companions: companionSources })) {
      if (ev.kind === 'meta') {
        if (!meta) await start(ev.meta);
        continue;
      }
      if (!row) await start({ source: importer.source, format: importer.format });
      const rec = ev.record;
      const prior = inBatch.get(rec.entity.id);
      if (prior !== undefined) {
        throw new InputFormatError(
          name,
          rec.location,
          `listing ${rec.sourceRef} appears twice (first at ${prior})`,
        );
      }
      inBatch.set(rec.entity.id, rec.location);
      const data = recordData(rec);
      batch.push({
        entityId: rec.entity.id,
        hash: contentHash(data),
        source: importer.source,
        schema: rec.entity.schema,
        caption: caption(rec.entity, rec.sourceRef),
        sourceRef: rec.sourceRef,
        regimes: rec.regimes,
        searchText: searchText(data),
        listedOn: listedOn(data),
        data,
      });
      recordCount++;
      counts.bySchema[rec.entity.schema] = (counts.bySchema[rec.entity.schema] ?? 0) + 1;
      for (const r of rec.regimes) counts.byRegime[r] = (counts.byRegime[r] ?? 0) + 1;
      counts.adjuncts += rec.adjuncts.length;
      if (batch.length >= BATCH) {
        await flush(row!.id);
      }
    }
    if (!row) throw new InputFormatError(name, undefined, 'the file holds no listings');
    await flush(row.id);
    if (recordCount === 0) throw new InputFormatError(name, undefined, 'the file holds no listings');
    row.recordCount = recordCount;
    await finishVersion(trx, row.id, recordCount, counts);
    await refreshCurrent(trx, row.dataset);
    await appendAudit(trx, {
      actor: opts.actor,
      action: 'list.import',
      target: row.id,
      details: { file: name, sha256, format: row.format, publishedAt: row.publishedAt, records: recordCount },
    });
    return row;
  });
  return { status: 'imported', version };
}

async function hashFiles(paths: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const p of paths) for await (const chunk of createReadStream(p)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function normaliseInstant(value: string, file: string): string {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t))
    throw new InputFormatError(file, undefined, `unreadable publication date ${JSON.stringify(value)}`);
  return new Date(t).toISOString();
}

/** Role of a file in the OFAC legacy CSV set by its name, or undefined for a main list file. */
export function companionRole(fileName: string): 'alt' | 'add' | 'comments' | undefined {
  const n = basename(fileName).toLowerCase();
  if (/^alt[^/]*\.csv$/.test(n)) return 'alt';
  if (/^add[^/]*\.csv$/.test(n)) return 'add';
  if (/^sdn_comments[^/]*\.csv$/.test(n)) return 'comments';
  return undefined;
}

/**
 * Groups the files a user named into imports: OFAC companion files (alt.csv, add.csv, sdn_comments.csv) go
 * with the SDN file of the same folder.
 */
export function planImports(files: string[]): Array<{ file: string; companions: Record<string, string> }> {
  const mains = files.filter((f) => !companionRole(f));
  const plans = mains.map((file) => ({ file, companions: {} as Record<string, string> }));
  for (const f of files) {
    const role = companionRole(f);
    if (!role) continue;
    const dir = f.slice(0, f.length - basename(f).length);
    const target =
      plans.find((p) => p.file.slice(0, p.file.length - basename(p.file).length) === dir) ??
      (plans.length === 1 ? plans[0] : undefined);
    if (!target)
      throw new InputFormatError(
        basename(f),
        undefined,
        'an OFAC companion file needs its sdn.csv beside it',
      );
    target.companions[role] = f;
  }
  return plans;
}
