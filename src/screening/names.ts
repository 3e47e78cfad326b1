/**
 * The one seam between the matcher and the name-text module (src/screening/text: normalisation,
 * romanization, phonetic keys, company/stop words). Everything in the matcher goes through here, so the
 * matcher never grows its own copy of those rules.
 */
export {
  abbreviateLegalForms,
  isCommonNameElement,
  isCompanyWord,
  isFrequentNameElement,
  isKeyVariant,
  isParticle,
  isShortFormOf,
  isStopWord,
  isTitle,
  latinize,
  legalForm,
  nameTokens,
  normalize,
  numberWordsToDigits,
  spellDigitsInWords,
  splitKoreanSyllables,
  tokenKey,
} from './text/index.ts';
