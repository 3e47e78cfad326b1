/**
 * Detection as the CLI, the API and ingest call it: link the vessels in the window to the sanctions lists,
 * run the detectors with a preset, store the events, raise alerts.
 */
import type { ScreeningService } from '../screening/service.ts';
import { mmsisWithPositions } from '../store/events.ts';
import type { Store } from '../store/store.ts';
import { loadGeoContext } from './detect/geo-context.ts';
import { DEFAULT_PRESET, presetByName } from './detect/presets.ts';
import { type DetectionSummary, runDetection } from './detect/run.ts';
import { linkVessels, raiseMaritimeAlerts } from './risk.ts';
import { utcDay } from './track-codec.ts';
import { userZones } from './zones-service.ts';

export interface DetectRequest {
  preset?: string;
  from?: number;
  to?: number;
  actor: string;
  /** When given, vessels are (re-)linked to the lists first, so alerts see current designations. */
  screening?: ScreeningService;
  onProgress?: (phase: 'linking' | 'detecting', done: number, total: number) => void;
}

export interface DetectResult extends Omit<DetectionSummary, 'events'> {
  events: number;
  alertsRaised: number;
  vesselsLinked: number | null;
}

export async function detect(store: Store, req: DetectRequest): Promise<DetectResult> {
  const preset = presetByName(req.preset ?? DEFAULT_PRESET);
  let vesselsLinked: number | null = null;
  if (req.screening) {
    const from = req.from ?? 0;
    const to = req.to ?? Date.now() + 86_400_000;
    const mmsis = await mmsisWithPositions(store.db, utcDay(from), utcDay(to));
    const r = await linkVessels(store, req.screening, mmsis, (d, t) => req.onProgress?.('linking', d, t));
    vesselsLinked = r.linked;
  }
  const geo = loadGeoContext(await userZones(store));
  const summary = await runDetection(store, {
    preset,
    geo,
    from: req.from,
    to: req.to,
    actor: req.actor,
    onProgress: (d, t) => req.onProgress?.('detecting', d, t),
  });
  const alertsRaised = await raiseMaritimeAlerts(store, summary.events);
  const { events, ...rest } = summary;
  return { ...rest, events: events.length, alertsRaised, vesselsLinked };
}
