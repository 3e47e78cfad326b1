/**
 * Scoring one query against one entity: the best alignment of the query's name tokens with any of the
 * entity's names, then the other evidence (identifiers, birth date, nationality, gender) as signed effects.
 * Every step leaves an explanation a reviewer can read.
 */
import {
  isOrganisation,
  NAME_KIND_FACTOR,
  type PreparedName,
  type PreparedParty,
  type PreparedToken,
  prepareParty,
  schemaCompatible,
} from './features.ts';
import {
  isFrequentNameElement,
  isKeyVariant,
  isParticle,
  isShortFormOf,
  isStopWord,
  tokenKey,
} from './names.ts';
import { jaroWinkler, levenshtein, osaDistance } from './similarity.ts';
import { DEFAULT_THRESHOLD, type Explanation } from './types.ts';

/**
 * Unmatched tokens and what they cost. A token present on one side only is usually a middle name, a
 * patronymic or a title the other side left out (mild); a token on each side that do not match is a
 * different name in that position (heavy): `William Ruto` is not `William Mutua`.
 */
const EXTRA_COST = 0.7;
const CONFLICT_COST = 3;
/** Aligned parts of three or more that keep no order (not even a rotation, `SALEK, ABDULHAI`) may be
 * another person; in a name with lineage particles the order is the meaning (`Ahmad bin Hasan` is the son
 * of Hasan, `Hasan bin Ahmad` his father). */
const SCRAMBLED_FACTOR = 0.85;
/**
 * Names that both carry numbers, none of them shared, name different things: a fishing fleet's hulls
 * (`FU YUAN YU 7894` and `7876`), a company's numbered subsidiaries. The rest of such names is alike by
 * design, so without this a whole fleet matches any one of its vessels.
 */
const NUMBERS_DIFFER_FACTOR = 0.6;

const hasDigit = (t: PreparedToken) => /\d/.test(t.text);

/** Both names carry numbers and share none. Allocation-free when the query has none (most queries). */
function numbersDifferIn(query: PreparedToken[], entity: PreparedToken[]): boolean {
  if (!query.some(hasDigit) || !entity.some(hasDigit)) return false;
  return !query.some((q) => hasDigit(q) && entity.some((e) => e.text === q.text));
}
const SCRAMBLED_LINEAGE_FACTOR = 0.6;
/** Two different kinds of company (an `AG` and a `GmbH`, an `ANO` and an `LLC`) under one name: a conflict
 * of this weight. A legal form on one side only costs nothing: lists and customers drop them freely. */
const LEGAL_FORM_CONFLICT_WEIGHT = 0.35;
/** How much more a query-only name part costs when the match covers little of the query (see alignNames). */
const UNCOVERED_QUERY_COST = 3;

/** What birth years more than two apart take off the score (a perfect name then lands below 0.7). */
const BIRTH_YEARS_APART_EFFECT = 0.35;

export interface ScoreOutcome {
  score: number;
  features: Record<string, number>;
  explanations: Explanation[];
  /** False when the schemata exclude each other (the entity is not a candidate at all). */
  compatible: boolean;
}

