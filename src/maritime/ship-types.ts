/**
 * AIS ship and cargo type codes (ITU-R M.1371, message 5 field "type of ship and cargo type"): the tens digit
 * is the category (7x cargo, 8x tanker), the units digit the hazard category (x1 = hazardous category A …).
 */

const SPECIAL: Record<number, string> = {
  20: 'Wing in ground',
  30: 'Fishing',
  31: 'Towing',
  32: 'Towing (large)',
  33: 'Dredging or underwater operations',
  34: 'Diving operations',
  35: 'Military operations',
  36: 'Sailing',
  37: 'Pleasure craft',
  50: 'Pilot vessel',
  51: 'Search and rescue vessel',
  52: 'Tug',
  53: 'Port tender',
  54: 'Anti-pollution equipment',
  55: 'Law enforcement',
  56: 'Spare (local vessel)',
  57: 'Spare (local vessel)',
  58: 'Medical transport',
  59: 'Noncombatant ship (RR Resolution No. 18)',
};

const CATEGORY: Record<number, string> = {
  2: 'Wing in ground',
  4: 'High-speed craft',
  6: 'Passenger',
  7: 'Cargo',
  8: 'Tanker',
  9: 'Other',
};

const HAZARD: Record<number, string> = {
  1: 'hazardous category A',
  2: 'hazardous category B',
  3: 'hazardous category C',
  4: 'hazardous category D',
  9: 'no additional information',
};

/** Readable name of a ship type code; null for 0 ("not available") and codes outside 1–99. */
export function shipTypeName(code: number): string | null {
  if (!Number.isInteger(code) || code <= 0 || code > 99) return null;
  const special = SPECIAL[code];
  if (special !== undefined) return special;
  const category = CATEGORY[Math.floor(code / 10)];
  if (category === undefined) return 'Reserved';
  const hazard = HAZARD[code % 10];
  return hazard === undefined || code % 10 === 9 ? category : `${category}, ${hazard}`;
}

/** Broad category used for filters and risk: tanker, cargo, fishing, passenger, tug, other. */
export function shipCategory(
  code: number | null,
): 'tanker' | 'cargo' | 'fishing' | 'passenger' | 'tug' | 'other' | 'unknown' {
  if (code === null || code <= 0 || code > 99) return 'unknown';
  if (code >= 80 && code <= 89) return 'tanker';
  if (code >= 70 && code <= 79) return 'cargo';
  if (code === 30) return 'fishing';
  if (code >= 60 && code <= 69) return 'passenger';
  if (code === 31 || code === 32 || code === 52) return 'tug';
  return 'other';
}
