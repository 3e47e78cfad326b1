#!/usr/bin/env node
import { Command, Option } from 'commander';
import { registerAdminCommands } from './admin.ts';
import { CliError } from './io.ts';
import { registerListCommands } from './lists.ts';
import { registerServeCommand } from './serve.ts';

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
    .showHelpAfterError('(run with --help for usage)');
  registerServeCommand(program);
  registerListCommands(program);
  registerAdminCommands(program);
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
    const known =
      e instanceof CliError || ['InputFormatError', 'NotFoundError', 'AuthError'].includes(e.name);
    process.stderr.write(`watchkeeper: ${known ? e.message : (e.stack ?? e.message)}\n`);
    process.exit(e instanceof CliError ? e.exitCode : 1);
  }
}

if (import.meta.main) await main();
