/**
 * Live AIS into the store: lines from a feed (TCP/UDP, see ais/feed.ts) are appended to a raw log per feed
 * and UTC day (`<dir>/<feed>/<YYYY-MM-DD>.nmea`, the evidence every stored position refers to), decoded with
 * the feed clock for lines that carry no time, and written in small batches (every few seconds). Track
 * chunks are compacted every few minutes so a vessel-day stays a single row.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Decoder } from '../ais/index.ts';
import { type Observation, observationsOf } from '../ais/observation.ts';
import type { Store } from '../store/store.ts';
import { finishAisSource, getAisSource, startAisSource } from '../store/vessels.ts';
import { FUTURE_TOLERANCE_MS, Ingestor } from './ingest.ts';
import { dayString, utcDay } from './track-codec.ts';

export interface LiveIngestOptions {
  /** Feed name (letters, digits, `.`, `-`, `_`): names the raw logs and the sources. */
  feed: string;
  /** Folder of the raw logs. */
  logDir: string;
  actor: string;
  /** Write at least this often (ms). */
  flushEveryMs?: number;
  /** Or when this many observations wait. */
  batchSize?: number;
  /** Compact vessel-days every this many flushes. */
  compactEvery?: number;
}

export interface LiveCounts {
  lines: number;
  messages: number;
  positions: number;
  staticReports: number;
  flushes: number;
  rejected: Record<string, number>;
}

