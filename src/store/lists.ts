import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Engine } from './engine.ts';
import type { Database } from './schema.ts';

export interface ListVersionRow {
  id: string;
  source: string;
  /** The list whose versions form one history (`un`, `ofac-sdn`, `ofac-cons`, `eu`, `uk`). */
  dataset: string;
  format: string;
  publishedAt: string;
  /** The publication date as the file states it (YYYY-MM-DD), for display and for naming versions. */
  publishedDate: string;
  sha256: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  recordCount: number;
  counts: VersionCounts;
}

export interface VersionCounts {
  bySchema: Record<string, number>;
  byRegime: Record<string, number>;
  adjuncts: number;
}

/** A stored listing content, as written by the importer. */
export interface StoredRecord {
  entityId: string;
  hash: string;
  source: string;
  schema: string;
  caption: string;
  sourceRef: string;
  regimes: string[];
  listedOn: string | null;
  data: unknown;
}

export interface RecordInsert {
  entityId: string;
  hash: string;
  source: string;
  schema: string;
  caption: string;
  sourceRef: string;
  regimes: string[];
  searchText: string;
  listedOn: string | null;
  data: unknown;
}

const toVersion = (store: Engine, r: Database['list_versions']): ListVersionRow => ({
  id: r.id,
  source: r.source,
  dataset: r.dataset,
  format: r.format,
  publishedAt: store.readTime(r.published_at),
  publishedDate: r.published_date,
  sha256: r.sha256,
  fileName: r.file_name,
  importedAt: store.readTime(r.imported_at),
  importedBy: r.imported_by,
  recordCount: Number(r.record_count),
  counts: store.readJson<VersionCounts>(r.counts),
});

type RecordCols = Pick<
  Database['list_records'],
  'entity_id' | 'hash' | 'source' | 'schema' | 'caption' | 'source_ref' | 'regimes' | 'listed_on' | 'data'
>;
const toRecord = (store: Engine, r: RecordCols): StoredRecord => ({
  entityId: r.entity_id,
  hash: r.hash,
  source: r.source,
  schema: r.schema,
  caption: r.caption,
  sourceRef: r.source_ref,
  regimes: r.regimes ? r.regimes.split(' ') : [],
  listedOn: r.listed_on,
  data: store.readJson(r.data),
});
const recordCols = [
  'entity_id',
  'hash',
  'source',
  'schema',
  'caption',
  'source_ref',
  'regimes',
  'listed_on',
  'data',
] as const;

export async function findVersionBySha(store: Engine, sha256: string): Promise<ListVersionRow | undefined> {
  const r = await store.db
    .selectFrom('list_versions')
    .selectAll()
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return r && toVersion(store, r);
}

