import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { missingShared, sharedFile } from '../config/paths.ts';
import {
  CsvLayoutError,
  type CsvReadOptions,
  type CsvSummary,
  detectCsvLayout,
  mappedCsvLayout,
  parseColumnMapping,
  readPositionCsv,
  splitRow,
} from './csv-positions.ts';
import type { Observation, PositionObservation, StaticObservation } from './observation.ts';

async function* chunksOf(data: string | Buffer, size: number): AsyncGenerator<Buffer> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(
  data: string | Buffer,
  options: CsvReadOptions = {},
  chunk = 1 << 16,
): Promise<{ obs: Observation[]; summary: CsvSummary }> {
  const obs: Observation[] = [];
  const summary = await readPositionCsv(chunksOf(data, chunk), options, (o) => {
    obs.push(o);
  });
  return { obs, summary };
}

const positions = (obs: Observation[]) => obs.filter((o): o is PositionObservation => o.kind === 'position');
const statics = (obs: Observation[]) => obs.filter((o): o is StaticObservation => o.kind === 'static');

const NOAA_HEADER =
  'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass';
const NOAA = [
  NOAA_HEADER,
  '367596940,2023-01-01T00:00:01,29.93115,-89.99286,0.0,360.0,511.0,HOUMA,IMO9241061,WDH7302,31,0,21,8,3.0,31,A',
  '338075892,2023-01-01T00:00:03,47.60543,-122.33926,102.3,219.4,511,,,,37,,,,,,B',
  '367000001,2023-01-01T00:00:04,91.0,181.0,,,,NO FIX,,,70,,,,,,A',
  '367000002,2023-01-01T00:00:05,95.1,-89.9,1.0,1.0,1,,,,,,,,,,A',
  '367000003,2023-13-01T00:00:05,29.9,-89.9,1.0,1.0,1,,,,,,,,,,A',
  'abc,2023-01-01T00:00:05,29.9,-89.9,1.0,1.0,1,,,,,,,,,,A',
  '367000004,2023-01-01T00:00:06,29.9,-89.9,1.2,45.0,44',
  '367596940,2023-01-01T00:01:01,29.932,-89.99,12.5,90.5,91,HOUMA,IMO9241061,WDH7302,31,0,21,8,3.0,31,A',
  '367000005,2023-01-01T00:00:06,90,-180,1.0,-49.6,359.9,,,,,15,,,,,A',
  '',
].join('\n');

test('NOAA MarineCadastre: sentinels to null, IMO prefix, class A/B, rejections by reason with lines', async () => {
  const { obs, summary } = await read(NOAA);
  assert.equal(summary.layout.name, 'noaa');
  assert.equal(summary.lines, 10);
  assert.equal(summary.rows, 9);
  assert.deepEqual(summary.rejected, { malformed: 1, tooLong: 0, badMmsi: 1, badTime: 1, badPosition: 1 });
  assert.deepEqual(summary.firstRejectedLines, {
    malformed: [8],
    tooLong: [],
    badMmsi: [7],
    badTime: [6],
    badPosition: [5],
  });
  assert.equal(summary.noPosition, 1);
  const p = positions(obs);
  assert.deepEqual(
    p.map((x) => x.line),
    [2, 3, 9, 10],
  );
  assert.deepEqual(p[0], {
    kind: 'position',
    mmsi: 367596940,
    t: Date.UTC(2023, 0, 1, 0, 0, 1),
    lat: 29.93115,
    lon: -89.99286,
    sog: 0,
    cog: null,
    heading: null,
    status: 0,
    msgType: 1,
    line: 2,
  });
  // class B: no navigational status; SOG 102.3 is "not available"
  assert.equal(p[1].msgType, 18);
  assert.equal(p[1].status, null);
  assert.equal(p[1].sog, null);
  assert.equal(p[1].cog, 219.4);
  // the edges of the range are positions; a negative COG is not a course
  assert.deepEqual([p[3].lat, p[3].lon, p[3].cog, p[3].heading, p[3].status], [90, -180, null, 359.9, 15]);
  const s = statics(obs);
  assert.deepEqual(s[0], {
    kind: 'static',
    mmsi: 367596940,
    t: Date.UTC(2023, 0, 1, 0, 0, 1),
    msgType: 5,
    imo: 9241061,
    name: 'HOUMA',
    callsign: 'WDH7302',
    shipType: 31,
    length: 21,
    beam: 8,
    draught: 3,
    line: 2,
  });
  assert.deepEqual(
    { msgType: s[1].msgType, shipType: s[1].shipType, name: s[1].name, imo: s[1].imo },
    { msgType: 24, shipType: 37, name: null, imo: null },
  );
  // no position, but the identity is kept
  assert.equal(s[2].mmsi, 367000001);
  assert.equal(s[2].name, 'NO FIX');
  // the same identity again (line 9) is not repeated
  assert.equal(s.length, 3);
  assert.equal(summary.statics, 3);
  assert.equal(summary.positions, 4);
  assert.equal(summary.vessels, 4);
});

