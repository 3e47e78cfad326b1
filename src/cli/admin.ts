import type { Command } from 'commander';
import { ROLES } from '../auth/policy.ts';
import {
  allUsers,
  auditTrail,
  changeUser,
  createApiToken,
  createUser,
  revokeApiToken,
  tokensOf,
} from '../auth/service.ts';
import { cliActor, withStore } from './context.ts';
import { CliError, intArg, printJson, printTable, promptPassword, readStdin } from './io.ts';

/** A password from stdin (first line) or, on a terminal, a prompt asked twice. Never from argv. */
async function obtainPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) {
    const text = (await readStdin()).split(/\r?\n/)[0];
    if (!text) throw new CliError('no password on standard input');
    return text;
  }
  const a = await promptPassword('Password: ');
  const b = await promptPassword('Repeat password: ');
  if (a !== b) throw new CliError('the passwords differ');
  return a;
}

export function registerAdminCommands(program: Command): void {
  const users = program.command('users').description('users and roles (admin, analyst, viewer)');
  users
    .command('add')
    .description(
      'create a user; the password is read from stdin or prompted, never taken from the command line',
    )
    .argument('<name>', 'user name')
    .requiredOption('--role <role>', `(required) one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'machine-readable output')
    .action(
      async (name: string, opts: { role: string; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
        if (!(ROLES as readonly string[]).includes(opts.role))
          throw new CliError(`unknown role ${opts.role}; use one of ${ROLES.join(', ')}`);
        const password = await obtainPassword(opts.passwordStdin);
        await withStore(cmd, async (store) => {
          const user = await createUser(store, { name, role: opts.role, password }, cliActor());
          if (opts.json) printJson(user);
          else process.stdout.write(`created ${user.role} ${user.name}\n`);
        });
      },
    );
  users
    .command('list')
    .description('list users')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const all = await allUsers(store);
        if (opts.json) return printJson(all);
        printTable(
          ['name', 'role', 'created', 'disabled'],
          all.map((u) => [u.name, u.role, u.createdAt.slice(0, 19), u.disabled ? 'yes' : '']),
        );
      });
    });
  users
    .command('passwd')
    .description("change a user's password")
    .argument('<name>', 'user name')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, opts: { passwordStdin?: boolean }, cmd: Command) => {
      const password = await obtainPassword(opts.passwordStdin);
      await withStore(cmd, async (store) => {
        await changeUser(store, name, { password }, cliActor());
        process.stdout.write(`password of ${name} changed\n`);
      });
    });
  users
    .command('set-role')
    .description("change a user's role")
    .argument('<name>', 'user name')
    .argument('<role>', `one of ${ROLES.join(', ')}`)
    .action(async (name: string, role: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const u = await changeUser(store, name, { role }, cliActor());
        process.stdout.write(`${u.name} is now ${u.role}\n`);
      });
    });
  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(verb)
      .description(
        disabled
          ? 'disable a user (a disabled user cannot sign in and their tokens stop working)'
          : 'enable a disabled user again',
      )
      .argument('<name>', 'user name')
      .action(async (name: string, _opts: unknown, cmd: Command) => {
        await withStore(cmd, async (store) => {
          await changeUser(store, name, { disabled }, cliActor());
          process.stdout.write(`${name} ${verb}d\n`);
        });
      });
  }

  const tokens = program.command('tokens').description('API tokens for scripts');
  tokens
    .command('create')
    .description('create an API token for a user; it is printed once and only its hash is stored')
    .requiredOption('--user <name>', '(required) the user the token acts as')
    .option('--label <label>', 'what the token is for')
    .option('--json', 'machine-readable output')
    .action(async (opts: { user: string; label?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const t = await createApiToken(store, opts.user, opts.label, cliActor());
        if (opts.json) printJson(t);
        else {
          process.stdout.write(`${t.token}\n`);
          process.stderr.write(`token ${t.id} for ${t.user}: store it now, it is not shown again\n`);
        }
      });
    });
  tokens
    .command('list')
    .description('list API tokens (never the tokens themselves)')
    .option('--user <name>', 'only this user')
    .option('--json', 'machine-readable output')
    .action(async (opts: { user?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const all = await tokensOf(store, opts.user);
        if (opts.json) return printJson(all);
        printTable(
          ['id', 'user id', 'label', 'created', 'last used', 'revoked'],
          all.map((t) => [
            t.id,
            t.userId,
            t.label ?? '',
            t.createdAt.slice(0, 19),
            t.lastUsedAt?.slice(0, 19) ?? '',
            t.revokedAt?.slice(0, 19) ?? '',
          ]),
        );
      });
    });
  tokens
    .command('revoke')
    .description('revoke an API token')
    .argument('<id>', 'token id (from tokens list)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, async (store) => {
        await revokeApiToken(store, id, cliActor());
        process.stdout.write(`token ${id} revoked\n`);
      });
    });

  program
    .command('audit')
    .description('the append-only audit log: who changed what')
    .option('--limit <n>', 'entries', intArg(1, 500), 50)
    .option('--action <action>', 'only this action, e.g. list.import')
    .option('--json', 'machine-readable output')
    .action(async (opts: { limit: number; action?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const entries = await auditTrail(store, { limit: opts.limit, action: opts.action });
        if (opts.json) return printJson(entries);
        printTable(
          ['at', 'actor', 'action', 'target'],
          entries.map((e) => [e.at.slice(0, 19), e.actor, e.action, e.target ?? '']),
        );
      });
    });
}
