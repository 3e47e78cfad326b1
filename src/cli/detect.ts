/**
 * `watchkeeper detect [--preset P] [--from --to]` re-runs maritime detection over stored AIS;
 * `watchkeeper events [list|show|evidence|export]` reads what it found; `watchkeeper presets` lists presets.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { PRESETS } from '../maritime/detect/presets.ts';
import { detect } from '../maritime/detection-service.ts';
import { EVENT_TYPES } from '../maritime/events.ts';
import { type ExportFormat, eventEvidence, exportEvents, findEvents } from '../maritime/events-service.ts';
import { addUserZone, allZones, removeUserZone } from '../maritime/zones-service.ts';
import { ScreeningService } from '../screening/service.ts';
import { cliActor, withStore } from './context.ts';
import { CliError, intArg, printJson, printTable } from './io.ts';
import { countProgress } from './progress.ts';
import { timeOption } from './time.ts';

export function registerDetectCommands(program: Command): void {
  program
    .command('detect')
    .description(
      'run maritime detection (encounters, loitering, gaps, port visits, zones, spoofing, identity) over stored AIS',
    )
    .addOption(new Option('--preset <name>', 'detection preset').choices(Object.keys(PRESETS)).default('gfw'))
    .option(
      '--from <time>',
      'start of the window (ISO 8601 date or time; a date means its start; default: all data)',
    )
    .option(
      '--to <time>',
      'end of the window (a date means the end of that day; default: the end of the data)',
    )
    .option('--no-link', 'do not re-screen vessel identities against the lists first')
    .option('--json', 'machine-readable summary')
    .action(
      async (
        opts: { preset: string; from?: string; to?: string; link: boolean; json?: boolean },
        cmd: Command,
      ) => {
        const from = timeOption(opts.from, 'from', 'start');
        const to = timeOption(opts.to, 'to', 'end');
        if (from !== undefined && to !== undefined && from > to) throw new CliError('--from is after --to');
        await withStore(cmd, async (store) => {
          const bar = countProgress('detect');
          const r = await detect(store, {
            preset: opts.preset,
            from,
            to,
            actor: cliActor(),
            screening: opts.link ? new ScreeningService(store) : undefined,
            onProgress: (phase, d, t) => bar.update(phase, d, t),
          });
          bar.stop();
          if (opts.json) return printJson(r);
          if (r.from === null) {
            process.stdout.write(
              'No AIS in the store yet: watchkeeper ais ingest FILE… (or watchkeeper simulate)\n',
            );
            return;
          }
          process.stdout.write(
            `detect (${r.preset} v${r.presetVersion}) ${r.from} – ${r.to}: ${r.vessels} vessels, ${r.positions} positions in ${r.seconds.toFixed(1)} s\n` +
              `  events: ${r.events}${
                Object.keys(r.byType).length > 0
                  ? ` (${Object.entries(r.byType)
                      .map(([k, n]) => `${k} ${n}`)
                      .join(', ')})`
                  : ''
              }\n` +
              (r.vesselsLinked !== null ? `  vessels linked to designations: ${r.vesselsLinked}\n` : '') +
              `  new alerts: ${r.alertsRaised}\n`,
          );
        });
      },
    );

  program
    .command('presets')
    .description('detection presets and their parameters')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      if (opts.json) return printJson(PRESETS);
      for (const p of Object.values(PRESETS)) {
        process.stdout.write(`${p.name} (v${p.version}): ${p.description}\n`);
        for (const k of ['encounter', 'loitering', 'gap', 'port', 'spoofing', 'zone'] as const) {
          process.stdout.write(
            `  ${k}: ${Object.entries(p[k])
              .map(([a, b]) => `${a}=${b}`)
              .join(', ')}\n`,
          );
        }
      }
    });

  const events = program
    .command('events')
    .description('maritime events found by detection')
    .enablePositionalOptions();
  const filters = (c: Command) =>
    c
      .addOption(new Option('--type <type>', 'event type').choices([...EVENT_TYPES]))
      .option('--mmsi <mmsi>', 'events of this vessel', intArg(0, 999_999_999))
      .addOption(new Option('--preset <name>', 'detection preset').choices(Object.keys(PRESETS)))
      .option('--from <time>', 'events ending after this time')
      .option('--to <time>', 'events starting before this time');
  filters(events.command('list').description('events, newest first'))
    .option('--limit <n>', 'how many', intArg(1, 100_000), 50)
    .option('--json', 'machine-readable output')
    .action(async (opts: EventFilterOptions & { limit: number; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const r = await findEvents(store, { ...filterOf(opts), limit: opts.limit, offset: 0 });
        if (opts.json) return printJson(r);
        if (r.total === 0) {
          const filtered = opts.type || opts.mmsi !== undefined || opts.preset || opts.from || opts.to;
          process.stdout.write(
            filtered
              ? 'No events match these filters.\n'
              : 'No events. Run detection first: watchkeeper detect\n',
          );
          return;
        }
        printTable(
          ['start', 'end', 'type', 'mmsi', 'where', 'details', 'preset', 'id'],
          r.items.map((e) => [
            e.start.slice(0, 16).replace('T', ' '),
            e.end ? e.end.slice(0, 16).replace('T', ' ') : 'open',
            e.type,
            e.mmsi.join(' & '),
            `${e.lat.toFixed(3)}, ${e.lon.toFixed(3)}`,
            summarise(e.details),
            e.preset,
            e.id,
          ]),
        );
        if (r.total > r.items.length) process.stdout.write(`… ${r.total} in all (--limit for more)\n`);
      });
    });
  events
    .command('show')
    .description('one event with its parameters and the raw messages it rests on')
    .argument('<id>', 'event id')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const r = await eventEvidence(store, id);
        if (r === null) throw new CliError(`no event ${id}`);
        if (opts.json) return printJson(r);
        const e = r.event;
        process.stdout.write(
          `${e.type} ${e.mmsi.join(' & ')}  ${e.start} – ${e.end ?? 'open'}  at ${e.lat}, ${e.lon}\n` +
            `preset ${e.preset} (${e.algorithm}): ${Object.entries(e.params)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}\n` +
            `details: ${JSON.stringify(e.details)}\n\nevidence:\n`,
        );
        for (const m of r.messages) {
          process.stdout.write(
            `  ${m.sourceName} line ${m.line}${m.unavailable ? ` (${m.unavailable})` : ''}\n`,
          );
          for (const raw of m.raw) process.stdout.write(`    ${raw}\n`);
        }
      });
    });
  filters(events.command('export').description('export events as NDJSON, CSV, GeoJSON or KML to stdout'))
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['ndjson', 'csv', 'geojson', 'kml'])
        .default('ndjson'),
    )
    .action(async (opts: EventFilterOptions & { format: ExportFormat }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        for await (const chunk of exportEvents(store, opts.format, filterOf(opts))) {
          if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
        }
      });
    });

  const zones = program
    .command('zones')
    .description('zones the zone detector watches: DPRK waters and your own')
    .enablePositionalOptions();
  zones
    .command('list', { isDefault: true })
    .description('default and user zones')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const all = await allZones(store);
        if (opts.json) return printJson(all);
        printTable(
          ['id', 'name', 'kind', 'bbox', 'source'],
          all.map((z) => [
            z.id,
            z.name,
            z.kind,
            z.bbox.map((v) => v.toFixed(2)).join(','),
            z.source.slice(0, 60),
          ]),
        );
      });
    });
  zones
    .command('add')
    .description('add a zone from a GeoJSON file (Polygon, MultiPolygon, Feature or FeatureCollection)')
    .argument('<file>', 'GeoJSON file')
    .option('--name <name>', "zone name (default: the Feature's properties.name, else the file name)")
    .action(async (file: string, opts: { name?: string }, cmd: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`${file}: cannot read the file`);
      }
      let geojson: unknown;
      try {
        geojson = JSON.parse(text);
      } catch (err) {
        throw new CliError(`${file}: not JSON: ${(err as Error).message}`);
      }
      const named = (geojson as { properties?: { name?: unknown } } | null)?.properties?.name;
      const name =
        opts.name ??
        (typeof named === 'string' && named.trim() !== ''
          ? named
          : basename(file).replace(/\.(geo)?json$/i, ''));
      await withStore(cmd, async (store) => {
        const z = await addUserZone(store, name, geojson, cliActor());
        process.stdout.write(
          `added zone ${z.id} "${z.name}"; run watchkeeper detect to find entries and exits\n`,
        );
      });
    });
  zones
    .command('remove')
    .description('remove a user zone')
    .argument('<id>', 'zone id (user-…)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        if (!(await removeUserZone(store, id, cliActor()))) throw new CliError(`no user zone ${id}`);
        process.stdout.write(`removed zone ${id}\n`);
      });
    });
}

interface EventFilterOptions {
  type?: string;
  mmsi?: number;
  preset?: string;
  from?: string;
  to?: string;
}

function filterOf(o: EventFilterOptions) {
  return {
    type: o.type,
    mmsi: o.mmsi,
    preset: o.preset,
    from: timeOption(o.from, 'from', 'start'),
    to: timeOption(o.to, 'to', 'end'),
  };
}

function summarise(d: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of [
    'kind',
    'port',
    'zone',
    'confidence',
    'durationHours',
    'hours',
    'medianDistanceM',
    'from',
    'to',
  ]) {
    if (d[k] !== undefined && d[k] !== null) parts.push(`${k}=${String(d[k])}`);
  }
  return parts.join(' ').slice(0, 80);
}
