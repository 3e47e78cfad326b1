/**
 * Output records for `watchkeeper ais decode`: NDJSON (the typed record with receive time and source) and a
 * fixed-column CSV. NDJSON is written as bytes straight into a large output buffer (`OutputBuffer`), field by
 * field in the record's own order: byte for byte what JSON.stringify gives, at a fraction of its cost (it was
 * half the time of the whole command). CSV rows are strings.
 */
import type {
  AidToNavigationReport,
  BaseStationReport,
  ExtendedPositionReportB,
  LongRangeReport,
  PositionReportA,
  PositionReportB,
  RawMessage,
  SarAircraftReport,
  StaticDataReportA,
  StaticDataReportB,
  StaticVoyageData,
} from './decode.ts';
import type { DecodedMessage } from './index.ts';

export type OutputFormat = 'ndjson' | 'csv';

/** 10000-01-01: from here on toISOString writes six-digit years. */
const MAX_FOUR_DIGIT_YEAR_MS = 253402300800000;

/** A time as JSON the way JSON.stringify writes a Date; null when it is no valid Date (never throws). */
function isoJsonSlow(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? 'null' : `"${d.toISOString()}"`;
}

/** The reference form of ndjsonLine (JSON.stringify of the record), for text the byte writer cannot give. */
function ndjsonLineViaStringify(m: DecodedMessage): string {
  const time = m.receivedAt === null ? 'null' : isoJsonSlow(m.receivedAt);
  const source = m.source === null ? 'null' : JSON.stringify(m.source);
  return `{"receivedAt":${time},"source":${source},${JSON.stringify(m.data).slice(1)}\n`;
}

/**
 * One NDJSON line: `{"receivedAt":ISO|null,"source":station|null,<the typed record's fields>}`, exactly what
 * JSON.stringify gives for `{receivedAt, source, ...m.data}` (with receivedAt as an ISO string).
 */
export function ndjsonLine(m: DecodedMessage): string {
  const w = lineWriter;
  w.reset();
  if (!w.ndjson(m)) return ndjsonLineViaStringify(m);
  return latin1Slice.call(w.bytes, 0, w.length);
}

const latin1Slice = Buffer.prototype.latin1Slice;

// The NDJSON writer. Every helper takes the bytes, a DataView of them and the write position, and returns the
// new position, so the position stays in a register through a record; room for a record is made before it is
// written. Keys are constant text written four bytes at a time (a DataView store is one instruction), at least
// 16 bytes of it: what is stored past the text is overwritten by what follows, and the reserve covers the end.

/** A text had characters beyond Latin-1: the bytes hold only their low 8 bits (as a 'latin1' write would). */
let wide = false;

/**
 * Constant ASCII text as little-endian 32-bit words: the first 16 bytes in w0..w3 (always all stored; what lies
 * past the text is overwritten by what follows), any more in `rest`.
 */
interface Text {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  rest: Uint32Array;
  length: number;
}

function text(s: string): Text {
  const words = new Uint32Array(Math.max(4, Math.ceil(s.length / 4)));
  for (let i = 0; i < s.length; i++) words[i >> 2] |= s.charCodeAt(i) << ((i & 3) * 8);
  return { w0: words[0], w1: words[1], w2: words[2], w3: words[3], rest: words.slice(4), length: s.length };
}

/** A key followed by `true`, or by `false`. */
interface Flag {
  yes: Text;
  no: Text;
}

function flagKey(name: string): Flag {
  return { yes: text(`,"${name}":true`), no: text(`,"${name}":false`) };
}

function put(w: DataView, p: number, t: Text): number {
  w.setUint32(p, t.w0, true);
  w.setUint32(p + 4, t.w1, true);
  w.setUint32(p + 8, t.w2, true);
  w.setUint32(p + 12, t.w3, true);
  if (t.length > 16) {
    const rest = t.rest;
    for (let i = 0; i < rest.length; i++) w.setUint32(p + 16 + 4 * i, rest[i], true);
  }
  return p + t.length;
}

