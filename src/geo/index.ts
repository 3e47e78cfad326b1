/**
 * Geography for the maritime detectors and the scenario simulator: distances, land and coast, ports,
 * zones. Pure (files in, answers out; no database, no HTTP). See README.md for sources, licences,
 * tolerances and speeds.
 */

export { type DefaultGeo, loadDefaultGeo } from './defaults.ts';
export {
  destinationPoint,
  EARTH_RADIUS_M,
  equirectangularM,
  haversineM,
  initialBearingDeg,
  kmToM,
  kmToNm,
  knotsToMps,
  type LatLon,
  METRES_PER_DEGREE,
  METRES_PER_NM,
  mpsToKnots,
  mToKm,
  mToNm,
  nmToKm,
  nmToM,
  normalizeLon,
  speedKnots,
} from './distance.ts';
export {
  DEFAULT_LAND_TOLERANCE_M,
  LandIndex,
  type LandOptions,
  type LandResolution,
  type LoadLandOptions,
  landDataPath,
  landPolygonsFromTopology,
  loadLand,
} from './land.ts';
export {
  type BBox,
  bboxOf,
  cutAtAntimeridian,
  distanceToBoundaryNaiveM,
  PolygonIndex,
  type PolygonIndexOptions,
  type PolygonRings,
  type Position,
  pointInPolygonsNaive,
  polygonsOf,
  type Ring,
} from './polygons.ts';
export {
  loadPortIndex,
  loadPorts,
  type Port,
  type PortHit,
  PortIndex,
  parsePortsCsv,
  portsDataPath,
} from './ports.ts';
export {
  type DefaultZonesOptions,
  loadDefaultZones,
  MAX_ZONE_VERTICES,
  type Zone,
  type ZoneFromGeoJsonOptions,
  ZoneIndex,
  type ZoneIndexOptions,
  type ZoneKind,
  ZoneValidationError,
  zoneFromGeoJson,
} from './zones.ts';
