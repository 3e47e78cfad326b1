/**
 * From stored listings to the screening index: each listing's designated entity, with the identifiers and
 * programmes its adjuncts carry folded into its properties, so the matcher sees one flat property set.
 */
import type { FtmEntity } from '../ftm/types.ts';
import { DATASETS } from '../lists/datasets.ts';
import type { RecordData } from '../lists/record.ts';
import type { Engine } from '../store/engine.ts';
import { iterateCurrentRecords } from '../store/lists.ts';
import { ScreeningIndex } from './matcher.ts';
import type { IndexedEntity } from './types.ts';

export interface EntityMeta {
  /** Content hash of the listing. */
  hash: string;
  /** The dataset the listing is on (`un`, `ofac-sdn`, ...). */
  dataset: string;
}

/** Adjunct property -> the designated entity's property it is folded into. */
const FOLD: Record<string, Array<readonly [string, string]>> = {
  Passport: [['number', 'passportNumber']],
  Identification: [['number', 'idNumber']],
  Sanction: [
    ['program', 'program'],
    ['programId', 'programId'],
  ],
};

function push(props: Record<string, string[]>, prop: string, value: string): void {
  const list = props[prop];
  if (!list) props[prop] = [value];
  else if (!list.includes(value)) list.push(value);
}

export function entityFromRecord(data: RecordData, meta: EntityMeta): IndexedEntity {
  const e: FtmEntity = data.entity;
  const properties: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(e.properties)) properties[k] = [...v];
  for (const a of data.adjuncts) {
    for (const [from, to] of FOLD[a.schema] ?? []) {
      for (const v of a.properties[from] ?? []) push(properties, to, v);
    }
  }
  return {
    id: e.id,
    schema: e.schema,
    caption: e.properties.name?.[0] ?? e.properties.alias?.[0] ?? data.sourceRef,
    properties,
    datasets: [meta.dataset],
    sourceRef: data.sourceRef,
    regimes: data.regimes,
    hash: meta.hash,
  };
}

/** The index over every dataset's current listings in the store. */
export async function buildIndexFromStore(store: Engine): Promise<ScreeningIndex> {
  const index = new ScreeningIndex();
  for (const dataset of DATASETS) {
    for await (const r of iterateCurrentRecords(store, { dataset })) {
      // An id on two datasets (OFAC SDN and non-SDN share an id space) is indexed once, with both datasets.
      const existing = index.get(r.entityId);
      if (existing) {
        if (!existing.datasets.includes(dataset)) existing.datasets.push(dataset);
        continue;
      }
      index.add(entityFromRecord(r.data as RecordData, { hash: r.hash, dataset }));
    }
  }
  return index;
}
