import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaticObservation } from '../ais/observation.ts';
import {
  ALL_IDENTITY_FIELDS,
  fieldMask,
  fieldsOfMask,
  IDENTITY_FIELDS,
  type IdentityState,
  type IdentityVersion,
  identityAt,
  identityChanges,
  mergeIdentity,
  validateIdentity,
} from './identity.ts';

const MMSI = 273123456;
const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 1);

type Fields = Partial<Omit<StaticObservation, 'kind' | 'mmsi' | 't' | 'msgType' | 'line'>>;

let line = 0;
function obs(t: number, msgType: number, fields: Fields, mmsi = MMSI): StaticObservation {
  return { kind: 'static', mmsi, t: T0 + t * MIN, msgType, line: ++line, ...fields };
}

interface Voyage {
  imo?: number | null;
  name?: string | null;
  callsign?: string | null;
  shipType?: number | null;
  length?: number | null;
  beam?: number | null;
  draught?: number | null;
  destination?: string | null;
  eta?: string | null;
}

const SHIP: Required<Voyage> = {
  imo: 9241061,
  name: 'OCEAN STAR',
  callsign: 'UBCD7',
  shipType: 80,
  length: 183,
  beam: 32,
  draught: 11.2,
  destination: 'NAKHODKA',
  eta: '03-05T12:00',
};
/** A type 5 report: every field. */
const t5 = (t: number, v: Voyage = {}, mmsi = MMSI) => obs(t, 5, { ...SHIP, ...v }, mmsi);
/** Class B part A: the name only. */
const a24 = (t: number, name: string | null) => obs(t, 24, { name });
/** Class B part B: call sign, type, dimensions. */
const b24 = (
  t: number,
  callsign: string | null,
  shipType = 37,
  length: number | null = 12,
  beam: number | null = 4,
) => obs(t, 24, { callsign, shipType, length, beam });
/** Class B extended position report: name, type, dimensions. */
const m19 = (t: number, name: string, shipType = 37, length = 12, beam = 4) =>
  obs(t, 19, { name, shipType, length, beam });

/** Without the replay masks: what a store that keeps only the columns returns. */
function plain(vs: readonly IdentityVersion[]): IdentityVersion[] {
  return vs.map(({ fieldsAtStart: _s, fieldsAtEnd: _e, ...rest }) => rest);
}

/**
 * The definition, written the obvious way: sort, take same-instant reports together (larger value wins a
 * conflict, non-null over null), apply the fields each carries, start a version whenever the state changes.
 */
function reference(observations: readonly StaticObservation[]): IdentityVersion[] {
  const sorted = [...observations].sort((a, b) => a.t - b.t);
  const out: IdentityVersion[] = [];
  let state: Record<string, string | number | null> = Object.fromEntries(
    IDENTITY_FIELDS.map((f) => [f, null]),
  );
  for (let i = 0; i < sorted.length; ) {
    const t = sorted[i].t;
    const group = sorted.filter((o) => o.t === t);
    i += group.length;
    const step: Record<string, string | number | null> = {};
    for (const o of group) {
      for (const f of IDENTITY_FIELDS) {
        const v = o[f];
        if (v === undefined) continue;
        const old = step[f];
        if (!(f in step) || (v !== null && (old === null || v > (old as string | number)))) step[f] = v;
      }
    }
    state = { ...state, ...step };
    const last = out[out.length - 1];
    if (last && IDENTITY_FIELDS.every((f) => last[f] === state[f])) {
      last.validTo = t;
      last.messages += group.length;
    } else {
      out.push({ mmsi: MMSI, validFrom: t, validTo: t, messages: group.length, ...state } as IdentityVersion);
    }
  }
  return out;
}

