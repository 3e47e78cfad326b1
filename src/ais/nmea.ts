/**
 * One line of an AIS recording or feed -> one parsed NMEA sentence, or a rejection with a reason.
 * Never throws: every byte sequence gets an answer. Scans with charCodeAt (no regexes, no split) because this
 * runs once per line at millions of lines per second.
 */

/** Why a line gave no sentence. */
export type LineRejection =
  | 'tooLong'
  | 'malformed'
  | 'badChecksum'
  | 'badTagBlock'
  | 'badTagBlockChecksum'
  | 'badTimestamp'
  | 'trailingData'
  | 'unknownSentence';

import { reserveSymbols, scratch } from './sixbit.ts';

/** NMEA 4.0 tag block fields we use (all optional). */
export interface TagBlock {
  /** `c:` receive time, milliseconds since the epoch (the tag carries seconds, or milliseconds when large). */
  time: number | null;
  /** `s:` source station. */
  source: string | null;
  /** `g:` sentence grouping n-total-id. */
  group: { number: number; total: number; id: number } | null;
  /** Whether the tag block's own checksum matched (a mismatch is kept and counted unless strict). */
  checksumOk: boolean;
}

/** A `!xxVDM` / `!xxVDO` fragment. */
export interface VdmSentence {
  kind: 'vdm';
  /** Two-letter talker (AI, AB, BS, ...). */
  talker: string;
  /** VDO: the receiver's own vessel. */
  own: boolean;
  fragmentCount: number;
  fragmentNumber: number;
  /** Sequential message id for multi-sentence messages, -1 when empty. */
  sequenceId: number;
  /** Radio channel (A, B, 1, 2) or '' when empty. */
  channel: string;
  /** Armoured 6-bit payload. */
  payload: string;
  fillBits: number;
  tag: TagBlock | null;
  /** Time from a leading timestamp column, ms since the epoch. */
  lineTime: number | null;
}

/** Danish Maritime Authority `$PGHP,1,...` timestamp sentence; applies to the next AIS sentence. */
export interface PghpSentence {
  kind: 'pghp';
  /** UTC, milliseconds since the epoch. */
  time: number;
  /** Country code (MID) of the receiving station. */
  country: number | null;
  region: string;
  /** Receiving base station (PSS) MMSI, or '' when not given. */
  station: string;
  tag: TagBlock | null;
  lineTime: number | null;
}

export interface RejectedLine {
  kind: 'rejected';
  reason: LineRejection;
}

export interface BlankLine {
  kind: 'blank';
}

export type ParsedLine = VdmSentence | PghpSentence | RejectedLine | BlankLine;

/** NMEA limits sentences to 82 characters; tag blocks and timestamp columns add some. Longer lines are refused unread. */
export const DEFAULT_MAX_LINE_LENGTH = 512;

export interface ParseOptions {
  maxLineLength?: number;
  /** Refuse sentences whose tag block checksum is wrong (default: keep them, with tag.checksumOk false). */
  strictTagChecksum?: boolean;
}

const REJECT: Record<LineRejection, RejectedLine> = {
  tooLong: { kind: 'rejected', reason: 'tooLong' },
  malformed: { kind: 'rejected', reason: 'malformed' },
  badChecksum: { kind: 'rejected', reason: 'badChecksum' },
  badTagBlock: { kind: 'rejected', reason: 'badTagBlock' },
  badTagBlockChecksum: { kind: 'rejected', reason: 'badTagBlockChecksum' },
  badTimestamp: { kind: 'rejected', reason: 'badTimestamp' },
  trailingData: { kind: 'rejected', reason: 'trailingData' },
  unknownSentence: { kind: 'rejected', reason: 'unknownSentence' },
};
const BLANK: BlankLine = { kind: 'blank' };

