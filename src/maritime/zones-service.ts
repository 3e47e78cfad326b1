/**
 * User zones: GeoJSON polygons an analyst adds (a transfer hotspot, a port approach); the zone detector
 * watches them beside the DPRK territorial sea and EEZ.
 */
import { randomUUID } from 'node:crypto';
import { type Zone, ZoneValidationError, zoneFromGeoJson } from '../geo/index.ts';
import { InputFormatError } from '../lists/errors.ts';
import { appendAudit } from '../store/audit.ts';
import { deleteUserZone, insertUserZone, listUserZones } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { dprkZones } from './detect/geo-context.ts';

export interface ZoneView {
  id: string;
  name: string;
  kind: string;
  country: string;
  bbox: [number, number, number, number];
  user: boolean;
  source: string;
  createdBy?: string;
  createdAt?: string;
}

/** The user's zones as detector zones (ids `user-…`). */
export async function userZones(store: Store): Promise<Zone[]> {
  const rows = await listUserZones(store);
  return rows.map((r) =>
    zoneFromGeoJson(r.geojson, r.name, { id: r.id, kind: 'user', source: `added by ${r.createdBy}` }),
  );
}

/** All zones the zone detector watches. */
export async function allZones(store: Store): Promise<ZoneView[]> {
  const view = (z: Zone, user: boolean): ZoneView => ({
    id: z.id,
    name: z.name,
    kind: z.kind,
    country: z.country,
    bbox: z.bbox,
    user,
    source: z.source,
  });
  const rows = await listUserZones(store);
  const users = rows.map((r) => ({
    ...view(
      zoneFromGeoJson(r.geojson, r.name, { id: r.id, kind: 'user', source: `added by ${r.createdBy}` }),
      true,
    ),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
  return [...dprkZones().map((z) => view(z, false)), ...users];
}

/** The GeoJSON of a zone (default or user), for maps. */
/** A zone as a GeoJSON Feature (what the map draws). */
export interface ZoneFeature {
  type: 'Feature';
  properties: { id: string; name: string; kind: string; country: string };
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export async function zoneGeoJson(store: Store, id: string): Promise<ZoneFeature | null> {
  const d = dprkZones().find((z) => z.id === id);
  const rows = d ? [] : await listUserZones(store);
  const z =
    d ??
    rows.map((r) => zoneFromGeoJson(r.geojson, r.name, { id: r.id, kind: 'user' })).find((x) => x.id === id);
  if (!z) return null;
  return {
    type: 'Feature',
    properties: { id: z.id, name: z.name, kind: z.kind, country: z.country },
    // The zone's own rings, serialised as they are (never changed).
    geometry: { type: 'MultiPolygon', coordinates: z.polygons as unknown as number[][][][] },
  };
}

/** Validates and stores a user zone; clear errors name what is wrong and where. */
export async function addUserZone(
  store: Store,
  name: string,
  geojson: unknown,
  actor: string,
): Promise<ZoneView> {
  const clean = name.trim();
  if (clean === '' || clean.length > 100)
    throw new InputFormatError('zone', undefined, 'a zone needs a name of 1 to 100 characters');
  const id = `user-${randomUUID().slice(0, 8)}`;
  let zone: Zone;
  try {
    zone = zoneFromGeoJson(geojson, clean, { id, kind: 'user' });
  } catch (err) {
    if (err instanceof ZoneValidationError || err instanceof SyntaxError)
      throw new InputFormatError('zone', undefined, err.message);
    throw err;
  }
  const existing = await listUserZones(store);
  if (existing.some((z) => z.name === clean))
    throw new InputFormatError('zone', undefined, `a zone named "${clean}" exists`);
  const createdAt = new Date().toISOString();
  await insertUserZone(store, {
    id,
    name: clean,
    geojson: typeof geojson === 'string' ? JSON.parse(geojson) : geojson,
    createdBy: actor,
    createdAt,
  });
  await appendAudit(store.db, { actor, action: 'zone.create', target: id, details: { name: clean } });
  return {
    id,
    name: clean,
    kind: 'user',
    country: '',
    bbox: zone.bbox,
    user: true,
    source: `added by ${actor}`,
    createdBy: actor,
    createdAt,
  };
}

export async function removeUserZone(store: Store, id: string, actor: string): Promise<boolean> {
  const removed = await deleteUserZone(store, id);
  if (removed) await appendAudit(store.db, { actor, action: 'zone.remove', target: id });
  return removed;
}
