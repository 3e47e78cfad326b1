/**
 * Compares our AIS decoder (src/ais) with gpsd's `gpsdecode` on every message of the shared AIS recordings:
 * both decode the same file, messages are paired in order (by type and MMSI, resynchronising over messages
 * only one side decoded), and every field we decode is compared. gpsdecode runs in unscaled mode (`-u`: raw
 * field values) with type 24 halves reported separately (`-s`); its values are scaled here the way we scale
 * ours, with only the "not available" sentinels mapped to null, so a value we deliberately refuse (out of range)
 * shows up as a mismatch and must be matched by one of the EXPLAINED rules below, which mirror the section
 * "Differences from gpsdecode" of src/ais/README.md.
 *
 *   npm run eval:ais [-- file ...]     (default: the recordings in the shared data folder)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AisRecord } from '../src/ais/index.ts';
import { Decoder } from '../src/ais/index.ts';
import { sharedFile } from '../src/config/paths.ts';

export const AIS_FILES = [
  'dma-stream-2010-06-11.nmea',
  'dma_ais250.txt',
  'dma_decode_encode_messages.txt',
  'dma_replay_dump.txt',
  'kystverket-1000.nm4',
];

export const COMPARED_TYPES = [1, 2, 3, 4, 5, 9, 11, 18, 19, 21, 24, 27];

type GpsdRecord = Record<string, unknown> & { type: number; mmsi: number };

interface OurMessage {
  data: AisRecord;
  line: number;
  talker: string;
  /** The message was completed by a last line with no line terminator. */
  unterminated: boolean;
}

type Value = number | string | boolean | null;

export interface Mismatch {
  file: string;
  /** Line of the input that completed our message. */
  line: number;
  type: number;
  mmsi: number;
  field: string;
  ours: Value;
  theirs: Value;
  /** Name of the EXPLAINED rule that covers it, or null. */
  explainedBy: string | null;
}

export interface TypeStats {
  messages: number;
  fields: number;
  mismatches: number;
}

export interface Comparison {
  files: string[];
  byType: Map<number, TypeStats>;
  mismatches: Mismatch[];
  /** Messages one side decoded and the other did not, per file and side. */
  unpaired: {
    file: string;
    side: 'ours' | 'gpsdecode';
    type: number;
    mmsi: number;
    line: number | null;
    explainedBy: string | null;
  }[];
}

// the AIS talker ids gpsd's packet lexer accepts (gpsd 3.22 packet.c); other sentences never reach its decoder
const GPSD_TALKERS = new Set(['AI', 'AB', 'AD', 'AN', 'AR', 'AS', 'AT', 'AX', 'BS', 'SA']);

/** Why a message only we decoded is missing from gpsdecode's output (see src/ais/README.md). */
export const EXPLAINED_UNPAIRED: { name: string; reason: string; covers: (m: OurMessage) => boolean }[] = [
  {
    name: 'talkerUnknownToGpsd',
    reason: 'we accept any talker id (--, BY, SS, ...); gpsd only a fixed list (AI, AB, BS, ...)',
    covers: (m) => !GPSD_TALKERS.has(m.talker),
  },
  {
    name: 'unterminatedLastLine',
    reason: 'gpsdecode drops a last line that has no line terminator; we decode it',
    covers: (m) => m.unterminated,
  },
];

