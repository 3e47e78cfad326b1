/**
 * CSV files of already-decoded AIS (NOAA MarineCadastre, Danish Maritime Authority, vendor exports, or any
 * layout described by a column mapping) → the same `Observation`s the NMEA path gives, streamed in bounded
 * memory. A bad row is counted by reason with its line number and never stops the file; a position is either
 * in range or rejected, never clamped.
 *
 * Rows are split into lines here and each line is one record: csv-parse (tried first) drops everything after
 * an unclosed quote or an over-long record, whereas per line a broken row costs that row only. AIS text
 * (6-bit ASCII) cannot hold a newline, so a quoted field never needs to span lines.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Observation, PositionObservation, StaticObservation } from './observation.ts';

export const CSV_FIELDS = [
  'mmsi',
  'time',
  'lat',
  'lon',
  'sog',
  'cog',
  'heading',
  'status',
  /** AIS message type of the row (a vendor `msgid` column). */
  'msgType',
  /** Transceiver / target class: `A`, `B`, `Class A`, `Base Station`, `AtoN`, `SAR Airborne`. */
  'mobileClass',
  'imo',
  'name',
  'callsign',
  /** AIS code (1–99) or a category name (`Tanker`, `LAW_ENFORCEMENT`, …). */
  'shipType',
  /** DMA `Cargo type` (`Category X` …): the hazard digit of a 2x/4x/6x/7x/8x/9x ship type. */
  'cargoType',
  /** Metres overall; else toBow + toStern. */
  'length',
  /** Metres; else toPort + toStarboard. */
  'beam',
  'draught',
  'destination',
  'eta',
  'toBow',
  'toStern',
  'toPort',
  'toStarboard',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/**
 * `auto`: unix seconds or milliseconds (by magnitude), ISO 8601, or `dd/mm/yyyy HH:MM[:SS]` (day first, as in
 * Europe: US month-first dates need `mdy`). A time without a zone is UTC.
 */
export type TimeFormat = 'auto' | 'iso' | 'dmy' | 'mdy' | 'epoch-s' | 'epoch-ms';
const TIME_FORMATS: readonly TimeFormat[] = ['auto', 'iso', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'];

/** Header names of the columns to read (at least mmsi, time, lat and lon), plus how to read them. */
export type ColumnMapping = Partial<Record<CsvField, string>> & {
  /** Default: guessed from the header line (`,` `;` tab `|`). */
  delimiter?: string;
  timeFormat?: TimeFormat;
};

/** `noaa` MarineCadastre; `dma` Danish Maritime Authority; `baltic-vendor` the `;` export with `msgid`/`targetType`; `generic` recognised by common column names; `mapped` from a ColumnMapping. */
export type CsvLayoutName = 'noaa' | 'dma' | 'baltic-vendor' | 'generic' | 'mapped';

export interface CsvLayout {
  name: CsvLayoutName;
  delimiter: string;
  /** The header cells as written. */
  header: string[];
  /** Column index of each field the layout has. */
  columns: Partial<Record<CsvField, number>>;
  timeFormat: TimeFormat;
}

/** The header does not fit a known layout, or a mapping names columns the header lacks. */
export class CsvLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvLayoutError';
  }
}

/** Why a row gave no observation at all. */
export type CsvRejection = 'malformed' | 'tooLong' | 'badMmsi' | 'badTime' | 'badPosition';
const REJECTIONS: readonly CsvRejection[] = ['malformed', 'tooLong', 'badMmsi', 'badTime', 'badPosition'];
const FIRST_LINES_KEPT = 5;

export interface CsvSummary {
  layout: CsvLayout;
  /** Lines in the file (header and blank lines included). */
  lines: number;
  /** Data rows: non-blank lines after the header. */
  rows: number;
  positions: number;
  statics: number;
  /** Distinct MMSIs among the observations. */
  vessels: number;
  /** Rows without a position (empty, or the 91/181 "not available"); their identity may still give a static. */
  noPosition: number;
  /** Values of optional fields that could not be read (SOG `abc`): the row is kept, the field is null. */
  unreadableFields: number;
  /** Ship type texts with no AIS code (kept as null), counted per identity read; at most 50 distinct. */
  unmappedShipTypes: Record<string, number>;
  rejected: Record<CsvRejection, number>;
  /** The first line numbers rejected for each reason. */
  firstRejectedLines: Record<CsvRejection, number[]>;
}

/** Which static observations to emit. `changes` (default): a vessel's identity when it differs from the last one emitted for that MMSI in this file. */
export type StaticsMode = 'changes' | 'all' | 'none';

