/**
 * Scenario simulator: realistic AIS NMEA for a region and period, with planted behaviours and their ground
 * truth. See README.md.
 */
export { type CloseRun, findViolations, type SlowRun } from './check.ts';
export { type EmitResult, type EmitStats, emitScenario } from './emit.ts';
export { loadSimGeo, type SimGeo } from './geo.ts';
export { imoCheckDigit } from './identity.ts';
export type { IdentityVersion, Outage, ScenarioPlan, SimVessel, SpoofEpisode, TruthDraft } from './model.ts';
export { mmsiAt, transmitting } from './model.ts';
export {
  DEFAULT_OPTIONS,
  DEFAULT_START,
  defaultPlantCounts,
  NO_PLANTS,
  type PlantCounts,
  resolveOptions,
  type SimOptions,
} from './options.ts';
export { planScenario } from './plan.ts';
export { Rng } from './prng.ts';
export { REGIONS, type RegionPreset, regionByName, YELLOW_SEA } from './regions.ts';
export {
  type ScenarioManifest,
  type ScenarioSummary,
  streamScenario,
  truthCounts,
  type WriteOptions,
  writeScenario,
} from './writer.ts';
