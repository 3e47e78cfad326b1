import { regimeForCode } from '../regimes/index.ts';
import {
  type EntitySummary,
  entityPresence,
  findReferencing,
  getCurrentRecord,
  getLastKnownRecord,
  getRecords,
  type ListVersionRow,
  listVersions,
  type StoredRecord,
  searchCurrent,
  versionDelta,
} from '../store/lists.ts';
import type { Store } from '../store/store.ts';
import { DATASETS, historyDataset, listFilter } from './datasets.ts';
import { diffRecordData, type FieldChange } from './diff.ts';
import { type HistoryEvent, historyEvents } from './history.ts';
import { type RecordData, searchTokens } from './record.ts';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export interface DatasetSummary {
  /** The list: `un`, `ofac-sdn`, `ofac-cons`, `eu`, `uk`. */
  dataset: string;
  source: string;
  versions: ListVersionRow[];
  latest: ListVersionRow;
}

/** Every list with its versions (oldest first) and the newest one. */
export async function summariseLists(store: Store): Promise<DatasetSummary[]> {
  const all = await listVersions(store);
  const byDataset = new Map<string, ListVersionRow[]>();
  for (const v of all) {
    const list = byDataset.get(v.dataset) ?? [];
    list.push(v);
    byDataset.set(v.dataset, list);
  }
  return [...byDataset].map(([dataset, versions]) => ({
    dataset,
    source: versions[0].source,
    versions,
    latest: versions[versions.length - 1],
  }));
}

/** A list name as users type it (`un`, `ofac` = `ofac-sdn`, `ofac-cons`, ...), or a NotFoundError. */
export function datasetName(name: string): string {
  const d = historyDataset(name);
  if (!d)
    throw new NotFoundError(
      `unknown list ${JSON.stringify(name)}; use one of ${DATASETS.join(', ')} (ofac = ofac-sdn)`,
    );
  return d;
}

/**
 * Finds a version of a list by id, by publication date (`2026-05-08`), by sha256 prefix, or by
 * position (`latest`, `previous`).
 */
export async function resolveVersion(store: Store, list: string, ref: string): Promise<ListVersionRow> {
  const dataset = datasetName(list);
  const versions = await listVersions(store, dataset);
  if (versions.length === 0) throw new NotFoundError(`no versions of the ${dataset} list have been imported`);
  const pick =
    ref === 'latest'
      ? versions.at(-1)
      : ref === 'previous'
        ? versions.at(-2)
        : (versions.find((v) => v.id === ref) ??
          versions.findLast((v) => v.publishedDate === ref) ??
          versions.findLast((v) => v.publishedAt.startsWith(ref)) ??
          (ref.length >= 6 ? versions.find((v) => v.sha256.startsWith(ref)) : undefined));
  if (!pick) {
    throw new NotFoundError(
      `no ${dataset} version matches ${JSON.stringify(ref)}; known: ${versions.map((v) => v.publishedDate).join(', ')}`,
    );
  }
  return pick;
}

export interface DiffEntry {
  id: string;
  sourceRef: string;
  schema: string;
  caption: string;
}
export interface ListDiff {
  dataset: string;
  from: ListVersionRow;
  to: ListVersionRow;
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: Array<DiffEntry & { changes: FieldChange[] }>;
}

const entry = (r: StoredRecord): DiffEntry => ({
  id: r.entityId,
  sourceRef: r.sourceRef,
  schema: r.schema,
  caption: r.caption,
});

/** Added, removed and changed listings between two versions of a list, changes field by field. */
export async function diffVersions(
  store: Store,
  list: string,
  fromRef?: string,
  toRef?: string,
): Promise<ListDiff> {
  const dataset = datasetName(list);
  const to = await resolveVersion(store, dataset, toRef ?? 'latest');
  const from = await resolveVersion(store, dataset, fromRef ?? 'previous');
  const delta = await versionDelta(store, from.id, to.id);
  const keys = delta.flatMap((d) => [
    ...(d.oldHash ? [{ entityId: d.entityId, hash: d.oldHash }] : []),
    ...(d.newHash ? [{ entityId: d.entityId, hash: d.newHash }] : []),
  ]);
  const records = new Map((await getRecords(store, keys)).map((r) => [`${r.entityId}/${r.hash}`, r]));
  const get = (id: string, hash: string) => records.get(`${id}/${hash}`)!;
  const out: ListDiff = { dataset, from, to, added: [], removed: [], changed: [] };
  for (const d of delta) {
    if (!d.oldHash) out.added.push(entry(get(d.entityId, d.newHash!)));
    else if (!d.newHash) out.removed.push(entry(get(d.entityId, d.oldHash)));
    else {
      const a = get(d.entityId, d.oldHash);
      const b = get(d.entityId, d.newHash);
      out.changed.push({ ...entry(b), changes: diffRecordData(a.data as RecordData, b.data as RecordData) });
    }
  }
  const byRef = (x: DiffEntry, y: DiffEntry) =>
    x.sourceRef.localeCompare(y.sourceRef, 'en', { numeric: true });
  out.added.sort(byRef);
  out.removed.sort(byRef);
  out.changed.sort(byRef);
  return out;
}

