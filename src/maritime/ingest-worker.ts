/**
 * The decoding half of a file ingest, on the second core: raw chunks in (transferred), observations out —
 * positions as columns (transferred typed arrays, no object per position), static reports as plain objects —
 * one answer per chunk, with the number of lines read so far (the resume point once the batch is stored).
 */
import { parentPort } from 'node:worker_threads';
import { type DecodedMessage, Decoder, type DecoderCounters } from '../ais/index.ts';
import { type Observation, observationsOf, type StaticObservation } from '../ais/observation.ts';

export interface PositionColumns {
  n: number;
  mmsi: Float64Array;
  t: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  /** NaN = not available. */
  sog: Float64Array;
  cog: Float64Array;
  heading: Float64Array;
  status: Float64Array;
  msgType: Uint8Array;
  line: Float64Array;
}

export type WorkerRequest =
  | { kind: 'chunk'; bytes: ArrayBuffer }
  | { kind: 'end' }
  | { kind: 'start'; futureLimit: number; clock?: number };

export type WorkerAnswer =
  | {
      kind: 'observations';
      positions: PositionColumns;
      statics: StaticObservation[];
      lines: number;
      counters: DecoderCounters;
    }
  | {
      kind: 'done';
      positions: PositionColumns;
      statics: StaticObservation[];
      lines: number;
      counters: DecoderCounters;
      noTime: number;
      future: number;
    };

function columns(capacity: number): PositionColumns {
  return {
    n: 0,
    mmsi: new Float64Array(capacity),
    t: new Float64Array(capacity),
    lat: new Float64Array(capacity),
    lon: new Float64Array(capacity),
    sog: new Float64Array(capacity),
    cog: new Float64Array(capacity),
    heading: new Float64Array(capacity),
    status: new Float64Array(capacity),
    msgType: new Uint8Array(capacity),
    line: new Float64Array(capacity),
  };
}

function grow(c: PositionColumns): PositionColumns {
  const next = columns(c.mmsi.length * 2);
  next.n = c.n;
  next.mmsi.set(c.mmsi);
  next.t.set(c.t);
  next.lat.set(c.lat);
  next.lon.set(c.lon);
  next.sog.set(c.sog);
  next.cog.set(c.cog);
  next.heading.set(c.heading);
  next.status.set(c.status);
  next.msgType.set(c.msgType);
  next.line.set(c.line);
  return next;
}

const transferables = (c: PositionColumns): ArrayBuffer[] =>
  [c.mmsi, c.t, c.lat, c.lon, c.sog, c.cog, c.heading, c.status, c.msgType, c.line].map(
    (a) => a.buffer as ArrayBuffer,
  );

if (parentPort) {
  const port = parentPort;
  const decoder = new Decoder();
  let futureLimit = Number.POSITIVE_INFINITY;
  let clock: number | undefined;
  let noTime = 0;
  let future = 0;
  let pos = columns(16_384);
  let statics: StaticObservation[] = [];
  const out: Observation[] = [];
  const onMessage = (m: DecodedMessage) => {
    if (m.receivedAt === null) {
      noTime++;
      return;
    }
    if (m.receivedAt > futureLimit) {
      future++;
      return;
    }
    out.length = 0;
    observationsOf(m, out);
    for (const o of out) {
      if (o.kind === 'static') {
        statics.push(o);
        continue;
      }
      if (pos.n === pos.mmsi.length) pos = grow(pos);
      const i = pos.n++;
      pos.mmsi[i] = o.mmsi;
      pos.t[i] = o.t;
      pos.lat[i] = o.lat;
      pos.lon[i] = o.lon;
      pos.sog[i] = o.sog ?? Number.NaN;
      pos.cog[i] = o.cog ?? Number.NaN;
      pos.heading[i] = o.heading ?? Number.NaN;
      pos.status[i] = o.status ?? Number.NaN;
      pos.msgType[i] = o.msgType;
      pos.line[i] = o.line;
    }
  };
  const send = (kind: 'observations' | 'done') => {
    const lines = decoder.counters.lines;
    const positions = pos;
    const message: WorkerAnswer =
      kind === 'observations'
        ? { kind, positions, statics, lines, counters: decoder.counters }
        : { kind, positions, statics, lines, counters: decoder.counters, noTime, future };
    port.postMessage(message, transferables(positions));
    pos = columns(Math.max(16_384, positions.n));
    statics = [];
  };
  port.on('message', (req: WorkerRequest) => {
    if (req.kind === 'start') {
      futureLimit = req.futureLimit;
      clock = req.clock;
    } else if (req.kind === 'chunk') {
      decoder.pushChunk(new Uint8Array(req.bytes), onMessage, clock);
      send('observations');
    } else {
      decoder.endChunks(onMessage, clock);
      decoder.finish();
      send('done');
    }
  });
}
