/**
 * The one seam between the matcher and the name-text module (src/screening/text: normalisation,
 * romanization, phonetic keys, company/stop words). Everything in the matcher goes through here, so the
 * matcher never grows its own copy of those rules.
 */
export {
  isCompanyWord,
  isParticle,
  isStopWord,
  latinize,
  nameTokens,
  normalize,
  splitKoreanSyllables,
  tokenKey,
} from './text/index.ts';
