/**
 * Live AIS feeds: NMEA lines from a TCP server (AIS-catcher, rtl-ais, aggregators) or UDP datagrams, handed
 * one by one to a callback with the local receive time. The TCP client reconnects with capped exponential
 * backoff, and can force a reconnect when the feed goes silent. Memory is bounded whatever the peer sends:
 * a line over the length limit is dropped (and counted) without being kept.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, isIPv6, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { LineSplitter } from './lines.ts';

/** Longer than any NMEA sentence with a tag block; what arrives beyond it is not AIS. */
export const DEFAULT_FEED_LINE_CAP = 4096;

export type FeedKind = 'tcp' | 'udp';

/** Where a feed comes from: the server to connect to (tcp) or the address to listen on (udp). */
export interface FeedTarget {
  kind: FeedKind;
  host: string;
  port: number;
}

export type FeedStatus =
  | { state: 'connecting'; target: string; attempt: number }
  | { state: 'connected'; target: string }
  | { state: 'disconnected'; target: string; reason: string }
  | { state: 'retrying'; target: string; delayMs: number; attempt: number }
  /** UDP: bound and receiving; `port` is the bound port (useful with port 0). */
  | { state: 'listening'; target: string; port: number }
  | { state: 'stopped'; target: string };

export interface FeedCounters {
  /** Lines delivered to onLine. */
  lines: number;
  bytes: number;
  /** Lines dropped for being longer than maxLineLength. */
  tooLong: number;
  blank: number;
  /** TCP: a partial line left when the connection closed (dropped: it was cut). */
  truncated: number;
  /** TCP: successful connections; reconnects are connections - 1. */
  connections: number;
  /** UDP datagrams received. */
  datagrams: number;
}

export interface FeedOptions {
  /** Each complete line, without its line terminator; receivedAt is the local clock (ms) at receipt. */
  onLine: (line: string, receivedAt: number) => void;
  onStatus?: (status: FeedStatus) => void;
  /** Aborting stops the feed: the run resolves with its counters. */
  signal?: AbortSignal;
  /** Characters; longer lines are dropped and counted. Default 4096. */
  maxLineLength?: number;
  /** The receive clock (tests). Default Date.now. */
  clock?: () => number;
}

export interface TcpFeedOptions extends FeedOptions {
  host: string;
  port: number;
  /** First retry delay; doubles per failed attempt up to maxBackoffMs. Default 1 s. */
  initialBackoffMs?: number;
  /** Default 30 s. */
  maxBackoffMs?: number;
  /** Reconnect when nothing arrives for this long; 0 (default) never. */
  idleTimeoutMs?: number;
  /** Give up a connection attempt after this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** [0, 1) source for the jitter (each delay is 50–100 % of the nominal one). Default Math.random. */
  random?: () => number;
}

export interface UdpFeedOptions extends FeedOptions {
  /** Address to bind: default 0.0.0.0 (every interface). */
  host?: string;
  port: number;
}

function emptyCounters(): FeedCounters {
  return { lines: 0, bytes: 0, tooLong: 0, blank: 0, truncated: 0, connections: 0, datagrams: 0 };
}

/** `host:port`, `[v6]:port`; with `portOnly` a bare `port` too (host then undefined). */
export function parseHostPort(text: string, portOnly = false): { host: string | undefined; port: number } {
  const s = text.trim();
  let host: string | undefined;
  let portText: string;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(s);
  if (bracket !== null) {
    host = bracket[1];
    portText = bracket[2];
  } else if (/^\d+$/.test(s)) {
    if (!portOnly) throw new Error(`"${text}": expected HOST:PORT`);
    portText = s;
  } else {
    const colon = s.lastIndexOf(':');
    if (colon <= 0 || s.indexOf(':') !== colon) {
      throw new Error(`"${text}": expected ${portOnly ? '[HOST:]PORT' : 'HOST:PORT'} (IPv6 as [::1]:PORT)`);
    }
    host = s.slice(0, colon);
    portText = s.slice(colon + 1);
  }
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new Error(`"${text}": port must be 1–65535`);
  }
  return { host, port };
}