/** Merges batch after batch, as ingest does. */
function inBatches(batches: readonly (readonly StaticObservation[])[], dropMasks = false): IdentityVersion[] {
  let stored: IdentityVersion[] = [];
  for (const b of batches) {
    stored = mergeIdentity(stored, b);
    if (dropMasks) stored = plain(stored);
  }
  return stored;
}

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Every way to cut a sequence into consecutive non-empty batches, only at the allowed positions. */
function* compositions<T>(xs: readonly T[], canCutBefore: (i: number) => boolean): Generator<T[][]> {
  const cuts = [];
  for (let i = 1; i < xs.length; i++) if (canCutBefore(i)) cuts.push(i);
  for (let bits = 0; bits < 1 << cuts.length; bits++) {
    const batches: T[][] = [];
    let from = 0;
    cuts.forEach((c, k) => {
      if (bits & (1 << k)) {
        batches.push(xs.slice(from, c));
        from = c;
      }
    });
    batches.push(xs.slice(from));
    yield batches;
  }
}

/** A random report stream of one MMSI with Class A and Class B messages, voyages, renames and same-instant pairs. */
function randomStream(rnd: () => number, n: number): StaticObservation[] {
  const out: StaticObservation[] = [];
  let t = 0;
  const names = ['ALPHA', 'BRAVO', 'CHARLIE'];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  while (out.length < n) {
    t += 1 + Math.floor(rnd() * 5);
    const r = rnd();
    if (r < 0.35) {
      out.push(
        t5(t, {
          name: pick(names),
          destination: pick(['RIGA', 'KIEL', null]),
          draught: pick([7.5, 9.1]),
          imo: pick([9241061, 9074729]),
        }),
      );
    } else if (r < 0.55) out.push(a24(t, pick(names)));
    else if (r < 0.7) out.push(b24(t, pick(['ABCD', 'EFGH'])));
    else if (r < 0.8) out.push(m19(t, pick(names)));
    else {
      // Class B sends part A and part B back to back: often the same receive second
      out.push(a24(t, pick(names)), b24(t, pick(['ABCD', 'EFGH'])));
    }
  }
  return out;
}

test('type 5 reports: a version per distinct state, repeats extend it', () => {
  const v = mergeIdentity(
    [],
    [
      t5(0),
      t5(6),
      t5(12, { destination: 'BUSAN', draught: 8.4 }),
      t5(18, { destination: 'BUSAN', draught: 8.4 }),
    ],
  );
  assert.equal(v.length, 2);
  assert.deepEqual(plain(v), [
    { mmsi: MMSI, validFrom: T0, validTo: T0 + 6 * MIN, messages: 2, ...SHIP },
    {
      mmsi: MMSI,
      validFrom: T0 + 12 * MIN,
      validTo: T0 + 18 * MIN,
      messages: 2,
      ...SHIP,
      destination: 'BUSAN',
      draught: 8.4,
    },
  ]);
  assert.deepEqual(fieldsOfMask(v[1].fieldsAtStart ?? 0), [...IDENTITY_FIELDS]);
});

test('partial reports apply their own fields on top of the previous state', () => {
  const v = mergeIdentity([], [a24(0, 'SEA BIRD'), b24(1, 'SB123'), a24(6, 'SEA BIRD'), b24(7, 'SB123')]);
  assert.equal(v.length, 2);
  assert.equal(v[0].name, 'SEA BIRD');
  assert.equal(v[0].callsign, null);
  assert.equal(v[0].messages, 1);
  assert.deepEqual(
    {
      name: v[1].name,
      callsign: v[1].callsign,
      shipType: v[1].shipType,
      length: v[1].length,
      beam: v[1].beam,
    },
    { name: 'SEA BIRD', callsign: 'SB123', shipType: 37, length: 12, beam: 4 },
  );
  assert.equal(v[1].messages, 3);
  assert.equal(v[1].validTo, T0 + 7 * MIN);
  assert.deepEqual(fieldsOfMask(v[1].fieldsAtStart ?? 0), ['callsign', 'shipType', 'length', 'beam']);
  assert.deepEqual(fieldsOfMask(v[1].fieldsAtEnd ?? 0), ['callsign', 'shipType', 'length', 'beam']);

  // a type 19 sets name, type and dimensions; a part B from a craft with a mother ship carries no dimensions
  const w = mergeIdentity(v, [
    m19(10, 'SEA BIRD II', 36, 14, 5),
    obs(11, 24, { callsign: 'SB124', shipType: 36 }),
  ]);
  assert.deepEqual(
    {
      name: w[3].name,
      callsign: w[3].callsign,
      shipType: w[3].shipType,
      length: w[3].length,
      beam: w[3].beam,
    },
    { name: 'SEA BIRD II', callsign: 'SB124', shipType: 36, length: 14, beam: 5 },
  );
  // a type 5 saying "not available" clears what it carries
  const x = mergeIdentity(w, [t5(20, { imo: null, callsign: null, destination: null })]);
  assert.equal(x.at(-1)?.imo, null);
  assert.equal(x.at(-1)?.callsign, null);
  assert.equal(x.at(-1)?.name, SHIP.name);
});

