import { readFileSync } from 'node:fs';
import { sharedFile } from '../config/paths.ts';
import type { FtmEntity } from './types.ts';

/**
 * The FollowTheMoney schema model (compiled JSON, v3.8.4, read from shared data). Used to check that every
 * entity we emit uses real FtM schemata and property names, inherited ones included.
 */
export interface FtmModel {
  /** schema name -> every property name it has, inherited ones included */
  properties: Map<string, Set<string>>;
  /** schema name -> schema and all its ancestors */
  ancestry: Map<string, Set<string>>;
}

interface RawSchema {
  extends?: string[];
  properties: Record<string, unknown>;
}

export function loadFtmModel(
  file = sharedFile('ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'),
): FtmModel {
  if (!file) throw new Error('FtM model JSON not found in shared data');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { schemata: Record<string, RawSchema> };
  const ancestry = new Map<string, Set<string>>();
  const resolveAncestry = (name: string): Set<string> => {
    const known = ancestry.get(name);
    if (known) return known;
    const set = new Set<string>([name]);
    for (const parent of raw.schemata[name]?.extends ?? [])
      for (const a of resolveAncestry(parent)) set.add(a);
    ancestry.set(name, set);
    return set;
  };
  const properties = new Map<string, Set<string>>();
  for (const name of Object.keys(raw.schemata)) {
    const props = new Set<string>();
    for (const a of resolveAncestry(name))
      for (const p of Object.keys(raw.schemata[a]?.properties ?? {})) props.add(p);
    properties.set(name, props);
  }
  return { properties, ancestry };
}

/** Problems with an entity against the model: unknown schema or property names. Empty when valid. */
export function entityProblems(model: FtmModel, entity: FtmEntity): string[] {
  const props = model.properties.get(entity.schema);
  if (!props) return [`${entity.id}: unknown schema ${entity.schema}`];
  const out: string[] = [];
  for (const [prop, values] of Object.entries(entity.properties)) {
    if (!props.has(prop)) out.push(`${entity.id}: ${entity.schema} has no property ${prop}`);
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' || v === '')) {
      out.push(`${entity.id}: ${prop} must be a list of non-empty strings`);
    }
  }
  return out;
}

export function isA(model: FtmModel, schema: string, ancestor: string): boolean {
  return model.ancestry.get(schema)?.has(ancestor) ?? false;
}
