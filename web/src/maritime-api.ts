/**
 * The maritime half of the typed API client: vessels, tracks, positions, events, risk, zones, ports,
 * detection and the demo scenario. Same conventions as `api` in api.ts (session cookie, ApiError with the
 * API's message, a 401 signs out), which it builds on.
 */

import { type Query, request, type UploadProgress, upload, withQuery } from './api.ts';
import type { Page } from './api-types.ts';
import type {
  DemoScenarioResult,
  DetectionPreset,
  DetectResult,
  EventEvidence,
  EventPage,
  IngestAnswer,
  MaritimeEvent,
  Port,
  PositionsAnswer,
  TrackCollection,
  VesselDetail,
  VesselRisk,
  VesselSummary,
  Zone,
  ZoneFeature,
} from './maritime-types.ts';

/** `west,south,east,north` in degrees. */
export type Bbox = [number, number, number, number];

export interface EventFilter {
  type?: string;
  mmsi?: number | string;
  preset?: string;
  /** ISO time or date */
  from?: string;
  to?: string;
  bbox?: Bbox;
}

export const EXPORT_FORMATS = ['ndjson', 'csv', 'geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const bboxText = (b?: Bbox) => (b ? b.map((x) => Math.round(x * 1e5) / 1e5).join(',') : undefined);
const enc = encodeURIComponent;

function eventQuery(f: EventFilter): Query {
  return { type: f.type, mmsi: f.mmsi, preset: f.preset, from: f.from, to: f.to, bbox: bboxText(f.bbox) };
}

export const maritimeApi = {
  // --- vessels ---
  vessels: (q: { q?: string; class?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    request<Page<VesselSummary>>('/api/vessels', { query: q, signal }),
  vessel: (mmsi: number | string, signal?: AbortSignal) =>
    request<VesselDetail>(`/api/vessels/${enc(String(mmsi))}`, { signal }),
  track: (
    mmsi: number | string,
    q: { from?: string; to?: string; points?: boolean; limit?: number },
    signal?: AbortSignal,
  ) =>
    request<TrackCollection>(`/api/vessels/${enc(String(mmsi))}/track`, {
      query: {
        from: q.from,
        to: q.to,
        points: q.points === undefined ? undefined : String(q.points),
        limit: q.limit,
      },
      signal,
    }),
  risk: (mmsi: number | string, signal?: AbortSignal) =>
    request<VesselRisk>(`/api/vessels/${enc(String(mmsi))}/risk`, { signal }),
  riskiest: (limit: number, signal?: AbortSignal) =>
    request<{ items: VesselRisk[] }>('/api/vessels/riskiest', { query: { limit }, signal }),
  positions: (q: { bbox?: Bbox; from?: string; to?: string; limit?: number }, signal?: AbortSignal) =>
    request<PositionsAnswer>('/api/positions', {
      query: { bbox: bboxText(q.bbox), from: q.from, to: q.to, limit: q.limit },
      signal,
    }),

  // --- events ---
  events: (f: EventFilter & { limit?: number; offset?: number }, signal?: AbortSignal) =>
    request<EventPage>('/api/events', {
      query: { ...eventQuery(f), limit: f.limit, offset: f.offset },
      signal,
    }),
  event: (id: string, signal?: AbortSignal) => request<MaritimeEvent>(`/api/events/${enc(id)}`, { signal }),
  evidence: (id: string, signal?: AbortSignal) =>
    request<EventEvidence>(`/api/events/${enc(id)}/evidence`, { signal }),
  /** The URL of an export (a download link: the browser sends the session cookie). */
  exportUrl: (format: ExportFormat, f: EventFilter) =>
    withQuery('/api/events/export', { format, ...eventQuery({ ...f, bbox: undefined }) }),
  detect: (body: { preset: string; from?: string; to?: string }) =>
    request<DetectResult>('/api/detect', { body }),
  presets: (signal?: AbortSignal) => request<Record<string, DetectionPreset>>('/api/presets', { signal }),

  // --- geography ---
  zones: (signal?: AbortSignal) => request<{ items: Zone[] }>('/api/zones', { signal }),
  zone: (id: string, signal?: AbortSignal) => request<ZoneFeature>(`/api/zones/${enc(id)}`, { signal }),
  addZone: (name: string, geojson: unknown) => request<Zone>('/api/zones', { body: { name, geojson } }),
  removeZone: (id: string) => request<{ removed: string }>(`/api/zones/${enc(id)}`, { method: 'DELETE' }),
  ports: (q: { bbox?: Bbox; limit?: number }, signal?: AbortSignal) =>
    request<{ items: Port[]; count: number }>('/api/ports', {
      query: { bbox: bboxText(q.bbox), limit: q.limit },
      signal,
    }),

  // --- AIS ingest and the demo scenario ---
  ingestAis: (file: File, onProgress?: (p: UploadProgress) => void) =>
    upload<IngestAnswer>('/api/ais/ingest', file, {
      query: { filename: file.name },
      onProgress,
      contentType: 'application/octet-stream',
    }),
  demoScenario: (body: { vessels?: number; hours?: number; seed?: number } = {}) =>
    request<DemoScenarioResult>('/api/demo/scenario', { body }),
};
