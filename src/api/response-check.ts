/**
 * How answers are serialised. A route's response schemas document it in OpenAPI; whether the answer really
 * has that shape is checked here, at run time, when checking is on: under tests (`node --test`) and with
 * WATCHKEEPER_CHECK_RESPONSES=1. A checked answer must parse with its schema and lose nothing in parsing,
 * so a field the schema does not document fails as surely as a missing one; the failure names the route and
 * the field. Unchecked (production), an answer is written with JSON.stringify: documenting a route costs no
 * time on its hot path (`/api/positions` can answer 100,000 positions).
 */
import type { Readable } from 'node:stream';
import { type ZodType, z } from 'zod';

/** Every error answer: a code for programs and a message for people. */
export const errorBody = z
  .object({ error: z.string(), message: z.string() })
  .describe('An error, with a message for people');

/**
 * The OpenAPI description of an answer that is a file or a stream (CSV, NDJSON, KML…) rather than one JSON
 * document: its media types, each a string.
 */
export function fileAnswer(description: string, mediaTypes: string[]) {
  // Documented as text; the handler sends a stream (never serialised), which the type says it may.
  const body = z.string() as unknown as ZodType<string | Readable>;
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: body }])),
  };
}

/** Whether answers are checked when the server is built without saying. */
export function checkResponsesByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.WATCHKEEPER_CHECK_RESPONSES === '1') return true;
  if (env.WATCHKEEPER_CHECK_RESPONSES === '0') return false;
  // node --test sets NODE_TEST_CONTEXT in the processes it runs, and children inherit it (the browser tests'
  // `watchkeeper serve`).
  return env.NODE_TEST_CONTEXT !== undefined;
}

export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
}

/** The first place where `got` and `kept` differ (`kept` is what the schema let through), or null. */
export function firstDifference(got: unknown, kept: unknown, path = ''): string | null {
  if (got === kept) return null;
  if (typeof got !== 'object' || typeof kept !== 'object' || got === null || kept === null)
    return `${path || '(answer)'}: ${JSON.stringify(got)?.slice(0, 80)} became ${JSON.stringify(kept)?.slice(0, 80)}`;
  if (Array.isArray(got) !== Array.isArray(kept)) return `${path || '(answer)'}: array and object`;
  if (Array.isArray(got)) {
    const k = kept as unknown[];
    if (got.length !== k.length) return `${path}: ${got.length} items became ${k.length}`;
    for (let i = 0; i < got.length; i++) {
      const d = firstDifference(got[i], k[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const g = got as Record<string, unknown>;
  const k = kept as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    if (!(key in k)) return `${path}.${key}: not in the schema`;
    const d = firstDifference(g[key], k[key], `${path}.${key}`);
    if (d) return d;
  }
  return null;
}

interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpStatus?: string;
}

/** Fastify's serializer compiler: one serialiser per route and status. */
export function responseSerializerCompiler(check: boolean) {
  return ({ schema, method, url, httpStatus }: RouteSchema) => {
    const zod = schema as ZodType;
    if (!check || typeof (zod as { safeParse?: unknown }).safeParse !== 'function')
      return (data: unknown) => JSON.stringify(data);
    return (data: unknown) => {
      const json = JSON.stringify(data);
      // What a client receives: JSON, not the objects the handler built.
      const sent: unknown = json === undefined ? undefined : JSON.parse(json);
      const parsed = zod.safeParse(sent);
      const problem = parsed.success
        ? firstDifference(sent, parsed.data)
        : z.prettifyError(parsed.error).replaceAll('\n', '; ');
      if (problem) {
        const message = `${method} ${url} answered ${httpStatus ?? ''} outside its documented schema: ${problem}`;
        // Tests see it even where the route's error handler turns it into a plain 500.
        console.error(message);
        throw new ResponseShapeError(message);
      }
      return json;
    };
  };
}
