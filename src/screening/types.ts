/**
 * Screening: names, companies and vessels against the designated entities of the knowledge base.
 * Queries and results use FtM property names (as yente does), so existing clients work unchanged.
 */

/** What a user screens: a schema (Person, Company, Organization, LegalEntity, Vessel, Thing) and FtM properties
 * (name, alias, birthDate, nationality, country, gender, imoNumber, mmsi, callSign, passportNumber, idNumber). */
export interface ScreeningQuery {
  schema: string;
  properties: Record<string, string[]>;
}

/** A designated entity as the index holds it (built from the current list records). */
export interface IndexedEntity {
  id: string;
  schema: string;
  caption: string;
  /** The designated entity's FtM properties, with identifiers from its adjuncts folded in (passportNumber, ...). */
  properties: Record<string, string[]>;
  /** Lists it is on: `un`, `ofac-sdn`, `ofac-cons`, `eu`, `uk`. */
  datasets: string[];
  /** The list's own reference (UN `KPi.033`, OFAC ent_num). */
  sourceRef: string;
  regimes: string[];
  /** Content hash of the listing (decisions are keyed by it). */
  hash: string;
}

/** One feature's contribution to a score, for a reviewer to read. */
export interface Explanation {
  feature: string;
  /** Signed effect on the final score (0..1 scale). */
  effect: number;
  detail: string;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  score: number;
  match: boolean;
  /** Raw feature values (name similarity, dob match, ...), yente-style. */
  features: Record<string, number>;
  explanations: Explanation[];
}

export interface MatchOptions {
  /** Score at or above which `match` is true (default: DEFAULT_THRESHOLD). */
  threshold?: number;
  limit?: number;
  /** Only candidates in these datasets. */
  datasets?: string[];
}

/** The documented default threshold for `match`. */
export const DEFAULT_THRESHOLD = 0.7;
