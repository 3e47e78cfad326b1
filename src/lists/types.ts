import type { FtmEntity } from '../ftm/types.ts';

/** The official lists Watchkeeper imports. */
export type ListSource = 'un' | 'ofac' | 'eu' | 'uk';
export const LIST_SOURCES: readonly ListSource[] = ['un', 'ofac', 'eu', 'uk'];

/**
 * One listing on an official list, as the importer read it: the designated entity (Person, Organization,
 * Company, LegalEntity, Vessel, Airplane) plus the FtM entities that belong to it (Sanction, Passport,
 * Identification, Address, Ownership, Family, Associate, ...). The record is the unit that is versioned and
 * diffed: a change in any of its entities is a change of the listing.
 */
export interface ListRecord {
  /** The designated entity. Its id is stable across list versions (derived from the list's own reference). */
  entity: FtmEntity;
  /** Entities that hang off the designated one; their ids are derived from `entity.id`. */
  adjuncts: FtmEntity[];
  /** The list's own reference for the record (UN `KPi.033`, OFAC ent_num `12345`, EU logical id). */
  sourceRef: string;
  /** Where in the file the record starts, for error messages and provenance (`line 1234`). */
  location: string;
  /** Regime codes the listing falls under (see src/regimes), e.g. `un-dprk`, `ofac-DPRK2`. */
  regimes: string[];
}

/** File-level facts an importer learns from the content. */
export interface ListMeta {
  source: ListSource;
  /** The list within the source, when the content says (else derived from the file name, see datasetFor). */
  dataset?: string;
  /** Format name, e.g. `un-xml`, `ofac-sdn-csv`, `ofac-sdn-xml`, `ofac-advanced-xml`, `eu-fsf-xml`, `uk-ofsi-csv`. */
  format: string;
  /** Publication date/time from the file (ISO 8601), when the file says it. */
  publishedAt?: string;
  /** The calendar date as the file states it in its own time zone (`2017-07-03` for `2017-07-03T20:00-04:00`);
   * defaults to the UTC date of `publishedAt`. */
  publishedDate?: string;
}

export type ParseEvent = { kind: 'meta'; meta: ListMeta } | { kind: 'record'; record: ListRecord };

/** A readable byte source: a file stream, a Buffer chunk list, anything async-iterable. */
export type ByteSource = AsyncIterable<Uint8Array | string>;

export interface ParseContext {
  /** The file's name as the user gave it, used in every error message. */
  file: string;
  /** Companion files of a multi-file format (OFAC legacy CSV: alt.csv, add.csv, sdn_comments.csv). */
  companions?: Record<string, () => ByteSource>;
}

/**
 * A list format. `detect` looks at the first bytes (decoded as text, up to 64 KiB) and says whether it reads
 * this format; `parse` streams records, emitting one `meta` event before the first record.
 */
export interface ListImporter {
  source: ListSource;
  format: string;
  detect(head: string, fileName: string): boolean;
  parse(input: ByteSource, ctx: ParseContext): AsyncGenerator<ParseEvent>;
}
