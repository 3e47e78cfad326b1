import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lists/record.ts';
import { appendAudit } from '../../store/audit.ts';
import type { Decision } from '../../store/schema.ts';
import { type DecisionRow, insertDecision, latestDecisions } from '../../store/screening.ts';
import type { Store } from '../../store/store.ts';
import type { ScreeningQuery } from '../types.ts';

/**
 * The identity of a query for remembering decisions: its schema and its property values, case, punctuation,
 * spacing and order aside (`Kim Jong-un` = `kim jong un`). Two screenings of "Ri Won Ho, 1964-07-17" share a fingerprint whoever runs them.
 */
export function queryFingerprint(query: ScreeningQuery): string {
  const props: Record<string, string[]> = {};
  for (const [k, values] of Object.entries(query.properties)) {
    const clean = [
      ...new Set(
        values.map((v) =>
          v
            .normalize('NFKC')
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, ' ')
            .trim(),
        ),
      ),
    ]
      .filter(Boolean)
      .sort();
    if (clean.length) props[k] = clean;
  }
  return createHash('sha256')
    .update(canonicalJson({ schema: query.schema, properties: props }))
    .digest('hex')
    .slice(0, 32);
}

export async function recordDecision(
  store: Store,
  input: { query: ScreeningQuery; entityId: string; entityHash: string; decision: Decision; note?: string },
  actor: string,
): Promise<DecisionRow> {
  const row: DecisionRow = {
    queryFingerprint: queryFingerprint(input.query),
    entityId: input.entityId,
    entityHash: input.entityHash,
    decision: input.decision,
    note: input.note ?? null,
    query: input.query,
    decidedBy: actor,
    decidedAt: new Date().toISOString(),
  };
  await store.db.transaction().execute(async (trx) => {
    await insertDecision(trx, row);
    await appendAudit(trx, {
      actor,
      action: 'screening.decision',
      target: input.entityId,
      details: {
        decision: input.decision,
        fingerprint: row.queryFingerprint,
        entityHash: input.entityHash,
        note: input.note,
      },
    });
  });
  return row;
}

/** A hit as decisions see it: which listing, in which content. */
export interface DecidableHit {
  id: string;
  hash: string;
}

export interface HitDecision {
  decision: Decision;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
  /** False when the listing changed since the decision: the decision no longer applies and the hit shows. */
  current: boolean;
}

/**
 * Attaches past decisions to hits. A false positive whose listing is unchanged is `suppressed`; once the list
 * changes the entity, the old decision is shown as stale and the hit comes back.
 */
export async function withDecisions<T extends DecidableHit>(
  store: Store,
  query: ScreeningQuery,
  hits: T[],
): Promise<Array<T & { decision?: HitDecision; suppressed: boolean }>> {
  const known = await latestDecisions(
    store,
    queryFingerprint(query),
    hits.map((h) => h.id),
  );
  return hits.map((h) => {
    const d = known.get(h.id);
    if (!d) return { ...h, suppressed: false };
    const current = d.entityHash === h.hash;
    return {
      ...h,
      decision: {
        decision: d.decision,
        note: d.note,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt,
        current,
      },
      suppressed: current && d.decision === 'false_positive',
    };
  });
}
