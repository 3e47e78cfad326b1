/**
 * AIS decoding public API: lines in, typed messages out, with receive time and source station, and a count of
 * every line that gave nothing, by reason. Pure and synchronous; reading files and feeds is the caller's job.
 */
import { type AssemblerOptions, type AssemblyRejection, FragmentAssembler } from './assembler.ts';
import { type AisRecord, type DecodeRejection, decodePayload, isDecodeFailure } from './decode.ts';
import { type LineRejection, type ParseOptions, parseLine } from './nmea.ts';

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
  private readonly options: DecoderOptions | undefined;
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

  constructor(options?: DecoderOptions) {
    this.options = options;
    this.assembler = new FragmentAssembler<FragmentMeta>(options);
    this.counts = {
      lines: 0,
      blank: 0,
      sentences: 0,
      pghp: 0,
      messages: 0,
      tagBlockChecksumMismatch: 0,
    };
  }

  /**
   * Feed one line (without newline). Returns the message this line completes, or null (rejected, a PGHP
   * sentence, a fragment kept for later, a blank line). `clock` is the file/feed time used when the line
   * carries none.
   */
  push(line: string, clock?: number): DecodedMessage | null {
    const counts = this.counts;
    counts.lines++;
    const parsed = parseLine(line, this.options);
    if (parsed.kind === 'rejected') {
      this.lineRejected[parsed.reason]++;
      // a timestamp announced for a sentence we could not read must not stick to the next one
      this.pendingPghpTime = null;
      this.pendingPghpStation = null;
      return null;
    }
    if (parsed.kind === 'blank') {
      counts.blank++;
      return null;
    }
    if (parsed.kind === 'pghp') {
      counts.pghp++;
      this.pendingPghpTime = parsed.time;
      this.pendingPghpStation = parsed.station === '' ? null : parsed.station;
      return null;
    }
    counts.sentences++;
    const tag = parsed.tag;
    if (tag !== null && !tag.checksumOk) counts.tagBlockChecksumMismatch++;
    const receivedAt = tag?.time ?? this.pendingPghpTime ?? parsed.lineTime ?? clock ?? null;
    const source = tag?.source ?? this.pendingPghpStation;
    this.pendingPghpTime = null;
    this.pendingPghpStation = null;
    if (parsed.fragmentCount === 1) {
      // the common case skips the assembler's bookkeeping objects
      this.assembler.tick(receivedAt);
      return this.finishMessage(parsed.payload, parsed.fillBits, receivedAt, source, parsed, 1);
    }
    const meta: FragmentMeta = {
      receivedAt,
      source,
      talker: parsed.talker,
      own: parsed.own,
      channel: parsed.channel,
    };
    const assembled = this.assembler.add(parsed, tag?.source ?? parsed.talker, receivedAt, meta);
    if (assembled === 'pending' || assembled === 'orphanFragment') return null;
    const first = assembled.first;
    return this.finishMessage(
      assembled.payload,
      assembled.fillBits,
      first.receivedAt,
      first.source,
      first,
      assembled.fragments,
    );
  }

  private finishMessage(
    payload: string,
    fillBits: number,
    receivedAt: number | null,
    source: string | null,
    sentence: { talker: string; own: boolean; channel: string },
    fragments: number,
  ): DecodedMessage | null {
    const data = decodePayload(payload, fillBits);
    if (isDecodeFailure(data)) {
      this.decodeRejected[data.rejected]++;
      return null;
    }
    this.counts.messages++;
    this.typeCounts[data.type]++;
    return {
      data,
      receivedAt,
      source,
      talker: sentence.talker,
      own: sentence.own,
      channel: sentence.channel,
      fragments,
      line: this.counts.lines,
    };
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