test('AIS "not available" encodings are null', () => {
  const v = mergeIdentity(
    [],
    [obs(0, 5, { imo: 0, name: '  ', callsign: '', shipType: 0, length: 0, draught: 0 })],
  );
  for (const f of IDENTITY_FIELDS) assert.equal(v[0][f], null, f);
  const w = mergeIdentity([], [obs(0, 24, { name: ' NORDIC ' })]);
  assert.equal(w[0].name, 'NORDIC');
});

test('reports at the same instant are one step, and conflicts resolve the same whatever their order', () => {
  // part A and part B in the same second: one version, not a name-only version in between
  for (const order of [
    [a24(0, 'SEA BIRD'), b24(0, 'SB123')],
    [b24(0, 'SB123'), a24(0, 'SEA BIRD')],
  ]) {
    const v = mergeIdentity([], order);
    assert.equal(v.length, 1);
    assert.equal(v[0].name, 'SEA BIRD');
    assert.equal(v[0].callsign, 'SB123');
    assert.equal(v[0].messages, 2);
  }
  // two transmitters sharing an MMSI, same second: the larger value wins, non-null over null
  const clash = [t5(0, { name: 'AAA', callsign: null }), t5(0, { name: 'BBB', callsign: 'X1' })];
  for (const order of [clash, [...clash].reverse()]) {
    const v = mergeIdentity([], order);
    assert.equal(v.length, 1);
    assert.equal(v[0].name, 'BBB');
    assert.equal(v[0].callsign, 'X1');
  }
});

test('one call: the result does not depend on the order of the observations', () => {
  const rnd = random(1);
  for (let k = 0; k < 40; k++) {
    const stream = randomStream(rnd, 25);
    const expected = mergeIdentity([], stream);
    assert.deepEqual(plain(expected), reference(stream), 'matches the definition');
    for (let s = 0; s < 5; s++) assert.deepEqual(mergeIdentity([], shuffled(stream, rnd)), expected);
  }
});

test('in order, split across batches every possible way: same result as one call (ties at the cut included)', () => {
  // Ties that straddle a cut: a first-contact part A + part B pair, a confirming pair, and a change followed
  // by a confirmation in the same second (see the known-limit test for the one tie that is not exact).
  const stream = [
    a24(0, 'SEA BIRD'),
    b24(0, 'SB123'),
    a24(3, 'SEA BIRD'),
    b24(3, 'SB123'),
    b24(5, 'SB999'),
    a24(5, 'SEA BIRD'),
    m19(9, 'SEA BIRD', 37, 12, 4),
    t5(12, { name: 'SEA BIRD', callsign: 'SB999' }),
    t5(15, { name: 'SEA BIRD', callsign: 'SB999' }),
    t5(18, { name: 'SEA BIRD', callsign: 'SB999', destination: 'RIGA' }),
    a24(20, 'SEA BIRD'),
    a24(21, 'BIRD OF SEA'),
    b24(24, 'SB999', 37, 12, 4),
  ];
  const expected = mergeIdentity([], stream);
  assert.deepEqual(plain(expected), reference(stream));
  let n = 0;
  for (const batches of compositions(stream, () => true)) {
    n++;
    assert.deepEqual(inBatches(batches), expected, `cuts: ${batches.map((b) => b.length).join('+')}`);
    assert.deepEqual(
      inBatches(batches, true),
      plain(expected),
      `no masks, cuts ${batches.map((b) => b.length)}`,
    );
  }
  assert.equal(n, 1 << (stream.length - 1));
});

