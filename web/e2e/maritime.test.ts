/**
 * The maritime pages in a real browser (Debian's Chromium, WebGL on SwiftShader) against a real
 * `watchkeeper serve` with the UN and OFAC lists: generate the demo AIS scenario from the dashboard's
 * onboarding panel (simulate, ingest, detect), find a vessel on the map and see its track and events drawn,
 * open an event's raw evidence, read the vessel page, filter and export events, re-run detection, and check
 * that a viewer sees no editing control while the API refuses the viewer anyway. Screenshots go to
 * test-output/screenshots/maritime-*.png.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { missingShared, sharedFile } from '../../src/config/paths.ts';
import {
  apiSession,
  findChromium,
  missingBrowser,
  type ServerHandle,
  screenshot,
  signIn,
  startServer,
} from './harness.ts';

const skip =
  missingBrowser() ||
  missingShared('lists', 'un', 'un-consolidated-2026-05-08.xml') ||
  missingShared('lists', 'ofac', 'sdn-2024-05-03.csv');

/** Chromium with WebGL (software, SwiftShader): the map needs it; the harness's browser has the GPU off. */
async function launchWebGlBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/**
 * How many pixels of the map element are close to a colour: the screenshot is decoded by the browser itself
 * (an <img> drawn on a 2D canvas), so the test sees what was drawn, not what the DOM says.
 */
async function pixelsNear(page: Page, png: Buffer, rgb: [number, number, number], tolerance = 40) {
  return page.evaluate(
    async ({ b64, rgb, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let near = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (i % 64 === 0) colours.add((r << 16) | (g << 8) | b);
        if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) <= tolerance) near++;
      }
      return { near, colours: colours.size };
    },
    { b64: png.toString('base64'), rgb, tolerance },
  );
}

/** The sea colour of the basemap and the track colour (maritime-layers.ts). */
const SEA: [number, number, number] = [0xc9, 0xdc, 0xec];
const TRACK: [number, number, number] = [15, 40, 120];

