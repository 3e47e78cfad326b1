/**
 * NMEA lines written straight into byte buffers, for the millions of position reports of a big scenario:
 * type 1 and 18 payloads packed without intermediate bit arrays or strings, checksums computed on the fly,
 * tag blocks cached per (second, station). Payloads are bit-for-bit those of src/ais/encode.ts
 * (encodeClassAPosition / encodeClassBPosition; nmea-writer.test.ts checks), which stays the reference
 * encoder and is used here for the rare static reports.
 */
import type { PositionFields } from '../ais/encode.ts';

/** A growable byte buffer. */
export class ByteSink {
  buf: Buffer;
  len = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }

  ascii(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.len++] = s.charCodeAt(i);
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  reset(): void {
    this.len = 0;
  }
}

const HEX = '0123456789ABCDEF';

function xorOf(s: string): number {
  let x = 0;
  for (let i = 0; i < s.length; i++) x ^= s.charCodeAt(i);
  return x;
}

const POW2 = Array.from({ length: 54 }, (_, i) => 2 ** i);

/**
 * 6-bit symbols of one 168-bit message (28 symbols), packed MSB first. Fields go into an accumulator
 * (at most 5 + 30 bits, exact in a double) from which whole symbols are taken as soon as there are six bits.
 */
class SymbolPacker {
  readonly sym = new Uint8Array(28);
  private n = 0;
  private acc = 0;
  private bits = 0;

  start(): void {
    this.n = 0;
    this.acc = 0;
    this.bits = 0;
  }

  /** An unsigned field of `width` ≤ 30 bits. */
  put(value: number, width: number): void {
    let acc = this.acc * POW2[width] + value;
    let bits = this.bits + width;
    while (bits >= 6) {
      bits -= 6;
      const div = POW2[bits];
      const v = Math.floor(acc / div);
      this.sym[this.n++] = v;
      acc -= v * div;
    }
    this.acc = acc;
    this.bits = bits;
  }

  /** A two's-complement field. */
  int(value: number, width: number): void {
    const v = Math.round(value);
    this.put(v < 0 ? POW2[width] + v : v, width);
  }

  /** Zero bits up to the end of the 28 symbols. */
  finish(): Uint8Array {
    if (this.bits > 0) {
      this.sym[this.n++] = this.acc * POW2[6 - this.bits];
      this.acc = 0;
      this.bits = 0;
    }
    while (this.n < 28) this.sym[this.n++] = 0;
    return this.sym;
  }
}

const LATLON_NA = { lon: 181 * 600000, lat: 91 * 600000 };

export class PositionEncoder {
  private readonly p = new SymbolPacker();

  /** Type 1 symbols (same fields and defaults as encodeClassAPosition). */
  classA(f: PositionFields): Uint8Array {
    const p = this.p;
    p.start();
    p.put(1, 6);
    p.put(0, 2);
    p.put(f.mmsi, 30);
    p.put(f.status ?? 0, 4);
    p.int(-128, 8);
    p.put(f.sog === null ? 1023 : Math.min(1022, Math.round(f.sog * 10)), 10);
    p.put(1, 1);
    p.int(f.lon === null ? LATLON_NA.lon : Math.round(f.lon * 600000), 28);
    p.int(f.lat === null ? LATLON_NA.lat : Math.round(f.lat * 600000), 27);
    p.put(f.cog === null ? 3600 : Math.round(f.cog * 10) % 3600, 12);
    p.put(f.heading === null ? 511 : Math.round(f.heading) % 360, 9);
    p.put(f.second ?? 60, 6);
    // maneuver 2, spare 3, RAIM 1, radio 19: all zero
    return p.finish();
  }

