/**
 * Simulated vessel identities: MMSIs with real MIDs for their flags, IMO numbers with correct check digits for
 * ships over 300 GT, call signs in the prefix blocks of their flag states, names in the styles seen in the
 * region. Everything is drawn from a seeded Rng and registered in a `IdentityRegistry`, so no two simulated
 * vessels share an MMSI, IMO, name or call sign unless a planted behaviour makes them.
 */
import type { Rng } from './prng.ts';

export type Flag = 'cn' | 'kr' | 'kp' | 'pa' | 'mh' | 'pw' | 'sl' | 'cm' | 'tg' | 'mn' | 'hk';

interface FlagInfo {
  mids: readonly number[];
  /** Call sign prefixes (ITU series allocated to the flag state) and how many characters follow. */
  callsign: readonly (readonly [string, number])[];
}

/** MIDs from the ITU table (see src/maritime/mmsi.ts); call sign series from ITU RR Appendix 42. */
export const FLAGS: Record<Flag, FlagInfo> = {
  cn: { mids: [412, 413, 414], callsign: [['B', 4]] },
  kr: {
    mids: [440, 441],
    callsign: [
      ['DS', 3],
      ['D7', 3],
      ['D8', 3],
    ],
  },
  kp: { mids: [445], callsign: [['HM', 3]] },
  pa: {
    mids: [352, 353, 354, 355, 356, 357],
    callsign: [
      ['3E', 3],
      ['3F', 3],
      ['H3', 3],
      ['H8', 3],
      ['H9', 3],
      ['HO', 3],
      ['HP', 3],
    ],
  },
  mh: { mids: [538], callsign: [['V7', 4]] },
  pw: { mids: [511], callsign: [['T8A', 3]] },
  sl: { mids: [667], callsign: [['9L', 4]] },
  cm: { mids: [613], callsign: [['TJ', 4]] },
  tg: { mids: [671], callsign: [['5V', 4]] },
  mn: { mids: [457], callsign: [['JV', 4]] },
  hk: { mids: [477], callsign: [['VR', 4]] },
};

export const FLAGS_OF_CONVENIENCE: readonly Flag[] = ['pa', 'mh', 'pw', 'sl', 'cm', 'tg', 'mn'];

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** IMO check digit: the first six digits weighted 7..2, summed, mod 10. */
export function imoCheckDigit(firstSix: number): number {
  const s = String(firstSix).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (s.charCodeAt(i) - 48) * (7 - i);
  return sum % 10;
}

/** The same number with a wrong check digit (the kind of one-digit-off IMO evaders broadcast). */
export function withWrongCheckDigit(imo: number, rng: Rng): number {
  const six = Math.floor(imo / 10);
  const right = imoCheckDigit(six);
  const wrong = (right + rng.int(1, 9)) % 10;
  return six * 10 + wrong;
}

const CN_CARGO_A = ['HUA', 'JIN', 'XIN', 'YUAN', 'HAI', 'ZHONG', 'GUO', 'HONG', 'TAI', 'FU', 'CHANG', 'AN'];
const CN_CARGO_B = ['XIANG', 'HAI', 'FENG', 'SHUN', 'DA', 'TONG', 'HE', 'MING', 'RUI', 'KANG', 'LONG', 'YUN'];
const CN_PROVINCE = ['LU', 'LIAO', 'JIN', 'JI', 'SU', 'ZHE'];
const CN_PORT = ['RONG', 'YAN', 'WEI', 'QING', 'DAN', 'DA', 'HUANG', 'LAI', 'PENG', 'SHI'];
const KR_A = ['HAN', 'DONG', 'SEO', 'NAM', 'DAE', 'SAM', 'HYUN', 'KUM', 'BO', 'SUNG', 'JIN', 'YEONG'];
const KR_B = ['YANG', 'HAE', 'SAN', 'JIN', 'SUNG', 'WON', 'IL', 'KWANG', 'MYUNG', 'HO'];
const KP_A = ['CHON MA', 'PAEK', 'KUM', 'RYE SONG', 'SAM', 'JI', 'MYONG', 'KA', 'UN', 'YU', 'SONG', 'RA'];
const KP_B = ['SAN', 'GANG', 'BONG', 'RYONG', 'JONG', 'SONG', 'HUNG', 'RIM', 'DOK'];
const INTL_A = [
  'OCEAN',
  'SEA',
  'STAR',
  'GOLDEN',
  'NEW',
  'GRAND',
  'BLUE',
  'PACIFIC',
  'ASIA',
  'ROYAL',
  'LUCKY',
];
const INTL_B = ['GLORY', 'PEARL', 'HARMONY', 'FORTUNE', 'SPIRIT', 'DRAGON', 'WAY', 'LINK', 'PRIDE', 'BRIDGE'];

export type VesselKind = 'cargo' | 'tanker' | 'fishing' | 'carrier';

