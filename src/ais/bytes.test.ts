/**
 * The byte-level entry points (Decoder.pushBytes, pushChunk/endChunks) against the string one (push per line
 * from LineSplitter): same messages, same counters, wherever the chunks are cut.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { decodePayload, isDecodeFailure } from './decode.ts';
import {
  type DecodedMessage,
  Decoder,
  type DecoderCounters,
  type DecoderOptions,
  parseLine,
} from './index.ts';
import { LineSplitter } from './lines.ts';

const FILES = [
  'dma-stream-2010-06-11.nmea',
  'dma_ais250.txt',
  'dma_decode_encode_messages.txt',
  'dma_replay_dump.txt',
  'kystverket-1000.nm4',
];

function checksummed(lead: string, body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `${lead}${body}*${x.toString(16).toUpperCase().padStart(2, '0')}`;
}

function tagBlock(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\`;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  messages: DecodedMessage[];
  counters: DecoderCounters;
}

/** The string path, as ingest uses it: LineSplitter lines (Latin-1) into push(). */
function viaStrings(input: Buffer, options?: DecoderOptions, chunk = 1 << 16): Run {
  const decoder = new Decoder(options);
  const splitter = new LineSplitter();
  const messages: DecodedMessage[] = [];
  const onLine = (line: string) => {
    const m = decoder.push(line);
    if (m !== null) messages.push(m);
  };
  for (let i = 0; i < input.length; i += chunk) splitter.push(input.subarray(i, i + chunk), onLine);
  splitter.end(onLine);
  decoder.finish();
  return { messages, counters: decoder.counters };
}

/** The chunk path, the input cut at the given offsets. */
function viaChunks(input: Uint8Array, cuts: number[], options?: DecoderOptions): Run {
  const decoder = new Decoder(options);
  const messages: DecodedMessage[] = [];
  const onMessage = (m: DecodedMessage) => messages.push(m);
  let start = 0;
  for (const cut of [...cuts, input.length]) {
    decoder.pushChunk(input.subarray(start, cut), onMessage);
    start = cut;
  }
  decoder.endChunks(onMessage);
  decoder.finish();
  return { messages, counters: decoder.counters };
}

function randomCuts(length: number, random: () => number, meanGap: number): number[] {
  const cuts: number[] = [];
  for (let at = Math.floor(random() * meanGap); at < length; at += 1 + Math.floor(random() * 2 * meanGap)) {
    cuts.push(at);
  }
  return cuts;
}

for (const name of FILES) {
  test(`pushChunk equals push per line on ${name}, however the chunks are cut`, {
    skip: missingShared('ais', name),
  }, () => {
    const input = readFileSync(sharedFile('ais', name) as string);
    const expected = viaStrings(input);
    assert.ok(expected.messages.length > 0);
    const random = rng(input.length);
    for (const cuts of [
      [],
      randomCuts(input.length, random, 3),
      randomCuts(input.length, random, 40),
      randomCuts(input.length, random, 5000),
    ]) {
      // a plain Uint8Array too, not only Buffers
      const actual = viaChunks(new Uint8Array(input), cuts);
      assert.deepEqual(actual.counters, expected.counters);
      assert.deepEqual(actual.messages, expected.messages);
    }
  });
}

test('pushChunk on hostile input: random bytes, CRLF, overlong lines across chunks, no final newline', () => {
  const random = rng(20260611);
  const seeds = [
    '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
    '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
    '!AIVDM,2,2,1,A,88888888880,2*25',
    `${tagBlock('s:a,c:1565218798,g:1-2-3')}!AIVDM,1,1,,B,15M67FC000G?ufbE\`FepT@3n00Sa,0*5C`,
    '$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B',
    '1276256771 !AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
  ];
  const alphabet = '!$\\*,0123456789ABCDEFVDMOPGHabcdefw@`-:.csg \r\t\u0000\u00ff\u0080';
  const parts: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const mode = random();
    if (mode < 0.05) {
      // overlong: around the 512 limit, and far beyond
      parts.push('x'.repeat([511, 512, 513, 5000, 100000][Math.floor(random() * 5)]));
    } else if (mode < 0.1) {
      let junk = '';
      const n = Math.floor(random() * 100);
      for (let k = 0; k < n; k++) junk += String.fromCharCode(Math.floor(random() * 256));
      parts.push(junk);
    } else {
      const chars = [...seeds[Math.floor(random() * seeds.length)]];
      const edits = Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (chars.length + 1));
        chars.splice(at, random() < 0.5 ? 1 : 0, alphabet[Math.floor(random() * alphabet.length)]);
      }
      parts.push(chars.join('') + (random() < 0.2 ? '\r' : ''));
    }
  }
  // no newline after the last line
  const input = Buffer.from(parts.join('\n'), 'latin1');
  for (const options of [undefined, { maxLineLength: 60, maxSentenceGap: 20 }, { maxLineLength: 2000 }]) {
    const expected = viaStrings(input, options);
    assert.ok(expected.messages.length > 100);
    for (const gap of [1, 17, 700, 70000]) {
      const actual = viaChunks(input, randomCuts(input.length, random, gap), options);
      assert.deepEqual(actual.counters, expected.counters, `gap ${gap}`);
      assert.deepEqual(actual.messages, expected.messages, `gap ${gap}`);
    }
  }
});