const BANG = 33; // !
const DOLLAR = 36; // $
const BACKSLASH = 92;
const STAR = 42;
const COMMA = 44;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Two hex digits at i, or -1. */
function hexByte(line: string, i: number): number {
  const hi = hexValue(line.charCodeAt(i));
  const lo = hexValue(line.charCodeAt(i + 1));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** Parse one line (without its newline; a trailing CR is allowed). */
export function parseLine(line: string, options?: ParseOptions): ParsedLine {
  const maxLength = options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  let end = line.length;
  if (end > maxLength) return REJECT.tooLong;
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  let i = 0;
  while (i < end && isSpace(line.charCodeAt(i))) i++;
  if (i >= end) return BLANK;

  let lineTime: number | null = null;
  let c = line.charCodeAt(i);
  if (c !== BANG && c !== DOLLAR && c !== BACKSLASH) {
    // a leading timestamp column: `<unix seconds>[.fff]` or an ISO 8601 time, then a separator
    let j = i;
    while (j < end) {
      const d = line.charCodeAt(j);
      if (d === BANG || d === DOLLAR || d === BACKSLASH) break;
      j++;
    }
    if (j >= end) return REJECT.malformed;
    lineTime = parseTimestampColumn(line, i, j);
    if (lineTime === null) return REJECT.badTimestamp;
    i = j;
    c = line.charCodeAt(i);
  }

  let tag: TagBlock | null = null;
  while (c === BACKSLASH) {
    const parsed = parseTagBlock(line, i + 1, end);
    if (parsed === null) return REJECT.badTagBlock;
    if (!parsed.block.checksumOk && options?.strictTagChecksum) return REJECT.badTagBlockChecksum;
    tag = tag === null ? parsed.block : mergeTags(tag, parsed.block);
    i = parsed.next;
    if (i >= end) return REJECT.malformed;
    c = line.charCodeAt(i);
  }

  if (c === BANG) return parseVdm(line, i, end, tag, lineTime);
  if (c === DOLLAR) return parsePghp(line, i, end, tag, lineTime);
  return REJECT.malformed;
}

function mergeTags(a: TagBlock, b: TagBlock): TagBlock {
  return {
    time: b.time ?? a.time,
    source: b.source ?? a.source,
    group: b.group ?? a.group,
    checksumOk: a.checksumOk && b.checksumOk,
  };
}

function parseTimestampColumn(line: string, start: number, stop: number): number | null {
  let e = stop;
  // separators between the column and the sentence
  while (e > start) {
    const d = line.charCodeAt(e - 1);
    if (isSpace(d) || d === COMMA || d === 59 /* ; */ || d === 124 /* | */) e--;
    else break;
  }
  if (e <= start) return null;
  let numeric = true;
  let dots = 0;
  for (let k = start; k < e; k++) {
    const d = line.charCodeAt(k);
    if (d === 46) dots++;
    else if (d < 48 || d > 57) {
      numeric = false;
      break;
    }
  }
  if (numeric && dots <= 1) {
    const v = Number(line.slice(start, e));
    if (!Number.isFinite(v)) return null;
    return v >= 1e11 ? Math.round(v) : Math.round(v * 1000);
  }
  const text = line.slice(start, e);
  // only ISO-like dates (Date.parse accepts odd things otherwise)
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

/** `c:...,s:...*hh\` starting after the opening backslash. */
function parseTagBlock(line: string, start: number, end: number): { block: TagBlock; next: number } | null {
  let star = -1;
  let sum = 0;
  let k = start;
  for (; k < end; k++) {
    const d = line.charCodeAt(k);
    if (d === STAR) {
      star = k;
      break;
    }
    if (d === BACKSLASH) return null;
    sum ^= d;
  }
  if (star < 0 || star + 3 >= end || line.charCodeAt(star + 3) !== BACKSLASH) return null;
  const given = hexByte(line, star + 1);
  if (given < 0) return null;
  const block: TagBlock = { time: null, source: null, group: null, checksumOk: given === sum };
  let f = start;
  while (f < star) {
    let g = f;
    while (g < star && line.charCodeAt(g) !== COMMA) g++;
    if (g - f >= 2 && line.charCodeAt(f + 1) === 58 /* : */) {
      const key = line.charCodeAt(f);
      if (key === 99 /* c */) {
        const v = parseUnsigned(line, f + 2, g);
        if (v < 0) return null;
        block.time = v >= 1e11 ? v : v * 1000;
      } else if (key === 115 /* s */) {
        block.source = line.slice(f + 2, g);
      } else if (key === 103 /* g */) {
        block.group = parseGroup(line, f + 2, g);
        if (block.group === null) return null;
      }
    } else if (g > f) {
      return null;
    }
    f = g + 1;
  }
  return { block, next: star + 4 };
}

function parseGroup(line: string, start: number, end: number): TagBlock['group'] {
  const parts = [0, 0, 0];
  let p = 0;
  let digits = 0;
  for (let k = start; k < end; k++) {
    const d = line.charCodeAt(k);
    if (d === 45) {
      if (digits === 0 || p === 2) return null;
      p++;
      digits = 0;
    } else if (d >= 48 && d <= 57 && digits < 9) {
      parts[p] = parts[p] * 10 + (d - 48);
      digits++;
    } else return null;
  }
  if (p !== 2 || digits === 0) return null;
  return { number: parts[0], total: parts[1], id: parts[2] };
}

/** Decimal digits in [start, end) as a number; -1 when empty, non-digit or longer than 15 digits. */
function parseUnsigned(line: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let k = start; k < end; k++) {
    const d = line.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Checksum of line[start+1 .. star) against the two hex digits after `*`; then only whitespace may follow. */
function checkSentenceEnd(line: string, star: number, end: number, sum: number): LineRejection | null {
  if (star + 3 > end) return 'malformed';
  const given = hexByte(line, star + 1);
  if (given < 0) return 'malformed';
  if (star + 3 !== end) return 'trailingData';
  return given === sum ? null : 'badChecksum';
}

// talker ids are few: reuse one string per pair instead of slicing one per sentence
const talkers: (string | undefined)[] = [];
function talkerName(a: number, b: number): string {
  const key = a * 128 + b;
  let name = talkers[key];
  if (name === undefined) {
    name = String.fromCharCode(a, b);
    talkers[key] = name;
  }
  return name;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function parseVdm(
  line: string,
  start: number,
  end: number,
  tag: TagBlock | null,
  lineTime: number | null,
): ParsedLine {
  // !ttVDM,
  if (end - start < 7) return REJECT.malformed;
  const t1 = line.charCodeAt(start + 1);
  const t2 = line.charCodeAt(start + 2);
  const v = line.charCodeAt(start + 3);
  const d = line.charCodeAt(start + 4);
  const m = line.charCodeAt(start + 5);
  // `--` is the null talker some equipment uses
  if (!(isUpper(t1) || t1 === 45) || !(isUpper(t2) || t2 === 45)) return REJECT.malformed;
  if (!isUpper(v) || !isUpper(d) || !isUpper(m)) return REJECT.malformed;
  if (v !== 86 || d !== 68 || (m !== 77 && m !== 79) || line.charCodeAt(start + 6) !== COMMA) {
    return REJECT.unknownSentence;
  }
  let sum = t1 ^ t2 ^ v ^ d ^ m ^ COMMA;
  let k = start + 7;
  // fragment count, fragment number: one digit each
  const fc = line.charCodeAt(k) - 48;
  const c1 = line.charCodeAt(k + 1);
  const fn = line.charCodeAt(k + 2) - 48;
  const c2 = line.charCodeAt(k + 3);
  // written as positive tests so that NaN (reading past the end) fails them
  if (!(fc >= 1 && fc <= 9 && fn >= 1 && fn <= fc) || c1 !== COMMA || c2 !== COMMA) return REJECT.malformed;
  sum ^= fc + 48;
  sum ^= fn + 48;
  k += 4;
  // sequence id: empty or one or two digits
  let seq = -1;
  let c = line.charCodeAt(k);
  if (c !== COMMA) {
    seq = 0;
    let n = 0;
    while (c >= 48 && c <= 57 && n < 2) {
      seq = seq * 10 + (c - 48);
      sum ^= c;
      n++;
      c = line.charCodeAt(++k);
    }
    if (c !== COMMA || n === 0) return REJECT.malformed;
  }
  sum ^= COMMA;
  k++;
  // channel: empty or one character (A, B, 1, 2 are usual; others are kept)
  let channel = '';
  c = line.charCodeAt(k);
  if (c !== COMMA) {
    if (!(isUpper(c) || (c >= 48 && c <= 57))) return REJECT.malformed;
    channel = line[k];
    sum ^= c;
    c = line.charCodeAt(++k);
    if (c !== COMMA) return REJECT.malformed;
  }
  sum ^= COMMA;
  k++;
  const payloadStart = k;
  // de-armour while checksumming, for the decoder (see sixbit.ts)
  const symbols = reserveSymbols(end - k);
  let n = 0;
  for (; k < end; k++) {
    c = line.charCodeAt(k);
    let v = c - 48;
    if (v > 40) v -= 8;
    // valid armour: '0'..'W' (0..39) and '`'..'w' (40..63)
    if (v < 0 || v > 63 || (c > 87 && c < 96)) break;
    symbols[n++] = v;
    sum ^= c;
  }
  scratch.length = n;
  scratch.payload = '';
  const payloadEnd = k;
  if (c !== COMMA) return REJECT.malformed;
  sum ^= COMMA;
  const fill = line.charCodeAt(++k) - 48;
  if (!(fill >= 0 && fill <= 5)) return REJECT.malformed;
  sum ^= fill + 48;
  if (line.charCodeAt(++k) !== STAR) return REJECT.malformed;
  // some recorders append `,<unix seconds>` after the checksum
  let sentenceEnd = end;
  if (k + 3 < end && line.charCodeAt(k + 3) === COMMA) {
    const trailingTime = parseTimestampColumn(line, k + 4, end);
    if (trailingTime === null) return REJECT.trailingData;
    if (lineTime === null) lineTime = trailingTime;
    sentenceEnd = k + 3;
  }
  const bad = checkSentenceEnd(line, k, sentenceEnd, sum);
  if (bad !== null) return REJECT[bad];
  const payload = line.slice(payloadStart, payloadEnd);
  scratch.payload = payload;
  return {
    kind: 'vdm',
    talker: talkerName(t1, t2),
    own: m === 79,
    fragmentCount: fc,
    fragmentNumber: fn,
    sequenceId: seq,
    channel,
    payload,
    fillBits: fill,
    tag,
    lineTime,
  };
}

// PGHP fields of the sentence being parsed (reused: parsing is synchronous): start offsets and numeric values
const pghpFieldStart = new Int32Array(16);
const pghpValue = new Float64Array(16);
let cachedDay = -1;
let cachedDayEpoch = 0;
let lastRegion = '';
let lastStation = '';

/** Epoch ms of a UTC day; the last day is cached because a recording's lines share it. NaN when invalid. */
function dayEpoch(year: number, month: number, day: number): number {
  const key = year * 10000 + month * 100 + day;
  if (key !== cachedDay) {
    const t = Date.UTC(year, month - 1, day);
    // reject day overflow (31 June)
    if (new Date(t).getUTCDate() !== day) return Number.NaN;
    cachedDay = key;
    cachedDayEpoch = t;
  }
  return cachedDayEpoch;
}

/** line[start, end) as a string, reusing `last` when equal (stations repeat line after line). */
function reuse(line: string, start: number, end: number, last: string): string {
  return end - start === last.length && line.startsWith(last, start) ? last : line.slice(start, end);
}

/** `$PGHP,1,yyyy,m,d,h,m,s,ms,country,region,pss,online,cc*hh` (DMA). One pass: checksum and numbers together. */
function parsePghp(
  line: string,
  start: number,
  end: number,
  tag: TagBlock | null,
  lineTime: number | null,
): ParsedLine {
  if (
    end - start < 6 ||
    line.charCodeAt(start + 1) !== 80 ||
    line.charCodeAt(start + 2) !== 71 ||
    line.charCodeAt(start + 3) !== 72 ||
    line.charCodeAt(start + 4) !== 80 ||
    line.charCodeAt(start + 5) !== COMMA
  ) {
    return REJECT.unknownSentence;
  }
  let sum = 80 ^ 71 ^ 72 ^ 80 ^ COMMA;
  let star = -1;
  let field = 0;
  let value = 0;
  let digits = 0;
  let numeric = true;
  pghpFieldStart[0] = start + 6;
  for (let k = start + 6; k < end; k++) {
    const c = line.charCodeAt(k);
    if (c === STAR) {
      star = k;
      break;
    }
    if (c < 32 || c > 126) return REJECT.malformed;
    sum ^= c;
    if (c === COMMA) {
      pghpValue[field] = numeric && digits > 0 ? value : -1;
      if (++field >= 15) return REJECT.malformed;
      pghpFieldStart[field] = k + 1;
      value = 0;
      digits = 0;
      numeric = true;
    } else {
      const d = c - 48;
      if (d >= 0 && d <= 9 && digits < 15) {
        value = value * 10 + d;
        digits++;
      } else numeric = false;
    }
  }
  if (star < 0) return REJECT.malformed;
  const bad = checkSentenceEnd(line, star, end, sum);
  if (bad !== null) return REJECT[bad];
  pghpValue[field] = numeric && digits > 0 ? value : -1;
  pghpFieldStart[field + 1] = star + 1;
  if (field < 10 || pghpValue[0] !== 1) return REJECT.malformed;
  const year = pghpValue[1];
  const month = pghpValue[2];
  const day = pghpValue[3];
  const hour = pghpValue[4];
  const minute = pghpValue[5];
  const second = pghpValue[6];
  const ms = pghpValue[7];
  if (
    !(year >= 1970 && year <= 9999) ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= 31) ||
    !(hour >= 0 && hour <= 23) ||
    !(minute >= 0 && minute <= 59) ||
    !(second >= 0 && second <= 60) ||
    !(ms >= 0 && ms <= 999)
  ) {
    return REJECT.badTimestamp;
  }
  const base = dayEpoch(year, month, day);
  if (Number.isNaN(base)) return REJECT.badTimestamp;
  const country = pghpValue[8];
  lastRegion = reuse(line, pghpFieldStart[9], pghpFieldStart[10] - 1, lastRegion);
  lastStation = reuse(line, pghpFieldStart[10], pghpFieldStart[11] - 1, lastStation);
  return {
    kind: 'pghp',
    time: base + ((hour * 60 + minute) * 60 + second) * 1000 + ms,
    country: country < 0 ? null : country,
    region: lastRegion,
    station: lastStation,
    tag,
    lineTime,
  };
}
