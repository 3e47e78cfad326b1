import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import {
  type FeedCounters,
  type FeedStatus,
  feedName,
  parseHostPort,
  runTcpFeed,
  runUdpFeed,
  type TcpFeedOptions,
} from './feed.ts';

/** Items arriving from callbacks, awaited by count: tests wait on events, never on fixed sleeps. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  push = (item: T): void => {
    this.items.push(item);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  };

  /** Resolves once `test` holds on the items seen so far. */
  until(test: (items: T[]) => boolean): Promise<void> {
    if (test(this.items)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test: () => test(this.items), resolve }));
  }

  count(n: number): Promise<void> {
    return this.until((items) => items.length >= n);
  }
}

const openSockets = new WeakMap<Server, Set<Socket>>();

async function listen(onConnection: (socket: Socket, n: number) => void, port = 0): Promise<Server> {
  let n = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onConnection(socket, ++n);
  });
  openSockets.set(server, sockets);
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;

async function close(server: Server): Promise<void> {
  for (const socket of openSockets.get(server) ?? []) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A TCP feed to 127.0.0.1:port with fast retries; lines and statuses go to inboxes. */
function tcpFeed(port: number, extra: Partial<TcpFeedOptions> = {}) {
  const lines = new Inbox<[string, number]>();
  const statuses = new Inbox<FeedStatus>();
  const abort = new AbortController();
  const run: Promise<FeedCounters> = runTcpFeed({
    host: '127.0.0.1',
    port,
    initialBackoffMs: 5,
    maxBackoffMs: 20,
    onLine: (line, t) => lines.push([line, t]),
    onStatus: statuses.push,
    signal: abort.signal,
    ...extra,
  });
  return { lines, statuses, abort, run, text: () => lines.items.map(([l]) => l) };
}

const states = (s: FeedStatus[]) => s.map((x) => x.state);

test('TCP: lines split across packets are joined; CRLF, blank and over-long lines handled', async () => {
  const secondHalf = Promise.withResolvers<void>();
  const server = await listen(async (socket, n) => {
    if (n > 1) return;
    socket.write('!AIVDM,first*00\r\n\r\n!AIVDM,sec');
    await secondHalf.promise;
    socket.write(`ond*00\n${'x'.repeat(5000)}\nafter\npartial`);
    socket.end();
  });
  let now = 1000;
  const feed = tcpFeed(portOf(server), { maxLineLength: 100, clock: () => now++ });
  await feed.lines.count(1);
  secondHalf.resolve();
  await feed.lines.count(3);
  assert.deepEqual(feed.text(), ['!AIVDM,first*00', '!AIVDM,second*00', 'after']);
  // each line carries the clock at the receipt of the packet that completed it
  assert.equal(feed.lines.items[0][1], 1000);
  assert.ok(feed.lines.items[1][1] > 1000);
  await feed.statuses.until((s) => s.some((x) => x.state === 'disconnected'));
  feed.abort.abort();
  const counters = await feed.run;
  assert.equal(counters.lines, 3);
  assert.equal(counters.tooLong, 1);
  assert.equal(counters.blank, 1);
  assert.equal(counters.truncated, 1);
  assert.equal(counters.connections, 1);
  await close(server);
});

test('TCP: the server closes, the client reconnects and resumes', async () => {
  const server = await listen((socket, n) => {
    socket.end(`line ${n}\n`);
  });
  const feed = tcpFeed(portOf(server));
  await feed.lines.count(3);
  feed.abort.abort();
  const counters = await feed.run;
  assert.deepEqual(feed.text().slice(0, 3), ['line 1', 'line 2', 'line 3']);
  assert.ok(counters.connections >= 3);
  const s = states(feed.statuses.items);
  assert.deepEqual(s.slice(0, 6), [
    'connecting',
    'connected',
    'disconnected',
    'retrying',
    'connecting',
    'connected',
  ]);
  assert.equal(s.at(-1), 'stopped');
  const disconnected = feed.statuses.items.find((x) => x.state === 'disconnected');
  assert.deepEqual(disconnected, {
    state: 'disconnected',
    target: feedName({ kind: 'tcp', host: '127.0.0.1', port: portOf(server) }),
    reason: 'closed by peer',
  });
  await close(server);
});

test('TCP: no server at first, retries until one is up', async () => {
  const probe = await listen(() => {});
  const port = portOf(probe);
  await close(probe);
  const feed = tcpFeed(port);
  await feed.statuses.until((s) => s.filter((x) => x.state === 'retrying').length >= 2);
  const refused = feed.statuses.items.find((x) => x.state === 'disconnected');
  assert.deepEqual(refused && 'reason' in refused ? refused.reason : null, 'connection refused');
  const server = await listen((socket) => socket.write('hello\n'), port);
  await feed.lines.count(1);
  assert.deepEqual(feed.text(), ['hello']);
  feed.abort.abort();
  assert.equal((await feed.run).connections, 1);
  await close(server);
});

test('TCP: backoff doubles up to the cap, and starts again after a healthy connection', async () => {
  const probe = await listen(() => {});
  const port = portOf(probe);
  await close(probe);
  const delays = (items: FeedStatus[]) => items.flatMap((x) => (x.state === 'retrying' ? [x.delayMs] : []));
  // random() = 1: no jitter, the nominal delays
  const refused = tcpFeed(port, { initialBackoffMs: 5, maxBackoffMs: 20, random: () => 1 });
  await refused.statuses.until((s) => delays(s).length >= 5);
  refused.abort.abort();
  await refused.run;
  assert.deepEqual(delays(refused.statuses.items).slice(0, 5), [5, 10, 20, 20, 20]);
  // jitter keeps each delay within half of the nominal one
  const jittered = tcpFeed(port, { initialBackoffMs: 8, maxBackoffMs: 16, random: () => 0 });
  await jittered.statuses.until((s) => delays(s).length >= 3);
  jittered.abort.abort();
  await jittered.run;
  assert.deepEqual(delays(jittered.statuses.items).slice(0, 3), [4, 8, 8]);
  // every connection delivers a line: each retry waits the first delay
  const server = await listen((socket) => socket.end('ok\n'));
  const healthy = tcpFeed(portOf(server), { initialBackoffMs: 5, maxBackoffMs: 20, random: () => 1 });
  await healthy.statuses.until((s) => delays(s).length >= 4);
  healthy.abort.abort();
  await healthy.run;
  assert.deepEqual(delays(healthy.statuses.items).slice(0, 4), [5, 5, 5, 5]);
  await close(server);
});

test('TCP: a silent feed is dropped after the idle timeout and reconnected', async () => {
  const server = await listen((socket, n) => {
    if (n === 2) socket.write('alive\n');
  });
  const feed = tcpFeed(portOf(server), { idleTimeoutMs: 30 });
  await feed.lines.count(1);
  const idle = feed.statuses.items.find((x) => x.state === 'disconnected');
  assert.match(idle && 'reason' in idle ? idle.reason : '', /^no data for 30 ms$/);
  feed.abort.abort();
  assert.equal((await feed.run).connections, 2);
  await close(server);
});

test('TCP: abort stops a connected feed and a feed waiting to retry', async () => {
  const closedByClient = Promise.withResolvers<void>();
  const server = await listen((socket) => {
    socket.write('one\n');
    socket.on('close', () => closedByClient.resolve());
  });
  const feed = tcpFeed(portOf(server));
  await feed.lines.count(1);
  feed.abort.abort();
  const counters = await feed.run;
  await closedByClient.promise;
  assert.equal(counters.lines, 1);
  assert.deepEqual(states(feed.statuses.items), ['connecting', 'connected', 'stopped']);
  await close(server);

  const probe = await listen(() => {});
  const port = portOf(probe);
  await close(probe);
  const waiting = tcpFeed(port, { initialBackoffMs: 60_000, maxBackoffMs: 60_000 });
  await waiting.statuses.until((s) => s.some((x) => x.state === 'retrying'));
  waiting.abort.abort();
  await waiting.run;
  assert.equal(waiting.statuses.items.at(-1)?.state, 'stopped');
});

test('TCP: a peer sending garbage with no newline is cut at the line cap', async () => {
  const server = await listen(async (socket) => {
    const block = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 64; i++) {
      if (!socket.write(block)) await once(socket, 'drain');
    }
    socket.write('\n!AIVDM,ok*00\n');
  });
  const feed = tcpFeed(portOf(server), { maxLineLength: 1024 });
  await feed.lines.count(1);
  feed.abort.abort();
  const counters = await feed.run;
  assert.deepEqual(feed.text(), ['!AIVDM,ok*00']);
  assert.equal(counters.tooLong, 1);
  assert.ok(counters.bytes > 4 << 20);
  await close(server);
});

