/**
 * List benchmarks (`npm run bench:lists`): import the newest UN list and the OFAC SDN CSV into a fresh
 * embedded store, and diff two UN versions. Each case runs in its own process so its peak memory (max RSS)
 * is its own. Targets from issue #2: UN < 2 s, OFAC < 5 s, peak < 300 MB each, diff < 1 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedFile } from '../src/config/paths.ts';
import { importListFile } from '../src/lists/import.ts';
import { diffVersions } from '../src/lists/service.ts';
import { openStore } from '../src/store/store.ts';

const CASES = {
  'import UN 2026-05-08': {
    files: [['lists', 'un', 'un-consolidated-2026-05-08.xml']],
    measure: 'import',
    target: 2,
  },
  'import OFAC sdn-2024-05-03.csv': {
    files: [['lists', 'ofac', 'sdn-2024-05-03.csv']],
    measure: 'import',
    target: 5,
  },
  'diff UN 2026-02-27 -> 2026-05-08': {
    files: [
      ['lists', 'un', 'un-consolidated-2026-02-27.xml'],
      ['lists', 'un', 'un-consolidated-2026-05-08.xml'],
    ],
    measure: 'diff',
    target: 1,
  },
} as const;
type CaseName = keyof typeof CASES;

async function runCase(name: CaseName): Promise<{ seconds: number; maxRssMb: number; detail: string }> {
  const c = CASES[name];
  const paths = c.files.map((f) => sharedFile(...f));
  if (paths.some((p) => !p)) throw new Error(`shared data missing for ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'wk-bench-'));
  const store = await openStore({ dataDir: dir });
  try {
    if (c.measure === 'import') {
      const t0 = performance.now();
      const r = await importListFile(store, paths[0]!, { actor: 'bench' });
      const seconds = (performance.now() - t0) / 1000;
      return {
        seconds,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
        detail: `${r.version.recordCount} records`,
      };
    }
    for (const p of paths) await importListFile(store, p!, { actor: 'bench' });
    const t0 = performance.now();
    const d = await diffVersions(store, 'un');
    const seconds = (performance.now() - t0) / 1000;
    return {
      seconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      detail: `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const arg = process.argv.indexOf('--case');
if (arg > 0) {
  const result = await runCase(process.argv[arg + 1] as CaseName);
  process.stdout.write(JSON.stringify(result));
} else {
  const rows: string[] = [];
  process.stdout.write(
    `machine: ${cpus()[0]?.model} x${cpus().length}, node ${process.version}, ${new Date().toISOString()}\n`,
  );
  rows.push(
    '| case | time (s), best of 3 | target (s) | peak RSS (MB) | result |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const name of Object.keys(CASES) as CaseName[]) {
    const runs = [0, 1, 2].map(() =>
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, import.meta.filename, '--case', name], {
          encoding: 'utf8',
        }),
      ),
    );
    const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const peak = Math.max(...runs.map((r) => r.maxRssMb));
    rows.push(
      `| ${name} | ${best.seconds.toFixed(3)} | ${CASES[name].target} | ${peak.toFixed(0)} | ${best.detail} |`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}
