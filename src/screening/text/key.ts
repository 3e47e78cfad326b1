/**
 * tokenKey: a phonetic/canonical key for one Latin name token, so that romanization variants of the same name
 * part collide (Jong/Chong/Jeong, Mohammed/Muhammad, Yusuf/Youssef) and different names mostly do not
 * (Kim/Kang, Jong/Jang).
 *
 * How (in this order):
 * 1. Whole-token equivalences from a small data table (Korean surnames whose variants are not phonetic rules
 *    — Ri/Lee/Yi, Pak/Park, Rim/Im/Lim, Ro/No/Roh — and a few Arabic names whose abbreviations or
 *    vowel/glide patterns the rules below cannot reach: Mohd, Abdul/Abd/Abdel, Zaid/Zayed...).
 * 2. Consonants to classes the romanization systems confuse: voiced/unvoiced pairs (g/k, d/t, b/p: Korean
 *    romanizations disagree on exactly these), j/ch/zh/tch/dzh, s/sh/z/ts/shch, ph/f/v, kh/h, q/k, r and l
 *    kept apart. Doubled letters collapse.
 * 3. Vowel runs to classes: a | e ae ai ay ei | i y ee ui wi | o u eo eu oo ou | oe oi we wae | ao au, with
 *    y/w glides kept as part of the run (yeo = yo = you = yu; wa; wo).
 * 4. A token with ONE vowel run (a syllable: Korean and Chinese name parts, Kim, Jong, Zhang) keeps its vowel
 *    class, because there the vowel is the name (Jong ≠ Jang). A token with several vowel runs (Mohammed,
 *    Aleksandr, Khaled) keeps its consonant skeleton and only its FIRST vowel's class (Hasan ≠ Husayn),
 *    because romanizations of Arabic, Russian, Hebrew disagree mostly on the later vowels.
 *
 * Joined Korean given names (`jongun`) therefore key as skeletons with one vowel (`JoNKN`); to compare them vowel-aware, split
 * them with splitKoreanSyllables and key the syllables.
 */

import { normalize } from './normalize.ts';

/** Whole-token equivalence groups; the first spelling of each group is the one keyed. */
const EQUIVALENT_SPELLINGS: readonly (readonly string[])[] = [
  // Korean surnames (initial-sound law, DPRK practice, family spellings)
  ['ri', 'rhee', 'lee', 'yi', 'rhi', 'li', 'rhie', 'yee', 'lie', 'rie', 'reeh', 'ree'],
  ['yu', 'ryu', 'yoo', 'ryoo', 'lyu', 'rhyu', 'yuh', 'yoh'],
  ['im', 'rim', 'lim', 'yim', 'leem', 'rhim'],
  ['no', 'ro', 'roh', 'noh', 'rho', 'nho'],
  ['pak', 'park', 'bak', 'bahk', 'pack', 'bark'],
  ['choe', 'choi', 'chwe', 'choy', 'chey', 'chue'],
  ['yang', 'ryang', 'lyang'],
  ['yom', 'ryom', 'yeom', 'yum', 'lyom'],
  ['an', 'ahn'],
  ['u', 'woo', 'wu'],
  ['ho', 'hur', 'heo', 'huh'],
  ['na', 'ra', 'la'],
  // Arabic given-name elements
  [
    'muhammad',
    'mohammed',
    'mohamed',
    'mohamad',
    'muhamad',
    'mohammad',
    'muhammed',
    'mohd',
    'md',
    'mohamud',
    'mehmet',
  ],
  [
    'abd',
    'abdul',
    'abdel',
    'abdal',
    'abdol',
    'abdoul',
    'abdu',
    'abdur',
    'abdus',
    'abdar',
    'abdil',
    'abdulla',
  ],
  ['husayn', 'hussein', 'hussain', 'husain', 'hosein', 'hossein', 'husein', 'houssein', 'hussien', 'hossain'],
  ['yusuf', 'youssef', 'yousef', 'yousif', 'yusef', 'yussuf', 'youssouf', 'yousuf', 'yusif', 'yosef'],
  ['usama', 'osama', 'usamah', 'osamah', 'oussama'],
  ['zayd', 'zaid', 'zayed', 'zeid', 'zayid'],
  ['said', 'saeed', 'sayed', 'sayyid', 'saeid', 'sayid', 'saied', 'sayyed', 'syed'],
  ['abu', 'abou', 'abo'],
  // The Arabic article as each romanization writes it (al-Zawahiri, el-Zawahiri, Zia-ul-Haq)
  ['al', 'el', 'ul'],
  ['bin', 'ben', 'ibn', 'bn'],
  ['abdullah', 'abdallah', 'abdellah', 'abdollah', 'abdulah'],
  // Russian given names whose schemes differ in a word-initial vowel or glide
  ['yevgeny', 'evgeny', 'evgeniy', 'yevgeniy', 'evgenii', 'yevgenii', 'evgenij'],
  ['yelena', 'elena', 'jelena'],
  ['mikhail', 'mihail', 'michail', 'mikail'],
];

