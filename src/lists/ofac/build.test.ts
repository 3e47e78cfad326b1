import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingShared } from '../../config/paths.ts';
import { loadFtmModel } from '../../ftm/model.ts';
import { slug } from '../../ftm/types.ts';
import { entitySchema, OfacRecordBuilder, ofacCountry, SCHEMA_PROPS, splitPersonName } from './build.ts';

test('the property table is a subset of the real FtM model', {
  skip: missingShared('ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'),
}, () => {
  const model = loadFtmModel();
  for (const [schema, props] of Object.entries(SCHEMA_PROPS)) {
    const real = model.properties.get(schema);
    assert.ok(real, schema);
    assert.deepEqual(
      [...props].filter((p) => !real.has(p)),
      [],
      schema,
    );
  }
});

test('entity schema: Company when the name ends in a legal form, else Organization', () => {
  for (const name of [
    'ANGLO-CARIBBEAN CO., LTD.',
    'KOREA ACHIM SHIPPING CO.',
    'CHONGCHONGANG SHIPPING COMPANY LIMITED',
    'CECOEX, S.A.',
    'GRUPO X, S.A. DE C.V.',
    'MI FEL, S. DE R.L. DE C.V.',
    'ROSNEFT JSC',
    'TEHNOPROM OOO',
    'X TRADING FZE',
  ]) {
    assert.equal(entitySchema(name), 'Company', name);
  }
  for (const name of [
    'HIZBALLAH',
    'KOREA WORKERS PARTY',
    'BANCO NACIONAL DE CUBA',
    'MINISTRY OF DEFENSE (NORTH KOREA)',
  ]) {
    assert.equal(entitySchema(name), 'Organization', name);
  }
});

test('person names split at the first comma; ids slug the reference', () => {
  assert.deepEqual(splitPersonName('KIM, Jong Un'), { lastName: 'KIM', firstName: 'Jong Un' });
  assert.deepEqual(splitPersonName('AL-ZAWAHIRI, Ayman, Dr.'), {
    lastName: 'AL-ZAWAHIRI',
    firstName: 'Ayman, Dr.',
  });
  assert.deepEqual(splitPersonName('MADONNA'), {});
  assert.equal(slug(' G 649385 '), 'g-649385');
  assert.equal(new OfacRecordBuilder('12345', 'Person').id, 'ofac-12345');
});

test('OFAC country spellings', () => {
  assert.equal(ofacCountry('Korea, North'), 'kp');
  assert.equal(ofacCountry("Democratic People's Republic of Korea"), 'kp');
  assert.equal(ofacCountry('Palestinian'), 'ps');
  assert.equal(ofacCountry('Region: Gaza'), 'ps');
  assert.equal(ofacCountry('Atlantis'), undefined);
});

test('a value the schema has no property for becomes a note, never a wrong property', () => {
  const b = new OfacRecordBuilder('1', 'Organization');
  b.set('birthDate', 'DOB', '1961');
  b.setCountry('nationality', 'nationality', 'Korea, North');
  b.setCountry('country', 'country', 'Atlantis');
  const r = b.build('line 1');
  assert.deepEqual(r.entity.properties.notes, [
    'DOB: 1961',
    'nationality: Korea, North',
    'country: Atlantis',
  ]);
  assert.equal(r.adjuncts.length, 1);
  assert.deepEqual(r.regimes, []);
});
