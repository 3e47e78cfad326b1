import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser } from '../auth/service.ts';
import { missingShared } from '../config/paths.ts';
import { scenario, TANKER } from '../maritime/testing.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { buildServer } from './server.ts';

const engine = TEST_ENGINES[0];
const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json');

describe('HTTP API: detection, events, evidence, zones, risk', { skip }, () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  const fileDir = mkdtempSync(join(tmpdir(), 'wk-ais-files-'));
  const tokens: Record<string, string> = {};
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });

  before(async () => {
    ({ store, cleanup } = await engine.open());
    app = await buildServer({ store, aisFileDir: fileDir });
    for (const role of ['admin', 'analyst', 'viewer']) {
      await createUser(store, { name: role, role, password: `${role} password 123` }, 'test');
      tokens[role] = (await createApiToken(store, role, undefined, 'test')).token;
    }
    const r = await app.inject({
      method: 'POST',
      url: '/api/ais/ingest?filename=scenario.nmea',
      payload: scenario(),
      headers: { ...auth('analyst'), 'content-type': 'application/octet-stream' },
    });
    assert.equal(r.statusCode, 200, r.body);
  });
  after(async () => {
    await app.close();
    await cleanup();
    rmSync(fileDir, { recursive: true, force: true });
  });

  test('a user zone across the tanker’s route gives an entry; events have evidence and export in four formats', async () => {
    // a box the tanker (38.5 N 124.9 E heading NNE) crosses about 3 h after it starts
    const zone = {
      type: 'Polygon',
      coordinates: [
        [
          [124.9, 38.68],
          [125.3, 38.68],
          [125.3, 38.8],
          [124.9, 38.8],
          [124.9, 38.68],
        ],
      ],
    };
    assert.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/api/zones',
          payload: { name: 'Test box', geojson: zone },
          headers: auth('viewer'),
        })
      ).statusCode,
      403,
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/zones',
      payload: { name: 'Broken', geojson: { type: 'Point', coordinates: [1, 2] } },
      headers: auth('analyst'),
    });
    assert.equal(bad.statusCode, 422);
    const added = await app.inject({
      method: 'POST',
      url: '/api/zones',
      payload: { name: 'Test box', geojson: zone },
      headers: auth('analyst'),
    });
    assert.equal(added.statusCode, 201, added.body);
    const zones = (await app.inject({ url: '/api/zones', headers: auth('viewer') })).json();
    assert.ok(zones.items.some((z: { name: string }) => z.name === 'Test box'));
    const audit = (await app.inject({ url: '/api/audit?action=zone.create', headers: auth('admin') })).json();
    assert.equal(audit[0]?.details?.name, 'Test box', 'adding a zone is audit-logged');

    const run = await app.inject({
      method: 'POST',
      url: '/api/detect',
      payload: { preset: 'gfw' },
      headers: auth('analyst'),
    });
    assert.equal(run.statusCode, 200, run.body);
    assert.ok(run.json().events > 0);

    const entries = (
      await app.inject({ url: `/api/events?type=zone_entry&mmsi=${TANKER}`, headers: auth('viewer') })
    ).json();
    const entry = entries.items.find((e: { details: { zone: string } }) => e.details.zone === 'Test box');
    assert.ok(entry, JSON.stringify(entries.items));
    assert.equal(entry.preset, 'gfw');
    assert.equal(entry.algorithm, 'zone/1');
    assert.equal(entry.params.confirmReports, 2);
    const ev = await app.inject({ url: `/api/events/${entry.id}/evidence`, headers: auth('viewer') });
    assert.equal(ev.statusCode, 200);
    assert.ok(ev.json().messages.length >= 1);
    assert.match(ev.json().messages[0].raw.at(-1), /!AIVDM/);

    // identity: the rename of the tanker
    const ident = (
      await app.inject({ url: `/api/events?type=identity_change&mmsi=${TANKER}`, headers: auth('viewer') })
    ).json();
    assert.ok(
      ident.items.some(
        (e: { details: { kind: string; to: string } }) =>
          e.details.kind === 'name' && e.details.to === 'CHON MA SAN',
      ),
    );

    for (const [format, pattern] of [
      ['ndjson', /^\{"id":/],
      ['csv', /^id,type,mmsi,start,end/],
      ['geojson', /^\{"type":"FeatureCollection"/],
      ['kml', /^<\?xml[^>]*>\s*<kml/],
    ] as const) {
      const r = await app.inject({ url: `/api/events/export?format=${format}`, headers: auth('viewer') });
      assert.equal(r.statusCode, 200);
      assert.match(r.body, pattern, format);
    }
    const geo = JSON.parse(
      (await app.inject({ url: '/api/events/export?format=geojson', headers: auth('viewer') })).body,
    );
    assert.equal(geo.features.length, run.json().events);

    // the same run again gives the same events (stable ids)
    const before = (await app.inject({ url: '/api/events?limit=1000', headers: auth('viewer') })).json();
    await app.inject({
      method: 'POST',
      url: '/api/detect',
      payload: { preset: 'gfw' },
      headers: auth('analyst'),
    });
    const again = (await app.inject({ url: '/api/events?limit=1000', headers: auth('viewer') })).json();
    assert.deepEqual(
      again.items.map((e: { id: string }) => e.id),
      before.items.map((e: { id: string }) => e.id),
    );
  });

  test('risk comes with its reasons; unknown events are 404', async () => {
    const risk = (await app.inject({ url: `/api/vessels/${TANKER}/risk`, headers: auth('viewer') })).json();
    assert.equal(risk.mmsi, TANKER);
    assert.ok(risk.reasons.length > 0);
    assert.equal(
      risk.score,
      Math.min(
        100,
        risk.reasons.reduce((s: number, r: { points: number }) => s + r.points, 0),
      ),
    );
    assert.ok(risk.reasons.every((r: { text: string }) => r.text.length > 0));
    assert.equal((await app.inject({ url: '/api/events/nope', headers: auth('viewer') })).statusCode, 404);
    assert.equal(
      (await app.inject({ url: '/api/events?type=nonsense', headers: auth('viewer') })).statusCode,
      400,
    );
  });
});