const CANONICAL_SPELLING = new Map<string, string>();
for (const group of EQUIVALENT_SPELLINGS)
  for (const spelling of group) CANONICAL_SPELLING.set(spelling, group[0]);

/** Consonant spellings, longest first at each position. */
const CONSONANT_CLUSTERS: readonly (readonly [string, string])[] = [
  ['shch', 'S'],
  ['sch', 'S'],
  ['tch', 'J'],
  ['dzh', 'J'],
  ['zh', 'J'],
  ['ch', 'J'],
  ['dj', 'J'],
  ['jh', 'J'],
  ['sh', 'S'],
  ['kh', 'H'],
  ['gh', 'K'],
  ['ph', 'F'],
  ['th', 'T'],
  ['dh', 'T'],
  ['bh', 'P'],
  ['rh', 'R'],
  ['wh', 'W'],
  ['ck', 'K'],
  ['ts', 'S'],
  ['tz', 'S'],
];
const CLUSTERS_BY_FIRST = new Map<string, (readonly [string, string])[]>();
for (const c of CONSONANT_CLUSTERS) {
  const list = CLUSTERS_BY_FIRST.get(c[0][0]) ?? [];
  list.push(c);
  CLUSTERS_BY_FIRST.set(c[0][0], list);
}

const SINGLE_CONSONANT: Record<string, string> = {
  b: 'P',
  d: 'T',
  f: 'F',
  g: 'K',
  h: 'H',
  j: 'J',
  k: 'K',
  l: 'L',
  m: 'M',
  n: 'N',
  p: 'P',
  q: 'K',
  r: 'R',
  s: 'S',
  t: 'T',
  v: 'F',
  w: 'W',
  z: 'S',
};

/** Vowel runs (after any y/w glide is taken off) to their class. */
const VOWEL_CORE_CLASS: Record<string, string> = {
  a: 'a',
  aa: 'a',
  aw: 'a',
  ae: 'e',
  ai: 'e',
  ay: 'e',
  aye: 'e',
  e: 'e',
  ei: 'e',
  ey: 'e',
  ea: 'i',
  ee: 'i',
  i: 'i',
  ii: 'i',
  iy: 'i',
  y: 'i',
  ui: 'i',
  eui: 'i',
  uee: 'i',
  o: 'o',
  oo: 'o',
  ou: 'o',
  ow: 'o',
  u: 'o',
  uu: 'o',
  eo: 'o',
  eu: 'o',
  eoo: 'o',
  oe: 'we',
  oi: 'we',
  oy: 'we',
  oei: 'we',
  uo: 'wo',
  ua: 'wa',
  uai: 'we',
  ue: 'we',
  ao: 'au',
  au: 'au',
};

/** After a w glide. */
const W_GLIDE_CLASS: Record<string, string> = {
  a: 'wa',
  ae: 'we',
  e: 'we',
  i: 'i',
  ee: 'i',
  o: 'wo',
  eo: 'wo',
  u: 'wo',
};

function isVowelLetter(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
}

function vowelClass(run: string): string {
  let glide = '';
  let core = run;
  const first = run[0];
  if (run.length > 1 && (first === 'y' || first === 'w')) {
    glide = first;
    core = run.slice(1);
  } else if (
    run.length > 1 &&
    first === 'i' &&
    (run[1] === 'a' || run[1] === 'o' || run[1] === 'u' || run[1] === 'e')
  ) {
    glide = 'y';
    core = run.slice(1);
  }
  if (glide === 'w') return W_GLIDE_CLASS[core] ?? 'w' + (VOWEL_CORE_CLASS[core] ?? classOfLetter(core));
  const cls = VOWEL_CORE_CLASS[core] ?? classOfLetter(core);
  if (glide === 'y') return cls === 'i' ? 'i' : 'y' + (cls === 'we' ? 'e' : cls);
  return cls;
}

function classOfLetter(run: string): string {
  const c = run[0];
  return c === 'a' ? 'a' : c === 'e' ? 'e' : c === 'o' || c === 'u' ? 'o' : 'i';
}