/** Whether a gpsdecode binary is on PATH (the tests skip without it). */
export function hasGpsdecode(): boolean {
  const r = spawnSync('gpsdecode', ['-V'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

export function runGpsdecode(file: string): GpsdRecord[] {
  const fd = openSync(file, 'r');
  try {
    const r = spawnSync('gpsdecode', ['-u', '-s', '-j'], {
      stdio: [fd, 'pipe', 'pipe'],
      encoding: 'latin1',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`gpsdecode failed on ${file}: ${r.stderr}`);
    const out: GpsdRecord[] = [];
    for (const line of r.stdout.split('\n')) {
      if (line.trim() === '') continue;
      const o = JSON.parse(line) as GpsdRecord;
      if (o.class === 'AIS') out.push(o);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

export async function decodeOurs(file: string): Promise<OurMessage[]> {
  const decoder = new Decoder();
  const out: OurMessage[] = [];
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'latin1' }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const m = decoder.push(line);
    if (m !== null) out.push({ data: m.data, line: m.line, talker: m.talker, unterminated: false });
  }
  const last = out.at(-1);
  if (last !== undefined && last.line === decoder.counters.lines && !endsWithNewline(file))
    last.unterminated = true;
  decoder.finish();
  return out;
}

function endsWithNewline(file: string): boolean {
  const size = statSync(file).size;
  if (size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, size - 1);
    return b[0] === 10 || b[0] === 13;
  } finally {
    closeSync(fd);
  }
}

function ourKey(m: AisRecord): string {
  return m.type === 24 && 'part' in m ? `24${m.part}:${m.mmsi}` : `${m.type}:${m.mmsi}`;
}

function theirKey(o: GpsdRecord): string {
  if (o.type !== 24) return `${o.type}:${o.mmsi}`;
  // with -s a part B whose part A was seen is still reported merged (with the name): it is a part B
  return o.part === 'A' ? `24A:${o.mmsi}` : `24B:${o.mmsi}`;
}

const LOOKAHEAD = 64;

/** Pairs messages in order; a message with no counterpart within LOOKAHEAD on the other side stays unpaired. */
export function align(
  ours: OurMessage[],
  theirs: GpsdRecord[],
): { pairs: [OurMessage, GpsdRecord][]; onlyOurs: OurMessage[]; onlyTheirs: GpsdRecord[] } {
  const pairs: [OurMessage, GpsdRecord][] = [];
  const onlyOurs: OurMessage[] = [];
  const onlyTheirs: GpsdRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < ours.length && j < theirs.length) {
    if (ourKey(ours[i].data) === theirKey(theirs[j])) {
      pairs.push([ours[i++], theirs[j++]]);
      continue;
    }
    let skipTheirs = -1;
    let skipOurs = -1;
    for (let k = 1; k <= LOOKAHEAD; k++) {
      if (j + k < theirs.length && ourKey(ours[i].data) === theirKey(theirs[j + k])) {
        skipTheirs = k;
        break;
      }
      if (i + k < ours.length && ourKey(ours[i + k].data) === theirKey(theirs[j])) {
        skipOurs = k;
        break;
      }
    }
    if (skipTheirs > 0) for (let k = 0; k < skipTheirs; k++) onlyTheirs.push(theirs[j++]);
    else if (skipOurs > 0) for (let k = 0; k < skipOurs; k++) onlyOurs.push(ours[i++]);
    else {
      onlyOurs.push(ours[i++]);
      onlyTheirs.push(theirs[j++]);
    }
  }
  while (i < ours.length) onlyOurs.push(ours[i++]);
  while (j < theirs.length) onlyTheirs.push(theirs[j++]);
  return { pairs, onlyOurs, onlyTheirs };
}

// --- gpsd raw values in our conventions: scaled, "not available" sentinels -> null, nothing else changed ---

function num(o: GpsdRecord, key: string): number | null {
  const v = o[key];
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null;
}

function na(v: number | null, sentinel: number): number | null {
  return v === null || v === sentinel ? null : v;
}

function scaled(v: number | null, divisor: number): number | null {
  return v === null ? null : v / divisor;
}

const lon = (o: GpsdRecord) => scaled(na(num(o, 'lon'), 181 * 600000), 600000);
const lat = (o: GpsdRecord) => scaled(na(num(o, 'lat'), 91 * 600000), 600000);
const speed = (o: GpsdRecord) => scaled(na(num(o, 'speed'), 1023), 10);
const course = (o: GpsdRecord) => scaled(na(num(o, 'course'), 3600), 10);
const heading = (o: GpsdRecord) => na(num(o, 'heading'), 511);
const bool = (key: string) => (o: GpsdRecord) =>
  typeof o[key] === 'boolean' ? o[key] : Boolean(num(o, key));
const raw = (key: string) => (o: GpsdRecord) => num(o, key);
const str = (key: string) => (o: GpsdRecord) => (typeof o[key] === 'string' ? (o[key] as string) : null);

/** gpsd's ETA "MM-DDTHH:MMZ" (raw values) as our parts, n/a values (month 0, day 0, hour 24, minute 60) null. */
function etaPart(index: number, sentinel: number) {
  return (o: GpsdRecord): number | null => {
    const m = /^(\d+)-(\d+)T(\d+):(\d+)Z$/.exec(String(o.eta ?? ''));
    return m === null ? null : na(Number(m[index]), sentinel);
  };
}

type Field = [name: string, theirs: (o: GpsdRecord) => Value, ours: (r: never) => Value];
type AnyRecord = Record<string, unknown>;
const own =
  (key: string) =>
  (r: AnyRecord): Value =>
    r[key] as Value;

function f(name: string, theirs: (o: GpsdRecord) => Value, ours?: (r: AnyRecord) => Value): Field {
  return [name, theirs, (ours ?? own(name)) as (r: never) => Value];
}

const pad = (n: unknown, w: number) => String(n).padStart(w, '0');

const POSITION: Field[] = [f('accuracy', bool('accuracy')), f('lon', lon), f('lat', lat)];
const DIMENSIONS: Field[] = [
  f('toBow', raw('to_bow')),
  f('toStern', raw('to_stern')),
  f('toPort', raw('to_port')),
  f('toStarboard', raw('to_starboard')),
];

const FIELDS: Record<string, Field[]> = {
  '1': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('status', raw('status')),
    f('turn', (o) => na(num(o, 'turn'), -128)),
    f('speed', speed),
    ...POSITION,
    f('course', course),
    f('heading', heading),
    f('second', raw('second')),
    f('maneuver', raw('maneuver')),
    f('raim', bool('raim')),
    f('radio', raw('radio')),
  ],
  '4': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('timestamp', str('timestamp'), (r) => {
      return `${pad(r.year, 4)}-${pad(r.month, 2)}-${pad(r.day, 2)}T${pad(r.hour, 2)}:${pad(r.minute, 2)}:${pad(r.second, 2)}Z`;
    }),
    ...POSITION,
    f('epfd', raw('epfd')),
    f('raim', bool('raim')),
    f('radio', raw('radio')),
  ],
  '5': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('aisVersion', raw('ais_version')),
    f('imo', (o) => na(num(o, 'imo'), 0)),
    f('callsign', str('callsign')),
    f('shipname', str('shipname')),
    f('shiptype', raw('shiptype')),
    ...DIMENSIONS,
    f('epfd', raw('epfd')),
    f('etaMonth', etaPart(1, 0)),
    f('etaDay', etaPart(2, 0)),
    f('etaHour', etaPart(3, 24)),
    f('etaMinute', etaPart(4, 60)),
    f('draught', (o) => scaled(na(num(o, 'draught'), 0), 10)),
    f('destination', str('destination')),
    f('dte', bool('dte')),
  ],
  '9': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('altitude', (o) => na(num(o, 'alt'), 4095)),
    f('speed', (o) => na(num(o, 'speed'), 1023)),
    ...POSITION,
    f('course', course),
    f('second', raw('second')),
    f('regional', raw('regional')),
    f('dte', bool('dte')),
    f('raim', bool('raim')),
    f('radio', raw('radio')),
  ],
  '18': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('speed', speed),
    ...POSITION,
    f('course', course),
    f('heading', heading),
    f('second', raw('second')),
    f('regional', raw('regional')),
    f('cs', bool('cs')),
    f('display', bool('display')),
    f('dsc', bool('dsc')),
    f('band', bool('band')),
    f('msg22', bool('msg22')),
    f('raim', bool('raim')),
    f('radio', raw('radio')),
  ],
  '19': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('speed', speed),
    ...POSITION,
    f('course', course),
    f('heading', heading),
    f('second', raw('second')),
    f('regional', raw('regional')),
    f('shipname', str('shipname')),
    f('shiptype', raw('shiptype')),
    ...DIMENSIONS,
    f('epfd', raw('epfd')),
    f('raim', bool('raim')),
    f('dte', bool('dte')),
    f('assigned', bool('assigned')),
  ],
  '21': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('aidType', raw('aid_type')),
    f('name', str('name')),
    ...POSITION,
    ...DIMENSIONS,
    f('epfd', raw('epfd')),
    f('second', raw('second')),
    f('offPosition', bool('off_position')),
    f('regional', raw('regional')),
    f('raim', bool('raim')),
    f('virtualAid', bool('virtual_aid')),
  ],
  '24A': [f('mmsi', raw('mmsi')), f('repeat', raw('repeat')), f('shipname', str('shipname'))],
  '24B': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('shiptype', raw('shiptype')),
    // gpsd reads the vendor id as 7 characters (the pre-2010 layout); the first 3 are the manufacturer
    f('vendorId', (o) => (typeof o.vendorid === 'string' ? o.vendorid.slice(0, 3).trimEnd() : null)),
    f('model', raw('model')),
    f('serial', raw('serial')),
    f('callsign', str('callsign')),
    // gpsd gives mothership_mmsi instead of the dimensions for auxiliary craft; we give 0 dimensions then
    f('toBow', (o) => num(o, 'to_bow') ?? 0),
    f('toStern', (o) => num(o, 'to_stern') ?? 0),
    f('toPort', (o) => num(o, 'to_port') ?? 0),
    f('toStarboard', (o) => num(o, 'to_starboard') ?? 0),
    f('mothershipMmsi', raw('mothership_mmsi')),
  ],
  '27': [
    f('mmsi', raw('mmsi')),
    f('repeat', raw('repeat')),
    f('accuracy', bool('accuracy')),
    f('raim', bool('raim')),
    f('status', raw('status')),
    f('lon', (o) => scaled(na(num(o, 'lon'), 181 * 600), 600)),
    f('lat', (o) => scaled(na(num(o, 'lat'), 91 * 600), 600)),
    f('speed', (o) => na(num(o, 'speed'), 63)),
    f('course', (o) => na(num(o, 'course'), 511)),
    // gpsd's "gnss" is the raw position-latency bit; ours is true when the position is current (bit 0)
    f('gnss', (o) => !bool('gnss')(o), own('gnss')),
  ],
};
FIELDS['2'] = FIELDS['1'];
FIELDS['3'] = FIELDS['1'];
FIELDS['11'] = FIELDS['4'];

