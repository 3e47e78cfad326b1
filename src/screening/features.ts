/**
 * What the matcher compares, prepared once: an entity's (or a query's) names as weighted tokens in every
 * latin reading, its identifiers normalised, birth dates, countries and gender. Entities are prepared when
 * the index is built, so a query only prepares itself.
 */
import { countryCode } from '../ftm/countries.ts';
import {
  abbreviateLegalForms,
  isCommonNameElement,
  isCompanyWord,
  isParticle,
  isStopWord,
  isTitle,
  latinize,
  legalForm,
  nameTokens,
  normalize,
  numberWordsToDigits,
  spellDigitsInWords,
  tokenKey,
} from './names.ts';

export type NameKind = 'name' | 'alias' | 'weakAlias' | 'previousName';

export interface PreparedToken {
  /** Normalised latin form. */
  text: string;
  /** Phonetic/equivalence key (Ri = Lee = Yi, ...). */
  key: string;
  /** How much the token says about identity: ordinary words 1, company/stop words and numbers low. */
  weight: number;
  /** A single letter: may stand for any token starting with it. */
  initial: boolean;
  /** An organisation's legal form (`Ltd`, `JSC`): its canonical abbreviation and family ('' generic). */
  form?: string;
  family?: string;
}

export interface PreparedName {
  kind: NameKind;
  /** The name as written on the list / in the query. */
  original: string;
  tokens: PreparedToken[];
  /** A Hangul or Chinese-character name also as its syllables (characters), one token each: two names in
   * the same such script are compared there, syllable by syllable (김정은 ≠ 김종은, though both read
   * `kim chong un` in McCune–Reischauer). Shared by every reading of the name; `primary` marks the first. */
  native?: { script: string; tokens: PreparedToken[] };
  primary: boolean;
}

export type IdKind = 'imo' | 'mmsi' | 'callSign' | 'document' | 'registration';