function nameFor(rng: Rng, flag: Flag, kind: VesselKind): string {
  const n = rng.int(1, 99);
  if (kind === 'fishing') {
    if (flag === 'cn') return `${rng.pick(CN_PROVINCE)} ${rng.pick(CN_PORT)} YU ${rng.int(1000, 69999)}`;
    if (flag === 'kr') return `${rng.int(1, 909)} ${rng.pick(KR_A)}${rng.pick(KR_B)}`;
    if (flag === 'kp') return `${rng.pick(KP_A)} ${rng.int(1, 300)}`;
  }
  switch (flag) {
    case 'cn':
    case 'hk':
      return rng.chance(0.5)
        ? `${rng.pick(CN_CARGO_A)} ${rng.pick(CN_CARGO_B)} ${n}`
        : `${rng.pick(CN_CARGO_A)}${rng.pick(CN_CARGO_B)}`;
    case 'kr':
      return `${rng.pick(KR_A)} ${rng.pick(KR_B)}${rng.chance(0.5) ? ` ${rng.int(1, 9)}` : ''}`;
    case 'kp':
      return `${rng.pick(KP_A)} ${rng.pick(KP_B)}${rng.chance(0.6) ? ` ${rng.int(1, 9)}` : ''}`;
    default:
      return `${rng.pick(INTL_A)} ${rng.pick(INTL_B)}${rng.chance(0.5) ? ` ${rng.int(1, 9)}` : ''}`;
  }
}

export interface Identity {
  mmsi: number;
  flag: Flag;
  /** null for vessels without one (small fishing boats under 300 GT). */
  imo: number | null;
  name: string;
  callsign: string;
  shipType: number;
  length: number;
  beam: number;
  draught: number | null;
}

/** Keeps simulated identities unique. */
export class IdentityRegistry {
  private readonly mmsis = new Set<number>();
  private readonly imos = new Set<number>();
  private readonly names = new Set<string>();
  private readonly callsigns = new Set<string>();

  /** Marks an identity's numbers as taken (planted identities reuse them deliberately). */
  reserve(id: Identity): void {
    this.mmsis.add(id.mmsi);
    if (id.imo !== null) this.imos.add(id.imo);
    this.names.add(id.name);
    this.callsigns.add(id.callsign);
  }

  mmsi(rng: Rng, flag: Flag): number {
    const mids = FLAGS[flag].mids;
    for (;;) {
      const m = rng.pick(mids) * 1_000_000 + rng.int(100_000, 999_999);
      if (!this.mmsis.has(m)) {
        this.mmsis.add(m);
        return m;
      }
    }
  }

  imo(rng: Rng): number {
    for (;;) {
      // 9xxxxxx for ships built since the 1990s, 8xxxxxx for older hulls (still common in the DPRK trade)
      const six = (rng.chance(0.8) ? 900_000 : 800_000) + rng.int(0, 99_999);
      const imo = six * 10 + imoCheckDigit(six);
      if (!this.imos.has(imo)) {
        this.imos.add(imo);
        return imo;
      }
    }
  }

  name(rng: Rng, flag: Flag, kind: VesselKind): string {
    for (let attempt = 0; ; attempt++) {
      let name = nameFor(rng, flag, kind).slice(0, 20).trim();
      if (attempt > 20) name = `${name.slice(0, 16)} ${rng.int(10, 99)}`;
      if (!this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  callsign(rng: Rng, flag: Flag): string {
    for (;;) {
      const [prefix, n] = rng.pick(FLAGS[flag].callsign);
      let s = prefix;
      for (let i = 0; i < n; i++) s += ALNUM[rng.int(0, ALNUM.length - 1)];
      if (!this.callsigns.has(s)) {
        this.callsigns.add(s);
        return s;
      }
    }
  }

  /** A complete identity for a new vessel. */
  create(rng: Rng, flag: Flag, kind: VesselKind, classB: boolean): Identity {
    const mmsi = this.mmsi(rng, flag);
    let length: number;
    let beam: number;
    let shipType: number;
    let draught: number | null;
    switch (kind) {
      case 'cargo':
        length = Math.round(rng.range(90, 230));
        beam = Math.round(length / rng.range(6, 7.5));
        shipType = rng.pick([70, 70, 70, 71, 79]);
        draught = Math.round(rng.range(5, 12) * 10) / 10;
        break;
      case 'tanker':
      case 'carrier':
        length = Math.round(rng.range(kind === 'carrier' ? 100 : 80, 240));
        beam = Math.round(length / rng.range(5.5, 6.8));
        shipType = kind === 'carrier' ? 70 : rng.pick([80, 80, 81, 82, 84, 89]);
        draught = Math.round(rng.range(5, 13) * 10) / 10;
        break;
      case 'fishing':
        length = Math.round(classB ? rng.range(14, 30) : rng.range(28, 60));
        beam = Math.round(length / rng.range(4, 5.5));
        shipType = 30;
        draught = classB ? null : Math.round(rng.range(2.5, 5) * 10) / 10;
        break;
    }
    // ships of 300 GT and more carry an IMO number (SOLAS XI-1/3); small Class B fishing boats do not
    const hasImo = kind !== 'fishing' || (!classB && length >= 40);
    return {
      mmsi,
      flag,
      imo: hasImo ? this.imo(rng) : null,
      name: this.name(rng, flag, kind),
      callsign: this.callsign(rng, flag),
      shipType,
      length,
      beam,
      draught,
    };
  }
}
