/**
 * Map frame-rate benchmark (`npm run bench:web-map`), issue #6: the map must stay interactive (>= 30
 * frames/s while panning) with 100,000 positions and 10,000 events loaded. `watchkeeper serve` (empty
 * store) serves the app; Debian's Chromium opens `/map?synthetic=100000,10000`, which draws that many
 * generated positions and events (all on screen: the worst case), then the map is panned programmatically
 * for a few seconds (smooth one-second pans, as a drag) and the frames actually drawn are counted (MapLibre's
 * `render` events and requestAnimationFrame callbacks), with the main thread's busy time per frame from a
 * CPU profile. Same run with the basemap alone for comparison.
 *
 * Without a GPU, WebGL runs on a CPU rasteriser and the frame rate says more about it than about the map.
 * So the same browser, in the same run, also draws two reference scenes of plain WebGL (bench/webgl-floor.ts):
 * an empty canvas of the map's size (the browser's own ceiling) and the same number of points at the same
 * sizes with the simplest shader (the least any WebGL map pays for that data); the map is reported as a
 * ratio to them. Renderers: `swiftshader` (Chromium's own) and `llvmpipe` (Mesa's, through EGL; used when
 * the machine has it), or the GPU where there is one (`--renderer gpu`).
 * `-- --seconds N` (default 4), `-- --runs N` (default 3; best and median reported),
 * `-- --positions N --events N`, `-- --top N` (where the main thread's time goes), `-- --renderer swiftshader|llvmpipe|gpu|all` (default all but gpu).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, OUTPUT_DIR, SCREENSHOT_DIR, signIn, startServer } from '../web/e2e/harness.ts';
import { drawFloorScene, type FloorScene } from './webgl-floor.ts';

const args = process.argv.slice(2);
const option = (name: string) =>
  args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined;
const arg = (name: string, fallback: number) => Number(option(name) ?? fallback);
const seconds = arg('seconds', 4);
const runs = arg('runs', 3);
const positions = arg('positions', 100_000);
const events = arg('events', 10_000);
/** `--top N`: print the N functions with the most main-thread self time in each run. */
const top = arg('top', 0);
const chromium = findChromium();
if (!chromium) throw new Error('no Chromium: apt-get install chromium (or set WATCHKEEPER_CHROMIUM)');

/** Chromium's flags per WebGL renderer (the e2e harness's browser turns the GPU off altogether). */
const RENDERERS: Record<string, { flags: string[]; expect: RegExp }> = {
  swiftshader: { flags: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'], expect: /SwiftShader/ },
  llvmpipe: { flags: ['--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-gpu'], expect: /llvmpipe/ },
  // The machine's GPU through EGL (on NVIDIA and Mesa hardware drivers alike); refused when that turns out
  // to be a software renderer after all.
  gpu: {
    flags: ['--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-gpu'],
    expect: /^(?!.*(SwiftShader|llvmpipe))/,
  },
};
const wanted = option('renderer') ?? 'all';
const renderers = wanted === 'all' ? ['swiftshader', 'llvmpipe'] : [wanted];
for (const r of renderers)
  if (!RENDERERS[r]) throw new Error(`unknown renderer ${r} (swiftshader, llvmpipe, gpu)`);

async function launchWebGlBrowser(flags: string[]): Promise<Browser> {
  const { chromium: pw } = await import('playwright-core');
  return pw.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...flags],
  });
}

interface PanResult {
  seconds: number;
  /** Main-thread time not idle (JS, layout, GL command encoding) per drawn frame, from a CPU profile. */
  mainThreadMsPerFrame?: number;
  /** The JavaScript part of it (deck.gl, MapLibre, React), without native GL calls. */
  scriptMsPerFrame?: number;
  renders: number;
  frames: number;
  renderFps: number;
  rafFps: number;
  longestFrameMs: number;
}