/** Similarity of two tokens in 0..1: equal, phonetically equal, an initial, or a near spelling. */
export function tokenSimilarity(a: PreparedToken, b: PreparedToken): number {
  if (a.text === b.text) return 1;
  if (a.form !== undefined && b.form !== undefined) {
    if (a.form === b.form) return 1;
    return a.family !== '' && a.family === b.family ? 0.9 : 0;
  }
  // A legal form is a word of its own: one letter off (`Ltd` / `Ldt`) is another word, not a typo of it.
  if (a.form !== undefined || b.form !== undefined) return 0;
  if (a.key === b.key && isKeyVariant(a.text, b.text)) return 0.95;
  if (a.initial || b.initial) {
    if (a.initial && b.initial) return 0;
    const [i, t] = a.initial ? [a, b] : [b, a];
    return t.text.startsWith(i.text) ? 0.8 : 0;
  }
  if (isShortFormOf(a.text, b.text)) return 0.9;
  const la = a.text.length;
  const lb = b.text.length;
  // Numbers, and very short words, only match exactly: one edit to "3" or "ri" is another name.
  if (la < 3 || lb < 3 || /\d/.test(a.text) || /\d/.test(b.text)) return 0;
  const longer = Math.max(la, lb);
  const maxEdits = longer <= 8 ? 1 : longer <= 12 ? 2 : 3;
  const d = osaDistance(a.text, b.text, maxEdits);
  if (d > maxEdits) return 0;
  // Three-letter words differ by one letter into another name (Sok / Sek); only swapped letters pass.
  if (longer === 3 && levenshtein(a.text, b.text, 2) < 2) return 0;
  // A spelling slip costs in proportion to the word's length; Jaro-Winkler lifts slips late in a word.
  const ratio = 1 - (1.5 * d) / longer;
  const s = Math.max(ratio, jaroWinkler(a.text, b.text) - 0.15);
  return s < 0.6 ? 0 : Math.min(s, 0.95);
}

interface Unit {
  q: number[];
  e: number[];
  sim: number;
}

export interface NameAlignment {
  score: number;
  /** Aligned parts: query text, entity text, similarity. */
  pairs: Array<{ query: string; entity: string; sim: number }>;
  unmatchedQuery: string[];
  unmatchedEntity: string[];
  /** The aligned parts appear in an order that is neither the same nor a rotation. */
  scrambled: boolean;
  /** Both names carry numbers and none is shared (`FU YUAN YU 7894` / `FU YUAN YU 7876`). */
  numbersDiffer: boolean;
}

function joinTokens(tokens: PreparedToken[], from: number): PreparedToken {
  const a = tokens[from];
  const b = tokens[from + 1];
  const text = a.text + b.text;
  return { text, key: text, weight: Math.max(a.weight, b.weight), initial: false };
}

/**
 * A token against two adjacent tokens written joined (`Jongun` / `Jong Un`, `Zedong` / `Tse-tung`): by
 * spelling, or as the same sounds: the token cut in two where each piece keys like its counterpart. The
 * key of the whole joined word alone is too loose (a skeleton: `Sara Ray` would be `Sarwar`).
 */
function joinedSimilarity(single: PreparedToken, parts: PreparedToken[], from: number): number {
  const joined = joinTokens(parts, from);
  const bySpelling = tokenSimilarity(single, joined);
  if (bySpelling >= 0.95 || tokenKey(joined.text) !== single.key) return bySpelling;
  const a = parts[from].key;
  const b = parts[from + 1].key;
  const t = single.text;
  for (let cut = 1; cut < t.length; cut++) {
    if (tokenKey(t.slice(0, cut)) === a && tokenKey(t.slice(cut)) === b) return 0.95;
  }
  return bySpelling;
}

const ACRONYM_SIM = 0.85;
const VOWEL = /[aeiouy]/;

/**
 * A short token that spells the initials of adjacent words on the other side: `PLA` = People's Liberation
 * Army, `JC` = Jean-Claude. Stop words inside the run may be skipped (`BOC` = Bank of China). In a person's
 * name only a token without vowels reads as initials (`Ko`, `Su`, `Ha` are names).
 */
function addAcronymUnits(
  units: Unit[],
  short: PreparedToken[],
  long: PreparedToken[],
  organisation: boolean,
  swapped: boolean,
): void {
  for (let i = 0; i < short.length; i++) {
    const t = short[i].text;
    if (t.length < 2 || t.length > 6 || short[i].form !== undefined || !/^[a-z]+$/.test(t)) continue;
    if (!organisation && VOWEL.test(t)) continue;
    for (let j = 0; j < long.length; j++) {
      if (long[j].text[0] !== t[0] || long[j].initial) continue;
      const run: number[] = [];
      let spelled = 0;
      for (let k = j; k < long.length && spelled < t.length; k++) {
        const w = long[k].text;
        if (w[0] === t[spelled] && !long[k].initial && /^[a-z]/.test(w)) {
          run.push(k);
          spelled++;
        } else if (isStopWord(w) && run.length) run.push(k);
        else break;
      }
      if (spelled !== t.length || spelled < 2) continue;
      units.push(swapped ? { q: run, e: [i], sim: ACRONYM_SIM } : { q: [i], e: run, sim: ACRONYM_SIM });
    }
  }
}

