/**
 * The shapes the maritime API answers (vessels, tracks, positions, events, risk, zones, ports), as the web
 * app uses them. They mirror src/maritime/service.ts, events-service.ts, risk.ts, zones-service.ts and
 * src/api/{vessel,event,demo}-routes.ts; the OpenAPI document at /api/openapi.json is the reference.
 */

export interface VesselPosition {
  time: string;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
  status: number | null;
}

export interface VesselSummary {
  mmsi: number;
  name: string | null;
  imo: number | null;
  callsign: string | null;
  shipType: number | null;
  shipTypeName: string | null;
  /** ISO country code from the MMSI's MID (`kp`, `pa`), or null. */
  flag: string | null;
  flagName: string | null;
  mmsiClass: string;
  firstSeen: string;
  lastSeen: string;
  reports: number;
  positions: number;
  lastPosition: VesselPosition | null;
}

/** One version of a vessel's broadcast identity, valid over [validFrom, validTo]. */
export interface IdentityVersion {
  validFrom: string;
  validTo: string;
  imo: number | null;
  name: string | null;
  callsign: string | null;
  shipType: number | null;
  shipTypeName: string | null;
  length: number | null;
  beam: number | null;
  draught: number | null;
  destination: string | null;
  eta: string | null;
  reports: number;
}

export interface VesselDetail extends VesselSummary {
  identities: IdentityVersion[];
}

/** `GET /api/positions`: the latest position of each vessel (in a box and time window). */
export interface LatestPosition {
  mmsi: number;
  name: string | null;
  shipType: number | null;
  flag: string | null;
  mmsiClass: string;
  time: string;
  lat: number;
  lon: number;
  sog: number | null;
  cog: number | null;
  heading: number | null;
}

export interface PositionsAnswer {
  items: LatestPosition[];
  truncated: boolean;
  count: number;
}

export interface TrackLineFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number][] };
  properties: { mmsi: number; kind: 'track'; times: string[] };
}

export interface TrackPointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    mmsi: number;
    kind: 'position';
    time: string;
    sog: number | null;
    cog: number | null;
    heading: number | null;
    status: number | null;
    msgType: number;
    /** The raw sentence this position came from: source (file sha256 or feed log) and line. */
    source: string;
    line: number;
  };
}

/** `GET /api/vessels/{mmsi}/track`: a LineString, then (with points=true) one Point per position. */
export interface TrackCollection {
  type: 'FeatureCollection';
  properties: { mmsi: number; from: string; to: string; count: number; returned: number; truncated: boolean };
  features: Array<TrackLineFeature | TrackPointFeature>;
}

export type EventType =
  | 'encounter'
  | 'loitering'
  | 'gap'
  | 'port_visit'
  | 'zone_entry'
  | 'zone_exit'
  | 'spoofing'
  | 'identity_change';

export interface EvidenceRef {
  source: string;
  line: number;
}

export interface MaritimeEvent {
  id: string;
  type: EventType | string;
  /** The vessels involved (an encounter has two). */
  mmsi: number[];
  start: string;
  /** null while open (a gap whose vessel has not reappeared). */
  end: string | null;
  lat: number;
  lon: number;
  preset: string;
  /** Detector name and version, e.g. `encounter/1`. */
  algorithm: string;
  params: Record<string, number | string | boolean>;
  details: Record<string, unknown>;
  evidence: EvidenceRef[];
  detectedAt: string;
}

export interface EventPage {
  total: number;
  items: MaritimeEvent[];
  limit: number;
  offset: number;
}

/** The raw text behind one stored position. */
export interface PositionEvidence {
  source: string;
  sourceName: string;
  path: string | null;
  line: number;
  raw: string[];
  /** Why the raw text cannot be shown (the file moved or changed since ingest). */
  unavailable: string | null;
}

export interface EventEvidence {
  event: MaritimeEvent;
  messages: PositionEvidence[];
}

export interface RiskReason {
  code: string;
  points: number;
  text: string;
  /** Event ids, or entity ids for designation links (`designated_vessel`, `designated_owner`). */
  refs: string[];
}

export interface VesselRisk {
  mmsi: number;
  score: number;
  level: 'low' | 'medium' | 'high';
  reasons: RiskReason[];
}

export interface Zone {
  id: string;
  name: string;
  kind: string;
  country: string;
  /** west, south, east, north */
  bbox: [number, number, number, number];
  user: boolean;
  source: string;
  createdBy?: string;
  createdAt?: string;
}

export interface ZoneFeature {
  type: 'Feature';
  properties: { id: string; name: string; kind: string; country: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface Port {
  id: number;
  name: string;
  country: string;
  unlocode: string;
  lat: number;
  lon: number;
  size: string;
  dprk: boolean;
}

export interface DetectionPreset {
  name: string;
  version: number;
  description: string;
  [detector: string]: unknown;
}

export interface DetectResult {
  preset: string;
  presetVersion: number;
  from: string | null;
  to: string | null;
  vessels: number;
  positions: number;
  byType: Record<string, number>;
  seconds: number;
  events: number;
  alertsRaised: number;
  vesselsLinked: number | null;
}

export interface IngestSummary {
  source: string;
  file: string;
  outcome: 'ingested' | 'already' | 'resumed';
  lines: number;
  messages: number;
  positions: number;
  staticReports: number;
  vessels: number;
  days: number;
  seconds: number;
  timeFrom?: string | null;
  timeTo?: string | null;
}

/** `POST /api/demo/scenario`: what was simulated, ingested and detected. */
export interface DemoScenarioResult {
  scenario: { vessels: number; hours: number; seed: number; start: string; end: string; file: string };
  ingest: IngestSummary;
  detection: DetectResult | null;
  seconds: number;
}
