/**
 * Scenario parameters and their defaults. A scenario is fully determined by these (and the shared geo data):
 * the same options give byte-identical output.
 */

export interface PlantCounts {
  /** Tanker pairs within ~100–230 m at < 1 kn for 2.5–8 h (GFW encounters; also rendezvous). */
  encounter: number;
  /** Short meetings (45–90 min, < 250 m): only the `rendezvous` preset should report them. */
  rendezvous: number;
  /** Single carriers drifting < 1.5 kn for 4.5–10 h away from ports. */
  loitering: number;
  /** Tankers going dark near Nampo and calling there unseen (14–40 h). */
  gapDark: number;
  /** Vessels going dark at sea for 14–40 h. */
  gapSea: number;
  /** Gaps of 7–11 h (only a 6 h preset should report them). */
  gapShort: number;
  /** Vessels that go dark more than 12 h before the end and do not come back. */
  gapOpen: number;
  /** Reception outages: every vessel in an area vanishes for 13–15 h. */
  outage: number;
  spoofSpeed: number;
  spoofJump: number;
  spoofOnLand: number;
  spoofShared: number;
  idName: number;
  idImo: number;
  idCallsign: number;
  idFlag: number;
  idSwap: number;
  idInvalidImo: number;
  idImoMultiple: number;
}

export interface SimOptions {
  /** Region preset name (see regions.ts). */
  region: string;
  /** Scenario start, ms since the epoch (UTC). */
  start: number;
  hours: number;
  /** Number of vessels (background and planted together). */
  vessels: number;
  /** Fixed position-report interval in seconds for every vessel (null: realistic rates by class and speed). */
  interval: number | null;
  /** Share of messages lost (independently, per message). */
  drop: number;
  /** Share of messages also received by a second station (a duplicate line with another `s:`). */
  duplicates: number;
  /** GPS noise, metres (standard deviation per axis). */
  gpsNoiseM: number;
  /** Share of position lines written corrupt (bad checksum, truncated, garbage): rejected by any decoder. */
  corrupt: number;
  /** Probability per minute that one station delivers a few seconds of lines late (out of order). */
  lateBursts: number;
  seed: number;
  /** Planted behaviours: counts, or null for the defaults scaled to vessels × hours. */
  plants: PlantCounts | null;
}

export const DEFAULT_START = Date.UTC(2026, 2, 2, 0, 0, 0);

export const DEFAULT_OPTIONS: SimOptions = {
  region: 'yellow-sea',
  start: DEFAULT_START,
  hours: 24,
  vessels: 300,
  interval: null,
  drop: 0.15,
  duplicates: 0.1,
  gpsNoiseM: 10,
  corrupt: 0.00002,
  lateBursts: 0.05,
  seed: 1,
  plants: null,
};

export const NO_PLANTS: PlantCounts = {
  encounter: 0,
  rendezvous: 0,
  loitering: 0,
  gapDark: 0,
  gapSea: 0,
  gapShort: 0,
  gapOpen: 0,
  outage: 0,
  spoofSpeed: 0,
  spoofJump: 0,
  spoofOnLand: 0,
  spoofShared: 0,
  idName: 0,
  idImo: 0,
  idCallsign: 0,
  idFlag: 0,
  idSwap: 0,
  idInvalidImo: 0,
  idImoMultiple: 0,
};

/**
 * Default plant counts: rates per 1,000 vessel-days, at least one of each kind the period allows (a
 * 24 h scenario of 5,000 vessels has 30 encounters, 10 rendezvous, 20 loitering carriers, 15 long gaps …).
 */
export function defaultPlantCounts(vessels: number, hours: number): PlantCounts {
  const k = (vessels * hours) / (24 * 1000);
  const n = (rate: number, min = 1) => Math.max(min, Math.round(rate * k));
  return {
    encounter: n(6, 2),
    rendezvous: n(2),
    loitering: n(4, 2),
    gapDark: hours >= 18 ? n(1) : 0,
    gapSea: hours >= 18 ? n(2) : 0,
    gapShort: hours >= 12 ? n(2) : 0,
    gapOpen: hours >= 16 ? 1 : 0,
    outage: hours >= 20 ? 1 : 0,
    spoofSpeed: n(1.5),
    spoofJump: n(1.5),
    spoofOnLand: n(1.5),
    spoofShared: n(1.5),
    idName: n(1),
    idImo: n(1),
    idCallsign: n(1),
    idFlag: hours >= 6 ? n(1) : 0,
    idSwap: n(1),
    idInvalidImo: n(1),
    idImoMultiple: n(1),
  };
}

/** Full options from partial ones, validated. */
export function resolveOptions(partial: Partial<SimOptions> = {}): SimOptions {
  const o: SimOptions = { ...DEFAULT_OPTIONS, ...partial };
  const bad = (what: string) => {
    throw new RangeError(`simulate: ${what}`);
  };
  if (!Number.isFinite(o.start)) bad('start must be a valid time');
  if (o.start % 1000 !== 0) o.start = Math.floor(o.start / 1000) * 1000;
  if (!(o.hours > 0 && o.hours <= 24 * 31)) bad('hours must be in (0, 744]');
  if (!(Number.isInteger(o.vessels) && o.vessels >= 1 && o.vessels <= 100_000))
    bad('vessels must be 1–100000');
  if (o.interval !== null && !(o.interval >= 1 && o.interval <= 3600)) bad('interval must be 1–3600 seconds');
  if (!(o.drop >= 0 && o.drop < 1)) bad('drop must be in [0, 1)');
  if (!(o.duplicates >= 0 && o.duplicates <= 1)) bad('duplicates must be in [0, 1]');
  if (!(o.gpsNoiseM >= 0 && o.gpsNoiseM <= 1000)) bad('gpsNoiseM must be 0–1000');
  if (!(o.corrupt >= 0 && o.corrupt < 0.5)) bad('corrupt must be in [0, 0.5)');
  if (!(o.lateBursts >= 0 && o.lateBursts <= 1)) bad('lateBursts must be in [0, 1]');
  if (!Number.isInteger(o.seed)) bad('seed must be an integer');
  o.seed = o.seed >>> 0;
  return o;
}
