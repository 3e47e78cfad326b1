/**
 * What the maritime routes answer (vessels, tracks, positions, AIS sources, events, risk, zones, ports,
 * presets, feeds, the demo scenario), as zod schemas. One definition serves three readers:
 * - the OpenAPI document (`/api/openapi.json`): every 2xx answer is described field by field;
 * - the route handlers: the type provider checks at compile time that what they return fits;
 * - the web app, which imports the inferred types (`import type`, erased at build), so its view of the API
 *   cannot drift from the server's.
 * Under tests every answer is also checked against its schema at run time, undocumented fields included
 * (src/api/response-check.ts).
 *
 * This module imports nothing but zod (and schemas.ts, likewise): the web app's type check reads it.
 */
import { z } from 'zod';
import { count, counts, instant } from './schemas.ts';

const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

// --- vessels ---
export const vesselPosition = z.object({
  time: instant,
  lat,
  lon,
  sog: z.number().nullable().describe('speed over ground, knots'),
  cog: z.number().nullable().describe('course over ground, degrees'),
  heading: z.number().nullable().describe('true heading, degrees; null when not reported'),
  status: z.number().int().nullable().describe('AIS navigational status code'),
});

export const vesselSummary = z.object({
  mmsi: z.number().int(),
  name: z.string().nullable(),
  imo: z.number().int().nullable(),
  callsign: z.string().nullable(),
  shipType: z.number().int().nullable().describe('AIS ship and cargo type code'),
  shipTypeName: z.string().nullable(),
  flag: z.string().nullable().describe("ISO country code from the MMSI's MID (`kp`, `pa`), or null"),
  flagName: z.string().nullable(),
  mmsiClass: z.string().describe('ship, coast_station, sar_aircraft, aton, … (from the MMSI’s form)'),
  firstSeen: instant,
  lastSeen: instant,
  reports: count,
  positions: count,
  lastPosition: vesselPosition.nullable(),
});

export const identityVersion = z
  .object({
    validFrom: instant,
    validTo: instant,
    imo: z.number().int().nullable(),
    name: z.string().nullable(),
    callsign: z.string().nullable(),
    shipType: z.number().int().nullable(),
    shipTypeName: z.string().nullable(),
    length: z.number().nullable().describe('metres'),
    beam: z.number().nullable().describe('metres'),
    draught: z.number().nullable().describe('metres'),
    destination: z.string().nullable(),
    eta: z
      .string()
      .nullable()
      .describe('estimated arrival as broadcast: `MM-DDTHH:MM`, UTC, with no year (AIS carries none)'),
    reports: count,
  })
  .describe("One version of a vessel's broadcast identity, valid over [validFrom, validTo]");

export const vesselDetail = vesselSummary.extend({ identities: z.array(identityVersion) });

export const vesselPage = z.object({
  total: count,
  items: z.array(vesselSummary),
  limit: count,
  offset: count,
});

export const latestPosition = z.object({
  mmsi: z.number().int(),
  name: z.string().nullable(),
  shipType: z.number().int().nullable(),
  flag: z.string().nullable(),
  mmsiClass: z.string(),
  time: instant,
  lat,
  lon,
  sog: z.number().nullable().describe('speed over ground, knots'),
  cog: z.number().nullable().describe('course over ground, degrees'),
  heading: z.number().nullable().describe('true heading, degrees; null when the vessel does not report one'),
});

export const positionsAnswer = z.object({
  items: z.array(latestPosition),
  truncated: z.boolean().describe('more vessels matched than `limit`'),
  count,
});

export const trackLineFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([lon, lat])) }),
  properties: z.object({
    mmsi: z.number().int(),
    kind: z.literal('track'),
    times: z.array(instant).describe('the time of each vertex'),
  }),
});

export const trackPointFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([lon, lat]) }),
  properties: z.object({
    mmsi: z.number().int(),
    kind: z.literal('position'),
    time: instant,
    sog: z.number().nullable(),
    cog: z.number().nullable(),
    heading: z.number().nullable(),
    status: z.number().int().nullable(),
    msgType: z.number().int(),
    source: z.string().describe('the raw sentence’s source: file sha256 or feed log'),
    line: z.number().int(),
  }),
});

export const trackCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    properties: z.object({
      mmsi: z.number().int(),
      from: instant,
      to: instant,
      count: count.describe('positions in the period'),
      returned: count,
      truncated: z.boolean(),
    }),
    features: z.array(z.union([trackLineFeature, trackPointFeature])),
  })
  .describe('A LineString of the track, then (with points=true) one Point per position');

export const positionEvidence = z
  .object({
    source: z.string(),
    sourceName: z.string(),
    path: z.string().nullable(),
    line: z.number().int(),
    raw: z.array(z.string()).describe('the raw lines: preceding fragments and a time sentence where present'),
    unavailable: z.string().nullable().describe('why the raw text cannot be shown (file moved or changed)'),
  })
  .describe('The raw text behind one stored position');

