/**
 * `watchkeeper ais decode FILE…`: AIS NMEA recordings (plain, gzip or stdin) to one record per message on
 * stdout, NDJSON or CSV, with a summary on stderr. Streams chunk by chunk: memory stays bounded whatever
 * the input size, and unreadable lines are counted, never fatal.
 */
import { statSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { CSV_HEADER, csvLine, OutputBuffer, type OutputFormat } from '../ais/format.ts';
import { type DecodedMessage, Decoder, type DecoderCounters } from '../ais/index.ts';
import { inputChunks } from '../ais/input.ts';
import { registerListenCommand } from './ais-listen.ts';
import { CliError } from './io.ts';
import { byteProgress } from './progress.ts';

/** Output is gathered into writes of about this size: one write per record costs more than the decoding. */
const WRITE_BATCH = 1 << 20;

export function registerAisCommands(program: Command): void {
  const ais = program.command('ais').description('AIS recordings and feeds');
  ais
    .command('decode')
    .description(
      'decode AIS NMEA (plain, .gz, or - for stdin) to one record per message on stdout; summary on stderr',
    )
    .argument('<files...>', 'NMEA files; gzip is recognised by its magic bytes; - reads stdin')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--quiet', 'no summary on stderr')
    .action(async (files: string[], opts: { format: OutputFormat; quiet?: boolean }) => {
      await decodeCommand(files, opts.format, opts.quiet === true);
    });
  registerListenCommand(ais);
}

/** Writes the output buffer to stdout in large batches, waiting when the reader is slower than us. */
class BatchedStdout {
  readonly buffer = new OutputBuffer(WRITE_BATCH);

  get full(): boolean {
    return this.buffer.length >= WRITE_BATCH;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    if (!process.stdout.write(this.buffer.take())) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

async function decodeCommand(files: string[], format: OutputFormat, quiet: boolean): Promise<void> {
  if (files.filter((f) => f === '-').length > 1) throw new CliError('stdin (-) can be read only once');
  // fail on a missing file before writing anything
  for (const f of files) {
    if (f === '-') continue;
    try {
      if (!statSync(f).isFile()) throw new CliError(`${f}: not a file`);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(
        `${f}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      );
    }
  }
  const out = new BatchedStdout();
  const buffer = out.buffer;
  if (format === 'csv') buffer.latin1(CSV_HEADER);
  // NDJSON is written as bytes straight into the output buffer; CSV rows are strings
  const onMessage =
    format === 'csv'
      ? (m: DecodedMessage) => buffer.latin1(csvLine(m))
      : (m: DecodedMessage) => {
          buffer.ndjson(m);
        };
  const totals: DecoderCounters[] = [];
  let failure: string | null = null;
  for (const file of files) {
    const decoder = new Decoder();
    const size = file === '-' ? 0 : statSync(file).size;
    const progress = size > 0 ? byteProgress(file) : null;
    let read = 0;
    try {
      for await (const chunk of inputChunks(file, (n) => {
        read += n;
      })) {
        // lines are split and parsed from the bytes: no string per line
        decoder.pushChunk(chunk, onMessage);
        progress?.update(read, size);
        if (out.full) await out.flush();
      }
      decoder.endChunks(onMessage);
    } catch (err) {
      // a truncated or corrupt gzip stream: keep what was decoded, say where it stopped
      failure = `${file === '-' ? 'stdin' : file}: ${(err as Error).message} (after ${decoder.counters.lines} lines)`;
    } finally {
      progress?.stop();
    }
    decoder.finish();
    totals.push(decoder.counters);
    await out.flush();
    if (failure !== null) break;
  }
  await out.flush();
  if (!quiet) process.stderr.write(summary(totals));
  if (failure !== null) throw new CliError(failure);
}

function summary(all: DecoderCounters[]): string {
  const t = { lines: 0, blank: 0, sentences: 0, pghp: 0, messages: 0, tagBlockChecksumMismatch: 0 };
  const byType = new Map<number, number>();
  const rejected = new Map<string, number>();
  for (const c of all) {
    t.lines += c.lines;
    t.blank += c.blank;
    t.sentences += c.sentences;
    t.pghp += c.pghp;
    t.messages += c.messages;
    t.tagBlockChecksumMismatch += c.tagBlockChecksumMismatch;
    for (const [type, n] of Object.entries(c.byType))
      byType.set(Number(type), (byType.get(Number(type)) ?? 0) + n);
    for (const [reason, n] of Object.entries(c.rejected))
      if (n > 0) rejected.set(reason, (rejected.get(reason) ?? 0) + n);
  }
  const types = [...byType.entries()].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}: ${n}`);
  const reasons = [...rejected.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`);
  const rejectedTotal = [...rejected.values()].reduce((a, b) => a + b, 0);
  return (
    `ais decode: ${t.lines} lines, ${t.sentences} AIS sentences, ${t.pghp} PGHP, ${t.blank} blank, ` +
    `${t.messages} messages\n` +
    `  by type: ${types.length > 0 ? types.join(', ') : 'none'}\n` +
    `  rejected: ${rejectedTotal}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}\n` +
    (t.tagBlockChecksumMismatch > 0
      ? `  tag block checksum mismatches (kept): ${t.tagBlockChecksumMismatch}\n`
      : '')
  );
}
