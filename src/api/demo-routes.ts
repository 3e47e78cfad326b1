/**
 * `POST /api/demo/scenario`: the first-start demo. Simulates a small AIS scenario (src/simulate), writes it
 * under the server's AIS file folder (positions keep referring to their raw sentences there), ingests it and
 * runs detection over what it added, so a fresh store has vessels, tracks, events and alerts to look at.
 * The same options give the same file, so a second call finds it ingested already and only re-detects.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DetectResult, detect } from '../maritime/detection-service.ts';
import { ingestAisFile } from '../maritime/ingest.ts';
import type { ScreeningService } from '../screening/service.ts';
import { writeScenario } from '../simulate/index.ts';
import type { Store } from '../store/store.ts';
import { actorOf } from './auth.ts';
import * as answers from './maritime-schemas.ts';
import { errorBody } from './response-check.ts';

/** One demo at a time: a second request while one runs is refused rather than queued. */
let running = false;

export function registerDemoRoutes(
  root: FastifyInstance,
  store: Store,
  screening: ScreeningService,
  fileDir: string,
): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/demo/scenario',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: answers.demoScenarioResult, 409: errorBody },
        tags: ['vessels'],
        summary:
          'Generate a demo AIS scenario (simulated Yellow Sea traffic with planted behaviours), ingest it and run detection',
        body: z
          .object({
            vessels: z.number().int().min(10).max(2000).default(200),
            hours: z.number().min(1).max(48).default(24),
            seed: z.number().int().min(0).max(4_294_967_295).default(1),
          })
          .default({ vessels: 200, hours: 24, seed: 1 }),
      },
    },
    async (req, reply) => {
      if (running) {
        return reply.code(409).send({
          error: 'busy',
          message: 'a demo scenario is being generated already; try again in a moment',
        });
      }
      running = true;
      const t0 = performance.now();
      try {
        const { vessels, hours, seed } = req.body ?? { vessels: 200, hours: 24, seed: 1 };
        const dir = join(fileDir, `demo-${vessels}v-${hours}h-seed${seed}`);
        const scenario = await writeScenario({ vessels, hours, seed }, dir);
        const actor = actorOf(req);
        const ingest = await ingestAisFile(store, scenario.files.nmea, { actor });
        const opts = scenario.manifest.options;
        let detection: DetectResult | null = null;
        const from = ingest.timeFrom ? Date.parse(ingest.timeFrom) : Date.parse(opts.start);
        const to = ingest.timeTo ? Date.parse(ingest.timeTo) : Date.parse(opts.end);
        if (Number.isFinite(from) && Number.isFinite(to)) {
          detection = await detect(store, { from, to, actor, screening });
        }
        return {
          scenario: { vessels, hours, seed, start: opts.start, end: opts.end, file: scenario.files.nmea },
          ingest,
          detection,
          seconds: Math.round((performance.now() - t0) / 100) / 10,
        };
      } finally {
        running = false;
      }
    },
  );
}
