/**
 * The name-text layer of screening: pure, table-driven functions the matcher applies to every indexed name
 * and every query.
 *
 * Joined and split Korean given names: `nameTokens` splits on spaces and hyphens only (`Jong-un` and
 * `Jong Un` → `jong`, `un`; `Jongun` stays `jongun`). The matcher aligns them either way: compare
 * `tokenKey(a + b)` of adjacent tokens with a single token's key (skeleton keys, vowels ignored), or split a
 * joined token with `splitKoreanSyllables` and compare the syllables' keys (vowel-aware, Jong ≠ Jang).
 */

export { hangulSyllables, splitKoreanSyllables } from './hangul.ts';
export { isKeyVariant, tokenKey } from './key.ts';
export { latinize } from './latinize.ts';
export { abbreviateLegalForms, legalForm } from './legal-forms.ts';
export { isShortFormOf } from './nicknames.ts';
export { normalize } from './normalize.ts';
export { numberWordsToDigits, spellDigitsInWords } from './numbers.ts';
export {
  isCommonNameElement,
  isCompanyWord,
  isFrequentNameElement,
  isParticle,
  isStopWord,
  isTitle,
} from './words.ts';

import { tokenKey } from './key.ts';
import { normalize } from './normalize.ts';
import { isParticle, isStopWord } from './words.ts';

/** Normalized tokens of a name, split on spaces and hyphens (see the module comment for joined forms). */
export function nameTokens(name: string): string[] {
  const n = normalize(name);
  return n === '' ? [] : n.split(' ');
}

/** The keys of a Latin name's tokens, stop words and particles left out (order kept). */
export function nameKeys(name: string): string[] {
  const keys: string[] = [];
  for (const t of nameTokens(name)) if (!isStopWord(t) && !isParticle(t)) keys.push(tokenKey(t));
  return keys;
}
