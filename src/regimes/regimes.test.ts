import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryCode } from '../ftm/countries.ts';
import { findMeasure, getRegime, listRegimes, measuresOf, regimeForCode } from './index.ts';

const MEASURE_KINDS = new Set([
  'arms_embargo',
  'asset_freeze',
  'travel_ban',
  'import_ban',
  'export_ban',
  'sectoral_ban',
  'cap',
  'vessel_measure',
  'financial',
  'workers',
  'luxury_goods',
  'other',
]);

test('regime codes and measure ids are unique', () => {
  const regimes = listRegimes();
  const codes = regimes.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  const ids = regimes.flatMap((r) => r.measures.map((m) => m.id));
  assert.equal(new Set(ids).size, ids.length, 'measure ids unique across regimes');
  for (const r of regimes) for (const m of r.measures) assert.ok(m.id.startsWith(`${r.code}-`), m.id);
});

test('every regime the conventions name is present', () => {
  const expected = [
    'un-dprk',
    'un-isil-aq',
    'un-taliban',
    'un-iraq',
    'un-drc',
    'un-sudan',
    'un-somalia',
    'un-libya',
    'un-guinea-bissau',
    'un-car',
    'un-yemen',
    'un-south-sudan',
    'un-mali',
    'un-haiti',
    'un-iran',
    'ofac-DPRK',
    'ofac-DPRK2',
    'ofac-DPRK3',
    'ofac-DPRK4',
    'ofac-DPRK-NKSPEA',
    'ofac-NPWMD',
    'eu-PRK',
    'uk-dprk',
  ];
  for (const code of expected) assert.ok(getRegime(code), code);
});

