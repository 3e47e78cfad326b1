import type { FtmEntity } from '../ftm/types.ts';
import type { RecordData } from './record.ts';

/** One field that differs between two versions of a listing. */
export interface FieldChange {
  /** `birthDate` for the designated entity, `Passport:un-kpi-033-passport-x.number` for an adjunct. */
  field: string;
  added: string[];
  removed: string[];
}

/**
 * Field-level differences between two contents of the same listing: per property, the values added and
 * removed (lists are multi-valued, so order does not count as a change); adjuncts are matched by id.
 */
export function diffRecordData(before: RecordData, after: RecordData): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.entity.schema !== after.entity.schema) {
    changes.push({ field: 'schema', added: [after.entity.schema], removed: [before.entity.schema] });
  }
  diffProperties('', before.entity, after.entity, changes);
  const setChange = diffValues(before.regimes, after.regimes);
  if (setChange) changes.push({ field: 'regimes', ...setChange });
  const oldAdj = new Map(before.adjuncts.map((a) => [a.id, a]));
  const newAdj = new Map(after.adjuncts.map((a) => [a.id, a]));
  for (const [id, a] of newAdj) {
    const prefix = `${a.schema}:${id}.`;
    const old = oldAdj.get(id);
    if (old) diffProperties(prefix, old, a, changes);
    else diffProperties(prefix, { id, schema: a.schema, properties: {} }, a, changes);
  }
  for (const [id, a] of oldAdj) {
    if (!newAdj.has(id))
      diffProperties(`${a.schema}:${id}.`, a, { id, schema: a.schema, properties: {} }, changes);
  }
  return changes;
}

function diffProperties(prefix: string, a: FtmEntity, b: FtmEntity, out: FieldChange[]): void {
  const props = new Set([...Object.keys(a.properties), ...Object.keys(b.properties)]);
  for (const p of [...props].sort()) {
    const change = diffValues(a.properties[p] ?? [], b.properties[p] ?? []);
    if (change) out.push({ field: prefix + p, ...change });
  }
}

function diffValues(a: string[], b: string[]): { added: string[]; removed: string[] } | undefined {
  const sa = new Set(a);
  const sb = new Set(b);
  const added = b.filter((v) => !sa.has(v));
  const removed = a.filter((v) => !sb.has(v));
  return added.length || removed.length ? { added, removed } : undefined;
}
