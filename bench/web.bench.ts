/**
 * Web app first-content benchmark (`npm run bench:web`), issue #6: `watchkeeper serve` on the embedded store
 * with the UN (two versions) and OFAC lists (SDN two versions, non-SDN) and the shared AIS recordings
 * loaded; Debian's Chromium opens each page in a fresh navigation, several times, and the browser's own
 * performance timing gives first contentful paint (the app's shell) and the moment the page's data is on
 * screen (its content selector appears). Target: first content under 1 s. Best and median of the runs.
 * `-- --runs N` sets the runs per page (default 5).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  apiSession,
  findChromium,
  launchBrowser,
  OUTPUT_DIR,
  type PageTiming,
  signIn,
  startServer,
  timePage,
} from '../web/e2e/harness.ts';

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
if (!findChromium()) throw new Error('no Chromium: apt-get install chromium (or set WATCHKEEPER_CHROMIUM)');

const t0 = performance.now();
const server = await startServer({
  lists: [
    ['lists', 'un', 'un-consolidated-2026-02-27.xml'],
    ['lists', 'un', 'un-consolidated-2026-05-08.xml'],
    ['lists', 'ofac', 'sdn-2024-05-02.csv'],
    ['lists', 'ofac', 'sdn-2024-05-03.csv'],
    ['lists', 'ofac', 'consolidated-nonsdn-2025-12-18.xml'],
  ],
  ais: [
    ['ais', 'kystverket-1000.nm4'],
    ['ais', 'dma-stream-2010-06-11.nmea'],
    ['ais', 'baltic-2018-04-01-positions.csv'],
  ],
});
console.log(`store ready and server up in ${((performance.now() - t0) / 1000).toFixed(1)} s (${server.url})`);
const browser = await launchBrowser();
try {
  // Alerts to list: a watchlist matched against the lists.
  const admin = await apiSession(server.url, 'admin', server.adminPassword);
  await admin('/api/watchlists', { method: 'POST', body: JSON.stringify({ name: 'bench' }) });
  await admin('/api/watchlists/bench/items', {
    method: 'POST',
    body: JSON.stringify(
      ['Ri Won Ho', 'Kim Jong Un', 'Vladimir Putin', 'Chon Myong 1'].map((n) => ({
        label: n,
        query: { schema: 'Thing', properties: { name: [n] } },
      })),
    ),
  });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/`);
  await signIn(page, 'admin', server.adminPassword);

  const pages: Array<[string, string]> = [
    ['/', '[data-testid="list-changes"] li, [data-widget="list-changes"] .empty'],
    ['/lists', 'table.data tbody tr'],
    ['/lists/ofac-sdn/diff', '[data-testid="diff-summary"]'],
    ['/lists/un/diff', '[data-testid="diff-summary"]'],
    ['/entities', 'table.data tbody tr'],
    ['/entities?q=kim&list=ofac-sdn', 'table.data tbody tr'],
    ['/entities/un-kpi-033', '[data-testid="sanction"]'],
    ['/entities/ofac-47221', '[data-testid="sanction"]'],
    ['/screening?name=Kim+Jong+Un&schema=Person', '[data-testid="hit"]'],
    ['/alerts?status=all', 'table.data tbody tr'],
    ['/admin?tab=ais', 'table.data tbody tr'],
  ];
  const rows: Array<{
    page: string;
    fcpBest: number;
    fcpMedian: number;
    contentBest: number;
    contentMedian: number;
  }> = [];
  for (const [path, ready] of pages) {
    const samples: PageTiming[] = [];
    for (let i = 0; i < runs; i++) samples.push(await timePage(page, server.url, path, ready));
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    // The paint entry can be missing when the page was already painted from the cache: leave those out.
    const fcp = sorted(samples.flatMap((s) => (s.fcp === null ? [] : [s.fcp])));
    const content = sorted(samples.map((s) => s.content));
    rows.push({
      page: path,
      fcpBest: fcp[0],
      fcpMedian: fcp[Math.floor(fcp.length / 2)],
      contentBest: content[0],
      contentMedian: content[Math.floor(runs / 2)],
    });
  }
  console.log(`\nfirst content, ms from navigation start (best / median of ${runs}):`);
  console.log('page'.padEnd(46), 'first paint'.padStart(14), 'content'.padStart(14));
  for (const r of rows)
    console.log(
      r.page.padEnd(46),
      `${r.fcpBest} / ${r.fcpMedian}`.padStart(14),
      `${r.contentBest} / ${r.contentMedian}`.padStart(14),
    );
  const worst = Math.max(...rows.map((r) => r.contentMedian));
  console.log(`\nslowest page median: ${worst} ms (target: under 1000 ms)`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeFile(join(OUTPUT_DIR, 'web-bench.json'), `${JSON.stringify({ runs, rows }, null, 2)}\n`);
} finally {
  await browser.close();
  await server.stop();
}