export interface EntityDetail {
  id: string;
  source: string;
  schema: string;
  caption: string;
  sourceRef: string;
  status: 'listed' | 'delisted';
  entity: RecordData['entity'];
  adjuncts: RecordData['adjuncts'];
  regimes: Array<{ code: string; name: string; authority: string }>;
  /** Where every value shown comes from: the list, the versions that state it, the source record. */
  provenance: {
    source: string;
    /** The list (dataset) whose versions carry this listing. */
    list: string;
    sourceRef: string;
    versionId: string;
    publishedDate: string;
    fileName: string;
    firstSeen: { versionId: string; publishedDate: string };
    lastSeen: { versionId: string; publishedDate: string };
  };
  history: Array<HistoryEvent & { changes?: FieldChange[] }>;
  related: Array<{ id: string; caption: string; schema: string; source: string; relation: string }>;
}

/** Everything known about one listing: current content, provenance, history with changes, related listings. */
export async function entityDetail(store: Store, id: string): Promise<EntityDetail> {
  const current = await getCurrentRecord(store, id);
  const record = current ?? (await getLastKnownRecord(store, id));
  if (!record) throw new NotFoundError(`no entity ${id}`);
  const presence = await entityPresence(store, id);
  const present = presence.filter((p) => p.hash !== null);
  const events = historyEvents(
    presence.map((p) => ({
      versionId: p.version.id,
      publishedAt: p.version.publishedAt,
      publishedDate: p.version.publishedDate,
      hash: p.hash,
    })),
  );
  // Attach field changes to amendments: compare with the previous content of the listing.
  const hashes = [...new Set(present.map((p) => p.hash!))].map((hash) => ({ entityId: id, hash }));
  const contents = new Map((await getRecords(store, hashes)).map((r) => [r.hash, r.data as RecordData]));
  let prevHash: string | null = null;
  const history = events.map((e) => {
    const out: HistoryEvent & { changes?: FieldChange[] } = { ...e };
    if (e.kind === 'amended' && prevHash)
      out.changes = diffRecordData(contents.get(prevHash)!, contents.get(e.hash!)!);
    if (e.hash) prevHash = e.hash;
    return out;
  });
  const data = record.data as RecordData;
  const sourceVersion = present.findLast((p) => p.hash === record.hash)!.version;
  const referencing = await findReferencing(store, id);
  const related: EntityDetail['related'] = [];
  for (const a of data.adjuncts) {
    for (const [prop, values] of Object.entries(a.properties)) {
      for (const v of values) {
        if (v === id || v.startsWith(`${id}-`) || !/^[a-z]+-[a-z0-9-]+$/.test(v)) continue;
        if (
          ![
            'owner',
            'asset',
            'subject',
            'object',
            'person',
            'relative',
            'associate',
            'organization',
            'director',
          ].includes(prop)
        )
          continue;
        const other = (await getCurrentRecord(store, v)) ?? (await getLastKnownRecord(store, v));
        if (other)
          related.push({
            id: v,
            caption: other.caption,
            schema: other.schema,
            source: other.source,
            relation: `${a.schema}.${prop}`,
          });
      }
    }
  }
  for (const r of referencing)
    related.push({
      id: r.id,
      caption: r.caption,
      schema: r.schema,
      source: r.source,
      relation: 'refers to this',
    });
  return {
    id,
    source: record.source,
    schema: record.schema,
    caption: record.caption,
    sourceRef: record.sourceRef,
    status: current ? 'listed' : 'delisted',
    entity: data.entity,
    adjuncts: data.adjuncts,
    regimes: record.regimes.map((code) => {
      const r = regimeForCode(code);
      return { code, name: r.name, authority: r.authority };
    }),
    provenance: {
      source: record.source,
      list: sourceVersion.dataset,
      sourceRef: record.sourceRef,
      versionId: sourceVersion.id,
      publishedDate: sourceVersion.publishedDate,
      fileName: sourceVersion.fileName,
      firstSeen: { versionId: present[0].version.id, publishedDate: present[0].version.publishedDate },
      lastSeen: {
        versionId: present.at(-1)!.version.id,
        publishedDate: present.at(-1)!.version.publishedDate,
      },
    },
    history,
    related,
  };
}

export interface EntitySearch {
  /** Words that must each start a word of a name, alias or identifier. */
  q?: string;
  schema?: string;
  /** `un`, `ofac` (both OFAC lists), `ofac-sdn`, `ofac-cons`, `eu`, `uk`. */
  list?: string;
  regime?: string;
  limit?: number;
  offset?: number;
}

/** Pages through the current designated entities. */
export async function searchEntities(
  store: Store,
  query: EntitySearch,
): Promise<{ total: number; items: EntitySummary[] }> {
  return searchCurrent(store, {
    terms: query.q ? searchTokens(query.q) : undefined,
    schema: query.schema,
    ...listFilter(query.list),
    regime: query.regime,
    limit: query.limit,
    offset: query.offset,
  });
}

/** The versions of one list (`ofac` = the SDN list), oldest first. */
export function versionsOf(store: Store, list: string): Promise<ListVersionRow[]> {
  return listVersions(store, datasetName(list));
}
