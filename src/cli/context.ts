import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { openStore, type Store } from '../store/store.ts';

export interface GlobalOptions {
  dataDir: string;
  databaseUrl?: string;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Opens the store the global options point at, runs `fn`, and always closes it. */
export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const g = globals(cmd);
  const store = await openStore(g.databaseUrl ? { databaseUrl: g.databaseUrl } : { dataDir: g.dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Who the CLI acts as in the audit log: the operating-system user, marked as such. */
export const cliActor = (): string => {
  let name = process.env.USER ?? process.env.USERNAME;
  try {
    name ??= userInfo().username;
  } catch {
    // no passwd entry (some containers): keep what the environment says
  }
  return `cli:${name ?? 'unknown'}`;
};
