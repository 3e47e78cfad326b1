import { type Kysely, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import type { Engine } from './engine.ts';

/**
 * Migrations, written once for both engines; the few engine-specific column types come from `engine`.
 * Never edit a released migration: add a new one.
 */
function migrations(engine: Engine): Record<string, Migration> {
  const { jsonType: json, timeType: time, serialType: serial, blobType: blob } = engine;
  return {
    '0001-access': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','analyst','viewer')`))
          .addColumn('password_hash', 'text')
          .addColumn('created_at', time, (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', time, (c) => c.notNull())
          .addColumn('expires_at', time, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('label', 'text')
          .addColumn('created_at', time, (c) => c.notNull())
          .addColumn('last_used_at', time)
          .addColumn('revoked_at', time)
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', serial, (c) =>
            engine.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('at', time, (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('details', json)
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
        // The audit log is append-only, enforced by the database itself, not just by the code.
        if (engine.name === 'sqlite') {
          await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
          await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        } else {
          await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
            begin raise exception 'audit_log is append-only'; end $$`.execute(db);
          await sql`create trigger audit_log_no_change before update or delete on audit_log
            for each row execute function audit_log_append_only()`.execute(db);
        }
      },
    },
    '0002-lists': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('list_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('dataset', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('published_at', time, (c) => c.notNull())
          .addColumn('published_date', 'text', (c) => c.notNull())
          .addColumn('sha256', 'text', (c) => c.notNull().unique())
          .addColumn('file_name', 'text', (c) => c.notNull())
          .addColumn('imported_at', time, (c) => c.notNull())
          .addColumn('imported_by', 'text', (c) => c.notNull())
          .addColumn('record_count', 'integer', (c) => c.notNull())
          .addColumn('counts', json, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('list_versions_dataset')
          .on('list_versions')
          .columns(['dataset', 'published_at'])
          .execute();
        await db.schema
          .createTable('list_records')
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('schema', 'text', (c) => c.notNull())
          .addColumn('caption', 'text', (c) => c.notNull())
          .addColumn('source_ref', 'text', (c) => c.notNull())
          .addColumn('regimes', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('listed_on', 'text')
          .addColumn('data', json, (c) => c.notNull())
          .addPrimaryKeyConstraint('list_records_pk', ['entity_id', 'hash'])
          .execute();
        await db.schema
          .createTable('version_records')
          .addColumn('version_id', 'text', (c) =>
            c.notNull().references('list_versions.id').onDelete('cascade'),
          )
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('version_records_pk', ['version_id', 'entity_id'])
          .execute();
        await db.schema
          .createIndex('version_records_entity')
          .on('version_records')
          .column('entity_id')
          .execute();
        await db.schema
          .createTable('current_entities')
          .addColumn('dataset', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('schema', 'text', (c) => c.notNull())
          .addColumn('caption', 'text', (c) => c.notNull())
          .addColumn('source_ref', 'text', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .addColumn('version_id', 'text', (c) => c.notNull())
          .addColumn('regimes', 'text', (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('listed_on', 'text')
          .addPrimaryKeyConstraint('current_entities_pk', ['dataset', 'entity_id'])
          .execute();
        await db.schema
          .createIndex('current_entities_entity')
          .on('current_entities')
          .column('entity_id')
          .execute();
        await db.schema
          .createIndex('current_entities_source')
          .on('current_entities')
          .columns(['source', 'schema'])
          .execute();
        await db.schema
          .createIndex('current_entities_caption')
          .on('current_entities')
          .column('caption')
          .execute();
      },
    },
    '0003-list-downloads': {
      async up(db: Kysely<unknown>) {
        // What the last download of each official list URL returned, for conditional requests next time.
        await db.schema
          .createTable('list_downloads')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('sha256', 'text')
          .addColumn('checked_at', time, (c) => c.notNull())
          .execute();
      },
    },
    '0004-screening': {
      async up(db: Kysely<unknown>) {
        // An analyst's verdict on one hit: keyed by the query's fingerprint and the listing's content hash, so
        // the same hit is suppressed next time unless the listing changed. Append-only: the newest counts.
        await db.schema
          .createTable('screening_decisions')
          .addColumn('id', serial, (c) =>
            engine.name === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
          )
          .addColumn('query_fingerprint', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('entity_hash', 'text', (c) => c.notNull())
          .addColumn('decision', 'text', (c) =>
            c.notNull().check(sql`decision in ('match','false_positive')`),
          )
          .addColumn('note', 'text')
          .addColumn('query', json, (c) => c.notNull())
          .addColumn('decided_by', 'text', (c) => c.notNull())
          .addColumn('decided_at', time, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('screening_decisions_key')
          .on('screening_decisions')
          .columns(['query_fingerprint', 'entity_id'])
          .execute();
        await db.schema
          .createTable('watchlists')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', time, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('watchlist_items')
          .addColumn('watchlist_id', 'text', (c) =>
            c.notNull().references('watchlists.id').onDelete('cascade'),
          )
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('label', 'text')
          .addColumn('query', json, (c) => c.notNull())
          .addColumn('query_fingerprint', 'text', (c) => c.notNull())
          .addColumn('added_at', time, (c) => c.notNull())
          .addPrimaryKeyConstraint('watchlist_items_pk', ['watchlist_id', 'id'])
          .execute();
        await db.schema
          .createTable('alerts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) =>
            c.notNull().check(sql`status in ('open','confirmed','dismissed')`),
          )
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text')
          .addColumn('entity_hash', 'text')
          .addColumn('score', 'real')
          .addColumn('details', json, (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('created_at', time, (c) => c.notNull())
          .addColumn('updated_at', time, (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .execute();
        await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'created_at']).execute();
        // One alert per (subject, listing content): re-screening the same hit does not raise it again.
        await db.schema
          .createIndex('alerts_dedupe')
          .on('alerts')
          .columns(['kind', 'subject', 'entity_id', 'entity_hash'])
          .unique()
          .execute();
      },
    },
    // AIS: where data came from, per-MMSI identity history, vessel-day tracks and a per-vessel summary. Every
    // vessel table leads with the MMSI so it could be distributed by MMSI later. Times are ms since the epoch
    // (bigint): positions are compared and bucketed numerically on the hot paths.
    '0005-ais': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('ais_sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('file','feed')`))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('path', 'text')
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('bytes', 'bigint')
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','complete')`))
          .addColumn('lines_done', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('started_at', time, (c) => c.notNull())
          .addColumn('finished_at', time)
          .addColumn('started_by', 'text', (c) => c.notNull())
          .addColumn('summary', json)
          .execute();
        await db.schema
          .createTable('vessel_identities')
          .addColumn('mmsi', 'integer', (c) => c.notNull())
          .addColumn('valid_from', 'bigint', (c) => c.notNull())
          .addColumn('valid_to', 'bigint', (c) => c.notNull())
          .addColumn('imo', 'integer')
          .addColumn('name', 'text')
          .addColumn('callsign', 'text')
          .addColumn('ship_type', 'integer')
          .addColumn('length', 'integer')
          .addColumn('beam', 'integer')
          .addColumn('draught', 'real')
          .addColumn('destination', 'text')
          .addColumn('eta', 'text')
          .addColumn('messages', 'integer', (c) => c.notNull())
          // which fields the reports at either end carried (bitmasks): exact merging of partial Class B reports
          .addColumn('fields_at_start', 'integer')
          .addColumn('fields_at_end', 'integer')
          // the raw message that started this version (evidence for identity changes)
          .addColumn('source', 'text')
          .addColumn('line', 'bigint')
          .addPrimaryKeyConstraint('vessel_identities_pk', ['mmsi', 'valid_from'])
          .execute();
        await db.schema.createIndex('vessel_identities_imo').on('vessel_identities').column('imo').execute();
        await db.schema
          .createTable('vessel_days')
          .addColumn('mmsi', 'integer', (c) => c.notNull())
          .addColumn('day', 'integer', (c) => c.notNull())
          // 0 once compacted; until then each ingest batch writes its own chunk
          .addColumn('chunk', 'bigint', (c) => c.notNull())
          .addColumn('n', 'integer', (c) => c.notNull())
          .addColumn('t_min', 'bigint', (c) => c.notNull())
          .addColumn('t_max', 'bigint', (c) => c.notNull())
          .addColumn('lat_min', 'real', (c) => c.notNull())
          .addColumn('lat_max', 'real', (c) => c.notNull())
          .addColumn('lon_min', 'real', (c) => c.notNull())
          .addColumn('lon_max', 'real', (c) => c.notNull())
          .addColumn('data', blob, (c) => c.notNull())
          .addPrimaryKeyConstraint('vessel_days_pk', ['mmsi', 'day', 'chunk'])
          .execute();
        await db.schema.createIndex('vessel_days_day').on('vessel_days').columns(['day', 'mmsi']).execute();
        await db.schema
          .createTable('vessels')
          .addColumn('mmsi', 'integer', (c) => c.primaryKey())
          .addColumn('first_seen', 'bigint', (c) => c.notNull())
          .addColumn('last_seen', 'bigint', (c) => c.notNull())
          .addColumn('messages', 'bigint', (c) => c.notNull())
          .addColumn('positions', 'bigint', (c) => c.notNull())
          .addColumn('last_t', 'bigint')
          .addColumn('last_lat', 'real')
          .addColumn('last_lon', 'real')
          .addColumn('last_sog', 'real')
          .addColumn('last_cog', 'real')
          .addColumn('last_heading', 'integer')
          .addColumn('last_status', 'integer')
          .addColumn('name', 'text')
          .addColumn('imo', 'integer')
          .addColumn('callsign', 'text')
          .addColumn('ship_type', 'integer')
          .addColumn('mmsi_class', 'text', (c) => c.notNull())
          .addColumn('flag', 'text')
          // every name, call sign and IMO ever seen, lower-cased, so a search finds a vessel by a former name
          .addColumn('search_text', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('vessels_imo').on('vessels').column('imo').execute();
        await db.schema.createIndex('vessels_last_t').on('vessels').column('last_t').execute();
      },
    },
    // Maritime events (detector findings), detection runs, and vessels' links to designated entities.
    '0006-events': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('preset', 'text', (c) => c.notNull())
          .addColumn('algorithm', 'text', (c) => c.notNull())
          .addColumn('params', json, (c) => c.notNull())
          // the vessels involved: the first (lowest) MMSI and, for pairs, the second
          .addColumn('mmsi', 'integer', (c) => c.notNull())
          .addColumn('mmsi2', 'integer')
          .addColumn('start_t', 'bigint', (c) => c.notNull())
          .addColumn('end_t', 'bigint')
          .addColumn('lat', 'real', (c) => c.notNull())
          .addColumn('lon', 'real', (c) => c.notNull())
          .addColumn('details', json, (c) => c.notNull())
          .addColumn('evidence', json, (c) => c.notNull())
          .addColumn('detected_at', time, (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('events_preset_start')
          .on('events')
          .columns(['preset', 'start_t'])
          .execute();
        await db.schema.createIndex('events_type_start').on('events').columns(['type', 'start_t']).execute();
        await db.schema.createIndex('events_mmsi').on('events').columns(['mmsi', 'start_t']).execute();
        await db.schema.createIndex('events_mmsi2').on('events').column('mmsi2').execute();
        await db.schema
          .createTable('detection_runs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('preset', 'text', (c) => c.notNull())
          .addColumn('from_t', 'bigint', (c) => c.notNull())
          .addColumn('to_t', 'bigint', (c) => c.notNull())
          .addColumn('started_at', time, (c) => c.notNull())
          .addColumn('finished_at', time, (c) => c.notNull())
          .addColumn('started_by', 'text', (c) => c.notNull())
          .addColumn('summary', json, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('vessel_links')
          .addColumn('mmsi', 'integer', (c) => c.notNull())
          .addColumn('entity_id', 'text', (c) => c.notNull())
          .addColumn('caption', 'text', (c) => c.notNull())
          .addColumn('schema', 'text', (c) => c.notNull())
          // 'vessel' (the vessel itself is designated) or 'owner' (a designated owner/operator/manager)
          .addColumn('relation', 'text', (c) => c.notNull())
          .addColumn('score', 'real', (c) => c.notNull())
          .addColumn('details', json, (c) => c.notNull())
          .addColumn('checked_at', time, (c) => c.notNull())
          .addPrimaryKeyConstraint('vessel_links_pk', ['mmsi', 'entity_id'])
          .execute();
        await db.schema
          .createTable('user_zones')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('geojson', json, (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', time, (c) => c.notNull())
          .execute();
      },
    },
    // Live AIS feeds the server runs itself (configured from the admin page or the API).
    '0007-ais-feeds': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('ais_feeds')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tcp','udp')`))
          .addColumn('host', 'text', (c) => c.notNull())
          .addColumn('port', 'integer', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', time, (c) => c.notNull())
          .execute();
      },
    },
  };
}

/** Brings the schema up to date; called on every start. */
export async function migrate(engine: Engine): Promise<void> {
  const migrator = new Migrator({
    db: engine.db,
    provider: { getMigrations: async () => migrations(engine) },
    migrationTableName: 'wk_migrations',
    migrationLockTableName: 'wk_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `database migration ${failed ?? ''} failed on ${engine.describe}: ${(error as Error).message}`,
    );
  }
}
