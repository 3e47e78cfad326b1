/**
 * AIS ingest into the store: files (NMEA, plain or gzip; CSV of decoded positions) and live feeds go through
 * one `Ingestor`, which gathers observations in batches and writes each batch in one transaction: vessel-day
 * track chunks, identity histories merged with what is stored, vessel summaries, and the source's resume point.
 *
 * Idempotent: a file is identified by its sha256, and one already ingested is skipped. Resumable: the resume
 * point (lines committed) is written in the same transaction as the data, so an interrupted ingest continues
 * after the last committed batch. Track chunks of a vessel-day are compacted into one row at the end.
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type ColumnMapping,
  CsvLayoutError,
  type CsvSummary,
  parseColumnMapping,
  readPositionCsv,
} from '../ais/csv-positions.ts';
import { type DecodedMessage, Decoder, type DecoderCounters } from '../ais/index.ts';
import { inputChunks, peekInput } from '../ais/input.ts';
import { LineSplitter } from '../ais/lines.ts';
import { type Observation, observationsOf, type StaticObservation } from '../ais/observation.ts';
import { InputFormatError } from '../lists/errors.ts';
import type { Store } from '../store/store.ts';
import {
  type AisSourceRow,
  finishAisSource,
  fragmentedVesselDays,
  getAisSource,
  type IdentityRow,
  identitiesOf,
  insertVesselDays,
  replaceIdentities,
  replaceVesselDay,
  setAisSourceProgress,
  startAisSource,
  upsertVessels,
  vesselDayChunks,
  vesselsByMmsi,
} from '../store/vessels.ts';
import { mergeIdentity } from './identity.ts';
import type { WorkerAnswer, WorkerRequest } from './ingest-worker.ts';
import { flagOfMmsi, mmsiClass } from './mmsi.ts';
import { decodeTrack, encodeTrack, mergeTracks, trackExtent } from './track-codec.ts';
import { IngestBatch, mergeVesselSummary } from './tracks.ts';

/** Observations per transaction: large enough that per-batch costs vanish, small enough to bound memory. */
export const DEFAULT_BATCH = 400_000;
/**
 * Reports dated more than this after now (a receiver clock gone wrong) are refused: one report a year ahead
 * would make every other vessel look silent until then.
 */
export const FUTURE_TOLERANCE_MS = 86_400_000;
/** Files smaller than this are decoded on the main thread (starting a worker costs more than it saves). */
const WORKER_MIN_BYTES = 8 << 20;
/** Chunks handed to the decode worker and not answered yet, at most. */
const WORKER_IN_FLIGHT = 3;

/**
 * Decodes a file on a worker thread while this thread batches and stores: chunks go over as transferred
 * buffers, observations come back as columns, one answer per chunk. At most a few chunks are in flight, so
 * memory stays bounded whatever the file size.
 */
