/**
 * What the maritime layer keeps of an AIS message, whatever it came from (NMEA decoded here, a CSV of decoded
 * positions, a live feed): a position of a vessel at a time, or a piece of its static identity. Ingest, the
 * identity history and the track store consume only these, so every input format converges here.
 */
import type { AisRecord } from './decode.ts';
import type { DecodedMessage } from './index.ts';

/** Where an observation came from: a file (sha256) and line, or a feed and its receive time. */
export interface ObservationOrigin {
  /** Source id in the store (a file's sha256, or `feed:<name>`). */
  source: string;
  /** 1-based line number in a file; for feeds, the sequence number of the line in the session. */
  line: number;
}

export interface PositionObservation {
  kind: 'position';
  mmsi: number;
  /** Receive time, ms since the epoch (UTC). */
  t: number;
  lat: number;
  lon: number;
  /** Knots; null when not available. */
  sog: number | null;
  /** Degrees true; null when not available. */
  cog: number | null;
  /** Degrees true; null when not available. */
  heading: number | null;
  /** Navigational status 0–15 (Class A); null for Class B and other reports without one. */
  status: number | null;
  /** AIS message type (1, 2, 3, 18, 19, 27, 4, 9, 21…); 0 when the input (a CSV) does not say. */
  msgType: number;
  line: number;
}

/**
 * A static/voyage report. Fields a message does not carry are `undefined` (a type 24 part A carries only the
 * name); `null` means the message says "not available".
 */
export interface StaticObservation {
  kind: 'static';
  mmsi: number;
  t: number;
  msgType: number;
  imo?: number | null;
  name?: string | null;
  callsign?: string | null;
  shipType?: number | null;
  /** Length and beam in metres (bow+stern, port+starboard); null when unknown (0). */
  length?: number | null;
  beam?: number | null;
  draught?: number | null;
  destination?: string | null;
  /** ETA as reported, `MM-DDTHH:MM` (AIS carries no year); null when not available. */
  eta?: string | null;
  line: number;
}

export type Observation = PositionObservation | StaticObservation;

function text(value: string): string | null {
  return value === '' ? null : value;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function dims(a: number, b: number): number | null {
  return a === 0 && b === 0 ? null : a + b;
}

/**
 * The observations of one decoded message (0, 1 or 2: a type 19 is both a position and a static report).
 * Messages without a receive time give none: a position at an unknown time cannot be placed on a track.
 * Base stations (4, 11), aids to navigation (21) and SAR aircraft (9) are positions too: the map shows them and
 * the detectors filter by MMSI class.
 */
export function observationsOf(m: DecodedMessage, out: Observation[]): void {
  const t = m.receivedAt;
  if (t === null) return;
  const d: AisRecord = m.data;
  switch (d.type) {
    case 1:
    case 2:
    case 3:
      if (d.lat !== null && d.lon !== null) {
        out.push({
          kind: 'position',
          mmsi: d.mmsi,
          t,
          lat: d.lat,
          lon: d.lon,
          sog: d.speed,
          cog: d.course,
          heading: d.heading,
          status: d.status,
          msgType: d.type,
          line: m.line,
        });
      }
      return;
    case 18:
    case 19:
      if (d.lat !== null && d.lon !== null) {
        out.push({
          kind: 'position',
          mmsi: d.mmsi,
          t,
          lat: d.lat,
          lon: d.lon,
          sog: d.speed,
          cog: d.course,
          heading: d.heading,
          status: null,
          msgType: d.type,
          line: m.line,
        });
      }
      if (d.type === 19) {
        out.push({
          kind: 'static',
          mmsi: d.mmsi,
          t,
          msgType: 19,
          name: text(d.shipname),
          shipType: d.shiptype === 0 ? null : d.shiptype,
          length: dims(d.toBow, d.toStern),
          beam: dims(d.toPort, d.toStarboard),
          line: m.line,
        });
      }
      return;
    case 27:
    case 9:
    case 4:
    case 11:
    case 21:
      if (d.lat !== null && d.lon !== null) {
        out.push({
          kind: 'position',
          mmsi: d.mmsi,
          t,
          lat: d.lat,
          lon: d.lon,
          sog: d.type === 27 || d.type === 9 ? d.speed : null,
          cog: d.type === 27 || d.type === 9 ? d.course : null,
          heading: null,
          status: d.type === 27 ? d.status : null,
          msgType: d.type,
          line: m.line,
        });
      }
      if (d.type === 21) {
        out.push({ kind: 'static', mmsi: d.mmsi, t, msgType: 21, name: text(d.name), line: m.line });
      }
      return;
    case 5:
      out.push({
        kind: 'static',
        mmsi: d.mmsi,
        t,
        msgType: 5,
        imo: d.imo,
        name: text(d.shipname),
        callsign: text(d.callsign),
        shipType: d.shiptype === 0 ? null : d.shiptype,
        length: dims(d.toBow, d.toStern),
        beam: dims(d.toPort, d.toStarboard),
        draught: d.draught,
        destination: text(d.destination),
        eta:
          d.etaMonth === null || d.etaDay === null
            ? null
            : `${pad2(d.etaMonth)}-${pad2(d.etaDay)}T${pad2(d.etaHour ?? 0)}:${pad2(d.etaMinute ?? 0)}`,
        line: m.line,
      });
      return;
    case 24:
      if (d.part === 'A') {
        out.push({ kind: 'static', mmsi: d.mmsi, t, msgType: 24, name: text(d.shipname), line: m.line });
      } else {
        out.push({
          kind: 'static',
          mmsi: d.mmsi,
          t,
          msgType: 24,
          callsign: text(d.callsign),
          shipType: d.shiptype === 0 ? null : d.shiptype,
          length: d.mothershipMmsi === null ? dims(d.toBow, d.toStern) : undefined,
          beam: d.mothershipMmsi === null ? dims(d.toPort, d.toStarboard) : undefined,
          line: m.line,
        });
      }
      return;
    default:
      return;
  }
}
