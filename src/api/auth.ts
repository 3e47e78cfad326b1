import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../auth/policy.ts';
import { authenticate } from '../auth/service.ts';
import type { Store } from '../store/store.ts';
import type { UserRow } from '../store/users.ts';

/** What a route needs: a permission, or `public` (health, login, API docs). */
export type Access = Permission | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user?: UserRow;
  }
}

export const SESSION_COOKIE = 'wk_session';

/**
 * The single access check for every route. A route states its access in `config.access`; a route that
 * states none needs `admin`, so forgetting to declare access fails closed. Credentials: `Authorization:
 * Bearer <API token>` or the session cookie set at login.
 */
export function installAccessControl(app: FastifyInstance, store: Store): void {
  app.decorateRequest('user', undefined);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access: Access = req.routeOptions.config?.access ?? 'admin';
    if (access === 'public' || req.routeOptions.url === undefined) return;
    const header = req.headers.authorization;
    const secret = header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies?.[SESSION_COOKIE];
    const user = secret ? await authenticate(store, secret) : undefined;
    if (!user) {
      // Say which: no credentials, or credentials that no longer work (a revoked token, an ended session).
      const message = !secret
        ? 'sign in or send an API token (Authorization: Bearer ...)'
        : header?.startsWith('Bearer ')
          ? 'the API token is not valid (unknown or revoked)'
          : 'the session has ended; sign in again';
      return reply.code(401).send({ error: 'unauthorized', message });
    }
    if (!can(user.role, access)) {
      return reply
        .code(403)
        .send({ error: 'forbidden', message: `the ${user.role} role may not do this (needs ${access})` });
    }
    req.user = user;
  });
}

/** The signed-in user's name for audit entries (routes that reach here are authenticated). */
export const actorOf = (req: FastifyRequest): string => req.user?.name ?? 'anonymous';
