import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../store/audit.ts';
import { insertAlertIfNew } from '../../store/screening.ts';
import { TEST_ENGINES } from '../../store/testing.ts';
import { triageAlert } from './alerts.ts';
import { queryFingerprint, recordDecision, withDecisions } from './decisions.ts';

test('query fingerprints ignore case, spacing and value order', () => {
  const a = queryFingerprint({
    schema: 'Person',
    properties: { name: ['Ri  Won Ho', 'RI WON-HO'], birthDate: ['1964'] },
  });
  const b = queryFingerprint({
    schema: 'Person',
    properties: { birthDate: ['1964'], name: ['ri won ho', 'Ri, Won-ho'] },
  });
  assert.equal(a, b);
  assert.notEqual(
    a,
    queryFingerprint({ schema: 'Person', properties: { name: ['Ri Won Ho'], birthDate: ['1965'] } }),
  );
  assert.notEqual(
    a,
    queryFingerprint({ schema: 'Company', properties: { name: ['Ri Won Ho'], birthDate: ['1964'] } }),
  );
});

const engine = TEST_ENGINES[0];
describe('decisions and triage', () => {
  test('a false positive is suppressed until the listing changes', async () => {
    const { store, cleanup } = await engine.open();
    try {
      const query = { schema: 'Person', properties: { name: ['Ri Won Ho'] } };
      await recordDecision(
        store,
        {
          query,
          entityId: 'un-kpi-033',
          entityHash: 'h1',
          decision: 'false_positive',
          note: 'customer born 1990',
        },
        'ana',
      );
      await recordDecision(store, { query, entityId: 'ofac-1', entityHash: 'x1', decision: 'match' }, 'ana');
      const hits = await withDecisions(store, { schema: 'Person', properties: { name: ['RI WON HO'] } }, [
        { id: 'un-kpi-033', hash: 'h1' },
        { id: 'ofac-1', hash: 'x1' },
        { id: 'ofac-2', hash: 'y' },
      ]);
      assert.deepEqual(
        hits.map((h) => [h.id, h.suppressed, h.decision?.decision ?? null]),
        [
          ['un-kpi-033', true, 'false_positive'],
          ['ofac-1', false, 'match'],
          ['ofac-2', false, null],
        ],
      );
      const changed = await withDecisions(store, query, [{ id: 'un-kpi-033', hash: 'h2' }]);
      assert.equal(changed[0].suppressed, false, 'the list changed the entity: the hit comes back');
      assert.equal(changed[0].decision?.current, false);
      assert.deepEqual(
        (await listAudit(store)).map((e) => e.action),
        ['screening.decision', 'screening.decision'],
      );
    } finally {
      await cleanup();
    }
  });

  test('alerts are confirmed or dismissed with a reason, audit-logged', async () => {
    const { store, cleanup } = await engine.open();
    try {
      const now = new Date().toISOString();
      await insertAlertIfNew(store.db, {
        id: 'a1',
        kind: 'screening',
        status: 'open',
        subject: 'watchlist:w/1',
        entityId: 'e',
        entityHash: 'h',
        score: 0.9,
        details: {},
        reason: null,
        createdAt: now,
        updatedAt: now,
        updatedBy: null,
      });
      await assert.rejects(triageAlert(store, 'a1', 'dismissed', '  ', 'ana'), /needs a reason/);
      await assert.rejects(triageAlert(store, 'nope', 'confirmed', undefined, 'ana'), /no alert nope/);
      const a = await triageAlert(store, 'a1', 'dismissed', 'vessel renamed, different IMO', 'ana');
      assert.equal(a.status, 'dismissed');
      assert.equal(a.updatedBy, 'ana');
      assert.equal((await listAudit(store, { action: 'alert.triage' })).length, 1);
    } finally {
      await cleanup();
    }
  });
});
