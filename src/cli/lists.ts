import { createWriteStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { type Command, Option } from 'commander';
import { LIST_FILTERS } from '../lists/datasets.ts';
import { exportRecords } from '../lists/export.ts';
import { importListFile, planImports } from '../lists/import.ts';
import { diffVersions, entityDetail, searchEntities, summariseLists } from '../lists/service.ts';
import { LIST_SOURCES, type ListSource } from '../lists/types.ts';
import { getRegime, listRegimes } from '../regimes/index.ts';
import { cliActor, withStore } from './context.ts';
import { CliError, intArg, printJson, printTable } from './io.ts';
import { byteProgress } from './progress.ts';
import { runListUpdate } from './update.ts';
import { rescreenAfterImport } from './watch.ts';

const sourceOption = () => new Option('--source <source>', 'list source').choices([...LIST_SOURCES]);

/** Files named on the command line; a folder stands for the files in it. */
function expandFiles(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new CliError(`${p}: no such file or folder`);
    }
    if (!st.isDirectory()) return [p];
    const found = readdirSync(p)
      .filter((f) => /\.(xml|csv)$/i.test(f))
      .sort()
      .map((f) => join(p, f));
    if (found.length === 0)
      throw new CliError(`${p}: no .xml or .csv files in this folder (folders are not searched recursively)`);
    return found;
  });
}

