/**
 * What the account, list, entity, regime, screening, watchlist and alert routes answer, as zod schemas
 * (the maritime routes' are in maritime-schemas.ts). As there: the OpenAPI document describes every 2xx
 * answer from them, handlers are type-checked against them, answers are checked against them under tests
 * (src/api/response-check.ts), and the web app reads its types from them.
 *
 * This module imports nothing but zod: the web app's type check reads it.
 */
import { z } from 'zod';

// Shared with maritime-schemas.ts.
export const instant = z.string().describe('ISO 8601 instant, UTC');
export const count = z.number().int().min(0);
export const counts = z.record(z.string(), z.number());
const values = z.record(z.string(), z.array(z.string()));

export const ok = z.object({ ok: z.boolean() });

export const removed = z.object({ removed: z.string() });

// --- accounts ---
export const role = z.enum(['admin', 'analyst', 'viewer']);

export const user = z
  .object({ id: z.string(), name: z.string(), role, createdAt: instant, disabled: z.boolean() })
  .describe('A user as clients see one: never the password hash');

export const signedIn = z.object({ user, expiresAt: instant });

export const apiToken = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string().nullable(),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    revokedAt: instant.nullable(),
  })
  .describe('An API token as listed: never the secret');

export const createdToken = z
  .object({ id: z.string(), token: z.string().describe('the secret: shown this once'), user: z.string() })
  .describe('A new API token');

export const auditEntry = z.object({
  id: z.number().int(),
  at: instant,
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.unknown(),
});

// --- lists ---
export const listVersion = z.object({
  id: z.string(),
  source: z.string(),
  dataset: z.string().describe('the list whose versions form one history: un, ofac-sdn, ofac-cons, eu, uk'),
  format: z.string(),
  publishedAt: instant.describe('the publication time; midnight UTC when the file gives only a date (OFAC)'),
  publishedDate: z.string().describe('the publication date as the file states it (YYYY-MM-DD)'),
  sha256: z.string(),
  fileName: z.string(),
  importedAt: instant,
  importedBy: z.string(),
  recordCount: count,
  counts: z.object({ bySchema: counts, byRegime: counts, adjuncts: count }),
});

export const datasetSummary = z.object({
  dataset: z.string(),
  source: z.string(),
  versions: z.array(listVersion).describe('oldest first'),
  latest: listVersion,
});

export const fieldChange = z.object({
  field: z.string().describe('`birthDate` on the listing, `Passport:<adjunct id>.number` on an adjunct'),
  added: z.array(z.string()),
  removed: z.array(z.string()),
});

export const diffEntry = z.object({
  id: z.string(),
  sourceRef: z.string(),
  schema: z.string(),
  caption: z.string(),
});

export const listDiff = z.object({
  dataset: z.string(),
  from: listVersion,
  to: listVersion,
  added: z.array(diffEntry),
  removed: z.array(diffEntry),
  changed: z.array(diffEntry.extend({ changes: z.array(fieldChange) })),
});

export const rescreenSummary = z.object({ items: count, hits: count, newAlerts: count });

export const importResult = z.object({
  status: z.enum(['imported', 'unchanged']).describe('`unchanged`: this file was imported before'),
  version: listVersion,
  watchlists: rescreenSummary.optional().describe('watchlists screened again after an import'),
});

export const updateOutcome = z.object({
  id: z.string(),
  source: z.string(),
  url: z.string().optional(),
  status: z.enum(['imported', 'already-imported', 'not-modified', 'unchanged', 'not-configured', 'failed']),
  versionId: z.string().optional(),
  records: count.optional(),
  message: z.string().optional(),
});

export const updateResult = z.object({
  outcomes: z.array(updateOutcome),
  watchlists: rescreenSummary.optional(),
});

// --- entities ---
export const ftmEntity = z.object({ id: z.string(), schema: z.string(), properties: values });

export const entitySummary = z.object({
  id: z.string(),
  source: z.string(),
  schema: z.string(),
  caption: z.string(),
  sourceRef: z.string(),
  regimes: z.array(z.string()),
  listedOn: z
    .string()
    .nullable()
    .describe('the listing date the list states (UN does; OFAC’s SDN files do not: null)'),
  versionId: z.string(),
});

export const entityPage = z.object({
  total: count,
  items: z.array(entitySummary),
  limit: count,
  offset: count,
});

const versionRef = z.object({ versionId: z.string(), publishedDate: z.string() });

