/**
 * Single-vessel detectors over one vessel's positions in time order (typed columns, one pass each, no
 * per-position allocation): AIS gaps (candidates; their coverage confidence comes later), loitering, port
 * visits, zone entries and exits, and spoofing (impossible speeds, position jumps, shared MMSIs, positions on
 * land). They also hand the encounter detector the vessel's slow positions away from ports.
 */
import { type TrackColumns, UNIT } from '../track-codec.ts';
import type { DetectionPreset } from './presets.ts';

/** What the detectors need to know about the world (see src/geo). */
export interface GeoContext {
  /** The nearest port within `maxM` metres, or null. */
  nearestPort(
    lat: number,
    lon: number,
    maxM: number,
  ): { id: string; name: string; country: string; distanceM: number } | null;
  /** Whether a position is on land (beyond the coastline tolerance). */
  isLand(lat: number, lon: number): boolean;
  /** Zones containing the position (ids and names). */
  zonesAt(lat: number, lon: number): readonly { id: string; name: string }[];
}

const KN = 1852 / 3600; // m/s per knot
const DEG = Math.PI / 180;
const R = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * DEG;
  const dLon = (lon2 - lon1) * DEG;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface GapCandidate {
  mmsi: number;
  /** Last report before the gap. */
  i: number;
  start: number;
  /** First report after it; null when the vessel has not reappeared by the end of the data. */
  end: number | null;
  lat: number;
  lon: number;
  endLat: number | null;
  endLon: number | null;
  /** Distance between the positions on either side (m). */
  distanceM: number | null;
}

export interface VesselFinding {
  type: 'loitering' | 'port_visit' | 'zone_entry' | 'zone_exit' | 'spoofing';
  start: number;
  end: number | null;
  lat: number;
  lon: number;
  details: Record<string, unknown>;
  /** Indexes of the positions it rests on. */
  evidence: number[];
}

/** Slow positions away from ports, for the encounter detector (parallel arrays, appended per vessel). */
export class SlowPoints {
  n = 0;
  t = new Float64Array(1024);
  mmsi = new Float64Array(1024);
  lat = new Float64Array(1024);
  lon = new Float64Array(1024);
  sog = new Float32Array(1024);
  src: string[] = [];
  line = new Float64Array(1024);

  push(t: number, mmsi: number, lat: number, lon: number, sog: number, src: string, line: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.mmsi[i] = mmsi;
    this.lat[i] = lat;
    this.lon[i] = lon;
    this.sog[i] = sog;
    this.src[i] = src;
    this.line[i] = line;
  }

  private grow(): void {
    const size = this.t.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.t = f64(this.t);
    this.mmsi = f64(this.mmsi);
    this.lat = f64(this.lat);
    this.lon = f64(this.lon);
    this.line = f64(this.line);
    const s = new Float32Array(size);
    s.set(this.sog);
    this.sog = s;
  }
}

/** Speed at a position: reported SOG, else implied from the previous report, else null. */
function speedAt(c: TrackColumns, i: number): number | null {
  const sog = c.sog[i] as number;
  if (sog >= 0) return sog / 10;
  if (i === 0) return null;
  const dt = ((c.t[i] as number) - (c.t[i - 1] as number)) / 1000;
  if (dt <= 0) return null;
  const d = distanceM(
    (c.lat[i - 1] as number) / UNIT,
    (c.lon[i - 1] as number) / UNIT,
    (c.lat[i] as number) / UNIT,
    (c.lon[i] as number) / UNIT,
  );
  return d / dt / KN;
}

export interface VesselResult {
  gaps: GapCandidate[];
  findings: VesselFinding[];
  /** Positions looked at (after dropping exact-time duplicates and spoofed outliers for the other detectors). */
  positions: number;
}

/**
 * Runs the single-vessel detectors on one vessel's track (sorted by time). `dataEnd` is the time of the
 * latest report in the data: a vessel silent since before `dataEnd - minHours` has an open gap.
 * Positions that spoofing marks as impossible are left out of the other detectors (a spoofed jump to a port
 * is not a port visit).
 */
