/**
 * The live AIS feeds a server runs itself: each enabled feed of the `ais_feeds` table is a TCP client or UDP
 * listener (src/ais/feed.ts) whose lines go into the store through LiveIngest (raw log per feed and day,
 * commits every few seconds). `sync()` starts and stops feeds to match the table; `status()` tells how each
 * one is doing (connected, lines, last error) for the admin page.
 */
import { type FeedCounters, type FeedStatus, runFeed } from '../ais/feed.ts';
import type { ScreeningService } from '../screening/service.ts';
import { type AisFeedRow, listAisFeeds } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { detect } from './detection-service.ts';
import { LiveIngest } from './live.ts';

export interface FeedState {
  id: string;
  running: boolean;
  state: FeedStatus['state'] | 'idle';
  detail: string | null;
  since: string | null;
  lines: number;
  messages: number;
  positions: number;
  connections: number;
  lastError: string | null;
}

interface Running {
  row: AisFeedRow;
  abort: AbortController;
  live: LiveIngest;
  timer: ReturnType<typeof setInterval>;
  done: Promise<FeedCounters | null>;
  state: FeedState;
}

export interface FeedManagerOptions {
  /** Folder of the raw feed logs (`<data>/feeds`). */
  logDir: string;
  /** Commit gathered positions this often (ms). */
  commitEveryMs?: number;
  /** Run detection over the last day this often (ms); 0: never. */
  detectEveryMs?: number;
  screening?: ScreeningService;
}

/** A feed's name as its raw-log folder and source ids use it. */
export function feedLogName(row: Pick<AisFeedRow, 'name'>): string {
  return row.name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
}

export class FeedManager {
  private readonly store: Store;
  private readonly opts: FeedManagerOptions;
  private readonly running = new Map<string, Running>();
  private readonly lastErrors = new Map<string, string>();
  private detector: ReturnType<typeof setInterval> | null = null;
  private detecting = false;

  constructor(store: Store, opts: FeedManagerOptions) {
    this.store = store;
    this.opts = opts;
    const every = opts.detectEveryMs ?? 10 * 60_000;
    if (every > 0) {
      this.detector = setInterval(() => this.detectRecent(), every);
      this.detector.unref();
    }
  }

  /** Starts the enabled feeds that do not run, stops those removed or disabled. */
  async sync(): Promise<void> {
    const rows = await listAisFeeds(this.store);
    const wanted = new Map(rows.filter((r) => r.enabled).map((r) => [r.id, r]));
    for (const [id, r] of this.running) {
      const row = wanted.get(id);
      if (!row || row.host !== r.row.host || row.port !== r.row.port || row.kind !== r.row.kind)
        await this.stop(id);
    }
    for (const [id, row] of wanted) if (!this.running.has(id)) this.start(row);
  }

  private start(row: AisFeedRow): void {
    const abort = new AbortController();
    const live = new LiveIngest(this.store, {
      feed: feedLogName(row),
      logDir: this.opts.logDir,
      actor: `feed:${row.name}`,
    });
    const state: FeedState = {
      id: row.id,
      running: true,
      state: 'idle',
      detail: null,
      since: new Date().toISOString(),
      lines: 0,
      messages: 0,
      positions: 0,
      connections: 0,
      lastError: this.lastErrors.get(row.id) ?? null,
    };
    const timer = setInterval(() => {
      live.flush().catch((err: Error) => {
        state.lastError = `writing to the store: ${err.message}`;
      });
    }, this.opts.commitEveryMs ?? 5000);
    timer.unref();
    const target =
      row.kind === 'tcp'
        ? ({ kind: 'tcp', host: row.host, port: row.port } as const)
        : ({ kind: 'udp', host: row.host, port: row.port } as const);
    const done = runFeed(target, {
      onLine: (line, receivedAt) => {
        state.lines++;
        live.push(line, receivedAt);
        state.messages = live.counts.messages;
        state.positions = live.counts.positions;
      },
      onStatus: (s) => {
        state.state = s.state;
        state.detail =
          s.state === 'disconnected'
            ? s.reason
            : s.state === 'retrying'
              ? `retry in ${Math.round(s.delayMs / 1000)} s`
              : null;
        if (s.state === 'connected') state.connections++;
        if (s.state === 'disconnected') {
          state.lastError = s.reason;
          this.lastErrors.set(row.id, s.reason);
        }
      },
      signal: abort.signal,
    }).catch((err: Error) => {
      // a UDP port in use, an address not of this machine: the feed stops and says why
      state.lastError = err.message;
      state.state = 'stopped';
      this.lastErrors.set(row.id, err.message);
      return null;
    });
    this.running.set(row.id, { row, abort, live, timer, done, state });
  }

  /** Stops one feed and commits what it gathered. */
  async stop(id: string): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    r.abort.abort();
    clearInterval(r.timer);
    await r.done;
    await r.live.close().catch(() => {});
  }

  /** How each configured feed is doing. */
  async status(): Promise<(AisFeedRow & { status: FeedState })[]> {
    const rows = await listAisFeeds(this.store);
    return rows.map((row) => {
      const r = this.running.get(row.id);
      return {
        ...row,
        status: r?.state ?? {
          id: row.id,
          running: false,
          state: 'idle',
          detail: row.enabled ? 'not started' : 'disabled',
          since: null,
          lines: 0,
          messages: 0,
          positions: 0,
          connections: 0,
          lastError: this.lastErrors.get(row.id) ?? null,
        },
      };
    });
  }

  private detectRecent(): void {
    if (this.detecting || this.running.size === 0) return;
    this.detecting = true;
    const now = Date.now();
    Promise.all([...this.running.values()].map((r) => r.live.flush()))
      .then(() =>
        detect(this.store, {
          actor: 'feeds',
          from: now - 86_400_000,
          to: now,
          screening: this.opts.screening,
        }),
      )
      .catch(() => {})
      .finally(() => {
        this.detecting = false;
      });
  }

  /** Stops every feed (server shutdown). */
  async close(): Promise<void> {
    if (this.detector) clearInterval(this.detector);
    for (const id of [...this.running.keys()]) await this.stop(id);
  }
}