test('in order, random streams, every split at distinct instants: same result as one call', () => {
  const rnd = random(2);
  for (let k = 0; k < 25; k++) {
    const stream = randomStream(rnd, 11);
    const expected = mergeIdentity([], stream);
    for (const batches of compositions(stream, (i) => stream[i].t !== stream[i - 1].t)) {
      assert.deepEqual(inBatches(batches), expected);
      assert.deepEqual(inBatches(batches, true), plain(expected));
    }
  }
});

test('known limit: a change at the same instant as the last stored report of an older version', () => {
  // One call: the confirmation and the change at minute 5 are one step, so the old state was last seen at 3.
  const stream = [
    a24(0, 'SEA BIRD'),
    b24(0, 'SB123'),
    a24(3, 'SEA BIRD'),
    a24(5, 'SEA BIRD'),
    b24(5, 'SB999'),
  ];
  const oneCall = mergeIdentity([], stream);
  assert.deepEqual(
    oneCall.map((v) => [v.callsign, v.validFrom, v.validTo, v.messages]),
    [
      ['SB123', T0, T0 + 3 * MIN, 3],
      ['SB999', T0 + 5 * MIN, T0 + 5 * MIN, 2],
    ],
  );
  // Cut between the two reports of minute 5: the stored version does not say when it was seen before 5, so
  // it ends at its first instant and keeps the messages in between; states and the change time are right.
  const split = inBatches([stream.slice(0, 4), stream.slice(4)]);
  assert.deepEqual(
    split.map((v) => [v.callsign, v.validFrom, v.validTo, v.messages]),
    [
      ['SB123', T0, T0, 3],
      ['SB999', T0 + 5 * MIN, T0 + 5 * MIN, 2],
    ],
  );
});

test('type 5 reports one by one in reverse order: same result as one call', () => {
  const stream = [
    t5(0),
    t5(6),
    t5(12, { destination: 'BUSAN' }),
    t5(18, { destination: 'BUSAN' }),
    t5(24, { name: 'STAR OCEAN', imo: 9074729 }),
    t5(30),
    t5(36),
  ];
  const expected = mergeIdentity([], stream);
  assert.equal(expected.length, 4);
  assert.deepEqual(inBatches([...stream].reverse().map((o) => [o])), expected);
  assert.deepEqual(
    inBatches(
      [...stream].reverse().map((o) => [o]),
      true,
    ),
    plain(expected),
  );
});

/** Orders in which every window imported extends the block already imported, on either side. */
function growingOrders(n: number): number[][] {
  const out: number[][] = [];
  for (let first = 0; first < n; first++) {
    const grow = (order: number[], lo: number, hi: number) => {
      if (order.length === n) out.push(order);
      if (lo > 0) grow([...order, lo - 1], lo - 1, hi);
      if (hi < n - 1) grow([...order, hi + 1], lo, hi + 1);
    };
    grow([first], first, first);
  }
  return out;
}

test('files imported out of order (time windows, each next to those already imported): same result as one call', () => {
  const orders = growingOrders(4);
  assert.equal(orders.length, 8); // starting with window 0 or 3: one order each; with 1 or 2: three each
  const rnd = random(3);
  for (let k = 0; k < 40; k++) {
    const stream = randomStream(rnd, 24);
    const expected = mergeIdentity([], stream);
    // four windows, cut between distinct instants
    const cuts = [6, 12, 18].map((c) => {
      let i = c;
      while (i < stream.length && stream[i].t === stream[i - 1].t) i++;
      return i;
    });
    const windows = [0, ...cuts].map((from, i) => stream.slice(from, [...cuts, stream.length][i]));
    for (const order of orders) {
      assert.deepEqual(inBatches(order.map((i) => windows[i])), expected, `window order ${order}`);
    }
  }
  // type 5 only: exact even when the store drops the masks
  const rnd5 = random(4);
  for (let k = 0; k < 20; k++) {
    const stream = randomStream(rnd5, 40).filter((o) => o.msgType === 5);
    const expected = mergeIdentity([], stream);
    const q = Math.ceil(stream.length / 4);
    const windows = [0, 1, 2, 3].map((i) => stream.slice(i * q, (i + 1) * q));
    for (const order of orders) {
      assert.deepEqual(
        inBatches(
          order.map((i) => windows[i]),
          true,
        ),
        plain(expected),
        `window order ${order}`,
      );
    }
  }
});

