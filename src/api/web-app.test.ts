import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser } from '../auth/service.ts';
import { missingShared, sharedFile } from '../config/paths.ts';
import { importListFile } from '../lists/import.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { buildServer } from './server.ts';
import { webBuildState } from './web-app.ts';

const engine = TEST_ENGINES[0];

/** A stand-in for web/: sources and (optionally) a built bundle. */
async function fakeWebRoot(built: boolean): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'wk-web-'));
  await mkdir(join(root, 'src'), { recursive: true });
  await writeFile(join(root, 'src', 'main.tsx'), 'export {};\n');
  await writeFile(join(root, 'index.html'), '<!doctype html><div id="root"></div>\n');
  if (built) {
    await mkdir(join(root, 'dist', 'assets'), { recursive: true });
    await writeFile(
      join(root, 'dist', 'index.html'),
      '<!doctype html><title>Watchkeeper</title><div id="root"></div>\n',
    );
    await writeFile(join(root, 'dist', 'assets', 'index-abc123.js'), 'console.log(1);\n');
    await writeFile(join(root, 'dist', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    // The bundle is newer than its sources.
    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'dist', 'index.html'), later, later);
  }
  return root;
}

describe('web app build state', () => {
  test('missing without a bundle, fresh after a build, stale when a source changes', async () => {
    const bare = await fakeWebRoot(false);
    const built = await fakeWebRoot(true);
    try {
      assert.equal(webBuildState(bare), 'missing');
      assert.equal(webBuildState(built), 'fresh');
      const newer = new Date(Date.now() + 120_000);
      await utimes(join(built, 'src', 'main.tsx'), newer, newer);
      assert.equal(webBuildState(built), 'stale');
      // A deployment that ships only the bundle (no sources) is served as it is.
      await rm(join(built, 'src'), { recursive: true });
      assert.equal(webBuildState(built), 'fresh');
    } finally {
      await rm(bare, { recursive: true, force: true });
      await rm(built, { recursive: true, force: true });
    }
  });
});

describe('serving the web app', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let root: string;

  before(async () => {
    ({ store, cleanup } = await engine.open());
    root = await fakeWebRoot(true);
    app = await buildServer({ store, webDir: join(root, 'dist') });
  });
  after(async () => {
    await app.close();
    await cleanup();
    await rm(root, { recursive: true, force: true });
  });

  test('the app at / and at its own URLs (SPA fallback), revalidated; hashed assets cached for a year', async () => {
    for (const url of ['/', '/entities/un-kpi-033', '/screening?name=kim', '/lists/un/diff']) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 200, url);
      assert.match(r.headers['content-type'] as string, /text\/html/, url);
      assert.match(r.body, /<title>Watchkeeper<\/title>/, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    }
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal((await app.inject({ url: '/favicon.svg' })).headers['cache-control'], 'no-cache');
  });

  test('a missing asset is a 404, not the page; API paths keep JSON errors and access control', async () => {
    assert.equal((await app.inject({ url: '/assets/index-old.js' })).statusCode, 404);
    const api = await app.inject({ url: '/api/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error, 'not_found');
    assert.equal((await app.inject({ url: '/match/nothing/else' })).statusCode, 404);
    assert.equal((await app.inject({ method: 'POST', url: '/entities' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/lists' })).statusCode, 401, 'data still needs a session');
    assert.equal((await app.inject({ url: '/healthz' })).json().status, 'ok');
    const docs = await app.inject({ url: '/api/openapi.json' });
    assert.ok(!Object.keys(docs.json().paths).some((p) => p === '/*'), 'the static files are not API routes');
  });
});

describe('batch screening endpoint', {
  skip: missingShared('lists', 'un', 'un-consolidated-2026-02-27.xml'),
}, () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let viewer: string;

  before(async () => {
    ({ store, cleanup } = await engine.open());
    await importListFile(store, sharedFile('lists', 'un', 'un-consolidated-2026-02-27.xml')!, {
      actor: 'test',
    });
    app = await buildServer({ store });
    await createUser(store, { name: 'vic', role: 'viewer', password: 'viewer password 1' }, 'test');
    viewer = (await createApiToken(store, 'vic', undefined, 'test')).token;
  });
  after(async () => {
    await app.close();
    await cleanup();
  });

  test('answers the CSV with the top hit beside each row (viewers may screen)', async () => {
    const csv =
      'name,type,dob,ref\nRi Won Ho,person,1964-07-17,a\nNobody Atall Example,person,,b\n,person,,c\n';
    const r = await app.inject({
      method: 'POST',
      url: '/api/screening/batch?dataset=un',
      headers: { authorization: `Bearer ${viewer}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.headers['content-type'] as string, /text\/csv/);
    assert.match(r.headers['content-disposition'] as string, /attachment/);
    const lines = r.body.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^name,type,dob,ref,match_count,top_id,top_name,top_score,top_match/);
    assert.match(lines[1], /^Ri Won Ho,person,1964-07-17,a,1,un-kpi-033,RI WON HO,1\.000,true/);
    assert.match(lines[2], /^Nobody Atall Example,person,,b,0,/);
    assert.match(lines[3], /no name/);
  });

  test('a CSV with nothing to screen on is refused with the reason; no credentials, no screening', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/screening/batch',
      headers: { authorization: `Bearer ${viewer}`, 'content-type': 'text/csv' },
      payload: 'customer,amount\nx,1\n',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().message, /no column to screen on/);
    const anon = await app.inject({
      method: 'POST',
      url: '/api/screening/batch',
      headers: { 'content-type': 'text/csv' },
      payload: 'name\nx\n',
    });
    assert.equal(anon.statusCode, 401);
  });
});
