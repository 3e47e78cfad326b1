import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser } from '../auth/service.ts';
import { missingShared } from '../config/paths.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { buildServer } from './server.ts';

const engine = TEST_ENGINES[0];
const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json') ||
  missingShared('geo', 'korea-region-territorial-seas.geojson');

describe('HTTP API: the demo AIS scenario (simulate, ingest, detect)', { skip }, () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  const fileDir = mkdtempSync(join(tmpdir(), 'wk-demo-files-'));
  const tokens: Record<string, string> = {};
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });
  const small = { vessels: 20, hours: 2, seed: 7 };

  before(async () => {
    ({ store, cleanup } = await engine.open());
    app = await buildServer({ store, aisFileDir: fileDir });
    for (const role of ['analyst', 'viewer']) {
      await createUser(store, { name: role, role, password: `${role} password 123` }, 'test');
      tokens[role] = (await createApiToken(store, role, undefined, 'test')).token;
    }
  });
  after(async () => {
    await app.close();
    await cleanup();
    rmSync(fileDir, { recursive: true, force: true });
  });

  test('viewers may not generate it; bad sizes are refused', async () => {
    const viewer = await app.inject({
      method: 'POST',
      url: '/api/demo/scenario',
      payload: small,
      headers: auth('viewer'),
    });
    assert.equal(viewer.statusCode, 403);
    const big = await app.inject({
      method: 'POST',
      url: '/api/demo/scenario',
      payload: { vessels: 1_000_000 },
      headers: auth('analyst'),
    });
    assert.equal(big.statusCode, 400);
  });

  test('an analyst gets vessels, positions and events in the store; a second call finds the file ingested', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/demo/scenario',
      payload: small,
      headers: auth('analyst'),
    });
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.ingest.outcome, 'ingested');
    assert.ok(body.ingest.positions > 1000, `positions: ${body.ingest.positions}`);
    // (a vessel may stay silent in so short a scenario: at anchor, or dark)
    assert.ok(body.ingest.vessels >= small.vessels * 0.75, `vessels: ${body.ingest.vessels}`);
    assert.equal(body.scenario.vessels, small.vessels);
    assert.ok(body.detection, 'detection ran');
    assert.equal(body.detection.preset, 'gfw');
    // The file stays under the server's AIS folder: positions refer to their raw sentences there.
    assert.ok(body.scenario.file.startsWith(fileDir), body.scenario.file);
    assert.ok(existsSync(body.scenario.file));
    const vessels = (
      await app.inject({ method: 'GET', url: '/api/vessels?limit=1', headers: auth('viewer') })
    ).json();
    assert.equal(vessels.total, body.ingest.vessels);
    const sources = (
      await app.inject({ method: 'GET', url: '/api/ais/sources', headers: auth('viewer') })
    ).json();
    assert.equal(sources.items.length, 1);

    const again = await app.inject({
      method: 'POST',
      url: '/api/demo/scenario',
      payload: small,
      headers: auth('analyst'),
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().ingest.outcome, 'already');
  });

  test('one demo at a time: a second request while one runs is refused with 409', async () => {
    const payload = { ...small, seed: 8 };
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/api/demo/scenario', payload, headers: auth('analyst') }),
      app.inject({ method: 'POST', url: '/api/demo/scenario', payload, headers: auth('analyst') }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  });
});