/** A non-negative integer below 2^31, in decimal. */
function smallDigits(b: Uint8Array, p: number, v: number): number {
  if (v < 10) {
    b[p] = 48 + v;
    return p + 1;
  }
  if (v < 100) {
    const tens = (v / 10) | 0;
    b[p] = 48 + tens;
    b[p + 1] = 48 + v - tens * 10;
    return p + 2;
  }
  const n =
    v < 1000
      ? 3
      : v < 10000
        ? 4
        : v < 100000
          ? 5
          : v < 1000000
            ? 6
            : v < 10000000
              ? 7
              : v < 100000000
                ? 8
                : v < 1000000000
                  ? 9
                  : 10;
  let t = v;
  for (let i = p + n - 1; i >= p; i--) {
    const q = (t / 10) | 0;
    b[i] = 48 + (t - q * 10);
    t = q;
  }
  return p + n;
}

/** A non-negative integer below 2^53, in decimal. */
function digits(b: Uint8Array, p: number, v: number): number {
  if (v < 2147483648) return smallDigits(b, p, v);
  let n = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) n++;
  let t = v;
  for (let i = p + n - 1; i >= p; i--) {
    const q = Math.floor(t / 10);
    b[i] = 48 + (t - q * 10);
    t = q;
  }
  return p + n;
}

const NULL = text('null');

/**
 * A number (or null) as JSON.stringify writes it. Number#toString (shortest round trip) is the one costly part
 * of a record, and most AIS values need none of it: integers, and values that are exactly the double nearest a
 * decimal with at most 6 decimals (speeds and courses in tenths, and a third of the positions, whose 1/600000
 * degree is a whole 1/1000000). Such a value's shortest round-trip text is that decimal: any text with fewer
 * digits is at least 1e-6 away, far outside the value's rounding interval below 1e9.
 */
function value(b: Uint8Array, w: DataView, p: number, v: number | null): number {
  if (v === null) return put(w, p, NULL);
  if (v >= 0 && v < 2147483648 && (v | 0) === v) return smallDigits(b, p, v);
  const m = Math.abs(v);
  // -0 is written 0, as JSON does
  if (m === 0 || !(m < 1e9)) return slowValue(b, p, v);
  const q = Math.round(m * 1e6);
  if (q / 1e6 !== m || m < 1e-6) return slowValue(b, p, v);
  if (v < 0) b[p++] = 45;
  const whole = Math.floor(m);
  p = digits(b, p, whole);
  let frac = (q - whole * 1e6) | 0;
  if (frac === 0) return p;
  b[p++] = 46;
  // six decimals, trailing zeros dropped
  let n = 6;
  while (frac % 10 === 0) {
    frac = (frac / 10) | 0;
    n--;
  }
  for (let i = p + n - 1; i >= p; i--) {
    const t = (frac / 10) | 0;
    b[i] = 48 + (frac - t * 10);
    frac = t;
  }
  return p + n;
}

function slowValue(b: Uint8Array, p: number, v: number): number {
  return latin1Text(b, p, Number.isFinite(v) ? String(v) : 'null');
}

function latin1Text(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  return p;
}

function num(b: Uint8Array, w: DataView, p: number, key: Text, v: number | null): number {
  return value(b, w, put(w, p, key), v);
}

function flag(w: DataView, p: number, key: Flag, v: boolean): number {
  return put(w, p, v ? key.yes : key.no);
}

/** A key and a string (or null) as JSON.stringify writes it (room: 6 bytes a character, see textRoom). */
function str(b: Uint8Array, w: DataView, p: number, key: Text, s: string | null): number {
  p = put(w, p, key);
  if (s === null) return put(w, p, NULL);
  const start = p;
  b[p++] = 34;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) return escaped(b, start, s);
    b[p++] = c;
  }
  b[p++] = 34;
  return p;
}

/** Escapes and characters beyond ASCII: JSON.stringify's own text (rare in AIS). */
function escaped(b: Uint8Array, p: number, s: string): number {
  const json = JSON.stringify(s);
  for (let k = 0; k < json.length; k++) {
    const d = json.charCodeAt(k);
    if (d > 255) wide = true;
    b[p++] = d;
  }
  return p;
}

