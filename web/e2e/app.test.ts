/**
 * The web app in a real browser (Debian's Chromium via playwright-core) against a real `watchkeeper serve`:
 * sign in, import a list through the UI and read its diff, browse and open entities, screen a name and
 * decide on a hit, screen a CSV, triage an alert, administer users and tokens, and check that a viewer sees
 * no editing control while the API refuses the viewer anyway. Screenshots of every page go to
 * test-output/screenshots/; first-content timings are printed and written to test-output/web-timings.json.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { missingShared, sharedFile } from '../../src/config/paths.ts';
import {
  apiSession,
  launchBrowser,
  missingBrowser,
  OUTPUT_DIR,
  type PageTiming,
  type ServerHandle,
  screenshot,
  signIn,
  startServer,
  timePage,
} from './harness.ts';

const skip =
  missingBrowser() ||
  missingShared('lists', 'un', 'un-consolidated-2026-05-08.xml') ||
  missingShared('lists', 'ofac', 'sdn-2024-05-03.csv') ||
  missingShared('ais', 'baltic-2018-04-01-positions.csv');

describe('web app in a browser', { skip, timeout: 240_000 }, () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tmp: string;
  const errors: string[] = [];

  before(async () => {
    [server, browser, tmp] = await Promise.all([
      startServer({
        lists: [
          ['lists', 'un', 'un-consolidated-2026-02-27.xml'],
          ['lists', 'ofac', 'sdn-2024-05-03.csv'],
          ['lists', 'ofac', 'consolidated-nonsdn-2025-12-18.xml'],
        ],
        ais: [['ais', 'baltic-2018-04-01-positions.csv']],
      }),
      launchBrowser(),
      mkdtemp(join(tmpdir(), 'wk-e2e-files-')),
    ]);
    // A watchlist whose item matches a UN listing: its alert is triaged below.
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    assert.equal(
      (await admin('/api/watchlists', { method: 'POST', body: JSON.stringify({ name: 'customers' }) }))
        .status,
      201,
    );
    const items = await admin('/api/watchlists/customers/items', {
      method: 'POST',
      body: JSON.stringify([
        {
          label: 'Ri Won Ho (customer 17)',
          query: { schema: 'Person', properties: { name: ['Ri Won Ho'] } },
        },
      ]),
    });
    assert.equal(items.status, 200, await items.text());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) errors.push(`console: ${m.text()}`);
    });
  });
  // A failed step leaves a screenshot of what the browser showed, and the server's output.
  afterEach(async (t) => {
    if ((t as { passed?: boolean }).passed !== false || !page) return;
    const name = `failed-${t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    await screenshot(page, name).catch(() => undefined);
    t.diagnostic(
      `screenshot test-output/screenshots/${name}.png; server output:\n${server.log().slice(-4000)}`,
    );
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('sign in: the header shows the user and role', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Watchkeeper' }).waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    assert.match(await page.getByTestId('user').innerText(), /admin\s+admin/i);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus moves to the page');
    // Keyboard: on a fresh load the first Tab reaches "Skip to content", which moves focus to the page.
    await page.reload();
    await page.getByTestId('open-alerts').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // First visit: the latest change of each list, open alerts, AIS ingest.
    await page.getByTestId('list-changes').waitFor();
    await page.getByTestId('open-alerts').waitFor();
    await page.getByText('baltic-2018-04-01-positions.csv').first().waitFor();
    await screenshot(page, '02-dashboard');
  });

  test('lists: import a file with a progress bar, then read the diff with changed fields highlighted', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Lists', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Lists', exact: true }).waitFor();
    await page
      .getByLabel('List file', { exact: true })
      .setInputFiles(sharedFile('lists', 'un', 'un-consolidated-2026-05-08.xml')!);
    // A slow uplink (2 MB at 1 MB/s) so the upload progress bar can be seen moving.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const throttle = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await throttle(1_000_000);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('progressbar', { name: 'Uploading' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('progress')?.value) > 0);
    await screenshot(page, '03-lists-import-progress');
    await throttle(-1);
    await cdp.detach();
    const status = page.getByRole('status').filter({ hasText: /Imported/ });
    await status.waitFor({ timeout: 60_000 });
    assert.match(
      await status.innerText(),
      /Imported 1,009 records of UN Security Council, published 2026-05-08/,
    );
    await screenshot(page, '03-lists');
    await status.getByRole('link', { name: 'See what changed' }).click();
    await page.getByTestId('diff-summary').waitFor();
    assert.match(await page.getByTestId('diff-summary').innerText(), /7 added.*1 removed.*167 changed/s);
    // Changed fields: removed values struck through, added ones marked.
    assert.ok((await page.locator('table.data ins.val-added').count()) > 0);
    assert.ok((await page.locator('table.data del.val-removed').count()) > 0);
    await screenshot(page, '04-list-diff');
    await page.getByRole('link', { name: /^Added \(7\)/ }).click();
    await page.getByRole('link', { name: 'SAMI JASIM MUHAMMAD JAATA AL-JABURI' }).waitFor();
    assert.match(page.url(), /tab=added/, 'the tab is in the URL');
  });

  test('entities: search, filter by list, open a profile with sanctions, provenance and history', async () => {
    await page.goto(`${server.url}/entities?q=ri+won+ho&list=un`);
    await page.getByRole('link', { name: 'RI WON HO' }).click();
    await page.getByRole('heading', { name: 'RI WON HO', level: 1 }).waitFor();
    for (const h of [
      'Names',
      'Identifiers',
      'Dates and places',
      'Sanctions',
      'Provenance',
      'History across versions',
      'Related entities',
    ])
      await page.getByRole('heading', { name: h, exact: true }).waitFor();
    assert.match(
      await page.getByTestId('sanction').first().innerText(),
      /Democratic People’s Republic of Korea[\s\S]*2016-11-30/,
    );
    assert.match(await page.locator('main').innerText(), /381310014/, 'passport number shown');
    await screenshot(page, '05-entity');
    // A designated vessel with an MMSI links to its vessel page.
    await page.goto(`${server.url}/entities?q=la+pride&schema=Vessel`);
    await page.getByRole('link', { name: 'LA PRIDE' }).click();
    assert.equal(await page.getByTestId('vessel-link').getAttribute('href'), '/vessels/636022251');
    await page.goto(`${server.url}/entities?list=ofac-sdn&schema=Vessel`);
    await page
      .getByText(/Showing 1–50 of [\d,]+/)
      .first()
      .waitFor();
    await screenshot(page, '06-entities');
    await page.getByRole('button', { name: 'Next page' }).first().click();
    await page
      .getByText(/Showing 51–100 of/)
      .first()
      .waitFor();
    assert.match(page.url(), /page=2/, 'the page number is in the URL');
  });

  test('screening: results with scores and explanations; mark a false positive', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screening' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ri Won Ho');
    await page.getByLabel('Type').selectOption('Person');
    await page.getByLabel('Date of birth').fill('1964-07-17');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const hit = page
      .getByTestId('hit')
      .filter({ has: page.getByRole('heading', { name: 'RI WON HO', exact: true }) });
    await hit.waitFor();
    assert.match(page.url(), /name=Ri\+Won\+Ho/, 'the query is in the URL');
    const text = await hit.innerText();
    assert.match(text, /match/);
    assert.match(text, /Date of birth/);
    assert.match(text, /aligned/);
    // The OFAC entry for the same man: mark it a false positive (for the demo), then see the decision.
    const other = page
      .getByTestId('hit')
      .filter({ has: page.getByRole('heading', { name: 'RI, Won Ho', exact: true }) });
    await other.getByLabel('Note (optional)').fill('e2e: a different record');
    await other.getByRole('button', { name: 'Mark as false positive' }).click();
    await other.getByTestId('decision').waitFor();
    assert.match(await other.getByTestId('decision').innerText(), /false positive by admin/);
    await screenshot(page, '07-screening');
    // A list that is not loaded finds nothing: the page says so instead of looking clean.
    await page.goto(`${server.url}/screening?name=Ri+Won+Ho&schema=Person&dataset=eu`);
    await page.getByTestId('list-not-loaded').filter({ hasText: 'The EU list is not loaded' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Nothing screened' }).count(), 1);
    assert.equal(await page.getByRole('option', { name: 'EU (not loaded)' }).isDisabled(), true);
  });

  test('batch screening: upload a CSV, follow progress, download the result', async () => {
    const csv = join(tmp, 'customers.csv');
    const rows = [
      'name,type,dob,customer_id',
      'Ri Won Ho,person,1964-07-17,c1',
      'Jane Example,person,1990-01-01,c2',
      'LA PRIDE,vessel,,c3',
    ];
    for (let i = 0; i < 200; i++) rows.push(`Customer ${i} Testperson,person,,x${i}`);
    await writeFile(csv, `${rows.join('\n')}\n`);
    await page.goto(`${server.url}/screening/batch`);
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(csv);
    await page.getByRole('button', { name: 'Screen the file' }).click();
    const result = page.getByRole('status').filter({ hasText: /rows screened/ });
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.innerText(), /203 rows screened .*: 2 with a match/);
    const download = page.waitForEvent('download');
    await page.getByTestId('download').click();
    const file = await (await download).path();
    const out = await readFile(file, 'utf8');
    assert.match(out.split('\n')[0], /^name,type,dob,customer_id,match_count,top_id/);
    assert.match(out, /Ri Won Ho,person,1964-07-17,c1,\d,(un-kpi-033|ofac-19609)/);
    await screenshot(page, '08-batch');
  });

  test('alerts: triage a screening alert (dismissed with a reason, audit-logged)', async () => {
    await page.goto(`${server.url}/alerts?kind=screening`);
    await page
      .getByRole('link', { name: /Ri Won Ho \(customer 17\) matches/ })
      .first()
      .click();
    const aside = page.getByRole('complementary', { name: 'Selected alert' });
    await aside.getByText('Watchlist item').waitFor();
    assert.match(page.url(), /selected=/, 'the selection is in the URL');
    await screenshot(page, '09-alerts');
    await aside.getByLabel('Dismiss').check();
    await aside.getByLabel('Reason (required)').fill('e2e: customer born 1990, not the listed man');
    await aside.getByRole('button', { name: 'Dismiss the alert' }).click();
    await aside.getByText('Alert dismissed. The change is in the audit log.').waitFor();
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const dismissed = await (await admin('/api/alerts?status=dismissed&kind=screening')).json();
    assert.equal(dismissed.total, 1);
    assert.equal(dismissed.items[0].reason, 'e2e: customer born 1990, not the listed man');
    const audit = await (await admin('/api/audit?action=alert.triage')).json();
    assert.equal(audit[0]?.actor ?? audit.items?.[0]?.actor, 'admin');
    // Maritime alerts (designated vessels in the AIS data) are in the same inbox.
    await page.goto(`${server.url}/alerts?kind=maritime`);
    await page.getByRole('cell').filter({ hasText: 'maritime' }).first().waitFor();
  });

  test('watchlists: create one, add a name and a CSV (a bad row named), see the alerts, remove an item', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Watchlists' }).click();
    await page
      .getByRole('form', { name: 'Create a watchlist' })
      .getByLabel('New watchlist')
      .fill('counterparties');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'counterparties: items' }).waitFor();
    assert.match(page.url(), /list=counterparties/, 'the selected watchlist is in the URL');
    const one = page.getByRole('form', { name: 'Add an item' });
    await one.getByLabel('Name').fill('Kim Jong Un');
    await one.getByLabel('Type').selectOption('Person');
    await one.getByRole('button', { name: 'Add and screen' }).click();
    await page
      .getByTestId('watchlist-outcome')
      .filter({ hasText: /1 item\(s\) added .* [1-9]\d* new alert/ })
      .waitFor();
    const csv = join(tmp, 'counterparties.csv');
    await writeFile(csv, 'id,name,type\ncp-1,Acme Shipping Ltd,company\ncp-2,,company\n');
    const many = page.getByRole('form', { name: 'Add a CSV of items' });
    await many.getByLabel('CSV file').setInputFiles(csv);
    await many.getByRole('button', { name: 'Add and screen' }).click();
    const outcome = page.getByTestId('watchlist-outcome').filter({ hasText: '1 row(s) skipped' });
    await outcome.waitFor();
    assert.match(await outcome.innerText(), /row 3: no name/);
    const table = page.getByRole('table', { name: 'Items on counterparties, by label' });
    await table.getByRole('row').nth(2).waitFor();
    assert.equal(await table.getByRole('row').count(), 3, 'a header and two items');
    await screenshot(page, '09b-watchlists');
    await table.getByRole('button', { name: 'Remove Acme Shipping Ltd from counterparties' }).click();
    await table.getByRole('row').nth(2).waitFor({ state: 'detached' });
    assert.match(await table.innerText(), /Kim Jong Un/);
    await page.getByRole('button', { name: 'Screen all again now' }).click();
    await page.getByText(/item\(s\) screened: \d+ hit\(s\), 0 new alert\(s\)/).waitFor();
  });

  test('admin: add a viewer, create an API token (shown once), AIS sources', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('User name').fill('vera');
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByLabel('Password').fill('vera password 123');
    await form.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('User vera created as viewer.').waitFor();
    await screenshot(page, '10-admin-users');
    await page.getByRole('link', { name: 'API tokens' }).click();
    const tokenForm = page.getByRole('form', { name: 'Create an API token' });
    await tokenForm.getByLabel('For user').selectOption('vera');
    await tokenForm.getByLabel('Label').fill('e2e script');
    await tokenForm.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').innerText();
    assert.match(token, /^wkt_/);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me.json()).name, 'vera');
    await screenshot(page, '11-admin-tokens');
    await page.getByRole('link', { name: 'AIS sources' }).click();
    await page.getByRole('cell', { name: 'baltic-2018-04-01-positions.csv' }).waitFor();
    await screenshot(page, '12-admin-ais');
    // The audit log: the alert triaged earlier, with who did it.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Action').selectOption('alert.triage');
    const audit = page.getByRole('table', { name: 'Audit log entries, newest first' });
    await audit.getByRole('cell', { name: 'alert.triage' }).first().waitFor();
    assert.match(await audit.innerText(), /admin\s+alert\.triage/);
    assert.match(page.url(), /tab=audit/);
    assert.match(page.url(), /action=alert\.triage/);
    await screenshot(page, '12b-admin-audit');
  });

  test('a viewer sees no editing controls, and the API refuses the viewer anyway', async () => {
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const vpage = await viewer.newPage();
    try {
      await vpage.goto(`${server.url}/lists`);
      await signIn(vpage, 'vera', 'vera password 123');
      assert.match(await vpage.getByTestId('user').innerText(), /vera\s+viewer/i);
      await vpage.getByRole('heading', { name: 'Lists', exact: true }).waitFor();
      await vpage.getByRole('heading', { name: /UN Security Council/ }).waitFor();
      assert.equal(
        await vpage.getByRole('form', { name: 'Import a list file' }).count(),
        0,
        'no import form',
      );
      const nav = vpage.getByRole('navigation', { name: 'Main' });
      assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0, 'no Admin entry');
      await vpage.goto(`${server.url}/screening?name=Ri+Won+Ho&schema=Person`);
      await vpage.getByTestId('hit').first().waitFor();
      assert.equal(await vpage.getByRole('button', { name: /Mark as/ }).count(), 0, 'no decision buttons');
      await vpage.goto(`${server.url}/alerts?status=all`);
      await vpage
        .getByRole('link', { name: /matches/ })
        .first()
        .click();
      await vpage
        .getByRole('complementary', { name: 'Selected alert' })
        .getByText('Watchlist item')
        .waitFor();
      assert.equal(await vpage.getByRole('form', { name: 'Triage this alert' }).count(), 0, 'no triage form');
      await screenshot(vpage, '13-viewer-alerts');
      await vpage.goto(`${server.url}/admin`);
      await vpage.getByRole('heading', { name: 'Not available to your role' }).waitFor();
      // The API refuses what the UI hides: the viewer's own session, straight at the API.
      const req = vpage.request;
      assert.equal(
        (await req.post(`${server.url}/api/lists/import?filename=x.xml`, { data: '<x/>' })).status(),
        403,
      );
      const alertId = (await (await req.get(`${server.url}/api/alerts`)).json()).items[0].id;
      assert.equal(
        (await req.patch(`${server.url}/api/alerts/${alertId}`, { data: { status: 'confirmed' } })).status(),
        403,
      );
      assert.equal((await req.get(`${server.url}/api/users`)).status(), 403);
      const q = {
        query: { schema: 'Person', properties: { name: ['Ri Won Ho'] } },
        entityId: 'un-kpi-033',
        decision: 'match',
      };
      assert.equal((await req.post(`${server.url}/api/screening/decisions`, { data: q })).status(), 403);
    } finally {
      await viewer.close();
    }
  });

  test('an ended session brings the sign-in page back; sign out', async () => {
    const cookies = await context.cookies();
    await context.clearCookies();
    await page.goto(`${server.url}/lists`);
    await page.getByRole('heading', { name: 'Sign in to Watchkeeper' }).waitFor();
    await context.addCookies(cookies);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    await signIn(page, 'admin', server.adminPassword);
  });

  test('first content of every page (browser performance timing; not a timed assertion)', async (t) => {
    const pages: Array<[string, string]> = [
      ['/', '[data-testid="list-changes"]'],
      ['/lists', 'table.data tbody tr'],
      ['/lists/un/diff', '[data-testid="diff-summary"]'],
      ['/entities', 'table.data tbody tr'],
      ['/entities?q=kim', 'table.data tbody tr'],
      ['/entities/un-kpi-033', '[data-testid="sanction"]'],
      ['/screening?name=Kim+Jong+Un&schema=Person', '[data-testid="hit"]'],
      ['/alerts?status=all', 'table.data tbody tr'],
      ['/admin', 'table.data tbody tr'],
    ];
    const timings: PageTiming[] = [];
    for (const [path, ready] of pages) timings.push(await timePage(page, server.url, path, ready));
    t.diagnostic(
      `first content (ms): ${timings.map((x) => `${x.page} fcp ${x.fcp} content ${x.content}`).join('; ')}`,
    );
    await writeFile(join(OUTPUT_DIR, 'web-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    assert.equal(timings.length, pages.length);
  });

  test('no page logged an error', () => {
    assert.deepEqual(errors, []);
  });
});
