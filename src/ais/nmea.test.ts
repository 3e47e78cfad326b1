import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLine } from './nmea.ts';

/** `!`/`$` + body + `*hh` with the correct checksum. */
function sentence(lead: string, body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `${lead}${body}*${x.toString(16).toUpperCase().padStart(2, '0')}`;
}

function tagBlock(body: string): string {
  let x = 0;
  for (let i = 0; i < body.length; i++) x ^= body.charCodeAt(i);
  return `\\${body}*${x.toString(16).toUpperCase().padStart(2, '0')}\\`;
}

const GPSD_TYPE1 = '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C';

test('VDM fields, any talker, VDO', () => {
  const p = parseLine(GPSD_TYPE1);
  assert.equal(p.kind, 'vdm');
  if (p.kind !== 'vdm') return;
  assert.deepEqual(
    [p.talker, p.own, p.fragmentCount, p.fragmentNumber, p.sequenceId, p.channel, p.payload, p.fillBits],
    ['AI', false, 1, 1, -1, 'B', '15M67FC000G?ufbE`FepT@3n00Sa', 0],
  );
  const vdo = parseLine(sentence('!', 'BSVDO,2,1,7,A,15M67FC000G?ufbE`FepT@3n00Sa,0'));
  assert.ok(vdo.kind === 'vdm' && vdo.own && vdo.talker === 'BS' && vdo.sequenceId === 7);
  const nullTalker = parseLine(sentence('!', '--VDM,1,1,,1,15M67FC000G?ufbE`FepT@3n00Sa,0'));
  assert.ok(nullTalker.kind === 'vdm' && nullTalker.channel === '1');
  assert.equal(parseLine(`${GPSD_TYPE1}\r`).kind, 'vdm');
});

test('checksum, malformed and unknown sentences are rejected with a reason', () => {
  assert.deepEqual(parseLine(GPSD_TYPE1.replace('*5C', '*5D')), { kind: 'rejected', reason: 'badChecksum' });
  assert.deepEqual(parseLine(GPSD_TYPE1.replace('15M67', '15N67')), {
    kind: 'rejected',
    reason: 'badChecksum',
  });
  assert.equal(parseLine('!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0').kind, 'rejected');
  assert.deepEqual(parseLine(sentence('!', 'AIVDM,0,1,,B,15M6,0')), {
    kind: 'rejected',
    reason: 'malformed',
  });
  assert.deepEqual(parseLine(sentence('!', 'AIVDM,1,2,,B,15M6,0')), {
    kind: 'rejected',
    reason: 'malformed',
  });
  assert.deepEqual(parseLine(sentence('!', 'AIVDM,1,1,,B,15M6,6')), {
    kind: 'rejected',
    reason: 'malformed',
  });
  assert.deepEqual(parseLine(sentence('!', 'AIVDM,1,1,,B,15M6 x,0')), {
    kind: 'rejected',
    reason: 'malformed',
  });
  assert.deepEqual(parseLine(sentence('!', 'AIVDM,1,1,123,B,15M6,0')), {
    kind: 'rejected',
    reason: 'malformed',
  });
  assert.deepEqual(parseLine(sentence('$', 'GPGGA,1,2,3')), { kind: 'rejected', reason: 'unknownSentence' });
  assert.deepEqual(parseLine(sentence('!', 'AIABM,1,1,,B,15M6,0')), {
    kind: 'rejected',
    reason: 'unknownSentence',
  });
  assert.deepEqual(parseLine(`${GPSD_TYPE1}junk`), { kind: 'rejected', reason: 'trailingData' });
  assert.deepEqual(parseLine('!AIVDM'), { kind: 'rejected', reason: 'malformed' });
  assert.deepEqual(parseLine('   '), { kind: 'blank' });
  assert.deepEqual(parseLine(''), { kind: 'blank' });
});

