/**
 * Linking vessels to the sanctions knowledge base, maritime alerts, and vessel risk.
 *
 * Linking: each vessel's identities (every name, IMO, call sign it broadcast, and its MMSI) are screened as a
 * FtM Vessel with the screening engine; hits become links ('vessel': the vessel itself is designated), and the
 * designated owners/operators/managers of a hit become 'owner' links.
 * Alerts: an event involving a linked vessel raises an alert (the other party of an encounter with one is a
 * lead); a call at a DPRK port always raises one.
 * Risk: a score 0–100 with its reasons, each reason with its points, so the number is never bare.
 */
import { randomUUID } from 'node:crypto';
import type { ScreeningService } from '../screening/service.ts';
import {
  type EventRow,
  linkedMmsis,
  listEvents,
  mmsisWithMostEvents,
  replaceVesselLinks,
  type VesselLinkRow,
  vesselLinks,
} from '../store/events.ts';
import { insertAlertIfNew } from '../store/screening.ts';
import type { Store } from '../store/store.ts';
import { identitiesOf, identityHistory, vesselsByMmsi } from '../store/vessels.ts';
import { eventDiscriminator } from './events.ts';
import { isValidImo } from './imo.ts';
import { flagOfMmsi, mmsiWarnings } from './mmsi.ts';

/** Links scoring below this are not kept (the screening default threshold). */
export const LINK_THRESHOLD = 0.7;

