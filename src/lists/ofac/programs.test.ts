import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knownPrograms, programDescription, programRegime, splitPrograms } from './programs.ts';

test('the legacy CSV packs several programs into one field', () => {
  assert.deepEqual(splitPrograms('NPWMD] [DPRK2'), ['NPWMD', 'DPRK2']);
  assert.deepEqual(splitPrograms('[SDGT] [IRGC] [IFSR]'), ['SDGT', 'IRGC', 'IFSR']);
  assert.deepEqual(splitPrograms('CAATSA - RUSSIA'), ['CAATSA - RUSSIA']);
  assert.deepEqual(splitPrograms('DPRK3] [DPRK3'), ['DPRK3']);
  assert.deepEqual(splitPrograms('-0- '), []);
  assert.deepEqual(splitPrograms(undefined), []);
});

test('regimes keep the code exactly as written', () => {
  assert.equal(programRegime('DPRK2'), 'ofac-DPRK2');
  assert.equal(programRegime('NPWMD'), 'ofac-NPWMD');
  assert.equal(programRegime('NEW-PROGRAM-2031'), 'ofac-NEW-PROGRAM-2031');
});

test('known programs are described; unknown ones are not invented', () => {
  for (const code of [
    'DPRK',
    'DPRK2',
    'DPRK3',
    'DPRK4',
    'DPRK-NKSPEA',
    'NPWMD',
    'SDGT',
    'IRAN',
    'IRGC',
    'RUSSIA-EO14024',
  ]) {
    assert.ok(programDescription(code), code);
  }
  assert.match(programDescription('DPRK3')!, /13722/);
  assert.match(programDescription('NPWMD')!, /13382/);
  assert.match(programDescription('BPI-RUSSIA-EO14024')!, /^Blocked pending investigation/);
  assert.equal(programDescription('NEW-PROGRAM-2031'), undefined);
  assert.ok(knownPrograms().length > 70);
});
