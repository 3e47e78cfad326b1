/**
 * `ofac` mode: the name score OFAC's Sanctions List Search shows, so a US compliance user can put "what
 * OFAC's tool would say" next to Watchkeeper's own score.
 *
 * OFAC FAQ 249 describes two techniques and reports the higher: Jaro-Winkler over the whole name string,
 * and a composite of per-name-part scores (Jaro-Winkler and Soundex). Reproduced here as:
 * - whole name: Jaro-Winkler of the two names upper-cased, punctuation (the comma of `PUTIN, Vladimir`, hyphens,
 *   apostrophes, dots) deleted and spaces collapsed, in the order each is written (OFAC does not reorder the
 *   list's `SURNAME, Given` form, which is why word order changes its scores);
 * - name parts: each part of the query is paired with its most similar part of the listed name, in any order
 *   and with reuse (extra parts of the listed name cost nothing: `PUTIN` scores 100 against
 *   `PUTIN, Vladimir Vladimirovich`); a pairing weaker than `weakPartBelow` counts 0 (a missing part);
 *   query parts of at most `ignoreQueryPartsUpTo` characters (`UN` in `KIM JONG UN`, initials) are left out
 *   when longer ones exist; the composite is the plain mean over the query's parts.
 * Parts are split at spaces and punctuation except apostrophes, which join (`O'BRIEN` -> `OBRIEN`,
 * `So'ng-hun` -> `SONG HUN`). Soundex is kept in the explanation (and as an optional boost): on OFAC's
 * published scores it adds nothing that Jaro-Winkler does not already give, so its default weight is 0; in
 * OFAC's tool it most likely serves candidate retrieval, which this function does not model.
 *
 * Not modelled: OFAC shows an entry's primary name even when an alias matched, and it does not return
 * entries its retrieval step skips; both need the list, not a pair of names (see `ofacBestScore`).
 */

import { jaroWinkler } from './jaro-winkler.ts';
import { soundex } from './soundex.ts';

export interface OfacScoreParams {
  /** A name-part pairing below this similarity counts as a missing part (0). */
  weakPartBelow: number;
  /** Query parts this short or shorter are ignored when the query has longer ones. */
  ignoreQueryPartsUpTo: number;
  /** Pull a part pairing whose Soundex codes agree this far towards 1 (0 = Soundex has no effect). */
  soundexBoost: number;
}

/** Chosen on the development parity set; the 5-fold cross-validation in the tests picks the same values. */
export const OFAC_SCORE_PARAMS: Readonly<OfacScoreParams> = Object.freeze({
  weakPartBelow: 0.5,
  ignoreQueryPartsUpTo: 2,
  soundexBoost: 0,
});

export interface OfacPartAlignment {
  queryPart: string;
  /** The listed name's part it was paired with; null when nothing was similar at all. */
  candidatePart: string | null;
  jaroWinkler: number;
  soundexQuery: string;
  soundexCandidate: string | null;
  /** What the part contributed to the composite (0..1): the similarity, or 0 when below `weakPartBelow`. */
  counted: number;
}

export interface OfacScoreExplanation {
  /** 0-100, as OFAC shows it. */
  score: number;
  /** Which technique gave the score (the higher one). */
  method: 'whole-name' | 'name-parts';
  wholeName: { query: string; candidate: string; jaroWinkler: number };
  nameParts: { score: number; parts: OfacPartAlignment[]; ignoredQueryParts: string[] };
}

const COMBINING_MARKS = /\p{M}+/gu;

/** Upper-case, strip diacritics (`É` -> `E`); the tool works on the list's Latin-script names. */
function fold(name: string): string {
  return name.normalize('NFD').replace(COMBINING_MARKS, '').toUpperCase();
}

/** The name as the whole-name technique compares it: punctuation deleted, spaces collapsed. */
export function ofacWholeName(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name's parts as the name-parts technique sees them. */
export function ofacNameParts(name: string): string[] {
  const parts = fold(name)
    .replace(/['\u2018\u2019\u02BC`]/g, '')
    .split(/[^\p{L}\p{N}]+/u);
  return parts.filter((p) => p.length > 0);
}

/**
 * OFAC shows whole numbers; rounding up matches its published scores exactly about twice as often as
 * rounding to nearest (93 vs 81 of 164 rows) with the same within-5 rate. The epsilon keeps float noise
 * (0.84000000000000001) from rounding up a whole score.
 */
function toScore(similarity: number): number {
  return Math.min(100, Math.max(0, Math.ceil(similarity * 100 - 1e-9)));
}

/** Everything `ofacScore` computes, for a reviewer: the whole-name comparison and the per-part alignment. */
export function explainOfacScore(
  query: string,
  candidateName: string,
  params: OfacScoreParams = OFAC_SCORE_PARAMS,
): OfacScoreExplanation {
  const wholeQuery = ofacWholeName(query);
  const wholeCandidate = ofacWholeName(candidateName);
  const whole = jaroWinkler(wholeQuery, wholeCandidate);

  const allQueryParts = ofacNameParts(query);
  const candidateParts = ofacNameParts(candidateName);
  const longParts = allQueryParts.filter((p) => p.length > params.ignoreQueryPartsUpTo);
  const queryParts = longParts.length > 0 ? longParts : allQueryParts;
  const ignoredQueryParts =
    longParts.length > 0 ? allQueryParts.filter((p) => p.length <= params.ignoreQueryPartsUpTo) : [];

  const parts: OfacPartAlignment[] = [];
  let sum = 0;
  for (const part of queryParts) {
    const partSoundex = soundex(part);
    let best = 0;
    let bestPart: string | null = null;
    for (const other of candidateParts) {
      let s = jaroWinkler(part, other);
      if (params.soundexBoost > 0 && partSoundex !== '' && partSoundex === soundex(other)) {
        s += params.soundexBoost * (1 - s);
      }
      if (s > best) {
        best = s;
        bestPart = other;
      }
    }
    const counted = best < params.weakPartBelow ? 0 : best;
    sum += counted;
    parts.push({
      queryPart: part,
      candidatePart: bestPart,
      jaroWinkler: best,
      soundexQuery: partSoundex,
      soundexCandidate: bestPart === null ? null : soundex(bestPart),
      counted,
    });
  }
  const partsScore = queryParts.length > 0 ? sum / queryParts.length : 0;
  const method = partsScore >= whole ? 'name-parts' : 'whole-name';
  // Names with no letter in common (a Cyrillic query against the Latin-script list) would otherwise score on
  // shared spaces alone; OFAC's tool returns nothing for them.
  const nothingInCommon = parts.every((p) => p.jaroWinkler === 0);
  return {
    score: nothingInCommon ? 0 : toScore(Math.max(partsScore, whole)),
    method,
    wholeName: { query: wholeQuery, candidate: wholeCandidate, jaroWinkler: whole },
    nameParts: { score: partsScore, parts, ignoredQueryParts },
  };
}

/** The score (0-100) OFAC's Sanctions List Search gives `candidateName` for the search `query`. */
export function ofacScore(
  query: string,
  candidateName: string,
  params: OfacScoreParams = OFAC_SCORE_PARAMS,
): number {
  return explainOfacScore(query, candidateName, params).score;
}

/**
 * OFAC's score for an entry with several names (primary name and aliases): the best of them, which is
 * what the tool shows against the entry's primary name.
 */
export function ofacBestScore(
  query: string,
  names: readonly string[],
  params: OfacScoreParams = OFAC_SCORE_PARAMS,
): number {
  let best = 0;
  for (const name of names) best = Math.max(best, ofacScore(query, name, params));
  return best;
}
