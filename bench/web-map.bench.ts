/**
 * Map frame-rate benchmark (`npm run bench:web-map`), issue #6: the map must stay interactive (>= 30
 * frames/s while panning) with 100,000 positions and 10,000 events loaded. `watchkeeper serve` (empty
 * store) serves the app; Debian's Chromium opens `/map?synthetic=100000,10000`, which draws that many
 * generated positions and events (all on screen: the worst case), then the map is panned programmatically
 * for a few seconds (smooth one-second pans, as a drag) and the frames actually drawn are counted (MapLibre's
 * `render` events and requestAnimationFrame callbacks), with the main thread's busy time per frame from a
 * CPU profile. Same run with the basemap alone for comparison.
 *
 * Headless Chromium here has no GPU: WebGL runs on SwiftShader, a CPU rasteriser, so these figures are a
 * floor; a browser with a GPU draws the same scene far faster. `-- --seconds N` (default 5), `-- --runs N`
 * (default 3; best and median reported), `-- --positions N --events N`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, OUTPUT_DIR, SCREENSHOT_DIR, signIn, startServer } from '../web/e2e/harness.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback;
const seconds = arg('seconds', 5);
const runs = arg('runs', 3);
const positions = arg('positions', 100_000);
const events = arg('events', 10_000);
const chromium = findChromium();
if (!chromium) throw new Error('no Chromium: apt-get install chromium (or set WATCHKEEPER_CHROMIUM)');

/** Chromium with WebGL on SwiftShader (the harness's browser turns the GPU off altogether). */
async function launchWebGlBrowser(): Promise<Browser> {
  const { chromium: pw } = await import('playwright-core');
  return pw.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
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

const server = await startServer();
const browser = await launchWebGlBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${server.url}/`);
  await signIn(page, 'admin', server.adminPassword);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl
      ? String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER))
      : 'none';
  });
  console.log(`WebGL renderer: ${renderer}`);
  const report: Record<string, unknown> = { renderer, viewport: '1280x900', secondsPerRun: seconds, runs };
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
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'maritime-map-bench.png') });
    }
    const results: PanResult[] = [];
    for (let i = 0; i < runs; i++) {
      // A CPU profile of the main thread alongside: with software WebGL the time goes to the GPU process
      // (SwiftShader), and the main thread's own share per frame says what a real GPU would leave.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      const r = await pan(page, seconds);
      const { profile } = (await cdp.send('Profiler.stop')) as {
        profile: {
          nodes: { id: number; callFrame: { functionName: string } }[];
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
        // "(program)" is native work: GL calls, which wait on the software GPU here.
        if (name !== '(program)') scriptUs += profile.timeDeltas[k] ?? 0;
      }
      const perFrame = (us: number) => Math.round((us / 1000 / Math.max(1, r.renders)) * 10) / 10;
      r.mainThreadMsPerFrame = perFrame(busyUs);
      r.scriptMsPerFrame = perFrame(scriptUs);
      results.push(r);
    }
    const fps = results.map((r) => r.renderFps);
    const line = `${label}: map frames while panning ${Math.max(...fps).toFixed(1)} fps best, ${median(fps).toFixed(1)} median (rAF ${median(results.map((r) => r.rafFps)).toFixed(1)}/s, longest frame ${median(results.map((r) => r.longestFrameMs))} ms, main thread busy ${median(results.map((r) => r.mainThreadMsPerFrame ?? 0))} ms a frame, of which JavaScript ${median(results.map((r) => r.scriptMsPerFrame ?? 0))} ms); page ready in ${loadS.toFixed(1)} s`;
    console.log(line);
    report[label] = { loadSeconds: loadS, results };
  }
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  await mkdir(OUTPUT_DIR, { recursive: true });
  await writeFile(join(OUTPUT_DIR, 'web-map-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    renderer.includes('SwiftShader')
      ? 'note: WebGL ran on SwiftShader (software rendering on the CPU); a GPU draws the same far faster.'
      : '',
  );
} finally {
  await browser.close();
  await server.stop();
}
