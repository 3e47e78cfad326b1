import assert from 'node:assert/strict';
import { entityProblems, loadFtmModel } from '../ftm/model.ts';
import type { ByteSource, ListImporter, ListMeta, ListRecord, ParseContext } from './types.ts';

/**
 * Helpers shared by the importer tests. Inputs are cut into small chunks so rows, tags, quotes and multi-byte
 * characters straddle chunk boundaries, as they do when a real file streams in.
 */
export const chunkedBytes = (text: string, chunk = 37): ByteSource =>
  (async function* () {
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += chunk) yield buf.subarray(i, i + chunk);
  })();

/** Runs an importer to the end, checking that `meta` comes before the first record. */
export async function collectParse(
  importer: ListImporter,
  input: ByteSource,
  ctx: ParseContext,
): Promise<{ meta?: ListMeta; metas: ListMeta[]; records: ListRecord[] }> {
  const metas: ListMeta[] = [];
  const records: ListRecord[] = [];
  for await (const ev of importer.parse(input, ctx)) {
    if (ev.kind === 'meta') {
      assert.equal(records.length, 0, 'meta comes before the first record');
      metas.push(ev.meta);
    } else records.push(ev.record);
  }
  return { meta: metas.at(-1), metas, records };
}

/** Every entity of these records uses real FtM schemata and property names (needs the shared FtM model). */
export function assertValidFtm(records: ListRecord[]): void {
  const model = loadFtmModel();
  const problems = records.flatMap((r) => [r.entity, ...r.adjuncts].flatMap((e) => entityProblems(model, e)));
  assert.deepEqual(problems.slice(0, 10), []);
}