function pad2(b: Uint8Array, p: number, v: number): number {
  const tens = (v / 10) | 0;
  b[p] = 48 + tens;
  b[p + 1] = 48 + (v - tens * 10);
  return p + 2;
}

// The text of the receive time up to its second, `"YYYY-MM-DDTHH:MM:SS.` (21 bytes, as 32-bit words), kept while
// the second stays the same: consecutive messages mostly share it (82% in the DMA recording).
let isoSecond = Number.NaN;
const isoSecondText = new Uint8Array(24);
const isoSecondWords = new Uint32Array(isoSecondText.buffer);

function setIsoSecond(second: number): void {
  const iso = new Date(second * 1000).toISOString();
  isoSecondText[0] = 34;
  for (let i = 0; i < 20; i++) isoSecondText[i + 1] = iso.charCodeAt(i);
  isoSecond = second;
}

/** A receive time as JSON.stringify writes a Date: its ISO string, or null. */
function time(b: Uint8Array, w: DataView, p: number, ms: number | null): number {
  if (ms === null) return put(w, p, NULL);
  if (!(ms >= 0 && ms < MAX_FOUR_DIGIT_YEAR_MS) || !Number.isInteger(ms)) {
    return latin1Text(b, p, isoJsonSlow(ms));
  }
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) setIsoSecond(second);
  for (let i = 0; i < 6; i++) w.setUint32(p + 4 * i, isoSecondWords[i], true);
  p += 21;
  const milli = ms - second * 1000;
  const hundreds = (milli / 100) | 0;
  b[p] = 48 + hundreds;
  p = pad2(b, p + 1, milli - hundreds * 100);
  b[p] = 90;
  b[p + 1] = 34;
  return p + 2;
}

// Keys, in the form they are written: `,"name":`.
const K_RECEIVED_AT = text('{"receivedAt":');
const K_SOURCE = text(',"source":');
const K_TYPE = text(',"type":');
const K_REPEAT = text(',"repeat":');
const K_MMSI = text(',"mmsi":');
const K_STATUS = text(',"status":');
const K_TURN = text(',"turn":');
const K_SPEED = text(',"speed":');
const K_LON = text(',"lon":');
const K_LAT = text(',"lat":');
const K_COURSE = text(',"course":');
const K_HEADING = text(',"heading":');
const K_SECOND = text(',"second":');
const K_MANEUVER = text(',"maneuver":');
const K_RADIO = text(',"radio":');
const K_YEAR = text(',"year":');
const K_MONTH = text(',"month":');
const K_DAY = text(',"day":');
const K_HOUR = text(',"hour":');
const K_MINUTE = text(',"minute":');
const K_TIME = text(',"time":');
const K_EPFD = text(',"epfd":');
const K_AIS_VERSION = text(',"aisVersion":');
const K_IMO = text(',"imo":');
const K_CALLSIGN = text(',"callsign":');
const K_SHIPNAME = text(',"shipname":');
const K_SHIPTYPE = text(',"shiptype":');
const K_TO_BOW = text(',"toBow":');
const K_TO_STERN = text(',"toStern":');
const K_TO_PORT = text(',"toPort":');
const K_TO_STARBOARD = text(',"toStarboard":');
const K_ETA_MONTH = text(',"etaMonth":');
const K_ETA_DAY = text(',"etaDay":');
const K_ETA_HOUR = text(',"etaHour":');
const K_ETA_MINUTE = text(',"etaMinute":');
const K_DRAUGHT = text(',"draught":');
const K_DESTINATION = text(',"destination":');
const K_ALTITUDE = text(',"altitude":');
const K_REGIONAL = text(',"regional":');
const K_AID_TYPE = text(',"aidType":');
const K_NAME = text(',"name":');
const K_PART_A = text(',"part":"A","shipname":');
const K_PART_B = text(',"part":"B","shiptype":');
const K_VENDOR_ID = text(',"vendorId":');
const K_MODEL = text(',"model":');
const K_SERIAL = text(',"serial":');
const K_MOTHERSHIP = text(',"mothershipMmsi":');
const K_PAYLOAD = text(',"payload":');
const K_FILL_BITS = text(',"fillBits":');
const K_END = text('}\n');
const F_ACCURACY = flagKey('accuracy');
const F_RAIM = flagKey('raim');
const F_DTE = flagKey('dte');
const F_ASSIGNED = flagKey('assigned');
const F_CS = flagKey('cs');
const F_DISPLAY = flagKey('display');
const F_DSC = flagKey('dsc');
const F_BAND = flagKey('band');
const F_MSG22 = flagKey('msg22');
const F_OFF_POSITION = flagKey('offPosition');
const F_VIRTUAL_AID = flagKey('virtualAid');
const F_GNSS = flagKey('gnss');
const F_RAW = flagKey('raw');

