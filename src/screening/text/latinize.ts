/**
 * latinize: the Latin renderings of a name in any script, for matching against Latin list entries.
 * Several renderings because romanization is not a function: Hangul in Revised Romanization, McCune–Reischauer
 * and DPRK usage; Cyrillic in three common schemes; Chinese as pinyin spaced and with the given name joined.
 */

import {
  isArabic,
  isGreek,
  isHebrew,
  isThai,
  joinArabicCompounds,
  latinizeArabicWord,
  latinizeGreekWord,
  latinizeHebrewWord,
  latinizeThaiWord,
} from './abjads.ts';
import { hanjaToHangul, isHan, isKana, japaneseKanjiName, kanaToRomaji, latinizeChineseWord } from './cjk.ts';
import { isCyrillic, latinizeCyrillicWord } from './cyrillic.ts';
import { isGeorgian, latinizeGeorgianWord } from './georgian.ts';
import {
  isHangulSyllable,
  KOREAN_SCHEMES,
  romanizeSurname,
  romanizeWord,
  splitHangulName,
} from './hangul.ts';
import { isAsciiText, normalize } from './normalize.ts';
import { isCompanyWord } from './words.ts';

/** Enough renderings for every scheme combination a name plausibly appears in; more only slows the matcher. */
const MAX_RENDERINGS = 12;

type Script =
  | 'latin'
  | 'hangul'
  | 'cyrillic'
  | 'han'
  | 'kana'
  | 'arabic'
  | 'hebrew'
  | 'greek'
  | 'thai'
  | 'georgian'
  | 'other';

function scriptOf(word: string): Script {
  let han = false;
  for (const ch of word) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x250) continue;
    if (isHangulSyllable(cp)) return 'hangul';
    if (isCyrillic(cp)) return 'cyrillic';
    if (isKana(cp)) return 'kana';
    if (isHan(cp)) han = true;
    else if (isArabic(cp)) return 'arabic';
    else if (isHebrew(cp)) return 'hebrew';
    else if (isGreek(cp)) return 'greek';
    else if (isThai(cp)) return 'thai';
    else if (isGeorgian(cp)) return 'georgian';
  }
  if (han) return 'han';
  return isAsciiText(word) ? 'latin' : 'other';
}

/** A Hangul personal name (or company name) → renderings per scheme, given names spaced and joined. */
function hangulRenderings(words: string[]): string[] {
  const company = splitCompanySuffix(words);
  if (company) return company;
  let surname: string | undefined;
  let given = words;
  if (words.length === 1 && words[0].length >= 2 && words[0].length <= 4) {
    const [s, g] = splitHangulName(words[0]);
    surname = s;
    given = [g];
  } else if (words.length >= 2 && words[0].length <= 2) {
    surname = words[0];
    given = words.slice(1);
  }
  const out: string[] = [];
  for (const scheme of KOREAN_SCHEMES) {
    const head = surname ? [romanizeSurname(surname, scheme)] : [];
    out.push([...head, ...given.map((w) => romanizeWord(w, scheme, ' '))].join(' '));
    out.push([...head, ...given.map((w) => romanizeWord(w, scheme, ''))].join(' '));
  }
  return out;
}

/** Hangul company-type endings, longest first (무역회사 before 회사). */
const HANGUL_COMPANY_SUFFIXES = [
  '주식회사',
  '무역회사',
  '합영회사',
  '련합회사',
  '총회사',
  '회사',
  '무역',
  '기업',
  '그룹',
  '상사',
  '공사',
];

/** A Hangul name with a company-type word in it: romanized word by word, syllables joined, the company word
 * split off (조선광명무역회사 → joseongwangmyeong muyeokhoesa); undefined for a personal name. */
function splitCompanySuffix(words: string[]): string[] | undefined {
  const parts: string[] = [];
  let found = false;
  for (const w of words) {
    if (isCompanyWord(w)) {
      parts.push(w);
      found = true;
      continue;
    }
    const suffix = HANGUL_COMPANY_SUFFIXES.find((s) => w.length > s.length && w.endsWith(s));
    if (suffix) {
      parts.push(w.slice(0, -suffix.length), suffix);
      found = true;
    } else parts.push(w);
  }
  if (!found) return undefined;
  return KOREAN_SCHEMES.map((scheme) => parts.map((p) => romanizeWord(p, scheme, '')).join(' '));
}

function hanRenderings(word: string): string[] {
  const out: string[] = [];
  const chinese = latinizeChineseWord(word);
  if (chinese.some((r) => r.endsWith('gongsi') || r.endsWith('jituan') || r.endsWith('maoyi')))
    return chinese;
  const japanese = japaneseKanjiName(word);
  if (japanese) out.push(japanese);
  const hangul = hanjaToHangul(word);
  if (hangul && hangul.length >= 2 && hangul.length <= 4) out.push(...hangulRenderings([hangul]));
  out.push(...chinese);
  return out;
}

function wordRenderings(word: string, script: Script): string[] {
  switch (script) {
    case 'latin':
      return [word];
    case 'hangul':
      return [romanizeWord(word, 'rr', ''), romanizeWord(word, 'mr', ''), romanizeWord(word, 'dprk', '')];
    case 'cyrillic':
      return latinizeCyrillicWord(word);
    case 'han':
      return hanRenderings(word);
    case 'kana':
      return [kanaToRomaji(word)];
    case 'arabic':
      return latinizeArabicWord(word);
    case 'hebrew':
      return latinizeHebrewWord(word);
    case 'greek':
      return latinizeGreekWord(word);
    case 'thai':
      return latinizeThaiWord(word);
    case 'georgian':
      return [latinizeGeorgianWord(word)];
    default:
      return [word];
  }
}

function addUnique(out: string[], r: string): void {
  const clean = normalize(r);
  if (clean !== '' && !out.includes(clean) && out.length < MAX_RENDERINGS) out.push(clean);
}

/**
 * One or more Latin renderings of a name in any script (normalized, most usual first). Latin input gives
 * `[normalize(s)]`. Scripts without a transliteration here (Devanagari, Ethiopic, ...) pass through as
 * normalized text.
 */
export function latinize(s: string): string[] {
  const n = normalize(s);
  if (isAsciiText(n)) return [n];
  const words = n.split(' ');
  const scripts = words.map(scriptOf);
  if (scripts.every((sc) => sc === 'hangul')) {
    const out: string[] = [];
    for (const r of hangulRenderings(words)) addUnique(out, r);
    return out;
  }
  const alternatives = words.map((w, i) => wordRenderings(w, scripts[i]));
  const count = Math.max(...alternatives.map((a) => a.length));
  const out: string[] = [];
  for (let k = 0; k < count; k++)
    addUnique(out, alternatives.map((a) => a[Math.min(k, a.length - 1)]).join(' '));
  if (scripts.includes('arabic')) {
    for (const r of [...out]) {
      const joined = joinArabicCompounds(r.split(' '));
      if (joined) addUnique(out, joined);
    }
  }
  return out;
}
