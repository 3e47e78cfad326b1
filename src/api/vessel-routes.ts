/**
 * Vessels and positions: `GET /api/vessels?q=`, `/api/vessels/{mmsi}` (identity history),
 * `/api/vessels/{mmsi}/track` (GeoJSON), `/api/positions?bbox&from&to` (latest per vessel), the raw sentence
 * behind a position, AIS sources, and file ingest by upload.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../lists/service.ts';
import { detect } from '../maritime/detection-service.ts';
import { fileSha256, ingestAisFile } from '../maritime/ingest.ts';
import {
  findVessels,
  latestInArea,
  parseInstant,
  rawEvidence,
  trackGeoJson,
  vesselDetail,
} from '../maritime/service.ts';
import type { ScreeningService } from '../screening/service.ts';
import type { Store } from '../store/store.ts';
import { listAisSources } from '../store/vessels.ts';
import { actorOf } from './auth.ts';
import { BadRequestError } from './errors.ts';
import * as answers from './maritime-schemas.ts';

const mmsiParam = z.object({ mmsi: z.coerce.number().int().min(0).max(999_999_999) });

/** An ISO 8601 time or a date; `edge` says whether a bare date means the start or the end of its day. */
export const instantParam = (edge: 'start' | 'end') =>
  z
    .string()
    .max(40)
    .describe(
      edge === 'start'
        ? 'ISO 8601 time (UTC unless it says otherwise) or date; a date means the start of that UTC day'
        : 'ISO 8601 time (UTC unless it says otherwise) or date; a date means the end of that UTC day',
    )
    .transform((s, ctx) => {
      const t = parseInstant(s, edge);
      if (t === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'an ISO 8601 time (2024-03-01T12:00:00Z) or date (2024-03-01)',
        });
        return z.NEVER;
      }
      return t;
    });

/** `west,south,east,north` in degrees; west > east crosses the antimeridian. */
export const bboxParam = z
  .string()
  .max(100)
  .describe('west,south,east,north in degrees (WGS 84); west > east crosses the antimeridian')
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p.trim()));
    const [west, south, east, north] = parts as [number, number, number, number];
    const problem =
      parts.length !== 4 || parts.some((p) => !Number.isFinite(p))
        ? 'bbox is four numbers: west,south,east,north in degrees'
        : Math.abs(west) > 180 || Math.abs(east) > 180
          ? 'bbox longitudes (west, east) are within -180 to 180'
          : Math.abs(south) > 90 || Math.abs(north) > 90
            ? 'bbox latitudes (south, north) are within -90 to 90'
            : south > north
              ? 'bbox south is not above north'
              : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return { west, south, east, north };
  });

/**
 * `fileDir`: where uploaded AIS files are kept (named by sha256). They are kept, not deleted after ingest,
 * because every stored position refers to its raw sentence in them.
 */
