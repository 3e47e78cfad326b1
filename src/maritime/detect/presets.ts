/**
 * Detection parameters as named, versioned presets. Every event stores its preset, version and the values
 * used, so a figure can always be traced to the exact definition that produced it. Change a preset's values
 * only with a new version.
 */

export interface EncounterParams {
  /** Both vessels within this distance (m)… */
  maxDistanceM: number;
  /** …for at least this long (minutes)… */
  minDurationMin: number;
  /** …with the median speed of both under this (knots)… */
  maxMedianSpeedKn: number;
  /** …at least this far from any port (m). */
  minPortDistanceM: number;
  /** A pair stays together across missing reports up to this long (minutes). */
  maxPairGapMin: number;
}

export interface LoiteringParams {
  maxSpeedKn: number;
  minDurationMin: number;
  minPortDistanceM: number;
  /** Reports further apart than this (minutes) end a loitering run (the vessel went quiet). */
  maxReportGapMin: number;
}

export interface GapParams {
  /** No report for at least this long (hours). */
  minHours: number;
  /** Coverage: hours before the gap that give the area's normal message rate. */
  baselineHours: number;
  /** Coverage cell size (degrees). */
  cellDeg: number;
}

export interface PortParams {
  /** A visit starts within this distance of a port (m)… */
  enterM: number;
  /** …and ends beyond this one (hysteresis). */
  exitM: number;
  /** It counts only if the vessel stopped (speed under this, knots) during it. */
  stopSpeedKn: number;
}

export interface SpoofingParams {
  /** Implied speed between consecutive reports above this is impossible for a ship (knots). */
  maxSpeedKn: number;
  /** Movements shorter than this (m) are GPS noise, whatever the implied speed. */
  minJumpM: number;
  /** A violation moving at least this far (km) is a position jump. */
  jumpKm: number;
  /** Violations closer than this in time (minutes) are one episode. */
  episodeGapMin: number;
}

export interface ZoneParams {
  /** Reports in a row needed to confirm a zone change (GPS noise on a boundary). */
  confirmReports: number;
}

export interface DetectionPreset {
  name: string;
  version: number;
  description: string;
  encounter: EncounterParams;
  loitering: LoiteringParams;
  gap: GapParams;
  port: PortParams;
  spoofing: SpoofingParams;
  zone: ZoneParams;
}

/** Global Fishing Watch's published definitions (pipe-encounters, pipe-loitering, pipe-gaps, pipe-anchorages). */
const GFW: DetectionPreset = {
  name: 'gfw',
  version: 1,
  description:
    'Global Fishing Watch definitions: encounters within 500 m for 2 h at a median speed under 2 kn, 10 km from ports; loitering under 2 kn for 4 h; gaps of 12 h; port visits enter 3 km / exit 4 km',
  encounter: {
    maxDistanceM: 500,
    minDurationMin: 120,
    maxMedianSpeedKn: 2,
    minPortDistanceM: 10_000,
    maxPairGapMin: 60,
  },
  loitering: { maxSpeedKn: 2, minDurationMin: 240, minPortDistanceM: 10_000, maxReportGapMin: 120 },
  gap: { minHours: 12, baselineHours: 24, cellDeg: 0.5 },
  port: { enterM: 3000, exitM: 4000, stopSpeedKn: 0.5 },
  spoofing: { maxSpeedKn: 50, minJumpM: 1000, jumpKm: 100, episodeGapMin: 60 },
  zone: { confirmReports: 2 },
};

export const PRESETS: Record<string, DetectionPreset> = {
  gfw: GFW,
  rendezvous: {
    ...GFW,
    name: 'rendezvous',
    description:
      'Skylight standard rendezvous: within 250 m for 30 min at under 4 kn, 10 km from shore; other detectors as gfw',
    encounter: {
      maxDistanceM: 250,
      minDurationMin: 30,
      maxMedianSpeedKn: 4,
      minPortDistanceM: 10_000,
      maxPairGapMin: 20,
    },
  },
  sensitive: {
    ...GFW,
    name: 'sensitive',
    description: 'As gfw with gaps from 6 h (regions with dense coverage, such as coastal receivers)',
    gap: { ...GFW.gap, minHours: 6 },
  },
};

export const DEFAULT_PRESET = 'gfw';

export function presetByName(name: string): DetectionPreset {
  const p = PRESETS[name];
  if (!p) throw new Error(`unknown detection preset "${name}" (known: ${Object.keys(PRESETS).join(', ')})`);
  return p;
}

/** The parameters of one detector as stored with its events (flat, with the preset version). */
export function paramsOf(
  preset: DetectionPreset,
  detector: keyof Omit<DetectionPreset, 'name' | 'version' | 'description'>,
): Record<string, number | string | boolean> {
  return { presetVersion: preset.version, ...(preset[detector] as unknown as Record<string, number>) };
}
