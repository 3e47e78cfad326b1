import { pipeline, Readable } from 'node:stream';
import { type CsvError, parse as csvParse } from 'csv-parse';
import { countryCode as lookupCountry } from '../ftm/countries.ts';
import { addValues, type FtmEntity, newEntity, slug } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import { clean, MAX_FIELD_CHARS } from './text.ts';
import type { ByteSource, ListImporter, ListRecord, ParseContext, ParseEvent } from './types.ts';

/**
 * UK OFSI Consolidated List of Financial Sanctions Targets, `ConList.csv`: a `Last Updated,<dd/mm/yyyy>` line,
 * a header row, then one row per name of a target (`Alias Type` Primary name / AKA / FKA / ...), the rows of a
 * target sharing a `Group ID`. Columns are found by header name, so added or reordered columns (the ship
 * columns of newer files) are fine.
 *
 * Grouping needs a target's rows to be near each other: OFSI publishes them adjacent. Up to
 * OPEN_GROUP_WINDOW targets are kept open, which absorbs local reordering; a Group ID that comes back after its
 * target was emitted is an error, because merging it would mean holding the whole file in memory.
 */

const AUTHORITY = 'UK Office of Financial Sanctions Implementation (HM Treasury)';
const OPEN_GROUP_WINDOW = 64;
const MAX_ROWS_PER_GROUP = 5000;

/** Header names compared without case, spaces or punctuation: `Current owner/operator (s)` = `...operator(s)`. */
const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const REQUIRED_COLUMNS = ['Group ID', 'Group Type', 'Name 6', 'Regime'];
const NAME_COLUMNS = ['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6'].map(columnKey);
const ADDRESS_COLUMNS = ['Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5', 'Address 6'].map(
  columnKey,
);

const SCHEMA_BY_GROUP_TYPE: Record<string, string> = {
  individual: 'Person',
  entity: 'Organization',
  ship: 'Vessel',
};

const REGIME_CODES: Record<string, string> = {
  [columnKey("Democratic People's Republic of Korea")]: 'uk-dprk',
};

/** The regime code for a regime name as OFSI writes it. */
export function ukRegimeCode(regime: string): string {
  return REGIME_CODES[columnKey(regime)] ?? `uk-${slug(regime)}`;
}

const ALL = undefined;
const LEGAL = new Set(['Person', 'Organization']);
const ORG_OR_SHIP = new Set(['Organization', 'Vessel']);
const LEGAL_OR_SHIP = new Set(['Person', 'Organization', 'Vessel']);
const SHIP = new Set(['Vessel']);
const PERSON = new Set(['Person']);

type FieldKind = 'text' | 'country' | 'countries' | 'imo' | 'number' | 'year' | 'names' | 'gender' | 'list';

/**
 * Fields that come as dedicated columns in newer files and as `(Label):value` segments of `Other Information`
 * in older ones: FtM property, the schemata that have it (others get a note), and how to read the value.
 */
const FIELDS: Record<string, { label: string; prop: string; schemata?: Set<string>; kind: FieldKind }> = {};
const field = (label: string, prop: string, schemata: Set<string> | undefined, kind: FieldKind) => {
  FIELDS[columnKey(label)] = { label, prop, schemata, kind };
};
field('IMO number', 'imoNumber', ORG_OR_SHIP, 'imo');
field('Current owner/operator (s)', 'notes', ALL, 'text');
field('Previous owner/operator (s)', 'notes', ALL, 'text');
field('Current believed flag of ship', 'flag', SHIP, 'country');
field('Previous flags', 'pastFlags', SHIP, 'countries');
field('Type of ship', 'type', SHIP, 'text');
field('Tonnage of ship', 'tonnage', SHIP, 'number');
field('Length of ship', 'notes', ALL, 'text');
field('Year Built', 'buildDate', SHIP, 'year');
field('Hull identification number (HIN)', 'registrationNumber', SHIP, 'text');
field('Previous names', 'previousName', ALL, 'names');
field('Phone number', 'phone', LEGAL, 'list');
field('Email address', 'email', LEGAL, 'list');
field('Website', 'website', LEGAL, 'list');
field('Business registration number (s)', 'registrationNumber', LEGAL_OR_SHIP, 'list');
field('Type of entity', 'notes', ALL, 'text');
field('Parent company', 'notes', ALL, 'text');
field('Subsidiaries', 'notes', ALL, 'text');
field('Gender', 'gender', PERSON, 'gender');

