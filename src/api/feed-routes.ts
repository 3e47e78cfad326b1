/**
 * Live AIS feeds run by the server: `GET /api/feeds` (configuration and status), `POST /api/feeds`,
 * `PATCH /api/feeds/{id}` (enable, disable), `DELETE /api/feeds/{id}`. Changing feeds needs admin.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../lists/service.ts';
import type { FeedManager } from '../maritime/feed-manager.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteAisFeed, insertAisFeed, listAisFeeds, setAisFeedEnabled } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { actorOf } from './auth.ts';
import { BadRequestError } from './errors.ts';
import * as answers from './maritime-schemas.ts';

const feedId = z.object({ id: z.string().max(64) });

export function registerFeedRoutes(
  root: FastifyInstance,
  store: Store,
  feeds: FeedManager | undefined,
): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const sync = async () => {
    await feeds?.sync();
  };

  app.get(
    '/api/feeds',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.feedsAnswer },
        tags: ['ais'],
        summary: 'Live AIS feeds the server runs, with their status (connected, lines, last error)',
      },
    },
    async () => ({
      managed: feeds !== undefined,
      items: feeds ? await feeds.status() : (await listAisFeeds(store)).map((f) => ({ ...f, status: null })),
    }),
  );

  app.post(
    '/api/feeds',
    {
      config: { access: 'admin' },
      schema: {
        response: { 201: answers.aisFeed },
        tags: ['ais'],
        summary:
          'Add a live AIS feed: a TCP server to connect to (AIS-catcher, rtl-ais, aggregators) or a UDP port to listen on',
        body: z.object({
          name: z
            .string()
            .min(1)
            .max(64)
            .regex(/^[A-Za-z0-9._ -]+$/, 'letters, digits, space, ".", "-" or "_"'),
          kind: z.enum(['tcp', 'udp']),
          host: z
            .string()
            .min(1)
            .max(255)
            .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address')
            .describe('TCP: the server to connect to; UDP: the local address to listen on (0.0.0.0 for all)'),
          port: z.number().int().min(1).max(65535),
          enabled: z.boolean().default(true),
        }),
      },
    },
    async (req, reply) => {
      const existing = await listAisFeeds(store);
      if (existing.some((f) => f.name === req.body.name)) {
        throw new BadRequestError(`a feed named "${req.body.name}" exists`);
      }
      if (existing.some((f) => f.kind === 'udp' && req.body.kind === 'udp' && f.port === req.body.port)) {
        throw new BadRequestError(`UDP port ${req.body.port} is taken by another feed`);
      }
      const row = {
        id: `feed-${randomUUID().slice(0, 8)}`,
        ...req.body,
        createdBy: actorOf(req),
        createdAt: new Date().toISOString(),
      };
      await insertAisFeed(store, row);
      await appendAudit(store.db, {
        actor: actorOf(req),
        action: 'feed.create',
        target: row.id,
        details: { name: row.name, kind: row.kind, host: row.host, port: row.port },
      });
      await sync();
      return reply.code(201).send(row);
    },
  );

  app.patch(
    '/api/feeds/:id',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: answers.feedEnabled },
        tags: ['ais'],
        summary: 'Enable or disable a feed',
        params: feedId,
        body: z.object({ enabled: z.boolean() }),
      },
    },
    async (req) => {
      if (!(await setAisFeedEnabled(store, req.params.id, req.body.enabled)))
        throw new NotFoundError(`no feed ${req.params.id}`);
      await appendAudit(store.db, {
        actor: actorOf(req),
        action: req.body.enabled ? 'feed.enable' : 'feed.disable',
        target: req.params.id,
      });
      await sync();
      return { id: req.params.id, enabled: req.body.enabled };
    },
  );

  app.delete(
    '/api/feeds/:id',
    {
      config: { access: 'admin' },
      schema: {
        response: { 200: answers.removed },
        tags: ['ais'],
        summary: 'Remove a feed (its raw logs and stored positions stay)',
        params: feedId,
      },
    },
    async (req) => {
      if (!(await deleteAisFeed(store, req.params.id))) throw new NotFoundError(`no feed ${req.params.id}`);
      await appendAudit(store.db, { actor: actorOf(req), action: 'feed.remove', target: req.params.id });
      await sync();
      return { removed: req.params.id };
    },
  );
}