/** Counts the lines of an existing log, so numbering continues after a restart. */
function countLines(path: string): number {
  if (!existsSync(path)) return 0;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  try {
    for (let read = readSync(fd, buf); read > 0; read = readSync(fd, buf)) {
      for (let i = buf.indexOf(10); i >= 0 && i < read; i = buf.indexOf(10, i + 1)) n++;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

export class LiveIngest {
  private readonly store: Store;
  private readonly opts: Required<Omit<LiveIngestOptions, 'actor'>> & { actor: string };
  private readonly decoder = new Decoder();
  private day = -1;
  private logPath = '';
  private fd: number | null = null;
  private lineNo = 0;
  private pendingLog = '';
  private ingestor: Ingestor | null = null;
  private lastFlush = Date.now();
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private readonly out: Observation[] = [];
  readonly counts: LiveCounts = {
    lines: 0,
    messages: 0,
    positions: 0,
    staticReports: 0,
    flushes: 0,
    rejected: {},
  };

  constructor(store: Store, opts: LiveIngestOptions) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(opts.feed)) {
      throw new Error(`feed name "${opts.feed}": use letters, digits, '.', '-' or '_' (at most 64)`);
    }
    this.store = store;
    this.opts = { flushEveryMs: 5000, batchSize: 50_000, compactEvery: 60, ...opts };
  }

  private sourceId(day: number): string {
    return `feed:${this.opts.feed}:${dayString(day)}`;
  }

  /**
   * Switches to the log and source of another day. File work is synchronous (lines keep their order); the
   * store work joins the write chain, after the previous day's last batch.
   */
  private rollTo(day: number): void {
    const previous = this.ingestor;
    if (previous !== null) {
      const prevId = this.sourceId(this.day);
      const lines = this.lineNo;
      const counts = { ...this.counts, rejected: { ...this.counts.rejected } };
      this.writeLog();
      this.chain(async () => {
        await this.commit(previous, lines, true);
        await finishAisSource(this.store, prevId, lines, counts);
      });
    }
    this.closeLog();
    this.day = day;
    const dir = join(this.opts.logDir, this.opts.feed);
    mkdirSync(dir, { recursive: true });
    this.logPath = join(dir, `${dayString(day)}.nmea`);
    this.lineNo = countLines(this.logPath);
    this.fd = openSync(this.logPath, 'a');
    const id = this.sourceId(day);
    const path = this.logPath;
    this.chain(async () => {
      const existing = await getAisSource(this.store, id);
      if (existing === null || existing.status === 'complete') {
        await startAisSource(this.store, {
          id,
          kind: 'feed',
          name: `${this.opts.feed} ${dayString(day)}`,
          path,
          format: 'nmea',
          bytes: null,
          startedBy: this.opts.actor,
        });
      }
    });
    this.ingestor = new Ingestor(this.store, id);
  }

  /** Store work runs one step at a time, in order; the first failure is kept and rethrown by flush/close. */
  private chain(step: () => Promise<void>): void {
    this.flushing = this.flushing.then(async () => {
      if (this.failure !== null) return;
      try {
        await step();
      } catch (err) {
        this.failure = err as Error;
      }
    });
  }

  /** One line as received at `receivedAt` (ms, the local clock). Store writes happen in the background. */
  push(line: string, receivedAt: number): void {
    const day = utcDay(receivedAt);
    if (day !== this.day) this.rollTo(day);
    this.lineNo++;
    this.counts.lines++;
    // the raw log keeps exactly what came in (one line each), the evidence positions point at
    this.pendingLog += `${line.replace(/[\r\n]/g, '')}\n`;
    const m = this.decoder.push(line, receivedAt);
    const ing = this.ingestor as Ingestor;
    if (m !== null && m.receivedAt !== null && m.receivedAt > Date.now() + FUTURE_TOLERANCE_MS) {
      this.counts.rejected.future = (this.counts.rejected.future ?? 0) + 1;
    } else if (m !== null) {
      this.counts.messages++;
      this.out.length = 0;
      observationsOf(m, this.out);
      for (const o of this.out) {
        o.line = this.lineNo;
        ing.add(o);
        if (o.kind === 'position') this.counts.positions++;
        else this.counts.staticReports++;
      }
    }
    if (this.pendingLog.length > 1 << 16) this.writeLog();
    if (
      ing.pending >= this.opts.batchSize ||
      (ing.pending > 0 && receivedAt - this.lastFlush >= this.opts.flushEveryMs)
    ) {
      this.lastFlush = receivedAt;
      this.scheduleCommit();
    }
  }

  private scheduleCommit(compact = false): void {
    const ing = this.ingestor;
    if (ing === null) return;
    // the raw lines are on disk before the positions that cite them are committed
    this.writeLog();
    const lines = this.lineNo;
    this.chain(() => this.commit(ing, lines, compact));
  }

  private async commit(ing: Ingestor, lines: number, compact: boolean): Promise<void> {
    const counters = this.decoder.counters;
    await ing.flush(lines, { lines, messages: counters.messages, rejected: counters.rejected });
    this.counts.flushes++;
    for (const [k, n] of Object.entries(counters.rejected)) if (n > 0) this.counts.rejected[k] = n;
    if (compact || this.counts.flushes % this.opts.compactEvery === 0) await ing.compact();
  }

  private async settle(): Promise<void> {
    await this.flushing;
    if (this.failure !== null) {
      const err = this.failure;
      this.failure = null;
      throw err;
    }
  }

  private writeLog(): void {
    if (this.fd === null || this.pendingLog === '') return;
    writeSync(this.fd, this.pendingLog);
    this.pendingLog = '';
  }

  private closeLog(): void {
    this.writeLog();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Commits what is gathered and waits for all writes. */
  async flush(): Promise<void> {
    this.scheduleCommit();
    await this.settle();
  }

  /** Commits everything, compacts, and marks the day's source as complete up to now. */
  async close(): Promise<LiveCounts> {
    if (this.ingestor !== null) {
      this.scheduleCommit(true);
      const id = this.sourceId(this.day);
      const lines = this.lineNo;
      this.chain(() => finishAisSource(this.store, id, lines, this.counts));
    }
    await this.settle();
    this.closeLog();
    return this.counts;
  }

  get logFile(): string {
    return this.logPath;
  }

  /** Bytes in today's log (status pages). */
  get logBytes(): number {
    return this.logPath !== '' && existsSync(this.logPath) ? statSync(this.logPath).size : 0;
  }
}
