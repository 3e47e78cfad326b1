/**
 * Identity history of one MMSI: the static/voyage data it broadcast, as time-ranged versions.
 *
 * State model. Static messages carry only some fields (type 5: all; 19: name, type, dimensions; 24 A: name;
 * 24 B: call sign, type, dimensions; 21: an AtoN's name). The state at time t is every field's value from the
 * latest report at or before t that carried it (null until one did): a last-writer-wins register per field.
 * Reports with the same timestamp are one step; if two of them disagree on a field the larger value wins
 * (non-null over null, then numeric / code-unit order), so the result never depends on arrival order. A new
 * version starts whenever the state after a step differs from the current version's; an equal state extends
 * it (validTo, messages). Every change is kept, voyage fields (draught, destination, ETA) included.
 *
 * Merging with what is stored. Ingest calls `mergeIdentity(stored, batch)` per batch, so the result must not
 * depend on how reports were split across calls or in which order batches came. Versions do not keep every
 * report, so reports older than the last stored version are merged by replaying stored versions as
 * synthetic reports, one at validFrom and one at validTo, each carrying the fields the real reports at that
 * instant carried (`fieldsAtStart` / `fieldsAtEnd`, bitmasks over IDENTITY_FIELDS), then folding them with the
 * new reports. This is exact when:
 *   - batches arrive in time order, however the reports are split (ties at a batch boundary included, except
 *     the next point);
 *   - older reports fall before, after or between stored versions (e.g. files imported out of order, each
 *     next to those already imported), for any message type when the masks are stored, for type 5 (all
 *     fields) even without them;
 *   - reports inside a stored version's span agree with it (a second receiver, a re-sent report).
 * Known limits (what is not stored cannot be replayed):
 *   - a report with a different state that falls strictly inside a stored version's span (validFrom, validTo)
 *     splits that version: the reports seen between validFrom and validTo are not stored one by one, so the
 *     first part ends at validFrom and holds the messages counted between, and the state is restored at
 *     validTo. This includes a version that spans a gap because the reports on both sides agreed (days 1 and
 *     3 imported, then day 2 with another state), and a report at exactly the last validTo that changes the
 *     state of a version that began earlier (a change at a tie on a batch boundary). The state at the new
 *     reports' times and from the restored validTo on is right; in between, the lost reports would have
 *     restored it sooner, and the split parts' validTo and message counts are approximate.
 *   - a report inside a version that repeated a field's inherited value is not replayed either; it matters
 *     only when an older batch changes that inherited value (e.g. a part A with an empty name).
 *   - without masks (a store that drops them), a stored version is replayed as if its first and last reports
 *     carried all fields: exact for type 5, approximate for out-of-order Class B part A / part B reports.
 *   - `messages` counts reports received, so duplicates from several receivers count each time; dropping
 *     duplicate lines is the caller's business.
 */
import type { StaticObservation } from '../ais/observation.ts';
import { isValidImo } from './imo.ts';
import { flagOfMmsi, type MmsiWarningCode, mmsiClass, mmsiWarnings } from './mmsi.ts';

/** The fields of an identity state, in bitmask order (bit i is IDENTITY_FIELDS[i]). */
export const IDENTITY_FIELDS = [
  'imo',
  'name',
  'callsign',
  'shipType',
  'length',
  'beam',
  'draught',
  'destination',
  'eta',
] as const;

export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Bitmask with every identity field set. */
export const ALL_IDENTITY_FIELDS = (1 << IDENTITY_FIELDS.length) - 1;

/** What an MMSI said about itself at some time; null: not available (never reported, or reported as such). */
export interface IdentityState {
  imo: number | null;
  name: string | null;
  callsign: string | null;
  /** AIS ship and cargo type, 1–99 (0 "not available" is null). */
  shipType: number | null;
  /** Metres. */
  length: number | null;
  beam: number | null;
  draught: number | null;
  destination: string | null;
  /** `MM-DDTHH:MM` as reported (AIS carries no year). */
  eta: string | null;
}

export interface IdentityVersion extends IdentityState {
  mmsi: number;
  /** First time this state was seen (ms since the epoch). */
  validFrom: number;
  /** Last time this state was seen; the state holds until the next version's validFrom. */
  validTo: number;
  /** Static reports that confirmed this state. */
  messages: number;
  /**
   * Bitmask over IDENTITY_FIELDS of the fields the reports at validFrom / at validTo carried. Optional: a
   * version without them is replayed as if those reports carried every field (see the module comment); store
   * them (two small integers) to make out-of-order merging of partial Class B reports exact.
   */
  fieldsAtStart?: number;
  fieldsAtEnd?: number;
}

/** Bitmask of the given fields. */
export function fieldMask(fields: Iterable<IdentityField>): number {
  let mask = 0;
  for (const f of fields) mask |= 1 << IDENTITY_FIELDS.indexOf(f);
  return mask;
}

/** The fields in a bitmask, in IDENTITY_FIELDS order. */
export function fieldsOfMask(mask: number): IdentityField[] {
  return IDENTITY_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0);
}

