/**
 * AIS payload decoding: 6-bit de-armouring into a symbol buffer and exact field layouts per ITU-R M.1371
 * (as documented in gpsd's "AIVDM/AIVDO protocol decoding"). Fields are read with integer arithmetic straight
 * from the 6-bit symbols, never through strings of bits, because this runs for every message of multi-GB inputs.
 * "Not available" values become null; so do values outside their field's legal range (a position we cannot
 * trust is no position), which the caller can count.
 */

import { reserveSymbols, scratch } from './sixbit.ts';

export type OtherMessageType =
  | 0
  | 6
  | 7
  | 8
  | 10
  | 12
  | 13
  | 14
  | 15
  | 16
  | 17
  | 20
  | 22
  | 23
  | 25
  | 26
  | 28
  | 29
  | 30
  | 31
  | 32
  | 33
  | 34
  | 35
  | 36
  | 37
  | 38
  | 39
  | 40
  | 41
  | 42
  | 43
  | 44
  | 45
  | 46
  | 47
  | 48
  | 49
  | 50
  | 51
  | 52
  | 53
  | 54
  | 55
  | 56
  | 57
  | 58
  | 59
  | 60
  | 61
  | 62
  | 63;

interface Common {
  repeat: number;
  mmsi: number;
}

/** Types 1, 2, 3: Class A position report. */
export interface PositionReportA extends Common {
  type: 1 | 2 | 3;
  /** Navigation status 0-15 (15 = not defined). */
  status: number;
  /** Rate of turn as transmitted (ROT_AIS, -127..127; ±127 = turning faster than 5°/30 s without indicator); null when -128. */
  turn: number | null;
  /** Knots; null when not available (1023); 102.2 means 102.2 knots or more. */
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  /** Degrees; null when not available (3600) or out of range. */
  course: number | null;
  /** Degrees; null when not available (511) or out of range. */
  heading: number | null;
  /** UTC second of the fix; 60 n/a, 61 manual, 62 dead reckoning, 63 inoperative. */
  second: number;
  maneuver: number;
  raim: boolean;
  radio: number;
}

/** Types 4 (base station) and 11 (UTC/date response). */
export interface BaseStationReport extends Common {
  type: 4 | 11;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The reported UTC time in ms since the epoch, null when any part is not available or invalid. */
  time: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  epfd: number;
  raim: boolean;
  radio: number;
}

/** Type 5: Class A static and voyage related data. */
export interface StaticVoyageData extends Common {
  type: 5;
  aisVersion: number;
  /** null when 0 (not available). Not checked against the IMO check digit here. */
  imo: number | null;
  callsign: string;
  shipname: string;
  shiptype: number;
  toBow: number;
  toStern: number;
  toPort: number;
  toStarboard: number;
  epfd: number;
  etaMonth: number | null;
  etaDay: number | null;
  etaHour: number | null;
  etaMinute: number | null;
  /** Metres; null when 0 (not available). */
  draught: number | null;
  destination: string;
  dte: boolean;
}

/** Type 9: standard SAR aircraft position report. */
export interface SarAircraftReport extends Common {
  type: 9;
  /** Metres; null when 4095 (not available); 4094 means 4094 m or higher. */
  altitude: number | null;
  /** Knots (whole knots for this type); null when 1023. */
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  second: number;
  regional: number;
  dte: boolean;
  assigned: boolean;
  raim: boolean;
  radio: number;
}

/** Type 18: standard Class B position report. */
export interface PositionReportB extends Common {
  type: 18;
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  heading: number | null;
  second: number;
  regional: number;
  /** Carrier-sense (CS) unit. */
  cs: boolean;
  display: boolean;
  dsc: boolean;
  band: boolean;
  msg22: boolean;
  assigned: boolean;
  raim: boolean;
  radio: number;
}

/** Type 19: extended Class B position report. */
export interface ExtendedPositionReportB extends Common {
  type: 19;
  speed: number | null;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  course: number | null;
  heading: number | null;
  second: number;
  regional: number;
  shipname: string;
  shiptype: number;
  toBow: number;
  toStern: number;
  toPort: number;
  toStarboard: number;
  epfd: number;
  raim: boolean;
  dte: boolean;
  assigned: boolean;
}