export function detectVessel(
  mmsi: number,
  c: TrackColumns,
  preset: DetectionPreset,
  geo: GeoContext,
  dataEnd: number,
  slow: SlowPoints | null,
  slowMaxKn: number,
): VesselResult {
  const n = c.n;
  const findings: VesselFinding[] = [];
  const gaps: GapCandidate[] = [];
  if (n === 0) return { gaps, findings, positions: 0 };
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = (c.lat[i] as number) / UNIT;
    lon[i] = (c.lon[i] as number) / UNIT;
  }
  const outlier = detectSpoofing(c, lat, lon, preset, geo, findings);

  // --- gaps, loitering, ports, zones over the plausible positions ----------------------------------------
  const gapMs = preset.gap.minHours * 3_600_000;
  const lp = preset.loitering;
  const loiterMaxGap = lp.maxReportGapMin * 60_000;
  const loiterMin = lp.minDurationMin * 60_000;
  const pp = preset.port;
  const zp = preset.zone;
  const portProbeM = Math.max(pp.exitM, lp.minPortDistanceM, preset.encounter.minPortDistanceM);

  let prev = -1;
  // loitering run
  let runStart = -1;
  let runLast = -1;
  let runSpeedSum = 0;
  let runCount = 0;
  let runLatSum = 0;
  let runLonSum = 0;
  // port state
  let port: { id: string; name: string; country: string } | null = null;
  let portEntry = -1;
  let portStopped = false;
  let portLast = -1;
  let portMinDist = Number.POSITIVE_INFINITY;
  // zone state: confirmed set, and a pending change with its first index and count
  let zones = '';
  let zoneList: readonly { id: string; name: string }[] = [];
  let zonesKnown = false;
  let pendingKey = '';
  let pendingList: readonly { id: string; name: string }[] = [];
  let pendingFirst = -1;
  let pendingCount = 0;

  const closeLoiter = () => {
    if (runStart >= 0 && (c.t[runLast] as number) - (c.t[runStart] as number) >= loiterMin) {
      findings.push({
        type: 'loitering',
        start: c.t[runStart] as number,
        end: c.t[runLast] as number,
        lat: runLatSum / runCount,
        lon: runLonSum / runCount,
        details: {
          durationHours: round(((c.t[runLast] as number) - (c.t[runStart] as number)) / 3_600_000, 2),
          meanSpeedKn: round(runSpeedSum / runCount, 2),
          reports: runCount,
        },
        evidence: [runStart, runLast],
      });
    }
    runStart = -1;
    runCount = 0;
    runSpeedSum = 0;
    runLatSum = 0;
    runLonSum = 0;
  };
  const enterPort = (
    near: { id: string; name: string; country: string; distanceM: number },
    i: number,
    speed: number | null,
  ) => {
    port = { id: near.id, name: near.name, country: near.country };
    portEntry = i;
    portMinDist = near.distanceM;
    portStopped = speed !== null && speed < pp.stopSpeedKn;
  };
  const closePort = (end: number | null, exitIndex: number) => {
    if (port !== null && portStopped) {
      findings.push({
        type: 'port_visit',
        start: c.t[portEntry] as number,
        end,
        lat: lat[portEntry] as number,
        lon: lon[portEntry] as number,
        details: {
          port: port.name,
          portId: port.id,
          country: port.country,
          dprk: port.country === 'kp',
          // in port at the vessel's first report in the window: it arrived earlier, when is not known
          ...(portEntry === firstIndex ? { startedBeforeData: true } : {}),
          closestM: Math.round(portMinDist),
          durationHours: end === null ? null : round((end - (c.t[portEntry] as number)) / 3_600_000, 2),
        },
        evidence:
          exitIndex >= 0
            ? [portEntry, exitIndex]
            : portLast > portEntry
              ? [portEntry, portLast]
              : [portEntry],
      });
    }
    port = null;
    portStopped = false;
    portMinDist = Number.POSITIVE_INFINITY;
  };

  let positions = 0;
  let firstIndex = -1;
  for (let i = 0; i < n; i++) {
    if (outlier[i] === 1) continue;
    const t = c.t[i] as number;
    if (prev >= 0 && t === (c.t[prev] as number)) continue; // a duplicate from a second receiver
    positions++;
    if (firstIndex < 0) firstIndex = i;
    const la = lat[i] as number;
    const lo = lon[i] as number;
    if (prev >= 0 && t - (c.t[prev] as number) >= gapMs) {
      gaps.push({
        mmsi,
        i: prev,
        start: c.t[prev] as number,
        end: t,
        lat: lat[prev] as number,
        lon: lon[prev] as number,
        endLat: la,
        endLon: lo,
        distanceM: Math.round(distanceM(lat[prev] as number, lon[prev] as number, la, lo)),
      });
    }
    const speed = speedAt(c, i);
    const near = geo.nearestPort(la, lo, portProbeM);
    const portDist = near === null ? Number.POSITIVE_INFINITY : near.distanceM;

    // loitering: slow, away from ports, without long silences
    if (speed !== null && speed < lp.maxSpeedKn && portDist >= lp.minPortDistanceM) {
      if (runStart >= 0 && t - (c.t[runLast] as number) > loiterMaxGap) closeLoiter();
      if (runStart < 0) runStart = i;
      runLast = i;
      runSpeedSum += speed;
      runCount++;
      runLatSum += la;
      runLonSum += lo;
    } else if (runStart >= 0) {
      closeLoiter();
    }

    // slow positions away from ports feed the encounter detector
    if (
      slow !== null &&
      speed !== null &&
      speed < slowMaxKn &&
      portDist >= preset.encounter.minPortDistanceM
    ) {
      slow.push(t, mmsi, la, lo, speed, c.sources[c.src[i] as number] as string, c.line[i] as number);
    }

    // port visits: enter within enterM of a port, leave beyond exitM of it
    if (port === null) {
      if (near !== null && near.distanceM <= pp.enterM) {
        enterPort(near, i, speed);
      }
    } else {
      const current: { id: string } = port;
      const d =
        near !== null && near.id === current.id
          ? near.distanceM
          : distanceToPort(geo, la, lo, current.id, pp.exitM);
      if (d > pp.exitM || (prev >= 0 && t - (c.t[prev] as number) >= gapMs)) {
        // left (or went silent for a gap: the visit ends where we lost it)
        const leftAt = d > pp.exitM ? t : (c.t[prev] as number);
        closePort(leftAt, d > pp.exitM ? i : prev);
        if (near !== null && near.distanceM <= pp.enterM) {
          enterPort(near, i, speed);
        }
      } else {
        if (d < portMinDist) portMinDist = d;
        if (speed !== null && speed < pp.stopSpeedKn) portStopped = true;
        portLast = i;
      }
    }

    // zones, confirmed after `confirmReports` reports in a row
    const here = geo.zonesAt(la, lo);
    const key = here.length === 0 ? '' : here.map((z) => z.id).join('|');
    if (!zonesKnown) {
      zones = key;
      zoneList = here;
      zonesKnown = true;
    } else if (key === zones) {
      pendingCount = 0;
    } else {
      if (pendingCount > 0 && key === pendingKey) pendingCount++;
      else {
        pendingKey = key;
        pendingList = here;
        pendingFirst = i;
        pendingCount = 1;
      }
      if (pendingCount >= zp.confirmReports) {
        const before = new Set(zoneList.map((z) => z.id));
        const after = new Set(pendingList.map((z) => z.id));
        const tc = c.t[pendingFirst] as number;
        const evidence = [prevIndex(outlier, pendingFirst), pendingFirst];
        for (const z of zoneList) {
          if (!after.has(z.id)) {
            findings.push({
              type: 'zone_exit',
              start: tc,
              end: tc,
              lat: lat[pendingFirst] as number,
              lon: lon[pendingFirst] as number,
              details: { zone: z.name, zoneId: z.id },
              evidence,
            });
          }
        }
        for (const z of pendingList) {
          if (!before.has(z.id)) {
            findings.push({
              type: 'zone_entry',
              start: tc,
              end: tc,
              lat: lat[pendingFirst] as number,
              lon: lon[pendingFirst] as number,
              details: { zone: z.name, zoneId: z.id },
              evidence,
            });
          }
        }
        zones = pendingKey;
        zoneList = pendingList;
        pendingCount = 0;
      }
    }
    prev = i;
  }
  closeLoiter();
  if (port !== null) closePort(null, -1);
  if (prev >= 0 && dataEnd - (c.t[prev] as number) >= gapMs) {
    gaps.push({
      mmsi,
      i: prev,
      start: c.t[prev] as number,
      end: null,
      lat: lat[prev] as number,
      lon: lon[prev] as number,
      endLat: null,
      endLon: null,
      distanceM: null,
    });
  }
  return { gaps, findings, positions };
}