export interface PreparedParty {
  schema: string;
  names: PreparedName[];
  /** Normalised identifiers by kind. */
  ids: Map<IdKind, Set<string>>;
  /** Birth dates as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  birthDates: string[];
  countries: Set<string>;
  genders: Set<string>;
}

/** Name properties and how far each is trusted: a weak alias is a loose nickname, so it counts for less. */
export const NAME_PROPS: ReadonlyArray<readonly [string, NameKind]> = [
  ['name', 'name'],
  ['alias', 'alias'],
  ['previousName', 'previousName'],
  ['weakAlias', 'weakAlias'],
];
/** A weak alias (FtM `weakAlias`; OFAC's low-quality a.k.a.s such as `Ali Hassan`) is shared by many people:
 * even a perfect match on one stays below the default threshold unless other evidence (birth date,
 * nationality, an identifier) agrees. */
export const NAME_KIND_FACTOR: Record<NameKind, number> = {
  name: 1,
  alias: 1,
  previousName: 1,
  weakAlias: 0.65,
};

const ID_PROPS: ReadonlyArray<readonly [string, IdKind]> = [
  ['imoNumber', 'imo'],
  ['mmsi', 'mmsi'],
  ['callSign', 'callSign'],
  ['passportNumber', 'document'],
  ['idNumber', 'document'],
  ['registrationNumber', 'registration'],
  ['taxNumber', 'registration'],
  ['innCode', 'registration'],
  ['ogrnCode', 'registration'],
  ['leiCode', 'registration'],
  ['swiftBic', 'registration'],
];

const COUNTRY_PROPS = ['nationality', 'citizenship', 'country', 'birthCountry', 'jurisdiction', 'flag'];

const LOW_WEIGHT = 0.2;
const NUMBER_WEIGHT = 0.35;

const INITIAL_WEIGHT = 0.5;
/** Muhammad, Ahmad, Abd: shared by millions, so they count for less than other name parts. */
const COMMON_WEIGHT = 0.7;

function tokenWeight(t: string): number {
  if (/\d/.test(t)) return NUMBER_WEIGHT;
  if (t.length === 1) return INITIAL_WEIGHT;
  if (isCompanyWord(t) || isStopWord(t) || isParticle(t) || legalForm(t)) return LOW_WEIGHT;
  if (isCommonNameElement(t)) return COMMON_WEIGHT;
  return 1;
}

/** A word that can carry a name: not a legal form (`Ltd`, `Co`) or a function word. (`Trading Company`
 * still names something; `Co., Ltd.` does not.) */
function isNameWord(t: string): boolean {
  return !legalForm(t) && !isStopWord(t);
}

/** `a b c` -> `abc`: an organisation's letters written apart (`A.B.C.`, `p.l.c.`) are one acronym. */
function joinLetterRuns(texts: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const t of texts) {
    if (t.length === 1) {
      run += t;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(t);
  }
  if (run) out.push(run);
  return out;
}

/**
 * Every latin reading of a name as weighted tokens (a Hangul name may read several ways). For
 * organisations, runs of single letters are joined into an acronym; for people they stay initials.
 */
export function prepareName(original: string, kind: NameKind, person = true): PreparedName[] {
  const out: PreparedName[] = [];
  const seen = new Set<string>();
  const native = nativeSyllables(original);
  for (const variant of latinize(original)) {
    let texts = spellDigitsInWords(nameTokens(variant).filter((t) => t.length > 0));
    // Titles and ranks (Dr, Sheikh, Colonel) are not part of who a person is; a name of nothing else keeps them.
    if (person && texts.some(isTitle) && !texts.every(isTitle)) texts = texts.filter((t) => !isTitle(t));
    if (!person) texts = numberWordsToDigits(abbreviateLegalForms(joinLetterRuns(texts)));
    if (texts.length === 0) continue;
    // Only legal forms and function words (`Ltd`, `Co.`, `The`) name nothing: matching on them is noise.
    if (!texts.some(isNameWord)) continue;
    const sig = texts.join(' ');
    if (seen.has(sig)) continue;
    seen.add(sig);
    let tokens: PreparedToken[] = texts.map((text) => {
      const token: PreparedToken = {
        text,
        key: tokenKey(text),
        weight: tokenWeight(text),
        initial: text.length === 1 && /\p{L}/u.test(text),
      };
      const lf = person ? undefined : legalForm(text);
      if (lf) {
        token.form = lf.form;
        token.family = lf.family;
      }
      return token;
    });
    // A name made only of low-weight words ("Trading Company") still has to be matched on those words.
    if (tokens.every((t) => t.weight < 1)) tokens = tokens.map((t) => ({ ...t, weight: 1 }));
    out.push({ kind, original: unquoted(original), tokens, native, primary: out.length === 0 });
  }
  return out;
}

/** `"KOMID"` -> `KOMID`: lists put quotes around some aliases; they are no part of the name. (Matching never
 * sees them: normalize turns them into spaces. This is for the name shown in explanations.) */
function unquoted(name: string): string {
  return name.trim().replace(/^["“”„«»]+\s*([^"“”„«»]*?)\s*["“”„«»]+$/u, '$1') || name;
}

const HANGUL_SYLLABLE = /^[\uac00-\ud7a3]+$/u;
const HAN_CHARACTER = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/u;

/** A name written wholly in Hangul or in Chinese characters, as one token per syllable (character). */
function nativeSyllables(original: string): PreparedName['native'] {
  const compact = normalize(original).replaceAll(' ', '');
  const script = HANGUL_SYLLABLE.test(compact) ? 'hangul' : HAN_CHARACTER.test(compact) ? 'han' : undefined;
  if (!script) return undefined;
  const tokens = [...compact].map((text) => ({ text, key: text, weight: 1, initial: false }));
  return { script, tokens };
}

/** `Al-Qa'ida/Islamic Army`: names written as alternatives; each is a name too (`A/S` is not two names). */
function slashAlternatives(name: string): string[] {
  if (!name.includes('/')) return [name];
  const parts = name.split('/').map((p) => p.trim());
  if (parts.some((p) => normalize(p).replaceAll(' ', '').length < 3)) return [name];
  // `XYZ I/E Co., Ltd.` is one name (import/export): a side with no word of a name of its own (`E Co.,
  // Ltd.`) is not an alternative name.
  const hasNameWord = (p: string) => nameTokens(p).some((t) => t.length > 1 && isNameWord(t));
  if (!parts.every(hasNameWord)) return [name];
  return [name, ...parts];
}

/** Identifier as compared: upper case, letters and digits only; IMO numbers without the `IMO` prefix. */
export function normalizeId(kind: IdKind, raw: string): string | undefined {
  let v = raw.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (kind === 'imo') v = v.replace(/^IMO/, '');
  if (kind === 'imo' && !/^\d{7}$/.test(v)) return undefined;
  if (kind === 'mmsi' && !/^\d{9}$/.test(v)) return undefined;
  // Short numbers collide by chance across lists; they are not evidence of identity.
  if (v.length < (kind === 'callSign' ? 4 : 5)) return undefined;
  return v;
}

/** `1969-7-16` -> `1969-07-16`; `1961` stays; anything without a plausible year is dropped. */
export function normalizeDate(raw: string): string | undefined {
  const m = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(raw);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1800 || year > 2100) return undefined;
  let out = m[1];
  if (m[2]) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return out;
    out += `-${m[2].padStart(2, '0')}`;
    if (m[3]) {
      const day = Number(m[3]);
      if (day >= 1 && day <= 31) out += `-${m[3].padStart(2, '0')}`;
    }
  }
  return out;
}