test('known limit: a window landing in a gap that one stored version spans', () => {
  // Days 1 and 3 imported first end and start with the same identity, so one version spans day 2; day 2 then
  // brings another destination. The reports inside the spanning version were not kept, so the version is
  // restored at its last report, not at day 3's first.
  const day1 = [t5(0), t5(10)];
  const day2 = [t5(20, { destination: 'BUSAN' })];
  const day3 = [t5(30), t5(40)];
  const spanning = inBatches([day1, day3]);
  assert.deepEqual(
    spanning.map((v) => [v.destination, v.validFrom, v.validTo, v.messages]),
    [['NAKHODKA', T0, T0 + 40 * MIN, 4]],
  );
  const exact = mergeIdentity([], [...day1, ...day2, ...day3]);
  assert.deepEqual(
    exact.map((v) => [v.destination, v.validFrom, v.validTo, v.messages]),
    [
      ['NAKHODKA', T0, T0 + 10 * MIN, 2],
      ['BUSAN', T0 + 20 * MIN, T0 + 20 * MIN, 1],
      ['NAKHODKA', T0 + 30 * MIN, T0 + 40 * MIN, 2],
    ],
  );
  assert.deepEqual(
    mergeIdentity(spanning, day2).map((v) => [v.destination, v.validFrom, v.validTo, v.messages]),
    [
      ['NAKHODKA', T0, T0, 3],
      ['BUSAN', T0 + 20 * MIN, T0 + 20 * MIN, 1],
      ['NAKHODKA', T0 + 40 * MIN, T0 + 40 * MIN, 1],
    ],
  );
});

test('a second receiver: duplicates and reports inside stored versions merge exactly when they agree', () => {
  const first = [t5(0), t5(6), t5(12), t5(18, { destination: 'BUSAN' }), t5(24, { destination: 'BUSAN' })];
  const second = [t5(3), t5(9), t5(12), t5(21, { destination: 'BUSAN' })];
  const expected = mergeIdentity([], [...first, ...second]);
  assert.deepEqual(
    expected.map((v) => [v.destination, v.validFrom, v.validTo, v.messages]),
    [
      ['NAKHODKA', T0, T0 + 12 * MIN, 6],
      ['BUSAN', T0 + 18 * MIN, T0 + 24 * MIN, 3],
    ],
  );
  assert.deepEqual(inBatches([first, second]), expected);
  assert.deepEqual(inBatches([second, first]), expected);
  assert.deepEqual(inBatches([first, second], true), plain(expected));
});

test('an out-of-order type 5 with another identity inside a stored version: states right, version split', () => {
  // An MMSI shared by two ships: stored NAKHODKA-bound reports 0..24, then one from the other ship at 10.
  const stored = mergeIdentity([], [t5(0), t5(6), t5(12), t5(18), t5(24)]);
  const other = t5(10, { name: 'GHOST', imo: 9074729 });
  const merged = mergeIdentity(stored, [other]);
  // The exact answer (one call) ends the first version at 6 and restarts it at 12; the stored version does
  // not say when it was seen between 0 and 24, so the merge restores it at 24 and keeps the count.
  assert.deepEqual(
    merged.map((v) => [v.name, v.validFrom, v.validTo, v.messages]),
    [
      [SHIP.name, T0, T0, 4],
      ['GHOST', T0 + 10 * MIN, T0 + 10 * MIN, 1],
      [SHIP.name, T0 + 24 * MIN, T0 + 24 * MIN, 1],
    ],
  );
  assert.equal(
    merged.reduce((n, v) => n + v.messages, 0),
    6,
  );
  assert.equal(identityAt(merged, T0 + 10 * MIN)?.name, 'GHOST');
  assert.equal(identityAt(merged, T0 + 30 * MIN)?.name, SHIP.name);
  // before and after the stored versions it is exact
  const outside = [t5(-5, { name: 'GHOST' }), t5(40, { name: 'GHOST' })];
  assert.deepEqual(
    mergeIdentity(stored, outside),
    mergeIdentity([], [t5(0), t5(6), t5(12), t5(18), t5(24), ...outside]),
  );
});

