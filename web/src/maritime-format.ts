/**
 * How maritime things are shown: event type names and colours (the same on maps, badges and legends), a
 * one-line summary of an event, vessel names, risk levels.
 */
import type { Tone } from './components/ui.tsx';
import { countryName, fmtNumber } from './format.ts';
import type { MaritimeEvent, VesselRisk } from './maritime-types.ts';

export type Rgb = [number, number, number];

export interface EventTypeInfo {
  type: string;
  label: string;
  /** Map colour (also the legend's swatch); chosen to stay apart for common colour-vision deficiencies. */
  color: Rgb;
}

export const EVENT_TYPES: EventTypeInfo[] = [
  { type: 'encounter', label: 'Encounter', color: [215, 25, 28] },
  { type: 'loitering', label: 'Loitering', color: [253, 141, 60] },
  { type: 'gap', label: 'AIS gap', color: [117, 56, 190] },
  { type: 'port_visit', label: 'Port visit', color: [0, 136, 136] },
  { type: 'zone_entry', label: 'Zone entry', color: [204, 0, 153] },
  { type: 'zone_exit', label: 'Zone exit', color: [240, 120, 200] },
  { type: 'spoofing', label: 'Spoofing', color: [160, 120, 0] },
  { type: 'identity_change', label: 'Identity change', color: [30, 90, 220] },
];

const BY_TYPE = new Map(EVENT_TYPES.map((t) => [t.type, t]));

export const eventTypeLabel = (type: string): string => BY_TYPE.get(type)?.label ?? type;
export const eventColor = (type: string): Rgb => BY_TYPE.get(type)?.color ?? [80, 80, 80];
export const rgbCss = ([r, g, b]: Rgb): string => `rgb(${r} ${g} ${b})`;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const hours = (h: number | undefined) =>
  h === undefined ? '' : `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;

/** "Encounter 3.6 h, 138 m apart", "Port visit Yantai", "Identity change: flag kr → cm". */
export function eventSummary(e: MaritimeEvent): string {
  const d = e.details;
  const label = eventTypeLabel(e.type);
  switch (e.type) {
    case 'encounter':
      return `${label} ${hours(num(d.durationHours))}${num(d.medianDistanceM) !== undefined ? `, ${fmtNumber(num(d.medianDistanceM))} m apart` : ''}`;
    case 'loitering':
      return `${label} ${hours(num(d.durationHours))}${num(d.meanSpeedKn) !== undefined ? ` at ${num(d.meanSpeedKn)?.toFixed(1)} kn` : ''}`;
    case 'gap': {
      const c = num(d.confidence);
      return `${label} ${hours(num(d.hours))}${d.open ? ' (still dark)' : ''}${c !== undefined ? `, confidence ${c.toFixed(2)}` : ''}`;
    }
    case 'port_visit':
      return `${label} ${String(d.port ?? '')}${d.dprk ? ' (DPRK)' : ''}`;
    case 'zone_entry':
    case 'zone_exit':
      return `${label}: ${String(d.zone ?? d.zoneId ?? '')}`;
    case 'spoofing':
      return `${label} (${String(d.kind ?? '')})${num(d.maxDistanceKm) !== undefined ? `, ${fmtNumber(num(d.maxDistanceKm))} km off` : ''}`;
    case 'identity_change': {
      const from = d.from === undefined ? '' : String(d.from);
      const to = d.to === undefined ? '' : String(d.to);
      return `${label}: ${String(d.kind ?? '')}${from || to ? ` ${from || '—'} → ${to || '—'}` : ''}`;
    }
    default:
      return label;
  }
}

/** "SEA BRIDGE 5 (353719031)", or the MMSI alone when the vessel never sent its name. */
export function vesselLabel(v: { mmsi: number; name?: string | null }): string {
  return v.name ? `${v.name} (${v.mmsi})` : String(v.mmsi);
}

export const flagLabel = (flag: string | null | undefined): string => (flag ? countryName(flag) : '—');

export function riskTone(level: VesselRisk['level'] | undefined): Tone {
  return level === 'high' ? 'bad' : level === 'medium' ? 'warn' : 'neutral';
}

/** Risk reasons whose refs are list entities (designations) rather than events. */
export const DESIGNATION_REASONS = new Set(['designated_vessel', 'designated_owner']);

/** Event ids are 20 hex digits; anything else in a reason's refs is a list entity id. */
export const isEventId = (ref: string): boolean => /^[0-9a-f]{20}$/.test(ref);

export const RISK_COLORS: Record<string, Rgb> = {
  high: [200, 20, 20],
  medium: [245, 150, 20],
  low: [40, 110, 200],
};

/** Ship type (AIS code) → a broad class and its colour, for the "colour by type" map mode. */
export function shipClass(type: number | null | undefined): { label: string; color: Rgb } {
  if (type === null || type === undefined) return { label: 'Unknown', color: [120, 120, 120] };
  if (type >= 70 && type <= 79) return { label: 'Cargo', color: [34, 139, 34] };
  if (type >= 80 && type <= 89) return { label: 'Tanker', color: [200, 40, 40] };
  if (type === 30) return { label: 'Fishing', color: [30, 100, 220] };
  if (type >= 60 && type <= 69) return { label: 'Passenger', color: [150, 60, 200] };
  if (type === 31 || type === 32 || type === 52) return { label: 'Tug / towing', color: [200, 120, 0] };
  return { label: 'Other', color: [90, 90, 90] };
}

export const SHIP_CLASSES = [
  'Cargo',
  'Tanker',
  'Fishing',
  'Passenger',
  'Tug / towing',
  'Other',
  'Unknown',
].map((label) => ({
  label,
  color: shipClass(
    { Cargo: 70, Tanker: 80, Fishing: 30, Passenger: 60, 'Tug / towing': 52, Other: 90, Unknown: null }[
      label
    ] as number | null,
  ).color,
}));

/** Flags of interest get their own colour in the "colour by flag" mode; the rest are grey. */
export const FLAG_COLORS: Record<string, { label: string; color: Rgb }> = {
  kp: { label: 'North Korea', color: [200, 20, 20] },
  cn: { label: 'China', color: [240, 160, 0] },
  kr: { label: 'South Korea', color: [30, 100, 220] },
  pa: { label: 'Panama', color: [0, 150, 130] },
  sl: { label: 'Sierra Leone', color: [150, 60, 200] },
  ru: { label: 'Russia', color: [120, 70, 20] },
};
export const OTHER_FLAG: Rgb = [120, 120, 120];
