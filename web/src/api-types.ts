/**
 * The shapes the Watchkeeper API answers, as the web app uses them. They mirror the server's types
 * (src/lists/service.ts, src/store/*.ts, src/api/*-routes.ts); the OpenAPI document at /api/openapi.json is
 * the reference. Kept by hand because the server's modules pull in Node-only code; the maritime answers are
 * the server's own schemas instead (maritime-types.ts).
 */

import type { AisSource as ServerAisSource } from './maritime-types.ts';

export type Role = 'admin' | 'analyst' | 'viewer';
export type Permission = 'read' | 'write' | 'admin';

export interface User {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}

export interface ApiToken {
  id: string;
  userId: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ListVersion {
  id: string;
  source: string;
  dataset: string;
  format: string;
  publishedAt: string;
  publishedDate: string;
  sha256: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  recordCount: number;
  counts: { bySchema: Record<string, number>; byRegime: Record<string, number>; adjuncts: number };
}

export interface DatasetSummary {
  dataset: string;
  source: string;
  versions: ListVersion[];
  latest: ListVersion;
}

export interface FieldChange {
  /** `birthDate` on the designated entity, `Passport:<adjunct id>.number` on an adjunct. */
  field: string;
  added: string[];
  removed: string[];
}

export interface DiffEntry {
  id: string;
  sourceRef: string;
  schema: string;
  caption: string;
}

export interface ListDiff {
  dataset: string;
  from: ListVersion;
  to: ListVersion;
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: Array<DiffEntry & { changes: FieldChange[] }>;
}

export interface ImportResult {
  status: 'imported' | 'unchanged';
  version: ListVersion;
  watchlists?: { items: number; hits: number; newAlerts: number };
}

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

export type HistoryKind = 'listed' | 'amended' | 'delisted' | 'relisted';

export interface HistoryEvent {
  kind: HistoryKind;
  versionId: string;
  publishedAt: string;
  publishedDate: string;
  hash: string | null;
  changes?: FieldChange[];
}

export interface EntityDetail {
  id: string;
  source: string;
  schema: string;
  caption: string;
  sourceRef: string;
  status: 'listed' | 'delisted';
  entity: FtmEntity;
  adjuncts: FtmEntity[];
  regimes: Array<{ code: string; name: string; authority: string }>;
  provenance: {
    source: string;
    list: string;
    sourceRef: string;
    versionId: string;
    publishedDate: string;
    fileName: string;
    firstSeen: { versionId: string; publishedDate: string };
    lastSeen: { versionId: string; publishedDate: string };
  };
  history: HistoryEvent[];
  related: Array<{ id: string; caption: string; schema: string; source: string; relation: string }>;
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

export interface Page<T> {
  total: number;
  items: T[];
  limit?: number;
  offset?: number;
}

export interface RegimeSummary {
  code: string;
  authority: string;
  name: string;
  country?: string;
}

export interface Measure {
  id: string;
  kind: string;
  title: string;
  description: string;
  direction?: string;
  sources: Array<{ instrument: string; paragraphs: string[]; verified: boolean; note?: string }>;
}

export interface Regime extends RegimeSummary {
  committee?: string;
  basis: Array<{ symbol: string; type: string; title: string; date: string; url?: string }>;
  measures: Measure[];
  status?: string;
  url?: string;
  notes?: string;
}

/** A screening query: an FtM schema and the properties to match on (name, birthDate, nationality, …). */
export interface ScreeningQuery {
  schema: string;
  properties: Record<string, string[]>;
}

export interface Explanation {
  feature: string;
  /** What this feature did to the score (negative: evidence against). */
  effect: number;
  detail: string;
}

export interface ScreeningResult {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  score: number;
  match: boolean;
  features: Record<string, number>;
  explanations: Explanation[];
  reference: string;
  regimes: string[];
  parties?: unknown;
  decision: {
    decision: Decision;
    note: string | null;
    decidedBy: string;
    decidedAt: string;
    current: boolean;
  } | null;
  suppressed: boolean;
}

export type Decision = 'match' | 'false_positive';

export interface MatchResponse {
  responses: Record<
    string,
    { status: number; results: ScreeningResult[]; total: { value: number }; query: ScreeningQuery }
  >;
  limit: number;
}

export type AlertStatus = 'open' | 'confirmed' | 'dismissed';

export interface Alert {
  id: string;
  kind: 'screening' | 'maritime' | string;
  status: AlertStatus;
  subject: string;
  entityId: string | null;
  entityHash: string | null;
  score: number | null;
  details: ScreeningAlertDetails | MaritimeAlertDetails | Record<string, unknown> | null;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface ScreeningAlertDetails {
  label?: string;
  query?: ScreeningQuery;
  caption?: string;
  datasets?: string[];
  reference?: string;
  explanations?: Explanation[];
}

export interface MaritimeAlertDetails {
  reason?: string;
  event?: {
    id: string;
    type: string;
    mmsi: number[];
    start: string;
    end?: string;
    details?: Record<string, unknown>;
  };
}

/** An ingested AIS file or feed; its summary is read loosely (files and feeds summarise differently). */
export type AisSource = Omit<ServerAisSource, 'summary'> & {
  summary?: {
    outcome?: string;
    vessels?: number;
    positions?: number;
    messages?: number;
    lines?: number;
    timeFrom?: string | null;
    timeTo?: string | null;
    seconds?: number;
  } | null;
};

export interface Watchlist {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
}
