import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Permission, rolesWith } from '../auth/policy.ts';
import {
  AuthError,
  allUsers,
  auditTrail,
  changeUser,
  createApiToken,
  createUser,
  login,
  logout,
  publicUser,
  revokeApiToken,
  tokensOf,
} from '../auth/service.ts';
import { LIST_FILTERS } from '../lists/datasets.ts';
import { InputFormatError } from '../lists/errors.ts';
import { exportRecords } from '../lists/export.ts';
import { importListFile } from '../lists/import.ts';
import {
  diffVersions,
  entityDetail,
  NotFoundError,
  searchEntities,
  summariseLists,
  versionsOf,
} from '../lists/service.ts';
import { LIST_SOURCES, type ListSource } from '../lists/types.ts';
import { updateLists } from '../lists/update-service.ts';
import type { FeedManager } from '../maritime/feed-manager.ts';
import { getRegime, listRegimes, regimeForCode } from '../regimes/index.ts';
import { AlertError } from '../screening/monitoring/alerts.ts';
import { rescreenWatchlists, WatchlistError } from '../screening/monitoring/watchlists.ts';
import { ScreeningService } from '../screening/service.ts';
import type { Store } from '../store/store.ts';
import { actorOf, installAccessControl, SESSION_COOKIE } from './auth.ts';
import { registerDemoRoutes } from './demo-routes.ts';
import { BadRequestError, orNotFound } from './errors.ts';
import { registerEventRoutes } from './event-routes.ts';
import { registerFeedRoutes } from './feed-routes.ts';
import { LoginLimiter } from './login-limiter.ts';
import {
  checkResponsesByDefault,
  errorBody,
  fileAnswer,
  responseSerializerCompiler,
} from './response-check.ts';
import * as S from './schemas.ts';
import { registerScreeningRoutes } from './screening-routes.ts';
import { registerVesselRoutes } from './vessel-routes.ts';
import { registerWebApp } from './web-app.ts';

export const VERSION = '0.1.0';

export interface ServerOptions {
  store: Store;
  /** Log requests (off in tests). */
  logger?: boolean;
  /** The screening index holder (shared when the caller already has one). */
  screening?: ScreeningService;
  /** Build the screening index at start instead of on the first query (the server does; tests need not). */
  warmScreening?: boolean;
  /** Sign-in throttling (tests pass their own). */
  loginLimiter?: LoginLimiter;
  /** Largest upload accepted by the import endpoint. */
  maxUploadBytes?: number;
  /** Where uploaded AIS files are kept (positions refer to their raw sentences); default a temporary folder. */
  aisFileDir?: string;
  /** The built web app (web/dist) to serve at `/`; none: the API alone. */
  webDir?: string;
  /** Where `POST /api/lists/update` keeps the downloaded official lists; default a temporary folder. */
  listDownloadDir?: string;
  /** Runs the live AIS feeds configured in the store (serve passes one; without it feeds are only configured). */
  feeds?: FeedManager;
  /**
   * Check every answer against its documented response schema (a mismatch is a 500 naming the field).
   * Default: on under tests and with WATCHKEEPER_CHECK_RESPONSES=1, off otherwise (src/api/response-check.ts).
   */
  checkResponses?: boolean;
}

const source = z.enum(LIST_SOURCES as unknown as [string, ...string[]]);
/** A list name in a path: a dataset, or a source standing for its main list (`ofac` = `ofac-sdn`). */
const listName = z.enum(['un', 'ofac', 'ofac-sdn', 'ofac-cons', 'eu', 'uk']);
/** A list filter: a source (all its lists) or one dataset. */
const listFilterName = z.enum(LIST_FILTERS);

/** A new password: the same rule as `passwordProblem` (src/auth/passwords.ts), stated in the schema too. */
const password = z.string().min(10, 'a password needs at least 10 characters').max(1024);

/** Routes that read an uploaded file or document: what cannot be read in it is answered 422 (`bad_input`). */
const READS_A_FILE = new Set([
  'POST /api/lists/import',
  'POST /api/ais/ingest',
  'POST /api/zones',
  'POST /api/watchlists/:watchlist/import',
]);

/**
 * Documents in OpenAPI what the access hook and the error handler answer, so clients see every status a
 * route can give: public routes need no credentials; others can answer 401/403; inputs can be refused (400);
 * routes with a path parameter can miss (404).
 */
