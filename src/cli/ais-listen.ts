/**
 * `watchkeeper ais listen --tcp HOST:PORT | --udp [HOST:]PORT [--print ndjson|csv]`: a live AIS feed. With
 * --print, decoded records go to stdout as `ais decode` writes them; status lines and, on Ctrl-C, a summary
 * go to stderr. Without --print the feed is ingested into the store.
 */
import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  duration,
  type FeedCounters,
  type FeedStatus,
  type FeedTarget,
  feedName,
  parseHostPort,
  runFeed,
} from '../ais/feed.ts';
import { CSV_HEADER, csvLine, ndjsonLine, type OutputFormat } from '../ais/format.ts';
import { type DecodedMessage, Decoder } from '../ais/index.ts';
import { detect } from '../maritime/detection-service.ts';
import { LiveIngest } from '../maritime/live.ts';
import { ScreeningService } from '../screening/service.ts';
import { cliActor, globals, withStore } from './context.ts';
import { CliError } from './io.ts';

/** Output held for a slow stdout reader before records are dropped: a live feed cannot be paused. */
const MAX_PENDING_OUTPUT = 16 << 20;

interface ListenOptions {
  tcp?: string;
  udp?: string;
  print?: OutputFormat;
  idleTimeout: number;
  maxBackoff: number;
  quiet?: boolean;
  name?: string;
  detectEvery: number;
}

/** A non-negative duration option in `unit`s (up to a day), for commander. */
function durationArg(unit: 'seconds' | 'minutes'): (value: string) => number {
  const max = unit === 'seconds' ? 86_400 : 1440;
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n > max) {
      throw new InvalidArgumentError(`expected ${unit}, 0 to ${max}`);
    }
    return n;
  };
}
const secondsArg = durationArg('seconds');

export function registerListenCommand(ais: Command): void {
  ais
    .command('listen')
    .description(
      'receive a live AIS feed (TCP client or UDP listener) into the store, keeping a raw log; --print decodes it to stdout instead',
    )
    .option('--tcp <host:port>', 'connect to a TCP feed (AIS-catcher, rtl-ais, aggregators); reconnects')
    .option('--udp <[host:]port>', 'listen for UDP datagrams (host: the address to bind, default all)')
    .addOption(
      new Option('--print <format>', 'decode and print records to stdout instead of ingesting').choices([
        'ndjson',
        'csv',
      ]),
    )
    .option(
      '--idle-timeout <seconds>',
      'reconnect when a TCP feed is silent this long (0: never)',
      secondsArg,
      0,
    )
    .option('--max-backoff <seconds>', 'longest wait between TCP reconnection attempts', secondsArg, 30)
    .option('--quiet', 'no status lines on stderr (the summary is still printed)')
    .option('--name <feed>', 'feed name for the store and the raw logs (default from the address)')
    .option(
      '--detect-every <minutes>',
      'run detection over the last day this often while ingesting (0: never)',
      durationArg('minutes'),
      10,
    )
    .action(async (opts: ListenOptions, cmd: Command) => {
      await listenCommand(opts, cmd);
    });
}

function targetOf(opts: ListenOptions): FeedTarget {
  if ((opts.tcp === undefined) === (opts.udp === undefined)) {
    throw new CliError('give one of --tcp HOST:PORT or --udp [HOST:]PORT');
  }
  try {
    if (opts.tcp !== undefined) {
      const { host, port } = parseHostPort(opts.tcp);
      return { kind: 'tcp', host: host as string, port };
    }
    const { host, port } = parseHostPort(opts.udp as string, true);
    return { kind: 'udp', host: host ?? '0.0.0.0', port };
  } catch (err) {
    throw new CliError(`--${opts.tcp !== undefined ? 'tcp' : 'udp'} ${(err as Error).message}`);
  }
}

/** A socket error as the user should read it (a port taken, an address not of this machine). */
function feedError(err: unknown, target: FeedTarget): Error {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE')
    return new CliError(`UDP port ${target.port} on ${target.host} is already in use`);
  if (e.code === 'EADDRNOTAVAIL') return new CliError(`${target.host} is not an address of this machine`);
  return e;
}

function statusLine(s: FeedStatus): string {
  switch (s.state) {
    case 'connecting':
      return `connecting to ${s.target}${s.attempt > 1 ? ` (attempt ${s.attempt})` : ''}`;
    case 'connected':
      return `connected to ${s.target}`;
    case 'disconnected':
      return `disconnected from ${s.target}: ${s.reason}`;
    case 'retrying':
      return `retry in ${duration(s.delayMs)}`;
    case 'listening':
      return `listening on ${s.target}`;
    case 'stopped':
      return `stopped ${s.target}`;
  }
}

