/**
 * AIS decoding public API: lines in, typed messages out, with receive time and source station, and a count of
 * every line that gave nothing, by reason. Pure and synchronous; reading files and feeds is the caller's job.
 */
import {
  type AssemblerOptions,
  type AssemblyRejection,
  type Fragment,
  FragmentAssembler,
} from './assembler.ts';
import {
  type AisRecord,
  type DecodeFailure,
  type DecodeRejection,
  decodePayload,
  decodeSymbols,
  isDecodeFailure,
} from './decode.ts';
import {
  DEFAULT_MAX_LINE_LENGTH,
  type LineRejection,
  lineScan,
  type ParseOptions,
  SCAN_BLANK,
  SCAN_PGHP,
  SCAN_REJECTED,
  scanBytes,
  scanString,
  textOf,
} from './nmea.ts';
import { scratch } from './sixbit.ts';

export type { AssemblyRejection } from './assembler.ts';
export { FragmentAssembler } from './assembler.ts';
export type { AisRecord, DecodeRejection } from './decode.ts';
export { decodePayload, isDecodeFailure } from './decode.ts';
export type { LineRejection, ParsedLine, PghpSentence, TagBlock, VdmSentence } from './nmea.ts';
export { parseLine } from './nmea.ts';

export type RejectionReason = LineRejection | AssemblyRejection | DecodeRejection;

/** One decoded message. */
export interface DecodedMessage {
  data: AisRecord;
  /** Receive time (ms since the epoch): tag block `c:`, else a preceding `$PGHP`, else a leading timestamp column, else the time given to push(); null when none. */
  receivedAt: number | null;
  /** Receiving station: tag block `s:`, else the `$PGHP` station; null when unknown. */
  source: string | null;
  talker: string;
  /** From a VDO sentence (the receiver's own ship). */
  own: boolean;
  channel: string;
  fragments: number;
  /** Number (1-based) of the line that completed the message. */
  line: number;
}

export interface DecoderOptions extends ParseOptions, AssemblerOptions {}

export interface DecoderCounters {
  lines: number;
  blank: number;
  sentences: number;
  pghp: number;
  messages: number;
  /** Sentences kept whose tag block checksum was wrong (the sentence checksum itself was right). */
  tagBlockChecksumMismatch: number;
  byType: Record<number, number>;
  rejected: Record<RejectionReason, number>;
}

interface FragmentMeta {
  receivedAt: number | null;
  source: string | null;
  talker: string;
  own: boolean;
  channel: string;
}

function emptyRejections(): Record<RejectionReason, number> {
  return {
    tooLong: 0,
    malformed: 0,
    badChecksum: 0,
    badTagBlock: 0,
    badTagBlockChecksum: 0,
    badTimestamp: 0,
    trailingData: 0,
    unknownSentence: 0,
    orphanFragment: 0,
    incompleteGroup: 0,
    groupTimeout: 0,
    emptyPayload: 0,
    tooShort: 0,
    badField: 0,
  };
}

export class Decoder {
  private readonly maxLineLength: number;
  private readonly strictTagChecksum: boolean;
  private readonly assembler: FragmentAssembler<FragmentMeta>;
  private pendingPghpTime: number | null = null;
  private pendingPghpStation: string | null = null;
  private readonly counts: Omit<DecoderCounters, 'rejected' | 'byType'>;
  /** Messages per type (a typed array: a plain object keyed by number is slow on this path). */
  private readonly typeCounts = new Float64Array(64);
  private readonly decodeRejected: Record<DecodeRejection, number> = {
    emptyPayload: 0,
    tooShort: 0,
    badField: 0,
  };
  private readonly lineRejected: Record<LineRejection, number> = {
    tooLong: 0,
    malformed: 0,
    badChecksum: 0,
    badTagBlock: 0,
    badTagBlockChecksum: 0,
    badTimestamp: 0,
    trailingData: 0,
    unknownSentence: 0,
  };
  /**
   * pushChunk: the start of a line that continues in the next chunk. At most maxLineLength + 1 bytes of it are
   * kept, which is enough for the parser to refuse it by its length.
   */
  private carry: Buffer;
  private carryLength = 0;
  private carrying = false;

