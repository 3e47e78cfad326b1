/**
 * End-to-end harness: a real `watchkeeper serve` on a free port over a temporary data dir (lists and AIS
 * from the shared data imported with the CLI, as a user would), and Debian's Chromium driven by
 * playwright-core. Used by web/e2e/*.test.ts and bench/web.bench.ts.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT, sharedFile } from '../../src/config/paths.ts';

const run = promisify(execFile);

/** Where screenshots and timings go (git-ignored). */
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output');
export const SCREENSHOT_DIR = join(OUTPUT_DIR, 'screenshots');

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive: WATCHKEEPER_CHROMIUM, else Debian's. Undefined when none is installed. */
export function findChromium(): string | undefined {
  const given = process.env.WATCHKEEPER_CHROMIUM;
  if (given) return existsSync(given) ? given : undefined;
  return CHROMIUM_PATHS.find((p) => existsSync(p));
}

/** Why the browser tests cannot run here, or false. In CI a missing browser is an error, not a skip. */
export function missingBrowser(): string | false {
  if (findChromium()) return false;
  const why = `no Chromium at ${CHROMIUM_PATHS.join(' or ')} (apt-get install chromium, or set WATCHKEEPER_CHROMIUM)`;
  if (process.env.CI) throw new Error(`CI must run the browser tests: ${why}`);
  return why;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // Containers run as root, where Chromium's sandbox cannot start; the pages are our own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

const CLI = join(REPO_ROOT, 'src', 'cli', 'main.ts');
const NODE_FLAGS = ['--disable-warning=ExperimentalWarning', '--max-semi-space-size=16'];

/** Runs a `watchkeeper` command (the CLI, in this Node) and returns its output. */
export async function watchkeeper(
  dataDir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  const r = await run(process.execPath, [...NODE_FLAGS, CLI, '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  return r.stdout + r.stderr;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerHandle {
  url: string;
  dataDir: string;
  adminPassword: string;
  /** Server output so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
}

export interface ServerSetup {
  /** List files under the shared data (lists/...), imported before the server starts. */
  lists?: string[][];
  /** AIS files under the shared data (ais/...), ingested after the lists. */
  ais?: string[][];
}

/** Imports the shared data named, starts `watchkeeper serve` on a free port, waits until it listens. */
export async function startServer(setup: ServerSetup = {}): Promise<ServerHandle> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wk-e2e-'));
  const adminPassword = 'e2e admin password';
  const files = (parts: string[][]) =>
    parts.map((p) => {
      const f = sharedFile(...p);
      if (!f) throw new Error(`shared data ${p.join('/')} is missing`);
      return f;
    });
  if (setup.lists?.length) await watchkeeper(dataDir, ['lists', 'import', ...files(setup.lists)]);
  if (setup.ais?.length) await watchkeeper(dataDir, ['ais', 'ingest', ...files(setup.ais)]);
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...NODE_FLAGS, CLI, '--data-dir', dataDir, 'serve', '--port', String(port), '--quiet'],
    { env: { ...process.env, WATCHKEEPER_ADMIN_PASSWORD: adminPassword }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  // Building the web app on a fresh checkout takes a few seconds; the server answers /healthz after that.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`watchkeeper serve exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`watchkeeper serve did not start within 120 s:\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    adminPassword,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fetch signed in as a user (session cookie), for setting up data and checking what the API allows. */
export async function apiSession(
  base: string,
  name: string,
  password: string,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (!r.ok) throw new Error(`sign-in as ${name} failed: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  return (path, init = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        cookie,
        ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
}

/** Signs in through the sign-in form. */
export async function signIn(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('user').waitFor();
}

/** Saves a screenshot of the page (the whole page, up to 2,400 px high) under test-output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({
    path,
    fullPage: true,
    clip: height > 2400 ? { x: 0, y: 0, width, height: 2400 } : undefined,
  });
  return path;
}

export interface PageTiming {
  page: string;
  /** First contentful paint (ms from navigation start): the shell is on screen. */
  fcp: number | null;
  /** The page's own content (its data) is on screen (ms from navigation start). */
  content: number;
}

/**
 * Opens a URL in a fresh navigation and measures, with the browser's performance timing, when the first
 * content was painted and when the page's content (`ready`, a selector) appeared.
 */
export async function timePage(page: Page, base: string, path: string, ready: string): Promise<PageTiming> {
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  // Checked on every animation frame, in the page: the time is taken when the content appears, not when
  // the test process hears of it.
  const seen = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? performance.now() : false),
    ready,
    { polling: 'raf', timeout: 30_000 },
  );
  const content = (await seen.jsonValue()) as number;
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  );
  return { page: path, fcp: fcp === null ? null : Math.round(fcp), content: Math.round(content) };
}
