import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ListSource } from '../lists/types.ts';
import type { ListDownloadId } from '../lists/update.ts';
import { defaultDownloadDir, updateLists } from '../lists/update-service.ts';
import type { Store } from '../store/store.ts';
import { cliActor, globals } from './context.ts';
import { CliError, printJson, printTable } from './io.ts';
import { byteProgress } from './progress.ts';
import { rescreenAfterImport } from './watch.ts';

const IDS: readonly ListDownloadId[] = ['un', 'ofac-sdn', 'ofac-consolidated', 'eu', 'uk'];

export async function runListUpdate(
  store: Store,
  cmd: Command,
  opts: { source?: ListSource; url?: string[]; json?: boolean },
): Promise<void> {
  const urls: Partial<Record<ListDownloadId, string>> = {};
  for (const pair of opts.url ?? []) {
    const i = pair.indexOf('=');
    const id = pair.slice(0, i) as ListDownloadId;
    if (i < 0 || !IDS.includes(id)) throw new CliError(`--url wants ID=URL with ID one of ${IDS.join(', ')}`);
    urls[id] = pair.slice(i + 1);
  }
  const bars = new Map<string, ReturnType<typeof byteProgress>>();
  const outcomes = await updateLists(store, {
    downloadDir: defaultDownloadDir(resolve(globals(cmd).dataDir)),
    actor: cliActor(),
    source: opts.source,
    urls,
    onProgress: (id, bytes, total) => {
      let bar = bars.get(id);
      if (!bar) {
        bar = byteProgress(`downloading ${id}`);
        bars.set(id, bar);
      }
      bar.update(bytes, total ?? bytes);
    },
  });
  for (const b of bars.values()) b.stop();
  if (opts.json) printJson(outcomes);
  else
    printTable(
      ['list', 'status', 'version', 'records', 'note'],
      outcomes.map((o) => [o.id, o.status, o.versionId ?? '', o.records ?? '', o.message ?? '']),
    );
  if (outcomes.some((o) => o.status === 'imported')) await rescreenAfterImport(store);
  if (outcomes.some((o) => o.status === 'failed'))
    throw new CliError('some lists could not be updated (see above)', 2);
}