export interface CsvReadOptions {
  mapping?: ColumnMapping;
  statics?: StaticsMode;
  /** Lines longer than this (characters) are rejected as `tooLong` without being kept. Default 64 KiB. */
  maxLineLength?: number;
  /** Called after each input chunk with the bytes read so far (progress bars). */
  onBytes?: (bytesRead: number) => void;
}

/** The consumer of observations. Returning a promise holds reading until it settles (a transaction batch). */
export type ObservationSink = (o: Observation) => void | Promise<void>;

export const DEFAULT_CSV_LINE_CAP = 64 * 1024;

// ----------------------------------------------------------------------------------------------------------
// Layouts

/** Header cell → comparison key: `# Timestamp` → `timestamp`, `base_date_time` → `basedatetime`. */
function columnKey(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^#\s*/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

type FieldNames = Partial<Record<CsvField, readonly string[]>>;

interface LayoutSpec {
  name: CsvLayoutName;
  /** Column keys whose presence identifies the layout. */
  signature: readonly string[];
  fields: FieldNames;
  timeFormat: TimeFormat;
}

const LAYOUTS: readonly LayoutSpec[] = [
  {
    name: 'noaa',
    signature: ['mmsi', 'basedatetime'],
    timeFormat: 'iso',
    fields: {
      mmsi: ['mmsi'],
      time: ['basedatetime'],
      lat: ['lat', 'latitude'],
      lon: ['lon', 'longitude'],
      sog: ['sog'],
      cog: ['cog'],
      heading: ['heading'],
      status: ['status'],
      name: ['vesselname'],
      imo: ['imo'],
      callsign: ['callsign'],
      shipType: ['vesseltype'],
      length: ['length'],
      beam: ['width'],
      draught: ['draft'],
      mobileClass: ['transceiverclass', 'transceiver'],
    },
  },
  {
    name: 'dma',
    signature: ['timestamp', 'typeofmobile', 'mmsi'],
    timeFormat: 'dmy',
    fields: {
      time: ['timestamp'],
      mobileClass: ['typeofmobile'],
      mmsi: ['mmsi'],
      lat: ['latitude'],
      lon: ['longitude'],
      status: ['navigationalstatus'],
      sog: ['sog'],
      cog: ['cog'],
      heading: ['heading'],
      imo: ['imo'],
      callsign: ['callsign'],
      name: ['name'],
      shipType: ['shiptype'],
      cargoType: ['cargotype'],
      beam: ['width'],
      length: ['length'],
      draught: ['draught'],
      destination: ['destination'],
      eta: ['eta'],
      // DMA's C is starboard and D port (the sum is what is kept)
      toBow: ['a', 'sizea'],
      toStern: ['b', 'sizeb'],
      toStarboard: ['c', 'sizec'],
      toPort: ['d', 'sized'],
    },
  },
  {
    name: 'baltic-vendor',
    signature: ['timestamppretty', 'msgid', 'targettype', 'mmsi'],
    // `timestamp` (unix ms) is sometimes written in scientific notation (1.522551e+12); the pretty one never is
    timeFormat: 'dmy',
    fields: {
      time: ['timestamppretty'],
      msgType: ['msgid'],
      mobileClass: ['targettype'],
      mmsi: ['mmsi'],
      lat: ['lat'],
      lon: ['long'],
      sog: ['sog'],
      cog: ['cog'],
      shipType: ['shiptype'],
      toBow: ['dimbow'],
      toStern: ['dimstern'],
      toPort: ['dimport'],
      toStarboard: ['dimstarboard'],
      draught: ['draught'],
      imo: ['imo'],
      name: ['name'],
      callsign: ['callsign'],
    },
  },
];

/** Unambiguous common names, for a layout not listed above. */
const GENERIC: LayoutSpec = {
  name: 'generic',
  signature: [],
  timeFormat: 'auto',
  fields: {
    mmsi: ['mmsi'],
    time: ['timestamp', 'time', 'datetime', 'basedatetime', 'timestamputc', 'datetimeutc', 'timeutc'],
    lat: ['lat', 'latitude'],
    lon: ['lon', 'long', 'longitude', 'lng'],
    sog: ['sog', 'speedoverground'],
    cog: ['cog', 'courseoverground'],
    heading: ['heading', 'trueheading'],
    status: ['navstatus', 'navigationalstatus', 'status'],
    msgType: ['msgtype', 'msgid', 'messagetype', 'messageid'],
    imo: ['imo', 'imonumber'],
    name: ['name', 'shipname', 'vesselname'],
    callsign: ['callsign'],
    shipType: ['shiptype', 'vesseltype'],
    length: ['length'],
    beam: ['width', 'beam'],
    draught: ['draught', 'draft'],
    destination: ['destination'],
    eta: ['eta'],
  },
};

const REQUIRED: readonly CsvField[] = ['mmsi', 'time', 'lat', 'lon'];

/** The delimiter of a header line: the most frequent of `,` `;` tab `|` outside quotes. */
function guessDelimiter(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = unquoted.split(d).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function resolve(
  name: CsvLayoutName,
  header: string[],
  fields: FieldNames,
  delimiter: string,
  timeFormat: TimeFormat,
): CsvLayout | null {
  const keys = header.map(columnKey);
  const columns: Partial<Record<CsvField, number>> = {};
  for (const field of CSV_FIELDS) {
    for (const candidate of fields[field] ?? []) {
      const i = keys.indexOf(candidate);
      if (i >= 0) {
        columns[field] = i;
        break;
      }
    }
  }
  if (REQUIRED.some((f) => columns[f] === undefined)) return null;
  return { name, delimiter, header, columns, timeFormat };
}

/**
 * The layout of a CSV from its header line: NOAA, DMA, the Baltic vendor export, else `generic` when the
 * header has unambiguous mmsi / time / latitude / longitude columns; null when it is none of these.
 */
export function detectCsvLayout(headerLine: string): CsvLayout | null {
  const line = headerLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const delimiter = guessDelimiter(line);
  const header = splitRow(line, delimiter);
  if (header === null) return null;
  const keys = new Set(header.map(columnKey));
  for (const spec of LAYOUTS) {
    if (spec.signature.every((k) => keys.has(k))) {
      const layout = resolve(spec.name, header, spec.fields, delimiter, spec.timeFormat);
      if (layout !== null) return layout;
    }
  }
  return resolve('generic', header, GENERIC.fields, delimiter, GENERIC.timeFormat);
}

/** The layout a mapping describes on this header; throws CsvLayoutError naming what is missing. */
export function mappedCsvLayout(headerLine: string, mapping: ColumnMapping): CsvLayout {
  const line = headerLine.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const delimiter = mapping.delimiter ?? guessDelimiter(line);
  const header = splitRow(line, delimiter);
  if (header === null) throw new CsvLayoutError('the header line has an unclosed quote');
  const missingField = REQUIRED.filter((f) => mapping[f] === undefined);
  if (missingField.length > 0) {
    throw new CsvLayoutError(`the column mapping needs ${missingField.join(', ')}`);
  }
  const fields: FieldNames = {};
  for (const field of CSV_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) fields[field] = [columnKey(column)];
  }
  const layout = resolve('mapped', header, fields, delimiter, mapping.timeFormat ?? 'auto');
  const keys = header.map(columnKey);
  const absent = CSV_FIELDS.filter((f) => mapping[f] !== undefined && !keys.includes(columnKey(mapping[f]!)));
  if (layout === null || absent.length > 0) {
    throw new CsvLayoutError(
      `the header has no column ${absent.map((f) => `"${mapping[f]}" (${f})`).join(', ')}; ` +
        `columns: ${header.join(', ')}`,
    );
  }
  return layout;
}

const DELIMITER_NAMES: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  pipe: '|',
  space: ' ',
};