async function decodeInWorker(
  path: string,
  futureLimit: number,
  opts: IngestOptions,
  ingestor: Ingestor,
  batchSize: number,
  snapshot: () => IngestCounts,
  hooks: {
    onBytes: (n: number) => void;
    onLines: (lines: number, counters: DecoderCounters) => void;
    onProgress: () => void;
  },
): Promise<{ noTime: number; future: number; stopped: boolean }> {
  const worker = new Worker(new URL('./ingest-worker.ts', import.meta.url));
  const answers: WorkerAnswer[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on('message', (a: WorkerAnswer) => {
    answers.push(a);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  const next = async (): Promise<WorkerAnswer> => {
    for (;;) {
      if (failure !== null) throw failure;
      const a = answers.shift();
      if (a !== undefined) return a;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  };
  let stopped = false;
  const apply = async (a: WorkerAnswer): Promise<void> => {
    const p = a.positions;
    const nul = (v: number) => (Number.isNaN(v) ? null : v);
    for (let i = 0; i < p.n; i++) {
      ingestor.addPosition(
        p.mmsi[i] as number,
        p.t[i] as number,
        p.lat[i] as number,
        p.lon[i] as number,
        nul(p.sog[i] as number),
        nul(p.cog[i] as number),
        nul(p.heading[i] as number),
        nul(p.status[i] as number),
        p.msgType[i] as number,
        p.line[i] as number,
      );
    }
    for (const o of a.statics) ingestor.add(o);
    hooks.onLines(a.lines, a.counters);
    hooks.onProgress();
    if (a.kind === 'observations' && ingestor.pending >= batchSize) {
      await ingestor.flush(a.lines, snapshot());
      if (opts.stopAfterBatches !== undefined && ingestor.batches >= opts.stopAfterBatches) stopped = true;
    }
  };
  try {
    worker.postMessage({ kind: 'start', futureLimit, clock: opts.clock } satisfies WorkerRequest);
    let inFlight = 0;
    let read = 0;
    const counted = (n: number) => {
      read += n;
      hooks.onBytes(read);
    };
    for await (const chunk of inputChunks(path, counted, opts.readChunk)) {
      // a transferred buffer must be the chunk's own
      const own =
        chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
          ? (chunk.buffer as ArrayBuffer)
          : chunk.slice().buffer;
      worker.postMessage({ kind: 'chunk', bytes: own } satisfies WorkerRequest, [own]);
      inFlight++;
      while (inFlight >= WORKER_IN_FLIGHT && !stopped) {
        await apply(await next());
        inFlight--;
      }
      if (stopped) return { noTime: 0, future: 0, stopped };
    }
    worker.postMessage({ kind: 'end' } satisfies WorkerRequest);
    for (;;) {
      const a = await next();
      await apply(a);
      if (stopped) return { noTime: 0, future: 0, stopped };
      if (a.kind === 'done') return { noTime: a.noTime, future: a.future, stopped };
    }
  } finally {
    await worker.terminate();
  }
}

/** Lines re-read before the resume point so a message split across it is reassembled. */
const RESUME_MARGIN = 100;

export interface IngestCounts {
  lines: number;
  messages: number;
  positions: number;
  staticReports: number;
  /** Messages without a receive time (nothing to place them on a track). */
  noTime: number;
  /** Messages dated more than a day in the future (refused). */
  future: number;
  byType: Record<string, number>;
  rejected: Record<string, number>;
}

export interface IngestSummary extends IngestCounts {
  source: string;
  file: string;
  /** `ingested`; `already` when the same file was ingested before (nothing added); `resumed` after a break. */
  outcome: 'ingested' | 'already' | 'resumed';
  vessels: number;
  days: number;
  vesselDays: number;
  seconds: number;
  /** Time range of what this ingest added (ISO), null when nothing. */
  timeFrom?: string | null;
  timeTo?: string | null;
  /** What a user should know (no receive times, nothing stored…); see withWarnings. */
  warnings?: string[];
  /** CSV inputs: the layout recognised, rows without a position, the first lines rejected per reason. */
  csv?: { layout: string; noPosition: number; firstRejectedLines: Record<string, number[]> };
}

export interface IngestProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
  messages: number;
}

export interface IngestOptions {
  actor: string;
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
  /** Stop after this many batches (tests of resumption). */
  stopAfterBatches?: number;
  /** Bytes read at a time; batches are committed between reads (tests use small reads). */
  readChunk?: number;
  /** Decode on a second core (default: when the machine has one and the file is at least 8 MB). */
  worker?: boolean;
  /**
   * Receive time (ms) for messages whose lines carry none (no tag block, `$PGHP` or timestamp column): a
   * snapshot file dated by its user. Lines with their own time keep it.
   */
  clock?: number;
}

/** Gathers observations and writes them in batches. One per source. */
export class Ingestor {
  private readonly store: Store;
  readonly sourceId: string;
  private batch: IngestBatch;
  private chunkSeq: number;
  /** Vessel-days written since the last compaction. */
  private readonly touched = new Map<string, { mmsi: number; day: number }>();
  private readonly allVesselDays = new Set<string>();
  readonly vessels = new Set<number>();
  readonly days = new Set<number>();
  batches = 0;
  positionsAdded = 0;
  staticsAdded = 0;
  /** Time range of the observations added (ms), for detection over what was ingested. */
  tMin = Number.POSITIVE_INFINITY;
  tMax = Number.NEGATIVE_INFINITY;

  constructor(store: Store, sourceId: string) {
    this.store = store;
    this.sourceId = sourceId;
    this.batch = new IngestBatch(sourceId);
    // chunk ids only need to be unique per vessel-day; time-based so that concurrent ingests do not collide
    this.chunkSeq = Date.now() * 1000 + Math.floor(Math.random() * 1000);
  }

  /** One position from plain values (see IngestBatch.addPosition). */
  addPosition(
    mmsi: number,
    t: number,
    lat: number,
    lon: number,
    sog: number | null,
    cog: number | null,
    heading: number | null,
    status: number | null,
    msgType: number,
    line: number,
  ): void {
    this.widenTimeRange(t);
    this.positionsAdded++;
    this.batch.addPosition(mmsi, t, lat, lon, sog, cog, heading, status, msgType, line);
  }

  add(o: Observation): void {
    this.widenTimeRange(o.t);
    if (o.kind === 'position') this.positionsAdded++;
    else this.staticsAdded++;
    this.batch.add(o);
  }

  private widenTimeRange(t: number): void {
    if (t < this.tMin) this.tMin = t;
    if (t > this.tMax) this.tMax = t;
  }

  get pending(): number {
    return this.batch.size;
  }

  /** Writes the gathered observations and the source's progress in one transaction. */
  async flush(linesDone: number, progress: unknown): Promise<void> {
    const batch = this.batch;
    this.batch = new IngestBatch(this.sourceId);
    const chunk = ++this.chunkSeq;
    const dayRows = batch.dayRows(chunk);
    const mmsis = [...batch.vessels.keys()];
    await this.store.db.transaction().execute(async (trx) => {
      await insertVesselDays(trx, dayRows);
      const staticMmsis = [...batch.statics.keys()];
      const stored = await identitiesOf(trx, staticMmsis);
      const merged = new Map<number, IdentityRow[]>();
      for (const mmsi of staticMmsis) {
        const before = stored.get(mmsi) ?? [];
        const reports = batch.statics.get(mmsi) ?? [];
        merged.set(mmsi, withEvidence(mergeIdentity(before, reports), before, reports, this.sourceId));
      }
      await replaceIdentities(trx, merged);
      const summaries = await vesselsByMmsi(trx, mmsis);
      const rows = [];
      for (const stats of batch.vesselStats()) {
        const flag = flagOfMmsi(stats.mmsi);
        rows.push(
          mergeVesselSummary(summaries.get(stats.mmsi), stats, merged.get(stats.mmsi), {
            mmsiClass: mmsiClass(stats.mmsi),
            flag: flag === null ? null : flag.country,
          }),
        );
      }
      await upsertVessels(trx, rows);
      await setAisSourceProgress(trx, this.sourceId, linesDone, progress);
    });
    for (const k of batch.dayKeys()) {
      const key = `${k.mmsi}:${k.day}`;
      this.touched.set(key, k);
      this.allVesselDays.add(key);
      this.days.add(k.day);
    }
    for (const m of mmsis) this.vessels.add(m);
    this.batches++;
  }

  /** Merges the chunks of every vessel-day this ingest wrote into one row each. */
  async compact(): Promise<void> {
    const keys = [...this.touched.values()];
    this.touched.clear();
    for (let i = 0; i < keys.length; i += 2000) {
      const fragmented = await fragmentedVesselDays(this.store, keys.slice(i, i + 2000));
      for (let j = 0; j < fragmented.length; j += 200) {
        await this.store.db.transaction().execute(async (trx) => {
          for (const k of fragmented.slice(j, j + 200)) {
            const chunks = await vesselDayChunks(trx, k.mmsi, k.day);
            const track = mergeTracks(chunks.map((c) => decodeTrack(c.data)));
            const e = trackExtent(track);
            await replaceVesselDay(trx, {
              mmsi: k.mmsi,
              day: k.day,
              chunk: 0,
              n: track.n,
              tMin: e.tMin,
              tMax: e.tMax,
              latMin: e.latMin,
              latMax: e.latMax,
              lonMin: e.lonMin,
              lonMax: e.lonMax,
              data: encodeTrack(track),
            });
          }
        });
      }
    }
  }

  get vesselDays(): number {
    return this.allVesselDays.size;
  }
}

/**
 * Each identity version keeps the raw message that started it: the stored version's when it already existed,
 * else the report of this batch at its start time.
 */
function withEvidence(
  versions: IdentityRow[],
  stored: readonly IdentityRow[],
  reports: readonly StaticObservation[],
  source: string,
): IdentityRow[] {
  const storedAt = new Map(stored.map((v) => [v.validFrom, v]));
  const reportAt = new Map<number, number>();
  for (const r of reports) if (!reportAt.has(r.t)) reportAt.set(r.t, r.line);
  return versions.map((v) => {
    const s = storedAt.get(v.validFrom);
    if (s?.source) return { ...v, source: s.source, line: s.line ?? null };
    const line = reportAt.get(v.validFrom);
    return line === undefined ? { ...v, source: null, line: null } : { ...v, source, line };
  });
}

function timeRangeOf(i: Ingestor): { timeFrom: string | null; timeTo: string | null } {
  if (!Number.isFinite(i.tMin)) return { timeFrom: null, timeTo: null };
  return { timeFrom: new Date(i.tMin).toISOString(), timeTo: new Date(i.tMax).toISOString() };
}

/** sha256 of a file's bytes as stored (compressed files are identified by their compressed bytes). */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function emptyCounts(): IngestCounts {
  return {
    lines: 0,
    messages: 0,
    positions: 0,
    staticReports: 0,
    noTime: 0,
    future: 0,
    byType: {},
    rejected: {},
  };
}

function addCounters(into: IngestCounts, c: DecoderCounters, minus?: DecoderCounters): void {
  into.messages += c.messages - (minus?.messages ?? 0);
  for (const [k, n] of Object.entries(c.byType)) {
    const d = n - (minus?.byType[Number(k)] ?? 0);
    if (d !== 0) into.byType[k] = (into.byType[k] ?? 0) + d;
  }
  for (const [k, n] of Object.entries(c.rejected)) {
    const d = n - (minus?.rejected[k as keyof DecoderCounters['rejected']] ?? 0);
    if (d !== 0) into.rejected[k] = (into.rejected[k] ?? 0) + d;
  }
}

/**
 * The start of a file ingest: its sha256 and what the store knows of it. A file ingested before gives its
 * earlier summary (outcome `already`); otherwise the source is registered as running (a new one, or one being
 * resumed, whose resume point is kept).
 */
async function beginFile(
  store: Store,
  file: string,
  format: 'nmea' | 'csv',
  opts: IngestOptions,
  t0: number,
): Promise<
  | IngestSummary
  | { path: string; totalBytes: number; sha: string; existing: AisSourceRow | null; base: IngestSummary }
> {
  const path = resolve(file);
  const totalBytes = statSync(path).size;
  const sha = await fileSha256(path);
  const existing = await getAisSource(store, sha);
  const base: IngestSummary = {
    source: sha,
    file: path,
    outcome: 'ingested',
    vessels: 0,
    days: 0,
    vesselDays: 0,
    seconds: 0,
    ...emptyCounts(),
  };
  if (existing?.status === 'complete') {
    const previous = (existing.summary ?? {}) as Partial<IngestSummary>;
    return {
      ...base,
      ...previous,
      source: sha,
      file: path,
      outcome: 'already',
      seconds: (performance.now() - t0) / 1000,
    };
  }
  await startAisSource(store, {
    id: sha,
    kind: 'file',
    name: basename(path),
    path,
    format,
    bytes: totalBytes,
    startedBy: opts.actor,
  });
  return { path, totalBytes, sha, existing, base };
}

/**
 * Ingests one NMEA file (plain or gzip). The same file (by sha256) twice adds nothing; a file whose earlier
 * ingest was interrupted continues after its last committed batch.
 */
export async function ingestNmeaFile(
  store: Store,
  file: string,
  opts: IngestOptions,
): Promise<IngestSummary> {
  const t0 = performance.now();
  const begun = await beginFile(store, file, 'nmea', opts, t0);
  if ('outcome' in begun) return begun;
  const { path, totalBytes, sha, existing, base } = begun;
  const resumeAfter = existing?.status === 'running' ? existing.linesDone : 0;
  const counts: IngestCounts =
    resumeAfter > 0
      ? { ...emptyCounts(), ...((existing?.summary ?? {}) as Partial<IngestCounts>) }
      : emptyCounts();

  const ingestor = new Ingestor(store, sha);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const decoder = new Decoder();
  const splitter = new LineSplitter();
  const skipBefore = Math.max(0, resumeAfter - RESUME_MARGIN);
  const futureLimit = Date.now() + FUTURE_TOLERANCE_MS;
  let lineNo = 0;
  let baseline: DecoderCounters | null = resumeAfter > 0 ? null : decoder.counters;
  const out: Observation[] = [];
  /** A decoded message into the batch; `line` overrides its line number (see onLine). */
  const onMessage = (m: DecodedMessage, line?: number) => {
    if (m.receivedAt === null) {
      counts.noTime++;
      return;
    }
    if (m.receivedAt > futureLimit) {
      counts.future++;
      return;
    }
    out.length = 0;
    observationsOf(m, out);
    for (const o of out) {
      if (line !== undefined) o.line = line;
      ingestor.add(o);
    }
  };
  const onLine = (line: string) => {
    lineNo++;
    if (lineNo <= skipBefore) return;
    const m = decoder.push(line, opts.clock);
    if (lineNo === resumeAfter) baseline = decoder.counters;
    // the decoder numbers the lines it saw; on resume it did not see the skipped ones
    if (m !== null && lineNo > resumeAfter) onMessage(m, lineNo);
  };
  // a fresh ingest reads bytes straight into the decoder (no per-line strings); a resumed one goes line by
  // line so that it can skip what was committed before
  const fast = resumeAfter === 0;
  const snapshot = (): IngestCounts => {
    const c = { ...counts, byType: { ...counts.byType }, rejected: { ...counts.rejected } };
    // lines are counted from the decoder plus those skipped on resume
    c.lines = lineNo;
    c.positions += ingestor.positionsAdded;
    c.staticReports += ingestor.staticsAdded;
    addCounters(c, workerCounters ?? decoder.counters, baseline ?? undefined);
    return c;
  };
  let bytes = 0;
  let stopped = false;
  let workerCounters: DecoderCounters | null = null;
  const useWorker = fast && (opts.worker ?? (availableParallelism() > 1 && totalBytes >= WORKER_MIN_BYTES));
  if (useWorker) {
    const r = await decodeInWorker(path, futureLimit, opts, ingestor, batchSize, snapshot, {
      onBytes: (n) => {
        bytes = n;
      },
      onLines: (n, counters) => {
        lineNo = n;
        workerCounters = counters;
      },
      onProgress: () =>
        opts.onProgress?.({ bytes, totalBytes, lines: lineNo, messages: workerCounters?.messages ?? 0 }),
    });
    counts.noTime += r.noTime;
    counts.future += r.future;
    stopped = r.stopped;
  }
  for await (const chunk of useWorker
    ? []
    : inputChunks(
        path,
        (n) => {
          bytes += n;
        },
        opts.readChunk,
      )) {
    if (fast) {
      decoder.pushChunk(chunk, onMessage, opts.clock);
      lineNo = decoder.counters.lines;
    } else splitter.push(chunk, onLine);
    opts.onProgress?.({ bytes, totalBytes, lines: lineNo, messages: decoder.counters.messages });
    if (ingestor.pending >= batchSize) {
      await ingestor.flush(lineNo, snapshot());
      if (opts.stopAfterBatches !== undefined && ingestor.batches >= opts.stopAfterBatches) {
        stopped = true;
        break;
      }
    }
  }
  if (!stopped && !useWorker) {
    if (fast) {
      decoder.endChunks(onMessage, opts.clock);
      lineNo = decoder.counters.lines;
    } else splitter.end(onLine);
    decoder.finish();
  }
  const final = snapshot();
  if (stopped) {
    return {
      ...base,
      ...final,
      outcome: resumeAfter > 0 ? 'resumed' : 'ingested',
      seconds: (performance.now() - t0) / 1000,
    };
  }
  await ingestor.flush(lineNo, final);
  await ingestor.compact();
  const summary: IngestSummary = {
    ...base,
    ...final,
    outcome: resumeAfter > 0 ? 'resumed' : 'ingested',
    vessels: ingestor.vessels.size,
    days: ingestor.days.size,
    vesselDays: ingestor.vesselDays,
    seconds: (performance.now() - t0) / 1000,
    ...timeRangeOf(ingestor),
  };
  await finishAisSource(store, sha, lineNo, summary);
  return summary;
}

/** Whether the start of a file looks like NMEA (sentences, tag blocks, PGHP) rather than a CSV of positions. */
export function looksLikeNmea(head: string): boolean {
  const lines = head.split('\n').slice(0, 20);
  return lines.some((l) => /[!$][A-Z-]{2}VD[MO],|\$PGHP,|^\\[a-z]:/.test(l));
}

/** Whether text read as latin1 is binary: NUL bytes, or more than a tenth control characters. */
function looksBinary(head: string): boolean {
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  return control > head.length / 10;
}

/** Ingests a file of any supported kind: NMEA (plain or gzip) or a CSV of decoded positions. */
export async function ingestAisFile(
  store: Store,
  file: string,
  opts: IngestOptions & { columns?: string },
): Promise<IngestSummary> {
  const head = await peekInput(file);
  if (head.length === 0) throw new InputFormatError(basename(file), undefined, 'the file is empty');
  if (looksLikeNmea(head)) return withWarnings(await ingestNmeaFile(store, file, opts));
  if (looksBinary(head)) {
    throw new InputFormatError(
      basename(file),
      undefined,
      'not AIS: neither NMEA sentences (!AIVDM…, tag blocks, $PGHP) nor a CSV of positions (binary data)',
    );
  }
  return withWarnings(await ingestCsvFile(store, file, opts));
}

/**
 * What a user should know about an ingest that went through but may not have done what they meant: lines
 * with no time (nothing to place on a track), reports dated ahead, nothing stored at all.
 */
export function withWarnings(s: IngestSummary): IngestSummary {
  const warnings: string[] = [];
  if (s.outcome === 'already')
    return { ...s, warnings: ['this file was ingested before: nothing was added'] };
  if (s.noTime > 0)
    warnings.push(
      `${s.noTime} message(s) had no receive time and were not stored: if the file is a snapshot, give its time ` +
        '(CLI --clock, API clock=)',
    );
  if (s.future > 0)
    warnings.push(
      `${s.future} message(s) dated more than a day ahead were refused: check the receiver's clock`,
    );
  if (s.positions === 0 && s.staticReports === 0) warnings.push('nothing was stored from this file');
  return { ...s, warnings };
}

/**
 * Ingests a CSV of decoded positions (NOAA, DMA, the Baltic vendor layout, or any layout given a column
 * mapping). Idempotent and resumable like NMEA files: batches are committed at row boundaries.
 */
export async function ingestCsvFile(
  store: Store,
  file: string,
  opts: IngestOptions & { columns?: string },
): Promise<IngestSummary> {
  const t0 = performance.now();
  let mapping: ColumnMapping | undefined;
  try {
    mapping = opts.columns === undefined ? undefined : parseColumnMapping(opts.columns);
  } catch (err) {
    throw new InputFormatError(basename(file), undefined, `column mapping: ${(err as Error).message}`);
  }
  const begun = await beginFile(store, file, 'csv', opts, t0);
  if ('outcome' in begun) return begun;
  const { path, totalBytes, sha, existing, base } = begun;
  const resumeAfter = existing?.status === 'running' ? existing.linesDone : 0;
  const stored = (resumeAfter > 0 ? existing?.summary : null) as Partial<IngestCounts> | null;
  const ingestor = new Ingestor(store, sha);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  let lastLine = resumeAfter;
  let stopped = false;
  let future = 0;
  const futureLimit = Date.now() + FUTURE_TOLERANCE_MS;
  let bytes = 0;
  const progressCounts = (): IngestCounts => ({
    ...emptyCounts(),
    lines: lastLine,
    positions: (stored?.positions ?? 0) + ingestor.positionsAdded,
    staticReports: (stored?.staticReports ?? 0) + ingestor.staticsAdded,
  });
  let csv: CsvSummary;
  try {
    csv = await readPositionCsv(
      inputChunks(path, (n) => {
        bytes += n;
      }),
      {
        mapping,
        onBytes: () => opts.onProgress?.({ bytes, totalBytes, lines: lastLine, messages: 0 }),
      },
      async (o) => {
        if (stopped) throw new StopIngest();
        if (o.line <= resumeAfter) return;
        if (o.t > futureLimit) {
          future++;
          return;
        }
        // commit only at row boundaries: every observation of the rows before this one is in the batch
        if (o.line > lastLine && ingestor.pending >= batchSize) {
          await ingestor.flush(lastLine, progressCounts());
          if (opts.stopAfterBatches !== undefined && ingestor.batches >= opts.stopAfterBatches) {
            stopped = true;
            throw new StopIngest();
          }
        }
        lastLine = o.line;
        ingestor.add(o);
      },
    );
  } catch (err) {
    if (err instanceof StopIngest) {
      return { ...base, ...progressCounts(), seconds: (performance.now() - t0) / 1000 };
    }
    if (err instanceof CsvLayoutError) {
      // the header is quoted in the message: keep it printable
      const printable = [...err.message]
        .map((ch) => {
          const c = ch.charCodeAt(0);
          return (c < 32 && c !== 9 && c !== 10) || (c >= 127 && c < 160) ? '?' : ch;
        })
        .join('');
      throw new InputFormatError(basename(path), undefined, printable);
    }
    throw err;
  }
  const counts: IngestCounts = {
    lines: csv.lines,
    messages: csv.rows,
    positions: (stored?.positions ?? 0) + ingestor.positionsAdded,
    staticReports: (stored?.staticReports ?? 0) + ingestor.staticsAdded,
    noTime: 0,
    future,
    byType: {},
    rejected: Object.fromEntries(Object.entries(csv.rejected).filter(([, n]) => n > 0)),
  };
  await ingestor.flush(csv.lines, counts);
  await ingestor.compact();
  const summary: IngestSummary = {
    ...base,
    ...counts,
    outcome: resumeAfter > 0 ? 'resumed' : 'ingested',
    vessels: ingestor.vessels.size,
    days: ingestor.days.size,
    vesselDays: ingestor.vesselDays,
    seconds: (performance.now() - t0) / 1000,
    ...timeRangeOf(ingestor),
    csv: { layout: csv.layout.name, noPosition: csv.noPosition, firstRejectedLines: csv.firstRejectedLines },
  };
  await finishAisSource(store, sha, csv.lines, summary);
  return summary;
}

/** Thrown through the CSV reader to stop it (tests of resumption). */
class StopIngest extends Error {}