/** `(UK Sanctions List Ref):RUS0296. (UN Ref):KPi.033 (UK Statement of Reasons):...` */
const SEGMENT_KEY = /\(((?:[^()]|\([^()]*\))+)\)\s*:/g;
const IMO_IN_TEXT = /\bIMO\b[^0-9]{0,20}(\d{7})\b/i;

// Every alias row repeats the target's countries; the lookup is worth remembering.
const countryMemo = new Map<string, string | undefined>();
function countryCode(name: string): string | undefined {
  if (countryMemo.has(name)) return countryMemo.get(name);
  const code = lookupCountry(name);
  if (countryMemo.size < 4096) countryMemo.set(name, code);
  return code;
}

/** Enumerated values: `(1) 123 (2) 456`. */
function splitEnumerated(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/\s*\(\d{1,2}\)\s*/)
    .map((part) => part.replace(/^[,;\s]+|[,;\s]+$/g, ''))
    .filter((part) => part !== '');
}

const trimPunctuation = (value: string): string => value.replace(/[\s.;,]+$/, '');

/** `dd/mm/yyyy`, `00` for an unknown day or month; ISO, partial where partial. */
function ukDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value.trim());
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
  if (year === '0000' || month > 12 || day > 31) return undefined;
  if (month === 0) return year;
  const mm = String(month).padStart(2, '0');
  if (day === 0) return `${year}-${mm}`;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

interface Row {
  cells: string[];
  line: number;
}

interface Group {
  id: string;
  rows: Row[];
}

class Columns {
  readonly index = new Map<string, number>();
  constructor(header: string[]) {
    header.forEach((name, i) => {
      const key = columnKey(name);
      if (key !== '' && !this.index.has(key)) this.index.set(key, i);
    });
  }
  has(key: string): boolean {
    return this.index.has(key);
  }
  private readonly keys = new Map<string, string>();
  get(row: Row, name: string): string | undefined {
    let key = this.keys.get(name);
    if (key === undefined) {
      key = columnKey(name);
      this.keys.set(name, key);
    }
    const i = this.index.get(key);
    return i === undefined ? undefined : clean(row.cells[i]);
  }
  getKey(row: Row, key: string): string | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : clean(row.cells[i]);
  }
}

function applyField(entity: FtmEntity, key: string, value: string): boolean {
  const spec = FIELDS[key];
  if (spec === undefined) return false;
  const note = () => addValues(entity, 'notes', `${spec.label}: ${value}`);
  if (spec.prop === 'notes' || (spec.schemata && !spec.schemata.has(entity.schema))) {
    note();
    return true;
  }
  const values: string[] = [];
  switch (spec.kind) {
    case 'text':
      values.push(trimPunctuation(value));
      break;
    case 'list':
      values.push(...value.split(/\s*[;,]\s*|\s+and\s+/).map(trimPunctuation));
      break;
    case 'names':
      values.push(...splitEnumerated(value).map(trimPunctuation));
      break;
    case 'imo':
      for (const m of value.matchAll(/\b(\d{7})\b/g)) values.push(m[1]);
      break;
    case 'number': {
      const m = /\d[\d,]*(?:\.\d+)?/.exec(value);
      if (m) values.push(m[0].replace(/,/g, ''));
      break;
    }
    case 'year': {
      const m = /\b(1[89]\d\d|20\d\d)\b/.exec(value);
      if (m) values.push(m[1]);
      break;
    }
    case 'gender': {
      const g = value.toLowerCase();
      if (g === 'male' || g === 'female') values.push(g);
      break;
    }
    case 'country':
    case 'countries': {
      const parts =
        spec.kind === 'country' ? [trimPunctuation(value)] : splitEnumerated(value).map(trimPunctuation);
      for (const part of parts) {
        const code = countryCode(part);
        if (code) values.push(code);
        else addValues(entity, 'notes', `${spec.label}: ${part}`);
      }
      break;
    }
  }
  if (values.length === 0 && spec.kind !== 'country' && spec.kind !== 'countries') note();
  addValues(entity, spec.prop, ...values);
  return true;
}