/** Whether aligned entity positions, read in query order, are in order or a rotation of it. */
function orderKept(positions: number[]): boolean {
  let descents = 0;
  for (let i = 1; i < positions.length; i++) if (positions[i] < positions[i - 1]) descents++;
  if (descents === 0) return true;
  return descents === 1 && positions[positions.length - 1] < positions[0];
}

/**
 * Order-insensitive alignment: candidate pairings (token to token, and a token to two adjacent tokens
 * written joined: Jongun / Jong Un) are taken greedily, best first, each token used once. The score is
 * the weighted similarity of what aligned, discounted by what did not (see EXTRA_COST, CONFLICT_COST).
 */
export function alignNames(
  query: PreparedToken[],
  entity: PreparedToken[],
  organisation = false,
): NameAlignment {
  const units: Unit[] = [];
  addAcronymUnits(units, query, entity, organisation, false);
  addAcronymUnits(units, entity, query, organisation, true);
  for (let i = 0; i < query.length; i++) {
    for (let j = 0; j < entity.length; j++) {
      const sim = tokenSimilarity(query[i], entity[j]);
      if (sim > 0) units.push({ q: [i], e: [j], sim });
    }
  }
  for (let j = 0; j + 1 < entity.length; j++) {
    if (entity[j].initial || entity[j + 1].initial) continue;
    const joinedLength = entity[j].text.length + entity[j + 1].text.length;
    for (let i = 0; i < query.length; i++) {
      if (query[i].text.length < joinedLength - 3) continue;
      const sim = joinedSimilarity(query[i], entity, j);
      if (sim >= 0.85) units.push({ q: [i], e: [j, j + 1], sim });
    }
  }
  for (let i = 0; i + 1 < query.length; i++) {
    if (query[i].initial || query[i + 1].initial) continue;
    const joinedLength = query[i].text.length + query[i + 1].text.length;
    for (let j = 0; j < entity.length; j++) {
      if (entity[j].text.length < joinedLength - 3) continue;
      const sim = joinedSimilarity(entity[j], query, i);
      if (sim >= 0.85) units.push({ q: [i, i + 1], e: [j], sim });
    }
  }
  const weightOf = (u: Unit) =>
    u.q.reduce((s, i) => s + query[i].weight, 0) + u.e.reduce((s, j) => s + entity[j].weight, 0);
  units.sort((x, y) => y.sim - x.sim || weightOf(y) - weightOf(x));
  const usedQ = new Uint8Array(query.length);
  const usedE = new Uint8Array(entity.length);
  let num = 0;
  let matched = 0;
  let spelledOut = false;
  const pairs: NameAlignment['pairs'] = [];
  const order: Array<[number, number]> = [];
  for (const u of units) {
    if (u.q.some((i) => usedQ[i]) || u.e.some((j) => usedE[j])) continue;
    for (const i of u.q) usedQ[i] = 1;
    for (const j of u.e) usedE[j] = 1;
    const w = weightOf(u);
    if (!u.q.some((i) => query[i].initial) && !u.e.some((j) => entity[j].initial)) spelledOut = true;
    num += u.sim * w;
    matched += w;
    order.push([u.q[0], u.e[0]]);
    pairs.push({
      query: u.q.map((i) => query[i].text).join(' '),
      entity: u.e.map((j) => entity[j].text).join(' '),
      sim: u.sim,
    });
  }
  const unmatchedQuery: string[] = [];
  const unmatchedEntity: string[] = [];
  let uq = 0;
  let ue = 0;
  const queryFamilies = new Set<string>();
  const entityFamilies = new Set<string>();
  // Particles and function words left over on both sides (`al` against `bin`) are not two different names
  // in one position: they count as left out, never as a conflict.
  let softExtra = 0;
  let queryOnlySoft = 0;
  for (let i = 0; i < query.length; i++) {
    if (usedQ[i]) continue;
    unmatchedQuery.push(query[i].text);
    const family = query[i].family;
    if (isParticle(query[i].text) || isStopWord(query[i].text)) {
      softExtra += query[i].weight;
      queryOnlySoft += query[i].weight;
    } else if (family === undefined) uq += query[i].weight;
    else {
      queryOnlySoft += query[i].weight;
      if (family !== '') queryFamilies.add(family);
    }
  }
  for (let j = 0; j < entity.length; j++) {
    if (usedE[j]) continue;
    unmatchedEntity.push(entity[j].text);
    const family = entity[j].family;
    if (isParticle(entity[j].text) || isStopWord(entity[j].text)) softExtra += entity[j].weight;
    else if (family === undefined) ue += entity[j].weight;
    else if (family !== '') entityFamilies.add(family);
  }
  let conflict = Math.min(uq, ue);
  if (queryFamilies.size && entityFamilies.size && ![...queryFamilies].some((f) => entityFamilies.has(f)))
    conflict += LEGAL_FORM_CONFLICT_WEIGHT;
  const extra = uq + ue - 2 * Math.min(uq, ue) + softExtra;
  // A query name part the entity's name lacks costs more when what did align is only names borne by
  // millions, and the more so the less of the query it covers: the alias `Abdul Rahman` is not evidence for
  // `Abdul Rahman al-Zawahiri`, nor the vessel `MARIA` for `Maria Garcia` (but `Fazl Rabi` is for `Fazl
  // Rabi Abdul Hamid`).
  let onlyFrequent = pairs.length > 0;
  for (let i = 0; i < query.length && onlyFrequent; i++) {
    const t = query[i];
    if (usedQ[i] && !isParticle(t.text) && !isStopWord(t.text) && !isFrequentNameElement(t.text))
      onlyFrequent = false;
  }
  const queryOnly = onlyFrequent ? Math.max(0, uq - ue) : 0;
  let queryWeight = 0;
  for (const t of query) queryWeight += t.weight;
  const queryMatched = queryWeight - uq - queryOnlySoft;
  const uncovered = queryWeight > 0 ? 1 - queryMatched / queryWeight : 0;
  const den =
    matched +
    CONFLICT_COST * 2 * conflict +
    EXTRA_COST * extra +
    EXTRA_COST * UNCOVERED_QUERY_COST * uncovered * queryOnly;
  let score = den > 0 ? num / den : 0;
  // Initials alone (`N.N.`) could be anyone: something spelled out has to agree too.
  if (pairs.length && !spelledOut) score *= 0.5;
  let scrambled = false;
  if (order.length >= 3) {
    order.sort((a, b) => a[0] - b[0]);
    scrambled = !orderKept(order.map((o) => o[1]));
    if (scrambled) {
      score *= query.some((t) => isParticle(t.text)) ? SCRAMBLED_LINEAGE_FACTOR : SCRAMBLED_FACTOR;
    }
  }
  const numbersDiffer = numbersDifferIn(query, entity);
  if (numbersDiffer) score *= NUMBERS_DIFFER_FACTOR;
  return { score, pairs, unmatchedQuery, unmatchedEntity, scrambled, numbersDiffer };
}