describe('maritime pages in a browser', { skip, timeout: 180_000 }, () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([
      startServer({
        lists: [
          ['lists', 'un', 'un-consolidated-2026-05-08.xml'],
          ['lists', 'ofac', 'sdn-2024-05-03.csv'],
        ],
      }),
      launchWebGlBrowser(),
    ]);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  });
  afterEach(async (t) => {
    if ((t as { passed?: boolean }).passed !== false || !page) return;
    const name = `failed-maritime-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`;
    await screenshot(page, name).catch(() => undefined);
    t.diagnostic(
      `screenshot test-output/screenshots/${name}.png; server output:\n${server.log().slice(-4000)}`,
    );
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('onboarding: with no AIS data, the dashboard generates a demo scenario (simulate, ingest, detect)', async () => {
    await page.goto(`${server.url}/`);
    await signIn(page, 'admin', server.adminPassword);
    const panel = page.getByTestId('onboarding');
    await panel.getByText('No AIS data yet.').waitFor();
    assert.equal(
      await panel.getByRole('heading', { name: 'Import the official lists' }).count(),
      0,
      'lists are in',
    );
    await panel.getByLabel('Vessels').fill('120');
    await screenshot(page, 'maritime-01-onboarding');
    await panel.getByRole('button', { name: 'Generate the demo scenario' }).click();
    await panel.getByRole('button', { name: 'Working…' }).waitFor();
    const result = page.getByTestId('demo-result');
    await result.waitFor({ timeout: 90_000 });
    assert.match(
      await result.innerText(),
      /Demo scenario ready: [\d,]+ positions of 12\d vessels ingested, \d+ events detected/,
    );
    // The dashboard's maritime widgets load again with the new data.
    await page.getByTestId('event-counts').waitFor();
    await page.locator('[data-widget="riskiest"] table tbody tr').first().waitFor();
    await screenshot(page, 'maritime-02-dashboard');
    // Maritime alerts name their vessels: a DPRK port call says which vessel called.
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const alerts = (await (await admin('/api/alerts?kind=maritime&limit=500')).json()) as {
      items: Array<{ details: { reason?: string } }>;
    };
    const reasons = alerts.items.map((a) => a.details.reason ?? '');
    assert.ok(
      reasons.some((r) => /^call at the DPRK port .+ by (.+ \(\d{9}\)|MMSI \d+)$/.test(r)),
      `a port call alert names its vessel: ${reasons.slice(0, 3).join(' | ')}`,
    );
    assert.ok(!reasons.some((r) => /_/.test(r.split(' involving ')[0])), 'event types in words');
  });

  test('map: find a vessel, see its track and events drawn, and its side panel', async () => {
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    // A vessel with events: the first of an encounter, else of any event.
    const events = (await (await admin('/api/events?limit=200')).json()) as {
      items: Array<{ type: string; mmsi: number[] }>;
    };
    assert.ok(events.items.length > 0, 'the demo scenario has events');
    const chosen = events.items.find((e) => e.type === 'encounter') ?? events.items[0];
    const mmsi = chosen.mmsi[0];
    const vessel = (await (await admin(`/api/vessels/${mmsi}`)).json()) as { name: string | null };

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByLabel('Name, MMSI, IMO or call sign').fill(String(mmsi));
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('list', { name: 'Vessels found' }).getByRole('button').first().click();
    assert.match(page.url(), new RegExp(`vessel=${mmsi}`), 'the selected vessel is in the URL');
    const aside = page.getByRole('complementary', { name: 'Selected vessel' });
    await aside.getByText(String(mmsi), { exact: true }).waitFor();
    if (vessel.name) await aside.getByRole('heading', { name: vessel.name }).waitFor();
    await aside.getByText(/Track: [\d,]+ positions drawn/).waitFor({ timeout: 30_000 });
    await aside.getByRole('heading', { name: 'Events' }).waitFor();
    await aside.locator('ul li').first().waitFor();
    // Bring the whole track into view (the vessel page's link does the same), then read the pixels.
    await page.waitForTimeout(1500);
    const shot = await page.getByTestId('map').screenshot();
    const sea = await pixelsNear(page, shot, SEA, 12);
    const track = await pixelsNear(page, shot, TRACK, 45);
    assert.ok(sea.near > 10_000, `the basemap is drawn (sea pixels: ${sea.near})`);
    assert.ok(sea.colours > 20, `the map is not blank (${sea.colours} colours)`);
    assert.ok(track.near > 20, `the track is drawn (track-coloured pixels: ${track.near})`);
    await screenshot(page, 'maritime-03-map-vessel');

    // Clicking a vessel on the map itself selects it: close the panel, click where the vessel is drawn.
    const latest = (await (await admin(`/api/positions?limit=100000`)).json()) as {
      items: Array<{ mmsi: number; lon: number; lat: number }>;
    };
    const at = latest.items.find((p) => p.mmsi === mmsi);
    assert.ok(at, 'the vessel has a latest position');
    await page.goto(`${server.url}/map?c=${at.lon},${at.lat},9&hide=zones,ports,events`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    // The map is centred on the vessel: it is drawn in the middle of the map's canvas.
    const box = await page.locator('.deck-map-canvas canvas').first().boundingBox();
    assert.ok(box, 'the map canvas is on the page');
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/vessel=\d+/, { timeout: 15_000 });
    await page.getByRole('complementary', { name: 'Selected vessel' }).waitFor();
    // Back to the whole map with every layer, the vessel still selected, for the next test.
    await page.goto(`${server.url}/map?vessel=${mmsi}`);
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
  });

  test('map: open an event from the list and read its raw evidence', async () => {
    await page
      .getByRole('complementary', { name: 'Selected vessel' })
      .getByRole('button', { name: 'Close' })
      .click();
    const list = page.getByTestId('map-events');
    await list.waitFor();
    await list.getByRole('button').first().click();
    const aside = page.getByRole('complementary', { name: 'Selected event' });
    await aside.getByTestId('event-detail').waitFor();
    assert.match(page.url(), /event=[0-9a-f]{20}/, 'the selected event is in the URL');
    const evidence = aside.getByTestId('evidence');
    await evidence.waitFor({ timeout: 30_000 });
    assert.match(await evidence.innerText(), /scenario\.nmea line [\d,]+[\s\S]*!AIVDM/);
    await screenshot(page, 'maritime-04-map-event');
    // Filter by event type: the URL keeps it, and the list shows that type only.
    await page.getByLabel('Event type').selectOption('port_visit');
    assert.match(page.url(), /type=port_visit/);
    await page.waitForFunction(() => {
      const kinds = [...document.querySelectorAll('[data-testid="map-events"] .event-type')];
      return kinds.length > 0 && kinds.every((k) => k.textContent?.trim() === 'Port visit');
    });
  });

  test('vessel page: identity timeline, risk, designations, track map with events, events table', async () => {
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const riskiest = (await (await admin('/api/vessels/riskiest?limit=5')).json()) as {
      items: Array<{ mmsi: number; reasons: Array<{ code: string }> }>;
    };
    assert.ok(riskiest.items.length > 0, 'some vessel has risk');
    const target = riskiest.items[0];
    await page.goto(`${server.url}/vessels?q=${target.mmsi}`);
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Risk', exact: true }).waitFor();
    for (const h of ['Designations', 'Track and events', 'Identity history'])
      await page.getByRole('heading', { name: h, exact: true }).waitFor();
    await page.getByTestId('risk-reasons').waitFor();
    if (target.reasons.some((r) => r.code === 'designated_vessel' || r.code === 'designated_owner')) {
      const link = page.getByTestId('designations').getByRole('link').first();
      assert.match((await link.getAttribute('href')) ?? '', /^\/entities\//);
    }
    await page
      .getByTestId('track-summary')
      .filter({ hasText: /positions from/ })
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 60_000 });
    // The period is in the URL once chosen.
    await page.getByRole('button', { name: 'Whole history' }).click();
    assert.match(page.url(), /from=.*&to=/);
    await page
      .getByTestId('track-summary')
      .filter({ hasText: /positions from/ })
      .waitFor();
    await page.waitForTimeout(1000);
    await screenshot(page, 'maritime-05-vessel');
  });

  test('events: filter, paginate, export in four formats, open one with its evidence, re-run detection', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await page.locator('table.data tbody tr').first().waitFor();
    await page.getByLabel('Type', { exact: true }).selectOption('port_visit');
    // the unfiltered page is still on screen for a moment: wait for the filtered rows themselves
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('table.data tbody tr td:first-child')];
      return cells.length > 0 && cells.every((td) => td.textContent?.trim() === 'Port visit');
    });
    assert.match(page.url(), /type=port_visit/);
    const types = await page.locator('table.data tbody tr td:first-child').allInnerTexts();
    assert.ok(types.length > 0 && types.every((t) => t.trim() === 'Port visit'), 'filtered by type');
    for (const [label, format, pattern] of [
      ['CSV', 'csv', /^id,type,mmsi,start/],
      ['NDJSON', 'ndjson', /^\{"id":/],
      ['GeoJSON', 'geojson', /"FeatureCollection"/],
      ['KML', 'kml', /<kml/],
    ] as const) {
      const href = await page.getByRole('link', { name: label, exact: true }).getAttribute('href');
      assert.match(href ?? '', new RegExp(`format=${format}.*type=port_visit`));
      const r = await page.request.get(`${server.url}${href}`);
      assert.equal(r.status(), 200);
      assert.match(await r.text(), pattern);
    }
    await screenshot(page, 'maritime-06-events');
    await page.locator('table.data tbody tr').first().getByRole('link').first().click();
    await page.getByTestId('event-detail').waitFor();
    await page.getByRole('heading', { name: 'Parameters' }).waitFor();
    assert.match(await page.getByTestId('evidence').innerText({ timeout: 30_000 }), /!AIVDM/);
    await screenshot(page, 'maritime-07-event');
    // Analysts re-run detection with another preset.
    await page.goto(`${server.url}/events`);
    const form = page.getByRole('form', { name: 'Re-run detection' });
    await form.getByLabel('Preset').selectOption('rendezvous');
    await form.getByRole('button', { name: 'Run detection' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Detection \(rendezvous\)/ })
      .waitFor({ timeout: 60_000 });
  });

  test('vessels: ingest AIS files from the browser; a file without receive times is flagged, not passed as a success', {
    skip: missingShared('ais', 'kystverket-1000.nm4') || missingShared('ais', 'dma_ais250.txt'),
  }, async () => {
    await page.goto(`${server.url}/vessels`);
    // Folded until asked for.
    await page.locator('summary', { hasText: 'Ingest AIS files' }).click();
    const form = page.getByRole('form', { name: 'Ingest AIS files' });
    await form
      .getByLabel('AIS files')
      .setInputFiles([
        sharedFile('ais', 'kystverket-1000.nm4') as string,
        sharedFile('ais', 'dma_ais250.txt') as string,
      ]);
    await form.getByRole('button', { name: 'Ingest' }).click();
    const outcomes = page.getByTestId('ais-ingest-outcomes');
    await outcomes.locator('li').nth(1).waitFor({ timeout: 60_000 });
    const [dated, undated] = await outcomes.locator(':scope > li').allInnerTexts();
    assert.match(
      dated,
      /kystverket-1000\.nm4: [\d,]+ messages: [\d,]+ positions and [\d,]+ identity reports stored/,
    );
    assert.match(undated, /dma_ais250\.txt: .*: 0 positions and 0 identity reports/);
    assert.match(undated, /had no receive time .*--clock/);
    await screenshot(page, 'maritime-07-ais-ingest');
    const api = await apiSession(server.url, 'admin', server.adminPassword);
    const sources = (await (await api('/api/ais/sources')).json()) as { items: { name: string }[] };
    assert.ok(
      sources.items.some((x) => x.name.endsWith('kystverket-1000.nm4')),
      'listed among the AIS sources',
    );
  });

  test('a viewer sees no detection or demo controls, and the API refuses them anyway', async () => {
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const created = await admin('/api/users', {
      method: 'POST',
      body: JSON.stringify({ name: 'vic', role: 'viewer', password: 'vic password 123' }),
    });
    assert.equal(created.status, 201);
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const vpage = await viewer.newPage();
    try {
      await vpage.goto(`${server.url}/events`);
      await signIn(vpage, 'vic', 'vic password 123');
      await vpage.locator('table.data tbody tr').first().waitFor();
      assert.equal(await vpage.getByRole('form', { name: 'Re-run detection' }).count(), 0);
      const req = vpage.request;
      assert.equal((await req.post(`${server.url}/api/detect`, { data: { preset: 'gfw' } })).status(), 403);
      assert.equal((await req.post(`${server.url}/api/demo/scenario`, { data: {} })).status(), 403);
    } finally {
      await viewer.close();
    }
  });

  test('no page logged an error', () => {
    assert.deepEqual(errors, []);
  });
});
