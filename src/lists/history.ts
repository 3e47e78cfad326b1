/** What happened to a listing in one version of its list. */
export type HistoryEventKind = 'listed' | 'amended' | 'delisted' | 'relisted';

export interface HistoryEvent {
  kind: HistoryEventKind;
  versionId: string;
  publishedAt: string;
  publishedDate: string;
  hash: string | null;
}

/**
 * Turns a listing's presence across a list's versions (oldest first; hash null when absent) into events:
 * first appearance is `listed`, a content change `amended`, disappearance `delisted`, a return `relisted`.
 */
export function historyEvents(
  presence: Array<{ versionId: string; publishedAt: string; publishedDate: string; hash: string | null }>,
): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  let prev: string | null = null;
  let seen = false;
  for (const p of presence) {
    if (p.hash !== null && prev === null) {
      events.push({
        kind: seen ? 'relisted' : 'listed',
        versionId: p.versionId,
        publishedAt: p.publishedAt,
        publishedDate: p.publishedDate,
        hash: p.hash,
      });
      seen = true;
    } else if (p.hash !== null && prev !== null && p.hash !== prev) {
      events.push({
        kind: 'amended',
        versionId: p.versionId,
        publishedAt: p.publishedAt,
        publishedDate: p.publishedDate,
        hash: p.hash,
      });
    } else if (p.hash === null && prev !== null) {
      events.push({
        kind: 'delisted',
        versionId: p.versionId,
        publishedAt: p.publishedAt,
        publishedDate: p.publishedDate,
        hash: null,
      });
    }
    prev = p.hash;
  }
  return events;
}
