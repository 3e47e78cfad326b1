import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendAudit, listAudit } from './audit.ts';
import {
  findVersionBySha,
  insertVersion,
  insertVersionRecords,
  type RecordInsert,
  refreshCurrent,
  searchCurrent,
  versionDelta,
} from './lists.ts';
import { TEST_ENGINES } from './testing.ts';
import { findUserByName, insertUser, updateUser } from './users.ts';

const rec = (id: string, hash: string, name: string, extra: Partial<RecordInsert> = {}): RecordInsert => ({
  entityId: id,
  hash,
  source: 'un',
  schema: 'Person',
  caption: name,
  sourceRef: id.toUpperCase(),
  regimes: ['un-dprk'],
  searchText: ` ${name.toLowerCase()} `,
  listedOn: '2017-01-01',
  data: {
    entity: { id, schema: 'Person', properties: { name: [name] } },
    adjuncts: [],
    regimes: ['un-dprk'],
    sourceRef: id,
  },
  ...extra,
});

const version = (id: string, publishedAt: string, sha: string) => ({
  id,
  source: 'un',
  dataset: 'un',
  format: 'un-xml',
  publishedAt,
  publishedDate: publishedAt.slice(0, 10),
  sha256: sha,
  fileName: `${id}.xml`,
  importedAt: new Date().toISOString(),
  importedBy: 'test',
  recordCount: 0,
  counts: { bySchema: {}, byRegime: {}, adjuncts: 0 },
});

for (const engine of TEST_ENGINES) {
  describe(`store conformance: ${engine.name}`, { skip: engine.skip }, () => {
    test('users round-trip with roles and times as ISO strings', async () => {
      const { store, cleanup } = await engine.open();
      try {
        const createdAt = '2026-01-02T03:04:05.678Z';
        await insertUser(store.db, {
          id: 'u1',
          name: 'alice',
          role: 'analyst',
          passwordHash: 'x',
          createdAt,
        });
        await updateUser(store.db, 'u1', { disabled: true });
        const u = await findUserByName(store, 'alice');
        assert.deepEqual(u, {
          id: 'u1',
          name: 'alice',
          role: 'analyst',
          passwordHash: 'x',
          createdAt,
          disabled: true,
        });
        await assert.rejects(
          insertUser(store.db, {
            id: 'u2',
            name: 'bob',
            role: 'root' as never,
            passwordHash: null,
            createdAt,
          }),
          'the role check constraint refuses unknown roles',
        );
      } finally {
        await cleanup();
      }
    });

    test('the audit log is append-only in the database itself', async () => {
      const { store, cleanup } = await engine.open();
      try {
        await appendAudit(store.db, { actor: 'a', action: 'x.y', target: 't', details: { n: 1, s: 'é' } });
        const [e] = await listAudit(store);
        assert.equal(e.action, 'x.y');
        assert.deepEqual(e.details, { n: 1, s: 'é' });
        await assert.rejects(
          store.db.updateTable('audit_log').set({ actor: 'mallory' }).execute(),
          /append-only/,
        );
        await assert.rejects(store.db.deleteFrom('audit_log').execute(), /append-only/);
      } finally {
        await cleanup();
      }
    });

    test('versions, snapshots, deltas and the current table', async () => {
      const { store, cleanup } = await engine.open();
      try {
        await store.db.transaction().execute(async (trx) => {
          await insertVersion(trx, version('un-a', '2026-01-01T00:00:00.000Z', 'sha-a'));
          await insertVersionRecords(trx, 'un-a', [
            rec('p1', 'h1', 'Kim Il'),
            rec('p2', 'h2', 'Ri Song'),
            rec('p3', 'h3', 'Pak 50%_x'),
          ]);
          await insertVersion(trx, version('un-b', '2026-02-01T00:00:00.000Z', 'sha-b'));
          // p1 unchanged (content stored once), p2 changed, p3 removed, p4 added
          await insertVersionRecords(trx, 'un-b', [
            rec('p1', 'h1', 'Kim Il'),
            rec('p2', 'h2b', 'Ri Song Chol'),
            rec('p4', 'h4', 'Choe'),
          ]);
          await refreshCurrent(trx, 'un');
        });
        assert.equal((await findVersionBySha(store, 'sha-b'))?.id, 'un-b');
        const recordRows = await store.db.selectFrom('list_records').select('entity_id').execute();
        assert.equal(recordRows.length, 5, 'identical content is stored once');
        const delta = await versionDelta(store, 'un-a', 'un-b');
        assert.deepEqual(delta, [
          { entityId: 'p2', oldHash: 'h2', newHash: 'h2b' },
          { entityId: 'p3', oldHash: 'h3', newHash: null },
          { entityId: 'p4', oldHash: null, newHash: 'h4' },
        ]);
        const all = await searchCurrent(store, {});
        assert.deepEqual(all.items.map((i) => i.id).sort(), ['p1', 'p2', 'p4']);
        assert.equal((await searchCurrent(store, { terms: ['song', 'chol'] })).total, 1);
        assert.equal((await searchCurrent(store, { terms: ['ong'] })).total, 0, 'terms match at word starts');
        // like wildcards in user input are literal
        assert.equal((await searchCurrent(store, { terms: ['%'] })).total, 0);
        assert.equal((await searchCurrent(store, { regime: 'un-dprk', limit: 1 })).items.length, 1);
        assert.equal(
          (await searchCurrent(store, { regime: 'un-dpr' })).total,
          0,
          'regimes match whole codes',
        );
      } finally {
        await cleanup();
      }
    });

    test('a failed transaction leaves nothing behind', async () => {
      const { store, cleanup } = await engine.open();
      try {
        await assert.rejects(
          store.db.transaction().execute(async (trx) => {
            await insertVersion(trx, version('un-x', '2026-01-01T00:00:00.000Z', 'sha-x'));
            await insertVersionRecords(trx, 'un-x', [rec('p1', 'h1', 'A')]);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await store.db.selectFrom('list_versions').selectAll().execute()).length, 0);
        assert.equal((await store.db.selectFrom('list_records').selectAll().execute()).length, 0);
      } finally {
        await cleanup();
      }
    });
  });
}
