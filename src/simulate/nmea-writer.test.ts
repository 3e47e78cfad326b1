import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  encodeClassAPosition,
  encodeClassBPosition,
  encodeStaticVoyage,
  type PositionFields,
  toSentences,
} from '../ais/encode.ts';
import { decodeText } from '../ais/index.ts';
import {
  armourChar,
  ByteSink,
  PositionEncoder,
  tagBlock,
  writePositionLine,
  writeSentences,
} from './nmea-writer.ts';
import { Rng } from './prng.ts';

function randomFields(r: Rng): PositionFields {
  return {
    mmsi: r.int(200_000_000, 775_999_999),
    lat: r.chance(0.02) ? null : r.range(-90, 90),
    lon: r.chance(0.02) ? null : r.range(-180, 180),
    sog: r.chance(0.02) ? null : r.range(0, 110),
    cog: r.chance(0.02) ? null : r.range(0, 359.9),
    heading: r.chance(0.1) ? null : r.int(0, 359),
    status: r.int(0, 15),
    second: r.int(0, 60),
  };
}

test('fast payloads are bit for bit those of src/ais/encode.ts', () => {
  const r = new Rng(3);
  const enc = new PositionEncoder();
  for (let i = 0; i < 3000; i++) {
    const f = randomFields(r);
    const a = encodeClassAPosition(f);
    const b = encodeClassBPosition(f);
    assert.equal(
      Buffer.from(enc.classA(f)).reduce((s, v) => s + String.fromCharCode(armourChar(v)), ''),
      a.payload,
    );
    assert.equal(a.fillBits, 0);
    assert.equal(
      Buffer.from(enc.classB(f)).reduce((s, v) => s + String.fromCharCode(armourChar(v)), ''),
      b.payload,
    );
  }
});

test('written lines are the lines toSentences writes, and decode', () => {
  const r = new Rng(4);
  const enc = new PositionEncoder();
  const out = new ByteSink(16);
  const expected: string[] = [];
  const t = Date.UTC(2026, 2, 2, 1, 2, 3);
  for (let i = 0; i < 200; i++) {
    const f = randomFields(r);
    const channelB = i % 2 === 1;
    writePositionLine(out, tagBlock(t / 1000, 'WK-TEST'), channelB, enc.classA(f));
    expected.push(
      ...toSentences(encodeClassAPosition(f), { time: t, station: 'WK-TEST', channel: channelB ? 'B' : 'A' }),
    );
  }
  const stat = encodeStaticVoyage({
    mmsi: 412345678,
    imo: 9074729,
    callsign: 'BQAB',
    name: 'HUA XIANG 8',
    shipType: 80,
    length: 180,
    beam: 30,
    draught: 9.5,
    destination: 'CN DLC',
  });
  writeSentences(out, tagBlock(t / 1000, 'WK-TEST'), false, stat.payload, stat.fillBits, 3);
  expected.push(...toSentences(stat, { time: t, station: 'WK-TEST', seqId: 3 }));
  const text = out.buf.subarray(0, out.len).toString('latin1');
  assert.equal(text, `${expected.join('\n')}\n`);
  const { messages, counters } = decodeText(text);
  assert.equal(messages.length, 201);
  assert.equal(
    Object.values(counters.rejected).reduce((a, b) => a + b, 0),
    0,
  );
  assert.equal(messages[0].receivedAt, t);
  assert.equal(messages[0].source, 'WK-TEST');
});
