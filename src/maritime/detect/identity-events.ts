/**
 * Identity events from the identity histories: name, IMO, call sign and ship-type changes of an MMSI; an IMO
 * number that fails its check digit; a call sign of another country's series than the MMSI's MID; one IMO broadcast by several MMSIs at the same time (a cloned identity)
 * or one after the other under another flag (re-flagging); and identity swaps, where two vessels exchange
 * names and IMO numbers.
 */

import { callsignCountry, sameFlagFamily } from '../callsign.ts';
import type { IdentityVersion } from '../identity.ts';
import { identityChanges } from '../identity.ts';
import { isValidImo } from '../imo.ts';
import { flagOfMmsi } from '../mmsi.ts';

export interface IdentityFinding {
  mmsi: number[];
  start: number;
  end: number | null;
  details: Record<string, unknown>;
  /** The raw messages that started the identity versions involved. */
  evidence: { source: string; line: number }[];
}

type Versioned = IdentityVersion & { source?: string | null; line?: number | null };

function evidenceOf(
  byMmsi: Map<number, Versioned[]>,
  mmsi: number,
  t: number,
): { source: string; line: number }[] {
  const v = byMmsi.get(mmsi)?.find((x) => x.validFrom === t);
  return v?.source && v.line !== null && v.line !== undefined ? [{ source: v.source, line: v.line }] : [];
}

const FIELD_KIND: Record<string, string> = {
  name: 'name',
  imo: 'imo',
  callsign: 'callsign',
  shipType: 'ship_type',
};

/** How close in time two exchanges must be to be one swap (ms). */
const SWAP_WINDOW = 7 * 86_400_000;

