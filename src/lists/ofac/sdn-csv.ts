/**
 * OFAC legacy CSV set -> FtM: `sdn.csv` (12 columns, no header), optionally with its companions `alt.csv`
 * (aliases), `add.csv` (addresses) and `sdn_comments.csv` (remarks that overflowed sdn.csv's 1000-character
 * Remarks field), which arrive as ParseContext.companions `alt`, `add`, `comments`.
 *
 * Joining: the companions are read first into Maps keyed by ent_num, then sdn.csv streams and each row picks
 * its aliases, addresses and remarks continuation from them. We load rather than sort-merge because the
 * companions are not guaranteed to be in sdn.csv's order (and sdn.csv is not sorted by ent_num either), they
 * are small (alt+add of the full list are a few MB), and a merge would need all four files sorted on disk.
 * Memory is bounded per listing (MAX_COMPANION_CHARS_PER_ENTRY) and by the companions' size overall.
 * Companion rows whose ent_num is not in sdn.csv are ignored (partial snapshots have them).
 *
 * Mapping: SDN_Type individual -> Person, vessel -> Vessel, aircraft -> Airplane, `-0-` (entity) -> Company when
 * the name ends in a legal form, else Organization (see build.ts). Names stay as listed (`KIM, Jong Un`) with
 * lastName/firstName split at the first comma. Remarks are parsed by remarks.ts. The file carries no
 * publication date: it is taken from the file name when that holds one (`sdn-2024-05-03.csv`), else left to
 * the caller (file mtime).
 */
import { InputFormatError } from '../errors.ts';
import type { ByteSource, ListImporter, ListRecord, ParseContext, ParseEvent } from '../types.ts';
import { addAlias, aliasProp, applyRemarks } from './apply.ts';
import { entitySchema, OfacRecordBuilder, splitPersonName } from './build.ts';
import { isNull, readCsvRows, value } from './csv.ts';
import { dateFromFileName } from './dates.ts';
import { applyDetail } from './details.ts';
import { splitPrograms } from './programs.ts';

const FORMAT = 'ofac-sdn-csv';
const SDN_COLUMNS = [
  'ent_num',
  'SDN_Name',
  'SDN_Type',
  'Program',
  'Title',
  'Call_Sign',
  'Vess_type',
  'Tonnage',
  'GRT',
  'Vess_flag',
  'Vess_owner',
  'Remarks',
];
const SCHEMA_BY_TYPE: Record<string, string> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
};
/** The legacy Remarks field holds at most this many characters; longer remarks continue in sdn_comments.csv. */
const REMARKS_FIELD_LIMIT = 1000;
/** Most companion text (aliases, addresses, comments) one listing may carry before the file is called broken. */
export const MAX_COMPANION_CHARS_PER_ENTRY = 512 * 1024;

const COMPANION_FILES: Record<string, { file: string; columns: number }> = {
  alt: { file: 'alt.csv', columns: 5 },
  add: { file: 'add.csv', columns: 6 },
  comments: { file: 'sdn_comments.csv', columns: 2 },
};

interface Companions {
  alt: Map<string, string[][]>;
  add: Map<string, string[][]>;
  comments: Map<string, string>;
}

