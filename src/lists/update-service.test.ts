import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { updateLists } from './update-service.ts';

const file = ['lists', 'un', 'un-consolidated-2025-12-09.xml'];
let server: Server;
let base = '';
let hits = 0;
before(async () => {
  const body = sharedFile(...file) ? readFileSync(sharedFile(...file)!) : Buffer.alloc(0);
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/broken') {
      res.writeHead(500).end('down');
      return;
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { etag, 'content-length': body.length, 'content-type': 'application/xml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('lists update downloads, imports, then asks conditionally and skips', {
  skip: missingShared(...file),
}, async () => {
  const { store, cleanup } = await TEST_ENGINES[0].open();
  const dir = mkdtempSync(join(tmpdir(), 'wk-dl-'));
  try {
    const urls = { un: `${base}/consolidated.xml`, uk: `${base}/broken` };
    const first = await updateLists(store, { downloadDir: dir, actor: 'test', urls, retryDelayMs: 1 });
    const un = first.find((o) => o.id === 'un')!;
    assert.equal(un.status, 'imported');
    assert.equal(un.records, 727 + 273);
    assert.equal(
      first.find((o) => o.id === 'uk')!.status,
      'failed',
      'a failing source is reported, the others go on',
    );
    assert.equal(first.find((o) => o.id === 'eu')!.status, 'not-configured');
    const second = await updateLists(store, { downloadDir: dir, actor: 'test', urls, source: 'un' });
    assert.deepEqual(
      second.map((o) => [o.id, o.status]),
      [['un', 'not-modified']],
    );
    // A port that was just free: nothing listens there (port 9 would be refused by fetch itself as unsafe).
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const offline = await updateLists(store, {
      downloadDir: dir,
      actor: 'test',
      source: 'un',
      urls: { un: `http://127.0.0.1:${closedPort}/consolidated.xml` },
      retryDelayMs: 1,
    });
    assert.equal(offline[0].status, 'failed');
    assert.match(offline[0].message!, /cannot reach|offline/i);
    assert.ok(hits >= 3);
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