/** `tcp:host:port` / `udp:host:port`: the feed's name in messages and source ids. */
export function feedName(target: FeedTarget): string {
  const host = isIPv6(target.host) ? `[${target.host}]` : target.host;
  return `${target.kind}:${host}:${target.port}`;
}

/**
 * Cuts received bytes into lines for a callback: strips `\r`, skips blank lines, drops over-long ones (the
 * splitter keeps at most cap + 1 characters of a line while skipping to its end).
 */
class FeedLines {
  private readonly splitter: LineSplitter;
  private readonly cap: number;
  private readonly counters: FeedCounters;
  private readonly deliver: (line: string) => void;
  private receivedAt = 0;
  private readonly onLine: (line: string, receivedAt: number) => void;

  constructor(cap: number, counters: FeedCounters, onLine: (line: string, receivedAt: number) => void) {
    this.cap = cap;
    this.splitter = new LineSplitter(cap);
    this.counters = counters;
    this.onLine = onLine;
    this.deliver = (raw: string) => {
      if (raw.length > this.cap) {
        this.counters.tooLong++;
        return;
      }
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') {
        this.counters.blank++;
        return;
      }
      this.counters.lines++;
      this.onLine(line, this.receivedAt);
    };
  }

  push(chunk: Uint8Array, receivedAt: number): void {
    this.counters.bytes += chunk.byteLength;
    this.receivedAt = receivedAt;
    this.splitter.push(chunk, this.deliver);
  }

  /** The end of a datagram ends its last line. */
  endDatagram(): void {
    this.splitter.end(this.deliver);
  }

  /** The end of a TCP connection: a partial line is dropped (the peer was cut off mid-line). */
  dropPartial(): void {
    let partial = false;
    this.splitter.end(() => {
      partial = true;
    });
    if (partial) this.counters.truncated++;
  }
}

/** `250 ms`, `1.5 s`, `30 s`. */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by peer';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${err.code})`;
    case 'ETIMEDOUT':
      return 'timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    default:
      return err.code ?? err.message;
  }
}