/** Splits one CSV line (quote-aware, enough for detection). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export const ofacSdnCsvImporter: ListImporter = {
  source: 'ofac',
  format: FORMAT,
  detect(head: string): boolean {
    const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const fields = splitCsvLine(line);
    if (fields.length !== SDN_COLUMNS.length || !/^\d+$/.test(fields[0].trim())) return false;
    const type = fields[2].trim().toLowerCase();
    return type === '-0-' || type in SCHEMA_BY_TYPE;
  },
  parse: parseSdnCsv,
};

async function* parseSdnCsv(input: ByteSource, ctx: ParseContext): AsyncGenerator<ParseEvent> {
  yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT, publishedAt: dateFromFileName(ctx.file) } };
  const companions = await loadCompanions(ctx);
  const seen = new Map<string, number>();
  for await (const row of readCsvRows(input, ctx.file)) {
    const where = `line ${row.line}`;
    if (row.fields.length !== SDN_COLUMNS.length) {
      throw new InputFormatError(
        ctx.file,
        where,
        `expected ${SDN_COLUMNS.length} columns (${SDN_COLUMNS.join(', ')}), found ${row.fields.length}`,
      );
    }
    const entNum = row.fields[0].trim();
    if (!/^\d+$/.test(entNum)) {
      throw new InputFormatError(
        ctx.file,
        where,
        `ent_num must be a number, found ${JSON.stringify(row.fields[0])}`,
      );
    }
    const first = seen.get(entNum);
    if (first !== undefined) {
      throw new InputFormatError(ctx.file, where, `ent_num ${entNum} appears twice (first on line ${first})`);
    }
    seen.set(entNum, row.line);
    yield { kind: 'record', record: buildRecord(row.fields, entNum, where, companions, ctx.file) };
  }
}

function buildRecord(f: string[], entNum: string, where: string, c: Companions, file: string): ListRecord {
  const name = value(f[1]);
  if (!name) throw new InputFormatError(file, where, `SDN_Name is empty for ent_num ${entNum}`);
  const type = value(f[2])?.toLowerCase();
  const schema = type === undefined ? entitySchema(name) : (SCHEMA_BY_TYPE[type] ?? 'LegalEntity');
  const b = new OfacRecordBuilder(entNum, schema);
  b.set('name', 'Name', name);
  if (type !== undefined && !(type in SCHEMA_BY_TYPE)) b.note(`SDN_Type: ${f[2].trim()}`);
  if (schema === 'Person') {
    const parts = splitPersonName(name);
    b.set('lastName', 'Last name', parts.lastName);
    b.set('firstName', 'First name', parts.firstName);
  }
  b.addPrograms(splitPrograms(value(f[3])));
  const vesselColumns: Array<[number, string]> = [
    [4, 'Title'],
    [5, 'Vessel Call Sign'],
    [6, 'Vessel Type'],
    [7, 'Vessel Tonnage'],
    [8, 'Vessel Gross Registered Tonnage'],
    [9, 'Vessel Flag'],
    [10, 'Vessel Owner'],
  ];
  for (const [i, label] of vesselColumns) {
    const v = value(f[i]);
    if (v) applyDetail(b, { label, value: v });
  }
  for (const alt of c.alt.get(entNum) ?? []) {
    const altName = value(alt[3]);
    if (!altName) continue;
    addAlias(b, aliasProp(value(alt[2]) ?? 'aka', false), altName);
    const remark = value(alt[4]);
    if (remark) b.note(`${altName}: ${remark}`);
  }
  for (const add of c.add.get(entNum) ?? []) {
    b.addAddress(add[1].trim(), {
      street: value(add[2]),
      city: value(add[3]),
      country: value(add[4]),
      remarks: value(add[5]),
    });
  }
  const remarks = value(f[11]);
  const continuation = c.comments.get(entNum);
  // The continuation resumes mid-word or after a space, so join the raw, untrimmed texts.
  const full = continuation ? `${remarks === undefined ? '' : f[11]}${continuation}` : remarks;
  const truncated =
    continuation === undefined &&
    remarks !== undefined &&
    remarks.length >= REMARKS_FIELD_LIMIT &&
    !remarks.endsWith('.');
  applyRemarks(b, full, { truncated });
  return b.build(where);
}

async function loadCompanions(ctx: ParseContext): Promise<Companions> {
  const out: Companions = { alt: new Map(), add: new Map(), comments: new Map() };
  for (const [role, open] of Object.entries(ctx.companions ?? {})) {
    const spec = COMPANION_FILES[role];
    if (!spec) continue;
    const file = `${spec.file} (companion of ${ctx.file})`;
    const sizes = new Map<string, number>();
    for await (const row of readCsvRows(open(), file)) {
      const where = `line ${row.line}`;
      if (row.fields.length !== spec.columns) {
        throw new InputFormatError(
          file,
          where,
          `expected ${spec.columns} columns, found ${row.fields.length}`,
        );
      }
      const entNum = row.fields[0].trim();
      if (!/^\d+$/.test(entNum)) {
        throw new InputFormatError(
          file,
          where,
          `ent_num must be a number, found ${JSON.stringify(row.fields[0])}`,
        );
      }
      const size = (sizes.get(entNum) ?? 0) + row.fields.reduce((n, v) => n + v.length, 0);
      if (size > MAX_COMPANION_CHARS_PER_ENTRY) {
        throw new InputFormatError(
          file,
          where,
          `more than ${MAX_COMPANION_CHARS_PER_ENTRY} characters for ent_num ${entNum}`,
        );
      }
      sizes.set(entNum, size);
      if (role === 'comments') {
        // A continuation row continues the text mid-word: join without a separator.
        if (!isNull(row.fields[1]))
          out.comments.set(entNum, (out.comments.get(entNum) ?? '') + row.fields[1]);
        continue;
      }
      const map = role === 'alt' ? out.alt : out.add;
      const rows = map.get(entNum);
      if (rows) rows.push(row.fields);
      else map.set(entNum, [row.fields]);
    }
  }
  return out;
}
