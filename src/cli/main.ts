#!/usr/bin/env node
import { Command, Option } from 'commander';
import { CliError } from './io.ts';

type Register = (program: Command) => void;

/**
 * Command groups and the modules that define them. Only the group a command line names is loaded (the
 * store, the server, screening and maritime code are large): `watchkeeper ais decode` starts in a quarter of
 * the time. Help, or a name no group knows, loads them all.
 */
const GROUPS: { commands: readonly string[]; load: () => Promise<Register[]> }[] = [
  { commands: ['serve'], load: async () => [(await import('./serve.ts')).registerServeCommand] },
  {
    commands: ['lists', 'entities', 'export', 'regimes'],
    load: async () => [(await import('./lists.ts')).registerListCommands],
  },
  { commands: ['screen'], load: async () => [(await import('./screen.ts')).registerScreenCommand] },
  {
    commands: ['watchlists', 'alerts'],
    load: async () => [(await import('./watch.ts')).registerWatchCommands],
  },
  {
    commands: ['users', 'tokens', 'audit'],
    load: async () => [(await import('./admin.ts')).registerAdminCommands],
  },
  {
    // `ais ingest` and `vessels` live in vessels.ts, which adds to the `ais` group
    commands: ['ais', 'vessels'],
    load: async () => [
      (await import('./ais.ts')).registerAisCommands,
      (await import('./vessels.ts')).registerVesselCommands,
    ],
  },
  { commands: ['simulate'], load: async () => [(await import('./simulate.ts')).registerSimulateCommand] },
  {
    commands: ['detect', 'presets', 'events', 'zones'],
    load: async () => [(await import('./detect.ts')).registerDetectCommands],
  },
];

/** Global options that take a value: their value is not the command's name. */
const VALUE_OPTIONS = new Set(['--data-dir', '--database-url']);

/** The command a command line names (the first word that is not a global option or its value). */
export function commandNameOf(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i] as string;
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/**
 * The `watchkeeper` command. Each subcommand is a thin shell over the services the HTTP API uses too.
 * Failures print one clear line on stderr and exit non-zero; `--json` gives machine-readable output.
 */
export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('watchkeeper')
    .description('Sanctions-monitoring workbench: official lists, screening, AIS and maritime detection')
    .version('0.1.0')
    .addOption(
      new Option('--data-dir <dir>', 'embedded store directory')
        .env('WATCHKEEPER_DATA_DIR')
        .default('./.watchkeeper'),
    )
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL (server mode)').env('DATABASE_URL'))
    .showHelpAfterError('(run with --help for usage)')
    // Options after a subcommand belong to it: `lists diff un --json` is diff's --json, not lists'.
    .enablePositionalOptions();
  const name = commandNameOf(argv);
  const named = GROUPS.filter((g) => name !== undefined && g.commands.includes(name));
  for (const group of named.length > 0 ? named : GROUPS) {
    for (const register of await group.load()) register(program);
  }
  return program;
}

async function main(): Promise<void> {
  // `watchkeeper … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await (await buildProgram(process.argv)).parseAsync(process.argv);
  } catch (err) {
    const e = err as Error & { exitCode?: number; code?: string };
    if (e.code?.startsWith('commander.')) process.exit(e.exitCode ?? 1);
    // Users get one line; the stack only when asked for (it helps a developer, not an analyst).
    const debug = process.env.WATCHKEEPER_DEBUG === '1';
    const detail = debug ? (e.stack ?? e.message) : describeError(e);
    process.stderr.write(`watchkeeper: ${detail}\n`);
    if (!debug && !KNOWN_ERRORS.has(e.name)) {
      process.stderr.write('             (set WATCHKEEPER_DEBUG=1 to see where it failed)\n');
    }
    process.exit(e instanceof CliError ? e.exitCode : 1);
  }
}

const KNOWN_ERRORS = new Set([
  'CliError',
  'InputFormatError',
  'NotFoundError',
  'AuthError',
  'ListDownloadError',
  'WatchlistError',
  'AlertError',
]);

/** A readable line for common system errors (ports, folders) instead of Node's raw wording. */
function describeError(e: Error & { code?: string; address?: string; port?: number; path?: string }): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${e.port} on ${e.address} is already in use (is another watchkeeper running? try --port)`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${e.path ? `: ${e.path}` : ''}${e.port ? ` (port ${e.port})` : ''}`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${e.path ?? 'a path'} is not a folder (check --data-dir)`;
    case 'ENOENT':
      return `no such file or folder${e.path ? `: ${e.path}` : ''}`;
    default:
      return e.message;
  }
}

if (import.meta.main) await main();