/**
 * A mapping from its command-line form: `mmsi=ship_id,time=ts,lat=y,lon=x,timeFormat=dmy,delimiter=semicolon`.
 * Delimiters by name (comma, semicolon, tab, pipe, space) or as one character other than `,` `=`.
 */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new CsvLayoutError(`mapping entry "${part}" is not field=column`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (value === '') throw new CsvLayoutError(`mapping entry "${part}" has no column name`);
    if (key === 'delimiter') {
      const d = DELIMITER_NAMES[value.toLowerCase()] ?? value;
      if (d.length !== 1 || d === '"' || /[\r\n]/.test(d)) {
        throw new CsvLayoutError(`delimiter "${value}": one character, or comma/semicolon/tab/pipe/space`);
      }
      mapping.delimiter = d;
    } else if (key === 'timeFormat') {
      if (!TIME_FORMATS.includes(value as TimeFormat)) {
        throw new CsvLayoutError(`timeFormat "${value}": one of ${TIME_FORMATS.join(', ')}`);
      }
      mapping.timeFormat = value as TimeFormat;
    } else if ((CSV_FIELDS as readonly string[]).includes(key)) {
      mapping[key as CsvField] = value;
    } else {
      throw new CsvLayoutError(
        `unknown mapping field "${key}": one of ${CSV_FIELDS.join(', ')}, delimiter, timeFormat`,
      );
    }
  }
  return mapping;
}

// ----------------------------------------------------------------------------------------------------------
// One line → cells

