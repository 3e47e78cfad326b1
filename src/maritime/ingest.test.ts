import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sharedFile } from '../config/paths.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { trackTotals, vesselCount } from '../store/vessels.ts';
import { ingestAisFile, ingestNmeaFile, withWarnings } from './ingest.ts';
import {
  findVessels,
  latestInArea,
  rawEvidence,
  rawEvidenceMany,
  trackPoints,
  vesselDetail,
} from './service.ts';
import { DAY1, scenario, TANKER, YACHT } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'wk-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'scenario.nmea');
writeFileSync(file, scenario());

for (const engine of TEST_ENGINES) {
  describe(`AIS ingest: ${engine.name}`, { skip: engine.skip }, () => {
    test('positions, identities and summaries land; vessel-days are one row each after compaction', async () => {
      const { store, cleanup } = await engine.open();
      try {
        // a small batch forces several chunks per vessel-day, which compaction must merge
        const s = await ingestNmeaFile(store, file, { actor: 'test', batchSize: 100, readChunk: 4096 });
        assert.equal(s.outcome, 'ingested');
        assert.equal(s.positions, 480 + 12);
        assert.equal(s.staticReports, 16 + 2);
        assert.equal(s.vessels, 2);
        assert.equal(s.days, 2);
        assert.equal(s.vesselDays, 3);
        assert.equal(s.rejected.badChecksum, 1);
        assert.equal(s.noTime, 1);
        const totals = await trackTotals(store);
        assert.equal(totals.rows, 3, 'one row per vessel-day');
        assert.equal(totals.positions, 492);
        assert.equal(await vesselCount(store), 2);

        const tanker = await vesselDetail(store, TANKER);
        assert.ok(tanker);
        assert.equal(tanker.name, 'CHON MA SAN');
        assert.equal(tanker.imo, 9074729);
        assert.equal(tanker.flag, 'kp');
        assert.equal(tanker.mmsiClass, 'ship');
        assert.equal(tanker.identities.length, 2);
        assert.equal(tanker.identities[0]?.name, 'NEW KONK');
        assert.equal(tanker.identities[0]?.validFrom, new Date(DAY1).toISOString());
        assert.equal(tanker.identities[1]?.validFrom, '2024-03-02T02:00:00.000Z');
        assert.equal(tanker.positions, 480);
        assert.equal(tanker.lastPosition?.time, new Date(DAY1 + 479 * 60_000).toISOString());

        const yacht = await vesselDetail(store, YACHT);
        assert.equal(yacht?.name, 'SEA WIND');
        assert.equal(yacht?.callsign, 'PD1234');
        assert.equal(yacht?.shipType, 37);

        const track = await trackPoints(store, TANKER, { from: 0, to: Date.now(), limit: 10_000 });
        assert.equal(track.total, 480);
        for (let i = 1; i < track.points.length; i++) {
          assert.ok((track.points[i]?.t ?? 0) > (track.points[i - 1]?.t ?? 0));
        }
        assert.equal(track.points[0]?.lat, 38.5);
        assert.equal(track.points[0]?.source, s.source);
      } finally {
        await cleanup();
      }
    });

    test('the same file twice adds nothing; an interrupted ingest resumes to the same result', async () => {
      const { store, cleanup } = await engine.open();
      try {
        const first = await ingestNmeaFile(store, file, {
          actor: 'test',
          batchSize: 200,
          stopAfterBatches: 2,
          readChunk: 4096,
        });
        assert.ok(first.positions > 0 && first.positions < 492, `stopped part-way: ${JSON.stringify(first)}`);
        const resumed = await ingestNmeaFile(store, file, { actor: 'test', batchSize: 200 });
        assert.equal(resumed.outcome, 'resumed');
        assert.equal(resumed.positions, 492);
        assert.equal(resumed.rejected.badChecksum, 1);
        const again = await ingestNmeaFile(store, file, { actor: 'test' });
        assert.equal(again.outcome, 'already');
        const totals = await trackTotals(store);
        assert.equal(totals.positions, 492, 'no position stored twice');
        const tanker = await vesselDetail(store, TANKER);
        assert.equal(tanker?.positions, 480);
        assert.equal(tanker?.identities.length, 2);
        assert.equal(tanker?.identities[0]?.reports, 12, '20:00 to 01:30, every 30 min');
      } finally {
        await cleanup();
      }
    });

    test('search by current or former name, IMO, MMSI, call sign; latest positions in a box; raw evidence', async () => {
      const { store, cleanup } = await engine.open();
      try {
        const gz = join(dir, `scenario-${engine.name}.nmea.gz`);
        writeFileSync(gz, gzipSync(scenario()));
        await ingestAisFile(store, gz, { actor: 'test' });
        for (const q of ['new konk', 'chon', 'IMO 9241061', '9074729', String(TANKER), '3fxy7']) {
          const r = await findVessels(store, { q, limit: 10, offset: 0 });
          assert.deepEqual(
            r.items.map((v) => v.mmsi),
            [TANKER],
            q,
          );
        }
        assert.equal(
          (await findVessels(store, { q: '%', limit: 10, offset: 0 })).total,
          0,
          'wildcards are literal',
        );
        const korea = { west: 124, south: 38, east: 126, north: 39.5 };
        const latest = await latestInArea(store, { bbox: korea, limit: 10 });
        assert.deepEqual(
          latest.items.map((p) => p.mmsi),
          [TANKER],
        );
        // in a window, the latest position inside it
        const at = DAY1 + 100 * 60_000;
        const windowed = await latestInArea(store, { bbox: korea, from: DAY1, to: at, limit: 10 });
        assert.equal(windowed.items[0]?.time, new Date(at).toISOString());
        assert.equal(
          (await latestInArea(store, { bbox: { west: 0, south: 50, east: 5, north: 53 }, limit: 10 })).items
            .length,
          1,
        );

        const track = await trackPoints(store, TANKER, { from: at, to: at, limit: 1 });
        const p = track.points[0];
        assert.ok(p);
        const ev = await rawEvidence(store, p.source, p.line);
        assert.equal(ev?.unavailable, null);
        assert.equal(ev?.raw.length, 1);
        assert.match(ev?.raw[0] ?? '', /^\\c:\d+,s:sim\*[0-9A-F]{2}\\!AIVDM,1,1,,A,/);
        // a type 5 spans two lines: both come back
        const stat = await rawEvidence(store, p.source, 3);
        assert.equal(stat?.raw.length, 2);
        // many at once (an event's evidence): one read of the file, the same answers in the order asked
        const lines = [p.line, 3, 4, 2, p.line + 1, 3, 1_000_000];
        const many = await rawEvidenceMany(
          store,
          lines.map((line) => ({ source: p.source, line })),
        );
        for (const [i, line] of lines.entries()) {
          assert.deepEqual(many[i], await rawEvidence(store, p.source, line), `line ${line}`);
        }
        assert.match(many[6]?.unavailable ?? '', /the source has only \d+ lines/);
        assert.deepEqual(await rawEvidenceMany(store, [{ source: 'nope', line: 1 }]), [null]);
      } finally {
        await cleanup();
      }
    });
  });
}

