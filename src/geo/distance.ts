/**
 * Distances on a spherical Earth (mean radius 6,371,008.8 m, IUGG). The sphere differs from the WGS84
 * ellipsoid by at most about 0.5% in distance, far below AIS position noise for detection thresholds
 * (500 m, 10 km, 50 nm). Latitudes and longitudes are degrees, WGS84, and every function takes
 * `(lat, lon)` in that order (GeoJSON coordinates are `[lon, lat]`: convert at the edges).
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** One international nautical mile, metres. */
export const METRES_PER_NM = 1852;
/** Metres per degree of latitude (and of longitude at the equator) on the sphere. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Great-circle distance in metres (haversine; stable for short and long distances). */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLon = Math.sin(((lon2 - lon1) * RAD) / 2);
  const a = sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLon * sinDLon;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Fast distance in metres for short distances: the equirectangular projection at the mean latitude
 * (one cosine, one square root; the longitude difference is wrapped, so it is right across the
 * antimeridian). Relative error against `haversineM`, measured on random pairs with both ends at
 * |lat| <= 80° (distance.test.ts pins these): <= 0.001% up to 10 km, <= 0.05% up to 100 km, <= 1% up to
 * 500 km (<= 0.01% / 0.2% at 100 / 500 km when |lat| <= 70°). Use it for thresholds such as 500 m
 * encounters or 10 km from shore; use `haversineM` for longer distances or near the poles.
 */
export function equirectangularM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  let dLon = lon2 - lon1;
  if (dLon > 180) dLon -= 360;
  else if (dLon < -180) dLon += 360;
  const x = dLon * Math.cos(((lat1 + lat2) / 2) * RAD);
  const y = lat2 - lat1;
  return Math.sqrt(x * x + y * y) * METRES_PER_DEGREE;
}

/** Initial bearing (forward azimuth) from point 1 towards point 2, degrees clockwise from north in [0, 360). */
export function initialBearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = lat1 * RAD;
  const phi2 = lat2 * RAD;
  const dLambda = (lon2 - lon1) * RAD;
  const y = Math.sin(dLambda) * Math.cos(phi2);
  const x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
  const deg = Math.atan2(y, x) * DEG;
  return deg < 0 ? deg + 360 : deg >= 360 ? deg - 360 : deg;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** The point reached from (lat, lon) after `distanceM` metres along a great circle starting at `bearingDeg`. */
export function destinationPoint(lat: number, lon: number, bearingDeg: number, distanceM: number): LatLon {
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearingDeg * RAD;
  const phi1 = lat * RAD;
  const lambda1 = lon * RAD;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 =
    lambda1 +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
      Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2),
    );
  return { lat: phi2 * DEG, lon: normalizeLon(lambda2 * DEG) };
}

/** Longitude wrapped into [-180, 180). */
export function normalizeLon(lon: number): number {
  if (lon >= -180 && lon < 180) return lon;
  const wrapped = (((lon + 180) % 360) + 360) % 360;
  return wrapped - 180;
}

export function nmToM(nm: number): number {
  return nm * METRES_PER_NM;
}
export function mToNm(m: number): number {
  return m / METRES_PER_NM;
}
export function kmToM(km: number): number {
  return km * 1000;
}
export function mToKm(m: number): number {
  return m / 1000;
}
export function nmToKm(nm: number): number {
  return (nm * METRES_PER_NM) / 1000;
}
export function kmToNm(km: number): number {
  return (km * 1000) / METRES_PER_NM;
}
/** Knots (nautical miles per hour) to metres per second. */
export function knotsToMps(knots: number): number {
  return (knots * METRES_PER_NM) / 3600;
}
/** Metres per second to knots. */
export function mpsToKnots(mps: number): number {
  return (mps * 3600) / METRES_PER_NM;
}
/** Speed in knots for `distanceM` metres covered in `seconds`. */
export function speedKnots(distanceM: number, seconds: number): number {
  return mpsToKnots(distanceM / seconds);
}
