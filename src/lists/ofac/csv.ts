import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { InputFormatError } from '../errors.ts';
import { decodeText } from '../text.ts';
import type { ByteSource } from '../types.ts';

/** The DOS end-of-file byte OFAC leaves on the files' last line. */
const DOS_EOF = String.fromCharCode(0x1a);

export interface CsvRow {
  fields: string[];
  /** 1-based line number where the row ends (OFAC rows are one line each). */
  line: number;
}

/** Longest CSV row we accept; OFAC rows are at most a few KiB, so anything near this is a broken file. */
export const MAX_ROW_CHARS = 1024 * 1024;

/** OFAC's null marker (`-0- `); the legacy files' truncated last rows also hold `-0`. */
export const isNull = (v: string | undefined): boolean => {
  const t = v?.trim();
  return t === undefined || t === '' || t === '-0-' || t === '-0';
};

export const value = (v: string | undefined): string | undefined => (isNull(v) ? undefined : v!.trim());

/**
 * Streams the rows of an OFAC legacy CSV file (no header, `"`-quoted, CRLF or LF, a DOS end-of-file byte
 * `\x1a` on the last line). CSV syntax errors become InputFormatError naming file and line.
 */
export async function* readCsvRows(input: ByteSource, file: string): AsyncGenerator<CsvRow> {
  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_CHARS,
    bom: true,
  });
  // pipeline() carries a decoding error from the source into the parser, so iteration below sees it.
  pipeline(Readable.from(decodeText(input, file)), parser, () => {});
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const fields = item.record;
      if (fields.length === 1 && fields[0].replaceAll(DOS_EOF, '').trim() === '') continue;
      yield { fields, line: item.info.lines };
    }
  } catch (err) {
    if (err instanceof InputFormatError) throw err;
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? `line ${err.lines}` : undefined;
      throw new InputFormatError(file, line, `bad CSV: ${csvMessage(err)}`);
    }
    throw err;
  }
}

function csvMessage(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (truncated file or a stray quote)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'characters after a closing quote (a quote inside a field must be doubled)';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field';
    case 'CSV_MAX_RECORD_SIZE':
      return `a row longer than ${MAX_ROW_CHARS} characters`;
    default:
      return err.message.replace(/^Invalid Record Length: |^Invalid Opening Quote: /, '');
  }
}
