import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decoder, decodeLine, decodeText } from './index.ts';

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

// gpsd's type 5 sample, and a second type 5 built from it with another sequence id
const T5_1 = '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C';
const T5_2 = '!AIVDM,2,2,1,A,88888888880,2*25';
const part = (seq: number, n: number, channel = 'A', talker = 'AI') =>
  sentence(
    '!',
    `${talker}VDM,2,${n},${seq},${channel},${n === 1 ? '55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8' : '88888888880'},${n === 1 ? 0 : 2}`,
  );
const TYPE1 = '!AIVDM,1,1,,B,15M67FC000G?ufbE`FepT@3n00Sa,0*5C';

test('type 5 in two sentences is reassembled', () => {
  const { messages, counters } = decodeText(`${T5_1}\n${T5_2}\n`);
  assert.equal(messages.length, 1);
  const m = messages[0];
  assert.ok(m.data.type === 5 && m.data.shipname === 'EVER DIADEM');
  assert.equal(m.fragments, 2);
  assert.equal(m.line, 2);
  assert.equal(counters.messages, 1);
});

test('interleaved groups on different sequence ids, channels and talkers all complete', () => {
  const lines = [
    part(1, 1),
    part(2, 1),
    part(3, 1, 'B'),
    TYPE1,
    part(1, 1, 'A', 'BS'),
    part(2, 2),
    part(1, 2),
    part(3, 2, 'B'),
    part(1, 2, 'A', 'BS'),
  ];
  const { messages, counters } = decodeText(lines.join('\n'));
  assert.deepEqual(
    messages.map((m) => m.data.type),
    [1, 5, 5, 5, 5],
  );
  assert.equal(
    Object.values(counters.rejected).reduce((a, b) => a + b, 0),
    0,
  );
});

test('broken groups are dropped with a counted reason, never spliced', () => {
  // second fragment alone; first fragment followed by a new first fragment; fragment 2 of another id
  const lines = [part(4, 2), part(1, 1), part(1, 1), part(1, 2), part(5, 1), part(6, 2)];
  const { messages, counters } = decodeText(lines.join('\n'));
  assert.equal(messages.length, 1);
  assert.equal(counters.rejected.orphanFragment, 2);
  // the replaced group and the one never finished (dropped at finish)
  assert.equal(counters.rejected.incompleteGroup, 2);
});

test('truncated final fragment is rejected: the message is too short', () => {
  const short = sentence('!', 'AIVDM,2,2,1,A,8888,2');
  const { messages, counters } = decodeText(`${T5_1}\n${short}`);
  assert.equal(messages.length, 0);
  assert.equal(counters.rejected.tooShort, 1);
});

test('groups time out by receive time and by sentence count', () => {
  const d = new Decoder({ timeoutMs: 5000, maxSentenceGap: 10 });
  assert.equal(d.push(T5_1, 1000), null);
  assert.equal(d.push(T5_2, 7000), null);
  assert.equal(d.counters.rejected.groupTimeout, 1);
  assert.equal(d.counters.rejected.orphanFragment, 1);
  const e = new Decoder({ maxSentenceGap: 10 });
  e.push(T5_1);
  for (let i = 0; i < 300; i++) e.push(TYPE1);
  assert.equal(e.push(T5_2), null);
  assert.equal(e.counters.rejected.groupTimeout, 1);
  assert.equal(e.counters.messages, 300);
});

test('open groups are bounded', () => {
  const d = new Decoder({ maxOpenGroups: 3 });
  for (let seq = 0; seq < 10; seq++) d.push(part(seq, 1));
  assert.equal(d.counters.rejected.incompleteGroup, 7);
});

