/**
 * Field-level changes of a listing (list diffs, entity history): each changed field with its removed values
 * (red, struck through) and added values (green). A long text edited in place (a UN narrative) is shown as
 * one text with the removed and added words marked, which reads far better than two near-identical blocks.
 */
import { useState } from 'react';
import type { FieldChange } from '../api-types.ts';
import { fieldLabel, fmtValue } from '../format.ts';

type Piece = { kind: 'same' | 'added' | 'removed'; text: string };

/** Word-level diff (longest common subsequence over words and the spaces between them). */
export function wordDiff(before: string, after: string): Piece[] {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  // Trim the common head and tail first: most edits are local, so the table stays small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const pieces: Piece[] = [];
  const push = (kind: Piece['kind'], text: string) => {
    if (!text) return;
    const last = pieces.at(-1);
    if (last && last.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  push('same', a.slice(0, head).join(''));
  if (am.length * bm.length > 250_000) {
    // Too different to align cheaply: show it as replaced.
    push('removed', am.join(''));
    push('added', bm.join(''));
  } else {
    const n = am.length;
    const m = bm.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        push('same', am[i]);
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) push('removed', am[i++]);
      else push('added', bm[j++]);
    }
    while (i < n) push('removed', am[i++]);
    while (j < m) push('added', bm[j++]);
  }
  push('same', a.slice(a.length - tail).join(''));
  return pieces;
}

/** Words of unchanged text kept on each side of a change when the text is shown condensed. */
const CONTEXT_WORDS = 8;

/** Shortens an unchanged stretch to its ends ("… ") so the changes of a long text stand out. */
function condense(text: string, first: boolean, last: boolean): string {
  const words = text.split(/(\s+)/);
  const keep = CONTEXT_WORDS * 2; // words and the spaces between them
  if (words.length <= keep * 2 + 2) return text;
  const head = first ? '' : words.slice(0, keep).join('');
  const tail = last ? '' : words.slice(-keep).join('');
  return `${head}${first ? '…' : ' … '}${tail}`;
}

function InlineTextDiff({ before, after }: { before: string; after: string }) {
  const [full, setFull] = useState(false);
  const pieces = wordDiff(before, after);
  const long = before.length > 300;
  return (
    <span className="clip">
      {pieces.map((p, i) =>
        p.kind === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces have no identity beyond their position
          <span key={i}>{full || !long ? p.text : condense(p.text, i === 0, i === pieces.length - 1)}</span>
        ) : p.kind === 'added' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={i} className="val-added">
            {p.text}
          </ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={i} className="val-removed">
            {p.text}
          </del>
        ),
      )}
      {long && (
        <button
          type="button"
          className="link-button small"
          onClick={() => setFull(!full)}
          aria-expanded={full}
        >
          {full ? 'show the changes only' : 'show the whole text'}
        </button>
      )}
    </span>
  );
}

export function ChangeList({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0)
    return <span className="muted small">no field changed (order or formatting only)</span>;
  return (
    <ul className="changes">
      {changes.map((c) => {
        const inline =
          c.removed.length === 1 &&
          c.added.length === 1 &&
          Math.max(c.removed[0].length, c.added[0].length) > 60;
        return (
          <li key={c.field} data-field={c.field}>
            <span className="field-name">{fieldLabel(c.field)}:</span>
            {inline ? (
              <InlineTextDiff before={c.removed[0]} after={c.added[0]} />
            ) : (
              <span className="change-values">
                {c.removed.map((v) => (
                  <del key={`-${v}`} className="val-removed clip" title="removed">
                    {fmtValue(c.field, v)}
                  </del>
                ))}
                {c.added.map((v) => (
                  <ins key={`+${v}`} className="val-added clip" title="added">
                    {fmtValue(c.field, v)}
                  </ins>
                ))}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
