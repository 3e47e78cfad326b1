/**
 * The planned scenario: vessels (transmitters) with their noiseless tracks, identities over time, dark
 * windows and spoofing episodes, and the ground truth drafted from the plan. Emission (emit.ts) turns it
 * into NMEA and completes the truth records that depend on what was actually emitted (gap and identity
 * times, spoofed positions).
 */
import type { EventType, SpoofingKind } from '../maritime/events.ts';
import type { SimGeo } from './geo.ts';
import type { Identity, VesselKind } from './identity.ts';
import type { LaneNetwork } from './network.ts';
import type { SimOptions } from './options.ts';
import type { RegionPreset, Station } from './regions.ts';
import type { Track } from './track.ts';

export interface IdentityVersion {
  /** From this time on (ms); the first version starts at -Infinity. */
  from: number;
  identity: Identity;
}

export interface Voyage {
  /** From this time on the vessel reports this destination (type 5). */
  from: number;
  destination: string;
  /** Expected arrival (ms), or null. */
  eta: number | null;
}

export interface SpoofEpisode {
  kind: SpoofingKind;
  t0: number;
  t1: number;
  /**
   * Reported position = true position + w(t) × (dLat, dLon), with w ramping 0→1 over `rampMs` after t0
   * and 1→0 over `rampMs` before t1 (0 ramp: a sudden displacement).
   */
  dLat: number;
  dLon: number;
  rampMs: number;
  /** Index of its truth draft. */
  truth: number;
}

export interface SimVessel {
  index: number;
  role: VesselKind | 'clone';
  classB: boolean;
  /** Background traffic: must never meet the encounter/loitering definitions by accident. */
  background: boolean;
  /** What was planted on this vessel, in words. */
  labels: string[];
  identities: IdentityVersion[];
  track: Track;
  /** The transmitter exists only in [activeFrom, activeTo) (a clone broadcasting a stolen MMSI). */
  activeFrom: number;
  activeTo: number;
  /** Transmitter switched off, [from, to) sorted; `to` may be Infinity. */
  dark: [number, number][];
  spoof: SpoofEpisode[];
  voyages: Voyage[];
  /** Vessels this one meets on purpose (exempt from the accidental-encounter check). */
  partners: number[];
  /** Re-plans the vessel's motion with another random draw (repair of accidental encounters). */
  replan: ((attempt: number) => void) | null;
  /** Taken out of the scenario (background that could not be re-planned clear of others). */
  removed?: boolean;
}

/** How the emitter completes a truth draft from what it emitted. */
export type TruthResolution =
  | { kind: 'fixed' }
  /** start = last position emitted before `off`, end = first emitted at or after `on` (null: open). */
  | { kind: 'gap'; vessel: number; off: number; on: number | null }
  /** start = last static report with version `from` (or earlier), end = first with version `to`. */
  | { kind: 'identity_change'; vessels: number[]; fromVersion: number; toVersion: number }
  /** start/end = first/last static report carrying version `version` of each listed vessel (overlap). */
  | { kind: 'identity_span'; vessels: number[]; versions: number[] }
  /**
   * start/end = first/last emitted position of the episode (on_land: the first/last one on land); episode -1:
   * of the whole active window of the vessel (a clone transmitting a stolen MMSI).
   */
  | { kind: 'spoof'; vessel: number; episode: number };

export interface TruthDraft {
  type: EventType;
  mmsi: number[];
  start: number;
  end: number | null;
  lat: number;
  lon: number;
  details: Record<string, unknown>;
  label: string;
  resolve: TruthResolution;
  /** Set when the emitter could not observe it (e.g. every report of a spoofing episode was lost). */
  dropped?: boolean;
}

export interface Outage {
  station: string;
  lat: number;
  lon: number;
  radiusM: number;
  from: number;
  to: number;
}

export interface ScenarioPlan {
  options: SimOptions;
  geo: SimGeo;
  region: RegionPreset;
  network: LaneNetwork;
  start: number;
  end: number;
  vessels: SimVessel[];
  truth: TruthDraft[];
  outages: Outage[];
  stations: readonly Station[];
  /** Planning statistics (repairs, vessels dropped, plants that found no place). */
  stats: Record<string, number>;
  warnings: string[];
}

/** Whether the vessel's transmitter is on at t (inside its active window and outside its dark windows). */
export function transmitting(v: SimVessel, t: number): boolean {
  if (t < v.activeFrom || t >= v.activeTo) return false;
  for (const [a, b] of v.dark) if (t >= a && t < b) return false;
  return true;
}

/** The MMSI the vessel transmits at t (a reflagged vessel changes it). */
export function mmsiAt(v: SimVessel, t: number): number {
  let id = v.identities[0].identity;
  for (const version of v.identities) if (version.from <= t) id = version.identity;
  return id.mmsi;
}