/**
 * Pans the map as a drag does: one smooth pan a second (MapLibre animates it frame by frame, firing `move`
 * each frame and `moveend` at the end), alternately east and west, for `seconds`; counts the frames drawn.
 */
async function pan(page: Page, secs: number): Promise<PanResult> {
  return page.evaluate(async (duration) => {
    type PanMap = {
      panBy: (d: [number, number], o: object) => void;
      once: (e: string, f: () => void) => void;
      on: (e: string, f: () => void) => void;
      off: (e: string, f: () => void) => void;
    };
    const map = (window as unknown as { __wkMap: PanMap }).__wkMap;
    let renders = 0;
    const onRender = () => {
      renders++;
    };
    map.on('render', onRender);
    let frames = 0;
    let longest = 0;
    let running = true;
    const start = performance.now();
    let last = start;
    const tick = (now: number) => {
      frames++;
      longest = Math.max(longest, now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; performance.now() - start < duration * 1000; i++) {
      const dir = i % 2 === 0 ? 1 : -1;
      await new Promise<void>((resolve) => {
        map.once('moveend', () => resolve());
        map.panBy([360 * dir, 120 * dir], { duration: 1000, easing: (t: number) => t });
      });
    }
    running = false;
    const took = (performance.now() - start) / 1000;
    map.off('render', onRender);
    return {
      seconds: took,
      renders,
      frames,
      renderFps: renders / took,
      rafFps: frames / took,
      longestFrameMs: Math.round(longest),
    };
  }, secs);
}

async function openMap(page: Page, base: string, p: number, e: number): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${base}/map?synthetic=${p},${e}&c=124,36,5&hide=zones,ports`);
  await page.waitForFunction(() => (window as unknown as { __wkMap?: unknown }).__wkMap !== undefined, null, {
    timeout: 120_000,
  });
  await page
    .getByTestId('map-counts')
    .filter({ hasText: `${p.toLocaleString('en')} vessel positions` })
    .waitFor({ timeout: 120_000 });
  // Let the first frames with the data (buffers uploaded) go by.
  await page.waitForTimeout(1500);
  return (Date.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => x.toFixed(1);
const VIEWPORT = { width: 1280, height: 900 };

async function rendererOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl
      ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER))
      : 'none';
  });
}

/** Best frame rate of `runs` runs of a reference scene, on a blank page of the same browser. */
async function floor(page: Page, scene: Omit<FloorScene, 'width' | 'height' | 'seconds'>): Promise<number> {
  await page.goto('about:blank');
  const fps: number[] = [];
  for (let i = 0; i < runs; i++)
    fps.push((await page.evaluate(drawFloorScene, { ...scene, ...VIEWPORT, seconds })).fps);
  return Math.max(...fps);
}

/** Pans the map `runs` times with a CPU profile alongside; the results of each run. */
async function measurePans(page: Page): Promise<PanResult[]> {
  const results: PanResult[] = [];
  for (let i = 0; i < runs; i++) {
    // With software WebGL the time goes to the GPU process (the rasteriser); the main thread's own share per
    // frame says what a real GPU would leave.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const r = await pan(page, seconds);
    const { profile } = (await cdp.send('Profiler.stop')) as {
      profile: {
        nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
        samples: number[];
        timeDeltas: number[];
      };
    };
    await cdp.detach();
    const kind = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
    let busyUs = 0;
    let scriptUs = 0;
    for (let k = 0; k < profile.samples.length; k++) {
      const name = kind.get(profile.samples[k]);
      if (name === '(idle)') continue;
      busyUs += profile.timeDeltas[k] ?? 0;
      // "(program)" is native work: GL calls, which wait on the software rasteriser here.
      if (name !== '(program)') scriptUs += profile.timeDeltas[k] ?? 0;
    }
    if (top > 0) {
      // Where the main thread's time goes (self time by function), for work on the map's speed.
      const where = new Map(
        profile.nodes.map((n) => [
          n.id,
          `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`,
        ]),
      );
      const self = new Map<string, number>();
      profile.samples.forEach((id, k) => {
        const at = where.get(id) ?? '?';
        self.set(at, (self.get(at) ?? 0) + (profile.timeDeltas[k] ?? 0));
      });
      const rows = [...self].filter(([at]) => !at.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
      for (const [at, us] of rows.slice(0, top))
        console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${at}`);
    }
    const perFrame = (us: number) => Math.round((us / 1000 / Math.max(1, r.renders)) * 10) / 10;
    r.mainThreadMsPerFrame = perFrame(busyUs);
    r.scriptMsPerFrame = perFrame(scriptUs);
    results.push(r);
  }
  return results;
}