test('statics: "all" repeats every row\'s identity, "none" gives positions only', async () => {
  const all = await read(NOAA, { statics: 'all' });
  assert.deepEqual(
    statics(all.obs).map((s) => s.line),
    [2, 3, 4, 9],
  );
  const none = await read(NOAA, { statics: 'none' });
  assert.equal(statics(none.obs).length, 0);
  assert.equal(positions(none.obs).length, 4);
});

const DMA_HEADER =
  '# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D';
const DMA = [
  DMA_HEADER,
  '01/03/2024 00:00:00,Base Station,2190064,56.716570,11.519047,Unknown value,,,,,Unknown,Unknown,,Undefined,,,,GPS,,Unknown,,AIS,,,,',
  '01/03/2024 00:00:01,Class A,219012382,57.123067,8.597717,Under way using engine,0.0,0.0,,237,Unknown,OXQX2,GOLIATH VIG,Tug,,6,18,GPS,2.7,HANSTHOLM;,29/10/2024 07:00:00,AIS,5,13,3,3',
  '01/03/2024 00:00:02,Class A,219024000,57.717413,10.586715,Engaged in fishing,0.0,0.0,4.8,309,Unknown,Unknown,,Undefined,,,,Undefined,,Unknown,,AIS,,,,',
  '01/03/2024 00:00:03,Class A,636019825,55.1,15.2,Restricted maneuverability,0.0,12.3,45.1,44,9321483,D5BT7,"NORDIC ""STAR"", II",Tanker,Category X,32,183,GPS,10.2,SKAW,02/03/2024 12:30:00,AIS,150,33,16,16',
  '01/03/2024 00:00:04,Class B,211234560,54.3,10.1,Unknown value,,5.1,180.0,,Unknown,Unknown,ØRESUND PIGE,Sailing,,3,11,Undefined,,Unknown,,AIS,,,,',
  '31/02/2024 00:00:05,Class A,219024000,57.7,10.5,Moored,,,,,Unknown,Unknown,,Undefined,,,,Undefined,,Unknown,,AIS,,,,',
  '01/03/2024 00:00:06,Class A,219000002,57.7,10.5,Moored,,,,,Unknown,Unknown,,Spaceship,,,,Undefined,,Unknown,,AIS,,,,',
].join('\r\n');

