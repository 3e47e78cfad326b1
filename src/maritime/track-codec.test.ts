import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appendPosition,
  decodeTrack,
  emptyTrack,
  encodeTrack,
  mergeTracks,
  normalizeTrack,
  pointAt,
  sourceIndex,
  trackExtent,
  utcDay,
} from './track-codec.ts';

function sample(
  n: number,
  source = 'a'.repeat(64),
  start = 1_700_000_000_000,
): ReturnType<typeof emptyTrack> {
  const c = emptyTrack(2);
  const s = sourceIndex(c, source);
  for (let i = 0; i < n; i++) {
    appendPosition(
      c,
      start + i * 10_000,
      38.7 + i * 0.0001,
      125.2 - i * 0.00013,
      i % 7 === 0 ? null : 10.2,
      i % 5 === 0 ? null : 359.9,
      i % 3 === 0 ? null : 511 - 200,
      i % 2 === 0 ? null : 5,
      i % 2 === 0 ? 1 : 18,
      s,
      1000 + i * 3,
    );
  }
  return c;
}

test('encode/decode round-trips every column exactly', () => {
  const c = sample(500);
  const back = decodeTrack(encodeTrack(c));
  assert.equal(back.n, 500);
  for (let i = 0; i < 500; i++) assert.deepEqual(pointAt(back, i), pointAt(c, i));
  assert.equal(pointAt(back, 0).sog, null);
  assert.equal(pointAt(back, 1).sog, 10.2);
  assert.equal(pointAt(back, 1).cog, 359.9);
  assert.equal(pointAt(back, 1).status, 5);
});

test('AIS positions (1/600000 degree) round-trip exactly, including the extremes', () => {
  const c = emptyTrack();
  const s = sourceIndex(c, 'feed:x');
  for (const [lat, lon] of [
    [90, 180],
    [-90, -180],
    [12345678 / 600000, -98765432 / 600000],
  ] as const) {
    appendPosition(c, 0, lat, lon, 0, 0, 0, 0, 1, s, 1);
  }
  const back = decodeTrack(encodeTrack(normalizeTrack(c)));
  assert.equal(pointAt(back, 0).lat, 90);
  assert.equal(pointAt(back, 1).lon, -180);
  assert.equal(pointAt(back, 2).lat, 12345678 / 600000);
  assert.equal(pointAt(back, 2).lon, -98765432 / 600000);
});

test('the encoding is compact: a day of 10 s reports takes well under 16 bytes a position', () => {
  const c = sample(8640);
  const bytes = encodeTrack(c);
  assert.ok(bytes.length / 8640 < 16, `${bytes.length / 8640} bytes per position`);
});

test('normalizeTrack sorts by time and keeps one report per time and position', () => {
  const a = sample(10);
  const b = sample(10, 'b'.repeat(64));
  const merged = mergeTracks([a, b, a]);
  assert.equal(merged.n, 10, 'the same report from another source (a second receiver) is stored once');
  const shifted = sample(10, 'b'.repeat(64), 1_700_000_000_000 + 5_000);
  assert.equal(mergeTracks([a, shifted]).n, 20, 'reports at other times are all kept');
  for (let i = 1; i < merged.n; i++) assert.ok((merged.t[i] as number) >= (merged.t[i - 1] as number));
  assert.deepEqual(merged.sources, ['a'.repeat(64), 'b'.repeat(64)]);
  const back = decodeTrack(encodeTrack(merged));
  assert.deepEqual(
    Array.from({ length: back.n }, (_, i) => pointAt(back, i).source),
    Array.from({ length: merged.n }, (_, i) => pointAt(merged, i).source),
  );
});

test('out-of-order appends come back in time order', () => {
  const c = emptyTrack();
  const s = sourceIndex(c, 'x');
  for (const t of [30, 10, 20]) appendPosition(c, t, 1, 2, null, null, null, null, 1, s, t);
  const back = decodeTrack(encodeTrack(normalizeTrack(c)));
  assert.deepEqual(Array.from(back.t), [10, 20, 30]);
  assert.deepEqual(Array.from(back.line), [10, 20, 30]);
});

test('extent gives the time range and bounding box', () => {
  const e = trackExtent(sample(3));
  assert.equal(e.tMin, 1_700_000_000_000);
  assert.equal(e.tMax, 1_700_000_020_000);
  assert.ok(Math.abs(e.latMax - 38.7002) < 1e-6);
  assert.ok(Math.abs(e.lonMin - (125.2 - 0.00026)) < 1e-6);
  assert.equal(utcDay(Date.UTC(2024, 0, 2, 23, 59)), utcDay(Date.UTC(2024, 0, 2)));
});

test('corrupt data is refused, never decoded into wrong positions', () => {
  const bytes = encodeTrack(sample(50));
  assert.throws(() => decodeTrack(bytes.subarray(0, bytes.length - 3)), /truncated|corrupt/);
  const extra = new Uint8Array(bytes.length + 1);
  extra.set(bytes);
  assert.throws(() => decodeTrack(extra), /trailing/);
  const badVersion = bytes.slice();
  badVersion[0] = 9;
  assert.throws(() => decodeTrack(badVersion), /version/);
});
