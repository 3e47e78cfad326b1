import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { missingShared, sharedFile } from '../../config/paths.ts';
import {
  hangulSyllables,
  isCompanyWord,
  isKeyVariant,
  isParticle,
  isStopWord,
  isTitle,
  latinize,
  nameKeys,
  nameTokens,
  normalize,
  splitKoreanSyllables,
  tokenKey,
} from './index.ts';

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/** Some rendering of `foreign` has the same token keys (as a multiset) as `latin`. */
function crossScriptMatch(foreign: string, latin: string): boolean {
  const target = nameKeys(latin);
  return latinize(foreign).some((r) => sameMultiset(nameKeys(r), target));
}

function assertSameKey(variants: string[]): void {
  const keys = variants.map(tokenKey);
  assert.deepEqual(new Set(keys).size, 1, `${variants.join('/')} → ${keys.join('/')}`);
}

test('normalize: case, diacritics, breves, UN apostrophes, punctuation', () => {
  assert.equal(normalize("CH'O'L"), 'chol');
  assert.equal(normalize('Kim  Jŏng-ŭn'), 'kim jong un');
  assert.equal(normalize('YO’N, Ri'), 'yon ri');
  assert.equal(normalize('Ｋｉｍ'), 'kim'); // NFKC full-width
  assert.equal(normalize('Müller Straße'), 'muller strasse');
  assert.equal(
    normalize('  KOREA  MINING DEVELOPMENT TRADING CORP. (KOMID)  '),
    'korea mining development trading corp komid',
  );
  assert.equal(normalize('Ali S.A.'), 'ali sa');
  assert.equal(normalize('J.U. Kim'), 'j u kim'); // a person's initials stay apart
  // non-Latin letters are kept, not transliterated; Cyrillic й and Hangul keep their composition
  assert.equal(normalize('Сергей 김정은'), 'сергей 김정은');
  assert.equal(normalize('مُحَمَّد'), 'محمد'); // Arabic vowel points dropped
  assert.equal(normalize(''), '');
});

test('hangulSyllables: syllable by syllable (김정은 ≠ 김종은)', () => {
  assert.deepEqual(hangulSyllables('김정은'), ['김', '정', '은']);
  assert.notDeepEqual(hangulSyllables('김정은'), hangulSyllables('김종은'));
  assert.deepEqual(hangulSyllables('Kim 김 x'), ['김']);
});

test('latinize: Hangul in RR, McCune–Reischauer and DPRK usage', () => {
  const kju = latinize('김정은');
  for (const r of ['kim jeong eun', 'kim chong un', 'kim jong un', 'kim jongun'])
    assert.ok(kju.includes(r), r);
  const choe = latinize('최룡해');
  assert.ok(choe.includes('choe ryong hae'), choe.join('/')); // as the UN lists him
  assert.ok(latinize('리병철').includes('ri pyong chol'));
  assert.ok(latinize('박지성').includes('park ji seong'));
  assert.ok(latinize('김 정은').includes('kim jong un'));
});

