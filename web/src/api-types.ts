/**
 * The shapes the Watchkeeper API answers, as the web app uses them: the server's own response schemas
 * (src/api/schemas.ts, src/api/maritime-schemas.ts), read as types only (nothing of the server is bundled),
 * so a change to an answer shows up here at type-check. What is added here is the web app's reading of the
 * loosely typed parts (alert details, AIS source summaries) and a few names.
 */
import type { Explanation, Regime, ScreeningQuery, Alert as ServerAlert } from '../../src/api/schemas.ts';
import type { AisSource as ServerAisSource } from './maritime-types.ts';

export type {
  ApiToken,
  AuditEntry,
  DatasetSummary,
  DiffEntry,
  EntityDetail,
  EntitySummary,
  Explanation,
  FieldChange,
  FtmEntity,
  HistoryEvent,
  ImportResult,
  ListDiff,
  ListVersion,
  MatchResponse,
  Measure,
  Regime,
  ScreeningQuery,
  ScreeningResult,
  User,
  Watchlist,
  WatchlistImported,
  WatchlistItem,
  WatchlistItemsPage,
} from '../../src/api/schemas.ts';

export type Role = 'admin' | 'analyst' | 'viewer';
export type Permission = 'read' | 'write' | 'admin';
export type Decision = 'match' | 'false_positive';
export type AlertStatus = 'open' | 'confirmed' | 'dismissed';
export type HistoryKind = 'listed' | 'amended' | 'delisted' | 'relisted';

export interface Page<T> {
  total: number;
  items: T[];
  limit?: number;
  offset?: number;
}

/** A regime as the regimes list shows it. */
export type RegimeSummary = Pick<Regime, 'code' | 'authority' | 'name' | 'country'>;

/** An alert, with its details read as what raised it: a screening hit or a maritime event. */
export type Alert = Omit<ServerAlert, 'details'> & {
  details: ScreeningAlertDetails | MaritimeAlertDetails | Record<string, unknown> | null;
};

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
