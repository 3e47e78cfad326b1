/**
 * Compact columnar encoding of a vessel's positions for one UTC day (one store row per vessel-day, or a few
 * chunks until compacted). A busy day of a region is thousands of rows of a few kilobytes, not millions of
 * position rows, and a track is read back with one indexed lookup and one decode.
 *
 * Layout (version 1): `0x01`, varint count, varint source count, each source id (varint length + UTF-8), then
 * the columns one after another, each over all positions:
 *   t        ms since the epoch, first absolute, then zigzag deltas (varints)
 *   lat, lon 1/600000 degree (AIS's own resolution, so NMEA positions round-trip exactly), zigzag deltas
 *   sog      knots × 10, varint of value + 1 (0 = not available)
 *   cog      degrees × 10, varint of value + 1 (0 = not available)
 *   heading  degrees, varint of value + 1 (0 = not available)
 *   status   byte (255 = none)
 *   type     byte (AIS message type; 0 = unknown, e.g. from a CSV)
 *   source   varint index into the source list (file sha256 or feed log id)
 *   line     zigzag delta varints (line of the raw sentence in that source)
 * Positions are kept sorted by time; duplicates (the same time and position, such as one report heard by two
 * receivers or a file ingested again under another name) are stored once, with the first one's source line.
 */

export const UNIT = 600000;

/** Positions of one vessel (one day or any span), column by column. */
export interface TrackColumns {
  n: number;
  t: Float64Array;
  /** 1/600000 degree. */
  lat: Int32Array;
  lon: Int32Array;
  /** Knots × 10, -1 = not available. */
  sog: Int16Array;
  /** Degrees × 10, -1 = not available. */
  cog: Int16Array;
  /** Degrees, -1 = not available. */
  heading: Int16Array;
  /** 255 = none. */
  status: Uint8Array;
  msgType: Uint8Array;
  /** Index into `sources`. */
  src: Uint16Array;
  line: Float64Array;
  sources: string[];
}

export function emptyTrack(capacity = 16): TrackColumns {
  return {
    n: 0,
    t: new Float64Array(capacity),
    lat: new Int32Array(capacity),
    lon: new Int32Array(capacity),
    sog: new Int16Array(capacity),
    cog: new Int16Array(capacity),
    heading: new Int16Array(capacity),
    status: new Uint8Array(capacity),
    msgType: new Uint8Array(capacity),
    src: new Uint16Array(capacity),
    line: new Float64Array(capacity),
    sources: [],
  };
}

function grow(c: TrackColumns, capacity: number): void {
  const copy = <T extends Float64Array | Int32Array | Int16Array | Uint8Array | Uint16Array>(
    a: T,
    make: (n: number) => T,
  ): T => {
    const b = make(capacity);
    b.set(a.subarray(0, c.n));
    return b;
  };
  c.t = copy(c.t, (n) => new Float64Array(n));
  c.lat = copy(c.lat, (n) => new Int32Array(n));
  c.lon = copy(c.lon, (n) => new Int32Array(n));
  c.sog = copy(c.sog, (n) => new Int16Array(n));
  c.cog = copy(c.cog, (n) => new Int16Array(n));
  c.heading = copy(c.heading, (n) => new Int16Array(n));
  c.status = copy(c.status, (n) => new Uint8Array(n));
  c.msgType = copy(c.msgType, (n) => new Uint8Array(n));
  c.src = copy(c.src, (n) => new Uint16Array(n));
  c.line = copy(c.line, (n) => new Float64Array(n));
}

/** Index of a source id in the track's source list, adding it when new. */
export function sourceIndex(c: TrackColumns, source: string): number {
  const i = c.sources.indexOf(source);
  if (i >= 0) return i;
  if (c.sources.length >= 0xffff) throw new Error('too many sources in one vessel-day');
  c.sources.push(source);
  return c.sources.length - 1;
}

/** Degrees → store units, rounded (CSV positions with more decimals are kept to about 0.2 m). */
export function toUnits(deg: number): number {
  return Math.round(deg * UNIT);
}

function speed10(v: number | null): number {
  return v === null ? -1 : Math.round(v * 10);
}