test('Korean variants collide both ways (Hangul ↔ Latin) and tokenKey groups romanizations', () => {
  const groups = [
    ['jong', 'chong', 'jeong', 'cheong', 'jung', 'chung'],
    ['chol', 'cheol', 'chul'],
    ['un', 'eun'],
    ['song', 'seong', 'sung'],
    ['kim', 'gim'],
    ['pak', 'park', 'bak'],
    ['choe', 'choi', 'chwe'],
    ['ri', 'rhee', 'lee', 'yi', 'rhi'],
    ['ryu', 'yu', 'yoo'],
    ['rim', 'im', 'lim'],
    ['ro', 'no', 'roh'],
    ['kang', 'gang'],
    ['ko', 'go'],
    ['jo', 'cho'],
    ['hyon', 'hyun', 'hyeon'],
    ['yong', 'young', 'yeong'],
    ['il', 'ill'],
    ['hui', 'hee', 'hwi'],
    ['kwang', 'gwang'],
    ['myong', 'myung', 'myeong'],
  ];
  for (const g of groups) assertSameKey(g);
  // Hangul → Latin, in each direction of writing
  for (const [hangul, latin] of [
    ['김정은', 'Kim Jong Un'],
    ['김정은', 'KIM Jong-un'],
    ['김정은', 'Gim Jeong-eun'],
    ['최룡해', "CH'OE RYONG HAE"],
    ['리병철', 'Ri Pyong Chol'],
    ['리병철', 'Lee Byeong-cheol'],
    ['박영식', 'Pak Yong Sik'],
    ['박영식', 'Park Young-sik'],
    ['현송월', "HYO'N SO'NG-WO'L"],
    ['조용원', 'Jo Yong Won'],
  ]) {
    assert.ok(crossScriptMatch(hangul, latin), `${hangul} ~ ${latin}`);
  }
  // Latin → Hangul: the keys of a UN spelling appear among the keys of the Hangul's renderings
  const unKeys = nameKeys("KIM CH'O'L");
  assert.ok(latinize('김철').some((r) => sameMultiset(nameKeys(r), unKeys)));
});

test('joined, hyphenated and spaced Korean given names align', () => {
  assert.deepEqual(nameTokens('Kim Jong-un'), ['kim', 'jong', 'un']);
  assert.deepEqual(nameTokens('Kim Jong Un'), ['kim', 'jong', 'un']);
  assert.deepEqual(nameTokens('Kim Jongun'), ['kim', 'jongun']);
  assert.deepEqual(splitKoreanSyllables('jongun'), ['jong', 'un']);
  assert.deepEqual(splitKoreanSyllables('hyonchol'), ['hyon', 'chol']);
  assert.deepEqual(splitKoreanSyllables('jeongeun'), ['jeong', 'eun']);
  assert.deepEqual(splitKoreanSyllables('ivanov'), ['ivanov']);
  assert.equal(tokenKey('jongun'), tokenKey('jong' + 'un'));
  assert.equal(tokenKey('jongun'), tokenKey('jeongeun'));
  assert.equal(tokenKey('jongun'), tokenKey('chongun'));
  assert.notEqual(tokenKey('jongun'), tokenKey('jangun'));
  assert.deepEqual(splitKoreanSyllables('jongun').map(tokenKey), [tokenKey('jong'), tokenKey('un')]);
});

test('different names do not collide', () => {
  const distinct = [
    ['kim', 'kang'],
    ['jong', 'jang'],
    ['jong', 'jon'], // 정 vs 전
    ['kim', 'gam'],
    ['pak', 'paek'],
    ['ri', 'ro'],
    ['song', 'sang'],
    ['chol', 'chil'],
    ['hasan', 'husayn'],
    ['ali', 'alan'],
    ['mohammed', 'mahmoud'],
    ['ivanov', 'ivanenko'],
    ['zhang', 'zheng'],
    ['wang', 'wong'],
    ['li', 'lu'],
    ['xi', 'xu'],
  ];
  for (const [a, b] of distinct) assert.notEqual(tokenKey(a), tokenKey(b), `${a} vs ${b}`);
});

test('latinize: Cyrillic in BGN/PCGN-like, passport and simple schemes', () => {
  const r = latinize('Щукин Юрий');
  assert.ok(r.includes('shchukin yuriy'), r.join('/'));
  assert.ok(r.includes('shchukin iurii'), r.join('/'));
  assert.ok(r.includes('schukin yury'), r.join('/'));
  assert.ok(latinize('Хабаров').includes('khabarov'));
  assert.ok(latinize('Хабаров').includes('habarov'));
  assert.ok(latinize('Ёлкин Яна').includes('yolkin yana'));
  assert.ok(latinize('Ёлкин Яна').includes('elkin iana'));
  assert.ok(latinize('Евгений').includes('yevgeniy'));
  assert.ok(crossScriptMatch('Евгений Пригожин', 'Yevgeniy Prigozhin'));
  assert.ok(crossScriptMatch('Евгений Пригожин', 'Evgeny Prigozhin'));
  assert.ok(crossScriptMatch('Сергей Шойгу', 'Sergei Shoigu'));
  assert.ok(crossScriptMatch('Сергей Шойгу', 'Sergey Shoygu'));
});

