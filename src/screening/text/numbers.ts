/**
 * Numbers in names, written the ways people write them: `Brigade Forty-Four` = `Brigade 44`,
 * `1st International Bank` = `First International Bank`, and digits typed for look-alike letters
 * (`Ig0r Sech1n` = `Igor Sechin`).
 */

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const ORDINALS: Record<string, string> = {
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
  '5th': 'fifth',
  '6th': 'sixth',
  '7th': 'seventh',
  '8th': 'eighth',
  '9th': 'ninth',
  '10th': 'tenth',
};

/** Digits that stand for letters they look like, when typed inside a word. */
const LOOK_ALIKE: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
};
const DIGIT_INSIDE_WORD = /(?<=[a-z])[0134578](?=[a-z])/g;

/** Small ordinals as words (`1st` → `first`), and digits between letters as the letters they imitate. */
export function spellDigitsInWords(tokens: string[]): string[] {
  return tokens.map((t) => {
    const ordinal = ORDINALS[t];
    if (ordinal) return ordinal;
    if (!/\d/.test(t) || !/[a-z]{2}/.test(t)) return t;
    return t.replace(DIGIT_INSIDE_WORD, (d) => LOOK_ALIKE[d]);
  });
}

/** Cardinal number words as digits (`forty four`, `forty 4` → `44`; `seven` → `7`). */
export function numberWordsToDigits(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const tens = TENS[t];
    if (tens !== undefined) {
      const next = tokens[i + 1];
      const unit =
        next === undefined ? undefined : (UNITS[next] ?? (/^[1-9]$/.test(next) ? Number(next) : undefined));
      if (unit !== undefined && unit >= 1 && unit <= 9) {
        out.push(String(tens + unit));
        i++;
      } else out.push(String(tens));
      continue;
    }
    const unit = UNITS[t];
    out.push(unit === undefined ? t : String(unit));
  }
  return out;
}
