import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeClassAPosition, toSentences } from '../ais/encode.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { listAisSources, trackTotals } from '../store/vessels.ts';
import { LiveIngest } from './live.ts';
import { rawEvidence, trackPoints, vesselDetail } from './service.ts';
import { DAY1, scenario, TANKER } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'wk-live-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const engine of TEST_ENGINES) {
  describe(`live ingest: ${engine.name}`, { skip: engine.skip }, () => {
    test('feed lines land in the store with a raw log per UTC day; positions point at their log line', async () => {
      const { store, cleanup } = await engine.open();
      const logDir = join(dir, engine.name);
      try {
        const live = new LiveIngest(store, { feed: 'test-feed', logDir, actor: 'test', batchSize: 50 });
        // the scenario's tag blocks carry times; the feed clock is used only for lines without one
        const lines = scenario()
          .split('\n')
          .filter((l) => l !== '');
        for (const [i, line] of lines.entries()) {
          const tag = /^\\c:(\d+)/.exec(line);
          live.push(line, tag ? Number(tag[1]) * 1000 : DAY1 + i);
        }
        const counts = await live.close();
        assert.equal(counts.positions, 492);
        const totals = await trackTotals(store);
        assert.equal(totals.positions, 492);
        assert.equal(totals.rows, 3, 'compacted on close');
        const sources = await listAisSources(store);
        assert.deepEqual(sources.map((s) => s.id).sort(), [
          'feed:test-feed:2024-03-01',
          'feed:test-feed:2024-03-02',
        ]);
        assert.ok(sources.every((s) => s.kind === 'feed' && s.status === 'complete'));
        const day2 = readFileSync(join(logDir, 'test-feed', '2024-03-02.nmea'), 'latin1').split('\n');
        const track = await trackPoints(store, TANKER, {
          from: Date.UTC(2024, 2, 2, 1),
          to: Date.UTC(2024, 2, 2, 1),
          limit: 1,
        });
        const p = track.points[0];
        assert.ok(p);
        assert.equal(p.source, 'feed:test-feed:2024-03-02');
        assert.match(day2[p.line - 1] as string, /!AIVDM,1,1,,A,1/);
        const ev = await rawEvidence(store, p.source, p.line);
        assert.equal(ev?.raw.at(-1), day2[p.line - 1]);
        assert.equal((await vesselDetail(store, TANKER))?.identities.length, 2);

        // a restart appends to the day's log and continues its line numbers
        const again = new LiveIngest(store, { feed: 'test-feed', logDir, actor: 'test' });
        const t = Date.UTC(2024, 2, 2, 5);
        const line = toSentences(
          encodeClassAPosition({ mmsi: TANKER, lat: 39, lon: 125, sog: 1, cog: 0, heading: 0 }),
          { time: t },
        )[0] as string;
        again.push(line, t);
        await again.close();
        const after = await trackPoints(store, TANKER, { from: t, to: t, limit: 1 });
        assert.equal(after.points[0]?.line, day2.length, 'numbered after the lines already logged');
        assert.equal(
          (await rawEvidence(store, after.points[0]!.source, after.points[0]!.line))?.raw[0],
          line,
        );
      } finally {
        await cleanup();
      }
    });
  });
}
