export type { JaroWinklerOptions } from './jaro-winkler.ts';
export { jaro, jaroWinkler } from './jaro-winkler.ts';
export type { OfacPartAlignment, OfacScoreExplanation, OfacScoreParams } from './score.ts';
export {
  explainOfacScore,
  OFAC_SCORE_PARAMS,
  ofacBestScore,
  ofacNameParts,
  ofacScore,
  ofacWholeName,
} from './score.ts';
export { soundex } from './soundex.ts';
