import { clean } from '../text.ts';
import type { OfacRecordBuilder } from './build.ts';
import { applyDetail } from './details.ts';
import { parseRemarks, type RemarkOptions } from './remarks.ts';

/** Alias kinds as the lists write them (`aka`, `a.k.a.`, `fka`, `F.K.A.`, `nka`) -> FtM property. */
export function aliasProp(type: string, weak: boolean): 'alias' | 'weakAlias' | 'previousName' {
  const t = type.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'fka') return 'previousName';
  return weak ? 'weakAlias' : 'alias';
}

/** Adds a name variant, skipping one equal to the entity's own name. */
export function addAlias(
  b: OfacRecordBuilder,
  prop: 'alias' | 'weakAlias' | 'previousName',
  raw: string | undefined,
): void {
  const name = clean(raw);
  if (!name || b.entity.properties.name?.includes(name)) return;
  b.set(prop, prop, name);
}

/** Parses a remarks text onto the listing: weak aliases, details, and notes for the rest. */
export function applyRemarks(b: OfacRecordBuilder, text: string | undefined, opts: RemarkOptions = {}): void {
  for (const item of parseRemarks(text, opts)) {
    if (item.kind === 'alias') addAlias(b, aliasProp(item.type, item.type !== 'f.k.a.'), item.name);
    else if (item.kind === 'detail') applyDetail(b, item.detail);
    // The remarks repeat a person's Title column as a bare segment; it is already the position.
    else if (!b.entity.properties.position?.includes(item.text)) b.note(item.text);
  }
}
