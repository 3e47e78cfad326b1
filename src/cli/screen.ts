import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { summariseLists } from '../lists/service.ts';
import { screenCsv } from '../screening/batch.ts';
import { checkQuery } from '../screening/query.ts';
import { SCREENING_ALGORITHMS, SCREENING_DATASETS, ScreeningService } from '../screening/service.ts';
import { DEFAULT_THRESHOLD } from '../screening/types.ts';
import { withStore } from './context.ts';
import { CliError, intArg, printJson } from './io.ts';
import { byteProgress } from './progress.ts';

const SCHEMAS = ['Thing', 'Person', 'Company', 'Organization', 'LegalEntity', 'Vessel', 'Airplane'];

function threshold(v: string): number {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new CliError(`--threshold wants a number from 0 to 1, not ${v}`);
  return n;
}

export function registerScreenCommand(program: Command): void {
  program
    .command('screen')
    .description('screen a name (or a CSV of names) against every list: scored, explained hits')
    .argument('[name]', 'the name to screen (omit with --input)')
    .addOption(new Option('--schema <schema>', 'what the name is').choices(SCHEMAS).default('Thing'))
    .option('--dob <date>', 'date of birth (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--nationality <country>', 'nationality (name or ISO code)')
    .option('--imo <number>', 'vessel IMO number')
    .option('--mmsi <number>', 'vessel MMSI')
    .option('--call-sign <sign>', 'vessel call sign')
    .option('--passport <number>', 'passport number')
    .option(
      '--threshold <score>',
      `score from which a hit is a match (default ${DEFAULT_THRESHOLD})`,
      threshold,
    )
    .option('--limit <n>', 'hits to show', intArg(1, 100), 5)
    .addOption(
      new Option('--dataset <name>', 'lists to screen against')
        .choices(Object.keys(SCREENING_DATASETS))
        .default('default'),
    )
    .addOption(
      new Option('--algorithm <name>', 'scoring').choices([...SCREENING_ALGORITHMS]).default('watchkeeper'),
    )
    .option(
      '--input <file.csv>',
      'screen every row of a CSV (columns: name, type, dob, nationality, imo, mmsi, passport, ...)',
    )
    .option('--output <file.csv>', 'where batch results go (default: standard output)')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, opts, cmd: Command) => {
      const identifiers = opts.imo || opts.mmsi || opts.callSign || opts.passport;
      if (!name && !opts.input && !identifiers) {
        throw new CliError(
          'give a name (or --imo, --mmsi, --call-sign, --passport) to screen, or --input FILE.csv',
        );
      }
      if (opts.input && opts.json) throw new CliError('batch screening writes CSV; --json is for one name');
      await withStore(cmd, async (store) => {
        const service = new ScreeningService(store);
        // Screening a list that is not loaded finds nothing; say so rather than let it read as clean.
        const loaded = new Set((await summariseLists(store)).map((l) => l.source));
        const wanted = opts.dataset ?? 'default';
        if (wanted === 'default' ? loaded.size === 0 : !loaded.has(wanted)) {
          process.stderr.write(
            `warning: ${wanted === 'default' ? 'no list is' : `the ${wanted.toUpperCase()} list is not`} loaded: ` +
              'nothing is screened, so no hit means nothing (watchkeeper lists import / lists update)\n',
          );
        }
        if (opts.input) {
          let size: number;
          try {
            size = statSync(opts.input).size;
          } catch {
            throw new CliError(`${opts.input}: no such file`);
          }
          const input = createReadStream(opts.input);
          const output = opts.output ? createWriteStream(opts.output) : process.stdout;
          const bar = byteProgress('screening');
          let read = 0;
          input.on('data', (c) => {
            read += (c as Buffer).byteLength;
          });
          const t0 = performance.now();
          const summary = await screenCsv(service, input, output, {
            schema: opts.schema,
            threshold: opts.threshold,
            dataset: opts.dataset,
            algorithm: opts.algorithm,
            onRow: (n) => {
              if (n % 200 === 0) bar.update(read, size);
            },
          }).catch((err: Error) => {
            bar.stop();
            throw new CliError(`${opts.input}: ${err.message}`);
          });
          bar.update(size, size);
          bar.stop();
          if (opts.output) {
            output.end();
            await finished(output);
          }
          const secs = (performance.now() - t0) / 1000;
          process.stderr.write(
            `screened ${summary.rows} rows in ${secs.toFixed(1)} s: ${summary.matched} with a match, ${summary.errors} row errors\n`,
          );
          return;
        }
        const properties: Record<string, string[]> = {};
        if (name) properties.name = [name];
        if (opts.dob) properties.birthDate = [opts.dob];
        if (opts.nationality) properties.nationality = [opts.nationality];
        if (opts.imo) properties.imoNumber = [opts.imo];
        if (opts.mmsi) properties.mmsi = [opts.mmsi];
        if (opts.callSign) properties.callSign = [opts.callSign];
        if (opts.passport) properties.passportNumber = [opts.passport];
        const query = checkQuery({ schema: opts.schema, properties });
        if (typeof query === 'string') throw new CliError(query);
        const hits = await service.screen(query, {
          threshold: opts.threshold,
          limit: opts.limit,
          dataset: opts.dataset,
          algorithm: opts.algorithm,
        });
        if (opts.json) return printJson(hits);
        if (hits.length === 0) {
          process.stdout.write('no candidates\n');
          return;
        }
        for (const h of hits) {
          const flag = h.suppressed ? 'FALSE POSITIVE (decided)' : h.match ? 'MATCH' : 'no match';
          process.stdout.write(
            `${h.score.toFixed(3)}  ${flag.padEnd(9)}  ${h.caption}  [${h.schema}]  ${h.id} (${h.datasets.join(', ')} ${h.sourceRef})\n`,
          );
          for (const e of h.explanations) {
            process.stdout.write(
              `         ${e.effect >= 0 ? '+' : ''}${e.effect.toFixed(3)}  ${e.feature}: ${e.detail}\n`,
            );
          }
          for (const p of h.parties ?? []) {
            const listed = p.designated
              ? `DESIGNATED (${p.designated.datasets.join(', ')} ${p.designated.reference}; ${p.designated.regimes.join(' ')})`
              : 'not itself listed';
            process.stdout.write(`         ${p.role}: ${p.name} — ${listed}\n`);
          }
        }
      });
    });
}