/** Type 21: aid-to-navigation report. */
export interface AidToNavigationReport extends Common {
  type: 21;
  aidType: number;
  /** Name including the name extension when present. */
  name: string;
  accuracy: boolean;
  lon: number | null;
  lat: number | null;
  toBow: number;
  toStern: number;
  toPort: number;
  toStarboard: number;
  epfd: number;
  second: number;
  offPosition: boolean;
  regional: number;
  raim: boolean;
  virtualAid: boolean;
  assigned: boolean;
}

/** Type 24 part A: Class B static data, name. */
export interface StaticDataReportA extends Common {
  type: 24;
  part: 'A';
  shipname: string;
}

/** Type 24 part B: Class B static data, type, vendor, call sign, dimensions. */
export interface StaticDataReportB extends Common {
  type: 24;
  part: 'B';
  shiptype: number;
  /** Manufacturer mnemonic (first 18 bits of the vendor id, 3 characters). */
  vendorId: string;
  model: number;
  serial: number;
  callsign: string;
  /** Dimensions; for auxiliary craft (MMSI 98xxxxxxx) these bits carry mothershipMmsi instead and are 0 here. */
  toBow: number;
  toStern: number;
  toPort: number;
  toStarboard: number;
  mothershipMmsi: number | null;
}

/** Type 27: long-range AIS broadcast (positions in 1/10 minute). */
export interface LongRangeReport extends Common {
  type: 27;
  accuracy: boolean;
  raim: boolean;
  status: number;
  lon: number | null;
  lat: number | null;
  /** Knots; null when 63. */
  speed: number | null;
  /** Degrees; null when 511. */
  course: number | null;
  /** true when the position is the current GNSS position (the bit is 0). */
  gnss: boolean;
}

/** Any other type: recognised, kept raw as its armoured payload. */
export interface RawMessage extends Common {
  type: OtherMessageType;
  raw: true;
  payload: string;
  fillBits: number;
}

export type AisRecord =
  | PositionReportA
  | BaseStationReport
  | StaticVoyageData
  | SarAircraftReport
  | PositionReportB
  | ExtendedPositionReportB
  | AidToNavigationReport
  | StaticDataReportA
  | StaticDataReportB
  | LongRangeReport
  | RawMessage;

/** Why a complete payload gave no record. */
export type DecodeRejection = 'emptyPayload' | 'tooShort' | 'badField';

export interface DecodeFailure {
  rejected: DecodeRejection;
}

const FAIL: Record<DecodeRejection, DecodeFailure> = {
  emptyPayload: { rejected: 'emptyPayload' },
  tooShort: { rejected: 'tooShort' },
  badField: { rejected: 'badField' },
};

// Decoding is synchronous: the fields are read from the shared scratch symbols (sixbit.ts), bound here per call.
let symbols: Uint8Array = scratch.symbols;
let bitLength = 0;
/** The last symbol as de-armoured, before its fill bits were cleared (to give raw payloads back exactly). */
let lastSymbol = 0;

/** De-armour `payload` into the scratch buffer unless the parser already did; false on a non-armour character. */
function load(payload: string): boolean {
  const n = payload.length;
  if (scratch.payload !== payload || scratch.length !== n) {
    const out = reserveSymbols(n);
    for (let i = 0; i < n; i++) {
      const c = payload.charCodeAt(i);
      let v = c - 48;
      if (v > 40) v -= 8;
      if (v < 0 || v > 63 || (c > 87 && c < 96)) {
        scratch.payload = '';
        return false;
      }
      out[i] = v;
    }
    scratch.length = n;
    scratch.payload = payload;
  }
  return true;
}

/** Bind the n scratch symbols for reading: zero tail, bit length, fill bits cleared. */
function bind(n: number, fillBits: number): void {
  symbols = scratch.symbols;
  // zero tail: reads a little past the end (lenient lengths) see zeros, never stale data
  for (let i = n; i < n + 8; i++) symbols[i] = 0;
  bitLength = n * 6 - fillBits;
  lastSymbol = symbols[n - 1];
  // clear the fill bits: fields that end in them read zeros. The scratch no longer matches the payload as armoured.
  if (fillBits > 0) {
    symbols[n - 1] &= 0x3f & ~((1 << fillBits) - 1);
    scratch.payload = '';
  }
}

