/**
 * `watchkeeper ais ingest FILE…` (AIS files into the store, with progress and a summary) and
 * `watchkeeper vessels [search|show|track]` (what the store knows of vessels).
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { type DetectResult, detect } from '../maritime/detection-service.ts';
import { type IngestSummary, ingestAisFile } from '../maritime/ingest.ts';
import { vesselRisk } from '../maritime/risk.ts';
import { findVessels, trackPoints, vesselDetail } from '../maritime/service.ts';
import { ScreeningService } from '../screening/service.ts';
import { cliActor, withStore } from './context.ts';
import { CliError, intArg, printJson, printTable } from './io.ts';
import { byteProgress, countProgress } from './progress.ts';
import { timeOption } from './time.ts';

export function registerVesselCommands(program: Command): void {
  const ais = program.commands.find((c) => c.name() === 'ais');
  if (!ais) throw new Error('the ais command must be registered first');
  ais
    .command('ingest')
    .description(
      'ingest AIS files into the store: NMEA (plain or .gz) or CSV of decoded positions; the same file twice adds nothing, an interrupted ingest resumes',
    )
    .argument('<files...>', 'AIS files')
    .option(
      '--columns <mapping>',
      'CSV column mapping for other layouts, e.g. mmsi=ship_id,time=ts,lat=y,lon=x',
    )
    .option('--clock <time>', 'receive time (ISO 8601) for NMEA lines that carry none (a snapshot file)')
    .option('--no-detect', 'do not run detection (default preset) over what was ingested')
    .option('--json', 'machine-readable summary')
    .action(
      async (
        files: string[],
        opts: { columns?: string; clock?: string; detect: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const clock = timeOption(opts.clock, 'clock', 'start');
        for (const f of files) {
          try {
            if (!statSync(f).isFile()) throw new CliError(`${f}: not a file`);
          } catch (err) {
            if (err instanceof CliError) throw err;
            throw new CliError(`${f}: no such file`);
          }
        }
        await withStore(cmd, async (store) => {
          const summaries: IngestSummary[] = [];
          // each file is its own ingest: one that fails leaves the others (and its own committed batches,
          // which a second run resumes after) and is reported at the end
          const failures: string[] = [];
          for (const file of files) {
            const bar = byteProgress(file.split('/').pop() ?? file);
            try {
              summaries.push(
                await ingestAisFile(store, file, {
                  actor: cliActor(),
                  columns: opts.columns,
                  clock,
                  onProgress: (p) => bar.update(p.bytes, p.totalBytes),
                }),
              );
            } catch (err) {
              if (files.length === 1) throw err;
              failures.push(`${file}: ${(err as Error).message}`);
            } finally {
              bar.stop();
            }
          }
          // detection runs over what was added, as it is ingested (other windows keep their events)
          const added = summaries.filter((s) => s.outcome !== 'already' && s.timeFrom && s.timeTo);
          let detection: DetectResult | null = null;
          if (opts.detect && added.length > 0) {
            const from = Math.min(...added.map((s) => Date.parse(s.timeFrom as string)));
            const to = Math.max(...added.map((s) => Date.parse(s.timeTo as string)));
            const bar = countProgress('detect');
            detection = await detect(store, {
              from,
              to,
              actor: cliActor(),
              screening: new ScreeningService(store),
              onProgress: (phase, d, t) => bar.update(phase, d, t),
            });
            bar.stop();
          }
          if (opts.json)
            printJson(detection === null ? summaries : { ingest: summaries, detection, failures });
          else for (const s of summaries) process.stdout.write(describeIngest(s));
          if (detection !== null && !opts.json) {
            process.stdout.write(
              `detection (${detection.preset}) over ${detection.from} – ${detection.to}: ${detection.events} events` +
                `${
                  Object.keys(detection.byType).length > 0
                    ? ` (${Object.entries(detection.byType)
                        .map(([k, n]) => `${k} ${n}`)
                        .join(', ')})`
                    : ''
                }, ` +
                `${detection.alertsRaised} new alerts\n`,
            );
          }
          if (failures.length > 0) {
            throw new CliError(
              `${failures.length} of ${files.length} files not ingested:\n  ${failures.join('\n  ')}`,
            );
          }
        });
      },
    );

  const vessels = program
    .command('vessels')
    .description('vessels seen in AIS: search, identity history, tracks')
    .enablePositionalOptions();
  vessels
    .command('search')
    .description('find vessels by MMSI, IMO, name or call sign (former ones too)')
    .argument('[query]', 'text; empty lists the most recently seen')
    .option('--limit <n>', 'how many', intArg(1, 100_000), 20)
    .option('--json', 'machine-readable output')
    .action(async (query: string | undefined, opts: { limit: number; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const r = await findVessels(store, { q: query, limit: opts.limit, offset: 0 });
        if (opts.json) return printJson(r);
        if (r.total === 0) {
          process.stdout.write(
            query
              ? `No vessel matches "${query}" (MMSI, IMO, name or call sign, former ones too).\n`
              : 'No vessels yet. Ingest AIS first: watchkeeper ais ingest FILE… (or watchkeeper simulate)\n',
          );
          return;
        }
        printTable(
          ['mmsi', 'name', 'imo', 'call sign', 'type', 'flag', 'class', 'last seen', 'positions'],
          r.items.map((v) => [
            v.mmsi,
            v.name ?? '',
            v.imo ?? '',
            v.callsign ?? '',
            v.shipTypeName ?? '',
            v.flag ?? '',
            v.mmsiClass,
            v.lastSeen.slice(0, 19).replace('T', ' '),
            v.positions,
          ]),
        );
        if (r.total > r.items.length) process.stdout.write(`… ${r.total} in all (--limit for more)\n`);
      });
    });
  vessels
    .command('show')
    .description('a vessel: current identity, identity history, last position')
    .argument('<mmsi>', 'MMSI', intArg(0, 999_999_999))
    .option('--json', 'machine-readable output')
    .action(async (mmsi: number, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const v = await vesselDetail(store, mmsi);
        if (v === null) throw new CliError(`no vessel with MMSI ${mmsi} in the store`);
        if (opts.json) return printJson(v);
        process.stdout.write(
          `${v.mmsi}  ${v.name ?? '(no name)'}  IMO ${v.imo ?? '—'}  call sign ${v.callsign ?? '—'}\n` +
            `class ${v.mmsiClass}, flag (from MID) ${v.flagName ?? '—'}${v.flag ? ` [${v.flag}]` : ''}, type ${v.shipTypeName ?? '—'}\n` +
            `seen ${v.firstSeen} – ${v.lastSeen}: ${v.reports} reports, ${v.positions} positions\n`,
        );
        if (v.lastPosition) {
          const p = v.lastPosition;
          process.stdout.write(
            `last position ${p.lat.toFixed(5)}, ${p.lon.toFixed(5)} at ${p.time} (SOG ${p.sog ?? '—'} kn, COG ${p.cog ?? '—'}°)\n`,
          );
        }
        if (v.identities.length > 0) {
          process.stdout.write('\nidentity history\n');
          printTable(
            ['from', 'to', 'name', 'imo', 'call sign', 'type', 'destination', 'reports'],
            v.identities.map((i) => [
              i.validFrom.slice(0, 19),
              i.validTo.slice(0, 19),
              i.name ?? '',
              i.imo ?? '',
              i.callsign ?? '',
              i.shipTypeName ?? '',
              i.destination ?? '',
              i.reports,
            ]),
          );
        }
      });
    });
  vessels
    .command('risk')
    .description("a vessel's risk score with its reasons (designations, events, identity anomalies)")
    .argument('<mmsi>', 'MMSI', intArg(0, 999_999_999))
    .option('--json', 'machine-readable output')
    .action(async (mmsi: number, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        if ((await vesselDetail(store, mmsi)) === null)
          throw new CliError(`no vessel with MMSI ${mmsi} in the store`);
        const r = await vesselRisk(store, mmsi);
        if (opts.json) return printJson(r);
        process.stdout.write(`${mmsi}: risk ${r.score}/100 (${r.level})\n`);
        for (const reason of r.reasons) process.stdout.write(`  +${reason.points}  ${reason.text}\n`);
        if (r.reasons.length === 0)
          process.stdout.write('  no designation links, events or identity anomalies\n');
      });
    });
  vessels
    .command('track')
    .description(
      'positions of a vessel over a period, each with the source (file sha256 or feed log) and line of its raw sentence',
    )
    .argument('<mmsi>', 'MMSI', intArg(0, 999_999_999))
    .option('--from <time>', 'ISO 8601 time or date, a date meaning its start (default: all)')
    .option('--to <time>', 'ISO 8601 time or date, a date meaning its end (default: now)')
    .option('--limit <n>', 'at most this many positions', intArg(1, 10_000_000), 10_000)
    .option('--json', 'machine-readable output')
    .action(
      async (
        mmsi: number,
        opts: { from?: string; to?: string; limit: number; json?: boolean },
        cmd: Command,
      ) => {
        const from = timeOption(opts.from, 'from', 'start') ?? 0;
        const to = timeOption(opts.to, 'to', 'end') ?? Date.now();
        if (from > to) throw new CliError('--from is after --to');
        await withStore(cmd, async (store) => {
          if ((await vesselDetail(store, mmsi)) === null)
            throw new CliError(`no vessel with MMSI ${mmsi} in the store`);
          const r = await trackPoints(store, mmsi, { from, to, limit: opts.limit });
          if (opts.json) return printJson(r);
          printTable(
            ['time', 'lat', 'lon', 'sog', 'cog', 'heading', 'type', 'source line'],
            r.points.map((p) => [
              new Date(p.t).toISOString().slice(0, 19),
              p.lat.toFixed(5),
              p.lon.toFixed(5),
              p.sog ?? '',
              p.cog ?? '',
              p.heading ?? '',
              p.msgType,
              `${p.source.slice(0, 12)}:${p.line}`,
            ]),
          );
          process.stdout.write(`${r.points.length} of ${r.total} positions\n`);
        });
      },
    );
}

function describeIngest(s: IngestSummary): string {
  if (s.outcome === 'already') {
    return `${s.file}: already ingested (sha256 ${s.source.slice(0, 12)}…), nothing added\n`;
  }
  const rejected = Object.entries(s.rejected).sort((a, b) => b[1] - a[1]);
  const rejectedTotal = rejected.reduce((a, [, n]) => a + n, 0);
  const types = Object.entries(s.byType)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  const rate = s.seconds > 0 ? Math.round(s.messages / s.seconds) : 0;
  return (
    `${s.file}${s.outcome === 'resumed' ? ' (resumed)' : ''}: ${s.lines} lines, ${s.messages} messages decoded ` +
    `in ${s.seconds.toFixed(1)} s (${rate}/s)\n` +
    `  stored: ${s.positions} position reports (one report heard by several receivers is kept once), ${s.staticReports} static reports; ` +
    `${s.vessels} vessel(s), ${s.days} day(s), ${s.vesselDays} vessel-day(s)\n` +
    (types ? `  by type: ${types}\n` : '') +
    `  rejected: ${rejectedTotal}${rejected.length > 0 ? ` (${rejected.map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}` +
    (s.noTime > 0 ? `; without a receive time (not stored): ${s.noTime}` : '') +
    (s.future > 0 ? `; dated more than a day ahead (refused): ${s.future}` : '') +
    '\n' +
    (s.warnings ?? []).map((w) => `  note: ${w}\n`).join('')
  );
}
