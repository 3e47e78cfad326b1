import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputFormatError } from '../lists/errors.ts';
import { NotFoundError } from '../lists/service.ts';
import { screenCsv } from '../screening/batch.ts';
import { alertsInbox, triageAlert } from '../screening/monitoring/alerts.ts';
import { recordDecision } from '../screening/monitoring/decisions.ts';
import {
  addToWatchlist,
  createWatchlist,
  entriesFromCsv,
  removeFromWatchlist,
  rescreenWatchlists,
  watchlistItems,
  watchlists,
} from '../screening/monitoring/watchlists.ts';
import { checkQuery, isCalendarDate } from '../screening/query.ts';
import { compare } from '../screening/score.ts';
import {
  SCREENING_ALGORITHMS,
  SCREENING_DATASETS,
  type ScreeningHit,
  type ScreeningService,
} from '../screening/service.ts';
import { DEFAULT_THRESHOLD } from '../screening/types.ts';
import { actorOf } from './auth.ts';
import { BadRequestError, orNotFound } from './errors.ts';
import { errorBody, fileAnswer } from './response-check.ts';
import * as S from './schemas.ts';

/** The schemata a query may name (FtM matchable schemata). */
const SCHEMATA = ['Thing', 'LegalEntity', 'Person', 'Organization', 'Company', 'Vessel', 'Airplane'] as const;
const values = z.array(z.string().max(1024, 'a value of at most 1024 characters')).max(50);
const properties = z
  .record(z.string().max(64), values)
  .refine((p) => Object.keys(p).length <= 30, 'at most 30 properties');
/** A query is checked and tidied like everywhere else (real dates, known countries, something to match on). */
const entityQuery = z.object({ schema: z.enum(SCHEMATA), properties }).transform((q, ctx) => {
  const checked = checkQuery(q);
  if (typeof checked === 'string') {
    ctx.addIssue({ code: 'custom', message: checked });
    return z.NEVER;
  }
  return checked;
});
const pairProperties = properties.refine(
  (p) => (p.birthDate ?? []).every((d) => isCalendarDate(d.trim())),
  'birthDate values are dates: YYYY, YYYY-MM or YYYY-MM-DD',
);
const datasetParam = z.object({ dataset: z.enum(Object.keys(SCREENING_DATASETS) as [string, ...string[]]) });

/** A hit in yente's shape (clients of OpenSanctions' yente work unchanged), with our extras beside it. */
const yenteResult = (h: ScreeningHit) => ({
  id: h.id,
  caption: h.caption,
  schema: h.schema,
  properties: h.properties,
  datasets: h.datasets,
  referents: [] as string[],
  target: true,
  score: h.score,
  match: h.match && !h.suppressed,
  features: h.features,
  explanations: h.explanations,
  reference: h.sourceRef,
  regimes: h.regimes,
  parties: h.parties,
  decision: h.decision ?? null,
  suppressed: h.suppressed,
});