export function registerListCommands(program: Command): void {
  const lists = program
    .command('lists')
    .description('official sanctions lists: sources, versions, imports, diffs')
    .enablePositionalOptions()
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const summary = await summariseLists(store);
        if (opts.json) return printJson(summary);
        if (summary.length === 0) {
          process.stdout.write(
            'No lists imported yet. Try: watchkeeper lists import FILE… or watchkeeper lists update\n',
          );
          return;
        }
        for (const s of summary) {
          process.stdout.write(`\n${s.dataset.toUpperCase()} — ${s.versions.length} version(s)\n`);
          printTable(
            ['version', 'published', 'records', 'by schema', 'file'],
            s.versions.map((v) => [
              v.id,
              v.publishedDate,
              v.recordCount,
              Object.entries(v.counts.bySchema)
                .map(([k, n]) => `${k} ${n}`)
                .join(', '),
              v.fileName,
            ]),
          );
          const regimes = Object.entries(s.latest.counts.byRegime).sort((a, b) => b[1] - a[1]);
          process.stdout.write(
            `latest by regime: ${regimes
              .slice(0, 12)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}${regimes.length > 12 ? `, … (${regimes.length} regimes)` : ''}\n`,
          );
        }
      });
    });

  lists
    .command('import')
    .description(
      'import list files (UN XML, OFAC CSV/XML, EU FSF XML, UK OFSI CSV); the source is detected from the content',
    )
    .argument('<files...>', 'files or folders; OFAC alt.csv/add.csv/sdn_comments.csv go with their sdn.csv')
    .addOption(sourceOption())
    .addOption(
      new Option('--dataset <list>', 'which OFAC list the files are (default: from the file name)').choices([
        'ofac-sdn',
        'ofac-cons',
      ]),
    )
    .option(
      '--published <date>',
      'publication date (YYYY-MM-DD) of a file that does not state one, e.g. an OFAC sdn.csv without a date in its name',
    )
    .option('--json', 'machine-readable output')
    .action(
      async (
        files: string[],
        opts: { source?: ListSource; dataset?: string; published?: string; json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store) => {
          const results = [];
          for (const plan of planImports(expandFiles(files))) {
            const bar = byteProgress(`importing ${plan.file.split('/').pop()}`);
            const t0 = performance.now();
            try {
              const r = await importListFile(store, plan.file, {
                actor: cliActor(),
                source: opts.source,
                companions: plan.companions,
                dataset: opts.dataset,
                publishedAt: opts.published,
                onProgress: bar.update,
              });
              bar.stop();
              const secs = ((performance.now() - t0) / 1000).toFixed(2);
              results.push({ file: plan.file, ...r });
              if (!opts.json) {
                const v = r.version;
                process.stdout.write(
                  r.status === 'unchanged'
                    ? `${plan.file}: already imported as ${v.id} (no change)\n`
                    : `${plan.file}: imported ${v.recordCount} records as ${v.id} (${v.format}, published ${v.publishedDate}) in ${secs} s\n`,
                );
              }
            } catch (err) {
              bar.stop();
              throw err;
            }
          }
          if (results.some((r) => r.status === 'imported')) await rescreenAfterImport(store);
          if (opts.json) printJson(results);
        });
      },
    );

  lists
    .command('diff')
    .description(
      'added, removed and changed entries between two versions of a list (default: previous → latest)',
    )
    .argument('<list>', 'un, ofac (= ofac-sdn), ofac-cons, eu or uk')
    .argument('[from]', 'version id, publication date (YYYY-MM-DD) or "previous"')
    .argument('[to]', 'version id, publication date or "latest"')
    .option('--json', 'machine-readable output')
    .action(
      async (
        source: string,
        from: string | undefined,
        to: string | undefined,
        opts: { json?: boolean },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store) => {
          const d = await diffVersions(store, source, from, to);
          if (opts.json) return printJson(d);
          process.stdout.write(
            `${d.dataset.toUpperCase()} ${d.from.publishedDate} (${d.from.id}) → ${d.to.publishedDate} (${d.to.id}): ` +
              `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed\n`,
          );
          for (const e of d.added) process.stdout.write(`+ ${e.sourceRef}  ${e.caption}  [${e.schema}]\n`);
          for (const e of d.removed) process.stdout.write(`- ${e.sourceRef}  ${e.caption}  [${e.schema}]\n`);
          for (const e of d.changed) {
            process.stdout.write(`~ ${e.sourceRef}  ${e.caption}\n`);
            for (const c of e.changes) {
              for (const v of c.removed) process.stdout.write(`    ${c.field}: - ${v}\n`);
              for (const v of c.added) process.stdout.write(`    ${c.field}: + ${v}\n`);
            }
          }
        });
      },
    );

  lists
    .command('update')
    .description('download the official lists from their published URLs and import what changed')
    .addOption(sourceOption())
    .option('--url <source=url...>', 'override a source URL, e.g. --url un=https://… (repeatable)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { source?: ListSource; url?: string[]; json?: boolean }, cmd: Command) => {
      await withStore(cmd, (store) => runListUpdate(store, cmd, opts));
    });

  const entities = program.command('entities').description('browse designated entities');
  entities
    .command('search')
    .description('find current entities by name or identifier')
    .argument('[query]', 'words that must all appear in a name or identifier')
    .option('--schema <schema>', 'FtM schema, e.g. Person, Vessel')
    .addOption(
      new Option('--list <list>', 'only this list (ofac = both OFAC lists)').choices([...LIST_FILTERS]),
    )
    .option('--regime <code>', 'regime code, e.g. un-dprk')
    .option('--limit <n>', 'page size', intArg(1, 500), 50)
    .option('--offset <n>', 'skip this many', intArg(0, 1_000_000_000), 0)
    .option('--json', 'machine-readable output')
    .action(async (query: string | undefined, opts, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const page = await searchEntities(store, {
          q: query,
          schema: opts.schema,
          list: opts.list,
          regime: opts.regime,
          limit: opts.limit,
          offset: opts.offset,
        });
        if (opts.json) return printJson(page);
        printTable(
          ['id', 'ref', 'schema', 'name', 'regimes'],
          page.items.map((e) => [e.id, e.sourceRef, e.schema, e.caption, e.regimes.join(' ')]),
        );
        process.stdout.write(`${page.items.length} of ${page.total}\n`);
      });
    });
  entities
    .command('show')
    .description('everything about one entity: properties, sanctions, provenance, history, related entities')
    .argument('<id>', 'entity id, e.g. un-kpi-033')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const d = await entityDetail(store, id);
        if (opts.json) return printJson(d);
        const out = (s: string) => process.stdout.write(`${s}\n`);
        out(`${d.caption}  [${d.schema}]  ${d.id}  (${d.source.toUpperCase()} ${d.sourceRef}, ${d.status})`);
        for (const [prop, values] of Object.entries(d.entity.properties))
          out(`  ${prop.padEnd(18)} ${values.join(' | ')}`);
        out('Regimes:');
        for (const r of d.regimes) out(`  ${r.code}  ${r.name} (${r.authority})`);
        out('Related records:');
        for (const a of d.adjuncts) {
          out(`  ${a.schema} ${a.id}`);
          for (const [prop, values] of Object.entries(a.properties))
            out(`    ${prop.padEnd(16)} ${values.join(' | ')}`);
        }
        out(
          `Provenance: ${d.provenance.list} record ${d.provenance.sourceRef}, version ${d.provenance.versionId} (${d.provenance.fileName}); first seen ${d.provenance.firstSeen.publishedDate}, last seen ${d.provenance.lastSeen.publishedDate}`,
        );
        out('History:');
        for (const h of d.history) {
          out(`  ${h.publishedDate}  ${h.kind}  (${h.versionId})`);
          for (const c of h.changes ?? [])
            out(
              `      ${c.field}: ${c.removed
                .map((v) => `- ${v}`)
                .concat(c.added.map((v) => `+ ${v}`))
                .join('  ')}`,
            );
        }
        if (d.related.length) {
          out('Related entities:');
          for (const r of d.related) out(`  ${r.id}  ${r.caption} [${r.schema}] (${r.relation})`);
        }
      });
    });

  program
    .command('export')
    .description('export the current entities as FtM JSON lines or CSV')
    .addOption(new Option('--format <format>', 'output format').choices(['ftm', 'csv']).default('ftm'))
    .addOption(
      new Option('--list <list>', 'only this list (ofac = both OFAC lists)').choices([...LIST_FILTERS]),
    )
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { format: 'ftm' | 'csv'; list?: string; output?: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const out = opts.output ? createWriteStream(opts.output) : process.stdout;
        for await (const chunk of exportRecords(store, opts.format, opts.list)) {
          if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        if (opts.output) {
          out.end();
          await finished(out);
        }
      });
    });

  program
    .command('regimes')
    .description('sanctions regimes and their measures, with the resolutions and paragraphs they come from')
    .argument('[code]', 'a regime code, e.g. un-dprk')
    .option('--json', 'machine-readable output')
    .action(async (code: string | undefined, opts: { json?: boolean }) => {
      if (!code) {
        const all = listRegimes();
        if (opts.json) return printJson(all);
        return printTable(
          ['code', 'authority', 'name', 'measures'],
          all.map((r) => [r.code, r.authority, r.name, r.measures.length]),
        );
      }
      const r = getRegime(code);
      if (!r) throw new CliError(`no regime ${code}; see \`watchkeeper regimes\``);
      if (opts.json) return printJson(r);
      process.stdout.write(`${r.name} (${r.code}, ${r.authority})\n`);
      for (const b of r.basis) process.stdout.write(`  basis: ${b.symbol}${b.date ? ` (${b.date})` : ''}\n`);
      for (const m of r.measures) {
        const cites = m.sources.map((s) => `${s.instrument} para. ${s.paragraphs.join(', ')}`).join('; ');
        process.stdout.write(`  - ${m.title} [${m.kind}]${cites ? ` — ${cites}` : ''}\n`);
      }
    });
}
