import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { Decoder } from './index.ts';

const FILES = [
  'dma-stream-2010-06-11.nmea',
  'dma_ais250.txt',
  'dma_decode_encode_messages.txt',
  'dma_replay_dump.txt',
  'kystverket-1000.nm4',
];

/** Lines of a small shared file (these recordings are a few hundred kB; the store streams real inputs). */
function lines(file: string): string[] {
  return readFileSync(file, 'latin1').split('\n');
}

for (const name of FILES) {
  test(`decodes every line of ${name} without a crash`, { skip: missingShared('ais', name) }, (t) => {
    const file = sharedFile('ais', name) as string;
    const decoder = new Decoder();
    let withTime = 0;
    for (const line of lines(file)) {
      const m = decoder.push(line);
      if (m?.receivedAt != null) withTime++;
    }
    decoder.finish();
    const c = decoder.counters;
    const rejected = Object.fromEntries(Object.entries(c.rejected).filter(([, n]) => n > 0));
    t.diagnostic(
      `${name}: ${c.lines} lines, ${c.sentences} AIS sentences, ${c.pghp} PGHP, ${c.messages} messages ` +
        `(${withTime} with receive time); by type ${JSON.stringify(c.byType)}; rejected ${JSON.stringify(rejected)}; ` +
        `tag block checksum mismatches ${c.tagBlockChecksumMismatch}`,
    );
    assert.ok(c.messages > 0);
    // every rejection on these files is understood: only the literal "\r\n" text joining two sentences in dma_ais250.txt
    const unexpected = Object.entries(rejected).filter(
      ([reason]) => !(name === 'dma_ais250.txt' && reason === 'trailingData'),
    );
    assert.deepEqual(unexpected, []);
  });
}

test('known counts on the real recordings', { skip: missingShared('ais', 'kystverket-1000.nm4') }, () => {
  const file = sharedFile('ais', 'kystverket-1000.nm4') as string;
  const decoder = new Decoder();
  for (const line of lines(file)) decoder.push(line);
  const c = decoder.counters;
  // 754 single-sentence messages + 123 two-sentence type 5 messages
  assert.equal(c.messages, 877);
  assert.deepEqual(c.byType, { 1: 621, 3: 115, 5: 123, 18: 12, 24: 6 });
  // the g: tag blocks in this file carry the checksum of the c: block alone; kept, counted
  assert.equal(c.tagBlockChecksumMismatch, 246);
});

test('speed: DMA stream repeated in memory', {
  skip: missingShared('ais', 'dma-stream-2010-06-11.nmea'),
}, (t) => {
  const base = lines(sharedFile('ais', 'dma-stream-2010-06-11.nmea') as string);
  const rounds = 60;
  let best = 0;
  let bestLines = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const decoder = new Decoder();
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const line of base) decoder.push(line);
    const seconds = (performance.now() - t0) / 1000;
    const c = decoder.counters;
    best = Math.max(best, c.sentences / seconds);
    bestLines = Math.max(bestLines, c.lines / seconds);
  }
  t.diagnostic(
    `decode speed: ${Math.round(best).toLocaleString('en')} AIS sentences/s to typed records ` +
      `(${Math.round(bestLines).toLocaleString('en')} lines/s incl. $PGHP lines), one core, ${base.length * rounds} lines`,
  );
  assert.ok(best > 0);
});