test('out-of-order Class B parts land exactly between stored versions', () => {
  // stored: name only at 0, then call sign from part B at 10, name confirmed at 20
  const later = [a24(0, 'SEA BIRD'), b24(10, 'SB123'), a24(20, 'SEA BIRD')];
  const earlier = [a24(5, 'OLD NAME')];
  const expected = mergeIdentity([], [...later, ...earlier]);
  assert.deepEqual(
    expected.map((v) => [v.name, v.callsign, v.validFrom]),
    [
      ['SEA BIRD', null, T0],
      ['OLD NAME', null, T0 + 5 * MIN],
      ['OLD NAME', 'SB123', T0 + 10 * MIN],
      ['SEA BIRD', 'SB123', T0 + 20 * MIN],
    ],
  );
  assert.deepEqual(mergeIdentity(mergeIdentity([], later), earlier), expected);
});

test('inputs are not modified; an empty batch returns the stored history; MMSIs must match', () => {
  const stored = mergeIdentity([], [t5(0), t5(6)]);
  const copy = structuredClone(stored);
  const batch = [t5(3), t5(12, { destination: 'BUSAN' })];
  const batchCopy = structuredClone(batch);
  mergeIdentity(stored, batch);
  assert.deepEqual(stored, copy);
  assert.deepEqual(batch, batchCopy);
  assert.deepEqual(mergeIdentity(stored, []), stored);
  assert.deepEqual(mergeIdentity([], []), []);
  assert.throws(() => mergeIdentity(stored, [t5(20, {}, 211000001)]), RangeError);
  assert.throws(() => mergeIdentity([], [t5(0), t5(1, {}, 211000001)]), RangeError);
});

test('masks: fieldMask and fieldsOfMask are inverse', () => {
  assert.equal(fieldMask(IDENTITY_FIELDS), ALL_IDENTITY_FIELDS);
  assert.deepEqual(fieldsOfMask(fieldMask(['name', 'eta'])), ['name', 'eta']);
  assert.equal(fieldMask([]), 0);
});

test('identityAt: the version in force', () => {
  const v = mergeIdentity([], [t5(0), t5(10, { destination: 'BUSAN' }), t5(20, { destination: 'RIGA' })]);
  assert.equal(identityAt(v, T0 - 1), null);
  assert.equal(identityAt(v, T0)?.destination, 'NAKHODKA');
  assert.equal(identityAt(v, T0 + 9 * MIN)?.destination, 'NAKHODKA');
  assert.equal(identityAt(v, T0 + 10 * MIN)?.destination, 'BUSAN');
  assert.equal(identityAt(v, T0 + 99 * MIN)?.destination, 'RIGA');
  assert.equal(identityAt([], T0), null);
});

test('identityChanges: identity fields only, with from, to and when', () => {
  const v = mergeIdentity(
    [],
    [
      t5(0),
      t5(10, { destination: 'BUSAN', draught: 7 }), // voyage only: not an identity change
      t5(20, { destination: 'BUSAN', draught: 7, name: 'STAR OCEAN', imo: 9074729 }),
      t5(30, {
        destination: 'BUSAN',
        draught: 7,
        name: 'STAR OCEAN',
        imo: 9074729,
        callsign: null,
        shipType: 89,
      }),
    ],
  );
  assert.deepEqual(identityChanges(v), [
    {
      field: 'name',
      kind: 'changed',
      from: 'OCEAN STAR',
      to: 'STAR OCEAN',
      t: T0 + 20 * MIN,
      previousSeen: T0 + 10 * MIN,
      mmsi: MMSI,
    },
    {
      field: 'imo',
      kind: 'changed',
      from: 9241061,
      to: 9074729,
      t: T0 + 20 * MIN,
      previousSeen: T0 + 10 * MIN,
      mmsi: MMSI,
    },
    {
      field: 'callsign',
      kind: 'cleared',
      from: 'UBCD7',
      to: null,
      t: T0 + 30 * MIN,
      previousSeen: T0 + 20 * MIN,
      mmsi: MMSI,
    },
    {
      field: 'shipType',
      kind: 'changed',
      from: 80,
      to: 89,
      t: T0 + 30 * MIN,
      previousSeen: T0 + 20 * MIN,
      mmsi: MMSI,
    },
  ]);
  // Class B first contact: fields appear one part at a time ('set', which a detector can ignore)
  const b = mergeIdentity([], [a24(0, 'SEA BIRD'), b24(1, 'SB123')]);
  assert.deepEqual(
    identityChanges(b).map((c) => [c.field, c.kind]),
    [
      ['callsign', 'set'],
      ['shipType', 'set'],
    ],
  );
  assert.deepEqual(identityChanges([]), []);
});