export const aisSource = z.object({
  id: z.string(),
  kind: z.enum(['file', 'feed']),
  name: z.string(),
  path: z.string().nullable(),
  format: z.string(),
  bytes: z.number().nullable(),
  status: z.enum(['running', 'complete']),
  linesDone: count,
  startedAt: instant,
  finishedAt: instant.nullable(),
  startedBy: z.string(),
  summary: z.unknown().describe('the ingest summary, once complete'),
});

export const detectResult = z.object({
  preset: z.string(),
  presetVersion: z.number().int(),
  from: instant.nullable(),
  to: instant.nullable(),
  vessels: count,
  positions: count,
  byType: counts.describe('events found, by type'),
  seconds: z.number(),
  events: count,
  alertsRaised: count,
  vesselsLinked: count
    .nullable()
    .describe('vessels linked to the lists before detecting (null: not re-linked)'),
});

export const ingestSummary = z.object({
  source: z.string().describe('the file’s sha256'),
  file: z.string(),
  outcome: z
    .enum(['ingested', 'already', 'resumed'])
    .describe('`already`: the same file was ingested before and nothing was added'),
  lines: count,
  messages: count,
  positions: count,
  staticReports: count,
  noTime: count.describe('messages without a receive time'),
  future: count.describe('messages dated more than a day ahead (refused)'),
  byType: counts,
  rejected: counts.describe('lines refused, by reason'),
  vessels: count,
  days: count,
  vesselDays: count,
  seconds: z.number(),
  timeFrom: instant.nullable().optional(),
  timeTo: instant.nullable().optional(),
  warnings: z
    .array(z.string())
    .optional()
    .describe('what went through but may not be what was meant: lines without a time, nothing stored…'),
  csv: z
    .object({
      layout: z.string(),
      noPosition: count,
      firstRejectedLines: z.record(z.string(), z.array(z.number().int())),
    })
    .optional(),
});

export const ingestAnswer = ingestSummary.extend({
  detection: detectResult.optional().describe('detection over what was added (unless detect=false)'),
});

// --- events ---
export const evidenceRef = z.object({
  source: z.string().describe('an ingested file’s sha256, or a live feed’s raw log'),
  line: z.number().int().describe('line in that source (1-based)'),
});

export const maritimeEvent = z.object({
  id: z.string().describe('stable: the same finding under the same preset always has the same id'),
  type: z
    .string()
    .describe('encounter, loitering, gap, port_visit, zone_entry, zone_exit, spoofing, identity_change'),
  mmsi: z.array(z.number().int()).describe('the vessels involved (an encounter has two)'),
  start: instant,
  end: instant.nullable().describe('null while open'),
  lat: lat.describe('where: an encounter’s midpoint, where a gap began, the port or the zone crossing…'),
  lon,
  preset: z.string(),
  algorithm: z.string().describe('detector name and version, e.g. `encounter/1`'),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  details: z.record(z.string(), z.unknown()).describe('type-specific: port, zone, confidence, distances…'),
  evidence: z
    .array(evidenceRef)
    .describe('the raw AIS messages it rests on; GET /api/events/{id}/evidence shows their text'),
  detectedAt: instant,
});

export const eventPage = z.object({
  total: count,
  items: z.array(maritimeEvent),
  limit: count,
  offset: count,
});

export const eventEvidence = z.object({ event: maritimeEvent, messages: z.array(positionEvidence) });

export const eventCounts = z.object({
  items: z.array(z.object({ type: z.string(), preset: z.string(), count })),
});

export const riskReason = z.object({
  code: z
    .string()
    .describe(
      'designated_vessel, designated_owner, encounter_with_designated, dprk_port_call, dprk_zone, dark_gap, encounter, spoofing, identity_change, identity_swap, invalid_imo, shared_imo, dprk_flag, mmsi_warning, no_identity',
    ),
  points: z.number(),
  text: z.string(),
  refs: z.array(z.string()).describe('event ids, or entity ids for designation links'),
});

export const vesselRisk = z.object({
  mmsi: z.number().int(),
  score: z.number().min(0).max(100).describe('0–100: the points of the reasons, capped at 100'),
  level: z.enum(['low', 'medium', 'high']).describe('high from 60, medium from 25'),
  reasons: z.array(riskReason),
});

export const riskiestVessels = z.object({ items: z.array(vesselRisk) });

export const port = z.object({
  id: z.number().int().describe('World Port Index number'),
  name: z.string(),
  country: z.string().describe("ISO code, lowercase ('kp'); '' when unknown"),
  unlocode: z.string().describe("UN/LOCODE without the space (KPNAM); '' when the port has none"),
  lat,
  lon,
  size: z.string(),
  dprk: z.boolean(),
});