type Value = string | number | null;
/** Field values in IDENTITY_FIELDS order; undefined: the report does not carry the field. */
type Values = (Value | undefined)[];

interface Report {
  t: number;
  values: Values;
  /** Messages this report stands for (1 for a real one; a stored version's count for a synthetic one). */
  count: number;
}

const FIELD_COUNT = IDENTITY_FIELDS.length;
const NAME = IDENTITY_FIELDS.indexOf('name');

// AIS says "not available" with 0 in its numeric identity fields (IMO, type, dimensions, draught) and with
// empty text; inputs other than the decoder (CSV) may pass those through.
function normalise(v: Value | undefined): Value | undefined {
  if (v === undefined || v === null) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  return Number.isFinite(v) && v !== 0 ? v : null;
}

function reportOf(o: StaticObservation): Report {
  const values: Values = new Array(FIELD_COUNT);
  for (let i = 0; i < FIELD_COUNT; i++) values[i] = normalise(o[IDENTITY_FIELDS[i]]);
  return { t: o.t, values, count: 1 };
}

function stateValues(s: IdentityState): Value[] {
  return IDENTITY_FIELDS.map((f) => s[f]);
}

/** A stored version as the reports that made it: its first instant, and its last when that is later. */
function syntheticReports(v: IdentityVersion, out: Report[]): void {
  const state = stateValues(v);
  const masked = (mask: number): Values => state.map((x, i) => ((mask & (1 << i)) !== 0 ? x : undefined));
  const start = v.fieldsAtStart ?? ALL_IDENTITY_FIELDS;
  const end = v.fieldsAtEnd ?? ALL_IDENTITY_FIELDS;
  if (v.validTo <= v.validFrom) {
    out.push({ t: v.validFrom, values: masked(start | end), count: v.messages });
    return;
  }
  const atEnd = v.messages >= 2 ? 1 : 0;
  out.push({ t: v.validFrom, values: masked(start), count: v.messages - atEnd });
  out.push({ t: v.validTo, values: masked(end), count: atEnd });
}

/** Same-instant conflict rule: does `a` beat `b`? Non-null over null, then the larger value. */
function beats(a: Value, b: Value): boolean {
  if (a === null) return false;
  if (b === null) return true;
  return a > b;
}

function versionOf(mmsi: number, state: Value[], t: number, count: number, written: number): IdentityVersion {
  return {
    mmsi,
    validFrom: t,
    validTo: t,
    imo: state[0] as number | null,
    name: state[1] as string | null,
    callsign: state[2] as string | null,
    shipType: state[3] as number | null,
    length: state[4] as number | null,
    beam: state[5] as number | null,
    draught: state[6] as number | null,
    destination: state[7] as string | null,
    eta: state[8] as string | null,
    messages: count,
    fieldsAtStart: written,
    fieldsAtEnd: written,
  };
}

function sameState(v: IdentityState, state: Value[]): boolean {
  for (let i = 0; i < FIELD_COUNT; i++) if (v[IDENTITY_FIELDS[i]] !== state[i]) return false;
  return true;
}

/**
 * The identity history of one MMSI after adding these static reports to the stored versions.
 * `existing`: that MMSI's stored versions (sorted by validFrom; sorted again to be safe); `observations`:
 * static reports of the same MMSI in any order. Returns the whole new history, sorted; the inputs are not
 * modified. Throws when the MMSIs differ (a caller bug).
 */
export function mergeIdentity(
  existing: readonly IdentityVersion[],
  observations: readonly StaticObservation[],
): IdentityVersion[] {
  const versions = [...existing].sort((a, b) => a.validFrom - b.validFrom);
  const reports: Report[] = [];
  for (const o of observations) if (Number.isFinite(o.t)) reports.push(reportOf(o));
  if (reports.length === 0) return versions.map((v) => ({ ...v }));

  const mmsi = versions[0]?.mmsi ?? observations[0].mmsi;
  for (const x of [...versions, ...observations]) {
    if (x.mmsi !== mmsi) throw new RangeError(`mergeIdentity: MMSI ${x.mmsi} mixed with ${mmsi}`);
  }

  let tMin = Infinity;
  for (const r of reports) if (r.t < tMin) tMin = r.t;

  // Versions before the one in force at tMin stay as they are. That one is replayed when tMin falls within
  // its span (the new reports may split it), else only its state carries on (they may extend it).
  let inForce = -1;
  while (inForce + 1 < versions.length && versions[inForce + 1].validFrom <= tMin) inForce++;
  const keep = inForce >= 0 && tMin > versions[inForce].validTo ? inForce + 1 : Math.max(inForce, 0);
  const out = versions.slice(0, keep).map((v) => ({ ...v }));
  for (let i = keep; i < versions.length; i++) syntheticReports(versions[i], reports);
  reports.sort((a, b) => a.t - b.t);

  let current: IdentityVersion | undefined = out[out.length - 1];
  let state: Value[] = current ? stateValues(current) : new Array(FIELD_COUNT).fill(null);
  const step: Value[] = new Array(FIELD_COUNT);
  for (let i = 0; i < reports.length; ) {
    const t = reports[i].t;
    let written = 0;
    let count = 0;
    for (; i < reports.length && reports[i].t === t; i++) {
      const r = reports[i];
      count += r.count;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const v = r.values[f];
        if (v === undefined) continue;
        const bit = 1 << f;
        if ((written & bit) === 0 || beats(v, step[f] as Value)) step[f] = v;
        written |= bit;
      }
    }
    const next = state.map((v, f) => ((written & (1 << f)) !== 0 ? (step[f] as Value) : v));
    if (current && sameState(current, next)) {
      current.validTo = Math.max(current.validTo, t);
      current.messages += count;
      current.fieldsAtEnd = written;
    } else {
      current = versionOf(mmsi, next, t, count, written);
      out.push(current);
    }
    state = next;
  }
  return out;
}

