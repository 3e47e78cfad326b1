import { UN_DPRK } from './dprk.ts';
import { EU_REGIMES, OFAC_REGIMES, UK_REGIMES, UN_REGIMES } from './others.ts';
import type { Authority, Measure, Regime } from './types.ts';

export type {
  Authority,
  Cap,
  Citation,
  InstrumentType,
  LegalInstrument,
  Measure,
  MeasureKind,
  Regime,
} from './types.ts';

const REGIMES: readonly Regime[] = [UN_DPRK, ...UN_REGIMES, ...OFAC_REGIMES, ...EU_REGIMES, ...UK_REGIMES];

const byCode = new Map<string, Regime>();
const byLowerCode = new Map<string, Regime>();
for (const regime of REGIMES) {
  if (byCode.has(regime.code)) throw new Error(`regimes: duplicate code ${regime.code}`);
  byCode.set(regime.code, regime);
  byLowerCode.set(regime.code.toLowerCase(), regime);
}

/** Every regime the data set knows. */
export function listRegimes(): Regime[] {
  return [...REGIMES];
}

/**
 * The regime with this code, or undefined. Falls back to a case-insensitive match because OFAC program
 * codes keep their published case (`ofac-DPRK2`) and other sources may lowercase them.
 */
export function getRegime(code: string): Regime | undefined {
  return byCode.get(code) ?? byLowerCode.get(code.toLowerCase());
}

const PREFIXES: { prefix: string; authority: Authority; label: string }[] = [
  { prefix: 'un-', authority: 'UN Security Council', label: 'UN regime' },
  { prefix: 'ofac-', authority: 'US OFAC', label: 'OFAC program' },
  { prefix: 'eu-', authority: 'EU', label: 'EU regime' },
  { prefix: 'uk-', authority: 'UK', label: 'UK regime' },
];

/**
 * A known regime, or one made up from the code so that every code an importer emits resolves
 * (`ofac-SDGT` -> "OFAC program SDGT", no measures). Made-up regimes carry `synthesised: true`.
 */
export function regimeForCode(code: string): Regime {
  const known = getRegime(code);
  if (known) return known;
  const match = PREFIXES.find((p) => code.toLowerCase().startsWith(p.prefix));
  if (!match) {
    return { code, authority: 'unknown', name: `Regime ${code}`, basis: [], measures: [], synthesised: true };
  }
  const rest = code.slice(match.prefix.length);
  return {
    code,
    authority: match.authority,
    name: `${match.label} ${rest}`,
    basis: [],
    measures: [],
    synthesised: true,
  };
}

/** The measures of a regime (empty for unknown codes). */
export function measuresOf(code: string): Measure[] {
  return getRegime(code)?.measures ?? [];
}

/** A measure by its id, with the regime it belongs to. */
export function findMeasure(id: string): { regime: Regime; measure: Measure } | undefined {
  for (const regime of REGIMES) {
    const measure = regime.measures.find((m) => m.id === id);
    if (measure) return { regime, measure };
  }
  return undefined;
}
