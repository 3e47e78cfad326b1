/**
 * Unicode clean-up of names: one canonical spelling per way of writing a name, before any romanization.
 * Runs on every indexed name and every query, so it is a single pass over the code points with per-character
 * decisions cached (a name uses few distinct characters).
 */

/** Apostrophe-like characters: the UN writes McCune–Reischauer breves and aspiration marks as apostrophes
 * (`CH'O'L`), so they are dropped (joined), never turned into a word break. */
const APOSTROPHES = new Set([
  0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x201b, 0x2032, 0x2bb, 0x2bc, 0x2be, 0x2bf, 0x2c8,
]);

/** Letters NFD does not decompose but that everyone folds when comparing names. */
const SPECIAL_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŀ: 'l',
  ŧ: 't',
  ς: 'σ',
};

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const COMBINING_DIACRITIC = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/gu;

/** Per code point (above ASCII): its folded text, '' to drop it, ' ' for a word break. */
const foldCache = new Map<number, string>();

function isLatinOrGreek(cp: number): boolean {
  return (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1fff) || (cp >= 0x370 && cp <= 0x3ff);
}

function foldChar(cp: number): string {
  let folded = foldCache.get(cp);
  if (folded !== undefined) return folded;
  const ch = String.fromCodePoint(cp);
  if (APOSTROPHES.has(cp)) folded = '';
  else if (SPECIAL_FOLDS[ch] !== undefined) folded = SPECIAL_FOLDS[ch];
  else if (LETTER_OR_DIGIT.test(ch)) {
    // Cyrillic й/ё and Hangul must keep their composition: latinize needs them, and NFD would break Hangul
    // syllables into jamo. Only Latin and Greek lose their diacritics here.
    folded = isLatinOrGreek(cp) ? ch.normalize('NFD').replace(COMBINING_DIACRITIC, '') : ch;
  } else if (MARK.test(ch)) {
    // Accents and Arabic/Hebrew vowel points go; the vowel signs of abugidas (Thai, Devanagari) are letters
    // in all but name and must stay.
    const isPointing =
      (cp >= 0x300 && cp <= 0x36f) ||
      (cp >= 0x591 && cp <= 0x5c7) ||
      (cp >= 0x610 && cp <= 0x61a) ||
      (cp >= 0x64b && cp <= 0x65f) ||
      cp === 0x670 ||
      (cp >= 0x1ab0 && cp <= 0x1dff) ||
      (cp >= 0x20d0 && cp <= 0x20ff) ||
      (cp >= 0xfe20 && cp <= 0xfe2f) ||
      (cp >= 0x3099 && cp <= 0x309a);
    folded = isPointing ? '' : ch;
  } else if (cp === 0x640) {
    folded = ''; // Arabic tatweel: a stretch, not a letter
  } else folded = ' ';
  foldCache.set(cp, folded);
  return folded;
}

/** Dotted initialisms (`S.A.`, `L.L.C.`): joined only when that makes a company-type word, since a person's
 * `J.U.` are two initials. */
const DOTTED_INITIALISM = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;

let companyInitialisms: ReadonlySet<string> = new Set();

/** Set by the word lists module (kept here so normalize does not import them: no cycle). */
export function setCompanyInitialisms(words: ReadonlySet<string>): void {
  companyInitialisms = words;
}

function joinCompanyInitialisms(s: string): string {
  if (s.indexOf('.') < 0) return s;
  return s.replace(DOTTED_INITIALISM, (m) => {
    const joined = m.replaceAll('.', '');
    return companyInitialisms.has(joined) ? joined : m;
  });
}

/**
 * NFKC, case-fold, Latin/Greek diacritics and breves stripped (Ŏ→o, ŭ→u), apostrophes dropped inside words
 * (`CH'O'L` → `chol`), everything else that is not a letter or digit becomes a space, spaces collapsed.
 * Non-Latin letters are kept as they are (no transliteration).
 */
export function normalize(s: string): string {
  let text = s.normalize('NFKC').toLowerCase();
  text = joinCompanyInitialisms(text);
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    let piece: string;
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) piece = text[i];
      else piece = cp === 0x27 || cp === 0x60 ? '' : ' ';
    } else {
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      piece = foldChar(cp);
    }
    if (piece === '') continue;
    if (piece === ' ') {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += piece;
  }
  return out;
}

/** True when the string is plain lower-case ASCII letters/digits/spaces (the common case after normalize). */
export function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}