  constructor(options?: DecoderOptions) {
    this.maxLineLength = options?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.strictTagChecksum = options?.strictTagChecksum === true;
    this.assembler = new FragmentAssembler<FragmentMeta>(options);
    this.counts = {
      lines: 0,
      blank: 0,
      sentences: 0,
      pghp: 0,
      messages: 0,
      tagBlockChecksumMismatch: 0,
    };
    this.carry = Buffer.alloc(1024);
  }

  /**
   * Feed one line (without newline). Returns the message this line completes, or null (rejected, a PGHP
   * sentence, a fragment kept for later, a blank line). `clock` is the file/feed time used when the line
   * carries none.
   */
  push(line: string, clock?: number): DecodedMessage | null {
    this.counts.lines++;
    scanString(line, this.maxLineLength, this.strictTagChecksum);
    return this.take(clock);
  }

  /**
   * `push` for a line given as bytes, `bytes[start, end)` without its newline (a trailing CR is allowed): no
   * string is made of the line. Same result, counters and DecodedMessage as push() of the line decoded as
   * Latin-1. Nothing outside [start, end) is read, and the bytes are not kept. A range outside the bytes is a
   * RangeError (a caller's mistake, not input).
   */
  pushBytes(bytes: Uint8Array, start: number, end: number, clock?: number): DecodedMessage | null {
    if (!(start >= 0 && start <= end && end <= bytes.length)) {
      throw new RangeError(`pushBytes: [${start}, ${end}) is not within the ${bytes.length} bytes given`);
    }
    this.counts.lines++;
    scanBytes(bytes, start, end, this.maxLineLength, this.strictTagChecksum);
    return this.take(clock);
  }