// One function per record layout, the fields in the order decodePayload creates them (which is the order
// JSON.stringify follows). format.test.ts holds every layout to JSON.stringify.

function positionA(b: Uint8Array, w: DataView, p: number, d: PositionReportA): number {
  p = num(b, w, p, K_STATUS, d.status);
  p = num(b, w, p, K_TURN, d.turn);
  p = num(b, w, p, K_SPEED, d.speed);
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = num(b, w, p, K_COURSE, d.course);
  p = num(b, w, p, K_HEADING, d.heading);
  p = num(b, w, p, K_SECOND, d.second);
  p = num(b, w, p, K_MANEUVER, d.maneuver);
  p = flag(w, p, F_RAIM, d.raim);
  return num(b, w, p, K_RADIO, d.radio);
}

function baseStation(b: Uint8Array, w: DataView, p: number, d: BaseStationReport): number {
  p = num(b, w, p, K_YEAR, d.year);
  p = num(b, w, p, K_MONTH, d.month);
  p = num(b, w, p, K_DAY, d.day);
  p = num(b, w, p, K_HOUR, d.hour);
  p = num(b, w, p, K_MINUTE, d.minute);
  p = num(b, w, p, K_SECOND, d.second);
  p = num(b, w, p, K_TIME, d.time);
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = num(b, w, p, K_EPFD, d.epfd);
  p = flag(w, p, F_RAIM, d.raim);
  return num(b, w, p, K_RADIO, d.radio);
}

function dimensions(
  b: Uint8Array,
  w: DataView,
  p: number,
  d: { toBow: number; toStern: number; toPort: number; toStarboard: number },
): number {
  p = num(b, w, p, K_TO_BOW, d.toBow);
  p = num(b, w, p, K_TO_STERN, d.toStern);
  p = num(b, w, p, K_TO_PORT, d.toPort);
  return num(b, w, p, K_TO_STARBOARD, d.toStarboard);
}

function staticVoyage(b: Uint8Array, w: DataView, p: number, d: StaticVoyageData): number {
  p = num(b, w, p, K_AIS_VERSION, d.aisVersion);
  p = num(b, w, p, K_IMO, d.imo);
  p = str(b, w, p, K_CALLSIGN, d.callsign);
  p = str(b, w, p, K_SHIPNAME, d.shipname);
  p = num(b, w, p, K_SHIPTYPE, d.shiptype);
  p = dimensions(b, w, p, d);
  p = num(b, w, p, K_EPFD, d.epfd);
  p = num(b, w, p, K_ETA_MONTH, d.etaMonth);
  p = num(b, w, p, K_ETA_DAY, d.etaDay);
  p = num(b, w, p, K_ETA_HOUR, d.etaHour);
  p = num(b, w, p, K_ETA_MINUTE, d.etaMinute);
  p = num(b, w, p, K_DRAUGHT, d.draught);
  p = str(b, w, p, K_DESTINATION, d.destination);
  return flag(w, p, F_DTE, d.dte);
}

function sarAircraft(b: Uint8Array, w: DataView, p: number, d: SarAircraftReport): number {
  p = num(b, w, p, K_ALTITUDE, d.altitude);
  p = num(b, w, p, K_SPEED, d.speed);
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = num(b, w, p, K_COURSE, d.course);
  p = num(b, w, p, K_SECOND, d.second);
  p = num(b, w, p, K_REGIONAL, d.regional);
  p = flag(w, p, F_DTE, d.dte);
  p = flag(w, p, F_ASSIGNED, d.assigned);
  p = flag(w, p, F_RAIM, d.raim);
  return num(b, w, p, K_RADIO, d.radio);
}