/** Identity events of a set of vessels (all their versions), in time order. */
export function detectIdentityEvents(byMmsi: Map<number, Versioned[]>): IdentityFinding[] {
  const out: IdentityFinding[] = [];
  const renames: { mmsi: number; t: number; from: string; to: string }[] = [];
  for (const [mmsi, versions] of byMmsi) {
    for (const c of identityChanges(versions)) {
      // a first report filling a field is not a change; a field falling silent is not one either
      if (c.kind !== 'changed') continue;
      const kind = FIELD_KIND[c.field];
      if (kind === undefined) continue;
      // the change happened between the last report of the old value and the first of the new one
      out.push({
        mmsi: [mmsi],
        start: c.previousSeen,
        end: c.t,
        details: { kind, from: c.from, to: c.to, firstSeen: new Date(c.t).toISOString() },
        evidence: evidenceOf(byMmsi, mmsi, c.t),
      });
    }
    // a call sign from another country's series than the MMSI's MID: one of them outlived a change of flag
    const flag = flagOfMmsi(mmsi)?.country ?? null;
    const seenSigns = new Set<string>();
    for (const v of versions) {
      const cs = v.callsign;
      if (flag === null || !cs || seenSigns.has(cs)) continue;
      seenSigns.add(cs);
      const series = callsignCountry(cs);
      if (series !== null && !sameFlagFamily(series, flag)) {
        out.push({
          mmsi: [mmsi],
          start: v.validFrom,
          end: v.validTo,
          details: { kind: 'mid_mismatch', callsign: cs, callsignCountry: series, midCountry: flag },
          evidence: evidenceOf(byMmsi, mmsi, v.validFrom),
        });
      }
    }
    const seenBad = new Set<number>();
    for (const v of versions) {
      if (v.imo !== null && !isValidImo(v.imo) && !seenBad.has(v.imo)) {
        seenBad.add(v.imo);
        out.push({
          mmsi: [mmsi],
          start: v.validFrom,
          end: v.validFrom,
          details: { kind: 'invalid_imo', imo: v.imo },
          evidence: evidenceOf(byMmsi, mmsi, v.validFrom),
        });
      }
    }
    // identity = name + IMO: an exchange of identities shows as A: X→Y while B: Y→X
    for (let i = 1; i < versions.length; i++) {
      const a = versions[i - 1] as IdentityVersion;
      const b = versions[i] as IdentityVersion;
      const from = identityKey(a);
      const to = identityKey(b);
      if (from !== null && to !== null && from !== to) renames.push({ mmsi, t: b.validFrom, from, to });
    }
  }

  // swaps; the name and IMO changes that make them up are reported as the swap, not again one by one
  const used = new Set<number>();
  const swapped = new Set<string>();
  renames.sort((x, y) => x.t - y.t);
  for (let i = 0; i < renames.length; i++) {
    const r = renames[i] as (typeof renames)[number];
    if (used.has(i)) continue;
    for (let j = i + 1; j < renames.length; j++) {
      const s = renames[j] as (typeof renames)[number];
      if (s.t - r.t > SWAP_WINDOW) break;
      if (used.has(j) || s.mmsi === r.mmsi) continue;
      if (s.from === r.to && s.to === r.from) {
        used.add(i);
        used.add(j);
        swapped.add(`${r.mmsi}:${r.t}`);
        swapped.add(`${s.mmsi}:${s.t}`);
        out.push({
          mmsi: [Math.min(r.mmsi, s.mmsi), Math.max(r.mmsi, s.mmsi)],
          start: r.t,
          end: s.t,
          details: {
            kind: 'swap',
            identities: [r.from, r.to],
            [r.mmsi]: { from: r.from, to: r.to },
            [s.mmsi]: { from: s.from, to: s.to },
          },
          evidence: [...evidenceOf(byMmsi, r.mmsi, r.t), ...evidenceOf(byMmsi, s.mmsi, s.t)],
        });
        break;
      }
    }
  }

  // IMO numbers under several MMSIs
  const byImo = new Map<number, IdentityVersion[]>();
  for (const versions of byMmsi.values()) {
    for (const v of versions) {
      if (v.imo === null || !isValidImo(v.imo)) continue;
      let list = byImo.get(v.imo);
      if (!list) {
        list = [];
        byImo.set(v.imo, list);
      }
      list.push(v);
    }
  }
  const swappedPairs = new Set(
    out.filter((e) => e.details.kind === 'swap').map((e) => `${e.mmsi[0]}:${e.mmsi[1]}`),
  );
  for (const [imo, versions] of byImo) {
    const mmsis = [...new Set(versions.map((v) => v.mmsi))];
    if (mmsis.length < 2) continue;
    // two vessels that exchanged identities share each other's IMO in turn: that is the swap, reported once
    if (mmsis.length === 2 && swappedPairs.has(`${Math.min(...mmsis)}:${Math.max(...mmsis)}`)) continue;
    // periods per MMSI during which it broadcast this IMO
    const spans = mmsis.map((m) => {
      const vs = versions.filter((v) => v.mmsi === m);
      return {
        mmsi: m,
        from: Math.min(...vs.map((v) => v.validFrom)),
        to: Math.max(...vs.map((v) => v.validTo)),
      };
    });
    spans.sort((a, b) => a.from - b.from);
    for (let i = 1; i < spans.length; i++) {
      const prev = spans[i - 1] as (typeof spans)[number];
      const cur = spans[i] as (typeof spans)[number];
      if (cur.from <= prev.to) {
        out.push({
          mmsi: [Math.min(prev.mmsi, cur.mmsi), Math.max(prev.mmsi, cur.mmsi)],
          start: cur.from,
          end: Math.min(prev.to, cur.to),
          details: { kind: 'imo_multiple_mmsi', imo },
          evidence: [...evidenceOf(byMmsi, prev.mmsi, prev.from), ...evidenceOf(byMmsi, cur.mmsi, cur.from)],
        });
      } else {
        const fromFlag = flagOfMmsi(prev.mmsi)?.country ?? null;
        const toFlag = flagOfMmsi(cur.mmsi)?.country ?? null;
        out.push({
          mmsi: [prev.mmsi, cur.mmsi],
          start: cur.from,
          end: cur.from,
          details: {
            kind: fromFlag !== toFlag ? 'flag' : 'imo_multiple_mmsi',
            imo,
            from: fromFlag,
            to: toFlag,
            previousMmsi: prev.mmsi,
          },
          evidence: [...evidenceOf(byMmsi, prev.mmsi, prev.from), ...evidenceOf(byMmsi, cur.mmsi, cur.from)],
        });
      }
    }
  }
  const kept = out.filter(
    (e) => !((e.details.kind === 'name' || e.details.kind === 'imo') && swapped.has(`${e.mmsi[0]}:${e.end}`)),
  );
  kept.sort((a, b) => a.start - b.start);
  return kept;
}

function identityKey(v: IdentityVersion): string | null {
  if (v.name === null && v.imo === null) return null;
  return `${v.name ?? ''}/${v.imo ?? ''}`;
}
