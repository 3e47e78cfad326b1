import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { listAudit } from '../store/audit.ts';
import { searchCurrent } from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { exportRecords } from './export.ts';
import { importListFile, planImports } from './import.ts';
import { diffVersions, entityDetail, searchEntities, summariseLists } from './service.ts';

const UN = ['lists', 'un'];
const skip =
  missingShared(...UN, 'un-consolidated-2017-06-30.xml') ||
  missingShared(...UN, 'un-consolidated-2025-12-09.xml');
const un = (date: string) => sharedFile(...UN, `un-consolidated-${date}.xml`)!;

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let s = '';
  for await (const c of gen) s += c;
  return s;
}

for (const engine of TEST_ENGINES) {
  describe(`list import and history: ${engine.name}`, { skip: engine.skip || skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let tmp: string;
    before(async () => {
      ({ store, cleanup } = await engine.open());
      tmp = mkdtempSync(join(tmpdir(), 'wk-import-'));
    });
    after(async () => {
      await cleanup();
      rmSync(tmp, { recursive: true, force: true });
    });

    test('imports two UN versions; the same file again is a no-op', async () => {
      const a = await importListFile(store, un('2017-06-30'), { actor: 'test' });
      assert.equal(a.status, 'imported');
      assert.equal(a.version.source, 'un');
      assert.equal(a.version.publishedDate, '2017-06-30');
      assert.equal(a.version.recordCount, 653 + 371);
      assert.equal(a.version.counts.bySchema.Person, 653);
      assert.equal(a.version.counts.byRegime['un-dprk'], 53 + 46);
      const b = await importListFile(store, un('2017-07-03'), { actor: 'test' });
      assert.equal(b.status, 'imported');
      const again = await importListFile(store, un('2017-07-03'), { actor: 'someone' });
      assert.equal(again.status, 'unchanged');
      assert.equal(again.version.id, b.version.id);
      const summary = await summariseLists(store);
      assert.equal(summary.length, 1);
      assert.equal(summary[0].versions.length, 2);
      const imports = (await listAudit(store, { action: 'list.import' })).length;
      assert.equal(imports, 2, 'the no-op import is not audited as an import');
    });

    test('diff 2017-06-30 -> 2017-07-03 removes exactly QDi.168-170', async () => {
      const d = await diffVersions(store, 'un', '2017-06-30', '2017-07-03');
      assert.deepEqual(
        d.removed.map((e) => e.sourceRef),
        ['QDi.168', 'QDi.169', 'QDi.170'],
      );
      assert.equal(d.added.length, 0);
      // Defaults are previous -> latest.
      const d2 = await diffVersions(store, 'un');
      assert.deepEqual(d2.removed, d.removed);
    });

    test('entity detail: provenance and history (listed, delisted)', async () => {
      const gone = await entityDetail(store, 'un-qdi-168');
      assert.equal(gone.status, 'delisted');
      assert.deepEqual(
        gone.history.map((h) => [h.kind, h.publishedDate]),
        [
          ['listed', '2017-06-30'],
          ['delisted', '2017-07-03'],
        ],
      );
      const kp = await entityDetail(store, 'un-kpi-033');
      assert.equal(kp.status, 'listed');
      assert.equal(kp.sourceRef, 'KPi.033');
      assert.equal(kp.provenance.firstSeen.publishedDate, '2017-06-30');
      assert.equal(kp.provenance.lastSeen.publishedDate, '2017-07-03');
      assert.ok(kp.regimes.some((r) => r.code === 'un-dprk'));
      assert.ok(kp.adjuncts.some((a) => a.schema === 'Sanction'));
    });

    test('an import that fails half-way leaves the store as it was', async () => {
      const before = await store.db
        .selectFrom('list_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const text = readFileSync(un('2025-12-09'), 'utf8');
      const cut = join(tmp, 'un-truncated.xml');
      writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.7)));
      await assert.rejects(
        importListFile(store, cut, { actor: 'test' }),
        /un-truncated\.xml \(line \d+\).*truncated/,
      );
      const afterCount = await store.db
        .selectFrom('list_records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
      assert.equal((await summariseLists(store))[0].versions.length, 2);
    });

    test('a file of no known list type is refused with its name', async () => {
      const f = join(tmp, 'notes.csv');
      writeFileSync(f, 'a,b,c\n1,2,3\n');
      await assert.rejects(
        importListFile(store, f, { actor: 'test' }),
        /notes\.csv: not a sanctions list format/,
      );
      const empty = join(tmp, 'empty.xml');
      writeFileSync(empty, '');
      await assert.rejects(importListFile(store, empty, { actor: 'test' }), /empty\.xml: the file is empty/);
    });

    test('newer versions become current whatever the import order', async () => {
      const c = await importListFile(store, un('2025-12-10'), { actor: 'test' });
      const d = await importListFile(store, un('2025-12-09'), { actor: 'test' });
      assert.equal(c.status, 'imported');
      assert.equal(d.status, 'imported');
      const page = await searchCurrent(store, { source: 'un', limit: 1 });
      assert.equal(page.items[0].versionId, c.version.id, 'current state is the newest publication');
      const diff = await diffVersions(store, 'un', '2025-12-09', '2025-12-10');
      assert.deepEqual(
        diff.removed.map((e) => e.sourceRef),
        ['IQi.074'],
      );
    });

    test('diff 2026-02-27 -> 2026-05-08: the real additions and removals, field changes', async () => {
      await importListFile(store, un('2026-02-27'), { actor: 'test' });
      await importListFile(store, un('2026-05-08'), { actor: 'test' });
      const d = await diffVersions(store, 'un', '2026-02-27', '2026-05-08');
      // SDi.007-010 were already listed on 2026-02-27; the 2026-05-08 additions are these.
      assert.deepEqual(
        d.added.map((e) => e.sourceRef),
        ['QDi.437', 'QDi.438', 'QDi.439', 'SDi.011', 'SDi.012', 'SDi.013', 'SDi.014'],
      );
      assert.deepEqual(
        d.removed.map((e) => e.sourceRef),
        ['QDe.137'],
      );
      assert.ok(d.changed.length > 0);
      assert.ok(
        d.changed.every((c) => c.changes.length > 0),
        'every changed listing names its changed fields',
      );
      const rewritten = d.changed.find((c) => c.changes.some((f) => f.field === 'sourceUrl'));
      assert.ok(rewritten, 'the INTERPOL links added in 2026-05 show as field changes');
    });

    test('exports FtM JSON lines and CSV of the current state', async () => {
      const ftm = (await collect(exportRecords(store, 'ftm', 'un')))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const persons = ftm.filter((e) => e.schema === 'Person');
      assert.equal(persons.length, 737);
      assert.ok(ftm.every((e) => typeof e.id === 'string' && e.properties && Array.isArray(e.datasets)));
      assert.ok(ftm.some((e) => e.schema === 'Sanction' && e.properties.entity?.[0] === 'un-kpi-033'));
      const csv = await collect(exportRecords(store, 'csv', 'un'));
      const lines = csv.trim().split('\n');
      assert.equal(
        lines[0],
        'id,schema,name,aliases,birth_date,countries,identifiers,regimes,source,source_ref,listed_on',
      );
      assert.equal(lines.length, 1 + 737 + 272);
    });
  });
}

