/**
 * Second pass for OFAC's name-only links. The legacy CSV and SDN.XML say `Linked To: NAME` and name a
 * vessel's owner or an aircraft's operator, but never give the other listing's id, and a streaming importer
 * cannot look ahead. The importers keep these as notes (`Linked To: NAME`, `Vessel Owner: NAME`,
 * `Aircraft Operator: NAME`); this module reads them back and, given a whole list, turns the names that name
 * exactly one listing into relationship adjuncts: UnknownLink(subject, object) for links and operators,
 * Ownership(owner, asset) for owners. Names that match no listing, or several, are left as notes only:
 * guessing a link between sanctioned parties would be worse than missing one.
 */
import { addValues, newEntity, slug } from '../../ftm/types.ts';
import type { ListRecord } from '../types.ts';

export type LinkKind = 'Linked To' | 'Vessel Owner' | 'Aircraft Operator';

export interface LinkedName {
  kind: LinkKind;
  name: string;
}

const NOTE_RE = /^(Linked To|Vessel Owner|Aircraft Operator): (.+)$/;

/** The names a listing is linked to, as the importer noted them. */
export function linkedNames(entity: { properties: Record<string, string[]> }): LinkedName[] {
  const out: LinkedName[] = [];
  for (const n of entity.properties.notes ?? []) {
    const m = NOTE_RE.exec(n);
    if (m) out.push({ kind: m[1] as LinkKind, name: m[2] });
  }
  return out;
}

/** Name comparison key: case, punctuation and spacing do not matter (`CO., LTD.` = `Co Ltd`). */
export function nameKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface LinkResolution {
  /** Relationship adjuncts added to the records. */
  added: number;
  /** Names that matched no listing or more than one. */
  unresolved: Array<{ sourceRef: string; kind: LinkKind; name: string; candidates: number }>;
}

/**
 * Resolves the names OFAC notes (`Linked To: X`, vessel owners, aircraft operators) to listing ids. Feed every
 * record to `index` first (it keeps only names and ids, not records), then `resolve` each record: a name that
 * matches exactly one other listing (by name or alias) becomes an UnknownLink / Ownership adjunct.
 */
export class OfacLinkResolver {
  readonly #byName = new Map<string, Set<string>>();
  readonly result: LinkResolution = { added: 0, unresolved: [] };

  index(r: ListRecord): void {
    const p = r.entity.properties;
    for (const n of [
      ...(p.name ?? []),
      ...(p.alias ?? []),
      ...(p.previousName ?? []),
      ...(p.weakAlias ?? []),
    ]) {
      const key = nameKey(n);
      if (key === '') continue;
      let set = this.#byName.get(key);
      if (!set) {
        set = new Set();
        this.#byName.set(key, set);
      }
      set.add(r.entity.id);
    }
  }

  resolve(r: ListRecord): void {
    const self = r.entity.id;
    for (const { kind, name } of linkedNames(r.entity)) {
      const candidates = [...(this.#byName.get(nameKey(name)) ?? [])].filter((id) => id !== self);
      let other: string;
      if (candidates.length === 1) other = candidates[0];
      else {
        this.result.unresolved.push({ sourceRef: r.sourceRef, kind, name, candidates: candidates.length });
        if (kind === 'Linked To') continue;
        // A vessel's owner or an aircraft's operator that is not itself listed is still a party worth
        // showing: it becomes an entity of the record (a LegalEntity with the name as OFAC writes it).
        other = `${self}-party-${slug(name) || 'x'}`;
        if (!r.adjuncts.some((a) => a.id === other)) {
          const party = newEntity(other, 'LegalEntity');
          addValues(party, 'name', name);
          r.adjuncts.push(party);
        }
      }
      const link =
        kind === 'Vessel Owner'
          ? newEntity(`${self}-ownership-${other}`, 'Ownership')
          : newEntity(`${self}-link-${other}`, 'UnknownLink');
      if (kind === 'Vessel Owner') {
        addValues(link, 'owner', other);
        addValues(link, 'asset', self);
      } else {
        addValues(link, 'subject', self);
        addValues(link, 'object', other);
      }
      addValues(link, 'role', kind);
      const existing = r.adjuncts.find((a) => a.id === link.id);
      if (existing) for (const [k, v] of Object.entries(link.properties)) addValues(existing, k, ...v);
      else {
        r.adjuncts.push(link);
        this.result.added++;
      }
    }
  }
}

/** Resolves the noted names of a whole list in place (see OfacLinkResolver). */
export function resolveOfacLinks(records: ListRecord[]): LinkResolution {
  const resolver = new OfacLinkResolver();
  for (const r of records) resolver.index(r);
  for (const r of records) resolver.resolve(r);
  return resolver.result;
}