test('DMA: status and ship type texts to codes, "Unknown" to null, dd/mm/yyyy UTC, quoted names', async () => {
  const { obs, summary } = await read(DMA);
  assert.equal(summary.layout.name, 'dma');
  assert.deepEqual(summary.firstRejectedLines.badTime, [7]);
  assert.equal(summary.rows, 7);
  assert.deepEqual(summary.unmappedShipTypes, { Spaceship: 1 });
  const p = positions(obs);
  assert.deepEqual(
    p.map((x) => [x.line, x.mmsi, x.msgType, x.status]),
    [
      [2, 2190064, 4, null],
      [3, 219012382, 1, 0],
      [4, 219024000, 1, 7],
      [5, 636019825, 1, 3],
      [6, 211234560, 18, null],
      [8, 219000002, 1, 5],
    ],
  );
  assert.equal(p[0].t, Date.UTC(2024, 2, 1, 0, 0, 0));
  assert.deepEqual([p[1].sog, p[1].cog, p[1].heading], [0, null, 237]);
  const s = statics(obs);
  assert.deepEqual(
    s.map((x) => x.line),
    [3, 5, 6],
  );
  assert.deepEqual(s[0], {
    kind: 'static',
    mmsi: 219012382,
    t: Date.UTC(2024, 2, 1, 0, 0, 1),
    msgType: 5,
    imo: null,
    name: 'GOLIATH VIG',
    callsign: 'OXQX2',
    shipType: 52,
    length: 18,
    beam: 6,
    draught: 2.7,
    destination: 'HANSTHOLM;',
    eta: '10-29T07:00',
    line: 3,
  });
  // a tanker carrying category X goods is type 81
  assert.deepEqual(
    [s[1].name, s[1].shipType, s[1].imo, s[1].eta],
    ['NORDIC "STAR", II', 81, 9321483, '03-02T12:30'],
  );
  assert.deepEqual([s[2].name, s[2].shipType, s[2].msgType], ['ØRESUND PIGE', 36, 24]);
});

test('one byte at a time gives the same result (UTF-8 split across chunks, CRLF split)', async () => {
  const whole = await read(DMA);
  const bytewise = await read(DMA, {}, 1);
  assert.deepEqual(bytewise.obs, whole.obs);
  assert.deepEqual(bytewise.summary, whole.summary);
});

test('the Baltic vendor layout (;) is recognised, with msgid as the message type', async () => {
  const header =
    '"timestamp_pretty";"timestamp";"msgid";"targetType";"mmsi";"lat";"long";"posacc";"sog";"cog";"shipType";"dimBow";"draught";"dimPort";"dimStarboard";"dimStern";"month";"week";"imo";"country";"name";"callsign"';
  const row =
    '"01/04/2018 05:19:48";1522559988000;3;"A";205366000;54.536476;10.313084;1;4;159.9;"LAW_ENFORCEMENT";108;NA;15;6;34;4;13;9045807;"Belgium";"TEMSE";"ONCC"';
  const { obs, summary } = await read(`${header}\n${row}\n`);
  assert.equal(summary.layout.name, 'baltic-vendor');
  assert.equal(summary.unreadableFields, 0);
  const [p, s] = obs as [PositionObservation, StaticObservation];
  assert.deepEqual(
    [p.msgType, p.t, p.lat, p.lon, p.sog, p.cog],
    [3, 1522559988000, 54.536476, 10.313084, 4, 159.9],
  );
  assert.deepEqual([s.shipType, s.length, s.beam, s.draught], [55, 142, 21, null]);
});

test('real Baltic file: every row a position, matching the file cell by cell', {
  skip: missingShared('ais', 'baltic-2018-04-01-positions.csv'),
}, async () => {
  const file = sharedFile('ais', 'baltic-2018-04-01-positions.csv') as string;
  const obs: Observation[] = [];
  const summary = await readPositionCsv(createReadStream(file), {}, (o) => {
    obs.push(o);
  });
  // 20,000 lines: the header and 19,999 rows
  assert.equal(summary.lines, 20000);
  assert.equal(summary.rows, 19999);
  assert.equal(summary.positions, 19999);
  assert.equal(summary.vessels, 387);
  assert.deepEqual(Object.values(summary.rejected), [0, 0, 0, 0, 0]);
  assert.equal(summary.noPosition, 0);
  assert.deepEqual(summary.unmappedShipTypes, {});
  // the only unreadable values are none: the draught "NA"s are "not available"
  assert.equal(summary.unreadableFields, 0);
  const lines = readFileSync(file, 'utf8').split('\n');
  const p = positions(obs);
  for (const o of p) {
    const cells = lines[o.line - 1].split(';').map((c) => c.replace(/^"|"$/g, ''));
    assert.equal(o.mmsi, Number(cells[4]));
    // the epoch column, scientific notation included, agrees with the dd/mm/yyyy one the reader uses
    assert.equal(o.t, Number(cells[1]));
    assert.equal(o.lat, Number(cells[5]));
    assert.equal(o.lon, Number(cells[6]));
    assert.equal(o.sog, Number(cells[8]));
    assert.equal(o.msgType, Number(cells[2]));
  }
  // one identity at least per vessel, every one typed
  const s = statics(obs);
  assert.equal(new Set(s.map((x) => x.mmsi)).size, 387);
  assert.ok(s.every((x) => x.msgType === 5 && typeof x.name === 'string' && x.imo !== null));
  assert.ok(s.length < 1000, `${s.length} statics: identities are emitted on change, not per row`);
});

