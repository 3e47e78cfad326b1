import type { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { checkQuery } from './query.ts';
import type { ScreeningAlgorithm, ScreeningService } from './service.ts';
import type { ScreeningQuery } from './types.ts';

/** Input columns we understand (case and punctuation aside), and the query property each fills. */
const COLUMN_PROPS: Record<string, string> = {
  name: 'name',
  fullname: 'name',
  alias: 'alias',
  dob: 'birthDate',
  birthdate: 'birthDate',
  dateofbirth: 'birthDate',
  nationality: 'nationality',
  country: 'country',
  gender: 'gender',
  imo: 'imoNumber',
  imonumber: 'imoNumber',
  mmsi: 'mmsi',
  callsign: 'callSign',
  callsignnumber: 'callSign',
  passport: 'passportNumber',
  passportnumber: 'passportNumber',
  idnumber: 'idNumber',
  nationalid: 'idNumber',
};
const SCHEMA_COLUMNS = new Set(['schema', 'type', 'entitytype']);
const SCHEMAS: Record<string, string> = {
  person: 'Person',
  individual: 'Person',
  company: 'Company',
  organization: 'Organization',
  organisation: 'Organization',
  entity: 'LegalEntity',
  vessel: 'Vessel',
  ship: 'Vessel',
  airplane: 'Airplane',
  aircraft: 'Airplane',
  thing: 'Thing',
};
const key = (h: string) => h.toLowerCase().replace(/[^a-z]/g, '');

export const RESULT_COLUMNS = [
  'match_count',
  'top_id',
  'top_name',
  'top_score',
  'top_match',
  'top_lists',
  'top_reference',
  'top_explanation',
  'error',
] as const;

export interface BatchSummary {
  rows: number;
  matched: number;
  errors: number;
}

/** A query from one CSV row, or the reason the row cannot be screened. */
export function rowQuery(row: Record<string, string>, defaultSchema: string): ScreeningQuery | string {
  const properties: Record<string, string[]> = {};
  let schema = defaultSchema;
  for (const [col, raw] of Object.entries(row)) {
    const value = raw?.trim();
    if (!value) continue;
    const k = key(col);
    if (SCHEMA_COLUMNS.has(k)) {
      const s = SCHEMAS[key(value)];
      if (!s)
        return `unknown type ${JSON.stringify(value)} (use person, company, organization, vessel, airplane)`;
      schema = s;
      continue;
    }
    const prop = COLUMN_PROPS[k];
    if (!prop) continue;
    if (value.length > 1024) return `${col} is longer than 1024 characters`;
    const v = value;
    if (properties[prop]) properties[prop].push(v);
    else properties[prop] = [v];
  }
  if (
    !properties.name &&
    !properties.imoNumber &&
    !properties.mmsi &&
    !properties.passportNumber &&
    !properties.callSign
  ) {
    return 'no name (or IMO, MMSI, call sign, passport) in this row';
  }
  return checkQuery({ schema, properties });
}

/**
 * Screens a CSV of names row by row, streaming: each input row is written out with the top hit beside it
 * (or the row's error), so a million rows need no more memory than one. Header: the input's, plus
 * RESULT_COLUMNS.
 */
export async function screenCsv(
  service: ScreeningService,
  input: Readable,
  output: Writable,
  opts: {
    schema?: string;
    threshold?: number;
    dataset?: string;
    algorithm?: ScreeningAlgorithm;
    onRow?: (rows: number) => void;
  } = {},
): Promise<BatchSummary> {
  const parser = input.pipe(
    parse({
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // Room for a hostile 10 MB cell: the row gets its own error instead of ending the batch.
      max_record_size: 16 << 20,
      // A malformed record (a stray quote) becomes an error row; the rows after it are still screened.
      skip_records_with_error: true,
    }),
  );
  const summary: BatchSummary = { rows: 0, matched: 0, errors: 0 };
  let header: string[] | undefined;
  const write = async (text: string) => {
    if (!output.write(text)) await new Promise<void>((r) => output.once('drain', () => r()));
  };
  const skipped: string[] = [];
  parser.on('skip', (err: Error) => skipped.push(err.message));
  // Records csv-parse could not read (a stray quote, a wrong column count) come out as rows whose error
  // column says why, in input order.
  const flushSkipped = async () => {
    while (skipped.length && header) {
      summary.rows++;
      summary.errors++;
      const cells = [...header.map(() => ''), ...RESULT_COLUMNS.map(() => '')];
      cells[cells.length - 1] = `unreadable CSV record: ${skipped.shift()}`;
      await write(stringify([cells]));
    }
  };
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (!header) {
      header = Object.keys(row);
      const known = header.map((h) => COLUMN_PROPS[key(h)]).filter(Boolean);
      if (
        !known.some((p) => ['name', 'imoNumber', 'mmsi', 'passportNumber', 'callSign', 'alias'].includes(p))
      ) {
        throw new Error(
          `no column to screen on: the header needs one of name, full_name, imo, mmsi, call_sign, passport (found: ${header.join(', ')})`,
        );
      }
      await write(stringify([[...header, ...RESULT_COLUMNS]]));
    }
    await flushSkipped();
    summary.rows++;
    const q = rowQuery(row, opts.schema ?? 'Thing');
    let result: string[];
    if (typeof q === 'string') {
      summary.errors++;
      result = ['', '', '', '', '', '', '', '', q];
    } else {
      const hits = (
        await service.screen(q, {
          threshold: opts.threshold,
          limit: 5,
          dataset: opts.dataset,
          algorithm: opts.algorithm,
        })
      ).filter((h) => !h.suppressed);
      const matches = hits.filter((h) => h.match);
      const top = hits[0];
      if (matches.length > 0) summary.matched++;
      result = top
        ? [
            String(matches.length),
            top.id,
            top.caption,
            top.score.toFixed(3),
            top.match ? 'true' : 'false',
            top.datasets.join(' '),
            top.sourceRef,
            top.explanations.map((e) => `${e.feature}: ${e.detail}`).join('; '),
            '',
          ]
        : ['0', '', '', '', 'false', '', '', '', ''];
    }
    await write(stringify([[...header.map((h) => row[h] ?? ''), ...result]]));
    opts.onRow?.(summary.rows);
  }
  await flushSkipped();
  return summary;
}