/**
 * The cells of one CSV line, RFC 4180 quoting (`""` inside quotes); a quote inside an unquoted cell is kept as
 * text. Null when a quoted cell is not closed, or is followed by text before the delimiter.
 */
export function splitRow(line: string, delimiter: string): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const cells: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return null;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === n) return cells;
      if (line.startsWith(delimiter, i)) {
        i += delimiter.length;
        continue;
      }
      return null;
    }
    const d = line.indexOf(delimiter, i);
    if (d < 0) {
      cells.push(line.slice(i));
      return cells;
    }
    cells.push(line.slice(i, d));
    i = d + delimiter.length;
  }
}

// ----------------------------------------------------------------------------------------------------------
// Values

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Cell values meaning "not available" in text columns. */
const TEXT_NA = new Set(['', 'unknown', 'undefined', 'n/a', 'na', 'null', 'none', 'nan', '-']);

/** A number; null for an empty or "not available" cell (`NA`, `Unknown`); NaN for an unreadable one. A decimal comma is read when `,` is not the delimiter. */
function numberOf(cell: string | undefined, decimalComma: boolean): number | null {
  if (cell === undefined) return null;
  const s = cell.trim();
  if (s === '') return null;
  if (NUMBER.test(s)) return Number(s);
  if (decimalComma && s.includes(',')) {
    const dotted = s.replace(',', '.');
    if (NUMBER.test(dotted)) return Number(dotted);
  }
  return TEXT_NA.has(s.toLowerCase()) ? null : Number.NaN;
}

function textOf(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  const s = cell.trim();
  return TEXT_NA.has(s.toLowerCase()) ? null : s;
}

/** Letters and digits only, lower case: `Under way using engine` → `underwayusingengine`. */
function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const STATUS_TEXT: ReadonlyArray<[string, number]> = [
  ['underwayusingengine', 0],
  ['atanchor', 1],
  ['notundercommand', 2],
  ['restricted', 3],
  ['constrained', 4],
  ['moored', 5],
  ['aground', 6],
  ['engagedinfishing', 7],
  ['underwaysailing', 8],
  ['reservedforfutureamendmenthsc', 9],
  ['reservedforfutureamendmentwig', 10],
  ['powerdrivenvesseltowingastern', 11],
  ['powerdrivenvesselpushingahead', 12],
  ['reservedforfutureuse', 13],
  ['aissart', 14],
  // DMA writes status 15 ("not defined", the default a transponder sends) as "Unknown value"
  ['unknownvalue', 15],
  ['notdefined', 15],
];

/** Navigational status from a code (0–15) or its text (DMA); null when absent or not recognised. */
function statusOf(cell: string | undefined): number | null {
  if (cell === undefined) return null;
  const s = cell.trim();
  if (s === '') return null;
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n <= 15 ? n : null;
  }
  const k = key(s);
  for (const [prefix, code] of STATUS_TEXT) if (k.startsWith(prefix)) return code;
  return null;
}

/**
 * AIS ship type codes of category names (DMA `Tanker`, vendor `LAW_ENFORCEMENT`): the category's first code
 * (a tanker is 80, "all ships of this type"); the hazard digit comes from a cargo type column when there is one.
 */
const SHIP_TYPE_TEXT: Record<string, number> = {
  wig: 20,
  wingingroundeffect: 20,
  fishing: 30,
  towing: 31,
  towinglongwide: 32,
  dredging: 33,
  dredgingorunderwateroperations: 33,
  diving: 34,
  divingoperations: 34,
  military: 35,
  militaryoperations: 35,
  sailing: 36,
  pleasure: 37,
  pleasurecraft: 37,
  hsc: 40,
  highspeedcraft: 40,
  pilot: 50,
  pilotvessel: 50,
  sar: 51,
  searchandrescue: 51,
  searchandrescuevessel: 51,
  tug: 52,
  porttender: 53,
  antipollution: 54,
  antipollutionequipment: 54,
  lawenforcement: 55,
  medical: 58,
  medicaltransport: 58,
  notpartytoconflict: 59,
  shipsaccordingtorr: 59,
  noncombatant: 59,
  passenger: 60,
  cargo: 70,
  tanker: 80,
  other: 90,
  othertype: 90,
};
/** Category names meaning "no type". */
const SHIP_TYPE_NONE = new Set([
  '',
  'undefined',
  'unknown',
  'reserved',
  'notavailable',
  'na',
  'none',
  'null',
]);
/** The categories whose second digit is the hazard category. */
const HAZARD_CATEGORIES = new Set([20, 40, 60, 70, 80, 90]);
const CARGO_HAZARD: Record<string, number> = {
  categoryx: 1,
  hazardouscategorya: 1,
  categoryy: 2,
  hazardouscategoryb: 2,
  categoryz: 3,
  hazardouscategoryc: 3,
  categoryos: 4,
  hazardouscategoryd: 4,
};

