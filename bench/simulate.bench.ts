/**
 * Scenario simulator benchmark (issue #5): the detection benchmark's day, 5,000 vessels × 24 h reporting every
 * 30 s, planned and emitted (a) into memory (bytes counted, nothing kept), (b) through gzip, (c) with
 * `--check`, decoded again and checked against the simulator's guarantees (no rejections but the corrupt lines,
 * no accidental encounter or loitering, background off land). Target: the day in well under 2 minutes.
 *
 *   node bench/simulate.bench.ts [--vessels 5000] [--hours 24] [--interval 30] [--runs 2] [--check]
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createGzip, type ZlibOptions } from 'node:zlib';
import { Decoder } from '../src/ais/index.ts';
import { equirectangularM } from '../src/geo/distance.ts';
import { emitScenario, findViolations, planScenario, streamScenario } from '../src/simulate/index.ts';

const { values } = parseArgs({
  options: {
    vessels: { type: 'string', default: '5000' },
    hours: { type: 'string', default: '24' },
    interval: { type: 'string', default: '30' },
    runs: { type: 'string', default: '2' },
    check: { type: 'boolean', default: false },
  },
});
const options = {
  vessels: Number(values.vessels),
  hours: Number(values.hours),
  interval: Number(values.interval),
  seed: 1,
};
const runs = Number(values.runs);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

let bestPlan = Number.POSITIVE_INFINITY;
let bestEmit = Number.POSITIVE_INFINITY;
let positions = 0;
let lines = 0;
let bytes = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const plan = planScenario(options);
  const t1 = performance.now();
  let n = 0;
  const { stats } = await emitScenario(plan, (chunk) => {
    n += chunk.length;
  });
  const t2 = performance.now();
  bestPlan = Math.min(bestPlan, t1 - t0);
  bestEmit = Math.min(bestEmit, t2 - t1);
  positions = stats.positions;
  lines = stats.lines;
  bytes = n;
  console.log(`run ${r + 1}: plan ${s(t1 - t0)}, emit ${s(t2 - t1)}, total ${s(t2 - t0)}`);
}
console.log(
  `${options.vessels} vessels × ${options.hours} h every ${options.interval} s: ${lines.toLocaleString('en')} lines, ` +
    `${positions.toLocaleString('en')} positions emitted (after 15% drop, outage), ${(bytes / 1e6).toFixed(0)} MB`,
);
console.log(
  `best: plan ${s(bestPlan)}, emit ${s(bestEmit)} (${Math.round(positions / (bestEmit / 1000)).toLocaleString('en')} positions/s), ` +
    `total ${s(bestPlan + bestEmit)}`,
);

{
  const plan = planScenario(options);
  const t0 = performance.now();
  const gz = createGzip({ level: 6, writableHighWaterMark: 32 << 20 } as ZlibOptions);
  let out = 0;
  gz.pipe(
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.length;
        cb();
      },
    }),
  );
  await streamScenario(plan, gz);
  gz.end();
  await new Promise((resolve) => gz.on('end', resolve));
  console.log(`emit through gzip -6: ${s(performance.now() - t0)}, ${(out / 1e6).toFixed(0)} MB compressed`);
}

if (values.check) {
  const plan = planScenario(options);
  const decoder = new Decoder();
  let messages = 0;
  const { stats } = await emitScenario(plan, (chunk) =>
    decoder.pushChunk(chunk, () => {
      messages++;
    }),
  );
  decoder.finish();
  const rejected = Object.values(decoder.counters.rejected).reduce((a, b) => a + b, 0);
  const { close, slow } = findViolations(plan.vessels, plan.geo, plan.region.bounds, plan.start, plan.end);
  let nearLand = 0;
  const pt = { lat: 0, lon: 0, sog: 0, cog: 0, status: 0 };
  for (const v of plan.vessels) {
    if (!v.background || v.removed) continue;
    v.track.resetCursor();
    for (let t = plan.start; t < plan.end; t += 60_000) {
      v.track.at(t, pt);
      if (
        plan.network.ports.some((p) => equirectangularM(pt.lat, pt.lon, p.port.lat, p.port.lon) <= p.harbourM)
      )
        continue;
      if (plan.geo.insideLand(pt.lat, pt.lon) || plan.geo.distanceToCoastM(pt.lat, pt.lon, 1000) < 1000)
        nearLand++;
    }
  }
  const ok = rejected === stats.corrupt && close.length === 0 && slow.length === 0 && nearLand === 0;
  console.log(
    `check: ${messages.toLocaleString('en')} messages, ${rejected} rejected (${stats.corrupt} written corrupt), ` +
      `${close.length} accidental close pairs, ${slow.length} accidental slow vessels, ${nearLand} background positions near land, ` +
      `${stats.unexplainedSilences} unexplained silences, ${plan.warnings.length} warnings: ${ok ? 'OK' : 'FAILED'}`,
  );
  if (!ok) process.exitCode = 1;
}