  /** Type 18 symbols (same fields and defaults as encodeClassBPosition). */
  classB(f: PositionFields): Uint8Array {
    const p = this.p;
    p.start();
    p.put(18, 6);
    p.put(0, 2);
    p.put(f.mmsi, 30);
    p.put(0, 8);
    p.put(f.sog === null ? 1023 : Math.min(1022, Math.round(f.sog * 10)), 10);
    p.put(0, 1);
    p.int(f.lon === null ? LATLON_NA.lon : Math.round(f.lon * 600000), 28);
    p.int(f.lat === null ? LATLON_NA.lat : Math.round(f.lat * 600000), 27);
    p.put(f.cog === null ? 3600 : Math.round(f.cog * 10) % 3600, 12);
    p.put(f.heading === null ? 511 : Math.round(f.heading) % 360, 9);
    p.put(f.second ?? 60, 6);
    p.put(0, 2);
    p.put(1, 1); // CS unit
    p.put(0, 1);
    p.put(1, 1); // DSC
    p.put(1, 1); // whole band
    // message 22 flag, assigned, RAIM, radio: all zero
    return p.finish();
  }
}

/** Armour a 6-bit symbol. */
export function armourChar(v: number): number {
  return v < 40 ? v + 48 : v + 56;
}

const HEAD_A = '!AIVDM,1,1,,A,';
const HEAD_B = '!AIVDM,1,1,,B,';
const XOR_HEAD_A = xorOf(HEAD_A.slice(1));
const XOR_HEAD_B = xorOf(HEAD_B.slice(1));
const XOR_TAIL0 = xorOf(',0');

/** Tag blocks `\c:<unix s>,s:<station>*hh\` as bytes. */
export function tagBlock(unixSeconds: number, station: string): Buffer {
  const body = `c:${unixSeconds},s:${station}`;
  const x = xorOf(body);
  return Buffer.from(`\\${body}*${HEX[x >> 4]}${HEX[x & 15]}\\`, 'latin1');
}

/**
 * Writes one single-sentence line: tag block, `!AIVDM,1,1,,<ch>,<28 symbols>,0*hh`, newline. Returns the
 * offset where the sentence (after the tag block) starts, for corruption.
 */
export function writePositionLine(
  out: ByteSink,
  tag: Uint8Array,
  channelB: boolean,
  sym: Uint8Array,
): number {
  out.ensure(tag.length + 16 + sym.length + 6);
  out.buf.set(tag, out.len);
  out.len += tag.length;
  const sentenceAt = out.len;
  const head = channelB ? HEAD_B : HEAD_A;
  const buf = out.buf;
  let len = out.len;
  for (let i = 0; i < head.length; i++) buf[len++] = head.charCodeAt(i);
  let x = channelB ? XOR_HEAD_B : XOR_HEAD_A;
  for (let i = 0; i < sym.length; i++) {
    const c = armourChar(sym[i]);
    buf[len++] = c;
    x ^= c;
  }
  x ^= XOR_TAIL0;
  buf[len++] = 44; // ,
  buf[len++] = 48; // 0
  buf[len++] = 42; // *
  buf[len++] = HEX.charCodeAt(x >> 4);
  buf[len++] = HEX.charCodeAt(x & 15);
  buf[len++] = 10;
  out.len = len;
  return sentenceAt;
}

/**
 * Writes the sentences of an armoured payload (split at 60 characters, as toSentences does), each with the
 * tag block. `seqId` numbers multi-sentence messages.
 */
export function writeSentences(
  out: ByteSink,
  tag: Uint8Array,
  channelB: boolean,
  payload: string,
  fillBits: number,
  seqId: number,
): void {
  const parts = Math.max(1, Math.ceil(payload.length / 60));
  for (let i = 0; i < parts; i++) {
    const part = payload.slice(i * 60, i * 60 + 60);
    const body = `AIVDM,${parts},${i + 1},${parts > 1 ? seqId : ''},${channelB ? 'B' : 'A'},${part},${i === parts - 1 ? fillBits : 0}`;
    const x = xorOf(body);
    out.bytes(tag);
    out.ascii(`!${body}*${HEX[x >> 4]}${HEX[x & 15]}\n`);
  }
}
