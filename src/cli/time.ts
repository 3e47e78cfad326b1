import { parseInstant } from '../maritime/service.ts';
import { CliError } from './io.ts';

/**
 * A time option (`--from`, `--to`, `--clock`): ISO 8601 time or date, a date meaning the start of its UTC day
 * or, with edge 'end', its end. Undefined when not given; a one-line error naming the option when not a time.
 */
export function timeOption(
  text: string | undefined,
  name: string,
  edge: 'start' | 'end',
): number | undefined {
  if (text === undefined) return undefined;
  const t = parseInstant(text, edge);
  if (t === null) throw new CliError(`--${name}: not an ISO 8601 date or time: ${text}`);
  return t;
}
