/**
 * A filter form bound to the URL (see url-state.ts): text fields apply on Enter or "Apply", selects at once;
 * any change goes back to page 1. The form is a search landmark and every control has a label.
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { UrlStateShape } from '../url-state.ts';
import { Field } from './ui.tsx';

export interface FilterDef {
  name: string;
  label: string;
  type?: 'text' | 'select' | 'date';
  options?: Array<{ value: string; label: string }>;
  placeholder?: string;
  hint?: string;
}

export function FilterBar<T extends UrlStateShape>({
  filters,
  state,
  setState,
  label = 'Filters',
  pageKey = 'page',
}: {
  filters: FilterDef[];
  state: T;
  setState: (patch: Partial<T>) => void;
  label?: string;
  /** The state key that holds the page number, reset on every change. */
  pageKey?: string;
}) {
  const fromUrl = () => Object.fromEntries(filters.map((f) => [f.name, String(state[f.name] ?? '')]));
  const [draft, setDraft] = useState<Record<string, string>>(fromUrl);
  const urlKey = filters.map((f) => String(state[f.name] ?? '')).join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sync when the URL's values change (Back, links)
  useEffect(() => setDraft(fromUrl()), [urlKey]);

  const apply = (values: Record<string, string>) =>
    setState({ ...values, [pageKey]: 1 } as unknown as Partial<T>);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const reset = () => {
    const empty = Object.fromEntries(filters.map((f) => [f.name, '']));
    setDraft(empty);
    apply(empty);
  };
  const dirty = filters.some((f) => draft[f.name] !== '');

  return (
    <search>
      <form className="filters" aria-label={label} onSubmit={submit}>
        {filters.map((f) => (
          <Field key={f.name} label={f.label} hint={f.hint}>
            {(props) =>
              f.type === 'select' ? (
                <select
                  {...props}
                  value={draft[f.name]}
                  onChange={(e) => {
                    const next = { ...draft, [f.name]: e.target.value };
                    setDraft(next);
                    apply(next);
                  }}
                >
                  {(f.options ?? []).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  type={f.type === 'date' ? 'date' : 'search'}
                  value={draft[f.name]}
                  placeholder={f.placeholder}
                  onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
                />
              )
            }
          </Field>
        ))}
        <div className="filter-actions">
          <button type="submit">Apply</button>
          {dirty && (
            <button type="button" className="secondary" onClick={reset}>
              Clear
            </button>
          )}
        </div>
      </form>
    </search>
  );
}