type MobileClass = 'A' | 'B' | 'base' | 'aton' | 'sar' | null;

function mobileClassOf(cell: string | undefined): MobileClass {
  if (cell === undefined) return null;
  switch (key(cell)) {
    case 'a':
    case 'classa':
      return 'A';
    case 'b':
    case 'classb':
    case 'bso':
    case 'bcs':
      return 'B';
    case 'basestation':
      return 'base';
    case 'aton':
      return 'aton';
    case 'sarairborne':
      return 'sar';
    default:
      return null;
  }
}

const POSITION_TYPE_OF_CLASS: Record<string, number> = { A: 1, B: 18, base: 4, aton: 21, sar: 9 };
const STATIC_TYPE_OF_CLASS: Record<string, number> = { A: 5, B: 24, aton: 21 };

/** Times before AIS existed or far ahead are misread columns (seconds taken for ms, a date read wrong). */
const EARLIEST_TIME = Date.UTC(1995, 0, 1);
const LATEST_TIME = Date.UTC(2100, 0, 1);

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASH_TIME =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > 28 && day > daysInMonth(year, month)) return null;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function isoTime(s: string): number | null {
  const m = ISO_TIME.exec(s);
  if (m === null) return null;
  const t = utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6], m[7]);
  if (t === null) return null;
  const zone = m[8];
  if (zone === undefined || zone === 'Z' || zone === 'z' || zone.toUpperCase() === 'UTC') return t;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
  return t - sign * offset * 60000;
}

function slashTime(s: string, dayFirst: boolean): number | null {
  const m = SLASH_TIME.exec(s);
  if (m === null) return null;
  const day = dayFirst ? +m[1] : +m[2];
  const month = dayFirst ? +m[2] : +m[1];
  return utc(
    +m[3],
    month,
    day,
    m[4] === undefined ? 0 : +m[4],
    m[5] === undefined ? 0 : +m[5],
    m[6] === undefined ? 0 : +m[6],
    m[7],
  );
}

function epochTime(s: string, unit: 's' | 'ms' | 'auto'): number | null {
  if (!NUMBER.test(s)) return null;
  const n = Number(s);
  const ms = unit === 'ms' || (unit === 'auto' && Math.abs(n) >= 1e11) ? n : n * 1000;
  return Number.isFinite(ms) ? Math.round(ms) : null;
}

/** A time cell → ms since the epoch, or null when it is unreadable or implausible. */
function timeParser(format: TimeFormat): (cell: string) => number | null {
  const parse = (s: string): number | null => {
    switch (format) {
      case 'iso':
        return isoTime(s);
      case 'dmy':
        return slashTime(s, true);
      case 'mdy':
        return slashTime(s, false);
      case 'epoch-s':
        return epochTime(s, 's');
      case 'epoch-ms':
        return epochTime(s, 'ms');
      default:
        return NUMBER.test(s) ? epochTime(s, 'auto') : s.includes('/') ? slashTime(s, true) : isoTime(s);
    }
  };
  return (cell) => {
    const t = parse(cell.trim());
    return t === null || t < EARLIEST_TIME || t >= LATEST_TIME ? null : t;
  };
}

// ----------------------------------------------------------------------------------------------------------
// Rows → observations

const STATIC_MEMORY = 1 << 20;

/**
 * The row-by-row core, for callers that split lines themselves: `row()` gives the observations of one data
 * line. readPositionCsv() drives it from a byte stream.
 */
export class PositionCsvRows {
  readonly layout: CsvLayout;
  private readonly statics: StaticsMode;
  private readonly parseTime: (cell: string) => number | null;
  private readonly decimalComma: boolean;
  private readonly width: number;
  private readonly c: Partial<Record<CsvField, number>>;
  private readonly hasIdentity: boolean;
  /** The columns an identity is read from (and the class, which sets its message type). */
  private readonly identityColumns: number[];
  /** The raw identity cells last seen per MMSI (statics: 'changes'): an unchanged identity is not even parsed. */
  private readonly lastIdentity = new Map<number, string>();
  private readonly vesselSet = new Set<number>();
  private readonly counts = {
    lines: 0,
    rows: 0,
    positions: 0,
    statics: 0,
    noPosition: 0,
    unreadableFields: 0,
  };
  private readonly unmapped = new Map<string, number>();
  private readonly rejected: Record<CsvRejection, number>;
  private readonly firstRejected: Record<CsvRejection, number[]>;

