/**
 * One maritime event: what, who, when and where, the preset and detector parameters it was found with, its
 * type-specific details, and the raw AIS messages it rests on (each with its source file and line). Used by
 * the events page, the map's side panel and the vessel page.
 */
import { fmtDateTime, fmtNumber } from '../format.ts';
import { maritimeApi } from '../maritime-api.ts';
import { eventColor, eventSummary, eventTypeLabel, rgbCss } from '../maritime-format.ts';
import type { EventEvidence, MaritimeEvent } from '../maritime-types.ts';
import { href, Link } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { Async, Badge, Facts } from './ui.tsx';

function duration(e: MaritimeEvent): string | undefined {
  if (!e.end) return e.type === 'gap' ? 'still open' : undefined;
  const h = (Date.parse(e.end) - Date.parse(e.start)) / 3_600_000;
  if (h <= 0) return undefined;
  return h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`;
}

const show = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'number'
      ? fmtNumber(Math.round(v * 1000) / 1000)
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** A coloured dot and the event type's name. */
export function EventTypeBadge({ type }: { type: string }) {
  return (
    <span className="event-type">
      <span className="swatch" style={{ background: rgbCss(eventColor(type)) }} aria-hidden="true" />
      {eventTypeLabel(type)}
    </span>
  );
}

export function EvidenceList({ evidence }: { evidence: EventEvidence }) {
  if (evidence.messages.length === 0)
    return <p className="empty">No raw message is recorded for this event.</p>;
  return (
    <ol className="evidence" data-testid="evidence">
      {evidence.messages.map((m) => (
        <li key={`${m.source}:${m.line}`}>
          <div className="small">
            <strong>{m.sourceName}</strong> line {fmtNumber(m.line)}{' '}
            <span className="muted mono" title={m.source}>
              {m.source.slice(0, 12)}
            </span>
          </div>
          {m.unavailable ? (
            <p className="muted small">Raw text unavailable: {m.unavailable}.</p>
          ) : (
            <pre className="raw">{m.raw.join('\n')}</pre>
          )}
        </li>
      ))}
    </ol>
  );
}

export function EventDetail({
  event,
  headingLevel = 2,
  onShowVessel,
}: {
  event: MaritimeEvent;
  headingLevel?: 2 | 3;
  /** "Show on the map" for a vessel of the event (map page); otherwise vessels link to their pages only. */
  onShowVessel?: (mmsi: number) => void;
}) {
  const evidence = useApi((signal) => maritimeApi.evidence(event.id, signal), [event.id]);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const details = Object.entries(event.details).filter(([, v]) => v !== null && v !== undefined);
  return (
    <div className="event-detail" data-testid="event-detail">
      <H>
        <EventTypeBadge type={event.type} />
      </H>
      <p>{eventSummary(event)}</p>
      <Facts
        items={[
          [
            event.mmsi.length > 1 ? 'Vessels' : 'Vessel',
            <span className="badges" key="v">
              {event.mmsi.map((m) => (
                <span key={m}>
                  <Link to={`/vessels/${m}`}>{m}</Link>
                  {onShowVessel && (
                    <button
                      type="button"
                      className="link-button small"
                      onClick={() => onShowVessel(m)}
                      aria-label={`Show vessel ${m} on the map`}
                    >
                      map
                    </button>
                  )}
                </span>
              ))}
            </span>,
          ],
          ['Start', fmtDateTime(event.start)],
          ['End', event.end ? fmtDateTime(event.end) : event.type === 'gap' ? 'not yet (still dark)' : '—'],
          ['Duration', duration(event)],
          ['Position', `${event.lat.toFixed(4)}, ${event.lon.toFixed(4)}`],
          ['Preset', <Badge key="p">{event.preset}</Badge>],
          ['Detector', <code key="a">{event.algorithm}</code>],
          ['Detected', fmtDateTime(event.detectedAt)],
          ['Event id', <code key="id">{event.id}</code>],
        ]}
      />
      <p className="small">
        <Link to={`/events/${encodeURIComponent(event.id)}`}>Event page</Link> ·{' '}
        <Link to={href('/map', { event: event.id, c: `${event.lon.toFixed(4)},${event.lat.toFixed(4)},8` })}>
          On the map
        </Link>
      </p>
      {details.length > 0 && (
        <>
          <Sub>Details</Sub>
          <dl className="kv">
            {details.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{show(v)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <Sub>Parameters</Sub>
      <dl className="kv">
        {Object.entries(event.params).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
      <Sub>Raw evidence ({event.evidence.length} messages)</Sub>
      <Async state={evidence} loadingLabel="Reading the raw messages…">
        {(ev) => <EvidenceList evidence={ev} />}
      </Async>
    </div>
  );
}