test('a column mapping reads any layout; decimal commas in a ; file', async () => {
  const mapping = parseColumnMapping(
    'mmsi=ship_id, time=ts,lat=y,lon=x,sog=speed,name=Name,timeFormat=epoch-s',
  );
  assert.deepEqual(mapping, {
    mmsi: 'ship_id',
    time: 'ts',
    lat: 'y',
    lon: 'x',
    sog: 'speed',
    name: 'Name',
    timeFormat: 'epoch-s',
  });
  const csv = 'ship_id;ts;y;x;speed;Name\n219000001;1709251200;55,5;12,25;10,5;TEST SHIP\n';
  const { obs, summary } = await read(csv, { mapping });
  assert.equal(summary.layout.name, 'mapped');
  assert.equal(summary.layout.delimiter, ';');
  assert.deepEqual(obs, [
    {
      kind: 'position',
      mmsi: 219000001,
      t: 1709251200000,
      lat: 55.5,
      lon: 12.25,
      sog: 10.5,
      cog: null,
      heading: null,
      status: null,
      msgType: 0,
      line: 2,
    },
    { kind: 'static', mmsi: 219000001, t: 1709251200000, msgType: 0, name: 'TEST SHIP', line: 2 },
  ]);
  assert.deepEqual(parseColumnMapping('delimiter=tab,mmsi=a'), { delimiter: '\t', mmsi: 'a' });
  assert.throws(() => parseColumnMapping('mmsi'), CsvLayoutError);
  assert.throws(() => parseColumnMapping('speed=x'), /unknown mapping field "speed"/);
  assert.throws(() => parseColumnMapping('timeFormat=julian'), /timeFormat/);
  assert.throws(
    () => mappedCsvLayout('ship_id,ts,y', { mmsi: 'ship_id', time: 'ts', lat: 'y', lon: 'x' }),
    /no column "x" \(lon\)/,
  );
  assert.throws(() => mappedCsvLayout('a,b', { mmsi: 'a' }), /needs time, lat, lon/);
});

test('layout detection: known headers, common names, and a clear error otherwise', async () => {
  assert.equal(detectCsvLayout(NOAA_HEADER)?.name, 'noaa');
  assert.equal(detectCsvLayout('mmsi,base_date_time,latitude,longitude,sog')?.name, 'noaa');
  assert.equal(detectCsvLayout(`\uFEFF${DMA_HEADER}\r`)?.name, 'dma');
  const generic = detectCsvLayout('MMSI\tTimestamp\tLatitude\tLongitude\tSOG');
  assert.equal(generic?.name, 'generic');
  assert.equal(generic?.delimiter, '\t');
  assert.deepEqual(generic?.columns, { mmsi: 0, time: 1, lat: 2, lon: 3, sog: 4 });
  assert.equal(detectCsvLayout('id,when,x,y'), null);
  await assert.rejects(read('id,when,x,y\n1,2,3,4\n'), /not a known AIS positions CSV header/);
  await assert.rejects(read(''), /input is empty/);
  // generic times: unix seconds, unix ms, ISO with an offset
  const { obs } = await read(
    'mmsi,time,lat,lon\n1,1700000000,1,1\n2,1700000000123,1,1\n3,2023-11-14T19:43:20-02:30,1,1\n4,1970-01-01T00:00:00Z,1,1\n',
  );
  assert.deepEqual(
    obs.map((o) => o.t),
    [1700000000000, 1700000000123, 1700000000000],
  );
});

