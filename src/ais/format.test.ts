import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { ndjsonLine } from './format.ts';
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
