/**
 * Cyrillic → Latin in the schemes names actually appear in: BGN/PCGN-like (Kh, Shch, Yu, Ya, Y),
 * passport/ICAO-like (Kh, Shch, Iu, Ia, I) and a simple German/French-influenced one (H, Sch, Ju→yu, Ja→ya).
 * Russian, Ukrainian and Belarusian letters.
 */

type Scheme = Record<string, string>;

const COMMON: Scheme = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ч: 'ch',
  ш: 'sh',
  ъ: '',
  ь: '',
  э: 'e',
  ы: 'y',
  і: 'i',
  ґ: 'g',
  ў: 'w',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'g',
  ќ: 'k',
  ѕ: 'dz',
};

const BGN: Scheme = {
  ...COMMON,
  ё: 'yo',
  й: 'y',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  ї: 'yi',
};
const PASSPORT: Scheme = {
  ...COMMON,
  ё: 'e',
  й: 'i',
  х: 'kh',
  ц: 'ts',
  щ: 'shch',
  ю: 'iu',
  я: 'ia',
  ъ: 'ie',
  є: 'ie',
  ї: 'i',
};
const SIMPLE: Scheme = {
  ...COMMON,
  ё: 'e',
  й: 'j',
  х: 'h',
  ц: 'c',
  щ: 'sch',
  ю: 'yu',
  я: 'ya',
  є: 'e',
  ї: 'i',
};

const SCHEMES: readonly Scheme[] = [BGN, PASSPORT, SIMPLE];
const VOWELS = new Set(['а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ь', 'ъ']);

export function isCyrillic(cp: number): boolean {
  return cp >= 0x400 && cp <= 0x4ff;
}

function transliterateWord(word: string, scheme: Scheme, schemeIndex: number): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i];
    const next = word[i + 1];
    // BGN writes е as ye at the start of a word and after a vowel (Yevgeny, Sergeyev).
    if (schemeIndex === 0 && ch === 'е' && (i === 0 || VOWELS.has(word[i - 1]))) {
      out += 'ye';
      continue;
    }
    // The adjectival endings -ий/-ый are y in BGN and English usage (Dmitry, Grozny).
    if (schemeIndex !== 1 && (ch === 'и' || ch === 'ы') && next === 'й' && i + 2 === word.length) {
      out += schemeIndex === 0 ? 'iy' : 'y';
      i++;
      continue;
    }
    out += scheme[ch] ?? ch;
  }
  return out;
}

/** The Latin renderings of one normalized Cyrillic word, one per scheme in a fixed order (not deduplicated,
 * so that the words of a name line up scheme by scheme). */
export function latinizeCyrillicWord(word: string): string[] {
  return SCHEMES.map((scheme, k) => transliterateWord(word, scheme, k));
}
