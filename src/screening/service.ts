import { listsStamp } from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { buildIndexFromStore } from './index-builder.ts';
import type { ScreeningIndex } from './matcher.ts';
import { type HitDecision, withDecisions } from './monitoring/decisions.ts';
import type { ScreeningQuery } from './types.ts';
import { DEFAULT_THRESHOLD, type IndexedEntity, type MatchResult } from './types.ts';

/** yente's dataset names: `default` is every list; a source name is all of its lists. */
export const SCREENING_DATASETS: Record<string, string[] | undefined> = {
  default: undefined,
  un: ['un'],
  ofac: ['ofac-sdn', 'ofac-cons'],
  eu: ['eu'],
  uk: ['uk'],
};

export interface ScreeningHit extends MatchResult {
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
  constructor(store: Store) {
    this.store = store;
  }

  async index(): Promise<ScreeningIndex> {
    const now = Date.now();
    if (this.#index && now - this.#checkedAt < STAMP_CHECK_MS) return this.#index;
    this.#checkedAt = now;
    const stamp = await listsStamp(this.store);
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

  /** Screens one query; past decisions are attached and unchanged false positives marked `suppressed`. */
  async screen(
    query: ScreeningQuery,
    opts: { dataset?: string; threshold?: number; limit?: number } = {},
  ): Promise<ScreeningHit[]> {
    const index = await this.index();
    const results = index.match(query, {
      threshold: opts.threshold ?? DEFAULT_THRESHOLD,
      limit: opts.limit,
      datasets: SCREENING_DATASETS[opts.dataset ?? 'default'],
    });
    const hits = results.map((r) => {
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
    return withDecisions(this.store, query, hits);
  }
}