export function registerScreeningRoutes(root: FastifyInstance, screening: ScreeningService): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { store } = screening;

  app.post(
    '/match/:dataset',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.matchResponse },
        tags: ['screening'],
        summary: 'Screen entities (yente-compatible): up to 100 queries per request',
        params: datasetParam,
        querystring: z.object({
          threshold: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLD),
          limit: z.coerce.number().int().min(1).max(500).default(5),
          algorithm: z.enum(SCREENING_ALGORITHMS).default('watchkeeper'),
        }),
        body: z.object({
          queries: z
            .record(z.string().max(200), entityQuery)
            .refine((q) => Object.keys(q).length > 0, 'no queries')
            .refine((q) => Object.keys(q).length <= 100, 'at most 100 queries per request'),
        }),
      },
    },
    async (req) => {
      const { threshold, limit } = req.query;
      const responses: z.infer<typeof S.matchResponse>['responses'] = {};
      for (const [key, query] of Object.entries(req.body.queries)) {
        const page = await screening.screenPage(query, {
          dataset: req.params.dataset,
          threshold,
          limit,
          algorithm: req.query.algorithm,
        });
        responses[key] = {
          status: 200,
          results: page.hits.map(yenteResult),
          total: { value: page.total, relation: page.exact ? ('eq' as const) : ('gte' as const) },
          query,
        };
      }
      return { responses, limit };
    },
  );

  app.get(
    '/search/:dataset',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.searchResponse },
        tags: ['screening'],
        summary: 'Search by name (yente-compatible)',
        params: datasetParam,
        querystring: z.object({
          q: z.string().min(1).max(1024),
          schema: z.enum(SCHEMATA).default('Thing'),
          limit: z.coerce.number().int().min(1).max(500).default(10),
          offset: z.coerce.number().int().min(0).max(10_000).default(0),
        }),
      },
    },
    async (req) => {
      const { q, schema, limit, offset } = req.query;
      const page = await screening.screenPage(
        { schema, properties: { name: [q] } },
        { dataset: req.params.dataset, threshold: DEFAULT_THRESHOLD, limit, offset },
      );
      return {
        results: page.hits.map(yenteResult),
        total: { value: page.total, relation: page.exact ? ('eq' as const) : ('gte' as const) },
        limit,
        offset,
      };
    },
  );

  app.post(
    '/api/screening/batch',
    {
      config: { access: 'read' },
      bodyLimit: 512 * 1024 * 1024,
      schema: {
        tags: ['screening'],
        summary:
          'Screen a CSV sent as the request body (columns name, type, dob, nationality, imo, ...); answers the CSV with the top hit beside each row',
        querystring: z.object({
          schema: z.enum(SCHEMATA).default('Thing'),
          threshold: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLD),
          dataset: datasetParam.shape.dataset.default('default'),
          algorithm: z.enum(SCREENING_ALGORITHMS).default('watchkeeper'),
        }),
        response: {
          200: fileAnswer(
            'The CSV sent, with the top hit beside each row (caption, score, match, datasets, reference), streamed',
            ['text/csv'],
          ),
        },
      },
    },
    async (req, reply) => {
      if (!req.body) throw new BadRequestError('no CSV in the request body');
      const out = new PassThrough();
      // Before the answer starts, a failure is reported as a 400 below; after, it cuts the download short.
      out.on('error', () => undefined);
      const done = screenCsv(screening, req.body as Readable, out, req.query).then(
        (summary) => {
          out.end();
          return summary;
        },
        (err: Error) => {
          out.destroy(err);
          throw new BadRequestError(err.message);
        },
      );
      // A CSV that cannot be screened at all (no name column) fails before its first output row: answer
      // that as a 400 with the reason, not as a broken download. Later failures end the stream early.
      await Promise.race([new Promise((ready) => out.once('readable', ready)), done]);
      done.catch((err: Error) => req.log.warn(`batch screening stopped: ${err.message}`));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="screening-results.csv"')
        .send(out);
    },
  );

  app.post(
    '/api/screening/compare',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.array(S.comparison) },
        tags: ['screening'],
        summary: 'Score given pairs of records against each other',
        querystring: z.object({ threshold: z.coerce.number().min(0).max(1).default(DEFAULT_THRESHOLD) }),
        body: z.array(z.object({ schema: z.enum(SCHEMATA), a: pairProperties, b: pairProperties })).max(1000),
      },
    },
    async (req) => req.body.map((p) => compare(p.schema, p.a, p.b, req.query.threshold)),
  );

  app.post(
    '/api/screening/decisions',
    {
      config: { access: 'write' },
      schema: {
        response: { 201: S.decisionRow, 404: errorBody },
        tags: ['screening'],
        summary:
          'Mark a hit as a true match or a false positive (remembered for this query and listing content)',
        body: z.object({
          query: entityQuery,
          entityId: z.string().max(200),
          decision: z.enum(['match', 'false_positive']),
          note: z.string().max(2000).optional(),
        }),
      },
    },
    async (req, reply) => {
      const entity = (await screening.index()).get(req.body.entityId);
      if (!entity) throw new NotFoundError(`no current listing ${req.body.entityId}`);
      screening.decisionRecorded();
      const row = await recordDecision(store, { ...req.body, entityHash: entity.hash }, actorOf(req));
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/watchlists',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.array(S.watchlist) },
        tags: ['watchlists'],
        summary: 'Watchlists with their item counts',
      },
    },
    async () => watchlists(store),
  );
  app.post(
    '/api/watchlists',
    {
      config: { access: 'write' },
      schema: {
        response: { 201: S.watchlist },
        tags: ['watchlists'],
        summary: 'Create a watchlist',
        body: z.object({ name: z.string().min(1).max(200) }),
      },
    },
    async (req, reply) => reply.code(201).send(await createWatchlist(store, req.body.name, actorOf(req))),
  );
  app.post(
    '/api/watchlists/:watchlist/items',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: S.watchlistAdded },
        tags: ['watchlists'],
        summary:
          'Add or update monitored names/vessels; they are screened at once and after every list import',
        params: z.object({ watchlist: z.string().max(200) }),
        body: z
          .array(
            z.object({
              id: z.string().max(200).optional(),
              label: z.string().max(500).optional(),
              query: entityQuery,
            }),
          )
          .min(1)
          .max(10_000),
      },
    },
    async (req) => {
      const r = await orNotFound(addToWatchlist(store, req.params.watchlist, req.body, actorOf(req)));
      const screened = await rescreenWatchlists(store, screening, { watchlist: r.watchlist.id });
      return { watchlist: r.watchlist, added: r.added, ...screened };
    },
  );
  app.get(
    '/api/watchlists/:watchlist/items',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.watchlistItemsPage },
        tags: ['watchlists'],
        summary: 'The names and vessels on a watchlist, by label, paged',
        params: z.object({ watchlist: z.string().max(200) }),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const { limit, offset } = req.query;
      const r = await orNotFound(watchlistItems(store, req.params.watchlist, { limit, offset }));
      return { ...r, limit, offset };
    },
  );
  app.delete(
    '/api/watchlists/:watchlist/items/:id',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: S.removed },
        tags: ['watchlists'],
        summary: 'Stop monitoring an item (its past alerts stay in the inbox); audit-logged',
        params: z.object({ watchlist: z.string().max(200), id: z.string().max(200) }),
      },
    },
    async (req) => {
      await orNotFound(removeFromWatchlist(store, req.params.watchlist, req.params.id, actorOf(req)));
      return { removed: req.params.id };
    },
  );
  app.post(
    '/api/watchlists/:watchlist/import',
    {
      config: { access: 'write' },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        response: { 200: S.watchlistImported },
        tags: ['watchlists'],
        summary:
          'Add the rows of a CSV sent as the body (columns id, label, name, type, dob, nationality, imo, mmsi, passport) and screen the watchlist',
        params: z.object({ watchlist: z.string().max(200) }),
        querystring: z.object({
          schema: z.enum(SCHEMATA).default('Thing').describe('the type of rows without a type column'),
        }),
      },
    },
    async (req) => {
      if (!req.body) throw new BadRequestError('no CSV in the request body');
      const { entries, problems } = await entriesFromCsv(req.body as Readable, req.query.schema);
      if (entries.length === 0) {
        throw new InputFormatError(
          'watchlist CSV',
          undefined,
          `no row could be added${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ' (the file has no rows)'}`,
        );
      }
      const r = await orNotFound(addToWatchlist(store, req.params.watchlist, entries, actorOf(req)));
      const screened = await rescreenWatchlists(store, screening, { watchlist: r.watchlist.id });
      return { watchlist: r.watchlist, added: r.added, skipped: problems.slice(0, 100), ...screened };
    },
  );
  app.post(
    '/api/watchlists/rescreen',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: S.rescreenSummary },
        tags: ['watchlists'],
        summary: 'Screen every watchlist again now',
      },
    },
    async () => rescreenWatchlists(store, screening),
  );

  app.get(
    '/api/alerts',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: S.alertPage },
        tags: ['alerts'],
        summary: 'Alerts (screening and maritime), newest first, by status and kind',
        querystring: z.object({
          status: z.enum(['open', 'confirmed', 'dismissed']).optional(),
          kind: z.string().max(32).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => ({
      ...(await alertsInbox(store, req.query)),
      limit: req.query.limit,
      offset: req.query.offset,
    }),
  );

  app.patch(
    '/api/alerts/:id',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: S.alert },
        tags: ['alerts'],
        summary: 'Triage an alert: confirm it, or dismiss it with a reason',
        params: z.object({ id: z.string().max(100) }),
        body: z
          .object({
            status: z.enum(['open', 'confirmed', 'dismissed']),
            reason: z.string().max(2000).optional().describe('why: required when dismissing'),
          })
          .refine((b) => b.status !== 'dismissed' || Boolean(b.reason?.trim()), {
            message: 'a dismissal needs a reason',
            path: ['reason'],
          }),
      },
    },
    async (req) => {
      return orNotFound(triageAlert(store, req.params.id, req.body.status, req.body.reason, actorOf(req)));
    },
  );
}