function fieldsFor(r: AisRecord): Field[] | undefined {
  if (r.type === 24 && 'part' in r) return FIELDS[`24${r.part}`];
  return FIELDS[String(r.type)];
}

function equal(field: string, a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= (field === 'lat' || field === 'lon' ? 1e-6 : 1e-9);
  }
  return a === b;
}

/** The deliberate differences (see "Differences from gpsdecode" in src/ais/README.md). */
export const EXPLAINED: { name: string; reason: string; covers: (m: Mismatch) => boolean }[] = [
  {
    name: 'positionOutOfRange',
    reason:
      'a longitude beyond ±180° or latitude beyond ±90° (other than the 181/91 n/a values) is null for us',
    covers: (m) =>
      m.ours === null &&
      typeof m.theirs === 'number' &&
      ((m.field === 'lon' && Math.abs(m.theirs) > 180) || (m.field === 'lat' && Math.abs(m.theirs) > 90)),
  },
  {
    name: 'courseOutOfRange',
    reason: 'a course of 360.1°-409.5° (raw 3601-4095) is null for us; gpsd passes it on',
    covers: (m) => m.field === 'course' && m.ours === null && typeof m.theirs === 'number' && m.theirs >= 360,
  },
  {
    name: 'headingOutOfRange',
    reason: 'a heading of 360-510 is null for us; gpsd passes it on',
    covers: (m) =>
      m.field === 'heading' && m.ours === null && typeof m.theirs === 'number' && m.theirs >= 360,
  },
  {
    name: 'etaOutOfRange',
    reason: 'ETA parts outside their range (month 13-15, hour 25-31, minute 61-63) are null for us',
    covers: (m) =>
      m.ours === null &&
      typeof m.theirs === 'number' &&
      ((m.field === 'etaMonth' && m.theirs > 12) ||
        (m.field === 'etaHour' && m.theirs > 23) ||
        (m.field === 'etaMinute' && m.theirs > 59)),
  },
];

