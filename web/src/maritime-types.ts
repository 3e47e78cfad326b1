/**
 * The shapes the maritime API answers (vessels, tracks, positions, events, risk, zones, ports, presets,
 * feeds, the demo scenario). They are the server's own response schemas (src/api/maritime-schemas.ts), read
 * as types only: nothing of the server is bundled, and a change to an answer shows up here at type-check.
 */
export type {
  AisFeed,
  AisSource,
  DemoScenarioResult,
  DetectionPreset,
  DetectResult,
  EventEvidence,
  EventPage,
  EvidenceRef,
  FeedState,
  FeedsAnswer,
  IdentityVersion,
  IngestAnswer,
  IngestSummary,
  LatestPosition,
  MaritimeEvent,
  Port,
  PositionEvidence,
  PositionsAnswer,
  TrackCollection,
  TrackLineFeature,
  TrackPointFeature,
  VesselDetail,
  VesselPosition,
  VesselRisk,
  VesselSummary,
  Zone,
  ZoneFeature,
} from '../../src/api/maritime-schemas.ts';
