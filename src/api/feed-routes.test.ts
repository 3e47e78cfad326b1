import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { encodeClassAPosition, toSentences } from '../ais/encode.ts';
import { createApiToken, createUser } from '../auth/service.ts';
import { FeedManager } from '../maritime/feed-manager.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { trackTotals } from '../store/vessels.ts';
import { buildServer } from './server.ts';

const engine = TEST_ENGINES[0];

/** Waits until `check` holds, polling the condition (no fixed sleeps); fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('HTTP API: live AIS feeds run by the server', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let feeds: FeedManager;
  let source: Server;
  const sockets = new Set<Socket>();
  const logDir = mkdtempSync(join(tmpdir(), 'wk-feeds-'));
  const tokens: Record<string, string> = {};
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });
  const now = Date.now();
  const lines = [0, 1, 2].map(
    (i) =>
      toSentences(
        encodeClassAPosition({
          mmsi: 440123456,
          lat: 37 + i * 0.001,
          lon: 124.5,
          sog: 9,
          cog: 0,
          heading: 0,
        }),
        {
          time: now - 60_000 + i * 10_000,
        },
      )[0] as string,
  );

  before(async () => {
    ({ store, cleanup } = await engine.open());
    feeds = new FeedManager(store, { logDir, commitEveryMs: 100, detectEveryMs: 0 });
    app = await buildServer({ store, feeds });
    for (const role of ['admin', 'viewer']) {
      await createUser(store, { name: role, role, password: `${role} password 123` }, 'test');
      tokens[role] = (await createApiToken(store, role, undefined, 'test')).token;
    }
    // an AIS source as AIS-catcher serves it: lines to every client that connects
    source = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.write(`${lines.join('\r\n')}\r\n`);
    });
    source.listen(0, '127.0.0.1');
    await once(source, 'listening');
  });
  after(async () => {
    await feeds.close();
    await app.close();
    for (const s of sockets) s.destroy();
    source.close();
    await cleanup();
    rmSync(logDir, { recursive: true, force: true });
  });

  test('an admin adds a TCP feed: the server connects, stores positions, and shows the status', async () => {
    const port = (source.address() as { port: number }).port;
    const body = { name: 'local catcher', kind: 'tcp', host: '127.0.0.1', port };
    assert.equal(
      (await app.inject({ method: 'POST', url: '/api/feeds', payload: body, headers: auth('viewer') }))
        .statusCode,
      403,
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: { ...body, port: 70000 },
      headers: auth('admin'),
    });
    assert.equal(bad.statusCode, 400);
    const r = await app.inject({ method: 'POST', url: '/api/feeds', payload: body, headers: auth('admin') });
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id as string;
    await until(async () => (await trackTotals(store)).positions === 3);
    const list = (await app.inject({ url: '/api/feeds', headers: auth('viewer') })).json();
    assert.equal(list.managed, true);
    const feed = list.items.find((f: { id: string }) => f.id === id);
    assert.equal(feed.status.running, true);
    assert.equal(feed.status.lines, 3);
    assert.equal(feed.status.connections, 1);
    assert.deepEqual(readdirSync(join(logDir, 'local_catcher')).length, 1, 'the raw log of the day');
    const dup = await app.inject({
      method: 'POST',
      url: '/api/feeds',
      payload: body,
      headers: auth('admin'),
    });
    assert.equal(dup.statusCode, 400, 'a second feed of the same name is refused');

    // disabling stops it; removing it keeps what it stored
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/feeds/${id}`,
      payload: { enabled: false },
      headers: auth('admin'),
    });
    assert.equal(off.statusCode, 200);
    const stopped = (await app.inject({ url: '/api/feeds', headers: auth('viewer') })).json();
    assert.equal(stopped.items[0].status.running, false);
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/api/feeds/${id}`, headers: auth('admin') })).statusCode,
      200,
    );
    assert.equal((await app.inject({ url: '/api/feeds', headers: auth('viewer') })).json().items.length, 0);
    const audit = (await app.inject({ url: '/api/audit', headers: auth('admin') })).json() as {
      action: string;
    }[];
    assert.deepEqual(
      audit.filter((a) => a.action.startsWith('feed.')).map((a) => a.action),
      ['feed.remove', 'feed.disable', 'feed.create'],
      'feed changes are audit-logged, newest first',
    );
    assert.equal((await trackTotals(store)).positions, 3);
    assert.equal(
      (await app.inject({ method: 'DELETE', url: `/api/feeds/${id}`, headers: auth('admin') })).statusCode,
      404,
    );
  });
});