describe('AIS ingest of the real recordings', () => {
  const dma = sharedFile('ais', 'dma-stream-2010-06-11.nmea');
  const kyst = sharedFile('ais', 'kystverket-1000.nm4');
  test('DMA stream ($PGHP times) and Kystverket (tag blocks)', {
    skip: !dma || !kyst ? 'shared AIS data missing' : false,
  }, async () => {
    const { store, cleanup } = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
    try {
      const a = await ingestAisFile(store, dma as string, { actor: 'test' });
      assert.ok(a.positions > 2000, `${a.positions} positions`);
      assert.ok(a.vessels > 100);
      assert.equal(a.noTime, 0);
      const b = await ingestAisFile(store, kyst as string, { actor: 'test' });
      assert.ok(b.positions > 500);
      const totals = await trackTotals(store);
      assert.equal(totals.positions, a.positions + b.positions);
      const named = await findVessels(store, { q: 'a', limit: 5, offset: 0 });
      assert.ok(named.total > 0);
    } finally {
      await cleanup();
    }
  });
});

describe('AIS ingest of CSV positions', () => {
  const baltic = sharedFile('ais', 'baltic-2018-04-01-positions.csv');
  for (const engine of TEST_ENGINES) {
    test(`the Baltic vendor CSV: ${engine.name}`, {
      skip: engine.skip || (!baltic && 'shared AIS data missing'),
    }, async () => {
      const { store, cleanup } = await engine.open();
      try {
        const s = await ingestAisFile(store, baltic as string, { actor: 'test' });
        assert.equal(s.outcome, 'ingested');
        assert.equal(s.csv?.layout, 'baltic-vendor');
        assert.equal(s.positions, 19_999, '20,000 lines: a header and 19,999 rows');
        assert.equal(s.vessels, 387);
        assert.equal(await vesselCount(store), 387);
        const totals = await trackTotals(store);
        assert.equal(totals.positions, 19_999);
        const named = await findVessels(store, { q: '', limit: 500, offset: 0 });
        assert.ok(named.items.filter((v) => v.name !== null).length > 300, 'identities come from the rows');
        const again = await ingestAisFile(store, baltic as string, { actor: 'test' });
        assert.equal(again.outcome, 'already');
      } finally {
        await cleanup();
      }
    });
  }

  test('an interrupted CSV ingest resumes without storing a row twice', async () => {
    const { store, cleanup } = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
    try {
      const csv = join(dir, 'noaa.csv');
      const rows = [
        'MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass',
      ];
      for (let i = 0; i < 300; i++) {
        const t = new Date(DAY1 + i * 30_000).toISOString().slice(0, 19);
        rows.push(
          `367000001,${t},29.${String(1000 + i)},-94.5,10.2,180.0,179,GULF TRADER,IMO9241061,WDA1234,80,0,120,20,7.5,80,A`,
        );
      }
      writeFileSync(csv, `${rows.join('\n')}\n`);
      const first = await ingestAisFile(store, csv, { actor: 'test', batchSize: 100, stopAfterBatches: 1 });
      assert.ok(first.positions > 0 && first.positions < 300, JSON.stringify(first));
      const resumed = await ingestAisFile(store, csv, { actor: 'test', batchSize: 100 });
      assert.equal(resumed.outcome, 'resumed');
      assert.equal(resumed.positions, 300);
      assert.equal((await trackTotals(store)).positions, 300);
      const v = await vesselDetail(store, 367000001);
      assert.equal(v?.name, 'GULF TRADER');
      assert.equal(v?.imo, 9241061);
      assert.equal(v?.flag, 'us');
      assert.equal(v?.positions, 300);
    } finally {
      await cleanup();
    }
  });
});