/** The version in force at time t (the last with validFrom ≤ t), or null before the first. */
export function identityAt(versions: readonly IdentityVersion[], t: number): IdentityVersion | null {
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (versions[mid].validFrom <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : versions[lo - 1];
}

export type IdentityChangeField = 'name' | 'imo' | 'callsign' | 'shipType' | 'flag' | 'mmsi';

export interface IdentityChange {
  field: IdentityChangeField;
  /** 'set': from null (often just the first report carrying the field); 'cleared': to null. */
  kind: 'set' | 'changed' | 'cleared';
  from: string | number | null;
  to: string | number | null;
  /** When the new value was first seen (the new version's validFrom). */
  t: number;
  /** When the old value was last seen: the change happened in (previousSeen, t]. */
  previousSeen: number;
  /** The MMSI broadcasting the new value. */
  mmsi: number;
}

const CHANGE_FIELDS = ['name', 'imo', 'callsign', 'shipType'] as const;

/**
 * Changes of the fields that identify a vessel (name, IMO, call sign, ship type, flag) between consecutive
 * versions; voyage fields (draught, destination, ETA) are left out. For one MMSI the flag cannot change (it is
 * the MID); pass the versions of several MMSIs (e.g. all that broadcast one IMO number) to see flag and MMSI
 * changes too: versions are ordered by validFrom, so overlapping histories of two transmitters alternate.
 */
export function identityChanges(versions: readonly IdentityVersion[]): IdentityChange[] {
  const sorted = [...versions].sort((a, b) => a.validFrom - b.validFrom || a.mmsi - b.mmsi);
  const out: IdentityChange[] = [];
  const add = (
    field: IdentityChangeField,
    from: Value,
    to: Value,
    prev: IdentityVersion,
    v: IdentityVersion,
  ) => {
    if (from === to) return;
    const kind = from === null ? 'set' : to === null ? 'cleared' : 'changed';
    out.push({ field, kind, from, to, t: v.validFrom, previousSeen: prev.validTo, mmsi: v.mmsi });
  };
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const v = sorted[i];
    for (const f of CHANGE_FIELDS) add(f, prev[f], v[f], prev, v);
    if (prev.mmsi !== v.mmsi) {
      add('flag', flagOfMmsi(prev.mmsi)?.country ?? null, flagOfMmsi(v.mmsi)?.country ?? null, prev, v);
      add('mmsi', prev.mmsi, v.mmsi, prev, v);
    }
  }
  return out;
}

export type IdentityAnomalyCode =
  | 'imo_not_seven_digits'
  | 'imo_check_digit'
  | 'static_data_from_non_ship'
  | MmsiWarningCode;

export interface IdentityAnomaly {
  code: IdentityAnomalyCode;
  message: string;
}

/**
 * What is wrong with an identity state broadcast by `mmsi`: an IMO number that is not one (wrong length or
 * check digit: a typo or a fabricated number), ship static data from an MMSI whose class is not a ship
 * (an AtoN may send its name; base stations, SAR aircraft, SARTs, groups and handhelds send none), and
 * the MMSI's own warnings (placeholder numbers, unallocated MID).
 */
export function validateIdentity(state: IdentityState, mmsi: number): IdentityAnomaly[] {
  const out: IdentityAnomaly[] = [];
  const imo = state.imo;
  if (imo !== null) {
    if (!Number.isInteger(imo) || imo < 1_000_000 || imo > 9_999_999) {
      out.push({ code: 'imo_not_seven_digits', message: `IMO ${imo} does not have 7 digits` });
    } else if (!isValidImo(imo)) {
      out.push({ code: 'imo_check_digit', message: `IMO ${imo} fails the check digit` });
    }
  }
  const cls = mmsiClass(mmsi);
  if (cls !== 'ship' && cls !== 'auxiliary_craft' && cls !== 'invalid') {
    const reported = IDENTITY_FIELDS.filter((f, i) => state[f] !== null && !(cls === 'aton' && i === NAME));
    if (reported.length > 0) {
      out.push({
        code: 'static_data_from_non_ship',
        message: `MMSI ${mmsi} is a ${cls.replace('_', ' ')} but reports ship data (${reported.join(', ')})`,
      });
    }
  }
  for (const w of mmsiWarnings(mmsi)) out.push({ code: w.code, message: w.message });
  return out;
}
