import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CSV_COLUMNS, ndjsonLine } from '../ais/format.ts';
import { Decoder } from '../ais/index.ts';
import { LineSplitter } from '../ais/lines.ts';
import { missingShared, REPO_ROOT, sharedFile } from '../config/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'wk-ais-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real `watchkeeper` entry point in a child process, as a user would. */
function wk(args: string[], input?: string | Buffer) {
  const r = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const KYSTVERKET = missingShared('ais', 'kystverket-1000.nm4');

/** The Decoder's own counts for a small shared file, to hold the command to. */
function decoderCounts(file: string) {
  const decoder = new Decoder();
  for (const line of readFileSync(file, 'latin1').split('\n')) decoder.push(line);
  decoder.finish();
  return decoder.counters;
}

function typeCounts(types: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const t of types) counts[t] = (counts[t] ?? 0) + 1;
  return counts;
}

test('ndjson: one record per decoded message, with receive time and source', { skip: KYSTVERKET }, () => {
  const file = sharedFile('ais', 'kystverket-1000.nm4') as string;
  const expected = decoderCounts(file);
  const r = wk(['ais', 'decode', file]);
  assert.equal(r.code, 0, r.err);
  const records = r.out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(records.length, expected.messages);
  assert.deepEqual(typeCounts(records.map((x) => x.type)), expected.byType);
  assert.match(records[0].receivedAt, /^2019-08-07T\d\d:\d\d:\d\d\.000Z$/);
  assert.ok('source' in records[0]);
  const five = records.find((x) => x.type === 5);
  assert.equal(typeof five.shipname, 'string');
  assert.match(r.err, new RegExp(`${expected.lines} lines, .* ${expected.messages} messages`));
  assert.match(r.err, /by type: 1: \d+/);
});

test('csv: a header and one row per message in the documented columns', { skip: KYSTVERKET }, () => {
  const file = sharedFile('ais', 'kystverket-1000.nm4') as string;
  const expected = decoderCounts(file);
  const r = wk(['ais', 'decode', '--format', 'csv', file]);
  assert.equal(r.code, 0, r.err);
  const rows = r.out.trimEnd().split('\n');
  assert.equal(rows[0], CSV_COLUMNS.join(','));
  assert.equal(rows.length - 1, expected.messages);
  const typeAt = CSV_COLUMNS.indexOf('type');
  // 6-bit text may hold commas, so count types only on rows without quotes
  const plain = rows.slice(1).filter((row) => !row.includes('"'));
  for (const row of plain) assert.equal(row.split(',').length, CSV_COLUMNS.length, row);
  assert.ok(plain.some((row) => row.split(',')[typeAt] === '1'));
});

test('gzip files and stdin (plain and gzip) give the same records as the plain file', {
  skip: KYSTVERKET,
}, () => {
  const file = sharedFile('ais', 'kystverket-1000.nm4') as string;
  const plain = wk(['ais', 'decode', file]).out;
  const gz = join(dir, 'k.nm4.gz');
  writeFileSync(gz, gzipSync(readFileSync(file)));
  const fromGz = wk(['ais', 'decode', gz]);
  assert.equal(fromGz.code, 0, fromGz.err);
  assert.equal(fromGz.out, plain);
  const fromStdin = wk(['ais', 'decode', '-'], readFileSync(file));
  assert.equal(fromStdin.code, 0, fromStdin.err);
  assert.equal(fromStdin.out, plain);
  const gzStdin = wk(['ais', 'decode', '-'], readFileSync(gz));
  assert.equal(gzStdin.out, plain);
  // two files: records of both, one summary
  const both = wk(['ais', 'decode', file, gz]);
  assert.equal(both.out, plain + plain);
});

test('small inline input: PGHP time and station, CRLF, rejections by reason', () => {
  const text = [
    '$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B',
    '!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B',
    '!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2C',
    'not a sentence',
    '',
  ].join('\r\n');
  const r = wk(['ais', 'decode', '-'], text);
  assert.equal(r.code, 0, r.err);
  const recs = r.out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(recs.length, 1);
  assert.equal(recs[0].receivedAt, '2010-06-11T11:46:11.390Z');
  assert.equal(recs[0].source, '992190934');
  assert.match(r.err, /rejected: 2 \(.*badChecksum: 1/);
});

test('binary garbage and a truncated gzip never crash: rejections counted, a clear error for the gzip', () => {
  const garbage = Buffer.alloc(3_000_000);
  let x = 12345;
  for (let i = 0; i < garbage.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    garbage[i] = x >>> 24;
  }
  const file = join(dir, 'garbage.bin');
  writeFileSync(file, garbage);
  const r = wk(['ais', 'decode', file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /0 messages/);
  assert.match(r.err, /rejected: [1-9]\d*/);
  const truncated = join(dir, 'truncated.gz');
  writeFileSync(
    truncated,
    gzipSync(Buffer.from('!AIVDM,1,1,,B,402=481uaUcf;OQ55JS9ITi025Jp,0*2B\n'.repeat(2000))).subarray(0, 200),
  );
  const t = wk(['ais', 'decode', truncated]);
  assert.equal(t.code, 1);
  assert.match(t.err, /truncated\.gz: .*after \d+ lines/);
  const missing = wk(['ais', 'decode', join(dir, 'nope.nmea')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nope\.nmea: no such file/);
});

test('LineSplitter: lines across chunks, a last line without newline, overlong lines cut and skipped', () => {
  const lines: string[] = [];
  const s = new LineSplitter(10);
  const on = (l: string) => lines.push(l);
  s.push(Buffer.from('ab'), on);
  s.push(Buffer.from('c\nde'), on);
  s.push(Buffer.from('f\n0123456789ABCDEF'), on);
  s.push(Buffer.from('GHIJ'.repeat(100)), on);
  s.push(Buffer.from('KL\nlast'), on);
  s.end(on);
  assert.deepEqual(lines, ['abc', 'def', '0123456789A', 'last']);
});

test('ndjsonLine writes receive times exactly as Date#toISOString', () => {
  for (const ms of [0, -1500, 1276256771390, 1276256771005, 1276256771050, 1565218798000, 1276256771050.5]) {
    const line = ndjsonLine({
      data: { type: 24, repeat: 0, mmsi: 1, part: 'A', shipname: 'X' },
      receivedAt: ms,
      source: null,
      talker: 'AI',
      own: false,
      channel: 'A',
      fragments: 1,
      line: 1,
    });
    assert.equal(JSON.parse(line).receivedAt, new Date(ms).toISOString());
  }
});
