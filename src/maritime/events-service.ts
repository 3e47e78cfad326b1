/**
 * Events for the API, CLI and exports: the stored rows with ISO times, the raw evidence behind an event, and
 * exports as NDJSON, CSV, GeoJSON and KML (streamed page by page).
 */
import { type EventQuery, type EventRow, getEvent, iterateEvents, listEvents } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { type PositionEvidence, rawEvidenceMany } from './service.ts';

export interface EventView {
  id: string;
  type: string;
  mmsi: number[];
  start: string;
  end: string | null;
  lat: number;
  lon: number;
  preset: string;
  algorithm: string;
  params: Record<string, number | string | boolean>;
  details: Record<string, unknown>;
  evidence: { source: string; line: number }[];
  detectedAt: string;
}

export function eventView(e: EventRow): EventView {
  return {
    id: e.id,
    type: e.type,
    mmsi: e.mmsi,
    start: new Date(e.start).toISOString(),
    end: e.end === null ? null : new Date(e.end).toISOString(),
    lat: Math.round(e.lat * 1e6) / 1e6,
    lon: Math.round(e.lon * 1e6) / 1e6,
    preset: e.preset,
    algorithm: e.algorithm,
    params: e.params,
    details: e.details,
    evidence: e.evidence,
    detectedAt: e.detectedAt,
  };
}

export async function findEvents(
  store: Store,
  q: EventQuery,
): Promise<{ total: number; items: EventView[] }> {
  const r = await listEvents(store, q);
  return { total: r.total, items: r.rows.map(eventView) };
}

export async function eventDetail(store: Store, id: string): Promise<EventView | null> {
  const e = await getEvent(store, id);
  return e === null ? null : eventView(e);
}

/** The raw messages an event rests on, each with its source, line and receive context. */
export async function eventEvidence(
  store: Store,
  id: string,
): Promise<{ event: EventView; messages: PositionEvidence[] } | null> {
  const e = await getEvent(store, id);
  if (e === null) return null;
  const found = await rawEvidenceMany(store, e.evidence.slice(0, 50));
  const messages = found.filter((m): m is PositionEvidence => m !== null);
  return { event: eventView(e), messages };
}

export type ExportFormat = 'ndjson' | 'csv' | 'geojson' | 'kml';

const CSV_COLUMNS = ['id', 'type', 'mmsi', 'start', 'end', 'lat', 'lon', 'preset', 'algorithm', 'details'];

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function xml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}

function title(e: EventView): string {
  const d = e.details;
  const what = d.kind
    ? `${e.type} (${String(d.kind)})`
    : d.port
      ? `${e.type} ${String(d.port)}`
      : d.zone
        ? `${e.type} ${String(d.zone)}`
        : e.type;
  return `${what}: ${e.mmsi.join(' & ')}`;
}

/** An export, as chunks of text. */
export async function* exportEvents(
  store: Store,
  format: ExportFormat,
  q: Omit<EventQuery, 'limit' | 'offset'>,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  if (format === 'geojson') yield '{"type":"FeatureCollection","features":[\n';
  if (format === 'kml') {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Watchkeeper events</name>\n';
  }
  let first = true;
  for await (const row of iterateEvents(store, q)) {
    const e = eventView(row);
    switch (format) {
      case 'ndjson':
        yield `${JSON.stringify(e)}\n`;
        break;
      case 'csv':
        yield `${[e.id, e.type, e.mmsi.join(' '), e.start, e.end, e.lat, e.lon, e.preset, e.algorithm, e.details].map(csvCell).join(',')}\n`;
        break;
      case 'geojson': {
        const { lat, lon, ...props } = e;
        yield `${first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: props })}`;
        break;
      }
      case 'kml':
        yield `<Placemark><name>${xml(title(e))}</name>` +
          `<TimeSpan><begin>${e.start}</begin>${e.end ? `<end>${e.end}</end>` : ''}</TimeSpan>` +
          `<description>${xml(`${e.preset} ${e.algorithm} ${JSON.stringify(e.details)}`)}</description>` +
          `<ExtendedData><Data name="id"><value>${e.id}</value></Data><Data name="type"><value>${e.type}</value></Data>` +
          `<Data name="mmsi"><value>${e.mmsi.join(' ')}</value></Data></ExtendedData>` +
          `<Point><coordinates>${e.lon},${e.lat}</coordinates></Point></Placemark>\n`;
        break;
    }
    first = false;
  }
  if (format === 'geojson') yield '\n]}\n';
  if (format === 'kml') yield '</Document></kml>\n';
}
