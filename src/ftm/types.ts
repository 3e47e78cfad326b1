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
