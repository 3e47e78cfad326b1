import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveSeed, Rng } from './prng.ts';

test('the same seed gives the same stream; another seed another one', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 100 }, () => a.uint32());
  assert.deepEqual(
    Array.from({ length: 100 }, () => b.uint32()),
    xs,
  );
  assert.notDeepEqual(
    Array.from({ length: 100 }, () => c.uint32()),
    xs,
  );
});

test('derived streams depend on every label, and seed 0 works', () => {
  assert.notEqual(deriveSeed(1, 'vessel', 1), deriveSeed(1, 'vessel', 2));
  assert.notEqual(deriveSeed(1, 'vessel', 1), deriveSeed(2, 'vessel', 1));
  assert.notEqual(deriveSeed(1, 'ab', 'c'), deriveSeed(1, 'a', 'bc'));
  const r = new Rng(0);
  const seen = new Set(Array.from({ length: 1000 }, () => r.uint32()));
  assert.ok(seen.size > 990);
});

test('floats are uniform in [0, 1), ints inclusive, normals centred', () => {
  const r = Rng.derive(7, 'test');
  let sum = 0;
  let min = 1;
  let max = 0;
  const bins = new Array(10).fill(0);
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    const x = r.float();
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
    bins[Math.floor(x * 10)]++;
  }
  assert.ok(min >= 0 && max < 1);
  assert.ok(Math.abs(sum / N - 0.5) < 0.01);
  for (const b of bins) assert.ok(Math.abs(b - N / 10) < N / 100, `bin ${b}`);
  const ints = new Set(Array.from({ length: 1000 }, () => r.int(3, 5)));
  assert.deepEqual([...ints].sort(), [3, 4, 5]);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < N; i++) {
    const z = r.normal();
    s += z;
    s2 += z * z;
  }
  assert.ok(Math.abs(s / N) < 0.02);
  assert.ok(Math.abs(s2 / N - 1) < 0.03);
});
