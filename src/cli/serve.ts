import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildServer } from '../api/server.ts';
import { ensureWebApp } from '../api/web-app.ts';
import { countUsers, createUser } from '../auth/service.ts';
import { defaultDownloadDir } from '../lists/update-service.ts';
import { FeedManager } from '../maritime/feed-manager.ts';
import { ScreeningService } from '../screening/service.ts';
import type { Store } from '../store/store.ts';
import { openStore } from '../store/store.ts';
import { globals } from './context.ts';
import { CliError, intArg } from './io.ts';

/**
 * First start with no users: create `admin` so the app is usable at once. The password comes from
 * WATCHKEEPER_ADMIN_PASSWORD, or is generated and shown once on the terminal (never written to a log).
 */
export async function ensureFirstAdmin(store: Store): Promise<void> {
  if ((await countUsers(store)) > 0) return;
  const given = process.env.WATCHKEEPER_ADMIN_PASSWORD;
  const password = given ?? randomBytes(12).toString('base64url');
  await createUser(store, { name: 'admin', role: 'admin', password }, 'system:first-start');
  process.stderr.write(
    given
      ? 'watchkeeper: created user "admin" with the password from WATCHKEEPER_ADMIN_PASSWORD\n'
      : `watchkeeper: first start — created user "admin" with password: ${password}\n` +
          '             (shown once; change it with `watchkeeper users passwd admin`)\n',
  );
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the web app and HTTP API (default http://127.0.0.1:8718)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', intArg(1, 65535), 8718)
    .option('--quiet', 'do not log requests')
    .action(async (opts: { host: string; port: number; quiet?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      // A fresh clone has no web/dist: build it now (a few seconds), and again whenever web/src changed.
      const webDir = await ensureWebApp((line) => process.stderr.write(`watchkeeper: ${line}\n`)).catch(
        (err: Error) => {
          throw new CliError(err.message);
        },
      );
      const store = await openStore(g.databaseUrl ? { databaseUrl: g.databaseUrl } : { dataDir: g.dataDir });
      await ensureFirstAdmin(store);
      const screening = new ScreeningService(store);
      // the live AIS feeds configured on the admin page run inside the server
      const feeds = new FeedManager(store, { logDir: join(resolve(g.dataDir), 'feeds'), screening });
      const app = await buildServer({
        store,
        logger: !opts.quiet,
        warmScreening: true,
        screening,
        feeds,
        aisFileDir: join(resolve(g.dataDir), 'ais-files'),
        listDownloadDir: defaultDownloadDir(resolve(g.dataDir)),
        webDir,
      });
      const close = async () => {
        await feeds.close();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ host: opts.host, port: opts.port });
      await feeds.sync();
      process.stderr.write(
        `watchkeeper: serving on http://${opts.host}:${opts.port} (${store.describe}); web app at /, API docs at /api/docs\n`,
      );
    });
}
