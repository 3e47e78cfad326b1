import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'node:test';
import { REPO_ROOT } from '../config/paths.ts';

const TYPE1 = '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C';
const T5_1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
const T5_2 = '!AIVDM,2,2,1,A,88888888880,2*25';

/** The text a stream has written so far, and a way to wait until it says enough. */
function collect(stream: Readable) {
  let text = '';
  const waiters: Array<{ test: (t: string) => boolean; resolve: () => void }> = [];
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    for (const w of [...waiters]) {
      if (w.test(text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    get text() {
      return text;
    },
    until(test: (t: string) => boolean): Promise<void> {
      if (test(text)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
  };
}

/** `watchkeeper` as a user starts it: through the bash launcher. */
function watchkeeper(args: string[]): ChildProcess {
  return spawn('bash', [join(REPO_ROOT, 'bin/watchkeeper'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  return code;
}

test('ais listen --tcp --print ndjson: decodes a TCP feed, Ctrl-C prints a summary', {
  timeout: 60_000,
}, async () => {
  const sockets = new Set<Socket>();
  const server = createServer(async (socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.write(`${TYPE1}\r\nnot a sentence\r\n${T5_1}\r\n`);
    // the second fragment in a later packet, split mid-line
    await new Promise((resolve) => setImmediate(resolve));
    socket.write(T5_2.slice(0, 10));
    await new Promise((resolve) => setImmediate(resolve));
    socket.write(`${T5_2.slice(10)}\r\n`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  const child = watchkeeper(['ais', 'listen', '--tcp', `127.0.0.1:${port}`, '--print', 'ndjson']);
  const out = collect(child.stdout as Readable);
  const err = collect(child.stderr as Readable);
  await out.until((t) => t.split('\n').length > 2);
  const code = await interrupt(child);
  for (const s of sockets) s.destroy();
  server.close();
  assert.equal(code, 0, err.text);
  const records = out.text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    records.map((r) => [r.type, r.mmsi]),
    [
      [1, 366053209],
      [5, 351759000],
    ],
  );
  assert.equal(records[1].shipname, 'EVER DIADEM');
  // no time in the sentences: the receive time is the local clock
  assert.ok(Math.abs(Date.parse(records[0].receivedAt) - Date.now()) < 3_600_000, records[0].receivedAt);
  assert.match(err.text, new RegExp(`ais listen: connected to tcp:127\\.0\\.0\\.1:${port}`));
  assert.match(err.text, /ais listen: 4 lines, 2 messages/);
  assert.match(err.text, /by type: 1: 1, 5: 1/);
  assert.match(err.text, /rejected: 1 \(\w+: 1\)/);
  assert.match(err.text, /connections: 1 \(reconnects: 0\)/);
});

test('ais listen --udp --print csv: a CSV header, then one row per message', {
  timeout: 60_000,
}, async () => {
  const probe = createSocket('udp4');
  probe.bind(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = probe.address().port;
  probe.close();
  const child = watchkeeper(['ais', 'listen', '--udp', `127.0.0.1:${port}`, '--print', 'csv']);
  const out = collect(child.stdout as Readable);
  const err = collect(child.stderr as Readable);
  await err.until((t) => t.includes('listening on'));
  const sender = createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    sender.send(`${TYPE1}\n${TYPE1}`, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
  );
  await out.until((t) => t.split('\n').length > 3);
  sender.close();
  const code = await interrupt(child);
  assert.equal(code, 0, err.text);
  const rows = out.text.trimEnd().split('\n');
  assert.match(rows[0], /^receivedAt,source,type,mmsi,/);
  assert.equal(rows.length, 3);
  assert.match(rows[1], /^\d{4}-\d\d-\d\dT[\d:.]+Z,,1,366053209,/);
  assert.match(err.text, /2 lines, 2 messages/);
  assert.match(err.text, /datagrams: 1/);
});

function wk(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    { encoding: 'utf8' },
  );
  return { code: r.status, err: r.stderr };
}

test('ais listen: usage errors are one clear line', () => {
  assert.match(wk(['ais', 'listen', '--print', 'ndjson']).err, /give one of --tcp HOST:PORT or --udp/);
  assert.match(
    wk(['ais', 'listen', '--tcp', 'a:1', '--udp', '2', '--print', 'ndjson']).err,
    /give one of --tcp/,
  );
  assert.match(
    wk(['ais', 'listen', '--tcp', '10110', '--print', 'csv']).err,
    /--tcp "10110": expected HOST:PORT/,
  );
  assert.match(wk(['ais', 'listen', '--udp', 'x:70000', '--print', 'csv']).err, /port must be 1–65535/);
  assert.match(
    wk(['ais', 'listen', '--tcp', 'a:1', '--print', 'xml']).err,
    /Allowed choices are ndjson, csv/,
  );
});

test('ais listen --tcp (no --print): ingests into the store, keeps a raw log, and vessels show it', {
  timeout: 60_000,
}, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wk-listen-'));
  try {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      // then close: the client reports the disconnection after it has read every line
      socket.end(`${TYPE1}\r\n${T5_1}\r\n${T5_2}\r\n`);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const child = watchkeeper([
      '--data-dir',
      dataDir,
      'ais',
      'listen',
      '--tcp',
      `127.0.0.1:${port}`,
      '--name',
      'local',
    ]);
    const err = collect(child.stderr as Readable);
    await err.until((t) => t.includes('disconnected from'));
    // Ctrl-C commits what was gathered
    const code = await interrupt(child);
    for (const s of sockets) s.destroy();
    server.close();
    assert.equal(code, 0, err.text);
    assert.match(err.text, /stored 1 positions, 1 static reports/);
    const logs = readdirSync(join(dataDir, 'feeds', 'local'));
    assert.equal(logs.length, 1);
    assert.match(readFileSync(join(dataDir, 'feeds', 'local', logs[0] as string), 'latin1'), /15M67FC000G/);
    const shown = spawnSync(
      'bash',
      [join(REPO_ROOT, 'bin/watchkeeper'), '--data-dir', dataDir, 'vessels', 'search', '--json'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(shown.status, 0, shown.stderr);
    const found = JSON.parse(shown.stdout) as { items: { mmsi: number; name: string | null }[] };
    assert.deepEqual(found.items.map((v) => v.mmsi).sort(), [351759000, 366053209]);
    assert.equal(found.items.find((v) => v.mmsi === 351759000)?.name, 'EVER DIADEM');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