test('latinize: Chinese characters to pinyin, surname first; Korean hanja; Japanese', () => {
  assert.deepEqual(latinize('习近平'), ['xi jin ping', 'xi jinping']);
  assert.ok(latinize('王伟').includes('wang wei'));
  assert.ok(latinize('单田芳')[0].startsWith('shan ')); // surname reading of 单
  assert.ok(latinize('吕布').includes('lu bu')); // ü folded
  assert.ok(latinize('金正恩').includes('kim jong un')); // a Korean name in hanja
  assert.ok(latinize('田中花子').includes('tanaka hanako'));
  assert.ok(latinize('トヨタ').includes('toyota'));
});

test('Arabic: script → Latin and Latin variants', () => {
  for (const g of [
    ['mohammed', 'muhammad', 'mohamad', 'mohamed', 'muhamad', 'mohd'],
    ['abdul', 'abd', 'abdel'],
    ['hussein', 'husayn', 'hussain'],
    ['yusuf', 'youssef', 'yousef'],
    ['ahmed', 'ahmad'],
    ['khaled', 'khalid'],
    ['osama', 'usama'],
    ['ibrahim', 'ebrahim'],
    ['abdullah', 'abdallah'],
  ])
    assertSameKey(g);
  for (const p of ['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'abu', 'van', 'von', 'der', 'de'])
    assert.ok(isParticle(p), p);
  assert.deepEqual(nameKeys('Abu Bakr al-Baghdadi'), nameKeys('Bakr el Baghdadi'));
  assert.ok(crossScriptMatch('محمد علي', 'Mohammed Aly'));
  assert.ok(crossScriptMatch('عبد الرحمن', 'Abdul Rahman'));
  assert.ok(crossScriptMatch('عبد الرحمن', 'Abdulrahman'));
  assert.ok(crossScriptMatch('يوسف', 'Youssef'));
  assert.ok(crossScriptMatch('حسين', 'Hussein'));
});

test('company words, stop words, particles', () => {
  for (const w of [
    'co',
    'ltd',
    'llc',
    'inc',
    'corp',
    'corporation',
    'company',
    'jsc',
    'ojsc',
    'ooo',
    'zao',
    'pao',
    'gmbh',
  ]) {
    assert.ok(isCompanyWord(w), w);
  }
  for (const w of [
    'sa',
    'bv',
    'plc',
    'trading',
    'group',
    'holding',
    'holdings',
    'limited',
    'enterprise',
    'industrial',
  ]) {
    assert.ok(isCompanyWord(w), w);
  }
  for (const w of [
    '회사',
    '주식회사',
    '무역',
    'ооо',
    'зао',
    'оао',
    'ао',
    '有限公司',
    '公司',
    '集团',
    '贸易',
  ]) {
    assert.ok(isCompanyWord(normalize(w)), w);
  }
  // their Latin forms after latinize
  for (const name of ['주식회사', '무역회사', 'ООО', 'ЗАО', '有限公司', '集团']) {
    for (const r of latinize(name)) {
      assert.ok(
        nameTokens(r).every((t) => isCompanyWord(t)),
        `${name} → ${r}`,
      );
    }
  }
  assert.ok(nameTokens('L.L.C.').every(isCompanyWord));
  for (const w of ['of', 'the', 'and', 'for', 'de', 'la']) assert.ok(isStopWord(w), w);
  // Korean name syllables are never stop words or particles
  for (const w of ['an', 'im', 'do', 'to', 'in', 'o', 'u', 'un', 'il', 'san']) {
    assert.ok(!isStopWord(w) && !isParticle(w), w);
  }
});

test('latinize: Latin input is returned normalized; other scripts', () => {
  assert.deepEqual(latinize('KIM, Jong Un'), ['kim jong un']);
  assert.ok(crossScriptMatch('Αλέξανδρος', 'Alexander'));
  assert.ok(crossScriptMatch('משה', 'Moshe'));
  assert.ok(crossScriptMatch('สมชาย', 'Somchai'));
  assert.deepEqual(latinize(''), ['']);
});

const PAIRS = ['screening', 'cross-script-pairs.csv'];
test('cross-script pairs: a latinize() rendering has the same token keys', {
  skip: missingShared(...PAIRS),
}, () => {
  const rows: string[][] = parse(readFileSync(sharedFile(...PAIRS)!, 'utf8'), {
    comment: '#',
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const failing: string[] = [];
  for (const [query, expected] of rows) {
    if (!crossScriptMatch(query, expected)) {
      failing.push(
        `${query} → ${latinize(query).join(' / ')} ≠ ${expected} (${nameKeys(expected).join(' ')})`,
      );
    }
  }
  const passed = rows.length - failing.length;
  console.log(`cross-script pairs: ${passed} of ${rows.length} align by token keys`);
  for (const f of failing) console.log(`  failing: ${f}`);
  // The issue asks for ≥ 27 of 30 (90%); the file holds fewer rows, so the same ratio.
  assert.ok(passed >= Math.ceil(rows.length * 0.9), `${passed} of ${rows.length}`);
});

test('benchmark: latinize + tokenKey on 100k names', () => {
  const hangul = '김이박최정강조윤장임한오서신권황안송류홍철은영성일호룡혁남수';
  const surnames = ['kim', 'ri', 'pak', 'choe', 'mohammed', 'ivanov', 'al-hassan', 'petrov', 'wang', 'li'];
  const given = [
    'jong',
    'un',
    'chol',
    'sung',
    'ahmed',
    'yusuf',
    'sergei',
    'dmitry',
    'wei',
    'ming',
    'hyon',
    'song',
  ];
  const cyr = ['Иванов', 'Петров', 'Сергей', 'Дмитрий', 'Щукин', 'Юрий', 'Александр', 'Медведев'];
  const arab = ['محمد', 'علي', 'حسن', 'يوسف', 'عبد', 'الله', 'خالد', 'الرحمن'];
  const han = '王李张刘陈杨黄赵吴周伟明芳军平华';
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const names: string[] = [];
  for (let i = 0; i < 100_000; i++) {
    const kind = rand(10);
    if (kind < 5)
      names.push(
        `${surnames[rand(10)]} ${given[rand(12)]} ${given[rand(12)]}${i % 7 === 0 ? '-' + given[rand(12)] : ''}`,
      );
    else if (kind < 7)
      names.push(hangul[rand(10)] + hangul[rand(hangul.length)] + hangul[rand(hangul.length)]);
    else if (kind < 8) names.push(`${cyr[rand(8)]} ${cyr[rand(8)]}`);
    else if (kind < 9) names.push(`${arab[rand(8)]} ${arab[rand(8)]} ${arab[rand(8)]}`);
    else names.push(han[rand(8)] + han[rand(han.length)] + han[rand(han.length)]);
  }
  const start = performance.now();
  let keys = 0;
  for (const name of names) for (const r of latinize(name)) keys += nameKeys(r).length;
  const seconds = (performance.now() - start) / 1000;
  const rate = Math.round(names.length / seconds);
  console.log(
    `benchmark: ${names.length} names (latinize + nameTokens + tokenKey, ${keys} keys) in ${seconds.toFixed(2)} s = ${rate} names/s`,
  );
  assert.ok(keys > names.length);

  // tokenKey alone on distinct tokens (every call a cache miss)
  const tokens: string[] = [];
  const letters = 'abcdeghijklmnoprstuyz';
  for (let i = 0; i < 100_000; i++) {
    let t = '';
    for (let k = 3 + rand(6); k > 0; k--) t += letters[rand(letters.length)];
    tokens.push(t + i.toString(36).replace(/[0-9]/g, 'q'));
  }
  const t0 = performance.now();
  for (const t of tokens) tokenKey(t);
  const coldRate = Math.round(tokens.length / ((performance.now() - t0) / 1000));
  console.log(`benchmark: tokenKey on 100000 distinct tokens (uncached) = ${coldRate} tokens/s`);
});

test('legal forms: written-out phrases abbreviated, families', async () => {
  const { abbreviateLegalForms, legalForm } = await import('./index.ts');
  assert.deepEqual(abbreviateLegalForms(['acme', 'limited', 'liability', 'company']), ['acme', 'llc']);
  assert.deepEqual(abbreviateLegalForms(['open', 'joint', 'stock', 'company', 'x']), ['ojsc', 'x']);
  assert.deepEqual(abbreviateLegalForms(['siemens', 'aktiengeselschaft']), ['siemens', 'ag']);
  assert.equal(legalForm('oao')?.family, legalForm('jsc')?.family);
  assert.equal(legalForm('limited')?.form, 'ltd');
  assert.notEqual(legalForm('ag')?.family, legalForm('gmbh')?.family);
  assert.equal(legalForm('company')?.family, '');
  assert.equal(legalForm('gazprom'), undefined);
});

test('numbers in names', async () => {
  const { numberWordsToDigits, spellDigitsInWords } = await import('./index.ts');
  assert.deepEqual(numberWordsToDigits(['brigade', 'forty', 'four']), ['brigade', '44']);
  assert.deepEqual(numberWordsToDigits(['forty', '4']), ['44']);
  assert.deepEqual(spellDigitsInWords(['ig0r', 'sech1n', '1st', '23', 'a1']), [
    'igor',
    'sechin',
    'first',
    '23',
    'a1',
  ]);
});

test('Georgian romanized; short forms of given names', async () => {
  const { isShortFormOf, latinize } = await import('./index.ts');
  assert.deepEqual(latinize('ბარაკ ობამა'), ['barak obama']);
  assert.ok(isShortFormOf('ted', 'theodore') && isShortFormOf('william', 'bill'));
  assert.ok(!isShortFormOf('ted', 'william'));
});

test('a shared key is a variant only between words of like shape (not ship / shiba, ltd / ldt)', () => {
  for (const [a, b] of [
    ['ship', 'shiba'],
    ['kim', 'kimia'],
    ['jin', 'chino'],
    ['al', 'allah'],
    ['komid', 'committee'],
    ['ltd', 'ldt'],
  ]) {
    assert.equal(isKeyVariant(a, b), false, `${a} / ${b}`);
  }
  for (const [a, b] of [
    ['jong', 'chong'],
    ['jong', 'jeong'],
    ['mohammed', 'muhammad'],
    ['mohd', 'muhammad'],
    ['aleksandr', 'alexander'],
    ['yusuf', 'youssef'],
    ['si', 'shi'],
  ]) {
    assert.equal(isKeyVariant(a, b), true, `${a} / ${b}`);
  }
});

test('the Arabic article is one particle however written; titles are recognised', () => {
  assert.equal(tokenKey('el'), tokenKey('al'));
  assert.equal(tokenKey('ul'), tokenKey('al'));
  assert.ok(isKeyVariant('el', 'al'));
  for (const t of ['dr', 'mr', 'mrs', 'sheikh', 'haji', 'mullah', 'general', 'colonel'])
    assert.ok(isTitle(t), t);
  assert.equal(isTitle('ayman'), false);
});

test('quotes around a name are not part of it', () => {
  for (const q of ['"KOMID"', '“KOMID”', '«KOMID»', "'KOMID'"]) assert.equal(normalize(q), 'komid', q);
});