/** Appends one position. Values outside the encodable ranges are stored as "not available". */
export function appendPosition(
  c: TrackColumns,
  t: number,
  lat: number,
  lon: number,
  sog: number | null,
  cog: number | null,
  heading: number | null,
  status: number | null,
  msgType: number,
  src: number,
  line: number,
): void {
  if (c.n === c.t.length) grow(c, c.n * 2);
  const i = c.n++;
  c.t[i] = t;
  c.lat[i] = toUnits(lat);
  c.lon[i] = toUnits(lon);
  const s = speed10(sog);
  c.sog[i] = s > 32000 ? -1 : s;
  const k = speed10(cog);
  c.cog[i] = k > 3600 ? -1 : k;
  c.heading[i] = heading === null || heading > 511 ? -1 : heading;
  c.status[i] = status === null ? 255 : status;
  c.msgType[i] = msgType;
  c.src[i] = src;
  c.line[i] = line;
}

// --- varint writer over a growable byte buffer ---------------------------------------------------------------

class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }
  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + extra));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  byte(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  /** Unsigned varint of a non-negative integer up to 2^53. */
  varint(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    while (v >= 0x80) {
      buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    buf[this.pos++] = v;
  }
  zigzag(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

class ByteReader {
  readonly buf: Uint8Array;
  pos = 0;
  constructor(buf: Uint8Array) {
    this.buf = buf;
  }
  byte(): number {
    if (this.pos >= this.buf.length) throw new Error('track data truncated');
    return this.buf[this.pos++] as number;
  }
  varint(): number {
    const buf = this.buf;
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= buf.length) throw new Error('track data truncated');
      const b = buf[this.pos++] as number;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new Error('track data corrupt (varint too long)');
    }
  }
  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sorts by time (then source and line) and drops duplicates (same time and position); returns a new TrackColumns. */
export function normalizeTrack(c: TrackColumns): TrackColumns {
  const n = c.n;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    // equal times must be sorted too, so that duplicates (same time, source and line) end up adjacent
    if ((c.t[i] as number) <= (c.t[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!sorted) {
    order.sort(
      (a, b) =>
        (c.t[a] as number) - (c.t[b] as number) ||
        (c.src[a] as number) - (c.src[b] as number) ||
        (c.line[a] as number) - (c.line[b] as number) ||
        a - b,
    );
  }
  const out = emptyTrack(n);
  out.sources = c.sources.slice();
  let last = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (last >= 0 && c.t[i] === c.t[last] && c.lat[i] === c.lat[last] && c.lon[i] === c.lon[last]) {
      continue;
    }
    copyRow(c, i, out, c.src[i] as number);
    last = i;
  }
  return out;
}

/** Appends row i of `from` to `to` (which has room), with `src` as its source index in `to`. */
function copyRow(from: TrackColumns, i: number, to: TrackColumns, src: number): void {
  const j = to.n++;
  to.t[j] = from.t[i] as number;
  to.lat[j] = from.lat[i] as number;
  to.lon[j] = from.lon[i] as number;
  to.sog[j] = from.sog[i] as number;
  to.cog[j] = from.cog[i] as number;
  to.heading[j] = from.heading[i] as number;
  to.status[j] = from.status[i] as number;
  to.msgType[j] = from.msgType[i] as number;
  to.src[j] = src;
  to.line[j] = from.line[i] as number;
}

/** Encodes positions already in time order (see normalizeTrack). */
export function encodeTrack(c: TrackColumns): Uint8Array {
  const n = c.n;
  const w = new ByteWriter(16 + n * 14);
  w.byte(1);
  w.varint(n);
  w.varint(c.sources.length);
  for (const s of c.sources) {
    const b = encoder.encode(s);
    w.varint(b.length);
    w.bytes(b);
  }
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const v = c.t[i] as number;
    w.zigzag(v - prev);
    prev = v;
  }
  prev = 0;
  for (let i = 0; i < n; i++) {
    const v = c.lat[i] as number;
    w.zigzag(v - prev);
    prev = v;
  }
  prev = 0;
  for (let i = 0; i < n; i++) {
    const v = c.lon[i] as number;
    w.zigzag(v - prev);
    prev = v;
  }
  for (let i = 0; i < n; i++) w.varint((c.sog[i] as number) + 1);
  for (let i = 0; i < n; i++) w.varint((c.cog[i] as number) + 1);
  for (let i = 0; i < n; i++) w.varint((c.heading[i] as number) + 1);
  for (let i = 0; i < n; i++) w.byte(c.status[i] as number);
  for (let i = 0; i < n; i++) w.byte(c.msgType[i] as number);
  for (let i = 0; i < n; i++) w.varint(c.src[i] as number);
  prev = 0;
  for (let i = 0; i < n; i++) {
    const v = c.line[i] as number;
    w.zigzag(v - prev);
    prev = v;
  }
  return w.buf.slice(0, w.pos);
}

/** Decodes one encoded vessel-day; throws on corrupt data rather than returning wrong positions. */
export function decodeTrack(bytes: Uint8Array): TrackColumns {
  const r = new ByteReader(bytes);
  const version = r.byte();
  if (version !== 1) throw new Error(`unknown track encoding version ${version}`);
  const n = r.varint();
  if (n > bytes.length) throw new Error('track data corrupt (count)');
  const c = emptyTrack(n);
  c.n = n;
  const sourceCount = r.varint();
  for (let s = 0; s < sourceCount; s++) {
    const len = r.varint();
    if (r.pos + len > bytes.length) throw new Error('track data truncated');
    c.sources.push(decoder.decode(bytes.subarray(r.pos, r.pos + len)));
    r.pos += len;
  }
  let acc = 0;
  for (let i = 0; i < n; i++) c.t[i] = acc += r.zigzag();
  acc = 0;
  for (let i = 0; i < n; i++) c.lat[i] = acc += r.zigzag();
  acc = 0;
  for (let i = 0; i < n; i++) c.lon[i] = acc += r.zigzag();
  for (let i = 0; i < n; i++) c.sog[i] = r.varint() - 1;
  for (let i = 0; i < n; i++) c.cog[i] = r.varint() - 1;
  for (let i = 0; i < n; i++) c.heading[i] = r.varint() - 1;
  for (let i = 0; i < n; i++) c.status[i] = r.byte();
  for (let i = 0; i < n; i++) c.msgType[i] = r.byte();
  for (let i = 0; i < n; i++) {
    const s = r.varint();
    if (s >= sourceCount) throw new Error('track data corrupt (source index)');
    c.src[i] = s;
  }
  acc = 0;
  for (let i = 0; i < n; i++) c.line[i] = acc += r.zigzag();
  if (r.pos !== bytes.length) throw new Error('track data corrupt (trailing bytes)');
  return c;
}

/** Concatenates tracks (their source lists are merged), then sorts and deduplicates. */
export function mergeTracks(tracks: readonly TrackColumns[]): TrackColumns {
  if (tracks.length === 1) return normalizeTrack(tracks[0] as TrackColumns);
  let total = 0;
  for (const t of tracks) total += t.n;
  const all = emptyTrack(Math.max(1, total));
  for (const t of tracks) {
    const map = t.sources.map((s) => sourceIndex(all, s));
    for (let i = 0; i < t.n; i++) copyRow(t, i, all, map[t.src[i] as number] as number);
  }
  return normalizeTrack(all);
}

/** Time range and bounding box (degrees) of a non-empty track. */
export function trackExtent(c: TrackColumns): {
  tMin: number;
  tMax: number;
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
} {
  let tMin = Number.POSITIVE_INFINITY;
  let tMax = Number.NEGATIVE_INFINITY;
  let latMin = Number.POSITIVE_INFINITY;
  let latMax = Number.NEGATIVE_INFINITY;
  let lonMin = Number.POSITIVE_INFINITY;
  let lonMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < c.n; i++) {
    const t = c.t[i] as number;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
    const la = c.lat[i] as number;
    if (la < latMin) latMin = la;
    if (la > latMax) latMax = la;
    const lo = c.lon[i] as number;
    if (lo < lonMin) lonMin = lo;
    if (lo > lonMax) lonMax = lo;
  }
  return {
    tMin,
    tMax,
    latMin: latMin / UNIT,
    latMax: latMax / UNIT,
    lonMin: lonMin / UNIT,
    lonMax: lonMax / UNIT,
  };
}

/** One decoded position in plain units, for API answers. */
export interface TrackPoint {
  t: number;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  status: number | null;
  msgType: number;
  source: string;
  line: number;
}

export function pointAt(c: TrackColumns, i: number): TrackPoint {
  const sog = c.sog[i] as number;
  const cog = c.cog[i] as number;
  const heading = c.heading[i] as number;
  const status = c.status[i] as number;
  return {
    t: c.t[i] as number,
    lat: (c.lat[i] as number) / UNIT,
    lon: (c.lon[i] as number) / UNIT,
    sog: sog < 0 ? null : sog / 10,
    cog: cog < 0 ? null : cog / 10,
    heading: heading < 0 ? null : heading,
    status: status === 255 ? null : status,
    msgType: c.msgType[i] as number,
    source: c.sources[c.src[i] as number] as string,
    line: c.line[i] as number,
  };
}

/** UTC day number (days since 1970-01-01) of a time in ms. */
export function utcDay(t: number): number {
  return Math.floor(t / 86_400_000);
}

export function dayString(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