test('every citation names an instrument in its regime basis; data is well-formed', () => {
  for (const regime of listRegimes()) {
    const symbols = new Set(regime.basis.map((b) => b.symbol));
    assert.ok(regime.basis.length > 0, `${regime.code} has a basis`);
    for (const b of regime.basis) {
      assert.match(b.date, /^\d{4}-\d{2}-\d{2}$/, `${regime.code} ${b.symbol} date`);
      assert.match(b.url, /^https:\/\//, `${regime.code} ${b.symbol} url`);
    }
    if (regime.country) assert.equal(countryCode(regime.country), regime.country, regime.code);
    for (const m of regime.measures) {
      assert.ok(MEASURE_KINDS.has(m.kind), `${m.id} kind ${m.kind}`);
      assert.ok(m.sources.length > 0, `${m.id} has sources`);
      for (const s of m.sources) {
        assert.ok(symbols.has(s.instrument), `${m.id} cites ${s.instrument}, not in ${regime.code} basis`);
        assert.equal(typeof s.verified, 'boolean', `${m.id} says whether ${s.instrument} was verified`);
      }
      if (m.supersededBy) assert.ok(findMeasure(m.supersededBy), `${m.id} superseded by a known measure`);
    }
  }
});

test('related links are symmetric and resolve', () => {
  for (const regime of listRegimes()) {
    for (const other of regime.related ?? []) {
      const r = getRegime(other);
      assert.ok(r, `${regime.code} -> ${other}`);
      assert.ok(r.related?.includes(regime.code), `${other} links back to ${regime.code}`);
    }
  }
});

test('the UN DPRK regime: resolutions, dates, every measure cited with paragraphs', () => {
  const dprk = getRegime('un-dprk');
  assert.ok(dprk);
  assert.equal(dprk.country, 'kp');
  const dates = Object.fromEntries(dprk.basis.map((b) => [b.symbol, b.date]));
  assert.deepEqual(dates, {
    'S/RES/1718 (2006)': '2006-10-14',
    'S/RES/1874 (2009)': '2009-06-12',
    'S/RES/2087 (2013)': '2013-01-22',
    'S/RES/2094 (2013)': '2013-03-07',
    'S/RES/2270 (2016)': '2016-03-02',
    'S/RES/2321 (2016)': '2016-11-30',
    'S/RES/2356 (2017)': '2017-06-02',
    'S/RES/2371 (2017)': '2017-08-05',
    'S/RES/2375 (2017)': '2017-09-11',
    'S/RES/2397 (2017)': '2017-12-22',
  });
  for (const m of dprk.measures) {
    for (const s of m.sources)
      assert.ok(s.paragraphs.length > 0, `${m.id} cites paragraphs of ${s.instrument}`);
    if (m.kind === 'import_ban' || m.kind === 'export_ban') assert.ok(m.direction, `${m.id} has a direction`);
  }
  const cited = new Set(dprk.measures.flatMap((m) => m.sources.map((s) => s.instrument)));
  for (const b of dprk.basis) assert.ok(cited.has(b.symbol), `some measure cites ${b.symbol}`);
});

test('the DPRK caps: 500,000 barrels of refined petroleum, 4 million barrels of crude', () => {
  const refined = findMeasure('un-dprk-refined-petroleum-cap')?.measure;
  assert.ok(refined);
  assert.deepEqual(
    { quantity: refined.cap?.quantity, unit: refined.cap?.unit, period: refined.cap?.period },
    { quantity: 500_000, unit: 'barrels', period: 'calendar year' },
  );
  assert.deepEqual(refined.sources[0], {
    instrument: 'S/RES/2397 (2017)',
    paragraphs: ['5'],
    verified: true,
  });
  assert.equal(refined.direction, 'to DPRK');

  const crude = findMeasure('un-dprk-crude-oil-cap')?.measure;
  assert.equal(crude?.cap?.quantity, 4_000_000);
  assert.deepEqual(crude?.cap?.alternative, { quantity: 525_000, unit: 'tons' });
  assert.deepEqual(crude?.sources[0].paragraphs, ['4']);

  const older = findMeasure('un-dprk-refined-petroleum-cap-2018')?.measure;
  assert.equal(older?.cap?.quantity, 2_000_000);
  assert.equal(older?.supersededBy, 'un-dprk-refined-petroleum-cap');
});

test('key DPRK paragraphs', () => {
  const paragraphs = (id: string, instrument: string) =>
    findMeasure(id)?.measure.sources.find((s) => s.instrument === instrument)?.paragraphs;
  assert.deepEqual(paragraphs('un-dprk-luxury-goods', 'S/RES/1718 (2006)'), ['8(a)(iii)']);
  assert.deepEqual(paragraphs('un-dprk-asset-freeze', 'S/RES/1718 (2006)'), ['8(d)']);
  assert.deepEqual(paragraphs('un-dprk-travel-ban', 'S/RES/1718 (2006)'), ['8(e)']);
  assert.deepEqual(paragraphs('un-dprk-coal-iron-export-ban', 'S/RES/2371 (2017)'), ['8']);
  assert.deepEqual(paragraphs('un-dprk-workers-repatriation', 'S/RES/2397 (2017)'), ['8']);
  assert.deepEqual(paragraphs('un-dprk-ship-to-ship-ban', 'S/RES/2375 (2017)'), ['11']);
  const sectoral = findMeasure('un-dprk-sectoral-export-ban-2397')?.measure;
  assert.deepEqual(sectoral?.hsChapters, ['07', '08', '12', '25', '44', '84', '85', '89']);
});

test('regimeForCode synthesises unknown codes; measuresOf', () => {
  const sdgt = regimeForCode('ofac-SDGT');
  assert.deepEqual(
    { code: sdgt.code, authority: sdgt.authority, name: sdgt.name, measures: sdgt.measures },
    { code: 'ofac-SDGT', authority: 'US OFAC', name: 'OFAC program SDGT', measures: [] },
  );
  assert.equal(sdgt.synthesised, true);
  assert.equal(regimeForCode('un-some-list').authority, 'UN Security Council');
  assert.equal(regimeForCode('eu-RUS').name, 'EU regime RUS');
  assert.equal(regimeForCode('uk-russia').authority, 'UK');
  assert.equal(regimeForCode('xx-1').authority, 'unknown');
  assert.equal(regimeForCode('un-dprk'), getRegime('un-dprk'));
  assert.equal(getRegime('OFAC-dprk2')?.code, 'ofac-DPRK2');
  assert.ok(measuresOf('un-dprk').length >= 25);
  assert.deepEqual(measuresOf('ofac-SDGT'), []);
});