  constructor(layout: CsvLayout, statics: StaticsMode = 'changes') {
    this.layout = layout;
    this.statics = statics;
    this.parseTime = timeParser(layout.timeFormat);
    this.decimalComma = layout.delimiter !== ',';
    this.width = layout.header.length;
    this.c = layout.columns;
    const identity: CsvField[] = [
      'imo',
      'name',
      'callsign',
      'shipType',
      'length',
      'beam',
      'draught',
      'destination',
      'eta',
      'toBow',
      'toStern',
      'toPort',
      'toStarboard',
    ];
    this.hasIdentity = identity.some((f) => layout.columns[f] !== undefined);
    this.identityColumns = [...identity, 'cargoType' as const, 'mobileClass' as const].flatMap((f) =>
      layout.columns[f] === undefined ? [] : [layout.columns[f]],
    );
    this.rejected = Object.fromEntries(REJECTIONS.map((r) => [r, 0])) as Record<CsvRejection, number>;
    this.firstRejected = Object.fromEntries(REJECTIONS.map((r) => [r, []])) as unknown as Record<
      CsvRejection,
      number[]
    >;
  }

  /** Counts a line that is not a data row (the header, a blank line) so that `lines` is the file's. */
  countLine(): void {
    this.counts.lines++;
  }

  reject(reason: CsvRejection, line: number): void {
    this.rejected[reason]++;
    const first = this.firstRejected[reason];
    if (first.length < FIRST_LINES_KEPT) first.push(line);
  }

  /** Rejects a line that was too long to read (it counts as a row). */
  tooLong(line: number): void {
    this.counts.lines++;
    this.counts.rows++;
    this.reject('tooLong', line);
  }

  private num(cells: string[], field: CsvField): number | null {
    const i = this.c[field];
    if (i === undefined) return null;
    const n = numberOf(cells[i], this.decimalComma);
    if (n !== null && Number.isNaN(n)) {
      this.counts.unreadableFields++;
      return null;
    }
    return n;
  }

  /** A number in [min, max) or null (sentinels such as heading 511, COG 360, SOG 102.3 fall outside). */
  private ranged(cells: string[], field: CsvField, min: number, max: number): number | null {
    const n = this.num(cells, field);
    return n === null || n < min || n >= max ? null : n;
  }

  /** Metres, 0 (unknown) → null. */
  private metres(cells: string[], field: CsvField): number | null {
    const n = this.num(cells, field);
    return n === null || !(n > 0) ? null : n;
  }

  private dimension(cells: string[], total: CsvField, a: CsvField, b: CsvField): number | null | undefined {
    if (this.c[total] !== undefined) {
      const n = this.metres(cells, total);
      if (n !== null || (this.c[a] === undefined && this.c[b] === undefined)) return n;
    }
    if (this.c[a] === undefined && this.c[b] === undefined) return undefined;
    const x = this.metres(cells, a) ?? 0;
    const y = this.metres(cells, b) ?? 0;
    return x + y > 0 ? x + y : null;
  }

  private text(cells: string[], field: CsvField): string | null | undefined {
    const i = this.c[field];
    return i === undefined ? undefined : textOf(cells[i]);
  }

  private shipType(cells: string[]): number | null | undefined {
    const i = this.c.shipType;
    if (i === undefined) return undefined;
    const cell = (cells[i] ?? '').trim();
    let code: number | null;
    if (/^\d+(?:\.0*)?$/.test(cell)) {
      const n = Math.trunc(Number(cell));
      code = n >= 1 && n <= 99 ? n : null;
    } else {
      const k = key(cell);
      code = SHIP_TYPE_TEXT[k] ?? null;
      if (code === null && !SHIP_TYPE_NONE.has(k) && !k.startsWith('spare')) {
        const seen = this.unmapped.get(cell);
        if (seen !== undefined) this.unmapped.set(cell, seen + 1);
        else if (this.unmapped.size < 50) this.unmapped.set(cell, 1);
      }
    }
    if (code !== null && HAZARD_CATEGORIES.has(code) && this.c.cargoType !== undefined) {
      code += CARGO_HAZARD[key(cells[this.c.cargoType] ?? '')] ?? 0;
    }
    return code;
  }

  private imo(cells: string[]): number | null | undefined {
    const i = this.c.imo;
    if (i === undefined) return undefined;
    const s = (cells[i] ?? '').trim().replace(/^imo\s*/i, '');
    if (!/^\d{1,10}$/.test(s)) {
      if (textOf(s) !== null) this.counts.unreadableFields++;
      return null;
    }
    const n = Number(s);
    return n > 0 && n < 2 ** 30 ? n : null;
  }