export async function compareFiles(files: string[]): Promise<Comparison> {
  const result: Comparison = { files, byType: new Map(), mismatches: [], unpaired: [] };
  for (const t of COMPARED_TYPES) result.byType.set(t, { messages: 0, fields: 0, mismatches: 0 });
  for (const file of files) {
    const name = basename(file);
    const { pairs, onlyOurs, onlyTheirs } = align(await decodeOurs(file), runGpsdecode(file));
    for (const m of onlyOurs) {
      const explainedBy = EXPLAINED_UNPAIRED.find((e) => e.covers(m))?.name ?? null;
      result.unpaired.push({
        file: name,
        side: 'ours',
        type: m.data.type,
        mmsi: m.data.mmsi,
        line: m.line,
        explainedBy,
      });
    }
    for (const o of onlyTheirs) {
      result.unpaired.push({
        file: name,
        side: 'gpsdecode',
        type: o.type,
        mmsi: o.mmsi,
        line: null,
        explainedBy: null,
      });
    }
    for (const [ours, theirs] of pairs) {
      const fields = fieldsFor(ours.data);
      const stats = result.byType.get(ours.data.type);
      if (fields === undefined || stats === undefined) continue;
      stats.messages++;
      for (const [field, theirValue, ourValue] of fields) {
        stats.fields++;
        const a = ourValue(ours.data as never);
        const b = theirValue(theirs);
        if (equal(field, a, b)) continue;
        stats.mismatches++;
        const mismatch: Mismatch = {
          file: name,
          line: ours.line,
          type: ours.data.type,
          mmsi: ours.data.mmsi,
          field,
          ours: a ?? null,
          theirs: b ?? null,
          explainedBy: null,
        };
        mismatch.explainedBy = EXPLAINED.find((e) => e.covers(mismatch))?.name ?? null;
        result.mismatches.push(mismatch);
      }
    }
  }
  return result;
}