/** Pulls the labelled segments out of `Other Information`; returns the sanction facts and the rest as text. */
function applyOtherInformation(entity: FtmEntity, sanction: FtmEntity, text: string): void {
  const matches = [...text.matchAll(SEGMENT_KEY)];
  const rest: string[] = [];
  let cursor = 0;
  let pendingKey: string | undefined;
  let pendingRaw = '';
  const flush = (end: number) => {
    const value = clean(text.slice(cursor, end));
    if (pendingKey === undefined) {
      if (value) rest.push(value);
      return;
    }
    if (value === undefined) return;
    if (pendingKey === 'uksanctionslistref' || pendingKey === 'unref') {
      // A reference is one token; free text often follows it without a label.
      const [ref, ...more] = value.split(' ');
      addValues(sanction, pendingKey === 'unref' ? 'unscId' : 'authorityId', trimPunctuation(ref));
      if (more.length > 0) rest.push(more.join(' '));
    } else if (pendingKey === 'ukstatementofreasons') addValues(sanction, 'reason', value);
    else if (!applyField(entity, pendingKey, value)) rest.push(`${pendingRaw}${value}`);
  };
  for (const m of matches) {
    const key = columnKey(m[1]);
    const known =
      FIELDS[key] || key === 'uksanctionslistref' || key === 'unref' || key === 'ukstatementofreasons';
    if (!known) continue;
    flush(m.index);
    pendingKey = key;
    pendingRaw = m[0];
    cursor = m.index + m[0].length;
  }
  flush(text.length);
  addValues(entity, 'notes', rest.join(' ') || undefined);
  if (entity.schema !== 'Person' && !entity.properties.imoNumber) {
    const imo = IMO_IN_TEXT.exec(text);
    if (imo) addValues(entity, 'imoNumber', imo[1]);
  }
}