  /** ETA as `MM-DDTHH:MM` (the form of the NMEA path); from `dd/mm/yyyy HH:MM:SS`, ISO, or already in that form. */
  private eta(cells: string[]): string | null | undefined {
    const s = this.text(cells, 'eta');
    if (s === undefined || s === null) return s;
    if (/^\d\d-\d\dT\d\d:\d\d$/.test(s)) return s;
    const t = s.includes('/') ? slashTime(s, this.layout.timeFormat !== 'mdy') : isoTime(s);
    return t === null ? null : new Date(t).toISOString().slice(5, 16);
  }

  /** The observations of one data line (1-based `line` in the file). */
  row(text: string, line: number, emit: (o: Observation) => void): void {
    this.counts.lines++;
    const cells = splitRow(text, this.layout.delimiter);
    if (cells === null) {
      this.counts.rows++;
      this.reject('malformed', line);
      return;
    }
    if (cells.length === 1 && cells[0].trim() === '') return;
    this.counts.rows++;
    // a short row, or a long one with content past the header, has its columns shifted: every value suspect
    if (
      cells.length < this.width ||
      (cells.length > this.width && cells.slice(this.width).some((x) => x !== ''))
    ) {
      this.reject('malformed', line);
      return;
    }
    const c = this.c;
    const mmsiCell = cells[c.mmsi!].trim();
    const mmsi = /^\d{1,9}(?:\.0*)?$/.test(mmsiCell) ? Math.trunc(Number(mmsiCell)) : 0;
    if (mmsi <= 0) {
      this.reject('badMmsi', line);
      return;
    }
    const t = this.parseTime(cells[c.time!]);
    if (t === null) {
      this.reject('badTime', line);
      return;
    }
    const lat = numberOf(cells[c.lat!], this.decimalComma);
    const lon = numberOf(cells[c.lon!], this.decimalComma);
    let hasPosition = true;
    if (lat === null || lon === null || lat === 91 || lon === 181) hasPosition = false;
    else if (Number.isNaN(lat) || Number.isNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      this.reject('badPosition', line);
      return;
    }
    const mobileClass = c.mobileClass === undefined ? null : mobileClassOf(cells[c.mobileClass]);
    let emitted = false;
    if (hasPosition) {
      const rowType = this.num(cells, 'msgType');
      const msgType =
        rowType !== null && Number.isInteger(rowType) && rowType >= 1 && rowType <= 27
          ? rowType
          : mobileClass === null
            ? 0
            : POSITION_TYPE_OF_CLASS[mobileClass];
      const status =
        mobileClass === null || mobileClass === 'A' ? statusOf(this.cell(cells, 'status')) : null;
      const position: PositionObservation = {
        kind: 'position',
        mmsi,
        t,
        lat: lat as number,
        lon: lon as number,
        sog: this.ranged(cells, 'sog', 0, 102.3),
        cog: this.ranged(cells, 'cog', 0, 360),
        heading: this.ranged(cells, 'heading', 0, 360),
        status,
        msgType,
        line,
      };
      this.counts.positions++;
      emitted = true;
      emit(position);
    } else this.counts.noPosition++;
    if (this.hasIdentity && this.statics !== 'none') {
      const identity = this.identity(cells, mmsi, t, mobileClass, line);
      if (identity !== null) {
        this.counts.statics++;
        emitted = true;
        emit(identity);
      }
    }
    if (emitted) this.vesselSet.add(mmsi);
  }

  private cell(cells: string[], field: CsvField): string | undefined {
    const i = this.c[field];
    return i === undefined ? undefined : cells[i];
  }

  private identity(
    cells: string[],
    mmsi: number,
    t: number,
    mobileClass: MobileClass,
    line: number,
  ): StaticObservation | null {
    if (this.statics === 'changes') {
      let k = '';
      for (const i of this.identityColumns) k += `${cells[i]}\u0001`;
      if (this.lastIdentity.get(mmsi) === k) return null;
      // a bound on memory: forgetting costs only repeated statics
      if (this.lastIdentity.size >= STATIC_MEMORY) this.lastIdentity.clear();
      this.lastIdentity.set(mmsi, k);
    }
    const s: StaticObservation = {
      kind: 'static',
      mmsi,
      t,
      msgType: mobileClass === null ? 0 : (STATIC_TYPE_OF_CLASS[mobileClass] ?? 0),
      line,
    };
    const imo = this.imo(cells);
    const name = this.text(cells, 'name');
    const callsign = this.text(cells, 'callsign');
    const shipType = this.shipType(cells);
    const length = this.dimension(cells, 'length', 'toBow', 'toStern');
    const beam = this.dimension(cells, 'beam', 'toPort', 'toStarboard');
    const draught = this.c.draught === undefined ? undefined : this.metres(cells, 'draught');
    const destination = this.text(cells, 'destination');
    const eta = this.eta(cells);
    const values = [imo, name, callsign, shipType, length, beam, draught, destination, eta];
    if (values.every((v) => v === null || v === undefined)) return null;
    if (imo !== undefined) s.imo = imo;
    if (name !== undefined) s.name = name;
    if (callsign !== undefined) s.callsign = callsign;
    if (shipType !== undefined) s.shipType = shipType;
    if (length !== undefined) s.length = length;
    if (beam !== undefined) s.beam = beam;
    if (draught !== undefined) s.draught = draught;
    if (destination !== undefined) s.destination = destination;
    if (eta !== undefined) s.eta = eta;
    return s;
  }