export function registerVesselRoutes(
  root: FastifyInstance,
  store: Store,
  fileDir: string,
  screening: ScreeningService,
): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/vessels',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.vesselPage },
        tags: ['vessels'],
        summary: 'Vessels by MMSI, IMO, name or call sign (former names too), most recently seen first',
        querystring: z.object({
          q: z.string().max(200).optional(),
          class: z
            .enum([
              'ship',
              'group',
              'coast_station',
              'sar_aircraft',
              'aton',
              'auxiliary_craft',
              'handheld',
              'sart',
              'mob',
              'epirb',
              'amrd',
              'invalid',
            ])
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const { q, limit, offset } = req.query;
      const r = await findVessels(store, { q, mmsiClass: req.query.class, limit, offset });
      return { ...r, limit, offset };
    },
  );

  app.get(
    '/api/vessels/:mmsi',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.vesselDetail },
        tags: ['vessels'],
        summary:
          'A vessel: current identity, flag from its MID, identity history (every change), last position',
        params: mmsiParam,
      },
    },
    async (req) => {
      const v = await vesselDetail(store, req.params.mmsi);
      if (v === null) throw new NotFoundError(`no vessel with MMSI ${req.params.mmsi}`);
      return v;
    },
  );

  app.get(
    '/api/vessels/:mmsi/track',
    {
      config: { access: 'read' },
      schema: {
        response: {
          200: {
            description: 'The track as GeoJSON',
            content: { 'application/geo+json': { schema: answers.trackCollection } },
          },
        },
        tags: ['vessels'],
        summary:
          'The track over a period as GeoJSON (a LineString with times; points with their raw-sentence source)',
        params: mmsiParam,
        querystring: z.object({
          from: instantParam('start').optional(),
          to: instantParam('end').optional(),
          points: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
          limit: z.coerce.number().int().min(1).max(200_000).default(20_000),
        }),
      },
    },
    async (req, reply) => {
      const from = req.query.from ?? 0;
      const to = req.query.to ?? Date.now();
      if (from > to) throw new BadRequestError('`from` is after `to`');
      const v = await vesselDetail(store, req.params.mmsi);
      if (v === null) throw new NotFoundError(`no vessel with MMSI ${req.params.mmsi}`);
      reply.header('content-type', 'application/geo+json; charset=utf-8');
      return trackGeoJson(store, req.params.mmsi, {
        from,
        to,
        limit: req.query.limit,
        points: req.query.points,
      });
    },
  );

  app.get(
    '/api/positions',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.positionsAnswer },
        tags: ['vessels'],
        summary: 'The latest position of each vessel in a box and time window (default: the latest known)',
        querystring: z.object({
          bbox: bboxParam.optional(),
          from: instantParam('start').optional(),
          to: instantParam('end').optional(),
          limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
        }),
      },
    },
    async (req) => {
      const { from, to, limit } = req.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw new BadRequestError('`from` is after `to`');
      }
      const r = await latestInArea(store, { bbox: req.query.bbox ?? null, from, to, limit });
      return { ...r, count: r.items.length };
    },
  );

  app.get(
    '/api/ais/sources/:source/lines/:line',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.positionEvidence },
        tags: ['ais'],
        summary: 'The raw sentence(s) behind a stored position: source (file sha256 or feed log) and line',
        params: z.object({
          source: z.string().max(200),
          line: z.coerce.number().int().min(1),
        }),
      },
    },
    async (req) => {
      const r = await rawEvidence(store, req.params.source, req.params.line);
      if (r === null) throw new NotFoundError(`no AIS source ${req.params.source}`);
      return r;
    },
  );

  app.get(
    '/api/ais/sources',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: z.object({ items: z.array(answers.aisSource) }) },
        tags: ['ais'],
        summary: 'AIS files and feeds ingested, newest first, with their summaries',
      },
    },
    async () => ({ items: await listAisSources(store, 200) }),
  );

  app.post(
    '/api/ais/ingest',
    {
      config: { access: 'write' },
      bodyLimit: 4 * 1024 * 1024 * 1024,
      schema: {
        response: { 200: answers.ingestAnswer },
        tags: ['ais'],
        summary: 'Ingest an AIS file (NMEA, gzip, or CSV of positions) sent as the request body',
        querystring: z.object({
          filename: z.string().max(255).default('upload.nmea'),
          columns: z.string().max(1000).optional(),
          clock: instantParam('start')
            .optional()
            .describe('receive time for NMEA lines that carry none (a snapshot file)'),
          detect: z
            .enum(['true', 'false'])
            .default('true')
            .transform((v) => v === 'true'),
        }),
      },
    },
    async (req) => {
      if (!req.body) throw new BadRequestError('no file in the request body');
      await mkdir(fileDir, { recursive: true });
      const safe = req.query.filename.replace(/[^A-Za-z0-9._-]/g, '_');
      const temp = join(fileDir, `.upload-${randomBytes(8).toString('hex')}`);
      try {
        await pipeline(req.body as Readable, createWriteStream(temp));
        const sha = await fileSha256(temp);
        const path = join(fileDir, `${sha.slice(0, 16)}-${safe}`);
        if (existsSync(path)) await rm(temp);
        else await rename(temp, path);
        const ingest = await ingestAisFile(store, path, {
          actor: actorOf(req),
          columns: req.query.columns,
          clock: req.query.clock,
        });
        // as the CLI does: detection over what was added (vessels linked to the lists first)
        if (!req.query.detect || ingest.outcome === 'already' || !ingest.timeFrom || !ingest.timeTo)
          return ingest;
        const detection = await detect(store, {
          actor: actorOf(req),
          from: Date.parse(ingest.timeFrom),
          to: Date.parse(ingest.timeTo),
          screening,
        });
        return { ...ingest, detection };
      } finally {
        await rm(temp, { force: true });
      }
    },
  );
}
