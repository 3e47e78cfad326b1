/**
 * `watchkeeper simulate`: writes a scenario (NMEA with tag-block times, ground truth, parameters) for the
 * detectors' tests, evaluation and benchmarks. See src/simulate/README.md.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_OPTIONS, NO_PLANTS, REGIONS, type SimOptions, writeScenario } from '../simulate/index.ts';
import { intArg, printJson } from './io.ts';
import { countProgress } from './progress.ts';

function numberArg(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    }
    return n;
  };
}

function timeArg(value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t) || !/\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new InvalidArgumentError('expected an ISO 8601 time, e.g. 2026-03-02T00:00:00Z');
  }
  return t;
}

interface SimulateFlags {
  out: string;
  region: string;
  start?: number;
  hours: number;
  vessels: number;
  interval?: number;
  drop: number;
  duplicates: number;
  noise: number;
  corrupt: number;
  seed: number;
  gzip?: boolean;
  plants: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('write a simulated AIS scenario (NMEA, ground truth) with planted behaviours')
    .requiredOption(
      '--out <dir>',
      '(required) output folder: scenario.nmea[.gz], truth.ndjson, scenario.json',
    )
    .addOption(
      new Option('--region <name>', 'region preset')
        .choices(Object.keys(REGIONS))
        .default(DEFAULT_OPTIONS.region),
    )
    .option(
      '--start <iso>',
      `scenario start (UTC; default ${new Date(DEFAULT_OPTIONS.start).toISOString()})`,
      timeArg,
    )
    .option('--hours <n>', 'length of the scenario in hours', numberArg(0.25, 744), DEFAULT_OPTIONS.hours)
    .option('--vessels <n>', 'number of vessels', intArg(1, 100_000), DEFAULT_OPTIONS.vessels)
    .option(
      '--interval <seconds>',
      'one position report every N seconds for every vessel (default: AIS rates)',
      intArg(1, 3600),
    )
    .option('--drop <p>', 'share of messages lost', numberArg(0, 0.95), DEFAULT_OPTIONS.drop)
    .option(
      '--duplicates <p>',
      'share of messages received twice (two stations)',
      numberArg(0, 1),
      DEFAULT_OPTIONS.duplicates,
    )
    .option('--noise <m>', 'GPS noise in metres', numberArg(0, 1000), DEFAULT_OPTIONS.gpsNoiseM)
    .option(
      '--corrupt <p>',
      'share of position lines written corrupt',
      numberArg(0, 0.4),
      DEFAULT_OPTIONS.corrupt,
    )
    .option(
      '--seed <n>',
      'random seed (same seed, same bytes)',
      intArg(0, 4_294_967_295),
      DEFAULT_OPTIONS.seed,
    )
    .option('--gzip', 'write scenario.nmea.gz')
    .option('--no-plants', 'background traffic only')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress or summary on stderr')
    .action(async (flags: SimulateFlags) => {
      const options: Partial<SimOptions> = {
        region: flags.region,
        hours: flags.hours,
        vessels: flags.vessels,
        interval: flags.interval ?? null,
        drop: flags.drop,
        duplicates: flags.duplicates,
        gpsNoiseM: flags.noise,
        corrupt: flags.corrupt,
        seed: flags.seed,
        plants: flags.plants ? null : NO_PLANTS,
      };
      if (flags.start !== undefined) options.start = flags.start;
      const progress = flags.quiet || flags.json ? null : countProgress('simulate');
      const log = (s: string) => {
        if (!flags.quiet && !flags.json) process.stderr.write(`${s}\n`);
      };
      const summary = await writeScenario(options, flags.out, {
        gzip: flags.gzip === true,
        onPlanned: (plan) =>
          log(
            `planned ${plan.stats.vessels} vessels (${plan.stats.transmitters} transmitters) in ${plan.region.name}, ` +
              `${new Date(plan.start).toISOString()} + ${plan.options.hours} h`,
          ),
        onProgress: (done, total) => progress?.update('minutes', done, total),
      });
      progress?.stop();
      const m = summary.manifest;
      if (flags.json) {
        printJson({ ...summary, manifest: m });
        return;
      }
      if (flags.quiet) return;
      const e = m.emission;
      const perS = e.positions / Math.max(1e-9, summary.timings.emitS);
      log(
        `wrote ${summary.files.nmea}: ${e.lines.toLocaleString('en')} lines, ${e.positions.toLocaleString('en')} positions ` +
          `(${Math.round(perS).toLocaleString('en')}/s), ${e.staticReports.toLocaleString('en')} static reports, ` +
          `${e.duplicates.toLocaleString('en')} duplicates, ${e.corrupt} corrupt lines, ${(e.bytes / 1e6).toFixed(1)} MB of NMEA`,
      );
      log(
        `lost ${e.lost.toLocaleString('en')} messages (drop), ${e.lostInOutage.toLocaleString('en')} in reception outages`,
      );
      log(`truth: ${summary.files.truth} (${e.truthRecords} records)`);
      for (const [k, n] of Object.entries(m.truth)) log(`  ${String(n).padStart(6)}  ${k}`);
      for (const w of m.warnings) log(`warning: ${w}`);
      log(
        `planned in ${summary.timings.planS.toFixed(1)} s, emitted in ${summary.timings.emitS.toFixed(1)} s, ` +
          `total ${summary.timings.totalS.toFixed(1)} s`,
      );
    });
}
