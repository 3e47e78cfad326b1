import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where the shared public data lives: `WATCHKEEPER_SHARED_DATA`, else `../shared/data` beside the checkout.
 * Tests and benchmarks read real data from here and skip, saying why, when it is absent.
 */
export function sharedDataDir(): string {
  return process.env.WATCHKEEPER_SHARED_DATA ?? resolve(REPO_ROOT, '..', 'shared', 'data');
}

/** Path of a shared data file, or undefined when it is not there (callers skip with a reason). */
export function sharedFile(...parts: string[]): string | undefined {
  const p = join(sharedDataDir(), ...parts);
  return existsSync(p) ? p : undefined;
}

/** The reason string for `test(..., { skip })` when a shared file is missing. */
export function missingShared(...parts: string[]): string | false {
  return sharedFile(...parts)
    ? false
    : `shared data ${join(sharedDataDir(), ...parts)} not found (set WATCHKEEPER_SHARED_DATA)`;
}
