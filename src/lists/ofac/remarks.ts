/**
 * The Remarks column of OFAC's legacy sdn.csv: everything the 12 columns cannot hold, as `; `-separated
 * labelled facts, e.g.
 *   `DOB 18 Jan 1961; POB Pyongyang, Korea, North; nationality Korea, North; Gender Male;
 *    Passport 12345 (Korea, North) expires 17 Jul 2011; a.k.a. 'KIM, Chong Un'; Linked To: KOREA XYZ CO.`
 * `alt. ` before a label marks a second value of the same kind and changes nothing else.
 *
 * Parsing is total: every segment ends up as an alias, a detail for details.ts, or a note; nothing throws.
 * The quoted a.k.a. names are OFAC's *weak* aliases (strong ones live in alt.csv / akaList), so they are
 * emitted as weakAlias; f.k.a. as previousName.
 */
import { clean } from '../text.ts';
import { matchLabel, type OfacDetail } from './details.ts';

export type RemarkItem =
  | { kind: 'alias'; type: 'a.k.a.' | 'f.k.a.' | 'n.k.a.'; name: string }
  | { kind: 'detail'; detail: OfacDetail }
  | { kind: 'note'; text: string };

export interface RemarkOptions {
  /** The text was cut off by the file's field limit: its last segment is incomplete and must not be trusted. */
  truncated?: boolean;
}

const ALIAS_RE = /^([afn])\.\s?k\.\s?a\.?,?\s*(.*)$/i;
/** Most `;`-separated pieces one quoted alias may span before we call the quote unterminated. */
const MAX_ALIAS_PIECES = 8;

// Abbreviations that end a name with a full stop of their own (`... CO.`, `... S.A.`), so the remarks' final
// full stop is not stripped from them.
const KEEP_FINAL_DOT =
  /(?:^|[\s,])(?:(?:[A-Za-z]\.){2,}|(?:CO|LTD|INC|CORP|CIA|LTDA|JR|SR|NO|BHD|PTE|BROS|DR|ST)\.)$/i;

function stripFinalDot(segment: string, isName: boolean): string {
  if (!segment.endsWith('.')) return segment;
  if (isName && KEEP_FINAL_DOT.test(segment)) return segment;
  return segment.slice(0, -1);
}

/** Splits on `;`, re-joining pieces of a quoted alias that itself contains `;`. */
function segments(text: string): Array<{ text: string; unterminated: boolean }> {
  const pieces = text.split(';');
  const out: Array<{ text: string; unterminated: boolean }> = [];
  for (let i = 0; i < pieces.length; i++) {
    let seg = pieces[i].trim();
    if (seg === '') continue;
    const alias = ALIAS_RE.exec(seg.replace(/^alt\.\s+/i, ''));
    let unterminated = false;
    if (alias?.[2].startsWith("'")) {
      let n = 0;
      while (!/'\.?$/.test(seg) || seg.replace(/^.*?'/, '').length === 0) {
        if (i + 1 >= pieces.length || n >= MAX_ALIAS_PIECES) {
          unterminated = true;
          break;
        }
        i++;
        n++;
        seg = `${seg};${pieces[i]}`.trim();
      }
    }
    out.push({ text: seg, unterminated });
  }
  return out;
}

/** The remarks text -> aliases, details and notes, in order. */
export function parseRemarks(text: string | undefined, opts: RemarkOptions = {}): RemarkItem[] {
  const cleaned = clean(text);
  if (!cleaned || cleaned === '-0-') return [];
  const segs = segments(cleaned);
  const items: RemarkItem[] = [];
  segs.forEach((seg, idx) => {
    const last = idx === segs.length - 1;
    if (last && opts.truncated) {
      items.push({ kind: 'note', text: `${seg.text} [cut off in the list file]` });
      return;
    }
    // XML remarks wrap some segments in parentheses: "...; (Linked To: HAMAS)".
    const unwrapped = /^\(([^()]*(?:\([^()]*\)[^()]*)*)\)\.?$/.exec(seg.text)?.[1] ?? seg.text;
    const unprefixed = unwrapped.replace(/^alt\.\s+/i, '');
    const alias = ALIAS_RE.exec(unprefixed);
    if (alias) {
      if (seg.unterminated) {
        items.push({ kind: 'note', text: seg.text });
        return;
      }
      const type = `${alias[1].toLowerCase()}.k.a.` as 'a.k.a.' | 'f.k.a.' | 'n.k.a.';
      let name = alias[2].trim();
      if (last) name = name.replace(/'\.$/, "'");
      const quoted = /^'(.*)'$/.exec(name);
      name = clean(quoted ? quoted[1] : stripFinalDot(name, true)) ?? '';
      if (name !== '') items.push({ kind: 'alias', type, name });
      return;
    }
    const match = matchLabel(unprefixed);
    if (!match) {
      items.push({ kind: 'note', text: last ? stripFinalDot(seg.text, true) : seg.text });
      return;
    }
    const isName = /^linked to$|^vessel owner$/i.test(match.label.trim());
    const value = last ? stripFinalDot(match.rest, isName) : match.rest;
    const raw = last ? stripFinalDot(unprefixed, isName) : unprefixed;
    items.push({ kind: 'detail', detail: { label: match.label.trim(), value, raw } });
  });
  return items;
}
