import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { missingShared, sharedFile } from '../config/paths.ts';
import { isValidImo, parseImo } from './imo.ts';

// Real ships' IMO numbers (the last two from the Baltic sample: TEMSE, PAGADDER).
const REAL = [9241061, 9074729, 9045807, 9361330];

test('real IMO numbers pass the check digit', () => {
  for (const imo of REAL) {
    assert.equal(isValidImo(imo), true, String(imo));
    assert.equal(isValidImo(String(imo)), true, String(imo));
  }
});

test('wrong check digits, one-digit-off and transposed numbers fail', () => {
  assert.equal(isValidImo(9241062), false); // last digit off
  assert.equal(isValidImo(9241161), false); // one digit off
  assert.equal(isValidImo(9241016), false); // last two swapped
  assert.equal(isValidImo(2941061), false); // first two swapped
  // A single-digit change is caught unless (change × weight) is a multiple of 10: the weights 7..2 are not
  // all coprime to 10, so e.g. ±2 on the third digit (weight 5) slips through. Check the rule exactly.
  let caught = 0;
  let missed = 0;
  for (const imo of REAL) {
    const s = String(imo);
    for (let i = 0; i < 7; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === s[i] || (i === 0 && d === 0)) continue;
        const changed = Number(s.slice(0, i) + d + s.slice(i + 1));
        const weight = i < 6 ? 7 - i : 1; // the check digit itself: any change shows
        const slips = ((d - Number(s[i])) * weight) % 10 === 0;
        assert.equal(isValidImo(changed), slips, `${changed} (from ${imo})`);
        if (slips) missed++;
        else caught++;
      }
    }
  }
  assert.ok(caught > 5 * missed);
});

test('only 7-digit integers are IMO numbers', () => {
  for (const bad of [0, 924106, 92410610, 9241061.5, -9241061, Number.NaN, 211476060]) {
    assert.equal(isValidImo(bad), false, String(bad));
  }
  for (const bad of ['', '0241061', '924106', '92410610', '9241 061', 'IMO 9241061', '9241061x']) {
    assert.equal(isValidImo(bad), false, JSON.stringify(bad));
  }
  assert.equal(isValidImo(' 9241061 '), true);
});

test('parseImo reads list and AIS notations', () => {
  for (const text of [
    '9241061',
    ' 9241061 ',
    'IMO 9241061',
    'IMO9241061',
    'imo 9241061',
    'IMO: 9241061',
    'IMO-9241061',
    'IMO No. 9241061',
    'IMO no 9241061',
    'IMO number 9241061',
    'IMO # 9241061',
  ]) {
    assert.equal(parseImo(text), 9241061, JSON.stringify(text));
  }
  for (const text of [
    '',
    'IMO',
    'IMO 924106',
    'IMO 92410610',
    'MMSI 211476060',
    'IMO 9241061 (ex)',
    'O 9241061',
  ]) {
    assert.equal(parseImo(text), null, JSON.stringify(text));
  }
  assert.equal(parseImo('IMO 9241062'), null); // wrong check digit
  assert.equal(parseImo('IMO 9241062', { requireCheckDigit: false }), 9241062);
  assert.equal(parseImo('IMO 0241061', { requireCheckDigit: false }), null);
});

test('IMO numbers broadcast in the Baltic sample: almost all valid', {
  skip: missingShared('ais', 'baltic-2018-04-01-positions.csv'),
}, (t) => {
  const file = sharedFile('ais', 'baltic-2018-04-01-positions.csv') as string;
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, delimiter: ';' });
  const imos = new Set(rows.map((r) => Number(r.imo)).filter((n) => n > 0));
  const invalid = [...imos].filter((n) => !isValidImo(n));
  t.diagnostic(`${imos.size} distinct IMO numbers, invalid: ${invalid.join(' ') || 'none'}`);
  assert.ok(imos.size > 100);
  assert.ok(invalid.length < imos.size / 20);
});
