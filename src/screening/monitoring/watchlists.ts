import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { appendAudit } from '../../store/audit.ts';
import {
  deleteWatchlistItem,
  findWatchlist,
  insertAlertIfNew,
  insertWatchlist,
  iterateWatchlistItems,
  listWatchlistItems,
  listWatchlists,
  upsertWatchlistItems,
  type WatchlistRow,
} from '../../store/screening.ts';
import type { Store } from '../../store/store.ts';
import { rowQuery } from '../batch.ts';
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

/** A watchlist item as shown: its id, label, the query it is screened with, when it was added. */
export interface WatchlistItem {
  id: string;
  label: string | null;
  query: ScreeningQuery;
  addedAt: string;
}

/** One page of a watchlist's items (by name or id of the watchlist). */
export async function watchlistItems(
  store: Store,
  watchlist: string,
  page: { limit: number; offset: number },
): Promise<{ watchlist: WatchlistRow; total: number; items: WatchlistItem[] }> {
  const wl = await findWatchlist(store, watchlist);
  if (!wl) throw new WatchlistError(`no watchlist ${watchlist}`);
  const r = await listWatchlistItems(store, wl.id, page);
  return {
    watchlist: wl,
    total: r.total,
    items: r.items.map((i) => ({
      id: i.id,
      label: i.label,
      query: i.query as ScreeningQuery,
      addedAt: i.addedAt,
    })),
  };
}

/** Stops monitoring one item (its past alerts stay in the inbox). Audit-logged. */
export async function removeFromWatchlist(
  store: Store,
  watchlist: string,
  id: string,
  actor: string,
): Promise<void> {
  const wl = await findWatchlist(store, watchlist);
  if (!wl) throw new WatchlistError(`no watchlist ${watchlist}`);
  await store.db.transaction().execute(async (trx) => {
    if (!(await deleteWatchlistItem(trx, wl.id, id))) throw new WatchlistError(`no item ${id} on ${wl.name}`);
    await appendAudit(trx, { actor, action: 'watchlist.remove', target: wl.id, details: { item: id } });
  });
}

/**
 * Watchlist entries from a CSV with a header (columns: id, label, name, type, dob, nationality, imo, mmsi,
 * passport, as for batch screening). A row that cannot be screened is skipped and named in `problems`
 * (`row 7: no name …`), so one bad row does not cost the file. At most `maxRows` rows are read.
 */
export async function entriesFromCsv(
  input: Readable,
  defaultSchema: string,
  maxRows = 100_000,
): Promise<{ entries: WatchlistEntry[]; problems: string[] }> {
  const entries: WatchlistEntry[] = [];
  const problems: string[] = [];
  const rows = input.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let line = 1;
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    line++;
    if (entries.length + problems.length >= maxRows) throw new WatchlistError(`more than ${maxRows} rows`);
    const q = rowQuery(row, defaultSchema);
    if (typeof q === 'string') problems.push(`row ${line}: ${q}`);
    else entries.push({ id: row.id ?? row.ID, label: row.label, query: q });
  }
  return { entries, problems };
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
