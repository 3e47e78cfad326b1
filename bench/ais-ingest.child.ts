/** The ingest of bench/ais-ingest.bench.ts, in its own process: prints one JSON line with the figures. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ingestAisFile } from '../src/maritime/ingest.ts';
import { openStore } from '../src/store/store.ts';
import { trackTotals } from '../src/store/vessels.ts';

const [input, dataDir] = process.argv.slice(2) as [string, string];
const store = await openStore({ dataDir });
const t0 = performance.now();
const s = await ingestAisFile(store, input, { actor: 'bench' });
const seconds = (performance.now() - t0) / 1000;
const totals = await trackTotals(store);
await store.close();
const storeBytes = readdirSync(dataDir).reduce((a, f) => a + statSync(join(dataDir, f)).size, 0);
console.log(
  JSON.stringify({
    seconds,
    messages: s.messages,
    positions: s.positions,
    vessels: s.vessels,
    vesselDays: s.vesselDays,
    rows: totals.rows,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    storeMb: Math.round(storeBytes / 1e6),
  }),
);