/** The fields types 18 and 19 share, speed to regional. */
function classBPosition(
  b: Uint8Array,
  w: DataView,
  p: number,
  d: PositionReportB | ExtendedPositionReportB,
): number {
  p = num(b, w, p, K_SPEED, d.speed);
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = num(b, w, p, K_COURSE, d.course);
  p = num(b, w, p, K_HEADING, d.heading);
  p = num(b, w, p, K_SECOND, d.second);
  return num(b, w, p, K_REGIONAL, d.regional);
}

function positionB(b: Uint8Array, w: DataView, p: number, d: PositionReportB): number {
  p = classBPosition(b, w, p, d);
  p = flag(w, p, F_CS, d.cs);
  p = flag(w, p, F_DISPLAY, d.display);
  p = flag(w, p, F_DSC, d.dsc);
  p = flag(w, p, F_BAND, d.band);
  p = flag(w, p, F_MSG22, d.msg22);
  p = flag(w, p, F_ASSIGNED, d.assigned);
  p = flag(w, p, F_RAIM, d.raim);
  return num(b, w, p, K_RADIO, d.radio);
}

function extendedPositionB(b: Uint8Array, w: DataView, p: number, d: ExtendedPositionReportB): number {
  p = classBPosition(b, w, p, d);
  p = str(b, w, p, K_SHIPNAME, d.shipname);
  p = num(b, w, p, K_SHIPTYPE, d.shiptype);
  p = dimensions(b, w, p, d);
  p = num(b, w, p, K_EPFD, d.epfd);
  p = flag(w, p, F_RAIM, d.raim);
  p = flag(w, p, F_DTE, d.dte);
  return flag(w, p, F_ASSIGNED, d.assigned);
}

function aidToNavigation(b: Uint8Array, w: DataView, p: number, d: AidToNavigationReport): number {
  p = num(b, w, p, K_AID_TYPE, d.aidType);
  p = str(b, w, p, K_NAME, d.name);
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = dimensions(b, w, p, d);
  p = num(b, w, p, K_EPFD, d.epfd);
  p = num(b, w, p, K_SECOND, d.second);
  p = flag(w, p, F_OFF_POSITION, d.offPosition);
  p = num(b, w, p, K_REGIONAL, d.regional);
  p = flag(w, p, F_RAIM, d.raim);
  p = flag(w, p, F_VIRTUAL_AID, d.virtualAid);
  return flag(w, p, F_ASSIGNED, d.assigned);
}

function staticData(b: Uint8Array, w: DataView, p: number, d: StaticDataReportA | StaticDataReportB): number {
  if (d.part === 'A') return str(b, w, p, K_PART_A, d.shipname);
  p = put(w, p, K_PART_B);
  p = value(b, w, p, d.shiptype);
  p = str(b, w, p, K_VENDOR_ID, d.vendorId);
  p = num(b, w, p, K_MODEL, d.model);
  p = num(b, w, p, K_SERIAL, d.serial);
  p = str(b, w, p, K_CALLSIGN, d.callsign);
  p = dimensions(b, w, p, d);
  return num(b, w, p, K_MOTHERSHIP, d.mothershipMmsi);
}

function longRange(b: Uint8Array, w: DataView, p: number, d: LongRangeReport): number {
  p = flag(w, p, F_ACCURACY, d.accuracy);
  p = flag(w, p, F_RAIM, d.raim);
  p = num(b, w, p, K_STATUS, d.status);
  p = num(b, w, p, K_LON, d.lon);
  p = num(b, w, p, K_LAT, d.lat);
  p = num(b, w, p, K_SPEED, d.speed);
  p = num(b, w, p, K_COURSE, d.course);
  return flag(w, p, F_GNSS, d.gnss);
}

function rawMessage(b: Uint8Array, w: DataView, p: number, d: RawMessage): number {
  p = flag(w, p, F_RAW, d.raw);
  p = str(b, w, p, K_PAYLOAD, d.payload);
  return num(b, w, p, K_FILL_BITS, d.fillBits);
}

