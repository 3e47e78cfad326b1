/**
 * AIS encoding: typed reports to armoured payloads and NMEA sentences (with NMEA 4.0 tag blocks). The
 * scenario simulator and the tests write realistic input with it; the decoder reads it back exactly.
 * Layouts as in decode.ts (ITU-R M.1371); positions are rounded to 1/10000 minute.
 */

class BitWriter {
  private readonly bits: number[] = [];

  uint(value: number, width: number): this {
    let v = Math.max(0, Math.floor(value));
    const out = new Array<number>(width);
    for (let i = width - 1; i >= 0; i--) {
      out[i] = v % 2;
      v = Math.floor(v / 2);
    }
    this.bits.push(...out);
    return this;
  }

  int(value: number, width: number): this {
    const v = Math.round(value);
    return this.uint(v < 0 ? 2 ** width + v : v, width);
  }

  text(value: string, chars: number): this {
    const s = value.toUpperCase().padEnd(chars, '@').slice(0, chars);
    for (let i = 0; i < chars; i++) {
      const c = s.charCodeAt(i);
      // 6-bit ASCII: '@'..'_' are 0..31, ' '..'?' are 32..63; anything else becomes '?'
      const v = c >= 64 && c <= 95 ? c - 64 : c >= 32 && c <= 63 ? c : 63;
      this.uint(v, 6);
    }
    return this;
  }

  /** The armoured payload and its fill bits. */
  armour(): { payload: string; fillBits: number } {
    const fillBits = (6 - (this.bits.length % 6)) % 6;
    const bits = this.bits.concat(new Array<number>(fillBits).fill(0));
    let payload = '';
    for (let i = 0; i < bits.length; i += 6) {
      let v = 0;
      for (let k = 0; k < 6; k++) v = v * 2 + (bits[i + k] as number);
      payload += String.fromCharCode(v < 40 ? v + 48 : v + 56);
    }
    return { payload, fillBits };
  }
}

const lonLat = (deg: number | null, na: number) => (deg === null ? na * 600000 : Math.round(deg * 600000));

export interface PositionFields {
  mmsi: number;
  lat: number | null;
  lon: number | null;
  /** Knots. */
  sog: number | null;
  /** Degrees. */
  cog: number | null;
  heading: number | null;
  /** Navigational status (Class A). */
  status?: number;
  /** UTC second of the report (60 = not available). */
  second?: number;
}

/** Type 1 (Class A position report). */
export function encodeClassAPosition(
  p: PositionFields,
  type: 1 | 2 | 3 = 1,
): { payload: string; fillBits: number } {
  return new BitWriter()
    .uint(type, 6)
    .uint(0, 2)
    .uint(p.mmsi, 30)
    .uint(p.status ?? 0, 4)
    .int(-128, 8)
    .uint(p.sog === null ? 1023 : Math.min(1022, Math.round(p.sog * 10)), 10)
    .uint(1, 1)
    .int(lonLat(p.lon, 181), 28)
    .int(lonLat(p.lat, 91), 27)
    .uint(p.cog === null ? 3600 : Math.round(p.cog * 10) % 3600, 12)
    .uint(p.heading === null ? 511 : Math.round(p.heading) % 360, 9)
    .uint(p.second ?? 60, 6)
    .uint(0, 2)
    .uint(0, 3)
    .uint(0, 1)
    .uint(0, 19)
    .armour();
}

/** Type 18 (Class B position report). */
export function encodeClassBPosition(p: PositionFields): { payload: string; fillBits: number } {
  return new BitWriter()
    .uint(18, 6)
    .uint(0, 2)
    .uint(p.mmsi, 30)
    .uint(0, 8)
    .uint(p.sog === null ? 1023 : Math.min(1022, Math.round(p.sog * 10)), 10)
    .uint(0, 1)
    .int(lonLat(p.lon, 181), 28)
    .int(lonLat(p.lat, 91), 27)
    .uint(p.cog === null ? 3600 : Math.round(p.cog * 10) % 3600, 12)
    .uint(p.heading === null ? 511 : Math.round(p.heading) % 360, 9)
    .uint(p.second ?? 60, 6)
    .uint(0, 2)
    .uint(1, 1)
    .uint(0, 1)
    .uint(1, 1)
    .uint(1, 1)
    .uint(0, 1)
    .uint(0, 1)
    .uint(0, 1)
    .uint(0, 20)
    .armour();
}

