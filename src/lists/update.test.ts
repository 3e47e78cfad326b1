import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_LIST_URLS, downloadList, ListDownloadError, listDownloads } from './update.ts';

const LIST = '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2025-01-01"/>\n';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** One local server whose behaviour each test sets, counting requests per path. */
let server: Server;
let base: string;
let handler: Handler;
let requests: IncomingMessage[] = [];
let dir: string;

before(async () => {
  server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  requests = [];
  dir = await mkdtemp(join(tmpdir(), 'wk-update-'));
});

async function filesIn(d: string): Promise<string[]> {
  return (await readdir(d)).sort();
}

function serveList(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers['if-none-match'] === ETAG) {
    res.writeHead(304, { etag: ETAG });
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(LIST),
    etag: ETAG,
    'last-modified': LAST_MODIFIED,
  });
  res.end(LIST);
}

const fast = { retryDelayMs: 5, timeoutMs: 2000 };

describe('downloadList', () => {
  test('downloads into destDir with sha256, validators and progress', async () => {
    handler = serveList;
    const progress: [number, number | undefined][] = [];
    const result = await downloadList({
      url: `${base}/consolidated.xml`,
      destDir: dir,
      onProgress: (bytes, total) => progress.push([bytes, total]),
      ...fast,
    });
    assert.equal(result.status, 'downloaded');
    assert.ok(result.status === 'downloaded');
    assert.equal(result.file, join(dir, 'consolidated.xml'));
    assert.equal(await readFile(result.file, 'utf8'), LIST);
    assert.equal(result.sha256, sha(LIST));
    assert.equal(result.bytes, Buffer.byteLength(LIST));
    assert.equal(result.etag, ETAG);
    assert.equal(result.lastModified, LAST_MODIFIED);
    assert.deepEqual(progress.at(-1), [Buffer.byteLength(LIST), Buffer.byteLength(LIST)]);
    assert.deepEqual(await filesIn(dir), ['consolidated.xml'], 'no temporary file left');
    assert.match(String(requests[0].headers['user-agent']), /^watchkeeper\//);
    await rm(dir, { recursive: true });
  });

  test('sends If-None-Match / If-Modified-Since and reports not-modified on 304', async () => {
    handler = serveList;
    const result = await downloadList({
      url: `${base}/consolidated.xml`,
      destDir: dir,
      fileName: 'un.xml',
      previous: { etag: ETAG, lastModified: LAST_MODIFIED, sha256: sha(LIST) },
      ...fast,
    });
    assert.deepEqual(result, { status: 'not-modified', url: `${base}/consolidated.xml`, etag: ETAG });
    assert.equal(requests[0].headers['if-none-match'], ETAG);
    assert.equal(requests[0].headers['if-modified-since'], LAST_MODIFIED);
    assert.deepEqual(await filesIn(dir), []);
    await rm(dir, { recursive: true });
  });

  test('same content as before (server ignored the validators): unchanged, nothing written', async () => {
    handler = serveList;
    const result = await downloadList({
      url: `${base}/consolidated.xml`,
      destDir: dir,
      previous: { etag: '"old"', sha256: sha(LIST) },
      ...fast,
    });
    assert.equal(result.status, 'unchanged');
    assert.ok(result.status === 'unchanged');
    assert.equal(result.sha256, sha(LIST));
    assert.equal(result.etag, ETAG, 'the new validators come back so the caller can store them');
    assert.deepEqual(await filesIn(dir), []);
    await rm(dir, { recursive: true });
  });

  test('retries a 500 and then succeeds', async () => {
    let calls = 0;
    handler = (req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(500);
        res.end('busy');
        return;
      }
      serveList(req, res);
    };
    const result = await downloadList({ url: `${base}/SDN.XML`, destDir: dir, ...fast });
    assert.equal(result.status, 'downloaded');
    assert.equal(calls, 2);
    assert.deepEqual(await filesIn(dir), ['SDN.XML']);
    await rm(dir, { recursive: true });
  });

  test('gives up after the retries on persistent 5xx', async () => {
    handler = (_req, res) => {
      res.writeHead(503);
      res.end();
    };
    await assert.rejects(downloadList({ url: `${base}/x.xml`, destDir: dir, retries: 2, ...fast }), (err) => {
      assert.ok(err instanceof ListDownloadError);
      assert.equal(err.status, 503);
      assert.match(err.message, /HTTP 503.*after 3 attempts/);
      return true;
    });
    assert.equal(requests.length, 3);
    await rm(dir, { recursive: true });
  });

  test('does not retry a 4xx', async () => {
    handler = (_req, res) => {
      res.writeHead(403);
      res.end('bad token');
    };
    await assert.rejects(downloadList({ url: `${base}/content?token=x`, destDir: dir, ...fast }), (err) => {
      assert.ok(err instanceof ListDownloadError);
      assert.equal(err.status, 403);
      assert.equal(err.retryable, false);
      return true;
    });
    assert.equal(requests.length, 1);
    assert.deepEqual(await filesIn(dir), []);
    await rm(dir, { recursive: true });
  });

  test('a truncated body is an error and leaves no partial file', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write(Buffer.alloc(40_000, 0x41));
      // Let the first bytes reach the client before the connection drops.
      setTimeout(() => res.socket?.destroy(), 20);
    };
    await assert.rejects(
      downloadList({ url: `${base}/ConList.csv`, destDir: dir, retries: 1, ...fast }),
      (err) => {
        assert.ok(err instanceof ListDownloadError);
        assert.match(err.message, /truncated response from 127\.0\.0\.1:\d+: got \d+ of 100000 bytes/);
        return true;
      },
    );
    assert.equal(requests.length, 2, 'truncation is retried');
    assert.deepEqual(await filesIn(dir), []);
    await rm(dir, { recursive: true });
  });

  test('a stalled response times out', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.write('x');
    };
    await assert.rejects(
      downloadList({ url: `${base}/slow.xml`, destDir: dir, retries: 0, retryDelayMs: 5, timeoutMs: 150 }),
      /no data from 127\.0\.0\.1:\d+ for 150 ms/,
    );
    assert.deepEqual(await filesIn(dir), []);
    server.closeAllConnections();
    await rm(dir, { recursive: true });
  });

  test('a closed port reads as offline', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await assert.rejects(
      downloadList({ url: `http://127.0.0.1:${port}/consolidated.xml`, destDir: dir, retries: 1, ...fast }),
      (err) => {
        assert.ok(err instanceof ListDownloadError);
        assert.match(
          err.message,
          new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port}: are you offline\\? \\(ECONNREFUSED`),
        );
        assert.equal(err.host, `127.0.0.1:${port}`);
        return true;
      },
    );
    assert.deepEqual(await filesIn(dir), []);
    await rm(dir, { recursive: true });
  });

  test('an unknown host reads as offline (injected fetch)', async () => {
    let calls = 0;
    const failingFetch = (async () => {
      calls++;
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND scsanctions.un.org'), { code: 'ENOTFOUND' }),
      });
    }) as typeof fetch;
    await assert.rejects(
      downloadList({ url: DEFAULT_LIST_URLS.un!, destDir: dir, fetch: failingFetch, retries: 2, ...fast }),
      /^ListDownloadError: cannot reach scsanctions\.un\.org: are you offline\? \(ENOTFOUND/,
    );
    assert.equal(calls, 3);
    await rm(dir, { recursive: true });
  });

  test('streams a large body with the right hash and size', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x5a);
    const chunks = 24;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': chunk.length * chunks });
      let sent = 0;
      const pump = () => {
        while (sent < chunks) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    };
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(chunk);
    const result = await downloadList({ url: `${base}/big.xml`, destDir: dir, ...fast });
    assert.ok(result.status === 'downloaded');
    assert.equal(result.bytes, chunk.length * chunks);
    assert.equal(result.sha256, expected.digest('hex'));
    await rm(dir, { recursive: true });
  });
});

describe('listDownloads', () => {
  test('the EU list is off until configured; overrides and environment win', () => {
    const defaults = listDownloads({}, {});
    assert.equal(defaults.find((d) => d.id === 'eu')?.url, undefined);
    assert.equal(
      defaults.find((d) => d.id === 'un')?.url,
      'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    );
    assert.match(defaults.find((d) => d.id === 'ofac-consolidated')?.url ?? '', /CONSOLIDATED\.XML$/);
    assert.equal(new Set(defaults.map((d) => d.fileName)).size, defaults.length);

    const eu = 'https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=abc';
    const configured = listDownloads(
      { uk: 'https://example.org/list.csv' },
      { WATCHKEEPER_EU_LIST_URL: ` ${eu} ` },
    );
    assert.equal(configured.find((d) => d.id === 'eu')?.url, eu);
    assert.equal(configured.find((d) => d.id === 'uk')?.url, 'https://example.org/list.csv');
  });
});
