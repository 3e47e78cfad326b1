/** The full pipeline of bench/maritime.bench.ts in its own process: ingest a simulated scenario, detect. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../src/maritime/detection-service.ts';
import { ingestAisFile } from '../src/maritime/ingest.ts';
import { openStore } from '../src/store/store.ts';

const [simDir, dataDir] = process.argv.slice(2) as [string, string];
const file = readdirSync(simDir).find((f) => /^scenario\.nmea(\.gz)?$/.test(f));
if (!file) throw new Error(`no scenario.nmea in ${simDir}`);
const store = await openStore({ dataDir });
let t0 = performance.now();
const s = await ingestAisFile(store, join(simDir, file), { actor: 'bench' });
const ingestS = (performance.now() - t0) / 1000;
t0 = performance.now();
const d = await detect(store, { actor: 'bench' });
const detectS = (performance.now() - t0) / 1000;
await store.close();
console.log(
  JSON.stringify({
    messages: s.messages,
    positions: s.positions,
    ingestS,
    detectS,
    events: d.events,
    byType: d.byType,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
