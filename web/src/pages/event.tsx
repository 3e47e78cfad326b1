/** One maritime event: details, parameters and the raw AIS messages it rests on; its place on a small map. */
import { useMemo } from 'react';
import { EventDetail } from '../components/event-detail.tsx';
import { DeckMap } from '../components/map/deck-map.tsx';
import { eventsLayer, trackLayer } from '../components/map/maritime-layers.ts';
import { Async, Card } from '../components/ui.tsx';
import { maritimeApi } from '../maritime-api.ts';
import { eventTypeLabel } from '../maritime-format.ts';
import type { MaritimeEvent } from '../maritime-types.ts';
import '../maritime.css';
import { Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useApi } from '../use-api.ts';

const HOUR = 3_600_000;
const TRACK_COLORS: Array<[number, number, number]> = [
  [15, 40, 120],
  [170, 60, 0],
];

export default function EventPage({ params }: PageProps) {
  const event = useApi((signal) => maritimeApi.event(params.id, signal), [params.id]);
  useTitle(event.data ? `${eventTypeLabel(event.data.type)} ${event.data.mmsi.join(' & ')}` : 'Event');
  return (
    <>
      <p className="small">
        <Link to="/events">← All events</Link>
      </p>
      <h1 className="visually-hidden">Event</h1>
      <Async state={event} loadingLabel="Loading the event…">
        {(e) => (
          <div className="split">
            <Card>
              <EventDetail event={e} />
            </Card>
            <EventMap event={e} />
          </div>
        )}
      </Async>
    </>
  );
}

/** The vessels' tracks from an hour before to an hour after the event, with the event marked. */
function EventMap({ event }: { event: MaritimeEvent }) {
  const from = new Date(Date.parse(event.start) - HOUR).toISOString();
  const to = new Date((event.end ? Date.parse(event.end) : Date.parse(event.start)) + HOUR).toISOString();
  const tracks = useApi(
    (signal) =>
      Promise.all(
        event.mmsi.map((m) => maritimeApi.track(m, { from, to, points: false, limit: 20_000 }, signal)),
      ),
    [event.id],
  );
  const layers = useMemo(
    () => [
      ...(tracks.data ?? []).map((t, i) => {
        const line = t.features.find((f) => f.geometry.type === 'LineString');
        return trackLayer(
          `track-${i}`,
          line?.geometry.type === 'LineString' ? line.geometry.coordinates : [],
          TRACK_COLORS[i % 2],
        );
      }),
      eventsLayer([event], event.id),
    ],
    [tracks.data, event],
  );
  const d = 0.25;
  return (
    <Card title="Where">
      <DeckMap
        label="Map of the event and the vessels' tracks around it"
        layers={layers}
        initialView={{ center: [event.lon, event.lat], zoom: 8 }}
        fitBounds={[event.lon - d, event.lat - d, event.lon + d, event.lat + d]}
        className="vessel-map"
      />
      <p className="small muted">Tracks from an hour before to an hour after the event.</p>
    </Card>
  );
}