test('splitRow: quotes, doubled quotes, a stray quote inside a cell, an unclosed quote', () => {
  assert.deepEqual(splitRow('a,"b,c",d', ','), ['a', 'b,c', 'd']);
  assert.deepEqual(splitRow('"a""b";"";x', ';'), ['a"b', '', 'x']);
  assert.deepEqual(splitRow('O"NEIL,2', ','), ['O"NEIL', '2']);
  assert.deepEqual(splitRow('a,', ','), ['a', '']);
  assert.equal(splitRow('a,"b,c', ','), null);
  assert.equal(splitRow('a,"b"x,c', ','), null);
});

function noaaRow(mmsi: number, second: number): string {
  return `${mmsi},2023-01-01T00:00:${String(second).padStart(2, '0')},29.9,-89.9,1.0,1.0,1,,,,,,,,,,A`;
}

test('hostile input: an unclosed quote, a 10 MB line, binary garbage cost only their own rows', async () => {
  const rng = (() => {
    let x = 42;
    return () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return (x >>> 16) & 0xff;
    };
  })();
  const garbage = Buffer.alloc(200_000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = rng();
  const text = Buffer.concat([
    Buffer.from(
      [
        NOAA_HEADER,
        noaaRow(111111111, 1),
        '367000005,2023-01-01T00:00:06,29.9,-89.9,1.0,1.0,1,"OPEN NAME,IMO1,,,,,,,,A',
        noaaRow(222222222, 2),
        'x'.repeat(10 << 20),
        noaaRow(333333333, 3),
        '',
      ].join('\n'),
    ),
    garbage,
    Buffer.from(`\n${noaaRow(444444444, 4)}`), // no final newline
  ]);
  for (const chunk of [1 << 16, 7919]) {
    const { obs, summary } = await read(text, {}, chunk);
    assert.deepEqual(
      positions(obs).map((p) => [p.mmsi, p.line]),
      [
        [111111111, 2],
        [222222222, 4],
        [333333333, 6],
        [444444444, summary.lines],
      ],
    );
    assert.deepEqual(summary.firstRejectedLines.tooLong, [5], JSON.stringify(summary));
    assert.deepEqual(summary.firstRejectedLines.malformed.slice(0, 2), [3, 7]);
    assert.equal(statics(obs).length, 0);
  }
});

test('a header-less stream of garbage with no newline is refused without holding it', async () => {
  await assert.rejects(read(Buffer.alloc(200_000, 0x41)), /header line longer than/);
});

test('memory stays bounded on an endless line', async () => {
  const block = Buffer.alloc(1 << 20, 0x78);
  async function* endless() {
    yield Buffer.from(`${NOAA_HEADER}\n${noaaRow(111111111, 1)}\n`);
    for (let i = 0; i < 256; i++) yield block;
    yield Buffer.from(`\n${noaaRow(222222222, 2)}\n`);
  }
  // the live heap, not garbage V8 has yet to collect
  const gc = liveGc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let chunks = 0;
  const summary = await readPositionCsv(
    endless(),
    {
      onBytes: () => {
        if (++chunks % 32 !== 0) return;
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    },
    () => {},
  );
  assert.equal(summary.positions, 2);
  assert.equal(summary.rejected.tooLong, 1);
  // 256 MB of one line went through; none of it is kept
  assert.ok(peak - before < 16e6, `heap grew by ${((peak - before) / 1e6).toFixed(0)} MB`);
});

/** A garbage-collection trigger without --expose-gc (V8 exposes it to a fresh context once the flag is set). */
function liveGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

test('a sink that returns a promise holds the reader: one batch in flight at a time', async () => {
  const rows = [NOAA_HEADER];
  for (let i = 1; i <= 3000; i++) rows.push(noaaRow(100000000 + i, i % 60));
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: number[] = [];
  const batch: Observation[] = [];
  const summary = await readPositionCsv(chunksOf(rows.join('\n'), 4096), { statics: 'none' }, (o) => {
    batch.push(o);
    if (batch.length < 500) return;
    const flushed = batch.splice(0);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        for (const x of flushed) seen.push(x.line);
        inFlight--;
        resolve();
      }),
    );
  });
  assert.equal(maxInFlight, 1);
  assert.equal(summary.positions, 3000);
  assert.equal(seen.length + batch.length, 3000);
  assert.deepEqual(seen.slice(0, 3), [2, 3, 4]);
});