/** The key of a plain lower-case ASCII letter token (no table lookup). */
function phoneticKey(t: string): string {
  const consonants: string[] = [];
  const units: string[] = []; // consonant classes, and vowel classes prefixed with '.'
  let runs = 0;
  let firstVowelClass = '';
  let lastWasConsonant = false;
  let i = 0;
  const n = t.length;
  while (i < n) {
    const c = t[i];
    const next = t[i + 1];
    const isGlide =
      (c === 'y' || c === 'w') && isVowelLetter(next) && (i === 0 || !isVowelLetter(t[i - 1]) || c === 'y');
    if (isVowelLetter(c) || isGlide || (c === 'y' && !isVowelLetter(next))) {
      let j = i + 1;
      if (isGlide) j = i + 1;
      while (j < n) {
        const d = t[j];
        if (isVowelLetter(d)) j++;
        else if ((d === 'y' || d === 'w') && !isVowelLetter(t[j + 1])) j++;
        else break;
      }
      const run = t.slice(i, j);
      const cls = vowelClass(run);
      if (runs === 0) {
        firstVowelClass = cls;
      }
      runs++;
      units.push('.' + cls);
      lastWasConsonant = false;
      i = j;
      // h after a vowel and before a consonant or the end is silent in most romanizations (Roh, Ahn, Ahmed).
      if (t[i] === 'h' && !isVowelLetter(t[i + 1]) && t[i + 1] !== 'y') i++;
      continue;
    }
    let cls: string | undefined;
    let len = 1;
    const clusters = CLUSTERS_BY_FIRST.get(c);
    if (clusters) {
      for (const [spelling, k] of clusters) {
        if (t.startsWith(spelling, i)) {
          cls = k;
          len = spelling.length;
          break;
        }
      }
    }
    if (cls === undefined) {
      if (c === 'c') cls = next === 'e' || next === 'i' || next === 'y' ? 'S' : 'K';
      else if (c === 'x') cls = i === 0 ? 'S' : 'KS';
      else cls = SINGLE_CONSONANT[c] ?? c;
    }
    if (!(lastWasConsonant && consonants[consonants.length - 1] === cls)) {
      consonants.push(cls);
      units.push(cls);
    }
    lastWasConsonant = true;
    i += len;
  }
  if (runs === 1) {
    let out = '';
    for (const u of units) out += u[0] === '.' ? u.slice(1) : u;
    return out;
  }
  // Several syllables: the consonant skeleton with the first vowel's class in its place (e and i merged
  // there: Ibrahim/Ebrahim, Hisham/Hesham). Later vowels are where romanizations disagree.
  let out = '';
  let seenVowel = false;
  for (const u of units) {
    if (u[0] !== '.') out += u;
    else if (!seenVowel) {
      seenVowel = true;
      out += firstVowelClass === 'e' ? 'i' : firstVowelClass === 'ye' ? 'yi' : firstVowelClass;
    }
  }
  return out;
}

const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 200_000;

function isPlainToken(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

function hasDigit(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** The phonetic/canonical key of one Latin name token (see the module comment). Digits and non-Latin tokens
 * key as themselves. */
export function tokenKey(token: string): string {
  const cached = keyCache.get(token);
  if (cached !== undefined) return cached;
  let t = token;
  if (!isPlainToken(t)) {
    t = normalize(t).replaceAll(' ', '');
    if (!isPlainToken(t) || hasDigit(t)) return t;
  }
  const key = t === '' ? '' : phoneticKey(CANONICAL_SPELLING.get(t) ?? t);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(token, key);
  return key;
}

function vowelRunCount(t: string): number {
  return t.match(/[aeiouy]+/g)?.length ?? 0;
}

/**
 * Whether two tokens with the same key are spellings of one name rather than a short word and a longer one
 * that happens to share its skeleton (Ship / Shiba, Kim / Kimia, Komid / Committee, Al / Allah). A key
 * drops later vowels, so equal keys alone say little when the words differ in syllables or length: the
 * syllable counts must agree (one apart only between longer words of similar length: Aleksandr /
 * Alexander), and words without vowels (acronyms: Ltd / Ldt) must be spelled the same. Spellings from the
 * equivalence table (Mohd = Muhammad, Ri = Lee) are variants by definition.
 */
export function isKeyVariant(a: string, b: string): boolean {
  if (a === b) return true;
  const ka = tokenKey(a);
  if (ka === '' || ka !== tokenKey(b)) return false;
  const ca = CANONICAL_SPELLING.get(a);
  if (ca !== undefined && ca === CANONICAL_SPELLING.get(b)) return true;
  const ra = vowelRunCount(a);
  const rb = vowelRunCount(b);
  if (ra === 0 || rb === 0) return false;
  if (ra === rb) return ra === 1 || Math.min(a.length, b.length) / Math.max(a.length, b.length) >= 0.6;
  return (
    Math.abs(ra - rb) === 1 &&
    Math.min(ra, rb) >= 2 &&
    Math.min(a.length, b.length) / Math.max(a.length, b.length) >= 0.75
  );
}