function buildRecord(group: Group, columns: Columns, ctx: ParseContext): ListRecord {
  const first = group.rows[0];
  const where = `line ${first.line}`;
  // Alias rows sometimes leave the type blank; the first row that states it decides.
  const groupType = group.rows.map((row) => columns.get(row, 'Group Type')).find(Boolean);
  const schema = SCHEMA_BY_GROUP_TYPE[groupType?.toLowerCase() ?? ''];
  if (schema === undefined) {
    throw new InputFormatError(
      ctx.file,
      where,
      `Group ID ${group.id}: Group Type "${groupType ?? ''}" is not Individual, Entity or Ship`,
    );
  }
  for (const row of group.rows) {
    const other = columns.get(row, 'Group Type');
    if (other !== undefined && other.toLowerCase() !== groupType?.toLowerCase()) {
      throw new InputFormatError(
        ctx.file,
        `line ${row.line}`,
        `Group ID ${group.id} is "${groupType}" at line ${first.line} but "${other}" here`,
      );
    }
  }
  const isPerson = schema === 'Person';
  const entity = newEntity(`uk-${slug(group.id)}`, schema);
  const sanction = newEntity(`${entity.id}-sanction`, 'Sanction');
  const adjuncts: FtmEntity[] = [];
  addValues(entity, 'topics', 'sanction');
  addValues(sanction, 'entity', entity.id);
  addValues(sanction, 'authority', AUTHORITY);

  applyNames(entity, group, columns);

  const regimes: string[] = [];
  const listed: string[] = [];
  const designated: string[] = [];
  const updated: string[] = [];
  const addresses = new Map<string, FtmEntity>();
  for (const row of group.rows) {
    const regime = columns.get(row, 'Regime');
    if (regime) {
      const code = ukRegimeCode(regime);
      if (!regimes.includes(code)) regimes.push(code);
      addValues(sanction, 'program', regime);
    }
    const dateOf = (column: string, into: string[]) => {
      const raw = columns.get(row, column);
      const iso = ukDate(raw);
      if (iso) into.push(iso);
      else if (raw) addValues(sanction, 'description', `${column}: ${raw}`);
    };
    dateOf('Listed On', listed);
    dateOf('UK Sanctions List Date Designated', designated);
    dateOf('Last Updated', updated);

    if (isPerson) {
      addValues(entity, 'title', ...splitEnumerated(columns.get(row, 'Title')));
      const dob = columns.get(row, 'DOB');
      const birthDate = ukDate(dob);
      if (birthDate) addValues(entity, 'birthDate', birthDate);
      else if (dob) addValues(entity, 'notes', `DOB: ${dob}`);
      const town = columns.get(row, 'Town of Birth');
      const birthCountry = columns.get(row, 'Country of Birth');
      addValues(entity, 'birthPlace', [town, birthCountry].filter(Boolean).join(', ') || undefined);
      if (birthCountry) addValues(entity, 'birthCountry', countryCode(birthCountry));
      for (const nationality of splitEnumerated(columns.get(row, 'Nationality'))) {
        const code = countryCode(nationality);
        if (code) addValues(entity, 'nationality', code);
        else addValues(entity, 'notes', `Nationality: ${nationality}`);
      }
      addValues(entity, 'position', ...splitEnumerated(columns.get(row, 'Position')));
    } else {
      addValues(entity, 'notes', columns.get(row, 'Position'));
    }

    addDocuments(
      entity,
      adjuncts,
      'passport',
      columns.get(row, 'Passport Number'),
      columns.get(row, 'Passport Details'),
    );
    addDocuments(
      entity,
      adjuncts,
      'identification',
      columns.get(row, 'National Identification Number'),
      columns.get(row, 'National Identification Details'),
    );

    const lines = ADDRESS_COLUMNS.map((key) => columns.getKey(row, key));
    const postcode = columns.get(row, 'Post/Zip Code');
    const countryText = columns.get(row, 'Country');
    const country = countryText ? countryCode(countryText) : undefined;
    addValues(entity, 'country', country);
    const full = [...lines, postcode, countryText].filter(Boolean).join(', ');
    if (lines.some(Boolean) || postcode) {
      if (!addresses.has(full)) {
        const address = newEntity(`${entity.id}-address-${addresses.size + 1}`, 'Address');
        addValues(address, 'full', full);
        addValues(address, 'street', lines[0]);
        addValues(address, 'street2', lines[1]);
        addValues(address, 'postalCode', postcode);
        addValues(address, 'country', country);
        addresses.set(full, address);
        adjuncts.push(address);
        addValues(entity, 'address', full);
        addValues(entity, 'addressEntity', address.id);
      }
    } else if (countryText && !country) {
      addValues(entity, 'notes', `Country: ${countryText}`);
    }

    for (const key of columns.index.keys()) {
      if (!FIELDS[key]) continue;
      const value = columns.getKey(row, key);
      if (value) applyField(entity, key, value);
    }
    const other = columns.get(row, 'Other Information');
    if (other) applyOtherInformation(entity, sanction, other);
  }
  addValues(sanction, 'listingDate', listed.sort()[0]);
  addValues(sanction, 'startDate', designated.sort()[0]);
  addValues(sanction, 'modifiedAt', updated.sort().at(-1));

  return { entity, adjuncts: [sanction, ...adjuncts], sourceRef: group.id, location: where, regimes };
}

