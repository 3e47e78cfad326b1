import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  encodeClassAPosition,
  encodeClassBPosition,
  encodeStaticA,
  encodeStaticB,
  encodeStaticVoyage,
  toSentences,
} from './encode.ts';
import { decodeText } from './index.ts';

const T = Date.UTC(2024, 2, 1, 12, 0, 0);

test('type 1 round-trips through the decoder, with the tag-block time', () => {
  const lines = toSentences(
    encodeClassAPosition({
      mmsi: 445123456,
      lat: 38.7,
      lon: 125.1,
      sog: 11.3,
      cog: 271.4,
      heading: 270,
      status: 0,
    }),
    { time: T, station: 'sim' },
  );
  const { messages, counters } = decodeText(lines.join('\n'));
  assert.equal(counters.rejected.badChecksum, 0);
  assert.equal(messages.length, 1);
  const m = messages[0]!;
  assert.equal(m.receivedAt, T);
  assert.equal(m.source, 'sim');
  assert.equal(m.data.type, 1);
  if (m.data.type !== 1) return;
  assert.equal(m.data.mmsi, 445123456);
  assert.equal(m.data.lat, 38.7);
  assert.equal(m.data.lon, 125.1);
  assert.equal(m.data.speed, 11.3);
  assert.equal(m.data.course, 271.4);
  assert.equal(m.data.heading, 270);
});

test('not-available values encode as the sentinels and decode to null', () => {
  const lines = toSentences(
    encodeClassBPosition({ mmsi: 412000001, lat: -33.5, lon: -70.25, sog: null, cog: null, heading: null }),
  );
  const m = decodeText(lines.join('\n')).messages[0]!;
  assert.equal(m.data.type, 18);
  if (m.data.type !== 18) return;
  assert.equal(m.data.lat, -33.5);
  assert.equal(m.data.lon, -70.25);
  assert.equal(m.data.speed, null);
  assert.equal(m.data.course, null);
  assert.equal(m.data.heading, null);
});

test('type 5 spans two sentences and round-trips every field', () => {
  const lines = toSentences(
    encodeStaticVoyage({
      mmsi: 352001234,
      imo: 9241061,
      callsign: '3FXY7',
      name: 'NEW KONK',
      shipType: 80,
      length: 120,
      beam: 20,
      draught: 7.4,
      destination: 'NAMPO',
      eta: { month: 3, day: 4, hour: 5, minute: 30 },
    }),
    { time: T, seqId: 3, channel: 'B' },
  );
  assert.equal(lines.length, 2);
  const m = decodeText(lines.join('\n')).messages[0]!;
  assert.equal(m.data.type, 5);
  if (m.data.type !== 5) return;
  assert.equal(m.data.imo, 9241061);
  assert.equal(m.data.callsign, '3FXY7');
  assert.equal(m.data.shipname, 'NEW KONK');
  assert.equal(m.data.shiptype, 80);
  assert.equal(m.data.toBow + m.data.toStern, 120);
  assert.equal(m.data.toPort + m.data.toStarboard, 20);
  assert.equal(m.data.draught, 7.4);
  assert.equal(m.data.destination, 'NAMPO');
  assert.equal(m.data.etaMonth, 3);
  assert.equal(m.data.etaMinute, 30);
});

test('type 24 parts A and B round-trip', () => {
  const a = decodeText(toSentences(encodeStaticA(244000111, 'SEA WIND')).join('\n')).messages[0]!;
  assert.equal(a.data.type, 24);
  if (a.data.type === 24 && a.data.part === 'A') assert.equal(a.data.shipname, 'SEA WIND');
  else assert.fail('part A expected');
  const b = decodeText(
    toSentences(encodeStaticB(244000111, { shipType: 37, callsign: 'PD1234', length: 12, beam: 4 })).join(
      '\n',
    ),
  ).messages[0]!;
  if (b.data.type === 24 && b.data.part === 'B') {
    assert.equal(b.data.shiptype, 37);
    assert.equal(b.data.callsign, 'PD1234');
    assert.equal(b.data.toBow + b.data.toStern, 12);
  } else assert.fail('part B expected');
});