let armourBytes = new Uint8Array(256);
const latin1Slice = Buffer.prototype.latin1Slice;

/** The armoured text of the bound symbols (as received: the fill bits as they were). */
function armoured(n: number): string {
  if (armourBytes.length < n) armourBytes = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) {
    const v = i === n - 1 ? lastSymbol : symbols[i];
    armourBytes[i] = v < 40 ? v + 48 : v + 56;
  }
  return latin1Slice.call(armourBytes, 0, n);
}

/** Unsigned field of `len` bits (len <= 32) at bit `start`. */
function uint(start: number, len: number): number {
  let index = (start / 6) | 0;
  // the bits of the first symbol from `start` on, then whole symbols, then drop what was read past the field
  const avail = 6 - (start - index * 6);
  let v = symbols[index] & ((1 << avail) - 1);
  let remaining = len - avail;
  while (remaining > 0) {
    v = v * 64 + symbols[++index];
    remaining -= 6;
  }
  // at most 37 bits were gathered: plain double arithmetic is exact, 32-bit shifts would not be
  return remaining === 0 ? v : Math.floor(v / (1 << -remaining));
}

/** Two's-complement signed field. */
function int(start: number, len: number): number {
  // fields are at most 28 bits: sign-extend with 32-bit shifts
  const shift = 32 - len;
  return (uint(start, len) << shift) >> shift;
}

function bit(pos: number): boolean {
  const index = (pos / 6) | 0;
  return ((symbols[index] >> (5 - (pos - index * 6))) & 1) === 1;
}

// the AIS 6-bit character set: values 0-31 are '@'..'_', 32-63 are ' '..'?'
const SIXBIT_CHARS: string[] = [];
for (let v = 0; v < 64; v++) SIXBIT_CHARS.push(String.fromCharCode(v < 32 ? v + 64 : v));

/** Character codes of the text being read (made into a string in one native call, not a character at a time). */
const textBytes = new Uint8Array(64);

/** 6-bit text: ends at the first '@' (padding); trailing spaces trimmed. Only whole characters inside the payload. */
function text(start: number, chars: number): string {
  let n = chars;
  const available = ((bitLength - start) / 6) | 0;
  if (n > available) n = Math.max(available, 0);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const v = uint(start + i * 6, 6);
    if (v === 0) break;
    textBytes[end++] = v < 32 ? v + 64 : v;
  }
  while (end > 0 && textBytes[end - 1] === 32) end--;
  return end === 0 ? '' : latin1Slice.call(textBytes, 0, end);
}

/** Whether a text field holds an '@' (the padding that ends text). */
function hasPadding(start: number, chars: number): boolean {
  for (let i = 0; i < chars; i++) if (uint(start + i * 6, 6) === 0) return true;
  return false;
}

/** A text field with no '@' padding, trailing spaces kept (the first part of a name that continues elsewhere). */
function untrimmedText(start: number, chars: number): string {
  let s = '';
  for (let i = 0; i < chars; i++) {
    const v = uint(start + i * 6, 6);
    s += SIXBIT_CHARS[v];
  }
  return s;
}

/** 1/10000 minute -> degrees; 181° is "not available", anything beyond ±180° is invalid. */
function lon28(start: number): number | null {
  const v = int(start, 28);
  return v > 108000000 || v < -108000000 ? null : v / 600000;
}

function lat27(start: number): number | null {
  const v = int(start, 27);
  return v > 54000000 || v < -54000000 ? null : v / 600000;
}

function speed10(start: number): number | null {
  const v = uint(start, 10);
  return v === 1023 ? null : v / 10;
}

function course12(start: number): number | null {
  const v = uint(start, 12);
  return v >= 3600 ? null : v / 10;
}

function heading9(start: number): number | null {
  const v = uint(start, 9);
  return v >= 360 ? null : v;
}

function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (
    year === 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const t = Date.UTC(year, month - 1, day, hour, minute, second);
  // reject day overflow (31 February)
  return new Date(t).getUTCDate() === day ? t : null;
}