export const portsAnswer = z.object({ items: z.array(port), count });

export const zoneView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string().describe('territorial_sea, eez, military_zone or user'),
  country: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('west, south, east, north'),
  user: z.boolean(),
  source: z.string(),
  createdBy: z.string().optional(),
  createdAt: instant.optional(),
});

export const zonesAnswer = z.object({ items: z.array(zoneView) });

export const zoneFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({ id: z.string(), name: z.string(), kind: z.string(), country: z.string() }),
  geometry: z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(z.array(z.number())))),
  }),
});

// What a DELETE answers, shared with the other routes.
export { removed } from './schemas.ts';

export const detectionPreset = z.object({
  name: z.string(),
  version: z.number().int(),
  description: z.string(),
  encounter: z.object({
    maxDistanceM: z.number(),
    minDurationMin: z.number(),
    maxMedianSpeedKn: z.number(),
    minPortDistanceM: z.number(),
    maxPairGapMin: z.number(),
  }),
  loitering: z.object({
    maxSpeedKn: z.number(),
    minDurationMin: z.number(),
    minPortDistanceM: z.number(),
    maxReportGapMin: z.number(),
  }),
  gap: z.object({ minHours: z.number(), baselineHours: z.number(), cellDeg: z.number() }),
  port: z.object({ enterM: z.number(), exitM: z.number(), stopSpeedKn: z.number() }),
  spoofing: z.object({
    maxSpeedKn: z.number(),
    minJumpM: z.number(),
    jumpKm: z.number(),
    episodeGapMin: z.number(),
  }),
  zone: z.object({ confirmReports: z.number() }),
});

export const presetsAnswer = z.record(z.string(), detectionPreset);

// --- live feeds ---
export const aisFeed = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['tcp', 'udp']),
  host: z.string(),
  port: z.number().int(),
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: instant,
});

export const feedState = z.object({
  id: z.string(),
  running: z.boolean(),
  state: z.enum(['idle', 'connecting', 'connected', 'disconnected', 'retrying', 'listening', 'stopped']),
  detail: z.string().nullable(),
  since: instant.nullable(),
  lines: count,
  messages: count,
  positions: count,
  connections: count,
  lastError: z.string().nullable(),
});

export const feedsAnswer = z.object({
  managed: z.boolean().describe('whether this server runs the feeds (serve does)'),
  items: z.array(aisFeed.extend({ status: feedState.nullable() })),
});

export const feedEnabled = z.object({ id: z.string(), enabled: z.boolean() });

// --- demo ---
export const demoScenarioResult = z.object({
  scenario: z.object({
    vessels: count,
    hours: z.number(),
    seed: z.number().int(),
    start: instant,
    end: instant,
    file: z.string(),
  }),
  ingest: ingestSummary,
  detection: detectResult.nullable(),
  seconds: z.number(),
});

export type VesselPosition = z.infer<typeof vesselPosition>;
export type VesselSummary = z.infer<typeof vesselSummary>;
export type IdentityVersion = z.infer<typeof identityVersion>;
export type VesselDetail = z.infer<typeof vesselDetail>;
export type VesselPage = z.infer<typeof vesselPage>;
export type LatestPosition = z.infer<typeof latestPosition>;
export type PositionsAnswer = z.infer<typeof positionsAnswer>;
export type TrackLineFeature = z.infer<typeof trackLineFeature>;
export type TrackPointFeature = z.infer<typeof trackPointFeature>;
export type TrackCollection = z.infer<typeof trackCollection>;
export type PositionEvidence = z.infer<typeof positionEvidence>;
export type AisSource = z.infer<typeof aisSource>;
export type DetectResult = z.infer<typeof detectResult>;
export type IngestSummary = z.infer<typeof ingestSummary>;
export type IngestAnswer = z.infer<typeof ingestAnswer>;
export type EvidenceRef = z.infer<typeof evidenceRef>;
export type MaritimeEvent = z.infer<typeof maritimeEvent>;
export type EventPage = z.infer<typeof eventPage>;
export type EventEvidence = z.infer<typeof eventEvidence>;
export type RiskReason = z.infer<typeof riskReason>;
export type VesselRisk = z.infer<typeof vesselRisk>;
export type Port = z.infer<typeof port>;
export type Zone = z.infer<typeof zoneView>;
export type ZoneFeature = z.infer<typeof zoneFeature>;
export type DetectionPreset = z.infer<typeof detectionPreset>;
export type AisFeed = z.infer<typeof aisFeed>;
export type FeedState = z.infer<typeof feedState>;
export type FeedsAnswer = z.infer<typeof feedsAnswer>;
export type DemoScenarioResult = z.infer<typeof demoScenarioResult>;
