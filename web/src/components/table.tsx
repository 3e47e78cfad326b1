/** A data table with a caption and an empty state, and the pagination that goes with it. */
import type { ReactNode } from 'react';

export interface Column<T> {
  /** Header text (also the column's key). */
  header: string;
  cell: (row: T) => ReactNode;
  /** `num` right-aligns figures; `nowrap` keeps dates and ids on one line. */
  className?: string;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty = 'Nothing to show.',
  selectedKey,
  captionHidden,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: ReactNode;
  /** The row shown as selected (aria-selected), e.g. the alert open beside the table. */
  selectedKey?: string;
  /** Keep the caption for screen readers only (when a heading right above says the same). */
  captionHidden?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r) => {
              const key = rowKey(r);
              return (
                <tr
                  key={key}
                  aria-selected={selectedKey === undefined ? undefined : selectedKey === key}
                  className={selectedKey === key ? 'selected' : undefined}
                >
                  {columns.map((c) => (
                    <td key={c.header} className={c.className}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Showing 51–100 of 1,234" with first / previous / next / last. Pages count from 1 (as in the URL).
 */
export function Pagination({
  page,
  pageSize,
  total,
  onPage,
  label = 'Pages',
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const from = total === 0 ? 0 : (current - 1) * pageSize + 1;
  const to = Math.min(total, current * pageSize);
  return (
    <nav className="pagination" aria-label={label}>
      <span aria-live="polite">
        {total === 0
          ? 'No results'
          : `Showing ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${total.toLocaleString('en')}`}
      </span>
      {pages > 1 && (
        <span className="pagination-buttons">
          <button type="button" onClick={() => onPage(1)} disabled={current === 1} aria-label="First page">
            « First
          </button>
          <button
            type="button"
            onClick={() => onPage(current - 1)}
            disabled={current === 1}
            aria-label="Previous page"
          >
            ‹ Previous
          </button>
          <span className="muted">
            Page {current} of {pages}
          </span>
          <button
            type="button"
            onClick={() => onPage(current + 1)}
            disabled={current === pages}
            aria-label="Next page"
          >
            Next ›
          </button>
          <button
            type="button"
            onClick={() => onPage(pages)}
            disabled={current === pages}
            aria-label="Last page"
          >
            Last »
          </button>
        </span>
      )}
    </nav>
  );
}

/** The slice of `items` on a 1-based page (for lists the API answers whole, such as a diff). */
export function pageOf<T>(items: T[], page: number, pageSize: number): T[] {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const p = Math.min(Math.max(1, page), pages);
  return items.slice((p - 1) * pageSize, p * pageSize);
}