const server = await startServer();
const report: Record<string, unknown> = {
  viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
  secondsPerRun: seconds,
  runs,
  positions,
  events,
};
const summary: string[] = [];
try {
  for (const name of renderers) {
    const browser = await launchWebGlBrowser(RENDERERS[name].flags);
    try {
      const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${server.url}/`);
      const renderer = await rendererOf(page);
      console.log(`\n[${name}] WebGL renderer: ${renderer}`);
      if (!RENDERERS[name].expect.test(renderer)) {
        console.log(`[${name}] not available on this machine (got ${renderer}): skipped`);
        report[name] = { renderer, skipped: true };
        continue;
      }
      await signIn(page, 'admin', server.adminPassword);
      const entry: Record<string, unknown> = { renderer };
      const ceiling = await floor(page, { kind: 'clear', small: 0, large: 0 });
      const pointsFloor = await floor(page, { kind: 'points', small: positions, large: events });
      console.log(
        `[${name}] reference, plain WebGL ${VIEWPORT.width}x${VIEWPORT.height}: empty canvas ${fmt(ceiling)} fps; ` +
          `${positions.toLocaleString('en')} + ${events.toLocaleString('en')} points, simplest shader ${fmt(pointsFloor)} fps`,
      );
      entry.reference = { emptyCanvasFps: ceiling, pointsFps: pointsFloor };
      await page.goto(`${server.url}/`);
      for (const [label, p, e] of [
        ['basemap only', 0, 0],
        [
          `${positions.toLocaleString('en')} positions + ${events.toLocaleString('en')} events`,
          positions,
          events,
        ],
      ] as const) {
        const loadS = await openMap(page, server.url, p, e);
        if (p > 0) {
          await mkdir(SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: join(SCREENSHOT_DIR, `maritime-map-bench-${name}.png`) });
        }
        const results = await measurePans(page);
        const fps = results.map((r) => r.renderFps);
        const ref = p > 0 ? pointsFloor : ceiling;
        const line =
          `[${name}] ${label}: map frames while panning ${fmt(Math.max(...fps))} fps best, ${fmt(median(fps))} median ` +
          `(= ${fmt((Math.max(...fps) / ref) * 100)} % of the ${p > 0 ? 'plain points' : 'empty canvas'} reference; ` +
          `longest frame ${median(results.map((r) => r.longestFrameMs))} ms, main thread busy ` +
          `${median(results.map((r) => r.mainThreadMsPerFrame ?? 0))} ms a frame, of which JavaScript ` +
          `${median(results.map((r) => r.scriptMsPerFrame ?? 0))} ms); page ready in ${loadS.toFixed(1)} s`;
        console.log(line);
        summary.push(line);
        entry[label] = { loadSeconds: loadS, results, ofReference: Math.max(...fps) / ref };
      }
      if (errors.length) console.log(`[${name}] page errors: ${errors.join('; ')}`);
      report[name] = entry;
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}
await mkdir(OUTPUT_DIR, { recursive: true });
await writeFile(join(OUTPUT_DIR, 'web-map-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nsummary:\n${summary.join('\n')}`);
console.log(
  'note: on a CPU rasteriser (SwiftShader, llvmpipe) the frame rate is bounded by the reference scenes, not by the map; ' +
    'the >= 30 fps target is for a browser with a GPU (--renderer gpu).',
);
