/**
 * Hangul: syllable decomposition, romanization (Revised Romanization, McCune–Reischauer as the UN writes it
 * once breves/apostrophes are folded, DPRK usage) and the inverse check that a Latin token is a run of
 * romanized Korean syllables (for joined given names such as `Jongun`).
 * Syllables decompose arithmetically: U+AC00 + (initial×21 + medial)×28 + final.
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;

export function isHangulSyllable(cp: number): boolean {
  return cp >= SYLLABLE_FIRST && cp <= SYLLABLE_LAST;
}

/** The Hangul syllables of a string, in order (anything else skipped), for syllable-by-syllable comparison. */
export function hangulSyllables(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.charCodeAt(i);
    if (isHangulSyllable(cp)) out.push(s[i]);
  }
  return out;
}

export function hasHangul(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isHangulSyllable(s.charCodeAt(i))) return true;
  return false;
}

// Jamo order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
const INITIAL_RR = [
  'g',
  'kk',
  'n',
  'd',
  'tt',
  'r',
  'm',
  'b',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'k',
  't',
  'p',
  'h',
];
// McCune–Reischauer with breves and aspiration apostrophes folded away (as normalize leaves UN spellings).
const INITIAL_MR = [
  'k',
  'kk',
  'n',
  't',
  'tt',
  'r',
  'm',
  'p',
  'pp',
  's',
  'ss',
  '',
  'ch',
  'tch',
  'ch',
  'k',
  't',
  'p',
  'h',
];
// DPRK's own system (and UN/OFAC practice for DPRK names): MR vowels, but ㅈ as j.
const INITIAL_DPRK = [
  'k',
  'kk',
  'n',
  't',
  'tt',
  'r',
  'm',
  'p',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'k',
  't',
  'p',
  'h',
];

// ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
const MEDIAL_RR = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'i',
];
const MEDIAL_MR = [
  'a',
  'ae',
  'ya',
  'yae',
  'o',
  'e',
  'yo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'u',
  'ui',
  'i',
];

// Finals as pronounced at the end of a syllable (names are romanized syllable by syllable).
const FINAL = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

export const KOREAN_SCHEMES = ['rr', 'mr', 'dprk'] as const;
export type KoreanScheme = (typeof KOREAN_SCHEMES)[number];

/**
 * Surnames whose spelling is not what the syllable rules give (initial-sound law in the South, DPRK
 * practice, and the spellings families actually use). First entry per scheme.
 */
const SURNAME_SPELLINGS: Record<string, Record<KoreanScheme, string>> = {
  이: { rr: 'lee', mr: 'yi', dprk: 'ri' },
  리: { rr: 'lee', mr: 'ri', dprk: 'ri' },
  박: { rr: 'park', mr: 'pak', dprk: 'pak' },
  최: { rr: 'choi', mr: 'choe', dprk: 'choe' },
  류: { rr: 'yu', mr: 'ryu', dprk: 'ryu' },
  유: { rr: 'yu', mr: 'yu', dprk: 'ryu' },
  림: { rr: 'lim', mr: 'rim', dprk: 'rim' },
  임: { rr: 'lim', mr: 'im', dprk: 'rim' },
  로: { rr: 'roh', mr: 'ro', dprk: 'ro' },
  노: { rr: 'roh', mr: 'no', dprk: 'ro' },
  량: { rr: 'yang', mr: 'ryang', dprk: 'ryang' },
  양: { rr: 'yang', mr: 'yang', dprk: 'ryang' },
  김: { rr: 'kim', mr: 'kim', dprk: 'kim' },
  오: { rr: 'oh', mr: 'o', dprk: 'o' },
  안: { rr: 'ahn', mr: 'an', dprk: 'an' },
  신: { rr: 'shin', mr: 'sin', dprk: 'sin' },
  심: { rr: 'shim', mr: 'sim', dprk: 'sim' },
  우: { rr: 'woo', mr: 'u', dprk: 'u' },
  허: { rr: 'heo', mr: 'ho', dprk: 'ho' },
  라: { rr: 'ra', mr: 'ra', dprk: 'ra' },
  나: { rr: 'na', mr: 'na', dprk: 'ra' },
  련: { rr: 'yeon', mr: 'ryon', dprk: 'ryon' },
  연: { rr: 'yeon', mr: 'yon', dprk: 'ryon' },
};

/** Two-syllable surnames; any other name's surname is its first syllable. */
const COMPOUND_SURNAMES = new Set([
  '남궁',
  '제갈',
  '선우',
  '황보',
  '독고',
  '사공',
  '서문',
  '동방',
  '어금',
  '망절',
]);

