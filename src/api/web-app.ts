import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../config/paths.ts';

/** The web app's sources (React + Vite) and where `vite build` puts the bundle that `serve` serves. */
export const WEB_ROOT = join(REPO_ROOT, 'web');
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** Paths the API answers; everything else that is not a file of the bundle is a page of the app. */
const API_PATH = /^\/(api|match|search)(\/|$)|^\/healthz$/;

/** Newest modification time (ms) of the inputs of a web build: sources, page, config, dependencies. */
function newestInput(root: string): number {
  let newest = 0;
  const note = (p: string) => {
    if (existsSync(p)) newest = Math.max(newest, statSync(p).mtimeMs);
  };
  for (const f of ['index.html', 'vite.config.ts', 'tsconfig.json']) note(join(root, f));
  note(join(root, '..', 'package-lock.json'));
  for (const dir of ['src', 'public']) {
    const d = join(root, dir);
    if (!existsSync(d)) continue;
    for (const e of readdirSync(d, { recursive: true, withFileTypes: true }))
      if (e.isFile()) note(join(e.parentPath, e.name));
  }
  return newest;
}

/**
 * Whether web/dist needs (re)building: `missing` when there is no bundle, `stale` when a source is newer than
 * it, `fresh` otherwise. A deployment that ships only web/dist (no web/src) is always fresh.
 */
export function webBuildState(root = WEB_ROOT): 'missing' | 'stale' | 'fresh' {
  const index = join(root, 'dist', 'index.html');
  if (!existsSync(index)) return existsSync(join(root, 'src')) ? 'missing' : 'fresh';
  return newestInput(root) > statSync(index).mtimeMs ? 'stale' : 'fresh';
}

/**
 * Builds the web app with Vite into web/dist. It builds into a folder of its own and then swaps it in, so
 * a server serving the old bundle (or a second build started at the same time) never sees half a bundle.
 */
export async function buildWebApp(root = WEB_ROOT): Promise<void> {
  const { build } = await import('vite');
  const config = (await import(pathToFileURL(join(root, 'vite.config.ts')).href)).default;
  const outDir = join(root, `dist.tmp-${process.pid}-${Date.now()}`);
  try {
    await build({
      ...config,
      root,
      configFile: false,
      logLevel: 'warn',
      build: { ...config.build, outDir, emptyOutDir: true },
    });
    await rm(join(root, 'dist'), { recursive: true, force: true });
    await rename(outDir, join(root, 'dist'));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * Makes sure web/dist is there and current, building it when it is missing or older than web/src (a fresh
 * clone's first `watchkeeper serve`). Returns the folder to serve.
 */
export async function ensureWebApp(log: (line: string) => void, root = WEB_ROOT): Promise<string> {
  const state = webBuildState(root);
  if (state !== 'fresh') {
    log(`building the web app… (${state === 'missing' ? 'first start' : 'sources changed'})`);
    const t0 = performance.now();
    try {
      await buildWebApp(root);
    } catch (err) {
      throw new Error(
        `the web app could not be built: ${(err as Error).message.split('\n')[0]}\n` +
          '  build it with `npm run build:web` (see web/README.md), then start `watchkeeper serve` again',
      );
    }
    log(`built the web app in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return join(root, 'dist');
}

/**
 * Serves the built web app at `/`: hashed assets (web/dist/assets) cached for a year, everything else
 * revalidated; any other GET that is not an API path answers index.html, so the app's own URLs
 * (/entities/un-kpi-033, /screening?name=…) can be bookmarked and reloaded. The bundle holds no data: every
 * API call it makes needs a session like any other client.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' };
    });
    await scope.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      cacheControl: false,
      index: 'index.html',
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  });
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0];
    // A missing bundle file is a 404, not the app's page (a stale tab asking for an old chunk must fail).
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      !API_PATH.test(path) &&
      !path.startsWith('/assets/')
    ) {
      const page = await readFile(join(distDir, 'index.html'));
      return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    }
    return reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${path}` });
  });
}
