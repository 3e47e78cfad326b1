/**
 * Maritime events: `GET /api/events?type&mmsi&bbox&from&to`, `/api/events/{id}`, `/api/events/{id}/evidence`,
 * `/api/events/export`, `POST /api/detect`, `GET /api/vessels/{mmsi}/risk`, `GET /api/presets`.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../lists/service.ts';
import { portIndex } from '../maritime/detect/geo-context.ts';
import { PRESETS } from '../maritime/detect/presets.ts';
import { detect } from '../maritime/detection-service.ts';
import { EVENT_TYPES } from '../maritime/events.ts';
import { eventDetail, eventEvidence, exportEvents, findEvents } from '../maritime/events-service.ts';
import { riskiestVessels, vesselRisk } from '../maritime/risk.ts';
import { addUserZone, allZones, removeUserZone, zoneGeoJson } from '../maritime/zones-service.ts';
import type { ScreeningService } from '../screening/service.ts';
import { eventCounts } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { getVessel } from '../store/vessels.ts';
import { actorOf } from './auth.ts';
import { BadRequestError } from './errors.ts';
import * as answers from './maritime-schemas.ts';
import { fileAnswer } from './response-check.ts';
import { bboxParam, instantParam } from './vessel-routes.ts';

const presetName = z.enum(Object.keys(PRESETS) as [string, ...string[]]);
const filters = {
  type: z.enum(EVENT_TYPES).optional(),
  mmsi: z.coerce.number().int().min(0).max(999_999_999).optional(),
  preset: presetName.optional(),
  bbox: bboxParam.optional(),
  from: instantParam('start').optional(),
  to: instantParam('end').optional(),
};

export function registerEventRoutes(root: FastifyInstance, store: Store, screening: ScreeningService): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/events',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.eventPage },
        tags: ['events'],
        summary:
          'Maritime events overlapping a window, newest first (encounters, loitering, gaps, port visits, zones, spoofing, identity)',
        querystring: z.object({
          ...filters,
          limit: z.coerce.number().int().min(1).max(10_000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const { limit, offset, ...q } = req.query;
      const r = await findEvents(store, { ...q, limit, offset });
      return { ...r, limit, offset };
    },
  );

  app.get(
    '/api/events/summary',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.eventCounts },
        tags: ['events'],
        summary: 'Event counts by type and preset (optionally since a time), for dashboards',
        querystring: z.object({ since: instantParam('start').optional() }),
      },
    },
    async (req) => ({ items: await eventCounts(store, req.query.since) }),
  );

  app.get(
    '/api/events/export',
    {
      config: { access: 'read' },
      schema: {
        tags: ['events'],
        summary: 'Export events as NDJSON, CSV, GeoJSON or KML',
        querystring: z.object({
          format: z.enum(['ndjson', 'csv', 'geojson', 'kml']).default('ndjson'),
          type: filters.type,
          mmsi: filters.mmsi,
          preset: filters.preset,
          from: filters.from,
          to: filters.to,
        }),
        response: {
          200: fileAnswer('The events as a file, in the format asked for (streamed, page by page)', [
            'application/x-ndjson',
            'text/csv',
            'application/geo+json',
            'application/vnd.google-earth.kml+xml',
          ]),
        },
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const types = {
        ndjson: 'application/x-ndjson',
        csv: 'text/csv; charset=utf-8',
        geojson: 'application/geo+json',
        kml: 'application/vnd.google-earth.kml+xml',
      };
      reply.header('content-type', types[format]);
      reply.header(
        'content-disposition',
        `attachment; filename="watchkeeper-events.${format === 'ndjson' ? 'ndjson' : format}"`,
      );
      return reply.send(Readable.from(exportEvents(store, format, q)));
    },
  );

  app.get(
    '/api/events/:id',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.maritimeEvent },
        tags: ['events'],
        summary: 'One event with its preset, parameters and evidence references',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (req) => {
      const e = await eventDetail(store, req.params.id);
      if (e === null) throw new NotFoundError(`no event ${req.params.id}`);
      return e;
    },
  );

  app.get(
    '/api/events/:id/evidence',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.eventEvidence },
        tags: ['events'],
        summary:
          'The raw AIS messages an event rests on, with their source (file sha256 or feed log) and line',
        params: z.object({ id: z.string().max(64) }),
      },
    },
    async (req) => {
      const r = await eventEvidence(store, req.params.id);
      if (r === null) throw new NotFoundError(`no event ${req.params.id}`);
      return r;
    },
  );

  app.post(
    '/api/detect',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: answers.detectResult },
        tags: ['detection'],
        summary: 'Re-run detection over a window with a preset (vessels are re-linked to the lists first)',
        body: z
          .object({
            preset: presetName.default('gfw'),
            from: instantParam('start').optional(),
            to: instantParam('end').optional(),
          })
          .default({ preset: 'gfw' }),
      },
    },
    async (req) => {
      const body = req.body ?? { preset: 'gfw' };
      if (body.from !== undefined && body.to !== undefined && body.from > body.to) {
        throw new BadRequestError('`from` is after `to`');
      }
      return detect(store, {
        preset: body.preset,
        from: body.from,
        to: body.to,
        actor: actorOf(req),
        screening,
      });
    },
  );

  app.get(
    '/api/vessels/riskiest',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.riskiestVessels },
        tags: ['vessels'],
        summary: 'The vessels of highest risk, each with its reasons',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
      },
    },
    async (req) => ({ items: await riskiestVessels(store, req.query.limit) }),
  );

  app.get(
    '/api/ports',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.portsAnswer },
        tags: ['ports and zones'],
        summary: 'World Port Index ports in a box (for maps); DPRK ports flagged',
        querystring: z.object({
          bbox: bboxParam.optional(),
          limit: z.coerce.number().int().min(1).max(5000).default(5000),
        }),
      },
    },
    async (req) => {
      const b = req.query.bbox;
      const inBox = (lat: number, lon: number) =>
        !b ||
        (lat >= b.south &&
          lat <= b.north &&
          (b.west <= b.east ? lon >= b.west && lon <= b.east : lon >= b.west || lon <= b.east));
      const items = portIndex()
        .ports.filter((p) => inBox(p.lat, p.lon))
        .slice(0, req.query.limit)
        .map((p) => ({
          id: p.id,
          name: p.name,
          country: p.country,
          unlocode: p.unlocode,
          lat: p.lat,
          lon: p.lon,
          size: p.harborSize,
          dprk: p.country === 'kp',
        }));
      return { items, count: items.length };
    },
  );

  app.get(
    '/api/zones',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.zonesAnswer },
        tags: ['ports and zones'],
        summary: 'Zones the zone detector watches (DPRK waters and user zones)',
      },
    },
    async () => ({ items: await allZones(store) }),
  );
  app.get(
    '/api/zones/:id',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.zoneFeature },
        tags: ['ports and zones'],
        summary: 'A zone as a GeoJSON Feature',
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req) => {
      const g = await zoneGeoJson(store, req.params.id);
      if (g === null) throw new NotFoundError(`no zone ${req.params.id}`);
      return g;
    },
  );
  app.post(
    '/api/zones',
    {
      config: { access: 'write' },
      schema: {
        response: { 201: answers.zoneView },
        tags: ['ports and zones'],
        summary: 'Add a user zone from GeoJSON (Polygon, MultiPolygon, Feature, FeatureCollection)',
        body: z.object({ name: z.string().min(1).max(100), geojson: z.unknown() }),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addUserZone(store, req.body.name, req.body.geojson, actorOf(req))),
  );
  app.delete(
    '/api/zones/:id',
    {
      config: { access: 'write' },
      schema: {
        response: { 200: answers.removed },
        tags: ['ports and zones'],
        summary: 'Remove a user zone',
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req) => {
      if (!(await removeUserZone(store, req.params.id, actorOf(req))))
        throw new NotFoundError(`no user zone ${req.params.id}`);
      return { removed: req.params.id };
    },
  );

  app.get(
    '/api/presets',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.presetsAnswer },
        tags: ['detection'],
        summary: 'Detection presets and their parameters',
      },
    },
    async () => PRESETS,
  );

  app.get(
    '/api/vessels/:mmsi/risk',
    {
      config: { access: 'read' },
      schema: {
        response: { 200: answers.vesselRisk },
        tags: ['vessels'],
        summary: 'A vessel’s risk score with its reasons (designation links, events, identity anomalies)',
        params: z.object({ mmsi: z.coerce.number().int().min(0).max(999_999_999) }),
      },
    },
    async (req) => {
      if ((await getVessel(store, req.params.mmsi)) === null) {
        throw new NotFoundError(`no vessel with MMSI ${req.params.mmsi}`);
      }
      return vesselRisk(store, req.params.mmsi);
    },
  );
}
