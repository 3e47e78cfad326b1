import { stringify } from 'csv-stringify/sync';
import { iterateCurrentRecords } from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { listFilter } from './datasets.ts';
import type { RecordData } from './record.ts';

export type ExportFormat = 'ftm' | 'csv';

/**
 * FtM JSON lines: one entity per line (designated entities and their adjuncts), with `datasets` naming the
 * list, the form OpenSanctions and Aleph tooling load.
 */
export async function* exportFtm(store: Store, list?: string): AsyncGenerator<string> {
  for await (const r of iterateCurrentRecords(store, listFilter(list))) {
    const data = r.data as RecordData;
    for (const e of [data.entity, ...data.adjuncts]) {
      yield `${JSON.stringify({ id: e.id, schema: e.schema, properties: e.properties, datasets: [r.source], referents: [] })}\n`;
    }
  }
}

export const CSV_COLUMNS = [
  'id',
  'schema',
  'name',
  'aliases',
  'birth_date',
  'countries',
  'identifiers',
  'regimes',
  'source',
  'source_ref',
  'listed_on',
] as const;

const join = (values: Array<string | undefined>) => values.filter(Boolean).join('; ');

/** One CSV row per designated entity, multi-valued fields joined with `; `. */
export async function* exportCsv(store: Store, list?: string): AsyncGenerator<string> {
  yield stringify([[...CSV_COLUMNS]]);
  for await (const r of iterateCurrentRecords(store, listFilter(list))) {
    const data = r.data as RecordData;
    const p = data.entity.properties;
    const ids = [
      ...(p.imoNumber ?? []).map((v) => `IMO ${v}`),
      ...(p.mmsi ?? []).map((v) => `MMSI ${v}`),
      ...(p.callSign ?? []).map((v) => `call sign ${v}`),
      ...(p.passportNumber ?? []).map((v) => `passport ${v}`),
      ...(p.idNumber ?? []).map((v) => `id ${v}`),
      ...(p.registrationNumber ?? []).map((v) => `registration ${v}`),
    ];
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: r.entityId,
      schema: r.schema,
      name: r.caption,
      aliases: join([
        ...(p.name ?? []).slice(1),
        ...(p.alias ?? []),
        ...(p.weakAlias ?? []),
        ...(p.previousName ?? []),
      ]),
      birth_date: join(p.birthDate ?? []),
      countries: join([
        ...new Set([
          ...(p.nationality ?? []),
          ...(p.citizenship ?? []),
          ...(p.country ?? []),
          ...(p.flag ?? []),
        ]),
      ]),
      identifiers: join(ids),
      regimes: r.regimes.join('; '),
      source: r.source,
      source_ref: r.sourceRef,
      listed_on: r.listedOn ?? '',
    };
    yield stringify([CSV_COLUMNS.map((c) => row[c])]);
  }
}

/** Current entities of one list (`un`, `ofac` for both OFAC lists, `ofac-sdn`, `ofac-cons`, ...) or all. */
export function exportRecords(store: Store, format: ExportFormat, list?: string): AsyncGenerator<string> {
  return format === 'csv' ? exportCsv(store, list) : exportFtm(store, list);
}
