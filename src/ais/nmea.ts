/**
 * One line of an AIS recording or feed -> one parsed NMEA sentence, or a rejection with a reason.
 * Never throws: every byte sequence gets an answer.
 *
 * The parser works on bytes (`scanBytes`): the Decoder hands it lines straight out of the read buffer, so no
 * JS string is made per line, and a line's fields land in one reused `LineScan` instead of fresh objects. A line
 * given as a string (`scanString`, `parseLine`, `Decoder.push`) is copied into a scratch byte buffer first;
 * text fields are then cut from the string itself, so any character (even beyond Latin-1) gives exactly the
 * text it would have given. No regexes, no split: this runs once per line at millions of lines per second.
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

/** What a scanned line is (`LineScan.kind`). */
export const SCAN_REJECTED = 0;
export const SCAN_BLANK = 1;
export const SCAN_VDM = 2;
export const SCAN_PGHP = 3;

/**
 * The fields of the last scanned line. One instance (`lineScan`) is overwritten by every scan: read what you
 * need before scanning the next line. Absent numbers are NaN or -1 (as documented per field) rather than null,
 * so that the fields keep one representation and storing them allocates nothing.
 */
export class LineScan {
  kind = SCAN_BLANK;
  /** Why, when kind is SCAN_REJECTED. */
  reason: LineRejection = 'malformed';
  /** The bytes scanned (offsets below index them). */
  bytes: Uint8Array = new Uint8Array(0);
  /** Time from a leading timestamp column or a trailing `,<unix seconds>`, ms since the epoch; NaN when none. */
  lineTime = Number.NaN;
  /** A tag block was present (the tag fields below are only meaningful then). */
  hasTag = false;
  /** `c:` in ms; NaN when absent. */
  tagTime = Number.NaN;
  tagSource: string | null = null;
  /** `g:` n-total-id; groupTotal is -1 when there is no `g:`. */
  groupNumber = -1;
  groupTotal = -1;
  groupId = -1;
  tagChecksumOk = true;
  // VDM / VDO
  talker = '';
  own = false;
  fragmentCount = 0;
  fragmentNumber = 0;
  /** -1 when empty. */
  sequenceId = -1;
  channel = '';
  /** The armoured payload is bytes[payloadStart, payloadEnd); its 6-bit symbols are in the scratch (sixbit.ts). */
  payloadStart = 0;
  payloadEnd = 0;
  fillBits = 0;
  // PGHP
  /** UTC ms. */
  pghpTime = 0;
  /** -1 when not given. */
  pghpCountry = -1;
  regionStart = 0;
  regionEnd = 0;
  /** '' when not given. */
  station = '';
}

export const lineScan = new LineScan();

const BANG = 33; // !
const DOLLAR = 36; // $
const BACKSLASH = 92;
const STAR = 42;
const COMMA = 44;

// The line being scanned as a string, when it was given as one: text fields are cut from it. `lineWide`: it has
// characters outside ASCII (they were copied as 0x80 into the bytes, which no field accepts, and text and the
// tag block checksum are taken from the string).
let lineText: string | null = null;
let lineWide = false;
/** A string line copied to bytes (grown on demand; a line longer than maxLineLength is never copied). */
let lineBytes = Buffer.alloc(DEFAULT_MAX_LINE_LENGTH * 3 + 8);
const utf8 = new TextEncoder();

