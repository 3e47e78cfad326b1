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

/** Content hash of a listing: changes exactly when anything the list says about it changes. */
export function contentHash(data: RecordData): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 32);
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
 * Lower-cased names and identifiers for substring search, plus `ref:<id> ` tokens for every other listing this
 * one points at (an owner, a linked company), so "who refers to X" is one indexed-text query.
 */
export function searchText(data: RecordData): string {
  const parts: string[] = [data.sourceRef.toLowerCase(), data.entity.id];
  const own = data.entity.id;
  for (const e of [data.entity, ...data.adjuncts]) {
    for (const p of NAME_PROPS) for (const v of e.properties[p] ?? []) parts.push(v.toLowerCase());
    for (const p of ID_PROPS) for (const v of e.properties[p] ?? []) parts.push(v.toLowerCase());
    for (const p of ENTITY_REF_PROPS) {
      for (const v of e.properties[p] ?? [])
        if (v !== own && !v.startsWith(`${own}-`)) parts.push(`ref:${v}`);
    }
  }
  return `${parts.join(' ')} `;
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
