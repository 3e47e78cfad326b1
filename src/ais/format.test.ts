import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { decodePayload, isDecodeFailure } from './decode.ts';
import { ndjsonLine, OutputBuffer } from './format.ts';
import { type DecodedMessage, Decoder } from './index.ts';

const FILES = [
  'dma-stream-2010-06-11.nmea',
  'dma_ais250.txt',
  'dma_decode_encode_messages.txt',
  'dma_replay_dump.txt',
  'kystverket-1000.nm4',
];

/** What the hand-written serializer must equal byte for byte. */
function viaStringify(m: DecodedMessage): string {
  const time = m.receivedAt === null ? null : new Date(m.receivedAt).toISOString();
  return `${JSON.stringify({ receivedAt: time, source: m.source, ...m.data })}\n`;
}

for (const name of FILES) {
  test(`ndjsonLine equals JSON.stringify for every message of ${name}`, {
    skip: missingShared('ais', name),
  }, () => {
    const decoder = new Decoder();
    let n = 0;
    for (const line of readFileSync(sharedFile('ais', name) as string, 'latin1').split('\n')) {
      const m = decoder.push(line);
      if (m === null) continue;
      assert.equal(ndjsonLine(m), viaStringify(m), `line ${m.line}`);
      n++;
    }
    assert.ok(n > 0);
  });
}

test('ndjsonLine escapes text and source as JSON does', () => {
  const base = { receivedAt: null, talker: 'AI', own: false, channel: 'A', fragments: 1, line: 1 };
  const messages: DecodedMessage[] = [
    {
      ...base,
      source: 'st"a\\tion\u0001\u00e9',
      data: { type: 24, repeat: 0, mmsi: 1, part: 'A', shipname: 'A "QUOTED" \\ NAME' },
    },
    {
      ...base,
      source: null,
      data: { type: 8, repeat: 3, mmsi: 2, raw: true, payload: '85M:Ih1`', fillBits: 2 },
    },
    {
      ...base,
      receivedAt: 1276256771390,
      source: 'x',
      data: {
        type: 27,
        repeat: 0,
        mmsi: 3,
        accuracy: true,
        raim: false,
        status: 0,
        lon: -1.5,
        lat: null,
        speed: null,
        course: 12,
        gnss: true,
      },
    },
  ];
  for (const m of messages) assert.equal(ndjsonLine(m), viaStringify(m));
});

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

for (const name of FILES) {
  test(`OutputBuffer bytes equal the JSON.stringify lines written as Latin-1 for ${name}`, {
    skip: missingShared('ais', name),
  }, () => {
    const decoder = new Decoder();
    // small, so that it grows and is taken many times
    const out = new OutputBuffer(256);
    const taken: Buffer[] = [];
    let expected = '';
    for (const line of readFileSync(sharedFile('ais', name) as string, 'latin1').split('\n')) {
      const m = decoder.push(line);
      if (m === null) continue;
      assert.equal(out.ndjson(m), true);
      expected += viaStringify(m);
      if (out.length > 3000) taken.push(out.take());
    }
    taken.push(out.take());
    assert.ok(Buffer.concat(taken).equals(Buffer.from(expected, 'latin1')));
  });
}

test('every record layout, number and receive time is written as JSON.stringify writes it', () => {
  const random = rng(99);
  const armourChars = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';
  const times = [
    null,
    0,
    1276256771390,
    1276256771005,
    253402300799999,
    253402300800000,
    -1500,
    8.64e15,
    12.5,
  ];
  const sources = [null, '', '992190934', 'st"a\\tion\u0001', 'Bodø\u00ff', '\u007f'];
  const types = new Set<string>();
  let n = 0;
  for (let i = 0; i < 40000; i++) {
    let payload = armourChars[i % 64];
    const length = Math.floor(random() * 90);
    for (let k = 1; k < length; k++) payload += armourChars[Math.floor(random() * 64)];
    const data = decodePayload(payload, Math.floor(random() * 6));
    if (isDecodeFailure(data)) continue;
    types.add('part' in data ? `${data.type}${data.part}` : String(data.type));
    const m: DecodedMessage = {
      data,
      receivedAt: times[i % times.length],
      source: sources[i % sources.length],
      talker: 'AI',
      own: false,
      channel: 'A',
      fragments: 1,
      line: i,
    };
    assert.equal(ndjsonLine(m), viaStringify(m), payload);
    n++;
  }
  // all 64 types, 24 in both parts
  assert.equal(types.size, 65);
  // numbers the decoder does not make, through the same writer
  const values = [
    0,
    -0,
    5,
    -5,
    0.1,
    -0.1,
    12.3,
    1e-6,
    1.5e-6,
    1e-7,
    -1e-7,
    123456789.123456,
    999999999.5,
    1e9 + 0.5,
  ];
  for (const v of [
    ...values,
    2 ** 31,
    2 ** 53,
    1e15,
    -1e15,
    1e21,
    1 / 3,
    -2 / 3,
    0.1 + 0.2,
    55.3168,
    -6.754698333333334,
  ]) {
    for (const lon of [v, -v]) {
      const m: DecodedMessage = {
        data: {
          type: 27,
          repeat: 0,
          mmsi: 1,
          accuracy: true,
          raim: false,
          status: 0,
          lon,
          lat: null,
          speed: lon,
          course: null,
          gnss: true,
        },
        receivedAt: null,
        source: null,
        talker: 'AI',
        own: false,
        channel: 'A',
        fragments: 1,
        line: 1,
      };
      assert.equal(ndjsonLine(m), viaStringify(m), String(lon));
    }
  }
  assert.ok(n > 20000);
});

test('characters beyond Latin-1 and times no Date holds: ndjsonLine stays exact, OutputBuffer says so', () => {
  const m: DecodedMessage = {
    data: { type: 24, repeat: 0, mmsi: 1, part: 'A', shipname: 'X' },
    receivedAt: 1276256771390,
    source: 'Ωmega\ud800',
    talker: 'AI',
    own: false,
    channel: 'A',
    fragments: 1,
    line: 1,
  };
  assert.equal(ndjsonLine(m), viaStringify(m));
  const out = new OutputBuffer();
  assert.equal(out.ndjson(m), false);
  // the bytes a 'latin1' write of the text gives
  assert.ok(out.take().equals(Buffer.from(viaStringify(m), 'latin1')));
  // a receive time beyond the Date range has no ISO form: null, never an exception
  const far = { ...m, source: null, receivedAt: 1e20 };
  assert.equal(JSON.parse(ndjsonLine(far)).receivedAt, null);
  assert.equal(JSON.parse(ndjsonLine({ ...far, receivedAt: Number.NaN })).receivedAt, null);
});