  /**
   * Feed a chunk of raw input (any size, cut anywhere): every complete line in it is decoded as by pushBytes,
   * and onMessage gets each message in order. A line cut by the chunk end is completed by the next chunk;
   * call endChunks() after the last chunk for a last line without a newline. Memory stays bounded: of a line
   * longer than maxLineLength nothing more is kept than shows it is too long (it is counted `tooLong`). The
   * chunk itself is not kept.
   */
  pushChunk(chunk: Uint8Array, onMessage: (m: DecodedMessage) => void, clock?: number): void {
    const buf =
      chunk instanceof Buffer ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const size = buf.length;
    let start = 0;
    let nl = buf.indexOf(10, 0);
    if (this.carrying) {
      this.keep(buf, 0, nl < 0 ? size : nl);
      if (nl < 0) return;
      const m = this.pushCarry(clock);
      if (m !== null) onMessage(m);
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    while (nl >= 0) {
      const m = this.pushBytes(buf, start, nl, clock);
      if (m !== null) onMessage(m);
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    if (start < size) {
      this.carrying = true;
      this.carryLength = 0;
      this.keep(buf, start, size);
    }
  }

  /** End of chunked input: a last line without a newline is still a line. */
  endChunks(onMessage: (m: DecodedMessage) => void, clock?: number): void {
    if (!this.carrying) return;
    const m = this.pushCarry(clock);
    if (m !== null) onMessage(m);
  }

  /** Add buf[start, end) to the carried line, keeping at most maxLineLength + 1 bytes of it. */
  private keep(buf: Buffer, start: number, end: number): void {
    const n = Math.min(end - start, this.maxLineLength + 1 - this.carryLength);
    if (n > 0) {
      if (this.carryLength + n > this.carry.length) {
        const grown = Buffer.alloc(Math.max(this.carry.length * 2, this.carryLength + n));
        this.carry.copy(grown, 0, 0, this.carryLength);
        this.carry = grown;
      }
      buf.copy(this.carry, this.carryLength, start, start + n);
      this.carryLength += n;
    }
  }

  private pushCarry(clock: number | undefined): DecodedMessage | null {
    this.carrying = false;
    return this.pushBytes(this.carry, 0, this.carryLength, clock);
  }

  /** Act on the line just scanned (lineScan). */
  private take(clock: number | undefined): DecodedMessage | null {
    const r = lineScan;
    const kind = r.kind;
    if (kind === SCAN_REJECTED) {
      this.lineRejected[r.reason]++;
      // a timestamp announced for a sentence we could not read must not stick to the next one
      this.pendingPghpTime = null;
      this.pendingPghpStation = null;
      return null;
    }
    const counts = this.counts;
    if (kind === SCAN_BLANK) {
      counts.blank++;
      return null;
    }
    if (kind === SCAN_PGHP) {
      counts.pghp++;
      this.pendingPghpTime = r.pghpTime;
      this.pendingPghpStation = r.station === '' ? null : r.station;
      return null;
    }
    counts.sentences++;
    let receivedAt: number | null;
    let source: string | null;
    let tagSource: string | null = null;
    if (r.hasTag) {
      if (!r.tagChecksumOk) counts.tagBlockChecksumMismatch++;
      tagSource = r.tagSource;
      receivedAt = Number.isNaN(r.tagTime) ? this.pendingPghpTime : r.tagTime;
      source = tagSource ?? this.pendingPghpStation;
    } else {
      receivedAt = this.pendingPghpTime;
      source = this.pendingPghpStation;
    }
    if (receivedAt === null) receivedAt = Number.isNaN(r.lineTime) ? (clock ?? null) : r.lineTime;
    this.pendingPghpTime = null;
    this.pendingPghpStation = null;
    if (r.fragmentCount === 1) {
      // the common case: decoded from the symbols the parser left in the scratch, no payload string, no assembler
      this.assembler.tick(receivedAt);
      const data = decodeSymbols(scratch.length, r.fillBits);
      return this.finishMessage(data, receivedAt, source, r.talker, r.own, r.channel, 1);
    }
    const meta: FragmentMeta = {
      receivedAt,
      source,
      talker: r.talker,
      own: r.own,
      channel: r.channel,
    };
    const fragment: Fragment = {
      fragmentCount: r.fragmentCount,
      fragmentNumber: r.fragmentNumber,
      sequenceId: r.sequenceId,
      channel: r.channel,
      payload: textOf(r.bytes, r.payloadStart, r.payloadEnd),
      fillBits: r.fillBits,
    };
    const assembled = this.assembler.add(fragment, tagSource ?? r.talker, receivedAt, meta);
    if (assembled === 'pending' || assembled === 'orphanFragment') return null;
    const first = assembled.first;
    return this.finishMessage(
      decodePayload(assembled.payload, assembled.fillBits),
      first.receivedAt,
      first.source,
      first.talker,
      first.own,
      first.channel,
      assembled.fragments,
    );
  }

  private finishMessage(
    data: AisRecord | DecodeFailure,
    receivedAt: number | null,
    source: string | null,
    talker: string,
    own: boolean,
    channel: string,
    fragments: number,
  ): DecodedMessage | null {
    if (isDecodeFailure(data)) {
      this.decodeRejected[data.rejected]++;
      return null;
    }
    this.counts.messages++;
    this.typeCounts[data.type]++;
    return { data, receivedAt, source, talker, own, channel, fragments, line: this.counts.lines };
  }

  /** End of input: open groups are dropped and counted as incomplete. */
  finish(): void {
    this.assembler.flush();
  }

  get counters(): DecoderCounters {
    const byType: Record<number, number> = {};
    for (let t = 0; t < 64; t++) if (this.typeCounts[t] > 0) byType[t] = this.typeCounts[t];
    return {
      ...this.counts,
      byType,
      rejected: {
        ...emptyRejections(),
        ...this.lineRejected,
        ...this.assembler.dropped,
        ...this.decodeRejected,
      },
    };
  }
}

/** Function form of Decoder.push. */
export function decodeLine(line: string, state: Decoder, clock?: number): DecodedMessage | null {
  return state.push(line, clock);
}

/** Decode all lines of a text (small inputs, tests); the decoder is finished afterwards. */
export function decodeText(
  text: string,
  options?: DecoderOptions,
): { messages: DecodedMessage[]; counters: DecoderCounters } {
  const decoder = new Decoder(options);
  const messages: DecodedMessage[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const m = decoder.push(text.slice(start, nl));
    if (m !== null) messages.push(m);
    start = nl + 1;
  }
  decoder.finish();
  return { messages, counters: decoder.counters };
}
