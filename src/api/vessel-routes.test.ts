import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser } from '../auth/service.ts';
import { DAY1, scenario, TANKER, YACHT } from '../maritime/testing.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { buildServer } from './server.ts';

const engine = TEST_ENGINES[0];

describe('HTTP API: vessels and positions', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  const fileDir = mkdtempSync(join(tmpdir(), 'wk-ais-files-'));
  const tokens: Record<string, string> = {};
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });

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

  test('ingest by upload needs write access; the same upload twice adds nothing', async () => {
    const body = scenario();
    const anon = await app.inject({ method: 'POST', url: '/api/ais/ingest', payload: body });
    assert.equal(anon.statusCode, 401);
    const viewer = await app.inject({
      method: 'POST',
      url: '/api/ais/ingest',
      payload: body,
      headers: auth('viewer'),
    });
    assert.equal(viewer.statusCode, 403);
    const r = await app.inject({
      method: 'POST',
      url: '/api/ais/ingest?filename=scenario.nmea',
      payload: body,
      headers: { ...auth('analyst'), 'content-type': 'application/octet-stream' },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().outcome, 'ingested');
    assert.equal(r.json().positions, 492);
    const again = await app.inject({
      method: 'POST',
      url: '/api/ais/ingest?filename=scenario.nmea',
      payload: body,
      headers: { ...auth('analyst'), 'content-type': 'application/octet-stream' },
    });
    assert.equal(again.json().outcome, 'already');
  });

  test('vessel search, detail with identity history, 404 for an unknown MMSI', async () => {
    const list = await app.inject({ url: '/api/vessels?q=new%20konk', headers: auth('viewer') });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().total, 1);
    assert.equal(list.json().items[0].mmsi, TANKER);
    assert.equal(
      list.json().items[0].name,
      'CHON MA SAN',
      'found by its former name, shown by its current one',
    );
    const all = await app.inject({ url: '/api/vessels', headers: auth('viewer') });
    assert.equal(all.json().total, 2);
    const d = await app.inject({ url: `/api/vessels/${TANKER}`, headers: auth('viewer') });
    assert.equal(d.statusCode, 200);
    const v = d.json();
    assert.equal(v.flag, 'kp');
    assert.equal(v.shipTypeName, 'Tanker');
    assert.deepEqual(
      v.identities.map((i: { name: string }) => i.name),
      ['NEW KONK', 'CHON MA SAN'],
    );
    assert.equal(
      (await app.inject({ url: '/api/vessels/123456789', headers: auth('viewer') })).statusCode,
      404,
    );
    assert.equal((await app.inject({ url: '/api/vessels/abc', headers: auth('viewer') })).statusCode, 400);
  });

  test('track as GeoJSON over a period; positions in a box; the raw sentence behind a point', async () => {
    const from = new Date(DAY1 + 10 * 60_000).toISOString();
    const to = new Date(DAY1 + 19 * 60_000).toISOString();
    const r = await app.inject({
      url: `/api/vessels/${TANKER}/track?from=${from}&to=${to}`,
      headers: auth('viewer'),
    });
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-type'] as string, /geo\+json/);
    const geo = r.json();
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.properties.count, 10);
    const line = geo.features[0];
    assert.equal(line.geometry.type, 'LineString');
    assert.equal(line.geometry.coordinates.length, 10);
    assert.equal(line.properties.times[0], from);
    const point = geo.features[1];
    assert.equal(point.geometry.type, 'Point');
    assert.equal(point.properties.sog, 8);
    const ev = await app.inject({
      url: `/api/ais/sources/${point.properties.source}/lines/${point.properties.line}`,
      headers: auth('viewer'),
    });
    assert.equal(ev.statusCode, 200);
    assert.equal(ev.json().unavailable, null);
    assert.match(ev.json().raw[0], /!AIVDM,1,1,,A,1/);

    const byDay = await app.inject({
      url: `/api/vessels/${TANKER}/track?from=2024-03-02&to=2024-03-02`,
      headers: auth('viewer'),
    });
    assert.equal(byDay.json().properties.count, 240, 'a date means the whole UTC day');

    const box = await app.inject({ url: '/api/positions?bbox=0,50,5,53', headers: auth('viewer') });
    assert.equal(box.statusCode, 200);
    assert.deepEqual(
      box.json().items.map((p: { mmsi: number }) => p.mmsi),
      [YACHT],
    );
    const bad = await app.inject({ url: '/api/positions?bbox=0,53,5,50', headers: auth('viewer') });
    assert.equal(bad.statusCode, 400);
    const badTime = await app.inject({
      url: `/api/vessels/${TANKER}/track?from=yesterday`,
      headers: auth('viewer'),
    });
    assert.equal(badTime.statusCode, 400);
  });

  test('the OpenAPI document lists the vessel routes and describes what each maritime route answers', async () => {
    const spec = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const p of ['/api/vessels', '/api/vessels/{mmsi}', '/api/vessels/{mmsi}/track', '/api/positions']) {
      assert.ok(spec.paths[p], p);
    }
    const maritime = Object.entries(
      spec.paths as Record<string, Record<string, { responses: object }>>,
    ).filter(([p]) => /^\/api\/(vessels|positions|ais|events|detect|zones|ports|presets|feeds|demo)/.test(p));
    assert.ok(maritime.length >= 20, `${maritime.length} maritime paths`);
    for (const [path, methods] of maritime) {
      for (const [method, op] of Object.entries(methods)) {
        if (path === '/api/events/export') continue; // a file (NDJSON, CSV, GeoJSON, KML), not JSON
        const ok =
          (op.responses as Record<string, { content?: Record<string, { schema?: object }> }>)['200'] ??
          (op.responses as Record<string, { content?: Record<string, { schema?: object }> }>)['201'];
        const schema = Object.values(ok?.content ?? {})[0]?.schema as { type?: string } | undefined;
        assert.ok(schema?.type === 'object', `${method} ${path}: 200 answer documented`);
      }
    }
    const vessel = spec.paths['/api/vessels/{mmsi}'].get.responses['200'].content['application/json'].schema;
    assert.ok(
      vessel.properties.identities && vessel.properties.lastPosition,
      'fields of a vessel are described',
    );
  });
});
