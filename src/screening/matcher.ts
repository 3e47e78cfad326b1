/**
 * The in-memory screening index. Blocking keeps queries cheap: an inverted index maps token keys (and
 * joined token pairs, and spelling prefixes) to name slots, and identifiers (IMO, MMSI, call sign, document
 * numbers) to entity slots; a query scores only the names that share its rarest keys, never every entity.
 */
import { type PreparedParty, type PreparedToken, prepareParty } from './features.ts';
import { tokenKey } from './names.ts';
import { scorePrepared } from './score.ts';
import {
  DEFAULT_THRESHOLD,
  type IndexedEntity,
  type MatchOptions,
  type MatchResult,
  type ScreeningQuery,
} from './types.ts';

/** Names scored per query at most (those sharing the most informative keys with it). */
const MAX_CANDIDATE_NAMES = 120;
/** A name is a candidate only if it shares at least this share of the best name's key weight. */
const CANDIDATE_FLOOR = 0.3;
const DEFAULT_LIMIT = 10;

/** Blocking keys of a name's tokens: the phonetic key of each word, of each two words written joined
 * (Jong Un -> jongun), a four-letter prefix so a typo late in a long word still finds it, and the word's
 * letters sorted, so swapped letters do. */
export function blockingKeys(tokens: PreparedToken[]): string[] {
  const keys = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.weight < 1 || t.initial) continue;
    keys.add(`k:${t.key}`);
    if (t.text.length >= 6) keys.add(`p:${t.text.slice(0, 4)}`);
    // Letters swapped anywhere in the word (AFIZ / FAIZ) keep the same letters.
    if (t.text.length >= 4) keys.add(`a:${[...t.text].sort().join('')}`);
    if (i + 1 < tokens.length && !tokens[i + 1].initial)
      keys.add(`k:${tokenKey(t.text + tokens[i + 1].text)}`);
  }
  return [...keys];
}

function idKeys(p: PreparedParty): string[] {
  const out: string[] = [];
  for (const [kind, values] of p.ids) for (const v of values) out.push(`${kind}:${v}`);
  return out;
}

function inDatasets(entity: IndexedEntity, filter: string[] | undefined): boolean {
  if (!filter || filter.length === 0) return true;
  return entity.datasets.some((d) => filter.some((f) => d === f || d.startsWith(`${f}-`)));
}

export class ScreeningIndex {
  readonly entities: IndexedEntity[] = [];
  private readonly prepared: PreparedParty[] = [];
  private readonly byId = new Map<string, number>();
  /** name slot -> entity slot, and the name's position among the entity's names. */
  private nameEntity: number[] = [];
  private nameLocal: number[] = [];
  private readonly namePostings = new Map<string, number[]>();
  private readonly idPostings = new Map<string, number[]>();
  private acc = new Float64Array(0);

  static build(entities: Iterable<IndexedEntity>): ScreeningIndex {
    const index = new ScreeningIndex();
    for (const e of entities) index.add(e);
    return index;
  }

  get size(): number {
    return this.entities.length;
  }

  get nameCount(): number {
    return this.nameEntity.length;
  }

  get(id: string): IndexedEntity | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.entities[slot];
  }

  /** Adds an entity (an entity id already present is replaced: the index is rebuilt per list import). */
  add(entity: IndexedEntity): void {
    if (this.byId.has(entity.id)) throw new Error(`entity ${entity.id} already indexed`);
    const slot = this.entities.length;
    const p = prepareParty(entity.schema, entity.properties);
    this.entities.push(entity);
    this.prepared.push(p);
    this.byId.set(entity.id, slot);
    for (let local = 0; local < p.names.length; local++) {
      const nameSlot = this.nameEntity.length;
      this.nameEntity.push(slot);
      this.nameLocal.push(local);
      for (const k of blockingKeys(p.names[local].tokens)) {
        const list = this.namePostings.get(k);
        if (list) list.push(nameSlot);
        else this.namePostings.set(k, [nameSlot]);
      }
    }
    for (const k of idKeys(p)) {
      const list = this.idPostings.get(k);
      if (list) {
        if (list[list.length - 1] !== slot) list.push(slot);
      } else this.idPostings.set(k, [slot]);
    }
  }

  /** The candidates a query reaches: entity slot -> name positions to score (undefined: all names). */
  private candidates(q: PreparedParty): Map<number, number[] | undefined> {
    const out = new Map<number, number[] | undefined>();
    for (const k of idKeys(q)) for (const slot of this.idPostings.get(k) ?? []) out.set(slot, undefined);
    const keys = new Set<string>();
    for (const n of q.names) for (const k of blockingKeys(n.tokens)) keys.add(k);
    if (keys.size === 0) return out;
    if (this.acc.length < this.nameEntity.length) this.acc = new Float64Array(this.nameEntity.length);
    const acc = this.acc;
    const touched: number[] = [];
    const total = this.nameEntity.length + 1;
    for (const k of keys) {
      const list = this.namePostings.get(k);
      if (!list) continue;
      // Rare keys say more: a shared surname outweighs a shared "Mohammed".
      const idf = Math.log(total / list.length) * (k.startsWith('k:') ? 1 : 0.5);
      for (const n of list) {
        if (acc[n] === 0) touched.push(n);
        acc[n] += idf;
      }
    }
    let max = 0;
    for (const n of touched) if (acc[n] > max) max = acc[n];
    const floor = max * CANDIDATE_FLOOR;
    let chosen = touched.filter((n) => acc[n] >= floor);
    if (chosen.length > MAX_CANDIDATE_NAMES) {
      chosen.sort((a, b) => acc[b] - acc[a]);
      chosen = chosen.slice(0, MAX_CANDIDATE_NAMES);
    }
    for (const n of touched) acc[n] = 0;
    for (const n of chosen) {
      const slot = this.nameEntity[n];
      if (out.has(slot)) {
        out.get(slot)?.push(this.nameLocal[n]);
      } else out.set(slot, [this.nameLocal[n]]);
    }
    return out;
  }

  /** How many entities a query would score (blocking at work; for tests and diagnostics). */
  candidateCount(query: ScreeningQuery): number {
    return this.candidates(prepareParty(query.schema, query.properties)).size;
  }

  match(query: ScreeningQuery, options: MatchOptions = {}): MatchResult[] {
    return this.matchPage(query, options).results;
  }

  /**
   * The best `limit` candidates, and how many candidates scored above zero in all (what a page of results
   * is out of).
   */
  matchPage(query: ScreeningQuery, options: MatchOptions = {}): { results: MatchResult[]; total: number } {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const q = prepareParty(query.schema, query.properties);
    const results: MatchResult[] = [];
    for (const [slot, names] of this.candidates(q)) {
      const entity = this.entities[slot];
      if (!inDatasets(entity, options.datasets)) continue;
      const r = scorePrepared(q, this.prepared[slot], names);
      if (!r.compatible) continue;
      results.push({
        id: entity.id,
        caption: entity.caption,
        schema: entity.schema,
        score: r.score,
        match: r.score >= threshold,
        features: r.features,
        explanations: r.explanations,
      });
    }
    results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    let total = 0;
    for (const r of results) if (r.score > 0) total++;
    return { results: results.slice(0, limit), total };
  }
}
