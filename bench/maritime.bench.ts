/**
 * Maritime detection benchmark (`npm run bench:maritime`), issue #5.
 *  (a) single-vessel detectors (gaps, loitering, port visits, zones, spoofing, on-land) on one core over
 *      synthetic tracks in the Yellow Sea with the real geography (World Port Index, Natural Earth land,
 *      DPRK zones): positions per second. Target >= 3,000,000/s.
 *  (b) encounter pairing at 1x, 2x and 4x traffic (slow vessels spread over the region, some meeting):
 *      time per slow position should stay about flat (close to linear growth).
 *  (c) the full pipeline on a simulated day (`watchkeeper simulate`, 5,000 vessels reporting every 30 s):
 *      decode + identities + vessel-day tracks + all detectors + storage, in one child process.
 *      Target <= 90 s. Run with `-- --full` (it writes about 1 GB); without it a 1,000-vessel day is used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/config/paths.ts';
import { detectEncounters } from '../src/maritime/detect/encounters.ts';
import { loadGeoContext } from '../src/maritime/detect/geo-context.ts';
import { PRESETS } from '../src/maritime/detect/presets.ts';
import { detectVessel, SlowPoints } from '../src/maritime/detect/vessel.ts';
import { appendPosition, emptyTrack, sourceIndex, type TrackColumns } from '../src/maritime/track-codec.ts';

const gfw = PRESETS.gfw!;
const T0 = Date.UTC(2024, 2, 1);
const full = process.argv.includes('--full');

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A vessel crossing the Yellow Sea (open water between 34–38 N, 121–125 E) at 10–15 kn, a report every `step` s. */
function synthTrack(rand: () => number, n: number, step: number, slow = false): TrackColumns {
  const c = emptyTrack(n);
  const s = sourceIndex(c, 'bench');
  let lat = 34.5 + rand() * 3;
  let lon = 121.5 + rand() * 2.5;
  const course = rand() * Math.PI * 2;
  const speed = slow ? 0.5 + rand() : 10 + rand() * 5;
  const dLat = (Math.cos(course) * speed * 1852 * step) / 3600 / 111_000;
  const dLon = (Math.sin(course) * speed * 1852 * step) / 3600 / (111_000 * Math.cos((lat * Math.PI) / 180));
  for (let i = 0; i < n; i++) {
    appendPosition(c, T0 + i * step * 1000, lat, lon, speed, 45, 45, 0, 1, s, i + 1);
    lat += dLat;
    lon += dLon;
    if (lat < 34 || lat > 38) lat -= 2 * dLat;
    if (lon < 121 || lon > 125) lon -= 2 * dLon;
  }
  return c;
}

const geo = loadGeoContext();

// (a) single-vessel detectors
{
  const rand = prng(1);
  const vessels = 500;
  const perVessel = 2880; // a day at 30 s
  const tracks = Array.from({ length: vessels }, () => synthTrack(rand, perVessel, 30));
  let best = Number.POSITIVE_INFINITY;
  let positions = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    positions = 0;
    for (const [v, c] of tracks.entries())
      positions += detectVessel(100_000_000 + v, c, gfw, geo, T0 + 86_400_000, null, 4).positions;
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const rate = positions / best;
  console.log(
    `(a) single-vessel detectors: ${positions.toLocaleString('en')} positions (${vessels} vessels x ${perVessel}) in ${best.toFixed(2)} s = ` +
      `${Math.round(rate).toLocaleString('en')} positions/s on one core (target >= 3,000,000: ${rate >= 3e6 ? 'met' : 'NOT met'})`,
  );
}

// (b) encounter pairing scaling
{
  const base = 400;
  const rows: string[] = [];
  for (const factor of [1, 2, 4]) {
    const rand = prng(7 + factor);
    const slow = new SlowPoints();
    const vessels = base * factor;
    for (let v = 0; v < vessels; v++) {
      const c = synthTrack(rand, 1440, 60, true);
      detectVessel(200_000_000 + v, c, gfw, geo, T0 + 86_400_000, slow, 4);
    }
    const t0 = performance.now();
    const found = detectEncounters(slow, gfw.encounter);
    const s = (performance.now() - t0) / 1000;
    rows.push(
      `${factor}x: ${vessels} slow vessels, ${slow.n.toLocaleString('en')} slow positions, ${found.length} encounters, ${s.toFixed(2)} s, ` +
        `${((s / slow.n) * 1e6).toFixed(2)} µs per position`,
    );
  }
  console.log(`(b) encounter pairing:\n  ${rows.join('\n  ')}`);
}

// (c) the full pipeline on a simulated day
{
  const vessels = full ? 5000 : 1000;
  const dir = mkdtempSync(join(tmpdir(), 'wk-maritime-bench-'));
  try {
    const wk = join(REPO_ROOT, 'bin', 'watchkeeper');
    const sim = spawnSync(
      'bash',
      [
        wk,
        'simulate',
        '--out',
        join(dir, 'sim'),
        '--vessels',
        String(vessels),
        '--hours',
        '24',
        '--interval',
        '30',
        '--seed',
        '5',
      ],
      { encoding: 'utf8' },
    );
    if (sim.status !== 0) throw new Error(`simulate failed: ${sim.stderr}`);
    const child = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        '--max-semi-space-size=16',
        join(REPO_ROOT, 'bench', 'maritime.child.ts'),
        join(dir, 'sim'),
        join(dir, 'store'),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) throw new Error(`pipeline failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop() as string) as {
      messages: number;
      positions: number;
      ingestS: number;
      detectS: number;
      events: number;
      byType: Record<string, number>;
      maxRssMb: number;
    };
    const total = r.ingestS + r.detectS;
    console.log(
      `(c) full pipeline, simulated day of ${vessels} vessels every 30 s: ${r.messages.toLocaleString('en')} messages, ${r.positions.toLocaleString('en')} positions; ` +
        `ingest ${r.ingestS.toFixed(1)} s + detection ${r.detectS.toFixed(1)} s = ${total.toFixed(1)} s` +
        `${full ? ` (target <= 90 s: ${total <= 90 ? 'met' : 'NOT met'})` : ' (run with --full for the 5,000-vessel target)'}; ` +
        `${r.events} events (${Object.entries(r.byType)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}); peak RSS ${r.maxRssMb} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