/** The most one record writes besides its texts. */
const RECORD_RESERVE = 1024;

function len(s: string | null): number {
  return s === null ? 0 : s.length;
}

/** Bytes the texts of a record may take (6 a character: `\u0000`), quotes included. */
function textRoom(m: DecodedMessage): number {
  const d = m.data;
  let n = len(m.source);
  switch (d.type) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 9:
    case 11:
    case 18:
    case 27:
      break;
    case 5:
      n += len(d.callsign) + len(d.shipname) + len(d.destination);
      break;
    case 19:
      n += len(d.shipname);
      break;
    case 21:
      n += len(d.name);
      break;
    case 24:
      n += d.part === 'A' ? len(d.shipname) : len(d.vendorId) + len(d.callsign);
      break;
    default:
      n += len(d.payload);
  }
  return n * 6 + 8;
}

/** Writes one record at p (room made by the caller); returns the new position. */
function writeRecord(b: Uint8Array, w: DataView, p: number, m: DecodedMessage): number {
  p = put(w, p, K_RECEIVED_AT);
  p = time(b, w, p, m.receivedAt);
  p = str(b, w, p, K_SOURCE, m.source);
  const d = m.data;
  p = num(b, w, p, K_TYPE, d.type);
  p = num(b, w, p, K_REPEAT, d.repeat);
  p = num(b, w, p, K_MMSI, d.mmsi);
  switch (d.type) {
    case 1:
    case 2:
    case 3:
      p = positionA(b, w, p, d);
      break;
    case 4:
    case 11:
      p = baseStation(b, w, p, d);
      break;
    case 5:
      p = staticVoyage(b, w, p, d);
      break;
    case 9:
      p = sarAircraft(b, w, p, d);
      break;
    case 18:
      p = positionB(b, w, p, d);
      break;
    case 19:
      p = extendedPositionB(b, w, p, d);
      break;
    case 21:
      p = aidToNavigation(b, w, p, d);
      break;
    case 24:
      p = staticData(b, w, p, d);
      break;
    case 27:
      p = longRange(b, w, p, d);
      break;
    default:
      p = rawMessage(b, w, p, d);
  }
  return put(w, p, K_END);
}

/**
 * Output gathered as bytes in one large buffer, for writes of a megabyte rather than one per record: NDJSON
 * records are written straight into it (no JSON.stringify, no string per record); other text (CSV rows,
 * headers) is added as Latin-1. The bytes equal those of the same text written with the 'latin1' encoding.
 */
export class OutputBuffer {
  private buffer: Buffer;
  private view: DataView;
  private used = 0;
  private readonly initialSize: number;

  constructor(initialSize = 1 << 20) {
    this.initialSize = initialSize;
    this.buffer = Buffer.allocUnsafe(initialSize);
    this.view = viewOf(this.buffer);
  }

  /** Bytes written and not yet taken. */
  get length(): number {
    return this.used;
  }

  /** The buffer written to (valid up to length). */
  get bytes(): Buffer {
    return this.buffer;
  }

  /**
   * Add the NDJSON line of a message (ndjsonLine's text). Returns false when its text had characters beyond
   * Latin-1 (not from any NMEA input): they were written as their low 8 bits, as a 'latin1' write does.
   */
  ndjson(m: DecodedMessage): boolean {
    this.reserve(RECORD_RESERVE + textRoom(m));
    wide = false;
    this.used = writeRecord(this.buffer, this.view, this.used, m);
    return !wide;
  }

  /** Add text as Latin-1 (each character's low 8 bits). */
  latin1(s: string): void {
    this.reserve(s.length);
    this.used = latin1Text(this.buffer, this.used, s);
  }

  /** Forget what was written (the buffer is reused). */
  reset(): void {
    this.used = 0;
  }

  /** The bytes written so far, now the caller's; writing goes on in a fresh buffer. */
  take(): Buffer {
    const taken = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(Math.max(this.initialSize, this.buffer.length));
    this.view = viewOf(this.buffer);
    this.used = 0;
    return taken;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + n));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
    this.view = viewOf(grown);
  }
}

function viewOf(b: Buffer): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

const lineWriter = new OutputBuffer(4096);

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