export interface BestName {
  score: number;
  queryName: PreparedName;
  entityName: PreparedName;
  alignment: NameAlignment;
}

/** The best alignment over every query name and every entity name (weak aliases discounted). */
export function bestNameMatch(
  queryNames: PreparedName[],
  entityNames: PreparedName[],
  only?: Iterable<number>,
  organisation = false,
): BestName | undefined {
  let best: BestName | undefined;
  // Materialised once: an iterator would be spent after the first query name.
  const indices = only ? [...only] : [...entityNames.keys()];
  for (const qn of queryNames) {
    for (const k of indices) {
      const en = entityNames[k];
      const sameScript = qn.native && en.native && qn.native.script === en.native.script;
      if (sameScript && !(qn.primary && en.primary)) continue;
      const alignment = sameScript
        ? alignNames(qn.native!.tokens, en.native!.tokens)
        : alignNames(qn.tokens, en.tokens, organisation);
      const score = alignment.score * NAME_KIND_FACTOR[en.kind];
      if (!best || score > best.score) best = { score, queryName: qn, entityName: en, alignment };
    }
  }
  return best;
}

function describeAlignment(b: BestName): string {
  const parts = b.alignment.pairs.map((p) =>
    p.sim === 1 ? `${p.query}=${p.entity}` : `${p.query}~${p.entity} (${p.sim.toFixed(2)})`,
  );
  let s = `"${b.queryName.original}" vs ${b.entityName.kind} "${b.entityName.original}": ${parts.join(', ') || 'nothing aligned'}`;
  if (b.alignment.unmatchedQuery.length) s += `; query only: ${b.alignment.unmatchedQuery.join(' ')}`;
  if (b.alignment.unmatchedEntity.length) s += `; entity only: ${b.alignment.unmatchedEntity.join(' ')}`;
  if (b.alignment.scrambled) s += '; parts in a different order';
  if (b.alignment.numbersDiffer)
    s += '; the numbers in the names differ (another vessel or entity of a series)';
  if ((b.queryName.native?.script === 'hangul') !== (b.entityName.native?.script === 'hangul'))
    s += `; Hangul compared through its romanizations, which may not tell vowels apart (McCune–Reischauer writes 정 and 종 alike, as chong/jong)`;
  return s;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function yearOf(d: string): number {
  return Number(d.slice(0, 4));
}

/** Evidence beyond names, as signed effects. */
function evidence(query: PreparedParty, entity: PreparedParty, explanations: Explanation[]) {
  const features: Record<string, number> = {};
  let effect = 0;
  let strongId: string | undefined;
  /** Shared identifiers beyond the first decisive one (call signs are never decisive): still reported. */
  const matchedIds: string[] = [];
  let idConflict = false;
  for (const [kind, values] of query.ids) {
    const theirs = entity.ids.get(kind);
    if (!theirs) continue;
    const shared = [...values].find((v) => theirs.has(v));
    if (shared) {
      features[`${kind}Match`] = 1;
      if (kind === 'callSign') matchedIds.push(`same ${kind} ${shared} (not decisive alone)`);
      else if (strongId) matchedIds.push(`same ${kind} ${shared}`);
      else strongId = `${kind} ${shared}`;
    } else if (kind === 'imo' || kind === 'mmsi') {
      idConflict = true;
      features[`${kind}Mismatch`] = 1;
    }
  }
  if (query.birthDates.length && entity.birthDates.length) {
    let bestDiff = Number.POSITIVE_INFINITY;
    let exact = false;
    for (const a of query.birthDates) {
      for (const b of entity.birthDates) {
        if (a === b && a.length === 10) exact = true;
        const prefixMatch = a.startsWith(b) || b.startsWith(a);
        const diff = prefixMatch ? 0 : Math.abs(yearOf(a) - yearOf(b));
        // Same year, different full date: a typo or a different person; weaker than a year apart.
        bestDiff = Math.min(bestDiff, diff === 0 && !prefixMatch ? 0.5 : diff);
      }
    }
    let e: number;
    let detail: string;
    if (exact) [e, detail] = [0.08, 'same date of birth'];
    else if (bestDiff === 0) [e, detail] = [0.04, 'date of birth consistent'];
    else if (bestDiff === 0.5) [e, detail] = [-0.04, 'same birth year, different date'];
    else if (bestDiff <= 1) [e, detail] = [-0.06, 'birth years one apart'];
    else if (bestDiff <= 2) [e, detail] = [-0.2, 'birth years 2 apart'];
    // Further apart is another person of that name: enough to take even a perfect name below the
    // threshold; only a shared identifier overrides it.
    else [e, detail] = [-BIRTH_YEARS_APART_EFFECT, `birth years ${bestDiff} apart`];
    features.birthDate = e;
    effect += e;
    explanations.push({
      feature: 'birthDate',
      effect: e,
      detail: `${detail}: ${query.birthDates.join('/')} vs ${entity.birthDates.join('/')}`,
    });
  }
  if (query.countries.size && entity.countries.size) {
    const shared = [...query.countries].filter((c) => entity.countries.has(c));
    const e = shared.length ? 0.04 : -0.1;
    features.country = e;
    effect += e;
    explanations.push({
      feature: 'country',
      effect: e,
      detail: shared.length
        ? `country/nationality shared: ${shared.join(', ')}`
        : `country/nationality differs: ${[...query.countries].join(', ')} vs ${[...entity.countries].join(', ')}`,
    });
  }
  if (query.genders.size && entity.genders.size) {
    const same = [...query.genders].some((g) => entity.genders.has(g));
    if (!same) {
      features.gender = -0.2;
      effect -= 0.2;
      explanations.push({
        feature: 'gender',
        effect: -0.2,
        detail: `gender differs: ${[...query.genders].join('/')} vs ${[...entity.genders].join('/')}`,
      });
    }
  }
  return { features, effect, strongId, matchedIds, idConflict };
}

/** Scores a prepared query against a prepared entity; `nameIndices` restricts the entity names tried. */
export function scorePrepared(
  query: PreparedParty,
  entity: PreparedParty,
  nameIndices?: Iterable<number>,
): ScoreOutcome {
  const explanations: Explanation[] = [];
  if (!schemaCompatible(query.schema, entity.schema)) {
    return {
      score: 0,
      compatible: false,
      features: {},
      explanations: [{ feature: 'schema', effect: 0, detail: `${query.schema} cannot be ${entity.schema}` }],
    };
  }
  const best = bestNameMatch(query.names, entity.names, nameIndices, isOrganisation(entity.schema));
  const nameScore = best?.score ?? 0;
  if (best) explanations.push({ feature: 'name', effect: round(nameScore), detail: describeAlignment(best) });
  const ev = evidence(query, entity, explanations);
  const features: Record<string, number> = { name: round(nameScore), ...ev.features };
  let score = Math.min(1, Math.max(0, nameScore + ev.effect));
  if (ev.strongId) {
    const decisive = 0.95 + 0.05 * Math.max(0, Math.min(1, nameScore));
    // Reported even when the name alone already scored higher: a reviewer must see every agreeing fact.
    const e = Math.max(0, decisive - score);
    explanations.push({ feature: 'identifier', effect: round(e), detail: `same ${ev.strongId}` });
    score = Math.max(score, decisive);
  } else if (ev.idConflict) {
    const e = -Math.min(score, 0.4);
    score += e;
    features.identifier = e;
    explanations.push({
      feature: 'identifier',
      effect: round(e),
      detail: 'different vessel identifier (IMO/MMSI)',
    });
  }
  for (const detail of ev.matchedIds) explanations.push({ feature: 'identifier', effect: 0, detail });
  return { score: round(score), features, explanations, compatible: true };
}

/** Scores a query (schema + FtM properties) against an entity's schema and properties. */
export function score(
  query: { schema: string; properties: Record<string, string[]> },
  entity: { schema: string; properties: Record<string, string[]> },
): ScoreOutcome {
  return scorePrepared(
    prepareParty(query.schema, query.properties),
    prepareParty(entity.schema, entity.properties),
  );
}

export interface CompareResult {
  score: number;
  match: boolean;
  explanations: Explanation[];
}

/** Scores two property sets of one schema against each other (`a` read as the query, `b` as the listing). */
export function compare(
  schema: string,
  a: Record<string, string[]>,
  b: Record<string, string[]>,
  threshold = DEFAULT_THRESHOLD,
): CompareResult {
  const r = score({ schema, properties: a }, { schema, properties: b });
  return { score: r.score, match: r.compatible && r.score >= threshold, explanations: r.explanations };
}
