import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AIS_FILES,
  compareFiles,
  formatComparison,
  hasGpsdecode,
  unexplained,
} from '../../scripts/compare-ais.ts';
import { missingShared, sharedFile } from '../config/paths.ts';

const noGpsdecode = hasGpsdecode() ? false : 'gpsdecode not on PATH (apt-get install gpsd-clients)';

test('every field of every message agrees with gpsdecode, or differs for a documented reason', {
  skip: noGpsdecode || missingShared('ais', AIS_FILES[0]),
}, async (t) => {
  const files = AIS_FILES.map((n) => sharedFile('ais', n)).filter((f) => f !== undefined);
  const c = await compareFiles(files);
  for (const line of formatComparison(c).split('\n')) t.diagnostic(line);
  let compared = 0;
  for (const s of c.byType.values()) compared += s.messages;
  assert.ok(compared > 5000, `only ${compared} messages paired`);
  assert.equal(unexplained(c), 0);
});