/** Screens the identities of these vessels and replaces their links. Returns how many vessels have links. */
export async function linkVessels(
  store: Store,
  screening: ScreeningService,
  mmsis: readonly number[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ screened: number; linked: number }> {
  const checkedAt = new Date().toISOString();
  let screened = 0;
  let linked = 0;
  for (let k = 0; k < mmsis.length; k += 200) {
    const slice = mmsis.slice(k, k + 200);
    const identities = await identitiesOf(store.db, slice);
    for (const mmsi of slice) {
      const versions = identities.get(mmsi) ?? [];
      const names = [
        ...new Set(versions.map((v) => v.name).filter((n): n is string => !!n && n.length >= 3)),
      ];
      const imos = [
        ...new Set(versions.map((v) => v.imo).filter((i): i is number => i !== null && isValidImo(i))),
      ];
      const callsigns = [...new Set(versions.map((v) => v.callsign).filter((c): c is string => !!c))];
      if (names.length === 0 && imos.length === 0) {
        await replaceVesselLinks(store, mmsi, []);
        continue;
      }
      screened++;
      const properties: Record<string, string[]> = { mmsi: [String(mmsi)] };
      if (names.length > 0) properties.name = names.slice(0, 20);
      if (imos.length > 0) properties.imoNumber = imos.map((i) => `IMO${i}`);
      if (callsigns.length > 0) properties.callSign = callsigns.slice(0, 10);
      const hits = await screening.screen(
        { schema: 'Vessel', properties },
        { threshold: LINK_THRESHOLD, limit: 5 },
      );
      const links: VesselLinkRow[] = [];
      const seen = new Set<string>();
      for (const h of hits) {
        if (!h.match || h.suppressed || h.schema !== 'Vessel') continue;
        seen.add(h.id);
        links.push({
          mmsi,
          entityId: h.id,
          caption: h.caption,
          schema: h.schema,
          relation: 'vessel',
          score: h.score,
          details: {
            datasets: h.datasets,
            reference: h.sourceRef,
            regimes: h.regimes,
            explanations: h.explanations ?? [],
          },
          checkedAt,
        });
        for (const party of h.parties ?? []) {
          if (!party.designated || seen.has(party.id)) continue;
          seen.add(party.id);
          links.push({
            mmsi,
            entityId: party.id,
            caption: party.name,
            schema: 'LegalEntity',
            relation: 'owner',
            score: h.score,
            details: { role: party.role, via: h.id, ...party.designated },
            checkedAt,
          });
        }
      }
      await replaceVesselLinks(store, mmsi, links);
      if (links.length > 0) linked++;
    }
    onProgress?.(Math.min(mmsis.length, k + 200), mmsis.length);
  }
  return { screened, linked };
}

/** What an event is about, without its preset: the same port call found by two presets is one subject. */
export function eventSubject(e: Pick<EventRow, 'type' | 'mmsi' | 'start' | 'details'>): string {
  return `event:${e.type}:${e.mmsi.join(',')}:${new Date(e.start).toISOString()}:${eventDiscriminator(e.details)}`;
}

/** Events of several presets, one per subject (the default preset's when it has one). */
function distinctEvents(events: readonly EventRow[]): EventRow[] {
  const out = new Map<string, EventRow>();
  for (const e of events) {
    const k = eventSubject(e);
    const had = out.get(k);
    if (had === undefined || (had.preset !== 'gfw' && e.preset === 'gfw')) out.set(k, e);
  }
  return [...out.values()];
}

/** Raises alerts for events that involve designated vessels or DPRK ports. Returns how many are new. */
/** Event types in words, for alert texts. */
const EVENT_WORDS: Record<string, string> = {
  encounter: 'encounter',
  loitering: 'loitering',
  gap: 'AIS gap',
  port_visit: 'port visit',
  zone_entry: 'zone entry',
  zone_exit: 'zone exit',
  spoofing: 'spoofing',
  identity_change: 'identity change',
};

export async function raiseMaritimeAlerts(store: Store, events: readonly EventRow[]): Promise<number> {
  const mmsis = [...new Set(events.flatMap((e) => e.mmsi))];
  const links = await vesselLinks(store, mmsis);
  const byMmsi = new Map<number, VesselLinkRow[]>();
  for (const l of links) {
    let list = byMmsi.get(l.mmsi);
    if (!list) {
      list = [];
      byMmsi.set(l.mmsi, list);
    }
    list.push(l);
  }
  const now = new Date().toISOString();
  // Alerts name vessels as analysts know them: the broadcast name with the MMSI.
  const vessels = await vesselsByMmsi(store.db, mmsis);
  const who = (m: number) => {
    const name = vessels.get(m)?.name;
    return name ? `${name} (${m})` : `MMSI ${m}`;
  };
  let raised = 0;
  for (const e of events) {
    const reasons: { entityId: string | null; reason: string; score: number | null; lead?: number }[] = [];
    const what = EVENT_WORDS[e.type] ?? e.type.replace(/_/g, ' ');
    for (const m of e.mmsi) {
      for (const l of byMmsi.get(m) ?? []) {
        const other = e.mmsi.find((x) => x !== m);
        reasons.push({
          entityId: l.entityId,
          reason: `${what} involving ${who(m)}, ${l.relation === 'vessel' ? 'designated vessel' : 'vessel of designated'} ${l.caption}`,
          score: l.score,
          ...(e.type === 'encounter' && other !== undefined ? { lead: other } : {}),
        });
      }
    }
    if (e.type === 'port_visit' && e.details.dprk === true) {
      reasons.push({
        entityId: null,
        reason: `call at the DPRK port ${String(e.details.port)} by ${who(e.mmsi[0] as number)}`,
        score: null,
      });
    }
    for (const r of reasons) {
      const fresh = await insertAlertIfNew(store.db, {
        id: randomUUID(),
        kind: 'maritime',
        status: 'open',
        // one alert per finding, whichever presets found it
        subject: eventSubject(e),
        entityId: r.entityId ?? `port:${String(e.details.portId ?? '')}`,
        entityHash: e.type,
        score: r.score,
        details: {
          reason: r.reason,
          event: {
            id: e.id,
            type: e.type,
            mmsi: e.mmsi,
            start: new Date(e.start).toISOString(),
            details: e.details,
          },
          ...(r.lead !== undefined ? { lead: r.lead } : {}),
        },
        reason: null,
        createdAt: now,
        updatedAt: now,
        updatedBy: null,
      });
      if (fresh) raised++;
    }
  }
  return raised;
}

export interface RiskReason {
  code: string;
  points: number;
  text: string;
  /** Events or entities behind it. */
  refs: string[];
}

export interface VesselRisk {
  mmsi: number;
  score: number;
  level: 'low' | 'medium' | 'high';
  reasons: RiskReason[];
}

/** Points per reason; the total is capped at 100. Documented in src/maritime/README.md. */
export const RISK_POINTS = {
  designatedVessel: 60,
  designatedOwner: 40,
  encounterWithDesignated: 30,
  dprkPortCall: 30,
  darkGap: 10,
  encounter: 10,
  spoofing: 15,
  identitySwap: 25,
  identityChange: 5,
  invalidImo: 10,
  sharedImo: 20,
  mmsiWarning: 5,
  dprkZone: 10,
  dprkFlag: 20,
} as const;

/** A vessel's risk score with its reasons, from its links, events and identity anomalies. */
export async function vesselRisk(store: Store, mmsi: number): Promise<VesselRisk> {
  const reasons: RiskReason[] = [];
  const links = await vesselLinks(store, [mmsi]);
  const vesselLinksOf = links.filter((l) => l.relation === 'vessel');
  const ownerLinks = links.filter((l) => l.relation === 'owner');
  if (vesselLinksOf.length > 0) {
    reasons.push({
      code: 'designated_vessel',
      points: RISK_POINTS.designatedVessel,
      text: `matches designated vessel ${vesselLinksOf.map((l) => `${l.caption} (${Math.round(l.score * 100)}%)`).join(', ')}`,
      refs: vesselLinksOf.map((l) => l.entityId),
    });
  }
  if (ownerLinks.length > 0) {
    reasons.push({
      code: 'designated_owner',
      points: RISK_POINTS.designatedOwner,
      text: `owned, operated or managed by designated ${ownerLinks.map((l) => l.caption).join(', ')}`,
      refs: ownerLinks.map((l) => l.entityId),
    });
  }
  const events = distinctEvents((await listEvents(store, { mmsi, limit: 5000, offset: 0 })).rows);
  const add = (code: string, points: number, text: string, refs: string[]) => {
    if (refs.length > 0) reasons.push({ code, points, text, refs });
  };
  const encounters = events.filter((e) => e.type === 'encounter');
  const partners = [...new Set(encounters.map((e) => e.mmsi.find((m) => m !== mmsi) as number))];
  const partnerLinks = await vesselLinks(store, partners);
  const designatedPartners = new Set(partnerLinks.map((l) => l.mmsi));
  add(
    'encounter_with_designated',
    RISK_POINTS.encounterWithDesignated,
    `met a designated vessel (or one of a designated owner) at sea: ${[...designatedPartners].join(', ')}`,
    encounters.filter((e) => e.mmsi.some((m) => designatedPartners.has(m))).map((e) => e.id),
  );
  add(
    'encounter',
    RISK_POINTS.encounter,
    `${encounters.length} encounter(s) at sea (possible ship-to-ship transfers)`,
    encounters.filter((e) => !e.mmsi.some((m) => designatedPartners.has(m))).map((e) => e.id),
  );
  const dprkCalls = events.filter((e) => e.type === 'port_visit' && e.details.dprk === true);
  add(
    'dprk_port_call',
    RISK_POINTS.dprkPortCall,
    `called at DPRK port(s): ${[...new Set(dprkCalls.map((e) => String(e.details.port)))].join(', ')}`,
    dprkCalls.map((e) => e.id),
  );
  const dark = events.filter((e) => e.type === 'gap' && Number(e.details.confidence) >= 0.5);
  add(
    'dark_gap',
    RISK_POINTS.darkGap,
    `${dark.length} AIS gap(s) while the area kept reporting (going dark)`,
    dark.map((e) => e.id),
  );
  const spoof = events.filter((e) => e.type === 'spoofing');
  add(
    'spoofing',
    RISK_POINTS.spoofing,
    `position manipulation: ${[...new Set(spoof.map((e) => String(e.details.kind)))].join(', ')}`,
    spoof.map((e) => e.id),
  );
  const ident = events.filter((e) => e.type === 'identity_change');
  add(
    'identity_swap',
    RISK_POINTS.identitySwap,
    'exchanged identity with another vessel',
    ident.filter((e) => e.details.kind === 'swap').map((e) => e.id),
  );
  add(
    'shared_imo',
    RISK_POINTS.sharedImo,
    'its IMO number is broadcast by another MMSI as well',
    ident.filter((e) => e.details.kind === 'imo_multiple_mmsi').map((e) => e.id),
  );
  add(
    'identity_change',
    RISK_POINTS.identityChange,
    `changed ${[...new Set(ident.filter((e) => ['name', 'imo', 'callsign', 'ship_type', 'flag'].includes(String(e.details.kind))).map((e) => String(e.details.kind)))].join(', ')}`,
    ident
      .filter((e) => ['name', 'imo', 'callsign', 'ship_type', 'flag'].includes(String(e.details.kind)))
      .map((e) => e.id),
  );
  add(
    'invalid_imo',
    RISK_POINTS.invalidImo,
    'broadcasts an IMO number that fails its check digit',
    ident.filter((e) => e.details.kind === 'invalid_imo').map((e) => e.id),
  );
  const zone = events.filter(
    (e) => e.type === 'zone_entry' && String(e.details.zoneId ?? '').startsWith('kp-'),
  );
  add(
    'dprk_zone',
    RISK_POINTS.dprkZone,
    'entered DPRK waters',
    zone.map((e) => e.id),
  );
  if (flagOfMmsi(mmsi)?.country === 'kp') {
    reasons.push({
      code: 'dprk_flag',
      points: RISK_POINTS.dprkFlag,
      text: "broadcasts a DPRK MMSI (MID 445): a DPRK-flagged vessel, under the UN regime's vessel measures",
      refs: [],
    });
  }
  const warnings = mmsiWarnings(mmsi);
  if (warnings.length > 0) {
    reasons.push({
      code: 'mmsi_warning',
      points: RISK_POINTS.mmsiWarning,
      text: warnings.map((w) => w.message).join('; '),
      refs: [],
    });
  }
  if ((await identityHistory(store, mmsi)).length === 0 && events.length > 0) {
    reasons.push({
      code: 'no_identity',
      points: 0,
      text: 'has never broadcast static data (name, IMO)',
      refs: [],
    });
  }
  reasons.sort((a, b) => b.points - a.points);
  const score = Math.min(
    100,
    reasons.reduce((s, r) => s + r.points, 0),
  );
  return { mmsi, score, level: score >= 60 ? 'high' : score >= 25 ? 'medium' : 'low', reasons };
}

/**
 * The vessels of highest risk: candidates are the vessels with designation links and those with the most
 * events; each is scored with its reasons. For dashboards (a few dozen risk computations, not all vessels).
 */
export async function riskiestVessels(store: Store, limit: number): Promise<VesselRisk[]> {
  const linked = await linkedMmsis(store);
  const busiest = await mmsisWithMostEvents(store, limit * 3);
  const candidates = [...new Set([...linked, ...busiest])].slice(0, limit * 5);
  const risks: VesselRisk[] = [];
  for (const m of candidates) risks.push(await vesselRisk(store, m));
  risks.sort((a, b) => b.score - a.score || a.mmsi - b.mmsi);
  return risks.filter((r) => r.score > 0).slice(0, limit);
}
