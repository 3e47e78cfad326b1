import type { RecordData } from '../lists/record.ts';
import { getCurrentRecord, listsStamp } from '../store/lists.ts';
import { anyDecisions } from '../store/screening.ts';
import type { Store } from '../store/store.ts';
import { buildIndexFromStore } from './index-builder.ts';
import type { ScreeningIndex } from './matcher.ts';
import { type HitDecision, withDecisions } from './monitoring/decisions.ts';
import { explainOfacScore, ofacScore } from './ofac/index.ts';
import type { ScreeningQuery } from './types.ts';
import { DEFAULT_THRESHOLD, type IndexedEntity, type MatchResult } from './types.ts';

export type ScreeningAlgorithm = 'watchkeeper' | 'ofac';
export const SCREENING_ALGORITHMS: readonly ScreeningAlgorithm[] = ['watchkeeper', 'ofac'];

/** OFAC's name score of the query's best name against the entity's best name (primary name and aliases). */
function ofacRescore(
  query: ScreeningQuery,
  entity: IndexedEntity,
  r: MatchResult,
  threshold: number,
): MatchResult {
  const names = ['name', 'alias', 'weakAlias', 'previousName'].flatMap((p) => entity.properties[p] ?? []);
  let best = { score: 0, query: '', name: '' };
  for (const q of query.properties.name ?? []) {
    for (const n of names) {
      const s = ofacScore(q, n);
      if (s > best.score) best = { score: s, query: q, name: n };
    }
  }
  const how = best.name ? explainOfacScore(best.query, best.name) : undefined;
  const score = best.score / 100;
  return {
    ...r,
    score,
    match: score >= threshold,
    features: { ofac_name_score: best.score },
    explanations: how
      ? [
          {
            feature: 'ofac_name_score',
            effect: score,
            detail:
              `OFAC Sanctions List Search score ${best.score} for "${best.query}" ~ "${best.name}" (${how.method}: ` +
              how.nameParts.parts
                .map((p) => `${p.queryPart}→${p.candidatePart ?? '∅'} ${p.jaroWinkler.toFixed(2)}`)
                .join(', ') +
              ')',
          },
        ]
      : [],
  };
}

/** yente's dataset names: `default` is every list; a source name is all of its lists. */
export const SCREENING_DATASETS: Record<string, string[] | undefined> = {
  default: undefined,
  un: ['un'],
  ofac: ['ofac-sdn', 'ofac-cons'],
  eu: ['eu'],
  uk: ['uk'],
};

/** Who owns or operates a vessel hit, and whether they are designated themselves. */
export interface VesselParty {
  id: string;
  name: string;
  role: string;
  /** Set when the party is itself a designated listing. */
  designated?: { datasets: string[]; reference: string; regimes: string[] };
}

export interface ScreeningHit extends MatchResult {
  /** For vessels: owners and operators from the listing, with their own designations. */
  parties?: VesselParty[];
  properties: Record<string, string[]>;
  datasets: string[];
  sourceRef: string;
  regimes: string[];
  hash: string;
  decision?: HitDecision;
  suppressed: boolean;
}

const STAMP_CHECK_MS = 2000;

/**
 * Holds the screening index for a long-running process (the server) and keeps it current: it is built on
 * first use and rebuilt when a list version has been imported since, by this process or another one (a CLI
 * import beside a running server), checked at most every two seconds.
 */
export class ScreeningService {
  readonly store: Store;
  #index: Promise<ScreeningIndex> | undefined;
  #stamp = '';
  #checkedAt = 0;
  /** Whether the store holds any decision; re-read with the list stamp, set at once when one is recorded. */
  #decisions = true;
  constructor(store: Store) {
    this.store = store;
  }