function applyNames(entity: FtmEntity, group: Group, columns: Columns): void {
  const isPerson = entity.schema === 'Person';
  const named = group.rows
    .map((row) => {
      const parts = NAME_COLUMNS.map((key) => columns.getKey(row, key));
      return {
        row,
        parts,
        full: clean(parts.filter(Boolean).join(' ')),
        type: columns.get(row, 'Alias Type')?.toLowerCase() ?? '',
        quality: columns.get(row, 'Alias Quality')?.toLowerCase() ?? '',
      };
    })
    .filter((n) => n.full !== undefined);
  const primary = named.find((n) => n.type === 'primary name') ?? named[0];
  for (const n of named) {
    let property: string;
    if (n === primary) property = 'name';
    else if (n.type === 'fka' || n.type.startsWith('formerly')) property = 'previousName';
    else if (n.quality === 'low') property = 'weakAlias';
    else property = 'alias';
    addValues(entity, property, n.full);
  }
  if (primary && isPerson) {
    // Name 1 is a given name and Name 6 the family name; Names 2-5 mix given names and patronymics.
    addValues(entity, 'firstName', primary.parts[0]);
    addValues(entity, 'lastName', primary.parts[5]);
  }
  for (const row of group.rows) addValues(entity, 'alias', columns.get(row, 'Name Non-Latin Script'));
}

function addDocuments(
  entity: FtmEntity,
  adjuncts: FtmEntity[],
  kind: 'passport' | 'identification',
  numbers: string | undefined,
  details: string | undefined,
): void {
  const list = splitEnumerated(numbers);
  const detailList = splitEnumerated(details);
  list.forEach((number, i) => {
    const key = slug(number);
    if (key === '') return;
    const id = `${entity.id}-${kind}-${key}`;
    let doc = adjuncts.find((a) => a.id === id);
    if (doc === undefined) {
      doc = newEntity(id, kind === 'passport' ? 'Passport' : 'Identification');
      adjuncts.push(doc);
    }
    addValues(doc, 'holder', entity.id);
    addValues(doc, 'number', number);
    if (kind === 'identification') addValues(doc, 'type', 'National identification number');
    addValues(doc, 'description', detailList.length === list.length ? detailList[i] : details);
    if (entity.schema === 'Person')
      addValues(entity, kind === 'passport' ? 'passportNumber' : 'idNumber', number);
    else if (entity.schema === 'Organization') addValues(entity, 'idNumber', number);
  });
  if (list.length === 0 && details)
    addValues(entity, 'notes', `${kind === 'passport' ? 'Passport' : 'ID'}: ${details}`);
}

/** The byte index of the first byte that cannot be UTF-8 in a chunk (approximate at a chunk's start). */
function invalidUtf8At(bytes: Uint8Array, continuing: boolean): number {
  let i = 0;
  if (continuing) while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++;
  while (i < bytes.length) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) return -1;
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}

/**
 * Strict UTF-8 (UTF-16 when a BOM says so). A file re-saved from Excel as Windows-1252 fails here with the
 * line of the first foreign byte, instead of turning accented names into replacement characters.
 */
async function* decodeCsvText(input: ByteSource, file: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let offset = 0;
  let line = 1;
  let first = true;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield first ? chunk.replace(/^\uFEFF/, '') : chunk;
      first = false;
      continue;
    }
    if (decoder === undefined) {
      const label =
        chunk[0] === 0xff && chunk[1] === 0xfe
          ? 'utf-16le'
          : chunk[0] === 0xfe && chunk[1] === 0xff
            ? 'utf-16be'
            : 'utf-8';
      decoder = new TextDecoder(label, { fatal: true });
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const at = Math.max(0, invalidUtf8At(chunk, offset > 0));
      let lineAt = line;
      for (let i = 0; i < at; i++) if (chunk[i] === 0x0a) lineAt++;
      const byte = chunk[at]?.toString(16).toUpperCase().padStart(2, '0');
      throw new InputFormatError(
        file,
        `line ${lineAt}, byte ${offset + at}`,
        `byte 0x${byte} is not valid ${decoder.encoding}: ConList.csv is published as UTF-8, and this file looks like ` +
          'Windows-1252/Latin-1 (e.g. re-saved by a spreadsheet); convert it to UTF-8 and import again',
      );
    }
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) line++;
    offset += chunk.byteLength;
    first = false;
    if (text) yield text;
  }
  if (decoder) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new InputFormatError(
        file,
        `line ${line}, byte ${offset}`,
        'file ends inside a UTF-8 character (truncated?)',
      );
    }
    if (tail) yield tail;
  }
}