export function romanizeSyllable(syllable: string, scheme: KoreanScheme): string {
  const code = syllable.charCodeAt(0) - SYLLABLE_FIRST;
  const initial = Math.floor(code / 588);
  const medial = Math.floor((code % 588) / 28);
  const final = code % 28;
  const initials = scheme === 'rr' ? INITIAL_RR : scheme === 'mr' ? INITIAL_MR : INITIAL_DPRK;
  const medials = scheme === 'rr' ? MEDIAL_RR : MEDIAL_MR;
  return initials[initial] + medials[medial] + FINAL[final];
}

/** Splits a Hangul personal name into [surname, given name] syllable strings. */
export function splitHangulName(word: string): [string, string] {
  if (word.length >= 3 && COMPOUND_SURNAMES.has(word.slice(0, 2))) return [word.slice(0, 2), word.slice(2)];
  return [word.slice(0, 1), word.slice(1)];
}

export function romanizeSurname(surname: string, scheme: KoreanScheme): string {
  if (surname.length === 1) {
    const special = SURNAME_SPELLINGS[surname];
    if (special) return special[scheme];
  }
  return romanizeWord(surname, scheme, '');
}

/** Romanizes a run of Hangul syllables, syllables separated by `sep` (non-Hangul characters are kept). */
export function romanizeWord(word: string, scheme: KoreanScheme, sep: string): string {
  let out = '';
  let prevHangul = false;
  for (const ch of word) {
    const cp = ch.codePointAt(0)!;
    if (isHangulSyllable(cp)) {
      if (prevHangul) out += sep;
      out += romanizeSyllable(ch, scheme);
      prevHangul = true;
    } else {
      out += ch;
      prevHangul = false;
    }
  }
  return out;
}

// ---- Latin side: is a token a run of romanized Korean syllables? ----

const ONSETS = [
  '',
  'g',
  'k',
  'kk',
  'gg',
  'n',
  'd',
  't',
  'tt',
  'dd',
  'r',
  'l',
  'm',
  'b',
  'p',
  'pp',
  'bb',
  's',
  'ss',
  'sh',
  'j',
  'jj',
  'ch',
  'tch',
  'h',
  'ph',
  'th',
  'kh',
];
const NUCLEI = [
  'a',
  'ae',
  'ya',
  'yae',
  'eo',
  'e',
  'yeo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'weo',
  'we',
  'wi',
  'yu',
  'eu',
  'ui',
  'eui',
  'i',
  'oo',
  'ee',
  'yeu',
  'ou',
  'you',
  'oi',
];
const CODAS = ['', 'k', 'g', 'n', 't', 'l', 'll', 'm', 'p', 'b', 'ng'];

function buildSyllableSet(): Set<string> {
  const set = new Set<string>();
  for (const o of ONSETS) for (const n of NUCLEI) for (const c of CODAS) set.add(o + n + c);
  return set;
}

/** Every romanized Korean syllable shape (RR, MR without breves, common family spellings). Built once. */
export const ROMANIZED_SYLLABLES: ReadonlySet<string> = buildSyllableSet();
const MAX_SYLLABLE_LENGTH = 8;

/**
 * Splits a joined romanized Korean given name (`jongun` → [`jong`, `un`], `hyonchol` → [`hyon`, `chol`]) when
 * the whole token is a concatenation of 2–4 valid syllables; otherwise returns [token]. Ambiguous cuts take
 * the longest first syllable (so `ng` stays a coda: `jongun` is jong-un, not jon-gun), backtracking as needed.
 */
export function splitKoreanSyllables(token: string): string[] {
  if (token.length < 2 || token.length > 4 * MAX_SYLLABLE_LENGTH) return [token];
  const parts = splitFrom(token, 0, 4);
  return parts && parts.length >= 2 ? parts : [token];
}

function splitFrom(token: string, start: number, budget: number): string[] | undefined {
  if (start === token.length) return [];
  if (budget === 0) return undefined;
  const maxEnd = Math.min(token.length, start + MAX_SYLLABLE_LENGTH);
  for (let end = maxEnd; end > start; end--) {
    const syllable = token.slice(start, end);
    if (!ROMANIZED_SYLLABLES.has(syllable)) continue;
    const rest = splitFrom(token, end, budget - 1);
    if (rest) return [syllable, ...rest];
  }
  return undefined;
}

export function isRomanizedKoreanSyllable(token: string): boolean {
  return ROMANIZED_SYLLABLES.has(token);
}