/** One connection, from connect to close. */
function tcpSession(
  o: TcpFeedOptions,
  target: string,
  counters: FeedCounters,
  report: (s: FeedStatus) => void,
): Promise<{ reason: string; healthy: boolean; fatal?: unknown }> {
  const cap = o.maxLineLength ?? DEFAULT_FEED_LINE_CAP;
  const clock = o.clock ?? Date.now;
  return new Promise((resolve) => {
    let reason = 'closed by peer';
    let healthy = false;
    let fatal: unknown;
    let connected = false;
    const lines = new FeedLines(cap, counters, (line, t) => {
      healthy = true;
      o.onLine(line, t);
    });
    const socket: Socket = connect({ host: o.host, port: o.port });
    const onAbort = () => {
      reason = 'stopped';
      socket.destroy();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(o.connectTimeoutMs ?? 10_000);
    socket.on('connect', () => {
      connected = true;
      counters.connections++;
      socket.setKeepAlive(true, 30_000);
      socket.setTimeout(o.idleTimeoutMs ?? 0);
      report({ state: 'connected', target });
    });
    socket.on('timeout', () => {
      reason = connected
        ? `no data for ${duration(o.idleTimeoutMs ?? 0)}`
        : `connect timed out after ${duration(o.connectTimeoutMs ?? 10_000)}`;
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      try {
        lines.push(chunk, clock());
      } catch (err) {
        // the consumer's failure is not a network problem: stop, and let the run reject with it
        fatal = err;
        reason = 'stopped: the line handler failed';
        socket.destroy();
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (reason === 'closed by peer') reason = describeError(err);
    });
    socket.on('close', () => {
      o.signal?.removeEventListener('abort', onAbort);
      lines.dropPartial();
      resolve({ reason, healthy, fatal });
    });
  });
}

/**
 * Connects to a TCP feed and delivers its lines until the signal aborts; reconnects whenever the connection
 * fails, closes or goes idle, waiting 1, 2, 4 … s (± jitter) up to maxBackoffMs between attempts. A
 * connection that delivered at least one line was healthy: the next wait starts again from the first delay.
 * Resolves with the counters when aborted; rejects only when onLine throws.
 */
export async function runTcpFeed(o: TcpFeedOptions): Promise<FeedCounters> {
  const counters = emptyCounters();
  const target = feedName({ kind: 'tcp', host: o.host, port: o.port });
  const report = (s: FeedStatus) => o.onStatus?.(s);
  const initial = o.initialBackoffMs ?? 1000;
  const max = o.maxBackoffMs ?? 30_000;
  const random = o.random ?? Math.random;
  // a function, not a property read: TypeScript would narrow the property across the awaits below
  const aborted = () => o.signal?.aborted === true;
  let failures = 0;
  let attempt = 0;
  while (!aborted()) {
    attempt++;
    report({ state: 'connecting', target, attempt });
    const { reason, healthy, fatal } = await tcpSession(o, target, counters, report);
    if (fatal !== undefined) throw fatal;
    if (aborted()) break;
    report({ state: 'disconnected', target, reason });
    if (healthy) {
      failures = 0;
      attempt = 0;
    }
    const nominal = Math.min(max, initial * 2 ** failures);
    failures++;
    const delayMs = Math.round(nominal * (0.5 + 0.5 * random()));
    report({ state: 'retrying', target, delayMs, attempt: attempt + 1 });
    try {
      await sleep(delayMs, undefined, { signal: o.signal });
    } catch {
      break; // aborted while waiting
    }
  }
  report({ state: 'stopped', target });
  return counters;
}

/**
 * Listens for UDP datagrams (each may hold several lines; the end of a datagram ends its last line) until
 * the signal aborts. Rejects when the address cannot be bound (in use, not local).
 */
export function runUdpFeed(o: UdpFeedOptions): Promise<FeedCounters> {
  const counters = emptyCounters();
  const host = o.host ?? '0.0.0.0';
  const target = feedName({ kind: 'udp', host, port: o.port });
  const report = (s: FeedStatus) => o.onStatus?.(s);
  const clock = o.clock ?? Date.now;
  const lines = new FeedLines(o.maxLineLength ?? DEFAULT_FEED_LINE_CAP, counters, o.onLine);
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted === true) {
      resolve(counters);
      return;
    }
    const socket: UdpSocket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    let failure: unknown;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      socket.close();
    };
    const onAbort = () => close();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('message', (msg: Buffer) => {
      counters.datagrams++;
      try {
        lines.push(msg, clock());
        lines.endDatagram();
      } catch (err) {
        failure = err;
        close();
      }
    });
    socket.on('listening', () => {
      report({ state: 'listening', target, port: socket.address().port });
    });
    socket.on('error', (err) => {
      failure ??= err;
      close();
    });
    socket.on('close', () => {
      o.signal?.removeEventListener('abort', onAbort);
      report({ state: 'stopped', target });
      if (failure !== undefined) reject(failure);
      else resolve(counters);
    });
    socket.bind(o.port, host);
  });
}

/** Runs a TCP or UDP feed (the command line's --tcp / --udp). */
export function runFeed(
  target: FeedTarget,
  options: FeedOptions & Omit<TcpFeedOptions, 'host' | 'port' | keyof FeedOptions>,
): Promise<FeedCounters> {
  return target.kind === 'tcp'
    ? runTcpFeed({ ...options, host: target.host, port: target.port })
    : runUdpFeed({ ...options, host: target.host, port: target.port });
}
