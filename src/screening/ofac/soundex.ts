/**
 * American Soundex (the census rules): first letter kept, then consonant-class digits, H and W do not
 * separate two letters of the same class, vowels do, padded or cut to four characters.
 * Letters outside A-Z are ignored; a string without any gives ''.
 */

//                 ABCDEFGHIJKLMNOPQRSTUVWXYZ
const CODES = '01230120022455012623010202';

export function soundex(input: string): string {
  const s = input.toUpperCase();
  let out = '';
  let last = '';
  for (let i = 0; i < s.length && out.length < 4; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) continue;
    const code = CODES[c - 65];
    if (out.length === 0) {
      out = s[i];
      last = code;
      continue;
    }
    if (code === '0') {
      // H and W are transparent; vowels (and Y) reset so a repeated class after them counts again.
      if (c !== 72 && c !== 87) last = '';
      continue;
    }
    if (code !== last) out += code;
    last = code;
  }
  return out.length === 0 ? '' : out.padEnd(4, '0');
}
