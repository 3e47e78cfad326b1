import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingShared, sharedFile } from '../../config/paths.ts';
import { importListFile } from '../../lists/import.ts';
import { listAlerts } from '../../store/screening.ts';
import { TEST_ENGINES } from '../../store/testing.ts';
import { ScreeningService } from '../service.ts';
import { recordDecision } from './decisions.ts';
import { addToWatchlist, createWatchlist, rescreenWatchlists } from './watchlists.ts';

const un = (d: string) => ['lists', 'un', `un-consolidated-${d}.xml`];
const skip = missingShared(...un('2026-02-27')) || missingShared(...un('2026-05-08'));

for (const engine of TEST_ENGINES) {
  describe(`watchlists raise alerts for new or changed hits only: ${engine.name}`, {
    skip: engine.skip || skip,
  }, () => {
    test('re-screening after a list import alerts on what is new', async () => {
      const { store, cleanup } = await engine.open();
      try {
        const screening = new ScreeningService(store);
        await importListFile(store, sharedFile(...un('2026-02-27'))!, { actor: 'test' });
        await createWatchlist(store, 'customers', 'ana');
        await addToWatchlist(
          store,
          'customers',
          [
            {
              id: 'c1',
              query: { schema: 'Person', properties: { name: ['Ri Won-ho'], birthDate: ['1964-07-17'] } },
            },
            { id: 'c2', query: { schema: 'Person', properties: { name: ['Margaret Quill-Hathaway'] } } },
            // Listed on 2026-05-08 only (QDi.437 in the newer file): no hit before, an alert after.
            { id: 'c3', query: { schema: 'Person', properties: { name: [newlyListedName()] } } },
          ],
          'ana',
        );
        const first = await rescreenWatchlists(store, screening);
        assert.equal(first.items, 3);
        assert.equal(first.newAlerts, 1, 'Ri Won Ho is listed');
        const again = await rescreenWatchlists(store, screening);
        assert.equal(again.newAlerts, 0, 'the same hit is not raised twice');

        await importListFile(store, sharedFile(...un('2026-05-08'))!, { actor: 'test' });
        screening.invalidate();
        const after = await rescreenWatchlists(store, screening);
        const open = await listAlerts(store, { status: 'open' });
        assert.ok(
          open.items.some((a) => a.subject.endsWith('/c3')),
          'the newly listed person raises an alert',
        );
        assert.ok(after.newAlerts >= 1);

        // A false positive decided for a query is not raised again for that listing content.
        await recordDecision(
          store,
          {
            query: { schema: 'Person', properties: { name: [newlyListedName()] } },
            entityId: open.items.find((a) => a.subject.endsWith('/c3'))!.entityId!,
            entityHash: open.items.find((a) => a.subject.endsWith('/c3'))!.entityHash!,
            decision: 'false_positive',
          },
          'ana',
        );
        assert.equal((await rescreenWatchlists(store, screening)).newAlerts, 0);
      } finally {
        await cleanup();
      }
    });
  });
}

/** The primary name of QDi.437, read from the 2026-05-08 file (not copied into the test). */
function newlyListedName(): string {
  const xml = readShared(un('2026-05-08'));
  const at = xml.indexOf('<REFERENCE_NUMBER>QDi.437');
  const start = xml.lastIndexOf('<INDIVIDUAL>', at);
  const block = xml.slice(start, at);
  const part = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(block)?.[1]?.trim() ?? '';
  return [part('FIRST_NAME'), part('SECOND_NAME'), part('THIRD_NAME')].filter(Boolean).join(' ');
}

import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();
function readShared(parts: string[]): string {
  const p = sharedFile(...parts)!;
  if (!cache.has(p)) cache.set(p, readFileSync(p, 'utf8'));
  return cache.get(p)!;
}