test('identityChanges across MMSIs: reflagging shows as flag and MMSI changes', () => {
  // the same hull (IMO) under the Russian flag, then Liberian
  const ru = mergeIdentity([], [t5(0, {}, 273123456), t5(10, {}, 273123456)]);
  const lr = mergeIdentity([], [t5(20, { name: 'NEW DAWN' }, 636012345)]);
  const changes = identityChanges([...lr, ...ru]);
  assert.deepEqual(
    changes.map((c) => [c.field, c.from, c.to, c.t, c.previousSeen, c.mmsi]),
    [
      ['name', 'OCEAN STAR', 'NEW DAWN', T0 + 20 * MIN, T0 + 10 * MIN, 636012345],
      ['flag', 'ru', 'lr', T0 + 20 * MIN, T0 + 10 * MIN, 636012345],
      ['mmsi', 273123456, 636012345, T0 + 20 * MIN, T0 + 10 * MIN, 636012345],
    ],
  );
});

const blank: IdentityState = {
  imo: null,
  name: null,
  callsign: null,
  shipType: null,
  length: null,
  beam: null,
  draught: null,
  destination: null,
  eta: null,
};
const codes = (state: IdentityState, mmsi: number) => validateIdentity(state, mmsi).map((a) => a.code);

test('validateIdentity: IMO numbers, non-ship MMSIs with ship data, MMSI warnings', () => {
  const ship: IdentityState = { ...SHIP };
  assert.deepEqual(codes(ship, 273123456), []);
  assert.deepEqual(codes({ ...ship, imo: 9241062 }, 273123456), ['imo_check_digit']);
  assert.deepEqual(codes({ ...ship, imo: 273123456 }, 273123456), ['imo_not_seven_digits']); // MMSI typed as IMO
  assert.deepEqual(codes({ ...ship, imo: 924106 }, 273123456), ['imo_not_seven_digits']);
  assert.deepEqual(codes(blank, 273123456), []);
  // a coast station, a SAR aircraft, an EPIRB, a handheld reporting ship data
  for (const mmsi of [2731234, 111273501, 974012345, 827312345]) {
    assert.deepEqual(codes(ship, mmsi), ['static_data_from_non_ship'], String(mmsi));
    assert.deepEqual(codes(blank, mmsi), [], String(mmsi));
  }
  // an aid to navigation may send its name (message 21), nothing else
  assert.deepEqual(codes({ ...blank, name: 'KIEL LIGHT' }, 992111234), []);
  assert.deepEqual(codes({ ...blank, name: 'KIEL LIGHT', shipType: 70 }, 992111234), [
    'static_data_from_non_ship',
  ]);
  assert.match(validateIdentity({ ...blank, shipType: 70 }, 992111234)[0].message, /aton.*shipType/);
  // craft associated with a parent ship send Class B static data
  assert.deepEqual(codes(ship, 982731234), []);
  // placeholder MMSIs
  assert.deepEqual(codes(ship, 111111111), ['invalid_format', 'repeated_digits']);
  assert.deepEqual(codes(ship, 123456789), ['invalid_format', 'sequential_digits']);
  assert.deepEqual(codes({ ...ship, imo: 1234568 }, 222123456), ['imo_check_digit', 'unallocated_mid']);
  // a version is an identity state
  const v = mergeIdentity([], [t5(0, { imo: 9241062 })]);
  assert.deepEqual(codes(v[0], v[0].mmsi), ['imo_check_digit']);
});
