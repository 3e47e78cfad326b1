import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { missingShared, REPO_ROOT } from '../config/paths.ts';
import { writeScenario } from './writer.ts';

const skip =
  missingShared('geo', 'world-port-index.csv') ||
  missingShared('geo', 'world-atlas-2.0.2_countries-50m.json') ||
  missingShared('geo', 'korea-region-territorial-seas.geojson');

const dir = mkdtempSync(join(tmpdir(), 'wk-sim-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { vessels: 60, hours: 4, interval: 60, seed: 3 };

describe('scenario files', { skip }, () => {
  test('plain and gzip output hold the same bytes; truth and manifest agree', async () => {
    const plain = await writeScenario(OPTIONS, join(dir, 'plain'));
    const gz = await writeScenario(OPTIONS, join(dir, 'gz'), { gzip: true });
    const a = readFileSync(plain.files.nmea);
    const b = gunzipSync(readFileSync(gz.files.nmea));
    assert.ok(a.length > 100_000);
    assert.ok(a.equals(b));
    assert.equal(readFileSync(plain.files.truth, 'utf8'), readFileSync(gz.files.truth, 'utf8'));
    const manifest = JSON.parse(readFileSync(plain.files.scenario, 'utf8'));
    assert.equal(manifest.files.nmea, 'scenario.nmea');
    assert.equal(manifest.options.vessels, 60);
    assert.equal(manifest.options.start, '2026-03-02T00:00:00.000Z');
    assert.equal(manifest.options.end, '2026-03-02T04:00:00.000Z');
    const truth = readFileSync(plain.files.truth, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(truth.length, manifest.emission.truthRecords);
    const counted = Object.values(manifest.truth as Record<string, number>).reduce((x, y) => x + y, 0);
    assert.equal(counted, truth.length);
    assert.equal(manifest.emission.bytes, a.length);
    // the manifest is part of the deterministic output (no timings in it)
    assert.equal(
      readFileSync(plain.files.scenario, 'utf8'),
      readFileSync(gz.files.scenario, 'utf8').replace('scenario.nmea.gz', 'scenario.nmea'),
    );
  });

  test('watchkeeper simulate writes the three files and a summary', () => {
    const out = join(dir, 'cli');
    const r = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(REPO_ROOT, 'src/cli/main.ts'),
        'simulate',
        '--out',
        out,
        '--vessels',
        '30',
        '--hours',
        '2',
        '--interval',
        '60',
        '--start',
        '2025-06-01T06:00:00Z',
        '--seed',
        '9',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.manifest.options.start, '2025-06-01T06:00:00.000Z');
    assert.ok(readFileSync(join(out, 'scenario.nmea'), 'latin1').startsWith('\\c:1748757600,'));
    assert.ok(readFileSync(join(out, 'truth.ndjson'), 'utf8').length > 0);
    const bad = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        join(REPO_ROOT, 'src/cli/main.ts'),
        'simulate',
        '--out',
        out,
        '--drop',
        '2',
      ],
      { encoding: 'utf8' },
    );
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--drop/);
  });
});