export async function getVersion(store: Engine, id: string): Promise<ListVersionRow | undefined> {
  const r = await store.db.selectFrom('list_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toVersion(store, r);
}

/** Versions (of one dataset), oldest publication first (ties broken by import time). */
export async function listVersions(store: Engine, dataset?: string): Promise<ListVersionRow[]> {
  let q = store.db
    .selectFrom('list_versions')
    .selectAll()
    .orderBy('dataset')
    .orderBy('published_at')
    .orderBy('imported_at');
  if (dataset) q = q.where('dataset', '=', dataset);
  return (await q.execute()).map((r) => toVersion(store, r));
}

export async function insertVersion(db: Kysely<Database>, v: ListVersionRow): Promise<void> {
  await db
    .insertInto('list_versions')
    .values({
      id: v.id,
      source: v.source,
      dataset: v.dataset,
      format: v.format,
      published_at: v.publishedAt,
      published_date: v.publishedDate,
      sha256: v.sha256,
      file_name: v.fileName,
      imported_at: v.importedAt,
      imported_by: v.importedBy,
      record_count: v.recordCount,
      counts: JSON.stringify(v.counts),
    })
    .execute();
}

/** Stores listing contents (each distinct content once) and the version's snapshot rows. */
export async function insertVersionRecords(
  db: Kysely<Database>,
  versionId: string,
  rows: RecordInsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('list_records')
    .values(
      rows.map((r) => ({
        entity_id: r.entityId,
        hash: r.hash,
        source: r.source,
        schema: r.schema,
        caption: r.caption,
        source_ref: r.sourceRef,
        regimes: r.regimes.join(' '),
        search_text: r.searchText,
        listed_on: r.listedOn,
        data: JSON.stringify(r.data),
      })),
    )
    .onConflict((oc) => oc.columns(['entity_id', 'hash']).doNothing())
    .execute();
  await db
    .insertInto('version_records')
    .values(rows.map((r) => ({ version_id: versionId, entity_id: r.entityId, hash: r.hash })))
    .execute();
}

/** Which of these listings a version already holds (to refuse a listing that appears twice in one file). */
export async function recordsInVersion(
  db: Kysely<Database>,
  versionId: string,
  entityIds: string[],
): Promise<string[]> {
  if (entityIds.length === 0) return [];
  const rows = await db
    .selectFrom('version_records')
    .select('entity_id')
    .where('version_id', '=', versionId)
    .where('entity_id', 'in', entityIds)
    .execute();
  return rows.map((r) => r.entity_id);
}

/** Records the final counts of a version once all its listings are in. */
export async function finishVersion(
  db: Kysely<Database>,
  id: string,
  recordCount: number,
  counts: VersionCounts,
): Promise<void> {
  await db
    .updateTable('list_versions')
    .set({ record_count: recordCount, counts: JSON.stringify(counts) })
    .where('id', '=', id)
    .execute();
}

/** The newest version of a dataset by publication date, or undefined when none was imported. */
export async function latestVersion(db: Kysely<Database>, dataset: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('list_versions')
    .select('id')
    .where('dataset', '=', dataset)
    .orderBy('published_at', 'desc')
    .orderBy('imported_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/** Rebuilds the browsing table of one dataset from its newest version. */
export async function refreshCurrent(db: Kysely<Database>, dataset: string): Promise<void> {
  await db.deleteFrom('current_entities').where('dataset', '=', dataset).execute();
  const latest = await latestVersion(db, dataset);
  if (!latest) return;
  await db
    .insertInto('current_entities')
    .columns([
      'dataset',
      'entity_id',
      'source',
      'schema',
      'caption',
      'source_ref',
      'hash',
      'version_id',
      'regimes',
      'search_text',
      'listed_on',
    ])
    .expression((eb) =>
      eb
        .selectFrom('version_records as vr')
        .innerJoin('list_records as r', (j) =>
          j.onRef('r.entity_id', '=', 'vr.entity_id').onRef('r.hash', '=', 'vr.hash'),
        )
        .select([
          sql<string>`cast(${dataset} as text)`.as('dataset'),
          'r.entity_id',
          'r.source',
          'r.schema',
          'r.caption',
          'r.source_ref',
          'r.hash',
          'vr.version_id',
          'r.regimes',
          'r.search_text',
          'r.listed_on',
        ])
        .where('vr.version_id', '=', latest),
    )
    .execute();
}

export interface EntityQuery {
  /** Normalised search tokens (see lists/record.ts searchTokens); each must start a word of a name or id. */
  terms?: string[];
  schema?: string;
  source?: string;
  dataset?: string;
  regime?: string;
  limit?: number;
  offset?: number;
}

export interface EntitySummary {
  id: string;
  source: string;
  schema: string;
  caption: string;
  sourceRef: string;
  regimes: string[];
  listedOn: string | null;
  versionId: string;
}

/** Pages through the current entities, filtered; `q` matches names and identifiers as a substring. */
export async function searchCurrent(
  store: Engine,
  query: EntityQuery,
): Promise<{ total: number; items: EntitySummary[] }> {
  let q = store.db.selectFrom('current_entities');
  if (query.schema) q = q.where('schema', '=', query.schema);
  if (query.source) q = q.where('source', '=', query.source);
  if (query.dataset) q = q.where('dataset', '=', query.dataset);
  if (query.regime) q = q.where(likeEscaped(sql`' ' || regimes || ' '`, `% ${escapeLike(query.regime)} %`));
  for (const term of query.terms ?? []) {
    q = q.where(likeEscaped(sql.ref('search_text'), `% ${escapeLike(term)}%`));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['entity_id', 'source', 'schema', 'caption', 'source_ref', 'regimes', 'listed_on', 'version_id'])
    .orderBy('caption')
    .orderBy('entity_id')
    .limit(query.limit ?? 50)
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.entity_id,
      source: r.source,
      schema: r.schema,
      caption: r.caption,
      sourceRef: r.source_ref,
      regimes: r.regimes ? r.regimes.split(' ') : [],
      listedOn: r.listed_on,
      versionId: r.version_id,
    })),
  };
}