  get summary(): CsvSummary {
    return {
      layout: this.layout,
      ...this.counts,
      vessels: this.vesselSet.size,
      unmappedShipTypes: Object.fromEntries(this.unmapped),
      rejected: { ...this.rejected },
      firstRejectedLines: Object.fromEntries(
        REJECTIONS.map((r) => [r, [...this.firstRejected[r]]]),
      ) as unknown as Record<CsvRejection, number[]>,
    };
  }
}

// ----------------------------------------------------------------------------------------------------------
// Streaming

/**
 * Reads a CSV of decoded AIS positions and calls `onObservation` for each observation, in file order. The
 * layout comes from `options.mapping`, else from the header (detectCsvLayout). Memory stays bounded by the
 * line cap whatever the input; when the sink returns a promise, reading waits for it.
 * Throws CsvLayoutError when the header is not recognised (nothing is emitted then).
 */
export async function readPositionCsv(
  input: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions,
  onObservation: ObservationSink,
): Promise<CsvSummary> {
  const cap = options.maxLineLength ?? DEFAULT_CSV_LINE_CAP;
  const decoder = new StringDecoder('utf8');
  let rows: PositionCsvRows | null = null;
  let lineNo = 0;
  let carry = '';
  /** Inside an over-long line, already counted: drop text up to the next newline. */
  let skipping = false;
  let bytes = 0;
  const pending: Observation[] = [];
  const collect = (o: Observation) => {
    pending.push(o);
  };

  /** One complete line (without `\n`); its observations wait in `pending` for the sink. */
  const onLine = (raw: string): void => {
    lineNo++;
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (rows === null) {
      if (lineNo === 1) text = text.replace(/^\uFEFF/, '');
      if (text.trim() === '') return;
      const layout =
        options.mapping === undefined ? detectCsvLayout(text) : mappedCsvLayout(text, options.mapping);
      if (layout === null) {
        throw new CsvLayoutError(
          `line ${lineNo}: not a known AIS positions CSV header (NOAA, DMA, or mmsi/time/lat/lon columns); ` +
            `give a column mapping. Header: ${text.slice(0, 300)}`,
        );
      }
      rows = new PositionCsvRows(layout, options.statics);
      for (let i = 0; i < lineNo; i++) rows.countLine();
      return;
    }
    rows.row(text, lineNo, collect);
  };

  const drain = async () => {
    for (let i = 0; i < pending.length; i++) {
      const r = onObservation(pending[i]);
      if (r !== undefined) await r;
    }
    pending.length = 0;
  };

  const tooLong = () => {
    lineNo++;
    if (rows === null) {
      throw new CsvLayoutError(`line ${lineNo}: header line longer than ${cap} characters`);
    }
    rows.tooLong(lineNo);
  };

  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    let start = 0;
    let nl = text.indexOf('\n');
    if (skipping) {
      if (nl < 0) {
        options.onBytes?.(bytes);
        continue;
      }
      skipping = false;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl >= 0) {
      if (carry !== '') {
        if (carry.length + (nl - start) > cap) tooLong();
        else onLine(carry + text.slice(start, nl));
        carry = '';
      } else if (nl - start > cap) tooLong();
      else onLine(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
      if (pending.length >= 1024) await drain();
    }
    if (start < text.length) {
      if (carry.length + (text.length - start) > cap) {
        tooLong();
        carry = '';
        skipping = true;
      } else carry += text.slice(start);
    }
    await drain();
    options.onBytes?.(bytes);
  }
  const rest = carry + decoder.end();
  if (!skipping && rest !== '') {
    if (rest.length > cap) tooLong();
    else onLine(rest);
  }
  await drain();
  if (rows === null) throw new CsvLayoutError('no header line: the input is empty');
  return (rows as PositionCsvRows).summary;
}
