import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { entityProblems, loadFtmModel } from '../ftm/model.ts';
import { importListFile } from '../lists/import.ts';
import { contentHash, type RecordData, recordData } from '../lists/record.ts';
import { unXmlImporter } from '../lists/un.ts';
import { openStore } from '../store/store.ts';
import { buildIndexFromStore, entityFromRecord } from './index-builder.ts';
import { ScreeningIndex } from './matcher.ts';

const UN = ['lists', 'un', 'un-consolidated-2026-02-27.xml'] as const;

test('entityFromRecord folds passport/id numbers and programmes into the entity', () => {
  const data: RecordData = {
    entity: {
      id: 'un-kpi-033',
      schema: 'Person',
      properties: { name: ['RI WON HO'], passportNumber: ['381310014'] },
    },
    adjuncts: [
      {
        id: 'un-kpi-033-sanction',
        schema: 'Sanction',
        properties: { entity: ['un-kpi-033'], program: ['DPRK'], programId: ['un-dprk'] },
      },
      {
        id: 'un-kpi-033-passport-381310014',
        schema: 'Passport',
        properties: { holder: ['un-kpi-033'], number: ['381310014'] },
      },
      {
        id: 'un-kpi-033-id-a1',
        schema: 'Identification',
        properties: { holder: ['un-kpi-033'], number: ['A-123456'] },
      },
    ],
    regimes: ['un-dprk'],
    sourceRef: 'KPi.033',
  };
  const e = entityFromRecord(data, { hash: 'abc', dataset: 'un' });
  assert.deepEqual(e.properties.passportNumber, ['381310014']);
  assert.deepEqual(e.properties.idNumber, ['A-123456']);
  assert.deepEqual(e.properties.program, ['DPRK']);
  assert.deepEqual(e.properties.programId, ['un-dprk']);
  assert.equal(e.caption, 'RI WON HO');
  assert.deepEqual(e.datasets, ['un']);
  assert.equal(e.sourceRef, 'KPi.033');
  // The stored record is not modified.
  assert.equal(data.entity.properties.idNumber, undefined);
});

test('end to end on the real UN list: valid FtM, found by name variants and by passport', {
  skip: missingShared(...UN),
}, async () => {
  const file = sharedFile(...UN) as string;
  const model = loadFtmModel();
  const entities = [];
  for await (const ev of unXmlImporter.parse(createReadStream(file), { file })) {
    if (ev.kind !== 'record') continue;
    const data = recordData(ev.record);
    const e = entityFromRecord(data, { hash: contentHash(data), dataset: 'un' });
    assert.deepEqual(entityProblems(model, e), []);
    entities.push(e);
  }
  const index = ScreeningIndex.build(entities);
  assert.ok(index.size > 1000);
  const top = (name: string, extra: Record<string, string[]> = {}) => {
    const [r] = index.match({ schema: 'Person', properties: { name: [name], ...extra } });
    return r ? { ref: index.get(r.id)?.sourceRef, match: r.match, score: r.score } : undefined;
  };
  assert.deepEqual(top('Ri Won-ho', { birthDate: ['1964-07-17'] }), {
    ref: 'KPi.033',
    match: true,
    score: 1,
  });
  assert.equal(top('Won Ho Ri')?.ref, 'KPi.033');
  assert.equal(top('KO TAE HUN')?.ref, 'KPi.025');
  assert.equal(top('HAFIZ ABUDL SALAM BHUTTAVI')?.ref, 'QDi.307');
  const byPassport = index.match({
    schema: 'Person',
    properties: { name: ['Unknown Person'], passportNumber: ['381310014'] },
  });
  assert.equal(index.get(byPassport[0].id)?.sourceRef, 'KPi.033');
  assert.ok(byPassport[0].score >= 0.95);
  assert.ok(
    index
      .match({ schema: 'Person', properties: { name: ['Patricia Lucas Wheeler'] } })
      .every((r) => !r.match),
  );
});

test('buildIndexFromStore indexes the current listings of every dataset', {
  skip: missingShared(...UN),
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wk-screen-'));
  const store = await openStore({ dataDir: dir });
  try {
    await importListFile(store, sharedFile(...UN) as string, { actor: 'test' });
    const index = await buildIndexFromStore(store);
    assert.ok(index.size > 1000);
    const ri = index.get('un-kpi-033');
    assert.ok(ri);
    assert.deepEqual(ri.datasets, ['un']);
    assert.match(ri.hash, /^[0-9a-f]{32}$/);
    assert.equal(index.match({ schema: 'Person', properties: { name: ['Ri Won Ho'] } })[0].id, 'un-kpi-033');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
