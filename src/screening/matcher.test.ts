import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScreeningIndex } from './matcher.ts';
import type { IndexedEntity } from './types.ts';

function entity(
  id: string,
  schema: string,
  properties: Record<string, string[]>,
  dataset = 'un',
): IndexedEntity {
  return {
    id,
    schema,
    caption: properties.name?.[0] ?? id,
    properties,
    datasets: [dataset],
    sourceRef: id,
    regimes: [],
    hash: `h-${id}`,
  };
}

// Deterministic filler names, so blocking has something to skip.
function filler(n: number): IndexedEntity[] {
  const syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'bu', 'do', 'fi'];
  const word = (i: number) => syll[i % 12] + syll[Math.floor(i / 12) % 12] + syll[Math.floor(i / 144) % 12];
  return Array.from({ length: n }, (_, i) =>
    entity(`f-${i}`, 'Person', { name: [`${word(i * 7 + 3)} ${word(i * 13 + 5)}`] }),
  );
}

const fixtures = [
  entity('kpi-1', 'Person', { name: ['RI WON HO'], birthDate: ['1964-07-17'], nationality: ['kp'] }),
  entity('kpi-2', 'Person', { name: ['KIM JONG UN'], alias: ['Kim Jong-eun'] }, 'ofac-sdn'),
  entity('v-1', 'Vessel', {
    name: ['SEA STAR'],
    previousName: ['CHON MA SAN'],
    imoNumber: ['IMO 8660313'],
    mmsi: ['445123000'],
  }),
  entity('o-1', 'Organization', { name: ['OCEAN MARITIME MANAGEMENT'], imoNumber: ['1790183'] }),
  entity('v-2', 'Vessel', { name: ['JI SONG 6'], imoNumber: ['8898740'] }),
];

test('a query scores only entities sharing a blocking key', () => {
  const index = ScreeningIndex.build([...fixtures, ...filler(3000)]);
  assert.equal(index.size, 3005);
  const q = { schema: 'Person', properties: { name: ['Kim Jong Un'] } };
  assert.ok(index.candidateCount(q) < 10, `${index.candidateCount(q)} candidates`);
  const res = index.match(q);
  assert.equal(res[0].id, 'kpi-2');
  assert.equal(res[0].match, true);
  assert.equal(index.candidateCount({ schema: 'Person', properties: { name: ['Zzyzx Qwerty'] } }), 0);
  // Joined given name and a typo in a single-word query still reach their entity.
  assert.equal(index.match({ schema: 'Person', properties: { name: ['Kim Jongun'] } })[0].id, 'kpi-2');
  assert.equal(index.match({ schema: 'Person', properties: { name: ['Won Ho Ri'] } })[0].id, 'kpi-1');
});

test('vessels: found by former name and by IMO whatever the name; company IMO numbers never match a vessel', () => {
  const index = ScreeningIndex.build(fixtures);
  const byOld = index.match({ schema: 'Vessel', properties: { name: ['Chon Ma San'] } });
  assert.equal(byOld[0].id, 'v-1');
  assert.equal(byOld[0].match, true);
  const byImo = index.match({ schema: 'Vessel', properties: { name: ['Whatever'], imoNumber: ['8660313'] } });
  assert.equal(byImo[0].id, 'v-1');
  assert.ok(byImo[0].score >= 0.95);
  const byMmsi = index.match({ schema: 'Vessel', properties: { mmsi: ['445123000'] } });
  assert.equal(byMmsi[0]?.id, 'v-1');
  const companyImo = index.match({
    schema: 'Thing',
    properties: { name: ['Whatever'], imoNumber: ['1790183'] },
  });
  assert.ok(companyImo.every((r) => !r.match));
  assert.ok(
    index.match({ schema: 'Person', properties: { name: ['Sea Star'] } }).every((r) => r.schema !== 'Vessel'),
  );
});

test('threshold, limit and dataset filters', () => {
  const index = ScreeningIndex.build(fixtures);
  const q = { schema: 'Person', properties: { name: ['Kim Jong Un'] } };
  assert.equal(index.match(q, { datasets: ['un'] }).length, 0);
  assert.equal(index.match(q, { datasets: ['ofac'] })[0].id, 'kpi-2');
  assert.equal(index.match(q, { threshold: 1.01 })[0].match, false);
  assert.ok(index.match({ schema: 'Person', properties: { name: ['Ri'] } }, { limit: 1 }).length <= 1);
  assert.throws(() => index.add(fixtures[0]), /already indexed/);
  assert.equal(index.get('v-2')?.caption, 'JI SONG 6');
});

test('results carry explanations of the name alignment and each feature', () => {
  const index = ScreeningIndex.build(fixtures);
  const [r] = index.match({
    schema: 'Person',
    properties: { name: ['Ri Won-ho'], birthDate: ['1964'], nationality: ['North Korea'] },
  });
  assert.equal(r.id, 'kpi-1');
  const features = r.explanations.map((e) => e.feature);
  assert.deepEqual(features, ['name', 'birthDate', 'country']);
  assert.ok(r.explanations.every((e) => typeof e.effect === 'number' && e.detail.length > 0));
});