describe('AIS ingest: decoding on a second core', () => {
  test('the worker path stores exactly what the single-thread path stores, and can stop and resume', async () => {
    const results: unknown[] = [];
    for (const worker of [false, true]) {
      const { store, cleanup } = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
      try {
        const s = await ingestNmeaFile(store, file, {
          actor: 'test',
          worker,
          readChunk: 4096,
          batchSize: 150,
        });
        const track = await trackPoints(store, TANKER, { from: 0, to: Date.now(), limit: 10_000 });
        const tanker = await vesselDetail(store, TANKER);
        results.push({
          counts: { ...s, seconds: 0, source: '' },
          totals: await trackTotals(store),
          track: track.points,
          identities: tanker?.identities,
        });
      } finally {
        await cleanup();
      }
    }
    assert.deepEqual(results[1], results[0]);
    const { store, cleanup } = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
    try {
      const first = await ingestNmeaFile(store, file, {
        actor: 'test',
        worker: true,
        readChunk: 4096,
        batchSize: 150,
        stopAfterBatches: 1,
      });
      assert.ok(first.positions > 0 && first.positions < 492);
      const resumed = await ingestNmeaFile(store, file, { actor: 'test' });
      assert.equal(resumed.outcome, 'resumed');
      assert.equal((await trackTotals(store)).positions, 492);
    } finally {
      await cleanup();
    }
  });
});

describe('AIS ingest of a file without receive times', () => {
  const plain = sharedFile('ais', 'dma_ais250.txt');
  test('nothing is placed on a track unless the user dates the file (--clock)', {
    skip: !plain && 'shared AIS data missing',
  }, async () => {
    const { store, cleanup } = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
    try {
      const undated = withWarnings(
        await ingestNmeaFile(store, plain as string, { actor: 'test', worker: false }),
      );
      assert.equal(undated.positions, 0);
      assert.ok(undated.noTime > 200);
      // The user is told, not just shown a count (the API answers these warnings too).
      assert.match(undated.warnings?.join('\n') ?? '', /had no receive time .*--clock/);
      // dated by the user, on one thread or with the decode worker
      const clock = Date.UTC(2010, 5, 11, 12);
      for (const worker of [false, true]) {
        const fresh = await (TEST_ENGINES[0] as (typeof TEST_ENGINES)[number]).open();
        try {
          const dated = await ingestNmeaFile(fresh.store, plain as string, { actor: 'test', clock, worker });
          assert.ok(dated.positions > 150, `${dated.positions} positions`);
          assert.equal(dated.noTime, 0);
          assert.equal(dated.timeFrom, new Date(clock).toISOString());
        } finally {
          await fresh.cleanup();
        }
      }
    } finally {
      await cleanup();
    }
  });
});
