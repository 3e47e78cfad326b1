import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser } from '../auth/service.ts';
import { missingShared, sharedFile } from '../config/paths.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { LoginLimiter } from './login-limiter.ts';
import { buildServer } from './server.ts';

const unFile = (d: string) => sharedFile('lists', 'un', `un-consolidated-${d}.xml`);
const skipData = missingShared('lists', 'un', 'un-consolidated-2025-12-09.xml');

// The API is a shell over the store: one engine suffices for routing and access; the services' behaviour
// on both engines is covered by their own conformance tests.
const engine = TEST_ENGINES[0];

describe('HTTP API', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const auth = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });

  before(async () => {
    ({ store, cleanup } = await engine.open());
    app = await buildServer({ store });
    for (const role of ['admin', 'analyst', 'viewer']) {
      await createUser(store, { name: role, role, password: `${role} password 123` }, 'test');
      tokens[role] = (await createApiToken(store, role, undefined, 'test')).token;
    }
  });
  after(async () => {
    await app.close();
    await cleanup();
  });

  test('health and the OpenAPI document are public; data routes are not', async () => {
    const h = await app.inject({ url: '/healthz' });
    assert.equal(h.statusCode, 200);
    assert.equal(h.json().status, 'ok');
    const doc = await app.inject({ url: '/api/openapi.json' });
    assert.equal(doc.statusCode, 200);
    const spec = doc.json();
    assert.equal(spec.openapi.slice(0, 2), '3.');
    assert.ok(spec.paths['/api/entities'], 'routes are documented');
    assert.ok(spec.paths['/api/lists/{list}/diff']);
    assert.deepEqual(spec.paths['/api/auth/login'].post.security, [], 'sign-in needs no credentials');
    const entities = spec.paths['/api/entities'].get;
    assert.ok(entities.responses['401'] && entities.responses['403'] && entities.responses['400']);
    assert.ok(spec.paths['/api/entities/{id}'].get.responses['404']);
    // Every route describes its answer: JSON field by field, files by their media types.
    type Op = { responses: Record<string, { content?: Record<string, { schema?: { type?: string } }> }> };
    const undocumented: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, Op>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = op.responses['200'] ?? op.responses['201'];
        const media = Object.values(ok?.content ?? {});
        if (media.length === 0 || !media.every((m) => m.schema?.type)) undocumented.push(`${method} ${path}`);
      }
    }
    assert.deepEqual(undocumented, [], 'routes without a documented answer');
    assert.deepEqual(Object.keys(spec.paths['/api/export'].get.responses['200'].content), [
      'application/x-ndjson',
      'text/csv',
    ]);
    assert.ok(
      spec.paths['/api/users'].get.responses['200'].content['application/json'].schema.items.properties.role,
    );
    const ui = await app.inject({ url: '/api/docs/' });
    assert.equal(ui.statusCode, 200);
    for (const url of [
      '/api/entities',
      '/api/lists',
      '/api/users',
      '/api/me',
      '/api/regimes',
      '/api/export',
    ]) {
      const r = await app.inject({ url });
      assert.equal(r.statusCode, 401, `${url} needs credentials`);
    }
    assert.equal(
      (await app.inject({ url: '/api/lists', headers: { authorization: 'Bearer wkt_nope' } })).statusCode,
      401,
    );
  });

  test('roles are enforced: viewers read, analysts import, admins manage users', async () => {
    assert.equal((await app.inject({ url: '/api/lists', headers: auth('viewer') })).statusCode, 200);
    assert.equal((await app.inject({ url: '/api/users', headers: auth('viewer') })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/users', headers: auth('analyst') })).statusCode, 403);
    assert.equal((await app.inject({ url: '/api/users', headers: auth('admin') })).statusCode, 200);
    const imp = await app.inject({
      method: 'POST',
      url: '/api/lists/import',
      headers: { ...auth('viewer'), 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    assert.equal(imp.statusCode, 403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: auth('admin'),
      payload: { name: 'newbie', role: 'viewer', password: 'newbie password 1' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().passwordHash, undefined, 'no hash leaves the server');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: auth('admin'),
      payload: { name: 'x', role: 'root' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /invalid request/);
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const r = await app.inject({
      method: 'PATCH',
      url: '/api/users/admin',
      headers: auth('admin'),
      payload: { role: 'viewer' },
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().message, /last active admin/);
  });

  test('failed sign-ins are throttled per user name', async () => {
    const limited = await buildServer({ store, loginLimiter: new LoginLimiter(3, 60_000) });
    try {
      const attempt = () =>
        limited.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { name: 'analyst', password: 'wrong guess' },
        });
      for (let i = 0; i < 3; i++) assert.equal((await attempt()).statusCode, 401);
      const blocked = await attempt();
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      // Even the right password waits: the limit is on the account, not on the guess.
      const right = await limited.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { name: 'analyst', password: 'analyst password 123' },
      });
      assert.equal(right.statusCode, 429);
    } finally {
      await limited.close();
    }
  });

  test('an empty upload is a clear 4xx, not a server error', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/lists/import?filename=x.xml',
      headers: auth('analyst'),
    });
    assert.ok(r.statusCode >= 400 && r.statusCode < 500, String(r.statusCode));
  });

  test('password login sets an httpOnly session cookie that authenticates', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'viewer', password: 'nope' },
    });
    assert.equal(wrong.statusCode, 401);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { name: 'viewer', password: 'viewer password 123' },
    });
    assert.equal(ok.statusCode, 200);
    const cookie = ok.cookies.find((c) => c.name === 'wk_session');
    assert.ok(cookie?.httpOnly);
    const me = await app.inject({ url: '/api/me', cookies: { wk_session: cookie!.value } });
    assert.equal(me.json().name, 'viewer');
    await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { wk_session: cookie!.value } });
    assert.equal(
      (await app.inject({ url: '/api/me', cookies: { wk_session: cookie!.value } })).statusCode,
      401,
    );
  });

  test('import, browse, entity detail, diff and export over HTTP', { skip: skipData }, async () => {
    for (const d of ['2025-12-09', '2025-12-10']) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/lists/import?filename=un-${d}.xml`,
        headers: { ...auth('analyst'), 'content-type': 'application/xml' },
        payload: readFileSync(unFile(d)!),
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().status, 'imported');
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/api/lists/import?filename=bad.xml',
      headers: { ...auth('analyst'), 'content-type': 'application/xml' },
      payload: '<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.json().message, /bad\.xml/);

    const page = await app.inject({
      url: '/api/entities?q=kim&list=un&regime=un-dprk&limit=5',
      headers: auth('viewer'),
    });
    assert.equal(page.statusCode, 200);
    const body = page.json();
    assert.ok(body.total > 5);
    assert.equal(body.items.length, 5);
    assert.ok(body.items.every((e: { regimes: string[] }) => e.regimes.includes('un-dprk')));
    assert.equal(
      (await app.inject({ url: '/api/entities?limit=100000', headers: auth('viewer') })).statusCode,
      400,
    );

    const one = await app.inject({ url: '/api/entities/un-kpi-033', headers: auth('viewer') });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().sourceRef, 'KPi.033');
    assert.ok(one.json().history.length >= 1);
    assert.equal(
      (await app.inject({ url: '/api/entities/un-nope', headers: auth('viewer') })).statusCode,
      404,
    );

    const diff = await app.inject({
      url: '/api/lists/un/diff?from=2025-12-09&to=2025-12-10',
      headers: auth('viewer'),
    });
    assert.equal(diff.statusCode, 200);
    assert.deepEqual(
      diff.json().removed.map((e: { sourceRef: string }) => e.sourceRef),
      ['IQi.074'],
    );
    assert.equal((await app.inject({ url: '/api/lists/xx/diff', headers: auth('viewer') })).statusCode, 400);

    const csv = await app.inject({ url: '/api/export?format=csv&list=un', headers: auth('viewer') });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.equal(csv.body.trim().split('\n').length, 1 + 726 + 273);

    const audit = await app.inject({ url: '/api/audit?action=list.import', headers: auth('admin') });
    assert.deepEqual(
      audit.json().map((e: { actor: string }) => e.actor),
      ['analyst', 'analyst'],
    );
  });

  test('screening: yente-compatible /match and /search, compare, decisions', { skip: skipData }, async () => {
    // Lists were imported by the previous test (2025-12-10 is current).
    const match = await app.inject({
      method: 'POST',
      url: '/match/default?limit=3',
      headers: auth('viewer'),
      payload: {
        queries: {
          q1: {
            schema: 'Person',
            properties: { name: ['Ri Won-ho'], birthDate: ['1964-07-17'], nationality: ['kp'] },
          },
          q2: { schema: 'Person', properties: { name: ['Zebulon Quartermaine-Fitzwilliam'] } },
        },
      },
    });
    assert.equal(match.statusCode, 200, match.body);
    const body = match.json();
    const top = body.responses.q1.results[0];
    assert.equal(top.id, 'un-kpi-033');
    assert.equal(top.match, true);
    assert.equal(top.reference, 'KPi.033');
    assert.deepEqual(top.datasets, ['un']);
    assert.ok(top.explanations.length > 0, 'every result explains itself');
    assert.equal(body.responses.q2.results.filter((r: { match: boolean }) => r.match).length, 0);

    const tooMany = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`q${i}`, { schema: 'Person', properties: { name: ['x'] } }]),
    );
    const r101 = await app.inject({
      method: 'POST',
      url: '/match/default',
      headers: auth('viewer'),
      payload: { queries: tooMany },
    });
    assert.equal(r101.statusCode, 400);
    assert.match(r101.json().message, /at most 100 queries/);
    const badSchema = await app.inject({
      method: 'POST',
      url: '/match/default',
      headers: auth('viewer'),
      payload: { queries: { a: { schema: 'Spaceship', properties: { name: ['x'] } } } },
    });
    assert.equal(badSchema.statusCode, 400);
    const huge = await app.inject({
      method: 'POST',
      url: '/match/un',
      headers: auth('viewer'),
      payload: { queries: { a: { schema: 'Person', properties: { name: ['x'.repeat(5000)] } } } },
    });
    assert.equal(huge.statusCode, 400);
    assert.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/match/mars',
          headers: auth('viewer'),
          payload: { queries: {} },
        })
      ).statusCode,
      400,
    );
    for (const [properties, message] of [
      [{ name: ['Ri Won Ho'], birthDate: ['17 July 1964'] }, /is not a date/],
      [{ name: ['Ri Won Ho'], birthDate: ['1984-13-45'] }, /is not a date/],
      [{ name: ['Ri Won Ho'], nationality: ['Narnia'] }, /not a country/],
      [{ name: ['   '] }, /needs a name or an identifier/],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/match/default',
        headers: auth('viewer'),
        payload: { queries: { a: { schema: 'Person', properties } } },
      });
      assert.equal(r.statusCode, 400);
      assert.match(r.json().message, message);
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/match/default',
      headers: { ...auth('viewer'), 'content-type': 'application/json' },
      payload: '{"queries": {',
    });
    assert.equal(notJson.statusCode, 400);

    const ofac = await app.inject({
      method: 'POST',
      url: '/match/un?algorithm=ofac&limit=3',
      headers: auth('viewer'),
      payload: { queries: { q: { schema: 'Person', properties: { name: ['RI WON HO'] } } } },
    });
    assert.equal(ofac.statusCode, 200, ofac.body);
    const ofacTop = ofac.json().responses.q.results[0];
    assert.equal(ofacTop.id, 'un-kpi-033');
    assert.equal(ofacTop.features.ofac_name_score, 100);
    assert.match(ofacTop.explanations[0].detail, /OFAC Sanctions List Search score 100/);

    const search = await app.inject({ url: '/search/un?q=RI%20WON%20HO', headers: auth('viewer') });
    assert.equal(search.json().results[0].id, 'un-kpi-033');
    // The total is how many there are in all, whatever the page size; offset pages through them.
    const page1 = (await app.inject({ url: '/search/un?q=KIM&limit=2', headers: auth('viewer') })).json();
    const page2 = (
      await app.inject({ url: '/search/un?q=KIM&limit=2&offset=2', headers: auth('viewer') })
    ).json();
    const all = (await app.inject({ url: '/search/un?q=KIM&limit=100', headers: auth('viewer') })).json();
    assert.ok(all.total.value > 4, `${all.total.value} KIMs`);
    assert.equal(page1.total.value, all.total.value);
    assert.equal(page2.total.value, all.total.value);
    assert.deepEqual(
      [...page1.results, ...page2.results].map((r: { id: string }) => r.id),
      all.results.slice(0, 4).map((r: { id: string }) => r.id),
    );

    const cmp = await app.inject({
      method: 'POST',
      url: '/api/screening/compare',
      headers: auth('viewer'),
      payload: [
        { schema: 'Person', a: { name: ['Kim Jong-un'] }, b: { name: ['KIM JONG UN'] } },
        { schema: 'Person', a: { name: ['Kim Jong-un'] }, b: { name: ['Park Chan-wook'] } },
      ],
    });
    assert.equal(cmp.statusCode, 200);
    const [same, other] = cmp.json();
    assert.equal(same.match, true);
    assert.equal(other.match, false);

    const query = {
      schema: 'Person',
      properties: { name: ['Ri Won-ho'], birthDate: ['1964-07-17'], nationality: ['kp'] },
    };
    const viewerDecides = await app.inject({
      method: 'POST',
      url: '/api/screening/decisions',
      headers: auth('viewer'),
      payload: { query, entityId: 'un-kpi-033', decision: 'false_positive' },
    });
    assert.equal(viewerDecides.statusCode, 403);
    const decided = await app.inject({
      method: 'POST',
      url: '/api/screening/decisions',
      headers: auth('analyst'),
      payload: {
        query,
        entityId: 'un-kpi-033',
        decision: 'false_positive',
        note: 'our customer is another person',
      },
    });
    assert.equal(decided.statusCode, 201, decided.body);
    const again = await app.inject({
      method: 'POST',
      url: '/match/default',
      headers: auth('viewer'),
      payload: { queries: { q1: query } },
    });
    const hit = again.json().responses.q1.results.find((r: { id: string }) => r.id === 'un-kpi-033');
    assert.equal(hit.suppressed, true);
    assert.equal(hit.match, false, 'a remembered false positive no longer flags');
    assert.equal(hit.decision.decision, 'false_positive');

    const alerts = await app.inject({ url: '/api/alerts?status=open', headers: auth('viewer') });
    assert.equal(alerts.statusCode, 200);
    assert.equal(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/alerts/nope',
          headers: auth('analyst'),
          payload: { status: 'confirmed' },
        })
      ).statusCode,
      404,
    );
  });

  test('watchlists: items are screened at once, matches become alerts, alerts are triaged', {
    skip: skipData,
  }, async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/watchlists',
      headers: auth('analyst'),
      payload: { name: 'customers' },
    });
    assert.equal(created.statusCode, 201);
    const dup = await app.inject({
      method: 'POST',
      url: '/api/watchlists',
      headers: auth('analyst'),
      payload: { name: 'customers' },
    });
    assert.equal(dup.statusCode, 400);
    const added = await app.inject({
      method: 'POST',
      url: '/api/watchlists/customers/items',
      headers: auth('analyst'),
      payload: [
        { id: 'cust-1', query: { schema: 'Person', properties: { name: ['Jang Song Chol'] } } },
        { id: 'cust-2', query: { schema: 'Person', properties: { name: ['Amelia Featherstonehaugh'] } } },
      ],
    });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().items, 2);
    assert.ok(added.json().newAlerts >= 1);
    const inbox = await app.inject({ url: '/api/alerts?status=open', headers: auth('viewer') });
    const alert = inbox.json().items.find((a: { subject: string }) => a.subject.endsWith('/cust-1'));
    assert.ok(alert, 'the listed name raised an alert');
    const noReason = await app.inject({
      method: 'PATCH',
      url: `/api/alerts/${alert.id}`,
      headers: auth('analyst'),
      payload: { status: 'dismissed' },
    });
    assert.equal(noReason.statusCode, 400);
    const dismissed = await app.inject({
      method: 'PATCH',
      url: `/api/alerts/${alert.id}`,
      headers: auth('analyst'),
      payload: { status: 'dismissed', reason: 'customer born 1990, not the listed man' },
    });
    assert.equal(dismissed.statusCode, 200);
    assert.equal(dismissed.json().status, 'dismissed');
    const again = await app.inject({
      method: 'POST',
      url: '/api/watchlists/rescreen',
      headers: auth('analyst'),
    });
    assert.equal(again.json().newAlerts, 0, 'nothing new on the lists: no new alert');

    // A CSV from the browser or a script: good rows are added and screened, bad rows named and skipped.
    const csv =
      'id,name,type,dob\ncust-3,Ri Won Ho,person,1964-07-17\ncust-4,,person,\ncust-5,Acme Trading,company,\n';
    const imported = await app.inject({
      method: 'POST',
      url: '/api/watchlists/customers/import',
      headers: { ...auth('analyst'), 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().added, 2);
    assert.match(imported.json().skipped[0], /^row 3: no name/);
    assert.ok(imported.json().newAlerts >= 1, 'Ri Won Ho is listed');
    const empty = await app.inject({
      method: 'POST',
      url: '/api/watchlists/customers/import',
      headers: { ...auth('analyst'), 'content-type': 'text/csv' },
      payload: 'id,name\nx,\n',
    });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.json().message, /no row could be added: row 2: no name/);
    const viewerImport = await app.inject({
      method: 'POST',
      url: '/api/watchlists/customers/import',
      headers: { ...auth('viewer'), 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(viewerImport.statusCode, 403);

    // Browse the items, then stop monitoring one.
    const items = await app.inject({
      url: '/api/watchlists/customers/items?limit=2',
      headers: auth('viewer'),
    });
    assert.equal(items.statusCode, 200);
    assert.equal(items.json().total, 4);
    assert.equal(items.json().items.length, 2);
    assert.deepEqual(items.json().items[0].query.properties.name, ['Acme Trading'], 'by label');
    const gone = await app.inject({
      method: 'DELETE',
      url: '/api/watchlists/customers/items/cust-2',
      headers: auth('analyst'),
    });
    assert.equal(gone.statusCode, 200);
    const again404 = await app.inject({
      method: 'DELETE',
      url: '/api/watchlists/customers/items/cust-2',
      headers: auth('analyst'),
    });
    assert.equal(again404.statusCode, 404);
    assert.equal(
      (await app.inject({ url: '/api/watchlists/nope/items', headers: auth('viewer') })).statusCode,
      404,
    );
    const after = await app.inject({ url: '/api/watchlists/customers/items', headers: auth('viewer') });
    assert.deepEqual(
      after
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
      ['cust-1', 'cust-3', 'cust-5'],
    );
  });

  test('regimes are served with their cited measures', async () => {
    const r = await app.inject({ url: '/api/regimes/un-dprk', headers: auth('viewer') });
    assert.equal(r.statusCode, 200);
    assert.ok(r.json().measures.length > 10);
    assert.equal((await app.inject({ url: '/api/regimes/none', headers: auth('viewer') })).statusCode, 404);
    // A program code a list uses but the registry does not describe resolves too, marked as such (here the
    // last test of the file imports a two-line OFAC SDN file for it).
    assert.equal(
      (await app.inject({ url: '/api/regimes/ofac-SDGT', headers: auth('viewer') })).statusCode,
      404,
    );
    const sdn = [
      '15431,"EP-GOM","aircraft","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Aircraft Model IL76-TD."',
      '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    ].join('\r\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/lists/import?filename=sdn.csv&source=ofac&published=2024-05-03',
      headers: { ...auth('analyst'), 'content-type': 'text/csv' },
      payload: sdn,
    });
    assert.equal(imported.statusCode, 200, imported.body);
    const sdgt = await app.inject({ url: '/api/regimes/ofac-SDGT', headers: auth('viewer') });
    assert.equal(sdgt.statusCode, 200);
    assert.equal(sdgt.json().synthesised, true);
    assert.equal(sdgt.json().authority, 'US OFAC');
    assert.equal(
      (await app.inject({ url: '/api/regimes/ofac-NOPE', headers: auth('viewer') })).statusCode,
      404,
    );
  });
});
