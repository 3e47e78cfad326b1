/**
 * Georgian (Mkhedruli) to Latin in the national romanization (2002), which passports and most lists use;
 * an alphabet, one letter to one Latin spelling, so one rendering suffices (ბარაკ ობამა → barak obama).
 */

const MKHEDRULI = [
  'a',
  'b',
  'g',
  'd',
  'e',
  'v',
  'z',
  't',
  'i',
  'k',
  'l',
  'm',
  'n',
  'o',
  'p',
  'zh',
  'r',
  's',
  't',
  'u',
  'p',
  'k',
  'gh',
  'q',
  'sh',
  'ch',
  'ts',
  'dz',
  'ts',
  'ch',
  'kh',
  'j',
  'h',
];
const FIRST = 0x10d0;

export function isGeorgian(cp: number): boolean {
  return cp >= FIRST && cp <= 0x10ff;
}

export function latinizeGeorgianWord(word: string): string {
  let out = '';
  for (const ch of word) {
    const cp = ch.codePointAt(0)!;
    out += cp >= FIRST && cp < FIRST + MKHEDRULI.length ? MKHEDRULI[cp - FIRST] : ch;
  }
  return out;
}