async function listenCommand(opts: ListenOptions, cmd: Command): Promise<void> {
  const target = targetOf(opts);
  if (opts.print === undefined) return ingestFeed(target, opts, cmd);
  const format = opts.print;
  const toLine: (m: DecodedMessage) => string = format === 'csv' ? csvLine : ndjsonLine;
  const decoder = new Decoder();
  let dropped = 0;
  const out = process.stdout;
  if (format === 'csv') out.write(CSV_HEADER);
  const onLine = (line: string, receivedAt: number) => {
    const m = decoder.push(line, receivedAt);
    if (m === null) return;
    if (out.writableLength > MAX_PENDING_OUTPUT) {
      dropped++;
      return;
    }
    out.write(toLine(m), 'latin1');
  };

  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let counters: FeedCounters;
  try {
    counters = await runFeed(target, {
      onLine,
      onStatus: (s) => {
        if (opts.quiet !== true && s.state !== 'stopped')
          process.stderr.write(`ais listen: ${statusLine(s)}\n`);
      },
      signal: abort.signal,
      idleTimeoutMs: opts.idleTimeout * 1000,
      maxBackoffMs: opts.maxBackoff * 1000,
    });
  } catch (err) {
    throw feedError(err, target);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  decoder.finish();
  process.stderr.write(summary(target, counters, decoder, dropped));
}

/** How often gathered positions are committed when the feed is quiet (ms). */
const COMMIT_EVERY_MS = 5000;

/**
 * Without --print: every line goes to the feed's raw log (the evidence) and into the store, committed every
 * few seconds; Ctrl-C commits what is gathered and prints a summary.
 */
async function ingestFeed(target: FeedTarget, opts: ListenOptions, cmd: Command): Promise<void> {
  const name = (opts.name ?? feedName(target)).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
  const logDir = join(resolve(globals(cmd).dataDir), 'feeds');
  await withStore(cmd, async (store) => {
    const live = new LiveIngest(store, { feed: name, logDir, actor: cliActor() });
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let failure: Error | null = null;
    const timer = setInterval(() => {
      live.flush().catch((err: Error) => {
        failure = err;
        abort.abort();
      });
    }, COMMIT_EVERY_MS);
    // detection follows the stream: every few minutes over the last day (events of that window are replaced)
    const screening = new ScreeningService(store);
    let detecting = false;
    const detector =
      opts.detectEvery > 0
        ? setInterval(() => {
            if (detecting) return;
            detecting = true;
            live
              .flush()
              .then(() =>
                detect(store, {
                  actor: cliActor(),
                  from: Date.now() - 86_400_000,
                  to: Date.now(),
                  screening,
                }),
              )
              .then((r) => {
                if (opts.quiet !== true && r.events > 0) {
                  process.stderr.write(
                    `ais listen: detection: ${r.events} events in the last day, ${r.alertsRaised} new alerts\n`,
                  );
                }
              })
              .catch((err: Error) => process.stderr.write(`ais listen: detection failed: ${err.message}\n`))
              .finally(() => {
                detecting = false;
              });
          }, opts.detectEvery * 60_000)
        : null;
    let counters: FeedCounters;
    try {
      if (opts.quiet !== true)
        process.stderr.write(
          `ais listen: ingesting as feed "${name}" into ${store.describe}; raw log under ${logDir}\n`,
        );
      counters = await runFeed(target, {
        onLine: (line, receivedAt) => live.push(line, receivedAt),
        onStatus: (s) => {
          if (opts.quiet !== true && s.state !== 'stopped')
            process.stderr.write(`ais listen: ${statusLine(s)}\n`);
        },
        signal: abort.signal,
        idleTimeoutMs: opts.idleTimeout * 1000,
        maxBackoffMs: opts.maxBackoff * 1000,
      });
    } catch (err) {
      throw feedError(err, target);
    } finally {
      clearInterval(timer);
      if (detector !== null) clearInterval(detector);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    const live_ = await live.close();
    if (failure !== null) throw new CliError(`writing to the store failed: ${(failure as Error).message}`);
    const rejected = Object.entries(live_.rejected).filter(([, n]) => n > 0);
    process.stderr.write(
      `ais listen: ${counters.lines} lines, ${live_.messages} messages; stored ${live_.positions} positions, ` +
        `${live_.staticReports} static reports in ${live_.flushes} commits\n` +
        `  rejected: ${rejected.reduce((a, [, n]) => a + n, 0)}${rejected.length > 0 ? ` (${rejected.map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}\n` +
        (target.kind === 'tcp'
          ? `  connections: ${counters.connections} (reconnects: ${Math.max(0, counters.connections - 1)})\n`
          : `  datagrams: ${counters.datagrams}\n`) +
        `  raw log: ${live.logFile}\n`,
    );
  });
}

function summary(target: FeedTarget, feed: FeedCounters, decoder: Decoder, dropped: number): string {
  const c = decoder.counters;
  const reasons = Object.entries(c.rejected).filter(([, n]) => n > 0);
  if (feed.tooLong > 0) reasons.push(['overlongLine', feed.tooLong]);
  if (feed.truncated > 0) reasons.push(['cutByDisconnect', feed.truncated]);
  reasons.sort((a, b) => b[1] - a[1]);
  const rejected = reasons.reduce((sum, [, n]) => sum + n, 0);
  const types = Object.entries(c.byType).map(([t, n]) => `${t}: ${n}`);
  return (
    `ais listen: ${feed.lines} lines, ${c.messages} messages, ${(feed.bytes / 1e6).toFixed(1)} MB\n` +
    `  by type: ${types.length > 0 ? types.join(', ') : 'none'}\n` +
    `  rejected: ${rejected}${reasons.length > 0 ? ` (${reasons.map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}\n` +
    (target.kind === 'tcp'
      ? `  connections: ${feed.connections} (reconnects: ${Math.max(0, feed.connections - 1)})\n`
      : `  datagrams: ${feed.datagrams}\n`) +
    (dropped > 0 ? `  records dropped (stdout not keeping up): ${dropped}\n` : '')
  );
}
