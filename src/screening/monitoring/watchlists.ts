import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../store/audit.ts';
import {
  findWatchlist,
  insertAlertIfNew,
  insertWatchlist,
  iterateWatchlistItems,
  listWatchlists,
  upsertWatchlistItems,
  type WatchlistRow,
} from '../../store/screening.ts';
import type { Store } from '../../store/store.ts';
import type { ScreeningService } from '../service.ts';
import type { ScreeningQuery } from '../types.ts';
import { queryFingerprint } from './decisions.ts';

export class WatchlistError extends Error {
  override name = 'WatchlistError';
}

export async function createWatchlist(store: Store, name: string, actor: string): Promise<WatchlistRow> {
  const clean = name.trim();
  if (!clean || clean.length > 200) throw new WatchlistError('a watchlist name is 1-200 characters');
  if (await findWatchlist(store, clean)) throw new WatchlistError(`watchlist ${clean} already exists`);
  const row = { id: randomUUID(), name: clean, createdBy: actor, createdAt: new Date().toISOString() };
  await store.db.transaction().execute(async (trx) => {
    await insertWatchlist(trx, row);
    await appendAudit(trx, { actor, action: 'watchlist.create', target: row.id, details: { name: clean } });
  });
  return row;
}

export function watchlists(store: Store): Promise<WatchlistRow[]> {
  return listWatchlists(store);
}

export interface WatchlistEntry {
  /** The customer's or fleet's own id for the item; defaults to a position-based id. */
  id?: string;
  label?: string;
  query: ScreeningQuery;
}

/** Adds (or updates, by id) the names, companies or vessels a user monitors. */
export async function addToWatchlist(
  store: Store,
  watchlist: string,
  entries: WatchlistEntry[],
  actor: string,
): Promise<{ watchlist: WatchlistRow; added: number }> {
  const wl = await findWatchlist(store, watchlist);
  if (!wl) throw new WatchlistError(`no watchlist ${watchlist}`);
  const now = new Date().toISOString();
  const items = entries.map((e, i) => ({
    watchlistId: wl.id,
    id: e.id?.trim() || `item-${queryFingerprint(e.query).slice(0, 12)}-${i}`,
    label: e.label ?? e.query.properties.name?.[0] ?? null,
    query: e.query,
    queryFingerprint: queryFingerprint(e.query),
    addedAt: now,
  }));
  await store.db.transaction().execute(async (trx) => {
    await upsertWatchlistItems(trx, items);
    await appendAudit(trx, {
      actor,
      action: 'watchlist.add',
      target: wl.id,
      details: { items: items.length },
    });
  });
  return { watchlist: wl, added: items.length };
}

export interface RescreenSummary {
  items: number;
  hits: number;
  newAlerts: number;
}

/**
 * Screens every watchlist item against the current lists and raises an alert for each match that is new:
 * a hit already alerted for the same listing content stays quiet, a changed listing alerts again, and a hit
 * an analyst marked as a false positive (for this query and content) is not raised at all.
 */
export async function rescreenWatchlists(
  store: Store,
  screening: ScreeningService,
  opts: { watchlist?: string; onItem?: (n: number) => void } = {},
): Promise<RescreenSummary> {
  const wl = opts.watchlist ? await findWatchlist(store, opts.watchlist) : undefined;
  if (opts.watchlist && !wl) throw new WatchlistError(`no watchlist ${opts.watchlist}`);
  const summary: RescreenSummary = { items: 0, hits: 0, newAlerts: 0 };
  for await (const item of iterateWatchlistItems(store, wl?.id)) {
    summary.items++;
    const query = item.query as ScreeningQuery;
    const hits = (await screening.screen(query, { limit: 10 })).filter((h) => h.match && !h.suppressed);
    for (const h of hits) {
      summary.hits++;
      const now = new Date().toISOString();
      const created = await insertAlertIfNew(store.db, {
        id: randomUUID(),
        kind: 'screening',
        status: 'open',
        subject: `watchlist:${item.watchlistId}/${item.id}`,
        entityId: h.id,
        entityHash: h.hash,
        score: h.score,
        details: {
          label: item.label,
          query,
          caption: h.caption,
          datasets: h.datasets,
          reference: h.sourceRef,
          explanations: h.explanations,
        },
        reason: null,
        createdAt: now,
        updatedAt: now,
        updatedBy: null,
      });
      if (created) summary.newAlerts++;
    }
    opts.onItem?.(summary.items);
  }
  return summary;
}
