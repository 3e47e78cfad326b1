import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidImo } from '../maritime/imo.ts';
import { flagOfMmsi, mmsiClass } from '../maritime/mmsi.ts';
import { FLAGS, type Flag, IdentityRegistry, imoCheckDigit, withWrongCheckDigit } from './identity.ts';
import { Rng } from './prng.ts';

test('IMO check digit: the published example and generated numbers', () => {
  // IMO 9074729: 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139 → 9
  assert.equal(imoCheckDigit(907472), 9);
  const reg = new IdentityRegistry();
  const rng = new Rng(5);
  for (let i = 0; i < 2000; i++) assert.ok(isValidImo(reg.imo(rng)));
  for (let i = 0; i < 200; i++) {
    const imo = reg.imo(rng);
    const bad = withWrongCheckDigit(imo, rng);
    assert.equal(Math.floor(bad / 10), Math.floor(imo / 10));
    assert.ok(!isValidImo(bad));
  }
});

test('MMSIs are ship stations with the MID of their flag; identities are unique', () => {
  const reg = new IdentityRegistry();
  const rng = new Rng(9);
  const country: Record<Flag, string> = {
    cn: 'cn',
    kr: 'kr',
    kp: 'kp',
    pa: 'pa',
    mh: 'mh',
    pw: 'pw',
    sl: 'sl',
    cm: 'cm',
    tg: 'tg',
    mn: 'mn',
    hk: 'hk',
  };
  const mmsis = new Set<number>();
  const names = new Set<string>();
  for (const flag of Object.keys(FLAGS) as Flag[]) {
    for (let i = 0; i < 100; i++) {
      const id = reg.create(rng, flag, i % 3 === 0 ? 'fishing' : 'cargo', i % 6 === 0);
      assert.equal(mmsiClass(id.mmsi), 'ship');
      assert.equal(flagOfMmsi(id.mmsi)?.country, country[flag], `${id.mmsi} for ${flag}`);
      assert.ok(!mmsis.has(id.mmsi));
      assert.ok(!names.has(id.name));
      mmsis.add(id.mmsi);
      names.add(id.name);
      assert.ok(id.name.length <= 20 && /^[A-Z0-9 ]+$/.test(id.name), id.name);
      assert.ok(id.callsign.length <= 7);
      if (id.imo !== null) assert.ok(isValidImo(id.imo));
      // ships over 300 GT carry an IMO number; small Class B fishing boats do not
      if (id.shipType !== 30) assert.notEqual(id.imo, null);
    }
  }
});