  async index(): Promise<ScreeningIndex> {
    const now = Date.now();
    if (this.#index && now - this.#checkedAt < STAMP_CHECK_MS) return this.#index;
    this.#checkedAt = now;
    const stamp = await listsStamp(this.store);
    this.#decisions = await anyDecisions(this.store);
    if (!this.#index || stamp !== this.#stamp) {
      this.#stamp = stamp;
      this.#index = buildIndexFromStore(this.store);
      this.#index.catch(() => {
        this.#index = undefined;
      });
    }
    return this.#index;
  }

  /** Forget the index (after an import in this process) so the next query rebuilds it. */
  invalidate(): void {
    this.#index = undefined;
  }

  /**
   * Screens one query; past decisions are attached and unchanged false positives marked `suppressed`.
   * `algorithm: 'ofac'` re-scores the candidates the way OFAC's Sanctions List Search does (name only, 0-1 =
   * OFAC's 0-100), so a US compliance user can show "what OFAC's tool would say".
   */
  async screen(
    query: ScreeningQuery,
    opts: { dataset?: string; threshold?: number; limit?: number; algorithm?: ScreeningAlgorithm } = {},
  ): Promise<ScreeningHit[]> {
    return (await this.screenPage(query, opts)).hits;
  }

  /**
   * A page of hits (`offset`, `limit`), best first, and how many there are in all: candidates scoring above
   * zero. `exact` is false when the count stopped at a cap (the `ofac` algorithm rescores a bounded set).
   */
  async screenPage(
    query: ScreeningQuery,
    opts: {
      dataset?: string;
      threshold?: number;
      limit?: number;
      offset?: number;
      algorithm?: ScreeningAlgorithm;
    } = {},
  ): Promise<{ hits: ScreeningHit[]; total: number; exact: boolean }> {
    const index = await this.index();
    const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    const datasets = SCREENING_DATASETS[opts.dataset ?? 'default'];
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? 10;
    let results: MatchResult[];
    let total: number;
    let exact = true;
    if (opts.algorithm === 'ofac') {
      const cap = Math.max(50, (offset + limit) * 5);
      const candidates = index.match(query, { threshold: 0, limit: cap, datasets });
      const rescored = candidates
        .map((r) => ({
          ours: r.score,
          hit: ofacRescore(query, index.get(r.id) as IndexedEntity, r, threshold),
        }))
        // OFAC's tool ties often (it ignores short name parts); ties are ordered by our own score.
        .sort((a, b) => b.hit.score - a.hit.score || b.ours - a.ours || (a.hit.id < b.hit.id ? -1 : 1))
        .map((x) => x.hit);
      total = rescored.filter((r) => r.score > 0).length;
      exact = candidates.length < cap;
      results = rescored.slice(offset, offset + limit);
    } else {
      const page = index.matchPage(query, { threshold, limit: offset + limit, datasets });
      results = page.results.slice(offset);
      total = page.total;
    }
    // A candidate that shares a blocking key but nothing that scores is noise, not a hit.
    const hits = results
      .filter((r) => r.score > 0)
      .map((r) => {
        const e = index.get(r.id) as IndexedEntity;
        return {
          ...r,
          properties: e.properties,
          datasets: e.datasets,
          sourceRef: e.sourceRef,
          regimes: e.regimes,
          hash: e.hash,
        };
      });
    for (const h of hits)
      if (h.schema === 'Vessel') (h as ScreeningHit).parties = await this.vesselParties(index, h.id);
    // Without any recorded decision (the usual batch case) the per-query lookup is skipped.
    if (!this.#decisions) return { hits: hits.map((h) => ({ ...h, suppressed: false })), total, exact };
    return { hits: await withDecisions(this.store, query, hits), total, exact };
  }

  /** A vessel's owners and operators as its listing states them (Ownership / links), designated or not. */
  async vesselParties(index: ScreeningIndex, vesselId: string): Promise<VesselParty[]> {
    const record = await getCurrentRecord(this.store, vesselId);
    if (!record) return [];
    const data = record.data as RecordData;
    const byId = new Map(data.adjuncts.map((a) => [a.id, a]));
    const parties: VesselParty[] = [];
    for (const a of data.adjuncts) {
      const role = a.properties.role?.[0] ?? a.schema;
      const otherId =
        a.schema === 'Ownership'
          ? a.properties.owner?.[0]
          : a.schema === 'UnknownLink'
            ? a.properties.object?.[0]
            : undefined;
      if (!otherId || otherId === vesselId) continue;
      const listed = index.get(otherId);
      const local = byId.get(otherId);
      parties.push({
        id: otherId,
        name: listed?.caption ?? local?.properties.name?.[0] ?? otherId,
        role,
        designated: listed
          ? { datasets: listed.datasets, reference: listed.sourceRef, regimes: listed.regimes }
          : undefined,
      });
    }
    return parties;
  }

  /** Tell the service a decision was recorded, so the next screening looks decisions up. */
  decisionRecorded(): void {
    this.#decisions = true;
  }
}