export const historyEvent = z.object({
  kind: z.enum(['listed', 'amended', 'delisted', 'relisted']),
  versionId: z.string(),
  publishedAt: instant,
  publishedDate: z.string(),
  hash: z.string().nullable(),
  changes: z.array(fieldChange).optional(),
});

export const entityDetail = z.object({
  id: z.string(),
  source: z.string(),
  schema: z.string(),
  caption: z.string(),
  sourceRef: z.string(),
  status: z.enum(['listed', 'delisted']),
  entity: ftmEntity,
  adjuncts: z
    .array(ftmEntity)
    .describe('identity documents, addresses, ownership…: FtM entities of their own'),
  regimes: z.array(z.object({ code: z.string(), name: z.string(), authority: z.string() })),
  provenance: z
    .object({
      source: z.string(),
      list: z.string(),
      sourceRef: z.string(),
      versionId: z.string(),
      publishedDate: z.string(),
      fileName: z.string(),
      firstSeen: versionRef,
      lastSeen: versionRef,
    })
    .describe('where every value shown comes from'),
  history: z.array(historyEvent),
  related: z.array(
    z.object({
      id: z.string(),
      caption: z.string(),
      schema: z.string(),
      source: z.string(),
      relation: z.string(),
    }),
  ),
});

// --- regimes ---
const citation = z.object({
  instrument: z.string(),
  paragraphs: z.array(z.string()),
  verified: z.boolean(),
  note: z.string().optional(),
});
const capUnit = z.enum(['barrels', 'tons', 'metric tons', 'USD']);

export const measure = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  commodities: z.array(z.string()).optional(),
  hsChapters: z.array(z.string()).optional(),
  cap: z
    .object({
      quantity: z.number(),
      unit: capUnit,
      period: z.enum(['calendar year', 'twelve months']),
      periodStart: z.string().optional(),
      alternative: z.object({ quantity: z.number(), unit: capUnit }).optional(),
    })
    .optional(),
  sources: z.array(citation),
  direction: z.string().optional(),
  supersededBy: z.string().optional(),
});

export const regime = z.object({
  code: z.string(),
  authority: z.enum(['UN Security Council', 'US OFAC', 'EU', 'UK', 'unknown']),
  name: z.string(),
  country: z.string().optional(),
  committee: z.string().optional(),
  basis: z.array(
    z.object({
      symbol: z.string(),
      type: z.string(),
      title: z.string().optional(),
      date: z.string(),
      url: z.string(),
    }),
  ),
  measures: z.array(measure),
  related: z.array(z.string()).optional(),
  status: z.enum(['active', 'terminated']).optional(),
  ended: z.string().optional(),
  url: z.string().optional(),
  notes: z.string().optional(),
  synthesised: z
    .boolean()
    .optional()
    .describe('true: known only by the code the lists use; no legal basis or measures on record'),
});

// --- screening ---
export const screeningQuery = z.object({ schema: z.string(), properties: values });

export const explanation = z.object({
  feature: z.string(),
  effect: z.number().describe('what this feature did to the score (negative: evidence against)'),
  detail: z.string(),
});

export const hitDecision = z.object({
  decision: z.enum(['match', 'false_positive']),
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: instant,
  current: z.boolean().describe('false when the listing changed since: the decision no longer applies'),
});

export const vesselParty = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  designated: z
    .object({ datasets: z.array(z.string()), reference: z.string(), regimes: z.array(z.string()) })
    .optional(),
});

export const screeningResult = z
  .object({
    id: z.string(),
    caption: z.string(),
    schema: z.string(),
    properties: values,
    datasets: z.array(z.string()),
    referents: z.array(z.string()).describe('always empty (yente compatibility)'),
    target: z.boolean().describe('always true: every listing is a sanctions target (yente compatibility)'),
    score: z.number().min(0).max(1).describe('0–1: how well the listing matches the query'),
    match: z
      .boolean()
      .describe('score at or above the threshold (default 0.7), and not marked a false positive'),
    features: counts.describe(
      'the raw feature values the score is made of (name similarity, date of birth…)',
    ),
    explanations: z
      .array(explanation)
      .describe('in words: which parts aligned and what each did to the score'),
    reference: z.string(),
    regimes: z.array(z.string()),
    parties: z
      .array(vesselParty)
      .optional()
      .describe('for vessels: owners and operators, and their designations'),
    decision: hitDecision.nullable(),
    suppressed: z
      .boolean()
      .describe('an analyst marked it a false positive for this query and listing content'),
  })
  .describe("A hit in yente's shape, with Watchkeeper's explanations, regimes and decisions beside it");

