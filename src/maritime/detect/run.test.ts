import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeClassAPosition, toSentences } from '../../ais/encode.ts';
import { missingShared } from '../../config/paths.ts';
import { listEvents } from '../../store/events.ts';
import { TEST_ENGINES } from '../../store/testing.ts';
import { detect } from '../detection-service.ts';
import { ingestAisFile } from '../ingest.ts';
import { scenario, TANKER } from '../testing.ts';
import { loadGeoContext } from './geo-context.ts';
import { PRESETS } from './presets.ts';
import { runDetection } from './run.ts';

const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json');
const engine = TEST_ENGINES[0] as (typeof TEST_ENGINES)[number];
const dir = mkdtempSync(join(tmpdir(), 'wk-detect-run-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The scenario's messages (a type 5 keeps its two lines together), in a shuffled order. */
function shuffled(text: string, seed: number): string {
  const lines = text.split('\n').filter((l) => l !== '');
  const groups: string[][] = [];
  for (const l of lines) {
    const prev = groups[groups.length - 1];
    if (prev && /!AIVDM,2,2,/.test(l)) prev.push(l);
    else groups.push([l]);
  }
  let a = seed;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [groups[i], groups[j]] = [groups[j] as string[], groups[i] as string[]];
  }
  return `${groups.flat().join('\n')}\n`;
}

async function eventsOf(text: string, name: string): Promise<{ ids: string[]; types: string[] }> {
  const { store, cleanup } = await engine.open();
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    await ingestAisFile(store, file, { actor: 'test' });
    const r = await runDetection(store, {
      preset: PRESETS.gfw!,
      geo: loadGeoContext(),
      actor: 'test',
      dryRun: true,
    });
    return { ids: r.events.map((e) => e.id).sort(), types: r.events.map((e) => e.type).sort() };
  } finally {
    await cleanup();
  }
}

describe('detection over stored data: order, duplicates, the future, silence', { skip }, () => {
  test('the same messages in any order, or twice, give the same events', async () => {
    const inOrder = await eventsOf(scenario(), 'in-order.nmea');
    assert.ok(inOrder.ids.length > 0);
    assert.deepEqual((await eventsOf(shuffled(scenario(), 7), 'shuffled.nmea')).ids, inOrder.ids);
    // every line twice (a second receiver): nothing new
    const doubled = scenario()
      .split('\n')
      .filter((l) => l !== '')
      .flatMap((l) => [l, l])
      .join('\n');
    assert.deepEqual((await eventsOf(`${doubled}\n`, 'doubled.nmea')).ids, inOrder.ids);
  });

  test('a report dated a year ahead is refused and makes no phantom gaps', async () => {
    const future = toSentences(
      encodeClassAPosition({ mmsi: TANKER, lat: 38.9, lon: 125.1, sog: 5, cog: 0, heading: 0 }),
      { time: Date.now() + 365 * 86_400_000 },
    )[0] as string;
    const { store, cleanup } = await engine.open();
    try {
      const file = join(dir, 'future.nmea');
      writeFileSync(file, `${scenario()}${future}\n`);
      const s = await ingestAisFile(store, file, { actor: 'test' });
      assert.equal(s.future, 1);
      const r = await runDetection(store, {
        preset: PRESETS.gfw!,
        geo: loadGeoContext(),
        actor: 'test',
        dryRun: true,
      });
      assert.equal(r.events.filter((e) => e.type === 'gap').length, 0);
      assert.ok(r.to !== null && Date.parse(r.to) < Date.now());
    } finally {
      await cleanup();
    }
  });

  test('when the whole feed stops, nobody has gone dark: no phantom gaps, even asked about the days after', async () => {
    const { store, cleanup } = await engine.open();
    try {
      const file = join(dir, 'stops.nmea');
      writeFileSync(file, scenario());
      await ingestAisFile(store, file, { actor: 'test' });
      // a window reaching a day and a half past the data: silence is measured against the last report received
      const r = await detect(store, { actor: 'test', to: Date.UTC(2024, 2, 3, 12) });
      assert.ok(r.events > 0);
      assert.equal(r.byType.gap ?? 0, 0);
      const { rows } = await listEvents(store, { type: 'gap', limit: 100, offset: 0 });
      assert.equal(rows.length, 0);
    } finally {
      await cleanup();
    }
  });
});