function documentErrors(route: RouteOptions): void {
  const config = route.config as { access?: string } | undefined;
  const schema = (route.schema ?? {}) as Record<string, unknown> & { response?: Record<number, unknown> };
  const response: Record<number, unknown> = { ...(schema.response ?? {}) };
  if (config?.access === 'public') schema.security = [];
  else {
    response[401] = errorBody;
    response[403] = errorBody;
    // Who may call it, from the same policy the access hook applies (a route that states none needs admin).
    const access = (config?.access ?? 'admin') as Permission;
    const who = `Needs the ${access} permission: role ${rolesWith(access).join(' or ')}.`;
    schema.description = schema.description ? `${schema.description}\n\n${who}` : who;
  }
  if (schema.querystring || schema.body || schema.params) response[400] = errorBody;
  if (schema.params) response[404] = errorBody;
  if (READS_A_FILE.has(`${route.method} ${route.url}`)) response[422] = errorBody;
  if (Object.keys(response).length > 0) schema.response = response;
  route.schema = schema;
}

/**
 * Builds the HTTP API: Fastify with zod schemas (validation and the OpenAPI document at /api/openapi.json,
 * browsable at /api/docs). Handlers are thin: they call the same services as the CLI.
 */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const limiter = opts.loginLimiter ?? new LoginLimiter();
  const screening = opts.screening ?? new ScreeningService(store);
  const app = Fastify({
    logger: opts.logger
      ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(opts.checkResponses ?? checkResponsesByDefault()));
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Watchkeeper API',
        version: VERSION,
        description: 'Sanctions lists, screening and maritime monitoring.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token from `watchkeeper tokens create`',
          },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // swagger-ui registers its own routes; they are documentation, not data, so they are public.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), access: 'public' };
    documentErrors(route);
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  installAccessControl(app, store);

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation.map((v) => `${v.instancePath || 'request'} ${v.message}`).join('; ');
      return reply.code(400).send({ error: 'bad_request', message: `invalid request: ${detail}` });
    }
    if (err instanceof NotFoundError)
      return reply.code(404).send({ error: 'not_found', message: err.message });
    if (err instanceof AuthError || err instanceof AlertError || err instanceof WatchlistError) {
      return reply.code(400).send({ error: 'bad_request', message: err.message });
    }
    if (err instanceof InputFormatError)
      return reply.code(422).send({ error: 'bad_input', message: err.message });
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500)
      return reply.code(status).send({ error: 'bad_request', message: (err as Error).message });
    req.log.error(err);
    return reply.code(500).send({ error: 'internal', message: 'internal error; see the server log' });
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
    version: VERSION,
    engine: store.name,
  }));
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  // --- sign in ---
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        response: { 200: S.signedIn, 401: errorBody, 429: errorBody },
        tags: ['auth'],
        summary: 'Sign in with a user name and password; sets the session cookie',
        body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
      },
    },
    async (req, reply) => {
      const keys = [`name:${req.body.name.toLowerCase()}`, `ip:${req.ip}`];
      const wait = limiter.retryAfter(keys);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return reply
          .code(429)
          .send({ error: 'too_many_attempts', message: `too many failed sign-ins; try again in ${wait} s` });
      }
      try {
        const s = await login(store, req.body.name, req.body.password);
        limiter.succeed(keys);
        reply.setCookie(SESSION_COOKIE, s.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: req.protocol === 'https',
          expires: new Date(s.expiresAt),
        });
        return { user: s.user, expiresAt: s.expiresAt };
      } catch (err) {
        if (err instanceof AuthError) {
          limiter.fail(keys);
          return reply.code(401).send({ error: 'unauthorized', message: err.message });
        }
        throw err;
      }
    },
  );
  app.post(
    '/api/auth/logout',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.ok },
        tags: ['auth'],
        summary:
          'Sign out: ends the cookie session (an API token stays valid until revoked with DELETE /api/tokens/{id})',
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(store, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
  app.get(
    '/api/me',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.user },
        tags: ['auth'],
        summary: 'The signed-in user',
      },
    },
    async (req) => publicUser(req.user!),
  );

  // --- users and tokens (admin) ---
  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: z.array(S.user) },
        tags: ['admin'],
        summary: 'Users and their roles (never password hashes)',
      },
    },
    async () => allUsers(store),
  );
  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        response: { 201: S.user },
        tags: ['admin'],
        summary:
          'Add a user (password of at least 10 characters; without one, the account cannot sign in until one is set)',
        body: z.object({
          name: z.string(),
          role: z.enum(['admin', 'analyst', 'viewer']),
          password: password.optional(),
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(store, req.body, actorOf(req))),
  );
  app.patch(
    '/api/users/:name',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: S.user },
        tags: ['admin'],
        summary:
          'Change a user’s role, password or disabled state (the last active admin cannot be demoted or disabled)',
        params: z.object({ name: z.string() }),
        body: z.object({
          role: z.enum(['admin', 'analyst', 'viewer']).optional(),
          password: password.optional(),
          disabled: z.boolean().optional(),
        }),
      },
    },
    async (req) => orNotFound(changeUser(store, req.params.name, req.body, actorOf(req))),
  );
  app.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: z.array(S.apiToken) },
        tags: ['admin'],
        summary: 'API tokens (all, or one user’s), never their secrets',
        querystring: z.object({ user: z.string().optional() }),
      },
    },
    async (req) => tokensOf(store, req.query.user),
  );
  app.post(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        response: { 201: S.createdToken },
        tags: ['admin'],
        summary: 'Create an API token for a user: the secret is in this answer only',
        body: z.object({ user: z.string(), label: z.string().max(200).optional() }),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createApiToken(store, req.body.user, req.body.label, actorOf(req))),
  );
  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: S.ok },
        tags: ['admin'],
        summary: 'Revoke an API token',
        params: z.object({ id: z.string() }),
      },
    },
    async (req) => {
      await orNotFound(revokeApiToken(store, req.params.id, actorOf(req)));
      return { ok: true };
    },
  );
  app.get(
    '/api/audit',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: z.array(S.auditEntry) },
        tags: ['admin'],
        summary:
          'The audit log, newest first (`before`: entries older than this id; `action`: e.g. alert.triage)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          before: z.coerce.number().int().optional(),
          action: z.string().optional(),
        }),
      },
    },
    async (req) =>
      auditTrail(store, { limit: req.query.limit, beforeId: req.query.before, action: req.query.action }),
  );

  // --- lists ---
  app.get(
    '/api/lists',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.array(S.datasetSummary) },
        tags: ['lists'],
        summary: 'Sources, versions and counts',
      },
    },
    async () => summariseLists(store),
  );
  app.get(
    '/api/lists/:list/versions',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.array(S.listVersion) },
        tags: ['lists'],
        summary: 'The versions of one list, oldest first, with counts',
        params: z.object({ list: listName }),
      },
    },
    async (req) => versionsOf(store, req.params.list),
  );
  app.get(
    '/api/lists/:list/diff',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.listDiff },
        tags: ['lists'],
        summary: 'Added, removed and changed entries between two versions (default: previous -> latest)',
        params: z.object({ list: listName }),
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
      },
    },
    async (req) => diffVersions(store, req.params.list, req.query.from, req.query.to),
  );
  // Uploads stream to a temporary file (bounded memory) and are imported from there.
  app.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  app.post(
    '/api/lists/import',
    {
      config: { access: 'write' },
      bodyLimit: opts.maxUploadBytes ?? 1024 * 1024 * 1024,
      schema: {
        response: { 200: S.importResult },
        tags: ['lists'],
        summary: 'Import a list file sent as the request body',
        querystring: z.object({
          filename: z.string().max(255).default('upload'),
          source: source.optional(),
          dataset: z.enum(['ofac-sdn', 'ofac-cons']).optional(),
          published: z.iso.date().optional(),
        }),
      },
    },
    async (req) => {
      if (!req.body) throw new BadRequestError('no file in the request body');
      const dir = await mkdtemp(join(tmpdir(), 'wk-upload-'));
      try {
        const path = join(dir, req.query.filename.replace(/[^A-Za-z0-9._-]/g, '_'));
        await pipeline(req.body as Readable, createWriteStream(path));
        const result = await importListFile(store, path, {
          actor: actorOf(req),
          source: req.query.source as ListSource | undefined,
          dataset: req.query.dataset,
          publishedAt: req.query.published,
        });
        if (result.status === 'imported') {
          screening.invalidate();
          // Whatever changed on the lists is screened against every watchlist now: new hits become alerts.
          return { ...result, watchlists: await rescreenWatchlists(store, screening) };
        }
        return result;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.post(
    '/api/lists/update',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: S.updateResult },
        tags: ['lists'],
        summary: 'Download the official lists (conditional requests, checksums) and import what changed',
        body: z.object({ source: source.optional() }).default({}),
      },
    },
    async (req) => {
      const outcomes = await updateLists(store, {
        downloadDir: opts.listDownloadDir ?? join(tmpdir(), `watchkeeper-downloads-${process.pid}`),
        actor: actorOf(req),
        source: (req.body ?? {}).source as ListSource | undefined,
      });
      if (outcomes.some((o) => o.status === 'imported')) {
        screening.invalidate();
        return { outcomes, watchlists: await rescreenWatchlists(store, screening) };
      }
      return { outcomes };
    },
  );

  // --- entities ---
  app.get(
    '/api/entities',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.entityPage },
        tags: ['entities'],
        summary: 'Current designated entities, filtered and paged',
        querystring: z.object({
          q: z.string().max(500).optional(),
          schema: z.string().max(64).optional(),
          list: listFilterName.optional(),
          regime: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const { q, schema, list, regime, limit, offset } = req.query;
      const page = await searchEntities(store, { q, schema, list, regime, limit, offset });
      return { ...page, limit, offset };
    },
  );
  app.get(
    '/api/entities/:id',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.entityDetail },
        tags: ['entities'],
        summary: 'One entity: properties, sanctions, provenance, history, related entities',
        params: z.object({ id: z.string().max(200) }),
      },
    },
    async (req) => entityDetail(store, req.params.id),
  );
  app.get(
    '/api/export',
    {
      config: { access: 'read' },
      schema: {
        tags: ['entities'],
        summary: 'Export current entities as FtM JSON lines or CSV',
        querystring: z.object({
          format: z.enum(['ftm', 'csv']).default('ftm'),
          list: listFilterName.optional(),
        }),
        response: {
          200: fileAnswer('Current entities: FtM entities as JSON lines, or CSV (streamed)', [
            'application/x-ndjson',
            'text/csv',
          ]),
        },
      },
    },
    async (req, reply) => {
      const { format, list } = req.query;
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      reply.header(
        'content-disposition',
        `attachment; filename="watchkeeper-${list ?? 'all'}.${format === 'csv' ? 'csv' : 'ftm.json'}"`,
      );
      return reply.send(Readable.from(exportRecords(store, format, list)));
    },
  );

  // --- screening ---
  registerScreeningRoutes(app, screening);
  // --- vessels and AIS ---
  registerVesselRoutes(
    app,
    store,
    opts.aisFileDir ?? join(tmpdir(), `watchkeeper-ais-files-${process.pid}`),
    screening,
  );
  registerEventRoutes(app, store, screening);
  registerFeedRoutes(app, store, opts.feeds);
  registerDemoRoutes(
    app,
    store,
    screening,
    opts.aisFileDir ?? join(tmpdir(), `watchkeeper-ais-files-${process.pid}`),
  );
  if (opts.warmScreening) {
    screening.index().catch((err) => app.log.error(err, 'building the screening index failed'));
  }
  // --- regimes ---
  app.get(
    '/api/regimes',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.array(S.regime) },
        tags: ['regimes'],
        summary: 'Sanctions regimes with their legal basis and measures',
      },
    },
    async () => listRegimes(),
  );
  app.get(
    '/api/regimes/:code',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.regime },
        tags: ['regimes'],
        summary:
          'One regime: legal basis, measures with cited paragraphs (a list program code without a record: `synthesised`)',
        params: z.object({ code: z.string().max(64) }),
      },
    },
    async (req) => {
      const code = req.params.code;
      const known = getRegime(code);
      if (known) return known;
      // A program code the lists use but the registry does not describe (OFAC has about 75) is still a
      // regime: answered by its code, marked `synthesised`, with no legal basis or measures on record.
      const lists = await summariseLists(store);
      if (lists.some((l) => (l.latest.counts.byRegime[code] ?? 0) > 0)) return regimeForCode(code);
      throw new NotFoundError(`no regime ${code}`);
    },
  );

  // The web app (web/), with its pages' URLs answered by its index.html.
  if (opts.webDir) await registerWebApp(app, opts.webDir);

  return app;
}
