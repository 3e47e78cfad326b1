/** The AIS files and feeds ingested, with their status and what they brought (admin page, dashboard). */
import type { AisSource } from '../api-types.ts';
import { fmtBytes, fmtDateTime, fmtNumber } from '../format.ts';
import { DataTable } from './table.tsx';
import { Badge } from './ui.tsx';

export function AisSourcesTable({
  sources,
  caption = 'AIS sources',
}: {
  sources: AisSource[];
  caption?: string;
}) {
  const tone = (s: string) => (s === 'complete' ? 'good' : s === 'failed' ? 'bad' : 'warn');
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={[
        { header: 'Source', cell: (s) => <span title={s.path ?? undefined}>{s.name}</span> },
        { header: 'Kind', cell: (s) => `${s.kind}${s.format ? ` (${s.format})` : ''}` },
        { header: 'Status', cell: (s) => <Badge tone={tone(s.status)}>{s.status}</Badge> },
        { header: 'Size', cell: (s) => fmtBytes(s.bytes), className: 'num' },
        { header: 'Positions', cell: (s) => fmtNumber(s.summary?.positions), className: 'num' },
        { header: 'Vessels', cell: (s) => fmtNumber(s.summary?.vessels), className: 'num' },
        {
          header: 'Covers',
          cell: (s) =>
            s.summary?.timeFrom
              ? `${fmtDateTime(s.summary.timeFrom)} – ${fmtDateTime(s.summary.timeTo)}`
              : '—',
        },
        {
          header: 'Ingested',
          cell: (s) =>
            `${fmtDateTime(s.finishedAt ?? s.startedAt)}${s.startedBy ? ` by ${s.startedBy}` : ''}`,
        },
      ]}
      rows={sources}
      rowKey={(s) => s.id}
      empty="No AIS file or feed ingested yet."
    />
  );
}