function csvFailure(err: unknown, file: string, lineOffset: number): unknown {
  if (err instanceof InputFormatError) return err;
  const csv = err as Partial<CsvError> & { lines?: number };
  if (typeof csv.code === 'string' && csv.code.startsWith('CSV_')) {
    const hint =
      csv.code === 'CSV_QUOTE_NOT_CLOSED' || csv.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? ' (unbalanced quotes)'
        : csv.code === 'CSV_MAX_RECORD_SIZE'
          ? ` (a row longer than ${MAX_FIELD_CHARS} characters)`
          : '';
    const message = (csv.message ?? csv.code).replace(/ at line \d+/, '');
    return new InputFormatError(
      file,
      csv.lines ? `line ${csv.lines + lineOffset}` : undefined,
      `malformed CSV${hint}: ${message}`,
    );
  }
  return err;
}

/**
 * Takes the `Last Updated,<date>` banner off the front of the text, so that the CSV parser's first record is the
 * header and every row after it has the header's width (rows of another width cost csv-parse an error object
 * each, a tenfold slowdown).
 */
async function* splitBanner(
  text: AsyncIterable<string>,
  onBanner: (cells: string[]) => void,
): AsyncGenerator<string> {
  let head = '';
  let decided = false;
  // The banner is one short unquoted line; anything else is passed on untouched for the CSV parser to judge.
  const takeBanner = (end: number): boolean => {
    const line = head
      .slice(0, end)
      .replace(/^\uFEFF/, '')
      .replace(/\r$/, '');
    const cells = line.split(',').map((c) => c.replace(/^\s*"|"\s*$/g, '').trim());
    if (columnKey(cells[0]) !== 'lastupdated' || cells.slice(2).some((c) => c !== '')) return false;
    onBanner(cells);
    return true;
  };
  for await (const chunk of text) {
    if (decided) {
      yield chunk;
      continue;
    }
    head += chunk;
    const newline = head.indexOf('\n');
    if (newline < 0 && head.length < 65536) continue;
    decided = true;
    if (newline >= 0 && takeBanner(newline)) head = head.slice(newline + 1);
    if (head) yield head;
  }
  if (!decided && head && !takeBanner(head.length)) yield head;
}

const looksLikeHeader = (cells: string[]): boolean => {
  const keys = new Set(cells.map(columnKey));
  return keys.has('groupid') && keys.has('name6');
};

