/**
 * Output records for `watchkeeper ais decode`: NDJSON (the typed record with receive time and source) and a
 * fixed-column CSV. Pure string building; the CLI batches the strings into large writes.
 */
import type { DecodedMessage } from './index.ts';

export type OutputFormat = 'ndjson' | 'csv';

/**
 * ISO form of a receive time, as JSON. Date#toISOString costs as much as the rest of a record, and receive
 * times advance slowly, so the text up to the second is kept and only the milliseconds are written anew.
 */
let lastSecond = Number.NaN;
let secondPrefix = '';
function isoJson(ms: number | null): string {
  if (ms === null) return 'null';
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    secondPrefix = `"${new Date(second * 1000).toISOString().slice(0, 20)}`;
  }
  const frac = ms - second * 1000;
  if (!Number.isInteger(frac)) return `"${new Date(ms).toISOString()}"`;
  return `${secondPrefix}${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}Z"`;
}

/**
 * One NDJSON line: `{"receivedAt":ISO|null,"source":station|null,<the typed record's fields>}`. Built by
 * splicing the record's own JSON rather than spreading it into a new object (the hot path of the command).
 */
export function ndjsonLine(m: DecodedMessage): string {
  const source = m.source === null ? 'null' : JSON.stringify(m.source);
  return `{"receivedAt":${isoJson(m.receivedAt)},"source":${source},${JSON.stringify(m.data).slice(1)}\n`;
}

/**
 * The CSV columns: positions (1/2/3, 4/11, 9, 18, 19, 21, 27) and static fields (5, 19, 21, 24) in one
 * layout; a field a type does not have is empty, as is a null ("not available") value. `name` is the ship
 * name (5, 19, 24 A) or the aid-to-navigation name (21). Raw types (6, 8, …) give their armoured payload.
 */
export const CSV_COLUMNS = [
  'receivedAt',
  'source',
  'type',
  'mmsi',
  'repeat',
  'part',
  'status',
  'lon',
  'lat',
  'speed',
  'course',
  'heading',
  'turn',
  'accuracy',
  'second',
  'imo',
  'callsign',
  'name',
  'shiptype',
  'toBow',
  'toStern',
  'toPort',
  'toStarboard',
  'draught',
  'destination',
  'etaMonth',
  'etaDay',
  'etaHour',
  'etaMinute',
  'payload',
] as const;

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\n`;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') {
    // AIS 6-bit text can hold `"` and `,`
    return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }
  return String(v);
}

export function csvLine(m: DecodedMessage): string {
  const d = m.data as unknown as Record<string, unknown>;
  let out = m.receivedAt === null ? '' : new Date(m.receivedAt).toISOString();
  out += `,${csvCell(m.source)}`;
  for (let i = 2; i < CSV_COLUMNS.length; i++) {
    const col = CSV_COLUMNS[i];
    const v = col === 'name' ? (d.shipname ?? d.name) : d[col];
    out += `,${csvCell(v)}`;
  }
  return `${out}\n`;
}