test('a 10 MB line is refused by its length', () => {
  const huge = `!AIVDM,1,1,,B,${'1'.repeat(10 * 1024 * 1024)},0*00`;
  assert.deepEqual(parseLine(huge), { kind: 'rejected', reason: 'tooLong' });
  assert.deepEqual(parseLine(`${GPSD_TYPE1}${' '.repeat(600)}`), { kind: 'rejected', reason: 'tooLong' });
  assert.equal(parseLine(`${GPSD_TYPE1}${' '.repeat(600)}`, { maxLineLength: 1000 }).kind, 'vdm');
});

test('NMEA 4.0 tag block: time, source, group; its own checksum', () => {
  const line = `${tagBlock('g:1-2-73,s:rcv42,c:1565218798')}${GPSD_TYPE1}`;
  const p = parseLine(line);
  assert.ok(p.kind === 'vdm' && p.tag !== null);
  assert.deepEqual(p.tag, {
    time: 1565218798000,
    source: 'rcv42',
    group: { number: 1, total: 2, id: 73 },
    checksumOk: true,
  });
  // a wrong tag block checksum: kept (the sentence has its own checksum) unless strict
  const wrong = `\\g:1-2-9999,c:1565218798*53\\${GPSD_TYPE1}`;
  const kept = parseLine(wrong);
  assert.ok(kept.kind === 'vdm' && kept.tag?.checksumOk === false && kept.tag.time === 1565218798000);
  assert.deepEqual(parseLine(wrong, { strictTagChecksum: true }), {
    kind: 'rejected',
    reason: 'badTagBlockChecksum',
  });
  // milliseconds in c: are recognised by size
  const ms = parseLine(`${tagBlock('c:1565218798123')}${GPSD_TYPE1}`);
  assert.ok(ms.kind === 'vdm' && ms.tag?.time === 1565218798123);
  for (const bad of [
    '\\c:15652*',
    '\\c:abc*00\\',
    '\\c:1*0\\',
    `\\c:1${GPSD_TYPE1}`,
    `${tagBlock('g:1-x-3')}!`,
  ]) {
    assert.equal(parseLine(`${bad}${GPSD_TYPE1}`).kind, 'rejected', bad);
  }
});

test('leading and trailing timestamp columns', () => {
  const a = parseLine(`1276256771.5 ${GPSD_TYPE1}`);
  assert.ok(a.kind === 'vdm' && a.lineTime === 1276256771500);
  const b = parseLine(`2010-06-11T11:46:11Z;${GPSD_TYPE1}`);
  assert.ok(b.kind === 'vdm' && b.lineTime === Date.UTC(2010, 5, 11, 11, 46, 11));
  const c = parseLine(`${GPSD_TYPE1},1276256770`);
  assert.ok(c.kind === 'vdm' && c.lineTime === 1276256770000);
  assert.deepEqual(parseLine(`hello ${GPSD_TYPE1}`), { kind: 'rejected', reason: 'badTimestamp' });
  assert.deepEqual(parseLine(`${GPSD_TYPE1},soon`), { kind: 'rejected', reason: 'trailingData' });
});

test('$PGHP (Danish Maritime Authority) timestamps', () => {
  const p = parseLine('$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B');
  assert.ok(p.kind === 'pghp');
  assert.equal(new Date(p.time).toISOString(), '2010-06-11T11:46:11.390Z');
  assert.deepEqual([p.country, p.region, p.station], [231, '45', '992190934']);
  assert.deepEqual(parseLine('$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5C'), {
    kind: 'rejected',
    reason: 'badChecksum',
  });
  assert.deepEqual(parseLine(sentence('$', 'PGHP,1,2010,13,11,11,46,11,390,231,45,,1,2B')), {
    kind: 'rejected',
    reason: 'badTimestamp',
  });
  assert.deepEqual(parseLine(sentence('$', 'PGHP,1,2010,6,31,11,46,11,390,231,45,,1,2B')), {
    kind: 'rejected',
    reason: 'badTimestamp',
  });
  assert.deepEqual(parseLine(sentence('$', 'PGHP,1,2010,6')), { kind: 'rejected', reason: 'malformed' });
});
