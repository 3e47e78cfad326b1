/**
 * Maritime detection evaluation (`npm run eval:maritime`), issue #5: simulate a scenario with planted
 * behaviours and realistic noise, ingest it, run the detectors, and compare their events with the ground
 * truth: precision and recall per event type (target >= 0.95 each).
 *
 * Matching (one-to-one, greedy in time order): same type; same set of vessels; the time spans overlap (point
 * events: within 30 minutes); the same `kind` for spoofing and identity events, the same port for port visits,
 * the same zone for zone events. Gap predictions count only with confidence >= 0.5; the truth's
 * reception outages are not events: a confident gap during one is a false positive like any unmatched one.
 * Recall counts the records planted for the preset (`details.presets`), not the optional ones; a prediction
 * is right when it matches any record of its type (optional ones included). See src/simulate/README.md.
 *
 * Options: --vessels N (default 300) --hours H (48) --seed S (11) --dir D (use an existing scenario)
 *          --verbose (list misses) --json
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/config/paths.ts';
import { loadGeoContext } from '../src/maritime/detect/geo-context.ts';
import { PRESETS } from '../src/maritime/detect/presets.ts';
import { runDetection } from '../src/maritime/detect/run.ts';
import { EVENT_TYPES, type TruthRecord } from '../src/maritime/events.ts';
import { ingestAisFile } from '../src/maritime/ingest.ts';
import type { EventRow } from '../src/store/events.ts';
import { openStore } from '../src/store/store.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const TOLERANCE = 30 * 60_000;

interface Truth {
  type: string;
  mmsi: number[];
  start: number;
  end: number | null;
  details: Record<string, unknown>;
  label: string;
}

function loadTruth(path: string): Truth[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TruthRecord)
    .map((t) => ({
      type: t.type,
      mmsi: [...t.mmsi].sort((a, b) => a - b),
      start: Date.parse(t.start),
      end: t.end === null ? null : Date.parse(t.end),
      details: t.details,
      label: t.label,
    }));
}

const POINT_TYPES = new Set(['zone_entry', 'zone_exit']);

function sameThing(t: Truth, e: EventRow, dataEnd: number): boolean {
  if (t.type !== e.type) return false;
  const em = [...e.mmsi].sort((a, b) => a - b);
  if (em.length !== t.mmsi.length || em.some((m, i) => m !== t.mmsi[i])) return false;
  if (POINT_TYPES.has(t.type)) {
    if (Math.abs(e.start - t.start) > TOLERANCE) return false;
  } else {
    const tEnd = t.end ?? dataEnd;
    const eEnd = e.end ?? dataEnd;
    if (e.start > tEnd + TOLERANCE || eEnd < t.start - TOLERANCE) return false;
  }
  const tk = t.details.kind;
  if ((t.type === 'spoofing' || t.type === 'identity_change') && tk !== undefined && tk !== e.details.kind)
    return false;
  if (t.type === 'port_visit' && t.details.port !== undefined) {
    if (String(t.details.port).toLowerCase() !== String(e.details.port ?? '').toLowerCase()) return false;
  }
  if ((t.type === 'zone_entry' || t.type === 'zone_exit') && t.details.zone !== undefined) {
    if (t.details.zone !== e.details.zone && t.details.zone !== e.details.zoneId) return false;
  }
  return true;
}

interface Score {
  type: string;
  preset: string;
  truths: number;
  predictions: number;
  truePositives: number;
  precision: number;
  recall: number;
  missed: Truth[];
  false: EventRow[];
}

function score(type: string, preset: string, truths: Truth[], preds: EventRow[], dataEnd: number): Score {
  const used = new Set<number>();
  let matchedTruths = 0;
  const missed: Truth[] = [];
  const sortedTruth = [...truths].sort((a, b) => a.start - b.start);
  for (const t of sortedTruth) {
    let found = -1;
    for (let i = 0; i < preds.length; i++) {
      if (!used.has(i) && sameThing(t, preds[i] as EventRow, dataEnd)) {
        found = i;
        break;
      }
    }
    if (found >= 0) {
      used.add(found);
      matchedTruths++;
    } else missed.push(t);
  }
  // a prediction is right when it matches any truth of its type (several predictions may split one truth)
  let rightPreds = 0;
  const wrong: EventRow[] = [];
  for (const [i, p] of preds.entries()) {
    if (used.has(i) || truths.some((t) => sameThing(t, p, dataEnd))) rightPreds++;
    else wrong.push(p);
  }
  return {
    type,
    preset,
    truths: truths.length,
    predictions: preds.length,
    truePositives: matchedTruths,
    precision: preds.length === 0 ? (truths.length === 0 ? 1 : 0) : rightPreds / preds.length,
    recall: truths.length === 0 ? 1 : matchedTruths / truths.length,
    missed,
    false: wrong,
  };
}

const dir = opt('dir', '');
const work = mkdtempSync(join(tmpdir(), 'wk-eval-maritime-'));
try {
  let simDir = dir;
  if (simDir === '') {
    simDir = join(work, 'sim');
    const t0 = performance.now();
    const sim = spawnSync(
      'bash',
      [
        join(REPO_ROOT, 'bin', 'watchkeeper'),
        'simulate',
        '--out',
        simDir,
        '--vessels',
        opt('vessels', '300'),
        '--hours',
        opt('hours', '48'),
        '--seed',
        opt('seed', '11'),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (sim.status !== 0) throw new Error(`simulate failed: ${sim.stderr}`);
    if (!asJson) process.stderr.write(`simulated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const scenario = readdirSync(simDir).find((f) => /^scenario\.nmea(\.gz)?$/.test(f));
  if (!scenario || !existsSync(join(simDir, 'truth.ndjson')))
    throw new Error(`${simDir}: no scenario.nmea / truth.ndjson`);
  const truth = loadTruth(join(simDir, 'truth.ndjson'));

  const store = await openStore({ dataDir: join(work, 'store') });
  const ing = await ingestAisFile(store, join(simDir, scenario), { actor: 'eval' });
  const geo = loadGeoContext();
  const runs: Record<string, EventRow[]> = {};
  let dataEnd = 0;
  for (const preset of ['gfw', 'rendezvous', 'sensitive']) {
    const r = await runDetection(store, { preset: PRESETS[preset]!, geo, actor: 'eval', dryRun: true });
    runs[preset] = r.events;
    if (r.to) dataEnd = Date.parse(r.to);
  }
  await store.close();

  const confident = (e: EventRow) => e.type !== 'gap' || Number(e.details.confidence) >= 0.5;
  const outages = truth.filter((t) => t.type === 'gap' && t.details.kind === 'reception_outage');
  const applies = (t: Truth, preset: string) => {
    const presets = t.details.presets as string[] | undefined;
    return presets === undefined || presets.includes(preset);
  };
  const scores: Score[] = [];
  const plan: [string, readonly string[]][] = [
    ['gfw', EVENT_TYPES],
    ['rendezvous', ['encounter']],
    ['sensitive', ['gap']],
  ];
  for (const [preset, types] of plan) {
    for (const type of types) {
      const ofType = truth.filter((t) => t.type === type && t.details.kind !== 'reception_outage');
      // required: planted for this preset and not optional; any record of the type makes a prediction right
      const required = ofType.filter((t) => applies(t, preset) && t.details.optional !== true);
      const preds = (runs[preset] ?? []).filter((e) => e.type === type && confident(e));
      const s = score(type, preset, required, preds, dataEnd);
      const right = preds.filter((p) => ofType.some((t) => sameThing(t, p, dataEnd)));
      s.precision = preds.length === 0 ? 1 : right.length / preds.length;
      s.false = preds.filter((p) => !ofType.some((t) => sameThing(t, p, dataEnd)));
      scores.push(s);
    }
  }
  const outageFalse = (runs.gfw ?? []).filter(
    (e) =>
      e.type === 'gap' &&
      confident(e) &&
      !truth.some(
        (t) => t.type === 'gap' && t.details.kind !== 'reception_outage' && sameThing(t, e, dataEnd),
      ) &&
      outages.some(
        (o) =>
          e.start < (o.end ?? dataEnd) &&
          (e.end ?? dataEnd) > o.start &&
          (o.mmsi.length === 0 || o.mmsi.includes(e.mmsi[0] as number)),
      ),
  ).length;
  const lowConfidenceInOutage = (runs.gfw ?? []).filter(
    (e) =>
      e.type === 'gap' &&
      !confident(e) &&
      outages.some((o) => e.start < (o.end ?? dataEnd) && (e.end ?? dataEnd) > o.start),
  ).length;

  const result = {
    scenario:
      simDir === dir
        ? dir
        : `simulate --vessels ${opt('vessels', '300')} --hours ${opt('hours', '48')} --seed ${opt('seed', '11')}`,
    messages: ing.messages,
    positions: ing.positions,
    vessels: ing.vessels,
    reception: {
      outages: outages.length,
      confidentGapsDuringOutages: outageFalse,
      lowConfidenceGapsDuringOutages: lowConfidenceInOutage,
    },
    scores: scores.map(({ missed, false: f, ...s }) => ({
      ...s,
      precision: Math.round(s.precision * 1000) / 1000,
      recall: Math.round(s.recall * 1000) / 1000,
      missed: missed.length,
      falsePositives: f.length,
    })),
  };
  if (asJson) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    console.log(
      `scenario: ${result.scenario}: ${ing.messages.toLocaleString('en')} messages, ${ing.positions.toLocaleString('en')} positions, ${ing.vessels} vessels`,
    );
    console.log('type             preset      truth  predicted  TP    precision  recall  target');
    for (const s of scores) {
      const met = s.precision >= 0.95 && s.recall >= 0.95;
      console.log(
        `${s.type.padEnd(16)} ${s.preset.padEnd(10)} ${String(s.truths).padStart(6)} ${String(s.predictions).padStart(10)} ${String(s.truePositives).padStart(5)}    ${s.precision.toFixed(3)}    ${s.recall.toFixed(3)}   ${s.truths === 0 && s.predictions === 0 ? '(none)' : met ? 'met' : 'NOT met'}`,
      );
    }
    console.log(
      `reception outages: ${outages.length}; confident gaps during them (false positives): ${outageFalse}; gaps during them rated low confidence: ${lowConfidenceInOutage}`,
    );
    if (verbose) {
      for (const s of scores) {
        for (const m of s.missed.slice(0, 8))
          console.log(
            `  missed ${s.type}/${s.preset}: ${m.label} ${m.mmsi.join(',')} ${new Date(m.start).toISOString()} ${JSON.stringify(m.details)}`,
          );
        for (const f of s.false.slice(0, 8)) {
          console.log(
            `  false  ${s.type}/${s.preset}: ${f.mmsi.join(',')} ${new Date(f.start).toISOString()}–${f.end ? new Date(f.end).toISOString() : 'open'} ${JSON.stringify(f.details)}`,
          );
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