function prevIndex(outlier: Uint8Array, i: number): number {
  for (let j = i - 1; j >= 0; j--) if (outlier[j] === 0) return j;
  return i;
}

/** Distance to a given port when the nearest lookup found another (or none within its radius). */
function distanceToPort(geo: GeoContext, lat: number, lon: number, id: string, maxM: number): number {
  const p = geo.nearestPort(lat, lon, maxM);
  if (p !== null && p.id === id) return p.distanceM;
  return maxM + 1;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * Spoofing on one track. Impossible movements (implied speed above the limit over more than GPS noise) are
 * grouped into episodes; an episode that keeps alternating between two places is a shared (cloned) MMSI, one
 * that moves far is a position jump, else an impossible speed. Positions on land form their own episodes.
 * Returns a mask of positions judged implausible (1), which the other detectors skip.
 */
function detectSpoofing(
  c: TrackColumns,
  lat: Float64Array,
  lon: Float64Array,
  preset: DetectionPreset,
  geo: GeoContext,
  out: VesselFinding[],
): Uint8Array {
  const sp = preset.spoofing;
  const n = c.n;
  const outlier = new Uint8Array(n);
  const maxMs = sp.maxSpeedKn * KN;
  const episodeGap = sp.episodeGapMin * 60_000;
  // the reference is the last plausible position; an implausible one is compared with it, not with its neighbour
  let ref = 0;
  let epStart = -1;
  let epLast = -1;
  let epCount = 0;
  let epReturns = 0;
  let epMaxDist = 0;
  let epMaxSpeed = 0;
  let epFirstOff = -1;
  const evidence: number[] = [];
  const closeEpisode = () => {
    if (epStart < 0) return;
    const alternating = epCount >= 4 && epReturns >= epCount / 3;
    const kind = alternating ? 'shared_mmsi' : epMaxDist >= sp.jumpKm * 1000 ? 'jump' : 'speed';
    out.push({
      type: 'spoofing',
      start: c.t[epStart] as number,
      end: c.t[epLast] as number,
      lat: lat[epFirstOff] as number,
      lon: lon[epFirstOff] as number,
      details: {
        kind,
        violations: epCount,
        maxImpliedSpeedKn: Number.isFinite(epMaxSpeed) ? Math.round(epMaxSpeed) : null,
        maxDistanceKm: Math.round(epMaxDist / 100) / 10,
      },
      evidence: evidence.slice(0, 20),
    });
    epStart = -1;
    epCount = 0;
    epReturns = 0;
    epMaxDist = 0;
    epMaxSpeed = 0;
    evidence.length = 0;
  };
  for (let i = 1; i < n; i++) {
    const t = c.t[i] as number;
    const dt = (t - (c.t[ref] as number)) / 1000;
    const d = distanceM(lat[ref] as number, lon[ref] as number, lat[i] as number, lon[i] as number);
    const impossible = d >= sp.minJumpM && (dt <= 0 ? true : d / dt > maxMs);
    if (!impossible) {
      ref = i;
      if (epStart >= 0 && i > 0 && outlier[i - 1] === 1) epReturns++;
      if (epStart >= 0 && t - (c.t[epLast] as number) > episodeGap) closeEpisode();
      continue;
    }
    // an implausible report: part of the current episode or the start of one
    if (epStart >= 0 && t - (c.t[epLast] as number) > episodeGap) closeEpisode();
    if (epStart < 0) {
      epStart = ref;
      epFirstOff = i;
    }
    epLast = i;
    epCount++;
    if (d > epMaxDist) epMaxDist = d;
    const speed = dt <= 0 ? Number.POSITIVE_INFINITY : d / dt / KN;
    if (speed > epMaxSpeed) epMaxSpeed = speed;
    if (evidence.length === 0) evidence.push(ref);
    evidence.push(i);
    outlier[i] = 1;
    // a vessel that really moved (every later report agrees with the new place) must not stay an outlier
    // forever: after three implausible reports in a row that agree with each other, the new place is the reference
    if (i >= 2 && outlier[i - 1] === 1 && outlier[i - 2] === 1) {
      const d2 = distanceM(lat[i - 1] as number, lon[i - 1] as number, lat[i] as number, lon[i] as number);
      const dt2 = (t - (c.t[i - 1] as number)) / 1000;
      if (d2 < sp.minJumpM || (dt2 > 0 && d2 / dt2 <= maxMs)) {
        ref = i;
        outlier[i] = 0;
      }
    }
  }
  closeEpisode();

  // positions on land: runs of consecutive land reports
  let landStart = -1;
  let landLast = -1;
  let landCount = 0;
  const closeLand = () => {
    // one report on land is a glitch (and an implausible jump, reported as such); spoofing repeats
    if (landStart >= 0 && landCount >= 2) {
      out.push({
        type: 'spoofing',
        start: c.t[landStart] as number,
        end: c.t[landLast] as number,
        lat: lat[landStart] as number,
        lon: lon[landStart] as number,
        details: { kind: 'on_land', reports: landCount },
        evidence: [landStart, landLast],
      });
    }
    landStart = -1;
    landCount = 0;
  };
  for (let i = 0; i < n; i++) {
    if (geo.isLand(lat[i] as number, lon[i] as number)) {
      if (landStart < 0) landStart = i;
      landLast = i;
      landCount++;
      outlier[i] = 1;
    } else if (landStart >= 0) {
      closeLand();
    }
  }
  closeLand();
  return outlier;
}