/** Lenient minimum bit lengths (as receivers and gpsd accept them in the wild). */
const MIN_BITS = new Int16Array(64);
for (const [type, bits] of [
  [1, 168],
  [2, 168],
  [3, 168],
  [4, 168],
  [5, 420],
  [9, 168],
  [11, 168],
  [18, 168],
  [19, 312],
  [21, 272],
  [24, 160],
  [27, 96],
]) {
  MIN_BITS[type] = bits;
}

/** Decode a complete (reassembled) armoured payload. */
export function decodePayload(payload: string, fillBits: number): AisRecord | DecodeFailure {
  if (payload.length === 0) return FAIL.emptyPayload;
  if (!load(payload)) return FAIL.badField;
  return decodeBound(payload.length, fillBits, payload);
}

/**
 * Decode the `n` symbols a sentence parser has just de-armoured into the scratch buffer (sixbit.ts), without
 * the payload as a string: raw types get theirs rebuilt from the symbols.
 */
export function decodeSymbols(n: number, fillBits: number): AisRecord | DecodeFailure {
  if (n === 0) return FAIL.emptyPayload;
  return decodeBound(n, fillBits, null);
}

function decodeBound(n: number, fillBits: number, payload: string | null): AisRecord | DecodeFailure {
  bind(n, fillBits);
  if (bitLength < 38) return FAIL.tooShort;
  const type = uint(0, 6);
  const repeat = uint(6, 2);
  const mmsi = uint(8, 30);
  if (bitLength < MIN_BITS[type]) return FAIL.tooShort;
  switch (type) {
    case 1:
    case 2:
    case 3: {
      const turn = int(42, 8);
      return {
        type,
        repeat,
        mmsi,
        status: uint(38, 4),
        turn: turn === -128 ? null : turn,
        speed: speed10(50),
        accuracy: bit(60),
        lon: lon28(61),
        lat: lat27(89),
        course: course12(116),
        heading: heading9(128),
        second: uint(137, 6),
        maneuver: uint(143, 2),
        raim: bit(148),
        radio: uint(149, 19),
      };
    }
    case 4:
    case 11: {
      const year = uint(38, 14);
      const month = uint(52, 4);
      const day = uint(56, 5);
      const hour = uint(61, 5);
      const minute = uint(66, 6);
      const second = uint(72, 6);
      return {
        type,
        repeat,
        mmsi,
        year,
        month,
        day,
        hour,
        minute,
        second,
        time: utcTime(year, month, day, hour, minute, second),
        accuracy: bit(78),
        lon: lon28(79),
        lat: lat27(107),
        epfd: uint(134, 4),
        raim: bit(148),
        radio: uint(149, 19),
      };
    }
    case 5: {
      const imo = uint(40, 30);
      const month = uint(274, 4);
      const day = uint(278, 5);
      const hour = uint(283, 5);
      const minute = uint(288, 6);
      const draught = uint(294, 8);
      return {
        type,
        repeat,
        mmsi,
        aisVersion: uint(38, 2),
        imo: imo === 0 ? null : imo,
        callsign: text(70, 7),
        shipname: text(112, 20),
        shiptype: uint(232, 8),
        toBow: uint(240, 9),
        toStern: uint(249, 9),
        toPort: uint(258, 6),
        toStarboard: uint(264, 6),
        epfd: uint(270, 4),
        etaMonth: month === 0 || month > 12 ? null : month,
        etaDay: day === 0 ? null : day,
        etaHour: hour > 23 ? null : hour,
        etaMinute: minute > 59 ? null : minute,
        draught: draught === 0 ? null : draught / 10,
        destination: text(302, 20),
        dte: bit(422),
      };
    }
    case 9: {
      const altitude = uint(38, 12);
      const speed = uint(50, 10);
      return {
        type,
        repeat,
        mmsi,
        altitude: altitude === 4095 ? null : altitude,
        speed: speed === 1023 ? null : speed,
        accuracy: bit(60),
        lon: lon28(61),
        lat: lat27(89),
        course: course12(116),
        second: uint(128, 6),
        regional: uint(134, 8),
        dte: bit(142),
        assigned: bit(146),
        raim: bit(147),
        radio: uint(148, 20),
      };
    }
    case 18:
      return {
        type,
        repeat,
        mmsi,
        speed: speed10(46),
        accuracy: bit(56),
        lon: lon28(57),
        lat: lat27(85),
        course: course12(112),
        heading: heading9(124),
        second: uint(133, 6),
        regional: uint(139, 2),
        cs: bit(141),
        display: bit(142),
        dsc: bit(143),
        band: bit(144),
        msg22: bit(145),
        assigned: bit(146),
        raim: bit(147),
        radio: uint(148, 20),
      };
    case 19:
      return {
        type,
        repeat,
        mmsi,
        speed: speed10(46),
        accuracy: bit(56),
        lon: lon28(57),
        lat: lat27(85),
        course: course12(112),
        heading: heading9(124),
        second: uint(133, 6),
        regional: uint(139, 4),
        shipname: text(143, 20),
        shiptype: uint(263, 8),
        toBow: uint(271, 9),
        toStern: uint(280, 9),
        toPort: uint(289, 6),
        toStarboard: uint(295, 6),
        epfd: uint(301, 4),
        raim: bit(305),
        dte: bit(306),
        assigned: bit(307),
      };
    case 21: {
      let name = text(43, 20);
      // the name extension fills the bits after 272, whole characters only. It continues the name only when the
      // 20 characters hold no '@': some stations pad with '@' then spaces ("NEIST POINT@@@@@@@  ").
      if (bitLength >= 278 && !hasPadding(43, 20)) name = (untrimmedText(43, 20) + text(272, 14)).trimEnd();
      return {
        type,
        repeat,
        mmsi,
        aidType: uint(38, 5),
        name,
        accuracy: bit(163),
        lon: lon28(164),
        lat: lat27(192),
        toBow: uint(219, 9),
        toStern: uint(228, 9),
        toPort: uint(237, 6),
        toStarboard: uint(243, 6),
        epfd: uint(249, 4),
        second: uint(253, 6),
        offPosition: bit(259),
        regional: uint(260, 8),
        raim: bit(268),
        virtualAid: bit(269),
        assigned: bit(270),
      };
    }
    case 24: {
      const part = uint(38, 2);
      if (part === 0) {
        if (bitLength < 160) return FAIL.tooShort;
        return { type, repeat, mmsi, part: 'A', shipname: text(40, 20) };
      }
      if (part !== 1) return FAIL.badField;
      if (bitLength < 168) return FAIL.tooShort;
      const auxiliary = ((mmsi / 10000000) | 0) === 98;
      return {
        type,
        repeat,
        mmsi,
        part: 'B',
        shiptype: uint(40, 8),
        vendorId: text(48, 3),
        model: uint(66, 4),
        serial: uint(70, 20),
        callsign: text(90, 7),
        toBow: auxiliary ? 0 : uint(132, 9),
        toStern: auxiliary ? 0 : uint(141, 9),
        toPort: auxiliary ? 0 : uint(150, 6),
        toStarboard: auxiliary ? 0 : uint(156, 6),
        mothershipMmsi: auxiliary ? uint(132, 30) : null,
      };
    }
    case 27: {
      const lon = int(44, 18);
      const lat = int(62, 17);
      const speed = uint(79, 6);
      const course = uint(85, 9);
      return {
        type,
        repeat,
        mmsi,
        accuracy: bit(38),
        raim: bit(39),
        status: uint(40, 4),
        lon: lon > 108000 || lon < -108000 ? null : lon / 600,
        lat: lat > 54000 || lat < -54000 ? null : lat / 600,
        speed: speed === 63 ? null : speed,
        course: course >= 360 ? null : course,
        gnss: !bit(94),
      };
    }
    default:
      return {
        type: type as OtherMessageType,
        repeat,
        mmsi,
        raw: true,
        payload: payload ?? armoured(n),
        fillBits,
      };
  }
}

export function isDecodeFailure(r: AisRecord | DecodeFailure): r is DecodeFailure {
  return (r as DecodeFailure).rejected !== undefined;
}