test('TCP: an exception in onLine ends the run with that error', async () => {
  const server = await listen((socket) => socket.write('boom\n'));
  const feed = tcpFeed(portOf(server), {
    onLine: () => {
      throw new Error('consumer failed');
    },
  });
  await assert.rejects(feed.run, /consumer failed/);
  await close(server);
});

test('UDP: several lines per datagram, the datagram end ends a line, abort stops', async () => {
  const lines = new Inbox<string>();
  const statuses = new Inbox<FeedStatus>();
  const abort = new AbortController();
  const run = runUdpFeed({
    host: '127.0.0.1',
    port: 0,
    maxLineLength: 100,
    onLine: (line) => lines.push(line),
    onStatus: statuses.push,
    signal: abort.signal,
  });
  await statuses.until((s) => s.some((x) => x.state === 'listening'));
  const listening = statuses.items.find((x) => x.state === 'listening');
  const port = listening?.state === 'listening' ? listening.port : 0;
  const sender = createSocket('udp4');
  const send = (text: string) =>
    new Promise<void>((resolve, reject) =>
      sender.send(Buffer.from(text), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
    );
  await send('a\r\nb\n\nc');
  await lines.count(3);
  await send(`${'y'.repeat(500)}\nd`);
  await lines.count(4);
  sender.close();
  abort.abort();
  const counters = await run;
  assert.deepEqual(lines.items, ['a', 'b', 'c', 'd']);
  assert.equal(counters.datagrams, 2);
  assert.equal(counters.tooLong, 1);
  assert.equal(counters.blank, 1);
  assert.equal(statuses.items.at(-1)?.state, 'stopped');
});

test('UDP: a port in use is an error', async () => {
  const taken = createSocket('udp4');
  taken.bind(0, '127.0.0.1');
  await once(taken, 'listening');
  await assert.rejects(
    runUdpFeed({ host: '127.0.0.1', port: taken.address().port, onLine: () => {} }),
    /EADDRINUSE/,
  );
  taken.close();
});

test('parseHostPort and feedName', () => {
  assert.deepEqual(parseHostPort('127.0.0.1:10110'), { host: '127.0.0.1', port: 10110 });
  assert.deepEqual(parseHostPort('ais.example.org:5631'), { host: 'ais.example.org', port: 5631 });
  assert.deepEqual(parseHostPort('[::1]:10110'), { host: '::1', port: 10110 });
  assert.deepEqual(parseHostPort('10110', true), { host: undefined, port: 10110 });
  assert.throws(() => parseHostPort('10110'), /HOST:PORT/);
  assert.throws(() => parseHostPort('host:0'), /port must be/);
  assert.throws(() => parseHostPort('host:99999'), /port must be/);
  assert.throws(() => parseHostPort('::1:10110'), /IPv6 as/);
  assert.equal(feedName({ kind: 'udp', host: '::1', port: 1 }), 'udp:[::1]:1');
});