/** Field mismatches and one-sided messages that no rule explains. */
export function unexplained(c: Comparison): number {
  return (
    c.mismatches.filter((m) => m.explainedBy === null).length +
    c.unpaired.filter((u) => u.explainedBy === null).length
  );
}

export function formatComparison(c: Comparison): string {
  const out: string[] = [];
  out.push(`files: ${c.files.map((f) => basename(f)).join(', ')}`);
  out.push('');
  out.push('| type | messages | fields | mismatches | unexplained |');
  out.push('| ---: | ---: | ---: | ---: | ---: |');
  const total = { messages: 0, fields: 0, mismatches: 0, unexplained: 0 };
  for (const [type, s] of c.byType) {
    const unexplained = c.mismatches.filter((m) => m.type === type && m.explainedBy === null).length;
    out.push(`| ${type} | ${s.messages} | ${s.fields} | ${s.mismatches} | ${unexplained} |`);
    total.messages += s.messages;
    total.fields += s.fields;
    total.mismatches += s.mismatches;
    total.unexplained += unexplained;
  }
  out.push(`| all | ${total.messages} | ${total.fields} | ${total.mismatches} | ${total.unexplained} |`);
  const kinds = new Map<string, Mismatch[]>();
  for (const m of c.mismatches) {
    const kind = `${m.explainedBy ?? 'UNEXPLAINED'} type ${m.type} ${m.field}`;
    const list = kinds.get(kind) ?? [];
    list.push(m);
    kinds.set(kind, list);
  }
  if (kinds.size > 0) out.push('', 'mismatch kinds (count, example):');
  for (const [kind, list] of kinds) {
    const e = list[0];
    const reason = EXPLAINED.find((x) => x.name === e.explainedBy)?.reason ?? 'not explained';
    out.push(
      `- ${kind}: ${list.length}, e.g. ${e.file}:${e.line} mmsi ${e.mmsi} ours=${JSON.stringify(e.ours)} ` +
        `gpsdecode=${JSON.stringify(e.theirs)} (${reason})`,
    );
  }
  const unpaired = new Map<string, Comparison['unpaired']>();
  for (const u of c.unpaired) {
    const key = `${u.explainedBy ?? 'UNEXPLAINED'}: ${u.file}, only ${u.side} decoded`;
    const list = unpaired.get(key) ?? [];
    list.push(u);
    unpaired.set(key, list);
  }
  if (unpaired.size > 0) out.push('', 'messages decoded by one side only (count, example):');
  for (const [key, list] of unpaired) {
    const e = list[0];
    const reason = EXPLAINED_UNPAIRED.find((x) => x.name === e.explainedBy)?.reason ?? 'not explained';
    out.push(
      `- ${key}: ${list.length}, e.g. type ${e.type} mmsi ${e.mmsi}, line ${e.line ?? '?'} (${reason})`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  if (!hasGpsdecode()) {
    console.error('gpsdecode not found on PATH (apt-get install gpsd-clients)');
    process.exit(2);
  }
  const args = process.argv.slice(2);
  const files =
    args.length > 0 ? args : AIS_FILES.map((n) => sharedFile('ais', n)).filter((f) => f !== undefined);
  if (files.length === 0) {
    console.error('no AIS recordings found (set WATCHKEEPER_SHARED_DATA or name files)');
    process.exit(2);
  }
  const c = await compareFiles(files);
  console.log(formatComparison(c));
  if (unexplained(c) > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