export const ukOfsiCsvImporter: ListImporter = {
  source: 'uk',
  format: 'uk-ofsi-csv',

  detect(head: string): boolean {
    const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/, 2);
    if (/^"?Last Updated:?"?,\s*"?\d{1,2}\/\d{1,2}\/\d{4}/.test(lines[0])) return true;
    // Exact cell names: the FCDO "UK Sanctions List" CSV has `OFSI Group ID`, which is a different format.
    const cells = (line: string | undefined) =>
      (line ?? '').split(',').map((c) => c.replace(/^\s*"|"\s*$/g, '').trim());
    return lines.some((line) => {
      const c = cells(line);
      return c.includes('Group ID') && c.includes('Name 6');
    });
  },

  async *parse(input, ctx): AsyncGenerator<ParseEvent> {
    const parser = csvParse({
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_FIELD_CHARS,
    });
    let publishedAt: string | undefined;
    let bannerLines = 0;
    const onBanner = (banner: string[]) => {
      bannerLines = 1;
      const raw = clean(banner[1]);
      publishedAt = ukDate(raw);
      if (publishedAt === undefined || publishedAt.length !== 10) {
        throw new InputFormatError(
          ctx.file,
          'line 1',
          `"Last Updated" date "${raw ?? ''}" is not dd/mm/yyyy`,
        );
      }
    };
    // The pipeline carries decoding errors into the parser, so iterating it rejects with them.
    pipeline(Readable.from(splitBanner(decodeCsvText(input, ctx.file), onBanner)), parser, () => {});

    let columns: Columns | undefined;
    let headerWidth = 0;
    let previousEnd = 0;
    let previousEmpty = 0;
    const open = new Map<string, Group>();
    const emitted = new Map<string, number>(); // group id -> its first line, for the adjacency error
    let groupIdColumn = 0;

    try {
      for await (const { record: cells, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number; empty_lines: number };
      }>) {
        const line = bannerLines + previousEnd + 1 + (info.empty_lines - previousEmpty);
        previousEnd = info.lines;
        previousEmpty = info.empty_lines;
        if (columns === undefined) {
          if (!looksLikeHeader(cells)) {
            const missing = REQUIRED_COLUMNS.filter(
              (name) => !cells.map(columnKey).includes(columnKey(name)),
            );
            throw new InputFormatError(
              ctx.file,
              `line ${line}`,
              `not an OFSI ConList.csv header row: no ${missing.map((m) => `"${m}"`).join(', ')} column`,
            );
          }
          const found = new Columns(cells);
          for (const name of REQUIRED_COLUMNS) {
            if (!found.has(columnKey(name))) {
              throw new InputFormatError(ctx.file, `line ${line}`, `header has no "${name}" column`);
            }
          }
          columns = found;
          headerWidth = cells.length;
          groupIdColumn = found.index.get('groupid')!;
          yield {
            kind: 'meta',
            meta: { source: 'uk', format: 'uk-ofsi-csv', ...(publishedAt ? { publishedAt } : {}) },
          };
          continue;
        }
        if (cells.length !== headerWidth) {
          const extraEmpty =
            cells.length > headerWidth && cells.slice(headerWidth).every((c) => c.trim() === '');
          if (!extraEmpty) {
            throw new InputFormatError(
              ctx.file,
              `line ${line}`,
              `row has ${cells.length} fields but the header has ${headerWidth} (unbalanced quotes or a cut-off line?)`,
            );
          }
        }
        if (cells.every((c) => c.trim() === '')) continue;
        const groupId = clean(cells[groupIdColumn]);
        if (groupId === undefined || slug(groupId) === '') {
          throw new InputFormatError(
            ctx.file,
            `line ${line}`,
            `row has no usable "Group ID" ("${groupId ?? ''}")`,
          );
        }
        const row: Row = { cells, line };
        const group = open.get(groupId);
        if (group) {
          if (group.rows.length >= MAX_ROWS_PER_GROUP) {
            throw new InputFormatError(
              ctx.file,
              `line ${line}`,
              `Group ID ${groupId} has over ${MAX_ROWS_PER_GROUP} rows`,
            );
          }
          group.rows.push(row);
          continue;
        }
        const firstLine = emitted.get(groupId);
        if (firstLine !== undefined) {
          throw new InputFormatError(
            ctx.file,
            `line ${line}`,
            `rows of Group ID ${groupId} are not together (first seen at line ${firstLine}): the rows of a target ` +
              `must be adjacent, as OFSI publishes them; sort the file by Group ID`,
          );
        }
        open.set(groupId, { id: groupId, rows: [row] });
        if (open.size > OPEN_GROUP_WINDOW) {
          const [oldestId, oldest] = open.entries().next().value as [string, Group];
          open.delete(oldestId);
          emitted.set(oldestId, oldest.rows[0].line);
          yield { kind: 'record', record: buildRecord(oldest, columns, ctx) };
        }
      }
    } catch (err) {
      throw csvFailure(err, ctx.file, bannerLines);
    }
    if (columns === undefined) {
      throw new InputFormatError(
        ctx.file,
        bannerLines > 0 ? 'line 2' : undefined,
        bannerLines > 0 ? 'file ends before the header row' : 'empty file',
      );
    }
    for (const group of open.values()) yield { kind: 'record', record: buildRecord(group, columns, ctx) };
  },
};
