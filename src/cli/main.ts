#!/usr/bin/env node
import { Command, Option } from 'commander';
import { registerAdminCommands } from './admin.ts';
import { registerAisCommands } from './ais.ts';
import { registerDetectCommands } from './detect.ts';
import { CliError } from './io.ts';
import { registerListCommands } from './lists.ts';
import { registerScreenCommand } from './screen.ts';
import { registerServeCommand } from './serve.ts';
import { registerSimulateCommand } from './simulate.ts';
import { registerVesselCommands } from './vessels.ts';
import { registerWatchCommands } from './watch.ts';

/**
 * The `watchkeeper` command. Each subcommand is a thin shell over the services the HTTP API uses too.
 * Failures print one clear line on stderr and exit non-zero; `--json` gives machine-readable output.
 */
export function buildProgram(): Command {
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
  registerServeCommand(program);
  registerListCommands(program);
  registerScreenCommand(program);
  registerWatchCommands(program);
  registerAdminCommands(program);
  registerAisCommands(program);
  registerVesselCommands(program);
  registerSimulateCommand(program);
  registerDetectCommands(program);
  return program;
}

async function main(): Promise<void> {
  // `watchkeeper … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(process.argv);
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
