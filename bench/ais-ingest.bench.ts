/**
 * AIS ingest benchmark (`npm run bench:ais-ingest`), issue #4: full ingest into the embedded store (decode,
 * identities, vessel-day tracks, summaries, compaction) of real sentences: the Kystverket recording (NMEA 4.0
 * tag blocks) repeated with its times shifted so that every copy is new traffic, to about 2 million lines.
 * `-- --gb 10` writes a file of that many GB instead and reports peak memory (target: under 1 GB resident).
 * Each ingest runs in a child process so its peak RSS is its own. Target: >= 300,000 messages/s.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nmeaChecksum } from '../src/ais/encode.ts';
import { REPO_ROOT, sharedFile } from '../src/config/paths.ts';

const args = process.argv.slice(2);
const gbIndex = args.indexOf('--gb');
const targetBytes = gbIndex >= 0 ? Number(args[gbIndex + 1]) * 1e9 : 0;
const TARGET_LINES = 2_000_000;

const source = sharedFile('ais', 'kystverket-1000.nm4');
if (!source) throw new Error('shared data missing: ais/kystverket-1000.nm4');
const lines = readFileSync(source, 'latin1')
  .split('\n')
  .filter((l) => l.startsWith('\\c:'));
const times = lines.map((l) => Number(/^\\c:(\d+)/.exec(l)?.[1]));
const span = Math.max(...times) - Math.min(...times) + 1;

const dir = mkdtempSync(join(tmpdir(), 'wk-ingest-bench-'));
const input = join(dir, 'kystverket-shifted.nmea');
try {
  // copy k is shifted by k × the recording's span: a continuous stream of new traffic
  const fd = openSync(input, 'w');
  let written = 0;
  let copies = 0;
  const rest = lines.map((l) => l.slice(l.indexOf('*')));
  while (targetBytes > 0 ? written < targetBytes : copies * lines.length < TARGET_LINES) {
    let chunk = '';
    for (let i = 0; i < lines.length; i++) {
      const tag = `c:${(times[i] as number) + copies * span}`;
      chunk += `\\${tag}*${nmeaChecksum(tag)}${(rest[i] as string).slice(3)}\n`;
    }
    written += writeSync(fd, chunk, null, 'latin1');
    copies++;
  }
  closeSync(fd);
  const bytes = statSync(input).size;
  const totalLines = copies * lines.length;
  console.log(
    `input: ${totalLines.toLocaleString('en')} lines, ${(bytes / 1e6).toFixed(0)} MB (${copies} shifted copies of kystverket-1000.nm4, ${((copies * span) / 3600).toFixed(1)} h of traffic)`,
  );

  const runner = join(REPO_ROOT, 'bench', 'ais-ingest.child.ts');
  const dataDir = join(dir, 'store');
  const r = spawnSync(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', '--max-semi-space-size=16', runner, input, dataDir],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
    seconds: number;
    messages: number;
    positions: number;
    vessels: number;
    vesselDays: number;
    maxRssMb: number;
    storeMb: number;
    rows: number;
  };
  const rate = result.messages / result.seconds;
  console.log(
    `ingest (embedded SQLite): ${result.messages.toLocaleString('en')} messages (${result.positions.toLocaleString('en')} positions, ` +
      `${result.vessels} vessels, ${result.vesselDays} vessel-days in ${result.rows} rows) in ${result.seconds.toFixed(2)} s = ` +
      `${Math.round(rate).toLocaleString('en')} messages/s (target >= 300,000: ${rate >= 300_000 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `peak RSS ${result.maxRssMb} MB (target < 1,000 MB: ${result.maxRssMb < 1000 ? 'met' : 'NOT met'}); store ${result.storeMb} MB on disk ` +
      `(${((result.storeMb * 1e6) / result.positions).toFixed(1)} bytes per position incl. indexes)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