export interface StaticFields {
  mmsi: number;
  imo: number | null;
  callsign: string;
  name: string;
  shipType: number;
  /** Metres. */
  length: number;
  beam: number;
  draught: number | null;
  destination: string;
  /** ETA month, day, hour, minute (UTC); null parts are "not available". */
  eta?: { month: number; day: number; hour: number; minute: number } | null;
}

/** Type 5 (static and voyage related data; two sentences). */
export function encodeStaticVoyage(s: StaticFields): { payload: string; fillBits: number } {
  const bow = Math.round(s.length / 2);
  const port = Math.round(s.beam / 2);
  return new BitWriter()
    .uint(5, 6)
    .uint(0, 2)
    .uint(s.mmsi, 30)
    .uint(0, 2)
    .uint(s.imo ?? 0, 30)
    .text(s.callsign, 7)
    .text(s.name, 20)
    .uint(s.shipType, 8)
    .uint(Math.min(511, bow), 9)
    .uint(Math.min(511, Math.max(0, Math.round(s.length) - bow)), 9)
    .uint(Math.min(63, port), 6)
    .uint(Math.min(63, Math.max(0, Math.round(s.beam) - port)), 6)
    .uint(1, 4)
    .uint(s.eta?.month ?? 0, 4)
    .uint(s.eta?.day ?? 0, 5)
    .uint(s.eta?.hour ?? 24, 5)
    .uint(s.eta?.minute ?? 60, 6)
    .uint(s.draught === null ? 0 : Math.min(255, Math.round(s.draught * 10)), 8)
    .text(s.destination, 20)
    .uint(0, 1)
    .uint(0, 1)
    .armour();
}

/** Type 24 part A (Class B name). */
export function encodeStaticA(mmsi: number, name: string): { payload: string; fillBits: number } {
  return new BitWriter().uint(24, 6).uint(0, 2).uint(mmsi, 30).uint(0, 2).text(name, 20).uint(0, 8).armour();
}

/** Type 24 part B (Class B type, call sign, dimensions). */
export function encodeStaticB(
  mmsi: number,
  s: { shipType: number; callsign: string; length: number; beam: number },
): { payload: string; fillBits: number } {
  const bow = Math.round(s.length / 2);
  const port = Math.round(s.beam / 2);
  return new BitWriter()
    .uint(24, 6)
    .uint(0, 2)
    .uint(mmsi, 30)
    .uint(1, 2)
    .uint(s.shipType, 8)
    .text('WKP', 3)
    .uint(0, 4)
    .uint(0, 20)
    .text(s.callsign, 7)
    .uint(Math.min(511, bow), 9)
    .uint(Math.min(511, Math.max(0, Math.round(s.length) - bow)), 9)
    .uint(Math.min(63, port), 6)
    .uint(Math.min(63, Math.max(0, Math.round(s.beam) - port)), 6)
    .uint(0, 6)
    .armour();
}

export function nmeaChecksum(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return x.toString(16).toUpperCase().padStart(2, '0');
}

export interface SentenceOptions {
  /** Receive time (ms): written as a tag block `c:` (unix seconds). */
  time?: number;
  /** Receiving station, tag block `s:`. */
  station?: string;
  talker?: string;
  channel?: 'A' | 'B';
  /** Sequence id for multi-sentence messages (0–9). */
  seqId?: number;
}

/** The NMEA lines of one payload (split into sentences of at most 60 characters). */
export function toSentences(
  armoured: { payload: string; fillBits: number },
  opts: SentenceOptions = {},
): string[] {
  const { payload, fillBits } = armoured;
  const parts: string[] = [];
  for (let i = 0; i < payload.length; i += 60) parts.push(payload.slice(i, i + 60));
  if (parts.length === 0) parts.push('');
  const talker = opts.talker ?? 'AI';
  const channel = opts.channel ?? 'A';
  const seq = parts.length > 1 ? String(opts.seqId ?? 0) : '';
  return parts.map((part, i) => {
    const body = `${talker}VDM,${parts.length},${i + 1},${seq},${channel},${part},${i === parts.length - 1 ? fillBits : 0}`;
    const sentence = `!${body}*${nmeaChecksum(body)}`;
    if (opts.time === undefined && opts.station === undefined) return sentence;
    const tags: string[] = [];
    if (opts.time !== undefined) tags.push(`c:${Math.floor(opts.time / 1000)}`);
    if (opts.station !== undefined) tags.push(`s:${opts.station}`);
    const tag = tags.join(',');
    return `\\${tag}*${nmeaChecksum(tag)}\\${sentence}`;
  });
}
