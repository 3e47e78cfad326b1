/**
 * FollowTheMoney entities: `{id, schema, properties: {prop: [values]}}`, every property multi-valued.
 * Property names are FtM's own (see ../shared/data/ftm), so exports load into OpenSanctions/Aleph tooling.
 */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Adds values to a property, skipping empty strings and duplicates; keeps insertion order. */
export function addValues(
  entity: FtmEntity,
  prop: string,
  ...values: Array<string | null | undefined>
): void {
  for (const raw of values) {
    if (raw == null) continue;
    const value = raw.trim();
    if (value === '') continue;
    const list = entity.properties[prop];
    if (list === undefined) entity.properties[prop] = [value];
    else if (!list.includes(value)) list.push(value);
  }
}

export function newEntity(id: string, schema: string): FtmEntity {
  return { id, schema, properties: {} };
}

/** First value of a property, or undefined. */
export function first(entity: FtmEntity, prop: string): string | undefined {
  return entity.properties[prop]?.[0];
}

/**
 * A list reference or number as part of an entity id: lower case, runs of anything but a-z/0-9 as one '-'
 * (`KPe.051 ` -> `kpe-051`, `G 649385` -> `g-649385`). Every importer builds ids with it, so ids agree.
 */
export function slug(ref: string): string {
  return ref
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
