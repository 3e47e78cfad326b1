/**
 * AIS decoding benchmark (`npm run bench:ais`), issue #4: the DMA recording repeated to about 2 million
 * lines, measured in one run: (a) Decoder to typed records in-process, from the read chunks (pushChunk: lines
 * parsed from the bytes), and (a') the same through the string API (LineSplitter + push(line)), (b) `watchkeeper
 * ais decode --format ndjson` end to end into /dev/null, (c) `gpsdecode -j` on the same file into /dev/null when
 * installed.
 * Targets: (a) >= 1,000,000 sentences/s; (b) >= 2x gpsdecode.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder, type DecoderCounters } from '../src/ais/index.ts';
import { LineSplitter } from '../src/ais/lines.ts';
import { REPO_ROOT, sharedFile } from '../src/config/paths.ts';

const TARGET_LINES = 2_000_000;
const source = sharedFile('ais', 'dma-stream-2010-06-11.nmea');
if (!source) throw new Error('shared data missing: ais/dma-stream-2010-06-11.nmea');

const dir = mkdtempSync(join(tmpdir(), 'wk-ais-bench-'));
const input = join(dir, 'dma-repeated.nmea');
try {
  const text = readFileSync(source, 'latin1');
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const linesPerCopy = body.split('\n').length - 1;
  const copies = Math.ceil(TARGET_LINES / linesPerCopy);
  const fd = openSync(input, 'w');
  for (let i = 0; i < copies; i++) writeSync(fd, body, null, 'latin1');
  closeSync(fd);
  const lines = copies * linesPerCopy;
  const bytes = Buffer.byteLength(body, 'latin1') * copies;

  // (a) in-process, reading the file in chunks as the command does: the byte path (pushChunk), best of 3
  const decodeChunks = async () => {
    const decoder = new Decoder();
    let kept = 0;
    const onMessage = () => {
      kept++;
    };
    for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) {
      decoder.pushChunk(chunk as Buffer, onMessage);
    }
    decoder.endChunks(onMessage);
    decoder.finish();
    if (kept !== decoder.counters.messages) throw new Error('message count mismatch');
    return decoder.counters;
  };
  // (a') the same through the string API: LineSplitter lines into push(line), best of 3
  const decodeStrings = async () => {
    const decoder = new Decoder();
    const splitter = new LineSplitter();
    let kept = 0;
    const onLine = (line: string) => {
      if (decoder.push(line) !== null) kept++;
    };
    for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) {
      splitter.push(chunk as Buffer, onLine);
    }
    splitter.end(onLine);
    decoder.finish();
    if (kept !== decoder.counters.messages) throw new Error('message count mismatch');
    return decoder.counters;
  };
  let counts = new Decoder().counters;
  const bestAsync = async (run: () => Promise<DecoderCounters>) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      counts = await run();
      best = Math.min(best, (performance.now() - t0) / 1000);
    }
    return best;
  };
  const decodeS = await bestAsync(decodeChunks);
  const chunkCounts = counts;
  const stringS = await bestAsync(decodeStrings);
  if (JSON.stringify(counts) !== JSON.stringify(chunkCounts)) throw new Error('pushChunk and push disagree');

  // (b) the command end to end, best of 3
  const wkS = bestOf(3, () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `exec node --disable-warning=ExperimentalWarning --max-semi-space-size=16 "$1" ais decode --format ndjson --quiet "$2" > /dev/null`,
        'wk',
        join(REPO_ROOT, 'src/cli/main.ts'),
        input,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('watchkeeper ais decode failed');
  });

  // (c) gpsdecode -j, best of 3
  let gpsS: number | null = null;
  let gpsVersion = '';
  try {
    gpsVersion = execFileSync('gpsdecode', ['-V'], { encoding: 'utf8' }).trim();
    gpsS = bestOf(3, () => {
      const r = spawnSync('bash', ['-c', 'gpsdecode -j < "$1" > /dev/null', 'gps', input], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (r.status !== 0) throw new Error('gpsdecode failed');
    });
  } catch {
    gpsS = null;
  }

  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const sentences = counts.sentences;
  console.log(
    `input: ${f(lines)} lines (${(bytes / 1e6).toFixed(0)} MB), ${f(sentences)} AIS sentences, ${f(counts.pghp)} PGHP, ` +
      `${f(counts.messages)} messages; node ${process.version}${gpsVersion ? `; ${gpsVersion}` : ''}`,
  );
  console.log('');
  console.log('| case | time (s) | lines/s | sentences/s | vs gpsdecode | target |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const ratio = (s: number) => (gpsS === null ? '—' : `${(gpsS / s).toFixed(2)}x`);
  console.log(
    `| (a) Decoder.pushChunk → typed records (in-process) | ${decodeS.toFixed(2)} | ${f(lines / decodeS)} | ${f(sentences / decodeS)} | ${ratio(decodeS)} | ≥ 1,000,000 sentences/s: ${sentences / decodeS >= 1e6 ? 'met' : 'NOT met'} |`,
  );
  console.log(
    `| (a') Decoder.push(line) per string line (LineSplitter), in-process | ${stringS.toFixed(2)} | ${f(lines / stringS)} | ${f(sentences / stringS)} | ${ratio(stringS)} | — |`,
  );
  console.log(
    `| (b) watchkeeper ais decode --format ndjson > /dev/null | ${wkS.toFixed(2)} | ${f(lines / wkS)} | ${f(sentences / wkS)} | ${ratio(wkS)} | ≥ 2x gpsdecode: ${gpsS === null ? 'n/a' : gpsS / wkS >= 2 ? 'met' : 'NOT met'} |`,
  );
  if (gpsS !== null) {
    console.log(
      `| (c) gpsdecode -j > /dev/null | ${gpsS.toFixed(2)} | ${f(lines / gpsS)} | ${f(sentences / gpsS)} | 1.00x | — |`,
    );
  } else console.log('| (c) gpsdecode -j | not installed | | | | |');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function bestOf(n: number, run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
