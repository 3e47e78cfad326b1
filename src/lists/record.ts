import { createHash } from 'node:crypto';
import type { FtmEntity } from '../ftm/types.ts';
import type { ListRecord } from './types.ts';

/** What is stored for a listing: the record without its file position, which moves between versions. */
export interface RecordData {
  entity: FtmEntity;
  adjuncts: FtmEntity[];
  regimes: string[];
  sourceRef: string;
}

export function recordData(record: ListRecord): RecordData {
  return {
    entity: record.entity,
    adjuncts: record.adjuncts,
    regimes: record.regimes,
    sourceRef: record.sourceRef,
  };
}

/** Canonical JSON: object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Content hash of a listing: changes exactly when anything the list says about it changes. Values are
 * multi-valued sets and adjuncts are keyed by id, so a list re-ordering them is not a change (the field diff
 * compares the same way).
 */
export function contentHash(data: RecordData): string {
  const entity = (e: FtmEntity) => ({
    id: e.id,
    schema: e.schema,
    properties: Object.fromEntries(Object.entries(e.properties).map(([k, v]) => [k, [...v].sort()])),
  });
  const normal = {
    entity: entity(data.entity),
    adjuncts: data.adjuncts.map(entity).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    regimes: [...data.regimes].sort(),
    sourceRef: data.sourceRef,
  };
  return createHash('sha256').update(canonicalJson(normal)).digest('hex').slice(0, 32);
}

const NAME_PROPS = [
  'name',
  'alias',
  'weakAlias',
  'previousName',
  'firstName',
  'middleName',
  'lastName',
  'fatherName',
];
const ID_PROPS = [
  'imoNumber',
  'mmsi',
  'callSign',
  'passportNumber',
  'idNumber',
  'registrationNumber',
  'taxNumber',
  'innCode',
  'ogrnCode',
  'swiftBic',
  'number',
  'serialNumber',
];
/** FtM properties of entity type: a value is another entity's id. */
export const ENTITY_REF_PROPS = [
  'entity',
  'owner',
  'asset',
  'holder',
  'subject',
  'object',
  'person',
  'relative',
  'director',
  'organization',
  'parent',
  'child',
  'member',
  'associate',
];

export function caption(entity: FtmEntity, fallback: string): string {
  return entity.properties.name?.[0] ?? entity.properties.alias?.[0] ?? fallback;
}

/**
 * Words for browsing search: lower case, accents and punctuation dropped (`KIM, Jong-Un` -> kim jong un,
 * `KPi.033` -> kpi 033). Queries go through the same function, so `jong-un` finds `Jong Un`.
 */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The searchable words of a listing (names, identifiers, its reference), space-delimited so a term can be
 * matched at a word start, then `ref:<id> ` tokens for every other listing this one points at (an owner, a
 * linked company), so "who refers to X" is one text query.
 */
export function searchText(data: RecordData): string {
  const words = new Set<string>([...searchTokens(data.sourceRef), ...searchTokens(data.entity.id)]);
  const refs = new Set<string>();
  const own = data.entity.id;
  for (const e of [data.entity, ...data.adjuncts]) {
    for (const p of [...NAME_PROPS, ...ID_PROPS]) {
      for (const v of e.properties[p] ?? []) for (const w of searchTokens(v)) words.add(w);
    }
    for (const p of ENTITY_REF_PROPS) {
      for (const v of e.properties[p] ?? []) if (v !== own && !v.startsWith(`${own}-`)) refs.add(`ref:${v}`);
    }
  }
  return ` ${[...words].join(' ')} ${[...refs].join(' ')} `;
}

/** The date the listing was made, from its Sanction adjunct. */
export function listedOn(data: RecordData): string | null {
  for (const a of data.adjuncts) {
    if (a.schema === 'Sanction') {
      const d = a.properties.listingDate?.[0] ?? a.properties.startDate?.[0];
      if (d) return d;
    }
  }
  return null;
}