function normalizeGender(raw: string): string | undefined {
  const g = raw.trim().toLowerCase();
  if (g === 'male' || g === 'm') return 'male';
  if (g === 'female' || g === 'f') return 'female';
  return undefined;
}

/** Prepares the comparable facts of a property set (a query or an entity). */
export function prepareParty(
  schema: string,
  properties: Record<string, string[] | undefined>,
  opts: { nameProps?: ReadonlyArray<readonly [string, NameKind]> } = {},
): PreparedParty {
  const names: PreparedName[] = [];
  const seenNames = new Set<string>();
  for (const [prop, kind] of opts.nameProps ?? NAME_PROPS) {
    for (const value of properties[prop] ?? []) {
      if (typeof value !== 'string') continue;
      for (const raw of slashAlternatives(value))
        for (const n of prepareName(raw, kind, schema !== 'Vessel' && !isOrganisation(schema))) {
          const sig = n.tokens.map((t) => t.text).join(' ');
          if (seenNames.has(sig)) continue;
          seenNames.add(sig);
          names.push(n);
        }
    }
  }
  const ids = new Map<IdKind, Set<string>>();
  for (const [prop, kind] of ID_PROPS) {
    // Shipping-company "IMO numbers" are company numbers, never a ship's: only a vessel's IMO identifies it.
    if (kind === 'imo' && schema !== 'Vessel') continue;
    for (const raw of properties[prop] ?? []) {
      const v = typeof raw === 'string' ? normalizeId(kind, raw) : undefined;
      if (!v) continue;
      const set = ids.get(kind);
      if (set) set.add(v);
      else ids.set(kind, new Set([v]));
    }
  }
  const birthDates: string[] = [];
  for (const raw of properties.birthDate ?? []) {
    const d = typeof raw === 'string' ? normalizeDate(raw) : undefined;
    if (d && !birthDates.includes(d)) birthDates.push(d);
  }
  const countries = new Set<string>();
  for (const prop of COUNTRY_PROPS) {
    for (const raw of properties[prop] ?? []) {
      const c = typeof raw === 'string' ? countryCode(raw) : undefined;
      if (c) countries.add(c);
    }
  }
  const genders = new Set<string>();
  for (const raw of properties.gender ?? []) {
    const g = typeof raw === 'string' ? normalizeGender(raw) : undefined;
    if (g) genders.add(g);
  }
  return { schema, names, ids, birthDates, countries, genders };
}

const ORG_SCHEMATA = new Set(['Organization', 'Company', 'PublicBody', 'LegalEntity']);

/** Whether a schema names an organisation (its names are read as firm names, legal forms and all). */
export function isOrganisation(schema: string): boolean {
  return ORG_SCHEMATA.has(schema);
}

/**
 * Whether a query of one schema may be the entity of another: a person is never a vessel, a company may be
 * listed as an organization, and the generic LegalEntity/Thing query matches what it could be.
 */
export function schemaCompatible(query: string, entity: string): boolean {
  if (query === entity || query === 'Thing') return true;
  if (query === 'LegalEntity') return entity === 'Person' || ORG_SCHEMATA.has(entity);
  if (ORG_SCHEMATA.has(query)) return ORG_SCHEMATA.has(entity);
  if (query === 'Person') return entity === 'LegalEntity';
  return false;
}