// `like` patterns: an explicit escape character keeps user input literal on both engines (SQLite has no default).
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
function likeEscaped(expr: Expression<unknown>, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expr} like ${pattern} escape '\\'`;
}

export async function getCurrentRecord(store: Engine, entityId: string): Promise<StoredRecord | undefined> {
  const r = await store.db
    .selectFrom('current_entities as c')
    .innerJoin('list_records as r', (j) =>
      j.onRef('r.entity_id', '=', 'c.entity_id').onRef('r.hash', '=', 'c.hash'),
    )
    .select(recordCols.map((c) => `r.${c}` as const))
    .where('c.entity_id', '=', entityId)
    .executeTakeFirst();
  return r && toRecord(store, r);
}

/** The listing as it was in its newest version that held it (for delisted entities). */
export async function getLastKnownRecord(store: Engine, entityId: string): Promise<StoredRecord | undefined> {
  const r = await store.db
    .selectFrom('version_records as vr')
    .innerJoin('list_versions as v', 'v.id', 'vr.version_id')
    .innerJoin('list_records as r', (j) =>
      j.onRef('r.entity_id', '=', 'vr.entity_id').onRef('r.hash', '=', 'vr.hash'),
    )
    .select(recordCols.map((c) => `r.${c}` as const))
    .where('vr.entity_id', '=', entityId)
    .orderBy('v.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toRecord(store, r);
}

export async function getRecords(
  store: Engine,
  keys: Array<{ entityId: string; hash: string }>,
): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (let i = 0; i < keys.length; i += 200) {
    const batch = keys.slice(i, i + 200);
    const rows = await store.db
      .selectFrom('list_records')
      .select([...recordCols])
      .where((eb) =>
        eb.or(batch.map((k) => eb.and([eb('entity_id', '=', k.entityId), eb('hash', '=', k.hash)]))),
      )
      .execute();
    for (const r of rows) out.push(toRecord(store, r));
  }
  return out;
}

/** For each version of the entity's dataset (oldest first), the content hash it held, or null when absent. */
export async function entityPresence(
  store: Engine,
  entityId: string,
): Promise<Array<{ version: ListVersionRow; hash: string | null }>> {
  // An id found in several datasets (rare: OFAC's SDN and non-SDN lists share one id space) follows the
  // dataset that listed it most recently.
  const newest = await store.db
    .selectFrom('version_records as vr')
    .innerJoin('list_versions as v', 'v.id', 'vr.version_id')
    .select('v.dataset')
    .where('vr.entity_id', '=', entityId)
    .orderBy('v.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest) return [];
  const versions = await listVersions(store, newest.dataset);
  const rows = await store.db
    .selectFrom('version_records')
    .select(['version_id', 'hash'])
    .where('entity_id', '=', entityId)
    .execute();
  const byVersion = new Map(rows.map((r) => [r.version_id, r.hash]));
  return versions.map((version) => ({ version, hash: byVersion.get(version.id) ?? null }));
}

export interface VersionDelta {
  entityId: string;
  oldHash: string | null;
  newHash: string | null;
}

/** Listings that differ between two versions: added (oldHash null), removed (newHash null), changed. */
export async function versionDelta(store: Engine, fromId: string, toId: string): Promise<VersionDelta[]> {
  const changedOrAdded = await store.db
    .selectFrom('version_records as b')
    .leftJoin('version_records as a', (j) =>
      j.onRef('a.entity_id', '=', 'b.entity_id').on('a.version_id', '=', fromId),
    )
    .select(['b.entity_id', 'a.hash as old_hash', 'b.hash as new_hash'])
    .where('b.version_id', '=', toId)
    .where((eb) => eb.or([eb('a.hash', 'is', null), eb('a.hash', '<>', eb.ref('b.hash'))]))
    .execute();
  const removed = await store.db
    .selectFrom('version_records as a')
    .leftJoin('version_records as b', (j) =>
      j.onRef('b.entity_id', '=', 'a.entity_id').on('b.version_id', '=', toId),
    )
    .select(['a.entity_id', 'a.hash as old_hash'])
    .where('a.version_id', '=', fromId)
    .where('b.entity_id', 'is', null)
    .execute();
  return [
    ...changedOrAdded.map((r) => ({
      entityId: r.entity_id,
      oldHash: r.old_hash ?? null,
      newHash: r.new_hash,
    })),
    ...removed.map((r) => ({ entityId: r.entity_id, oldHash: r.old_hash, newHash: null })),
  ].sort((x, y) => (x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0));
}

/**
 * Streams the current records (optionally of one source) in pages keyed by entity id, so an export of any
 * size holds one page in memory.
 */
export async function* iterateCurrentRecords(
  store: Engine,
  filter: { source?: string; dataset?: string } = {},
  pageSize = 500,
): AsyncGenerator<StoredRecord> {
  let after = '';
  for (;;) {
    let q = store.db
      .selectFrom('current_entities as c')
      .innerJoin('list_records as r', (j) =>
        j.onRef('r.entity_id', '=', 'c.entity_id').onRef('r.hash', '=', 'c.hash'),
      )
      .select(recordCols.map((c) => `r.${c}` as const))
      .where('c.entity_id', '>', after)
      .orderBy('c.entity_id')
      .limit(pageSize);
    if (filter.source) q = q.where('c.source', '=', filter.source);
    if (filter.dataset) q = q.where('c.dataset', '=', filter.dataset);
    const rows = await q.execute();
    for (const r of rows) yield toRecord(store, r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].entity_id;
  }
}

/** Entities whose current listing refers to the given id (e.g. a vessel's Ownership pointing at a company). */
export async function findReferencing(store: Engine, entityId: string, limit = 50): Promise<EntitySummary[]> {
  const rows = await store.db
    .selectFrom('current_entities as c')
    .innerJoin('list_records as r', (j) =>
      j.onRef('r.entity_id', '=', 'c.entity_id').onRef('r.hash', '=', 'c.hash'),
    )
    .select([
      'c.entity_id',
      'c.source',
      'c.schema',
      'c.caption',
      'c.source_ref',
      'c.regimes',
      'c.listed_on',
      'c.version_id',
    ])
    .where(likeEscaped(sql.ref('r.search_text'), `%ref:${escapeLike(entityId)} %`))
    .where('c.entity_id', '<>', entityId)
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.entity_id,
    source: r.source,
    schema: r.schema,
    caption: r.caption,
    sourceRef: r.source_ref,
    regimes: r.regimes ? r.regimes.split(' ') : [],
    listedOn: r.listed_on,
    versionId: r.version_id,
  }));
}

export interface DownloadState {
  url: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

export async function getDownloadState(store: Engine, id: string): Promise<DownloadState | undefined> {
  const r = await store.db.selectFrom('list_downloads').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      url: r.url,
      etag: r.etag ?? undefined,
      lastModified: r.last_modified ?? undefined,
      sha256: r.sha256 ?? undefined,
    }
  );
}

export async function saveDownloadState(store: Engine, id: string, s: DownloadState): Promise<void> {
  const values = {
    url: s.url,
    etag: s.etag ?? null,
    last_modified: s.lastModified ?? null,
    sha256: s.sha256 ?? null,
    checked_at: new Date().toISOString(),
  };
  await store.db
    .insertInto('list_downloads')
    .values({ id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** A token that changes whenever any list version is imported (the screening index rebuilds on change). */
export async function listsStamp(store: Engine): Promise<string> {
  const r = await store.db
    .selectFrom('list_versions')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('imported_at').as('last')])
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}/${r.last ?? ''}`;
}