function reject(reason: LineRejection): number {
  lineScan.kind = SCAN_REJECTED;
  lineScan.reason = reason;
  return SCAN_REJECTED;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Two hex digits at i, or -1. */
function hexByte(line: Uint8Array, i: number): number {
  const hi = hexValue(line[i]);
  const lo = hexValue(line[i + 1]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

const latin1Slice = Buffer.prototype.latin1Slice;

/** Latin-1 text of line[start, end) (ASCII for the bytes of a string line that is not wide). */
function latin1(line: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(line, start, end);
}

/** The text of line[start, end): from the string when the line was given as one. */
export function textOf(line: Uint8Array, start: number, end: number): string {
  return lineText !== null ? lineText.slice(start, end) : latin1(line, start, end);
}

// Station and source names repeat line after line (a few hundred receivers at most): a small table keyed by a
// hash of the bytes gives back the same string instead of a new one per line.
const INTERN_SLOTS = 1024;
const INTERN_MAX = 48;
const interned: (string | undefined)[] = new Array(INTERN_SLOTS).fill(undefined);

function internText(line: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (lineWide || n > INTERN_MAX) return textOf(line, start, end);
  let h = n;
  for (let k = start; k < end; k++) h = Math.imul(h ^ line[k], 0x01000193);
  const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
  const s = interned[slot];
  if (s !== undefined && s.length === n) {
    let same = true;
    for (let k = 0; k < n; k++) {
      if (s.charCodeAt(k) !== line[start + k]) {
        same = false;
        break;
      }
    }
    if (same) return s;
  }
  const fresh = latin1(line, start, end);
  interned[slot] = fresh;
  return fresh;
}

/**
 * Scan one line given as bytes, line[start, stop), without its newline (a trailing CR is allowed); the result
 * is in `lineScan`, its kind also returned. Nothing outside [start, stop) is read.
 */
export function scanBytes(
  line: Uint8Array,
  start: number,
  stop: number,
  maxLineLength: number,
  strictTagChecksum: boolean,
): number {
  lineText = null;
  lineWide = false;
  return scan(line, start, stop, maxLineLength, strictTagChecksum);
}

/** Scan one line given as a string (without its newline); the result is in `lineScan`, its kind also returned. */
export function scanString(line: string, maxLineLength: number, strictTagChecksum: boolean): number {
  const n = line.length;
  if (n > maxLineLength) return reject('tooLong');
  if (lineBytes.length < n * 3) lineBytes = Buffer.alloc(n * 3 + 8);
  // one native copy; more bytes than characters means characters beyond ASCII
  lineWide = utf8.encodeInto(line, lineBytes).written !== n;
  if (lineWide) {
    for (let k = 0; k < n; k++) {
      const c = line.charCodeAt(k);
      lineBytes[k] = Math.min(c, 128);
    }
  }
  lineText = line;
  return scan(lineBytes, 0, n, maxLineLength, strictTagChecksum);
}

function scan(line: Uint8Array, begin: number, stop: number, maxLength: number, strictTag: boolean): number {
  const r = lineScan;
  r.bytes = line;
  if (stop - begin > maxLength) return reject('tooLong');
  let end = stop;
  while (end > begin && isSpace(line[end - 1])) end--;
  let i = begin;
  while (i < end && isSpace(line[i])) i++;
  if (i >= end) {
    r.kind = SCAN_BLANK;
    return SCAN_BLANK;
  }

  r.lineTime = Number.NaN;
  let c = line[i];
  if (c !== BANG && c !== DOLLAR && c !== BACKSLASH) {
    // a leading timestamp column: `<unix seconds>[.fff]` or an ISO 8601 time, then a separator
    let j = i;
    while (j < end) {
      const d = line[j];
      if (d === BANG || d === DOLLAR || d === BACKSLASH) break;
      j++;
    }
    if (j >= end) return reject('malformed');
    const t = parseTimestampColumn(line, i, j);
    if (Number.isNaN(t)) return reject('badTimestamp');
    r.lineTime = t;
    i = j;
    c = line[i];
  }

  r.hasTag = false;
  if (c === BACKSLASH) {
    r.hasTag = true;
    r.tagTime = Number.NaN;
    r.tagSource = null;
    r.groupTotal = -1;
    r.tagChecksumOk = true;
    // several tag blocks merge; a later field overrides an earlier one
    while (c === BACKSLASH) {
      const next = parseTagBlock(line, i + 1, end, strictTag);
      if (next < 0) return SCAN_REJECTED;
      i = next;
      if (i >= end) return reject('malformed');
      c = line[i];
    }
  }

  if (c === BANG) return scanVdm(line, i, end);
  if (c === DOLLAR) return scanPghp(line, i, end);
  return reject('malformed');
}

/** The largest time a Date holds (ECMAScript: 8.64e15 ms after the epoch). */
const MAX_TIME_MS = 8.64e15;

/** A timestamp column line[start, stop) (separators included) in ms since the epoch; NaN when not one. */
function parseTimestampColumn(line: Uint8Array, start: number, stop: number): number {
  let e = stop;
  // separators between the column and the sentence
  while (e > start) {
    const d = line[e - 1];
    if (isSpace(d) || d === COMMA || d === 59 /* ; */ || d === 124 /* | */) e--;
    else break;
  }
  if (e <= start) return Number.NaN;
  let numeric = true;
  let dots = 0;
  for (let k = start; k < e; k++) {
    const d = line[k];
    if (d === 46) dots++;
    else if (d < 48 || d > 57) {
      numeric = false;
      break;
    }
  }
  if (numeric && dots <= 1) {
    const v = Number(textOf(line, start, e));
    if (!Number.isFinite(v)) return Number.NaN;
    const t = v >= 1e11 ? Math.round(v) : Math.round(v * 1000);
    // beyond what a Date can hold (year 275760): no time, rather than one no ISO string can be made of
    return t <= MAX_TIME_MS ? t : Number.NaN;
  }
  // only ISO-like dates (Date.parse accepts odd things otherwise)
  if (e - start < 10 || line[start + 4] !== 45 || line[start + 7] !== 45) return Number.NaN;
  const t = Date.parse(textOf(line, start, e));
  return Number.isFinite(t) ? t : Number.NaN;
}

/**
 * `c:...,s:...*hh\` starting after the opening backslash, merged into lineScan. Returns the index after the
 * closing backslash, or -1 with the line rejected.
 */
function parseTagBlock(line: Uint8Array, start: number, end: number, strict: boolean): number {
  const r = lineScan;
  let star = -1;
  let sum = 0;
  let k = start;
  for (; k < end; k++) {
    const d = line[k];
    if (d === STAR) {
      star = k;
      break;
    }
    if (d === BACKSLASH) {
      reject('badTagBlock');
      return -1;
    }
    sum ^= d;
  }
  if (star < 0 || star + 3 >= end || line[star + 3] !== BACKSLASH) {
    reject('badTagBlock');
    return -1;
  }
  const given = hexByte(line, star + 1);
  if (given < 0) {
    reject('badTagBlock');
    return -1;
  }
  if (lineWide && lineText !== null) {
    // the checksum of the characters as given, not of their stand-in bytes
    sum = 0;
    for (let q = start; q < star; q++) sum ^= lineText.charCodeAt(q);
  }
  const checksumOk = given === sum;
  let f = start;
  while (f < star) {
    let g = f;
    while (g < star && line[g] !== COMMA) g++;
    if (g - f >= 2 && line[f + 1] === 58 /* : */) {
      const key = line[f];
      if (key === 99 /* c */) {
        const v = parseUnsigned(line, f + 2, g);
        if (v < 0) {
          reject('badTagBlock');
          return -1;
        }
        r.tagTime = v >= 1e11 ? v : v * 1000;
      } else if (key === 115 /* s */) {
        r.tagSource = internText(line, f + 2, g);
      } else if (key === 103 /* g */) {
        if (!parseGroup(line, f + 2, g)) {
          reject('badTagBlock');
          return -1;
        }
      }
    } else if (g > f) {
      reject('badTagBlock');
      return -1;
    }
    f = g + 1;
  }
  if (!checksumOk && strict) {
    reject('badTagBlockChecksum');
    return -1;
  }
  r.tagChecksumOk = r.tagChecksumOk && checksumOk;
  return star + 4;
}

/** `g:n-total-id` into lineScan; false when malformed. */
function parseGroup(line: Uint8Array, start: number, end: number): boolean {
  let a = 0;
  let b = 0;
  let value = 0;
  let p = 0;
  let digits = 0;
  for (let k = start; k < end; k++) {
    const d = line[k];
    if (d === 45) {
      if (digits === 0 || p === 2) return false;
      if (p === 0) a = value;
      else b = value;
      p++;
      value = 0;
      digits = 0;
    } else if (d >= 48 && d <= 57 && digits < 9) {
      value = value * 10 + (d - 48);
      digits++;
    } else return false;
  }
  if (p !== 2 || digits === 0) return false;
  lineScan.groupNumber = a;
  lineScan.groupTotal = b;
  lineScan.groupId = value;
  return true;
}

/** Decimal digits in [start, end) as a number; -1 when empty, non-digit or longer than 15 digits. */
function parseUnsigned(line: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let k = start; k < end; k++) {
    const d = line[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Checksum of line[start+1 .. star) against the two hex digits after `*`; then only whitespace may follow. */
function checkSentenceEnd(line: Uint8Array, star: number, end: number, sum: number): LineRejection | null {
  if (star + 3 > end) return 'malformed';
  const given = hexByte(line, star + 1);
  if (given < 0) return 'malformed';
  if (star + 3 !== end) return 'trailingData';
  return given === sum ? null : 'badChecksum';
}

// talker ids and channels are few: reuse one string each instead of making one per sentence
const talkers: string[] = new Array(128 * 128).fill('');
function talkerName(a: number, b: number): string {
  const key = a * 128 + b;
  let name = talkers[key];
  if (name === '') {
    name = String.fromCharCode(a, b);
    talkers[key] = name;
  }
  return name;
}
const ONE_CHAR: string[] = [];
for (let c = 0; c < 128; c++) ONE_CHAR.push(String.fromCharCode(c));

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Armour character -> 6-bit value, -1 for anything else: '0'..'W' are 0..39, '`'..'w' are 40..63. */
const ARMOUR = new Int8Array(256).fill(-1);
for (let c = 48; c <= 87; c++) ARMOUR[c] = c - 48;
for (let c = 96; c <= 119; c++) ARMOUR[c] = c - 56;

function scanVdm(line: Uint8Array, start: number, end: number): number {
  const r = lineScan;
  // !ttVDM,
  if (end - start < 7) return reject('malformed');
  const t1 = line[start + 1];
  const t2 = line[start + 2];
  const v = line[start + 3];
  const d = line[start + 4];
  const m = line[start + 5];
  // `--` is the null talker some equipment uses
  if (!(isUpper(t1) || t1 === 45) || !(isUpper(t2) || t2 === 45)) return reject('malformed');
  if (!isUpper(v) || !isUpper(d) || !isUpper(m)) return reject('malformed');
  if (v !== 86 || d !== 68 || (m !== 77 && m !== 79) || line[start + 6] !== COMMA) {
    return reject('unknownSentence');
  }
  let sum = t1 ^ t2 ^ v ^ d ^ m ^ COMMA;
  let k = start + 7;
  // fragment count, fragment number: one digit each
  if (k + 3 >= end) return reject('malformed');
  const fc = line[k] - 48;
  const c1 = line[k + 1];
  const fn = line[k + 2] - 48;
  const c2 = line[k + 3];
  if (!(fc >= 1 && fc <= 9 && fn >= 1 && fn <= fc) || c1 !== COMMA || c2 !== COMMA)
    return reject('malformed');
  sum ^= fc + 48;
  sum ^= fn + 48;
  k += 4;
  // sequence id: empty or one or two digits (a position at or past the end reads as -1: no character)
  let seq = -1;
  let c = k < end ? line[k] : -1;
  if (c !== COMMA) {
    seq = 0;
    let n = 0;
    while (c >= 48 && c <= 57 && n < 2) {
      seq = seq * 10 + (c - 48);
      sum ^= c;
      n++;
      c = ++k < end ? line[k] : -1;
    }
    if (c !== COMMA || n === 0) return reject('malformed');
  }
  sum ^= COMMA;
  k++;
  // channel: empty or one character (A, B, 1, 2 are usual; others are kept)
  let channel = '';
  c = k < end ? line[k] : -1;
  if (c !== COMMA) {
    if (!(isUpper(c) || (c >= 48 && c <= 57))) return reject('malformed');
    channel = ONE_CHAR[c];
    sum ^= c;
    c = ++k < end ? line[k] : -1;
    if (c !== COMMA) return reject('malformed');
  }
  sum ^= COMMA;
  k++;
  const payloadStart = k;
  // de-armour while checksumming, for the decoder (see sixbit.ts)
  const symbols = reserveSymbols(end - k);
  let n = 0;
  for (; k < end; k++) {
    c = line[k];
    const s = ARMOUR[c];
    if (s < 0) break;
    symbols[n++] = s;
    sum ^= c;
  }
  scratch.length = n;
  scratch.payload = '';
  const payloadEnd = k;
  if (k >= end || c !== COMMA) return reject('malformed');
  sum ^= COMMA;
  const fill = ++k < end ? line[k] - 48 : -1;
  if (!(fill >= 0 && fill <= 5)) return reject('malformed');
  sum ^= fill + 48;
  if (!(++k < end && line[k] === STAR)) return reject('malformed');
  // some recorders append `,<unix seconds>` after the checksum
  let sentenceEnd = end;
  if (k + 3 < end && line[k + 3] === COMMA) {
    const trailingTime = parseTimestampColumn(line, k + 4, end);
    if (Number.isNaN(trailingTime)) return reject('trailingData');
    if (Number.isNaN(r.lineTime)) r.lineTime = trailingTime;
    sentenceEnd = k + 3;
  }
  const bad = checkSentenceEnd(line, k, sentenceEnd, sum);
  if (bad !== null) return reject(bad);
  r.kind = SCAN_VDM;
  r.talker = talkerName(t1, t2);
  r.own = m === 79;
  r.fragmentCount = fc;
  r.fragmentNumber = fn;
  r.sequenceId = seq;
  r.channel = channel;
  r.payloadStart = payloadStart;
  r.payloadEnd = payloadEnd;
  r.fillBits = fill;
  return SCAN_VDM;
}

// PGHP fields of the sentence being parsed (reused: parsing is synchronous): start offsets and numeric values
const pghpFieldStart = new Int32Array(16);
const pghpValue = new Float64Array(16);
let cachedDay = -1;
let cachedDayEpoch = 0;

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

/** `$PGHP,1,yyyy,m,d,h,m,s,ms,country,region,pss,online,cc*hh` (DMA). One pass: checksum and numbers together. */
function scanPghp(line: Uint8Array, start: number, end: number): number {
  const r = lineScan;
  if (
    end - start < 6 ||
    line[start + 1] !== 80 ||
    line[start + 2] !== 71 ||
    line[start + 3] !== 72 ||
    line[start + 4] !== 80 ||
    line[start + 5] !== COMMA
  ) {
    return reject('unknownSentence');
  }
  let sum = 80 ^ 71 ^ 72 ^ 80 ^ COMMA;
  let star = -1;
  let field = 0;
  let value = 0;
  let digits = 0;
  let numeric = true;
  pghpFieldStart[0] = start + 6;
  for (let k = start + 6; k < end; k++) {
    const c = line[k];
    if (c === STAR) {
      star = k;
      break;
    }
    if (c < 32 || c > 126) return reject('malformed');
    sum ^= c;
    if (c === COMMA) {
      pghpValue[field] = numeric && digits > 0 ? value : -1;
      if (++field >= 15) return reject('malformed');
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
  if (star < 0) return reject('malformed');
  const bad = checkSentenceEnd(line, star, end, sum);
  if (bad !== null) return reject(bad);
  pghpValue[field] = numeric && digits > 0 ? value : -1;
  pghpFieldStart[field + 1] = star + 1;
  if (field < 10 || pghpValue[0] !== 1) return reject('malformed');
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
    return reject('badTimestamp');
  }
  const base = dayEpoch(year, month, day);
  if (Number.isNaN(base)) return reject('badTimestamp');
  r.kind = SCAN_PGHP;
  r.pghpTime = base + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  r.pghpCountry = pghpValue[8];
  r.regionStart = pghpFieldStart[9];
  r.regionEnd = pghpFieldStart[10] - 1;
  r.station = internText(line, pghpFieldStart[10], pghpFieldStart[11] - 1);
  return SCAN_PGHP;
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

/** The tag block of the last scan as an object, or null. */
function tagOf(r: LineScan): TagBlock | null {
  if (!r.hasTag) return null;
  return {
    time: Number.isNaN(r.tagTime) ? null : r.tagTime,
    source: r.tagSource,
    group: r.groupTotal < 0 ? null : { number: r.groupNumber, total: r.groupTotal, id: r.groupId },
    checksumOk: r.tagChecksumOk,
  };
}

/** Parse one line (without its newline; a trailing CR is allowed) into a fresh object. */
export function parseLine(line: string, options?: ParseOptions): ParsedLine {
  scanString(line, options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH, options?.strictTagChecksum === true);
  const r = lineScan;
  switch (r.kind) {
    case SCAN_REJECTED:
      return REJECT[r.reason];
    case SCAN_BLANK:
      return BLANK;
    case SCAN_VDM: {
      const payload = line.slice(r.payloadStart, r.payloadEnd);
      // the symbols in the scratch are this payload's (decodePayload then skips de-armouring it again)
      scratch.payload = payload;
      return {
        kind: 'vdm',
        talker: r.talker,
        own: r.own,
        fragmentCount: r.fragmentCount,
        fragmentNumber: r.fragmentNumber,
        sequenceId: r.sequenceId,
        channel: r.channel,
        payload,
        fillBits: r.fillBits,
        tag: tagOf(r),
        lineTime: Number.isNaN(r.lineTime) ? null : r.lineTime,
      };
    }
    default:
      return {
        kind: 'pghp',
        time: r.pghpTime,
        country: r.pghpCountry < 0 ? null : r.pghpCountry,
        region: line.slice(r.regionStart, r.regionEnd),
        station: r.station,
        tag: tagOf(r),
        lineTime: Number.isNaN(r.lineTime) ? null : r.lineTime,
      };
  }
}