test('planImports groups OFAC companion files with their sdn.csv', () => {
  const plans = planImports(['/d/sdn.csv', '/d/alt.csv', '/d/add.csv', '/d/sdn_comments.csv', '/e/un.xml']);
  assert.deepEqual(plans, [
    {
      file: '/d/sdn.csv',
      companions: { alt: '/d/alt.csv', add: '/d/add.csv', comments: '/d/sdn_comments.csv' },
    },
    { file: '/e/un.xml', companions: {} },
  ]);
  assert.throws(() => planImports(['/x/alt.csv', '/y/a.xml', '/z/b.xml']), /needs its sdn\.csv/);
});

const OFAC = ['lists', 'ofac'];
const ofacSkip =
  missingShared(...OFAC, 'sdn-2024-05-03.csv') ||
  missingShared(...OFAC, 'consolidated-nonsdn-2025-12-18.xml');
for (const engine of TEST_ENGINES) {
  describe(`OFAC lists: ${engine.name}`, { skip: engine.skip || ofacSkip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    before(async () => {
      ({ store, cleanup } = await engine.open());
    });
    after(() => cleanup());

    test('SDN versions diff: 2024-05-02 -> 05-03 removes 8 entries, 7 of them aircraft', async () => {
      for (const d of ['2024-05-02', '2024-05-03']) {
        const r = await importListFile(store, sharedFile(...OFAC, `sdn-${d}.csv`)!, { actor: 'test' });
        assert.equal(r.version.dataset, 'ofac-sdn');
      }
      const d = await diffVersions(store, 'ofac');
      assert.equal(d.removed.length, 8);
      assert.equal(d.removed.filter((e) => e.schema === 'Airplane').length, 7);
      assert.equal(d.added.length, 0);
    });

    test('the non-SDN consolidated list is a list of its own, not a new SDN version', async () => {
      const r = await importListFile(store, sharedFile(...OFAC, 'consolidated-nonsdn-2025-12-18.xml')!, {
        actor: 'test',
      });
      assert.equal(r.version.dataset, 'ofac-cons');
      const lists = await summariseLists(store);
      assert.deepEqual(
        lists.map((l) => [l.dataset, l.versions.length, l.latest.recordCount]),
        [
          ['ofac-cons', 1, 442],
          ['ofac-sdn', 2, 14965],
        ],
      );
      assert.equal((await searchEntities(store, { list: 'ofac', limit: 1 })).total, 14965 + 442);
      assert.equal((await searchEntities(store, { list: 'ofac-cons', limit: 1 })).total, 442);
      // Words match at their start, punctuation and case aside: `jong-un` finds `KIM, Jong Un`.
      const kim = await searchEntities(store, { q: 'KIM JONG-UN', list: 'ofac' });
      assert.deepEqual(
        kim.items.map((e) => e.caption),
        ['KIM, Jong Un'],
      );
      // A vessel's IMO number, pulled out of the remarks, finds it; its owner is linked.
      const vessels = await searchEntities(store, { q: '8712362', schema: 'Vessel' });
      assert.equal(vessels.total, 1);
      const detail = await entityDetail(store, vessels.items[0].id);
      assert.equal(detail.provenance.list, 'ofac-sdn');
      assert.ok(detail.regimes.some((x) => x.code.startsWith('ofac-DPRK')));
    });
  });
}