test('receive time and source: tag block, PGHP, leading column, clock', () => {
  const tagged = `${tagBlock('s:rcv42,c:1565218798')}${TYPE1}`;
  const d = new Decoder();
  const a = d.push(tagged, 5);
  assert.deepEqual([a?.receivedAt, a?.source], [1565218798000, 'rcv42']);
  d.push('$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B');
  const b = decodeLine(TYPE1, d, 5);
  assert.deepEqual([b?.receivedAt, b?.source], [Date.UTC(2010, 5, 11, 11, 46, 11, 390), '992190934']);
  // the PGHP time applies to one sentence only
  const c = d.push(TYPE1, 5);
  assert.deepEqual([c?.receivedAt, c?.source], [5, null]);
  const e = d.push(`1276256771 ${TYPE1}`);
  assert.equal(e?.receivedAt, 1276256771000);
  assert.equal(d.push(TYPE1)?.receivedAt, null);
  // a multi-sentence message takes the time of its first fragment
  d.push('$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B');
  d.push(T5_1);
  const f = d.push(T5_2);
  assert.equal(f?.receivedAt, Date.UTC(2010, 5, 11, 11, 46, 11, 390));
  assert.equal(d.counters.pghp, 2);
});

test('tag block groups from one source do not mix with another source', () => {
  const lines = [
    `${tagBlock('s:one')}${part(1, 1)}`,
    `${tagBlock('s:two')}${part(1, 1)}`,
    `${tagBlock('s:two')}${part(1, 2)}`,
    `${tagBlock('s:one')}${part(1, 2)}`,
  ];
  const { messages } = decodeText(lines.join('\n'));
  assert.deepEqual(
    messages.map((m) => m.source),
    ['two', 'one'],
  );
});

test('counters per reason', () => {
  const lines = [TYPE1, TYPE1.replace('*5C', '*00'), 'garbage', '$GPGGA,1*00', '', `x${'y'.repeat(1000)}`];
  const { counters } = decodeText(lines.join('\n'));
  assert.equal(counters.messages, 1);
  assert.equal(counters.blank, 1);
  assert.equal(counters.rejected.badChecksum, 1);
  assert.equal(counters.rejected.tooLong, 1);
  assert.equal(counters.rejected.badTimestamp + counters.rejected.malformed, 1);
  assert.equal(counters.rejected.badChecksum + counters.rejected.unknownSentence, 2);
  assert.deepEqual(counters.byType, { 1: 1 });
});

/** Small deterministic PRNG (mulberry32) so the fuzz test is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('fuzz: random and mutated input never throws (fixed seed)', () => {
  const random = rng(20260611);
  const seeds = [
    TYPE1,
    T5_1,
    T5_2,
    `${tagBlock('s:a,c:1565218798,g:1-2-3')}${T5_1}`,
    '$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B',
    `1276256771 ${TYPE1}`,
  ];
  const alphabet = '!$\\*,0123456789ABCDEFVDMOPGHabcdefw@`-:.csg \r\t\u0000\u00ff\ud800';
  const d = new Decoder({ maxSentenceGap: 50 });
  let produced = 0;
  for (let i = 0; i < 30000; i++) {
    let line: string;
    const mode = random();
    if (mode < 0.1) {
      const n = Math.floor(random() * 120);
      line = '';
      for (let k = 0; k < n; k++) line += String.fromCharCode(Math.floor(random() * 65536));
    } else {
      const chars = [...seeds[Math.floor(random() * seeds.length)]];
      const edits = 1 + Math.floor(random() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (chars.length + 1));
        const op = random();
        const ch = alphabet[Math.floor(random() * alphabet.length)];
        if (op < 0.4) chars[at] = ch;
        else if (op < 0.7) chars.splice(at, 1);
        else if (op < 0.9) chars.splice(at, 0, ch);
        else chars.length = at;
      }
      line = chars.join('');
    }
    const m = d.push(line);
    if (m !== null) {
      produced++;
      const data = m.data;
      if ('lat' in data && data.lat !== null) assert.ok(Math.abs(data.lat) <= 90);
      if ('lon' in data && data.lon !== null) assert.ok(Math.abs(data.lon) <= 180);
    }
  }
  d.finish();
  const c = d.counters;
  assert.equal(c.lines, 30000);
  assert.ok(produced > 0);
});
