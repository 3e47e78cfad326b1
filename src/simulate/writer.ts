/**
 * Writes a scenario to a folder: scenario.nmea (or scenario.nmea.gz), truth.ndjson, scenario.json. The NMEA
 * is streamed (one simulated minute in memory at a time); the truth records are written after it, since
 * some of them depend on what was emitted.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';
import type { TruthRecord } from '../maritime/events.ts';
import { type EmitStats, emitScenario } from './emit.ts';
import type { SimGeo } from './geo.ts';
import type { ScenarioPlan } from './model.ts';
import type { SimOptions } from './options.ts';
import { planScenario } from './plan.ts';

export interface WriteOptions {
  gzip?: boolean;
  /** gzip level (default 6). */
  gzipLevel?: number;
  onPlanned?: (plan: ScenarioPlan) => void;
  onProgress?: (done: number, total: number) => void;
  geo?: SimGeo;
}

export interface ScenarioSummary {
  dir: string;
  files: { nmea: string; truth: string; scenario: string };
  manifest: ScenarioManifest;
  /** Wall-clock seconds (not in the manifest, which must not change between identical runs). */
  timings: { planS: number; emitS: number; totalS: number };
}

export interface ScenarioManifest {
  generator: string;
  format: 1;
  options: Omit<SimOptions, 'start'> & { start: string; end: string };
  files: { nmea: string; truth: string };
  vessels: Record<string, number>;
  planted: Record<string, number>;
  truth: Record<string, number>;
  planning: Record<string, number>;
  emission: EmitStats;
  outages: { station: string; lat: number; lon: number; radiusM: number; from: string; to: string }[];
  warnings: string[];
}

/** Counts of truth records by type and kind (`gap:reception_outage`, `spoofing:jump` …). */
export function truthCounts(truth: readonly TruthRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of truth) {
    const kind = typeof t.details.kind === 'string' ? `:${t.details.kind}` : '';
    const opt = t.details.optional === true ? ' (optional)' : '';
    const key = `${t.type}${kind}${opt}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Emits a planned scenario as NMEA to a stream (no files): the truth records come back. */
export async function streamScenario(
  plan: ScenarioPlan,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
): Promise<{ stats: EmitStats; truth: TruthRecord[] }> {
  return emitScenario(
    plan,
    (chunk) => {
      if (!out.write(chunk)) return once(out, 'drain').then(() => undefined);
    },
    { onProgress },
  );
}

/** Plans and writes a scenario into `dir` (created when missing). */
export async function writeScenario(
  partial: Partial<SimOptions>,
  dir: string,
  options: WriteOptions = {},
): Promise<ScenarioSummary> {
  const t0 = performance.now();
  const plan = planScenario(partial, options.geo);
  options.onPlanned?.(plan);
  const t1 = performance.now();
  mkdirSync(dir, { recursive: true });
  const nmeaName = options.gzip ? 'scenario.nmea.gz' : 'scenario.nmea';
  const nmeaPath = join(dir, nmeaName);
  const file = createWriteStream(nmeaPath, { highWaterMark: 4 << 20 });
  let sink: Writable = file;
  if (options.gzip) {
    // a deep input buffer lets compression (zlib's thread) run while the next minutes are generated
    const gz = createGzip({ level: options.gzipLevel ?? 6, writableHighWaterMark: 32 << 20 } as ZlibOptions);
    gz.pipe(file);
    sink = gz;
  }
  const { stats, truth } = await streamScenario(plan, sink, options.onProgress);
  sink.end();
  await finished(file);
  const t2 = performance.now();

  const truthPath = join(dir, 'truth.ndjson');
  writeFileSync(truthPath, truth.map((r) => `${JSON.stringify(r)}\n`).join(''));
  const manifest = manifestOf(plan, stats, truth, nmeaName);
  const scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, `${JSON.stringify(manifest, null, 2)}\n`);
  const t3 = performance.now();
  return {
    dir,
    files: { nmea: nmeaPath, truth: truthPath, scenario: scenarioPath },
    manifest,
    timings: {
      planS: (t1 - t0) / 1000,
      emitS: (t2 - t1) / 1000,
      totalS: (t3 - t0) / 1000,
    },
  };
}

export function manifestOf(
  plan: ScenarioPlan,
  stats: EmitStats,
  truth: readonly TruthRecord[],
  nmeaName: string,
): ScenarioManifest {
  const byRole: Record<string, number> = {};
  for (const v of plan.vessels) {
    if (v.removed) continue;
    const key = v.role === 'fishing' ? (v.classB ? 'fishing (Class B)' : 'fishing (Class A)') : v.role;
    byRole[key] = (byRole[key] ?? 0) + 1;
  }
  const planted: Record<string, number> = {};
  const planning: Record<string, number> = {};
  for (const [k, n] of Object.entries(plan.stats)) {
    if (k.startsWith('planted.')) planted[k.slice(8)] = n;
    else if (!k.startsWith('requested.')) planning[k] = n;
  }
  const { start: _start, ...rest } = plan.options;
  return {
    generator: 'watchkeeper simulate',
    format: 1,
    options: { ...rest, start: new Date(plan.start).toISOString(), end: new Date(plan.end).toISOString() },
    files: { nmea: nmeaName, truth: 'truth.ndjson' },
    vessels: byRole,
    planted,
    truth: truthCounts(truth),
    planning,
    emission: stats,
    outages: plan.outages.map((o) => ({
      station: o.station,
      lat: o.lat,
      lon: o.lon,
      radiusM: o.radiusM,
      from: new Date(o.from).toISOString(),
      to: new Date(o.to).toISOString(),
    })),
    warnings: plan.warnings,
  };
}
