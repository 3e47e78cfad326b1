/**
 * Maritime events: what the detectors find in tracks, in one shape for storage, the API, exports and the
 * simulator's ground truth. Times are ms since the epoch here and ISO 8601 UTC in every export.
 */

export const EVENT_TYPES = [
  'encounter',
  'loitering',
  'gap',
  'port_visit',
  'zone_entry',
  'zone_exit',
  'spoofing',
  'identity_change',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** `details.kind` of spoofing events. */
export type SpoofingKind = 'speed' | 'jump' | 'on_land' | 'shared_mmsi';

/** `details.kind` of identity events. */
export type IdentityKind =
  | 'name'
  | 'imo'
  | 'callsign'
  | 'ship_type'
  | 'flag'
  | 'swap'
  | 'invalid_imo'
  | 'mid_mismatch'
  | 'imo_multiple_mmsi';

/** A raw message an event rests on: its source (file sha256 or feed log) and line. */
export interface EvidenceRef {
  source: string;
  line: number;
}

export interface MaritimeEvent {
  /** Stable for the same inputs and preset: a hash of type, vessels, start and preset. */
  id: string;
  type: EventType;
  /** The vessels involved (an encounter has two, sorted). */
  mmsi: number[];
  start: number;
  /** null while open (a gap whose vessel has not reappeared). */
  end: number | null;
  /** Where it happened (an encounter: its midpoint; a gap: where the vessel was last seen). */
  lat: number;
  lon: number;
  preset: string;
  /** Detector name and version, e.g. `encounter/1`. */
  algorithm: string;
  params: Record<string, number | string | boolean>;
  /** Type-specific: port name, zone name, gap confidence, distances, speeds, old/new values… */
  details: Record<string, unknown>;
  evidence: EvidenceRef[];
}

/** A planted behaviour of a simulated scenario, in the shape detectors' events are compared with. */
export interface TruthRecord {
  type: EventType;
  mmsi: number[];
  start: string;
  end: string | null;
  lat: number;
  lon: number;
  /** e.g. `details.kind` for spoofing and identity events, `port` for port visits, `zone` for zone events. */
  details: Record<string, unknown>;
  /** What the simulator planted, in words (for reports). */
  label: string;
}

/**
 * What tells apart two events of one type, vessels and start: the kind (spoofing, identity), the zone or the
 * port. Part of an event's id and of its preset-independent subject (alerts).
 */
export function eventDiscriminator(details: Record<string, unknown>): string {
  return String(details.kind ?? details.zoneId ?? details.portId ?? '');
}