test('pushBytes reads nothing outside [start, end): every prefix of a line as push() of that prefix', () => {
  const lines = [
    '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
    '!AIVDM,2,1,7,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*12',
    `${tagBlock('s:rcv42,c:1565218798,g:1-2-73')}!BSVDO,1,1,,1,15M67FC000G?ufbE\`FepT@3n00Sa,0*5C`,
    '$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B',
    '1276256771.5 !AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C',
    '2010-06-11T11:46:11Z;!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C,1276256770',
  ];
  for (const line of lines) {
    // the bytes after `end` are the rest of the line: reading them would show
    const bytes = Buffer.from(`${line}${line}\n`, 'latin1');
    for (let end = 0; end <= line.length; end++) {
      const viaString = new Decoder();
      const viaBytes = new Decoder();
      const a = viaString.push(line.slice(0, end), 7);
      const b = viaBytes.pushBytes(bytes, 0, end, 7);
      assert.deepEqual(b, a, `${line} cut at ${end}`);
      assert.deepEqual(viaBytes.counters, viaString.counters, `${line} cut at ${end}`);
      // and from an offset inside a larger buffer
      const c = new Decoder().pushBytes(Buffer.from(`xx${line}`, 'latin1'), 2, 2 + end, 7);
      assert.deepEqual(c, a);
    }
  }
});

test('single-sentence messages decoded from the parser symbols equal decodePayload, raw payloads included', () => {
  const random = rng(7);
  const armourChars = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';
  const decoder = new Decoder();
  let compared = 0;
  for (let i = 0; i < 5000; i++) {
    let payload = armourChars[i % 64];
    const n = Math.floor(random() * 80);
    for (let k = 1; k < n; k++) payload += armourChars[Math.floor(random() * 64)];
    const fill = Math.floor(random() * 6);
    const line = checksummed('!', `AIVDM,1,1,,A,${payload},${fill}`);
    const expected = decodePayload(payload, fill);
    const viaBytes = decoder.pushBytes(Buffer.from(line, 'latin1'), 0, line.length);
    const viaString = decoder.push(line);
    if (isDecodeFailure(expected)) {
      assert.equal(viaBytes, null);
      assert.equal(viaString, null);
      continue;
    }
    assert.deepEqual(viaBytes?.data, expected, line);
    assert.deepEqual(viaString?.data, expected, line);
    compared++;
  }
  assert.ok(compared > 2000);
});

test('string lines with characters beyond ASCII: text and tag checksums as given', () => {
  // two characters of one high byte, so that the XOR checksum fits two hex digits
  const body = 's:Ωω-é,c:1565218798';
  const line = `${tagBlock(body)}!AIVDM,1,1,,B,15M67FC000G?ufbE\`FepT@3n00Sa,0*5C`;
  const p = parseLine(line);
  assert.ok(p.kind === 'vdm');
  assert.deepEqual(p.tag, { time: 1565218798000, source: 'Ωω-é', group: null, checksumOk: true });
  const m = new Decoder().push(line);
  assert.equal(m?.source, 'Ωω-é');
  // a character whose low byte is '!' does not open a sentence (there is none on this line)
  assert.deepEqual(parseLine('\u0121AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C'), {
    kind: 'rejected',
    reason: 'malformed',
  });
  // Latin-1 bytes in a tag block read from a file give the same source as the Latin-1 string
  const latin = `${tagBlock('s:Bodø')}!AIVDM,1,1,,B,15M67FC000G?ufbE\`FepT@3n00Sa,0*5C`;
  const fromBytes = new Decoder().pushBytes(Buffer.from(latin, 'latin1'), 0, latin.length);
  assert.equal(fromBytes?.source, 'Bodø');
});

test('a timestamp column beyond what a Date holds is a bad timestamp, not a time', () => {
  const sentence = '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C';
  assert.deepEqual(parseLine(`99999999999999999999 ${sentence}`), {
    kind: 'rejected',
    reason: 'badTimestamp',
  });
  assert.deepEqual(parseLine(`${sentence},99999999999999999999`), {
    kind: 'rejected',
    reason: 'trailingData',
  });
  const ok = parseLine(`8640000000000000 ${sentence}`);
  assert.ok(ok.kind === 'vdm' && ok.lineTime === 8.64e15);
});

test('pushChunk keeps no more of an endless line than shows it is too long', () => {
  const decoder = new Decoder();
  const chunk = Buffer.alloc(1 << 20, 'x');
  const before = process.memoryUsage().arrayBuffers;
  for (let i = 0; i < 64; i++) decoder.pushChunk(chunk, () => {});
  const grown = process.memoryUsage().arrayBuffers - before;
  // 64 MB of one line went through; kept: the first maxLineLength + 1 bytes
  assert.ok(grown < 16 << 20, `kept ${grown} bytes`);
  decoder.pushChunk(Buffer.from('\n!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C\n'), () => {});
  assert.equal(decoder.counters.rejected.tooLong, 1);
  assert.equal(decoder.counters.messages, 1);
  assert.equal(decoder.counters.lines, 2);
});

test('pushBytes refuses a range outside the bytes', () => {
  const d = new Decoder();
  const bytes = Buffer.from('1276256771 !AIVDM');
  assert.throws(() => d.pushBytes(bytes, 0, bytes.length + 1), RangeError);
  assert.throws(() => d.pushBytes(bytes, -1, 3), RangeError);
  assert.throws(() => d.pushBytes(bytes, 5, 4), RangeError);
  assert.equal(d.counters.lines, 0);
});