const total = z
  .object({ value: count, relation: z.enum(['eq', 'gte']) })
  .describe('how many candidates scored above zero in all (`gte`: at least that many; the count was capped)');

export const matchResponse = z.object({
  responses: z.record(
    z.string(),
    z.object({ status: z.number().int(), results: z.array(screeningResult), total, query: screeningQuery }),
  ),
  limit: count,
});

export const searchResponse = z.object({
  results: z.array(screeningResult),
  total,
  limit: count,
  offset: count,
});

export const comparison = z.object({
  score: z.number(),
  match: z.boolean(),
  explanations: z.array(explanation),
});

export const decisionRow = z.object({
  queryFingerprint: z.string(),
  entityId: z.string(),
  entityHash: z.string(),
  decision: z.enum(['match', 'false_positive']),
  note: z.string().nullable(),
  query: z.unknown(),
  decidedBy: z.string(),
  decidedAt: instant,
});

// --- watchlists and alerts ---
export const watchlist = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: instant,
  items: count.optional(),
});

export const watchlistAdded = rescreenSummary.extend({ watchlist, added: count });

export const watchlistItem = z.object({
  id: z.string().describe('the item’s own id (a customer or fleet number), or one made from its query'),
  label: z.string().nullable(),
  query: screeningQuery.describe('what it is screened with'),
  addedAt: instant,
});

export const watchlistItemsPage = z.object({
  watchlist,
  total: count,
  items: z.array(watchlistItem),
  limit: count,
  offset: count,
});

export const watchlistImported = watchlistAdded.extend({
  skipped: z.array(z.string()).describe('rows that could not be screened, with the reason (the first 100)'),
});

export const alert = z.object({
  id: z.string(),
  kind: z.string().describe('screening or maritime'),
  status: z.enum(['open', 'confirmed', 'dismissed']),
  subject: z
    .string()
    .describe('what it is about: the watchlist item, or the finding (one alert per finding)'),
  entityId: z
    .string()
    .nullable()
    .describe(
      'screening: the listing hit; maritime: the designated listing behind it, or `port:<WPI number>` for a DPRK port call',
    ),
  entityHash: z
    .string()
    .nullable()
    .describe(
      'screening: the hash of the listing content alerted on (a changed listing alerts again); maritime: the event type',
    ),
  score: z.number().nullable().describe('screening: the hit’s score, 0–1; maritime: null'),
  details: z.unknown().describe('what raised it: the query and hit, or the maritime event'),
  reason: z.string().nullable(),
  createdAt: instant,
  updatedAt: instant,
  updatedBy: z.string().nullable(),
});

export const alertPage = z.object({ total: count, items: z.array(alert), limit: count, offset: count });

export type User = z.infer<typeof user>;
export type ApiToken = z.infer<typeof apiToken>;
export type CreatedToken = z.infer<typeof createdToken>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type ListVersion = z.infer<typeof listVersion>;
export type DatasetSummary = z.infer<typeof datasetSummary>;
export type FieldChange = z.infer<typeof fieldChange>;
export type DiffEntry = z.infer<typeof diffEntry>;
export type ListDiff = z.infer<typeof listDiff>;
export type ImportResult = z.infer<typeof importResult>;
export type UpdateOutcome = z.infer<typeof updateOutcome>;
export type UpdateResult = z.infer<typeof updateResult>;
export type FtmEntity = z.infer<typeof ftmEntity>;
export type EntitySummary = z.infer<typeof entitySummary>;
export type HistoryEvent = z.infer<typeof historyEvent>;
export type EntityDetail = z.infer<typeof entityDetail>;
export type Measure = z.infer<typeof measure>;
export type Regime = z.infer<typeof regime>;
export type ScreeningQuery = z.infer<typeof screeningQuery>;
export type Explanation = z.infer<typeof explanation>;
export type ScreeningResult = z.infer<typeof screeningResult>;
export type MatchResponse = z.infer<typeof matchResponse>;
export type Watchlist = z.infer<typeof watchlist>;
export type WatchlistItem = z.infer<typeof watchlistItem>;
export type WatchlistItemsPage = z.infer<typeof watchlistItemsPage>;
export type WatchlistImported = z.infer<typeof watchlistImported>;
export type Alert = z.infer<typeof alert>;
