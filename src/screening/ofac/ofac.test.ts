import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { missingShared, sharedFile } from '../../config/paths.ts';
import {
  explainOfacScore,
  jaro,
  jaroWinkler,
  OFAC_SCORE_PARAMS,
  type OfacScoreParams,
  ofacBestScore,
  ofacNameParts,
  ofacScore,
  ofacWholeName,
  soundex,
} from './index.ts';

const close = (actual: number, expected: number, eps = 1e-3) =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} != ${expected}`);

describe('jaro / jaroWinkler', () => {
  test('textbook values (Winkler 1990 examples)', () => {
    close(jaro('MARTHA', 'MARHTA'), 0.944);
    close(jaroWinkler('MARTHA', 'MARHTA'), 0.961);
    close(jaro('DWAYNE', 'DUANE'), 0.822);
    close(jaroWinkler('DWAYNE', 'DUANE'), 0.84);
    close(jaro('DIXON', 'DICKSONX'), 0.767);
    close(jaroWinkler('DIXON', 'DICKSONX'), 0.813);
    close(jaro('JELLYFISH', 'SMELLYFISH'), 0.896);
  });

  test('edge cases: identical, empty, disjoint, symmetric', () => {
    assert.equal(jaroWinkler('PUTIN', 'PUTIN'), 1);
    assert.equal(jaroWinkler('', 'PUTIN'), 0);
    assert.equal(jaroWinkler('', ''), 0);
    assert.equal(jaroWinkler('ABC', 'XYZ'), 0);
    close(jaroWinkler('PUTIN', 'PUNTI'), jaroWinkler('PUNTI', 'PUTIN'), 1e-12);
    // One-character strings match only when equal (window 0).
    assert.equal(jaroWinkler('A', 'A'), 1);
    assert.equal(jaroWinkler('A', 'B'), 0);
  });

  test('the prefix bonus applies below 0.7 unless the textbook boost threshold is asked for', () => {
    const j = jaro('ABCDEFGHIJ', 'ABXXXXXXXX');
    assert.ok(j < 0.7);
    close(jaroWinkler('ABCDEFGHIJ', 'ABXXXXXXXX'), j + 0.2 * (1 - j), 1e-12);
    close(jaroWinkler('ABCDEFGHIJ', 'ABXXXXXXXX', { boostThreshold: 0.7 }), j, 1e-12);
  });

  test('prefix bonus capped at 4 characters', () => {
    const j = jaro('VLADIMIR', 'VLADIMIROV');
    close(jaroWinkler('VLADIMIR', 'VLADIMIROV'), j + 0.4 * (1 - j), 1e-12);
  });
});

describe('soundex', () => {
  test('American Soundex reference codes', () => {
    const cases: [string, string][] = [
      ['Robert', 'R163'],
      ['Rupert', 'R163'],
      ['Rubin', 'R150'],
      ['Ashcraft', 'A261'],
      ['Ashcroft', 'A261'],
      ['Tymczak', 'T522'],
      ['Pfister', 'P236'],
      ['Honeyman', 'H555'],
      ['Lee', 'L000'],
      ['Putin', 'P350'],
      ['Poutine', 'P350'],
      ['Hussein', 'H250'],
      ['Hussaini', 'H250'],
      ["O'Brien", 'O165'],
    ];
    for (const [name, code] of cases) assert.equal(soundex(name), code, name);
  });

  test('no Latin letters gives an empty code', () => {
    assert.equal(soundex(''), '');
    assert.equal(soundex('123'), '');
    assert.equal(soundex('Путин'), '');
  });
});

describe('ofacScore', () => {
  test('name order and the list comma form do not matter when all parts match', () => {
    assert.equal(ofacScore('VLADIMIR PUTIN', 'PUTIN, Vladimir'), 100);
    assert.equal(ofacScore('putin vladimir', 'PUTIN, Vladimir'), 100);
    assert.equal(ofacScore('Vladimir Putin', 'PUTIN, Vladimir Vladimirovich'), 100);
  });

  test('a missing query part costs its share; short parts are ignored', () => {
    assert.equal(ofacScore('GEORGE BUSH', 'HASWANI, George'), 50);
    assert.equal(ofacScore('KIM JONG UN', 'KIM, Jong Man'), 100);
    assert.equal(ofacScore('J.P. MORGAN', 'MORGAN HUERTA, Jose Arnoldo'), 100);
  });

  test('hyphens split parts, apostrophes join them, diacritics fold', () => {
    assert.deepEqual(ofacNameParts("KIM, So'ng-hun"), ['KIM', 'SONG', 'HUN']);
    assert.deepEqual(ofacNameParts("O'BRIEN"), ['OBRIEN']);
    assert.equal(ofacWholeName('AL-QAEDA,  Network'), 'ALQAEDA NETWORK');
    assert.equal(ofacScore('José Pérez', 'PEREZ, Jose'), 100);
  });

  test('empty, non-Latin and absurd inputs score 0 without throwing', () => {
    assert.equal(ofacScore('', 'PUTIN, Vladimir'), 0);
    assert.equal(ofacScore('PUTIN', ''), 0);
    assert.equal(ofacScore('Владимир Путин', 'PUTIN, Vladimir'), 0);
    assert.equal(ofacScore('---', '...'), 0);
    const long = 'A'.repeat(100_000);
    assert.ok(ofacScore(long, 'PUTIN, Vladimir') >= 0);
  });

  test('scores are integers in 0..100', () => {
    for (const [q, c] of [
      ['PUTIN', 'PUNTI, Pere'],
      ['OBAMA', 'OBAID, Maher'],
      ['XI JINPING', 'LIU, Jingping'],
    ]) {
      const s = ofacScore(q, c);
      assert.ok(Number.isInteger(s) && s >= 0 && s <= 100, `${q} ~ ${c}: ${s}`);
    }
  });

  test('explanation shows the alignment and which technique won', () => {
    const e = explainOfacScore('KIM JONG UN', "KIM, So'ng-hun");
    assert.deepEqual(e.nameParts.ignoredQueryParts, ['UN']);
    assert.deepEqual(
      e.nameParts.parts.map((p) => [p.queryPart, p.candidatePart]),
      [
        ['KIM', 'KIM'],
        ['JONG', 'SONG'],
      ],
    );
    assert.equal(e.wholeName.candidate, 'KIM SONGHUN');
    assert.equal(e.score, Math.ceil(Math.max(e.nameParts.score, e.wholeName.jaroWinkler) * 100 - 1e-9));
    const weak = explainOfacScore('GEORGE BUSH', 'HASWANI, George');
    assert.equal(weak.method, 'name-parts');
    assert.equal(weak.nameParts.parts[1].counted, 0);
  });

  test('best over an entry’s names', () => {
    assert.equal(ofacBestScore('USAMA BIN LADIN', ['BIN LADEN, Osama', 'BIN LADIN, Usama']), 100);
    assert.equal(ofacBestScore('X', []), 0);
  });
});

// ---- parity with OFAC's own scores --------------------------------------------------------------------------

const PARITY = ['screening', 'ofac-search-parity.csv'] as const;

interface ParityRow {
  query: string;
  candidate: string;
  ofac: number;
}

function loadParity(): { scored: ParityRow[]; notReturned: ParityRow[] } {
  const path = sharedFile(...PARITY);
  if (!path) throw new Error('parity file missing');
  const records = parse(readFileSync(path), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const rows = records.map((r) => ({
    query: r.query_name,
    candidate: r.result_name,
    ofac: Number(r.ofac_score),
  }));
  // -1 means OFAC's tool did not return the entry at all (its retrieval step, not its score), so it has no
  // score to compare with; those rows are counted and reported, not scored.
  return { scored: rows.filter((r) => r.ofac >= 0), notReturned: rows.filter((r) => r.ofac < 0) };
}

function parityOf(rows: readonly ParityRow[], params: OfacScoreParams = OFAC_SCORE_PARAMS) {
  let within = 0;
  let exact = 0;
  let absError = 0;
  const diffs: { row: ParityRow; ours: number; diff: number }[] = [];
  for (const row of rows) {
    const ours = ofacScore(row.query, row.candidate, params);
    const diff = ours - row.ofac;
    if (Math.abs(diff) <= 5) within++;
    if (diff === 0) exact++;
    absError += Math.abs(diff);
    diffs.push({ row, ours, diff });
  }
  return { within: within / rows.length, exact, mae: absError / rows.length, diffs };
}

describe('parity with OFAC Sanctions List Search', { skip: missingShared(...PARITY) }, () => {
  test('within 5 points of OFAC on >= 90% of rows', () => {
    const { scored, notReturned } = loadParity();
    const { within, exact, mae, diffs } = parityOf(scored);
    const worst = diffs.sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff)).slice(0, 8);
    console.log(
      `ofac parity: ${(within * 100).toFixed(1)}% of ${scored.length} scored rows within 5 points, ${exact} exact, MAE ${mae.toFixed(2)}` +
        ` (${notReturned.length} rows OFAC did not return, not scored)`,
    );
    for (const w of worst)
      console.log(
        `  ${w.diff > 0 ? '+' : ''}${w.diff}\tours ${w.ours} ofac ${w.row.ofac}\t${w.row.query} ~ ${w.row.candidate}`,
      );
    assert.ok(within >= 0.9, `only ${(within * 100).toFixed(1)}% within 5 points`);
  });

  test('5-fold cross-validation by query: constants chosen on 4 folds hold on the fifth', () => {
    const { scored } = loadParity();
    // Fold by query, so a held-out fold holds queries never seen while choosing constants.
    const queries = [...new Set(scored.map((r) => r.query))];
    const foldOf = new Map(queries.map((q, i) => [q, i % 5]));
    const grid: OfacScoreParams[] = [];
    for (const weakPartBelow of [0, 0.5, 0.6, 0.7, 0.8])
      for (const ignoreQueryPartsUpTo of [0, 1, 2])
        for (const soundexBoost of [0, 0.2, 0.5])
          grid.push({ weakPartBelow, ignoreQueryPartsUpTo, soundexBoost });
    let heldWithin = 0;
    let heldRows = 0;
    const lines: string[] = [];
    for (let fold = 0; fold < 5; fold++) {
      const train = scored.filter((r) => foldOf.get(r.query) !== fold);
      const test = scored.filter((r) => foldOf.get(r.query) === fold);
      let best = grid[0];
      let bestFit = { within: -1, mae: Infinity };
      for (const params of grid) {
        const fit = parityOf(train, params);
        if (fit.within > bestFit.within || (fit.within === bestFit.within && fit.mae < bestFit.mae)) {
          best = params;
          bestFit = fit;
        }
      }
      const held = parityOf(test, best);
      heldWithin += held.within * test.length;
      heldRows += test.length;
      lines.push(
        `  fold ${fold}: train ${(bestFit.within * 100).toFixed(1)}% -> held-out ${(held.within * 100).toFixed(1)}% of ${test.length}` +
          ` (weak<${best.weakPartBelow}, ignore<=${best.ignoreQueryPartsUpTo}, soundex ${best.soundexBoost})`,
      );
    }
    const cv = heldWithin / heldRows;
    console.log(`ofac parity, 5-fold cross-validated: ${(cv * 100).toFixed(1)}% within 5 points`);
    for (const l of lines) console.log(l);
    assert.ok(cv >= 0.9, `cross-validated ${(cv * 100).toFixed(1)}%`);
  });
});

test('speed: scores per second', () => {
  const pairs: [string, string][] = [
    ['VLADIMIR PUTIN', 'PUTIN, Vladimir Vladimirovich'],
    ['MAHMOOD AHMED BASHIR-UD-DIN', 'MEHMOOD, Dr. Bashir Uddin'],
    ['GEORGE BUSH', 'GROUPE ISLAMIQUE COMBATTANT MAROCAIN'],
    ['KIM JONG UN', "KIM, So'ng-hun"],
  ];
  const n = 50_000;
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const [q, c] = pairs[i & 3];
    sink += ofacScore(q, c);
  }
  const ms = performance.now() - t0;
  console.log(
    `ofacScore: ${Math.round((n / ms) * 1000).toLocaleString('en')} scores/s (${((ms * 1000) / n).toFixed(2)} µs each)`,
  );
  assert.ok(sink > 0);
});
