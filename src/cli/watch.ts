import { createReadStream } from 'node:fs';
import { type Command, Option } from 'commander';
import { alertsInbox, triageAlert } from '../screening/monitoring/alerts.ts';
import {
  addToWatchlist,
  createWatchlist,
  entriesFromCsv,
  removeFromWatchlist,
  rescreenWatchlists,
  type WatchlistEntry,
  watchlistItems,
  watchlists,
} from '../screening/monitoring/watchlists.ts';
import { ScreeningService } from '../screening/service.ts';
import type { Store } from '../store/store.ts';
import { cliActor, withStore } from './context.ts';
import { CliError, intArg, printJson, printTable } from './io.ts';

/** Re-screens every watchlist after lists changed, and says how many alerts are new. */
export async function rescreenAfterImport(store: Store): Promise<void> {
  if ((await watchlists(store)).length === 0) return;
  const s = await rescreenWatchlists(store, new ScreeningService(store));
  process.stderr.write(
    `watchlists re-screened: ${s.items} items, ${s.newAlerts} new alert(s) (see: watchkeeper alerts)\n`,
  );
}

async function readEntries(file: string, schema: string): Promise<WatchlistEntry[]> {
  const { entries, problems } = await entriesFromCsv(createReadStream(file), schema);
  // Bad rows are skipped and named; the good ones are monitored.
  for (const p of problems) process.stderr.write(`${file} (${p}): skipped\n`);
  if (entries.length === 0) throw new CliError(`${file}: no row could be added`);
  return entries;
}

export function registerWatchCommands(program: Command): void {
  const wl = program
    .command('watchlists')
    .description('names and vessels you monitor; re-screened whenever lists change');
  wl.command('create')
    .argument('<name>', 'watchlist name, e.g. customers or fleet')
    .description('create a watchlist')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const w = await createWatchlist(store, name, cliActor());
        process.stdout.write(`created watchlist ${w.name} (${w.id})\n`);
      });
    });
  wl.command('list')
    .description('list watchlists')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const all = await watchlists(store);
        if (opts.json) return printJson(all);
        printTable(
          ['name', 'items', 'created by', 'id'],
          all.map((w) => [w.name, w.items ?? 0, w.createdBy, w.id]),
        );
      });
    });
  wl.command('add')
    .description(
      'add the rows of a CSV (columns: id, name, type, dob, nationality, imo, mmsi, passport) and screen them',
    )
    .argument('<watchlist>', 'watchlist name or id')
    .requiredOption('--input <file.csv>', '(required) the names or vessels to monitor')
    .addOption(new Option('--schema <schema>', 'type when the CSV has no type column').default('Thing'))
    .action(async (watchlist: string, opts: { input: string; schema: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const entries = await readEntries(opts.input, opts.schema);
        const r = await addToWatchlist(store, watchlist, entries, cliActor());
        process.stdout.write(`${r.added} item(s) on ${r.watchlist.name}\n`);
        const s = await rescreenWatchlists(store, new ScreeningService(store), { watchlist });
        process.stdout.write(`screened: ${s.hits} hit(s), ${s.newAlerts} new alert(s)\n`);
      });
    });
  wl.command('rescreen')
    .description('screen the watchlists again now (done automatically after list imports)')
    .argument('[watchlist]', 'only this watchlist')
    .action(async (watchlist: string | undefined, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const s = await rescreenWatchlists(store, new ScreeningService(store), { watchlist });
        process.stdout.write(`${s.items} item(s) screened: ${s.hits} hit(s), ${s.newAlerts} new alert(s)\n`);
      });
    });

  wl.command('items')
    .description('the items of a watchlist, by label')
    .argument('<watchlist>', 'watchlist name or id')
    .option('--limit <n>', 'page size', intArg(1, 10_000), 100)
    .option('--offset <n>', 'skip this many', intArg(0, 10_000_000), 0)
    .option('--json', 'machine-readable output')
    .action(
      async (watchlist: string, opts: { limit: number; offset: number; json?: boolean }, cmd: Command) => {
        await withStore(cmd, async (store) => {
          const r = await watchlistItems(store, watchlist, opts);
          if (opts.json) return printJson(r);
          printTable(
            ['id', 'label', 'type', 'screened on', 'added'],
            r.items.map((i) => [
              i.id,
              i.label ?? '',
              i.query.schema,
              Object.keys(i.query.properties).join(', '),
              i.addedAt.slice(0, 10),
            ]),
          );
          process.stdout.write(`${r.items.length} of ${r.total} item(s) on ${r.watchlist.name}\n`);
        });
      },
    );
  wl.command('remove')
    .description('stop monitoring an item (its past alerts stay)')
    .argument('<watchlist>', 'watchlist name or id')
    .argument('<item>', 'the item id (see `watchlists items`)')
    .action(async (watchlist: string, item: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        await removeFromWatchlist(store, watchlist, item, cliActor());
        process.stdout.write(`removed ${item} from ${watchlist}\n`);
      });
    });

  const alerts = program
    .command('alerts')
    .description(
      'the alert inbox: watchlist hits, and maritime events involving designated vessels or DPRK ports',
    )
    .enablePositionalOptions()
    .addOption(new Option('--status <status>', 'only these').choices(['open', 'confirmed', 'dismissed']))
    .option('--limit <n>', 'page size', intArg(1, 500), 50)
    .option('--json', 'machine-readable output')
    .action(
      async (
        opts: { status?: 'open' | 'confirmed' | 'dismissed'; limit: number; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store) => {
          const page = await alertsInbox(store, { status: opts.status, limit: opts.limit });
          if (opts.json) return printJson(page);
          printTable(
            ['id', 'status', 'score', 'subject', 'hit'],
            page.items.map((a) => {
              const d = a.details as { label?: string; caption?: string; reference?: string };
              if (a.kind === 'maritime') {
                const m = a.details as {
                  reason?: string;
                  event?: { id: string; type: string; start: string };
                };
                return [
                  a.id,
                  a.status,
                  a.score?.toFixed(2) ?? '',
                  `${m.event?.type ?? 'event'} ${m.event?.start?.slice(0, 16) ?? ''}`,
                  `${m.reason ?? ''} (event ${m.event?.id ?? ''})`,
                ];
              }
              return [
                a.id,
                a.status,
                a.score?.toFixed(2) ?? '',
                d.label ?? a.subject,
                `${d.caption ?? a.entityId} (${(a.details as { datasets?: string[] }).datasets?.join(' ') ?? ''} ${d.reference ?? ''})`,
              ];
            }),
          );
          process.stdout.write(`${page.items.length} of ${page.total}\n`);
        });
      },
    );
  alerts
    .command('triage')
    .description('confirm an alert, or dismiss it with a reason')
    .argument('<id>', 'alert id')
    .addOption(
      new Option('--status <status>', 'new status')
        .choices(['open', 'confirmed', 'dismissed'])
        .makeOptionMandatory(),
    )
    .option('--reason <text>', 'why (required to dismiss)')
    .action(
      async (
        id: string,
        opts: { status: 'open' | 'confirmed' | 'dismissed'; reason?: string },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store) => {
          const a = await triageAlert(store, id, opts.status, opts.reason, cliActor());
          process.stdout.write(`alert ${a.id} is ${a.status}\n`);
        });
      },
    );
}
