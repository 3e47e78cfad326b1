import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type AlertRow,
  deleteWatchlistItem,
  findWatchlist,
  getAlert,
  insertAlertIfNew,
  insertDecision,
  insertWatchlist,
  iterateWatchlistItems,
  latestDecisions,
  listAlerts,
  listWatchlists,
  updateAlertStatus,
  upsertWatchlistItems,
} from './screening.ts';
import { TEST_ENGINES } from './testing.ts';

const now = '2026-11-28T10:00:00.000Z';
const alert = (id: string, entityHash: string): AlertRow => ({
  id,
  kind: 'screening',
  status: 'open',
  subject: 'watchlist:w1/c1',
  entityId: 'un-kpi-033',
  entityHash,
  score: 0.93,
  details: { query: { name: ['Ri Won Ho'] } },
  reason: null,
  createdAt: now,
  updatedAt: now,
  updatedBy: null,
});

for (const engine of TEST_ENGINES) {
  describe(`screening store conformance: ${engine.name}`, { skip: engine.skip }, () => {
    test('decisions: the newest per entity counts', async () => {
      const { store, cleanup } = await engine.open();
      try {
        const base = { queryFingerprint: 'fp1', note: null, query: { name: ['x'] }, decidedBy: 'ana' };
        await insertDecision(store.db, {
          ...base,
          entityId: 'e1',
          entityHash: 'h1',
          decision: 'match',
          decidedAt: now,
        });
        await insertDecision(store.db, {
          ...base,
          entityId: 'e1',
          entityHash: 'h1',
          decision: 'false_positive',
          note: 'other person',
          decidedAt: now,
        });
        await insertDecision(store.db, {
          ...base,
          entityId: 'e2',
          entityHash: 'h2',
          decision: 'match',
          decidedAt: now,
        });
        const got = await latestDecisions(store, 'fp1', ['e1', 'e2', 'e3']);
        assert.equal(got.get('e1')?.decision, 'false_positive');
        assert.equal(got.get('e1')?.note, 'other person');
        assert.deepEqual(got.get('e2')?.query, { name: ['x'] });
        assert.equal(got.has('e3'), false);
        assert.equal((await latestDecisions(store, 'other', ['e1'])).size, 0);
      } finally {
        await cleanup();
      }
    });

    test('watchlists: items upsert by id and stream in pages', async () => {
      const { store, cleanup } = await engine.open();
      try {
        await insertWatchlist(store.db, { id: 'w1', name: 'fleet', createdBy: 'ana', createdAt: now });
        const items = Array.from({ length: 7 }, (_, i) => ({
          watchlistId: 'w1',
          id: `v${i}`,
          label: `Vessel ${i}`,
          query: { schema: 'Vessel', properties: { name: [`SHIP ${i}`] } },
          queryFingerprint: `fp${i}`,
          addedAt: now,
        }));
        await upsertWatchlistItems(store.db, items);
        await upsertWatchlistItems(store.db, [{ ...items[0], label: 'renamed', queryFingerprint: 'fpX' }]);
        assert.deepEqual(
          (await listWatchlists(store)).map((w) => [w.name, w.items]),
          [['fleet', 7]],
        );
        assert.equal((await findWatchlist(store, 'fleet'))?.id, 'w1');
        const streamed = [];
        for await (const it of iterateWatchlistItems(store, undefined, 3)) streamed.push(it);
        assert.equal(streamed.length, 7);
        assert.equal(streamed[0].label, 'renamed');
        assert.equal(streamed[0].queryFingerprint, 'fpX');
        assert.deepEqual(streamed[1].query, items[1].query);
        assert.equal(await deleteWatchlistItem(store.db, 'w1', 'v1'), true);
        assert.equal(await deleteWatchlistItem(store.db, 'w1', 'v1'), false);
      } finally {
        await cleanup();
      }
    });

    test('alerts: raised once per subject and listing content, then triaged', async () => {
      const { store, cleanup } = await engine.open();
      try {
        assert.equal(await insertAlertIfNew(store.db, alert('a1', 'h1')), true);
        assert.equal(
          await insertAlertIfNew(store.db, alert('a2', 'h1')),
          false,
          'the same hit again is no new alert',
        );
        assert.equal(await insertAlertIfNew(store.db, alert('a3', 'h2')), true, 'a changed listing is');
        const open = await listAlerts(store, { status: 'open' });
        assert.equal(open.total, 2);
        assert.equal(open.items[0].score, 0.93);
        assert.equal(
          await updateAlertStatus(store.db, 'a1', {
            status: 'dismissed',
            reason: 'different DOB',
            by: 'ana',
            at: now,
          }),
          true,
        );
        const a1 = await getAlert(store, 'a1');
        assert.equal(a1?.status, 'dismissed');
        assert.equal(a1?.reason, 'different DOB');
        assert.equal((await listAlerts(store, { status: 'open' })).total, 1);
        await assert.rejects(
          updateAlertStatus(store.db, 'a3', { status: 'closed' as never, reason: null, by: 'ana', at: now }),
        );
      } finally {
        await cleanup();
      }
    });
  });
}
