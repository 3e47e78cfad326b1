/** Who imposes a regime. 'unknown' only appears on regimes synthesised from an unrecognised code prefix. */
export type Authority = 'UN Security Council' | 'US OFAC' | 'EU' | 'UK' | 'unknown';

export type InstrumentType =
  | 'resolution'
  | 'executive order'
  | 'statute'
  | 'regulation'
  | 'decision'
  | 'statutory instrument';

/** A legal act a regime rests on, e.g. resolution `S/RES/1718 (2006)`. */
export interface LegalInstrument {
  /** How citations refer to it: `S/RES/2397 (2017)`, `EO 13382`, `Regulation (EU) 2017/1509`. */
  symbol: string;
  type: InstrumentType;
  title?: string;
  /** Date adopted, signed or made (ISO). */
  date: string;
  url: string;
}

/**
 * Where a measure comes from. `verified` says whether the paragraph numbers were checked against the
 * text of the instrument (or a source quoting it with its paragraph number); false means they come from
 * secondary summaries or memory and must be checked before being relied on.
 */
export interface Citation {
  instrument: string;
  /** Operative paragraphs (`'8(a)(iii)'`, `'5'`) or articles (`'Art. 27'`); empty only where unknown. */
  paragraphs: string[];
  verified: boolean;
  note?: string;
}

export type MeasureKind =
  | 'arms_embargo'
  | 'asset_freeze'
  | 'travel_ban'
  | 'import_ban'
  | 'export_ban'
  | 'sectoral_ban'
  | 'cap'
  | 'vessel_measure'
  | 'financial'
  | 'workers'
  | 'luxury_goods'
  | 'other';

/** A quantity limit such as the 500,000-barrel refined-petroleum cap. */
export interface Cap {
  quantity: number;
  unit: 'barrels' | 'tons' | 'metric tons' | 'USD';
  /** 'calendar year' or 'twelve months' (then `periodStart` says from when). */
  period: 'calendar year' | 'twelve months';
  periodStart?: string;
  /** A second limit that applies alongside ("4 million barrels or 525,000 tons"). */
  alternative?: { quantity: number; unit: Cap['unit'] };
}

export interface Measure {
  id: string;
  /** import_ban / export_ban are seen from the targeted country: import_ban = supply *to* it. */
  kind: MeasureKind;
  title: string;
  description: string;
  commodities?: string[];
  /** HS chapters (2 digits) where the instrument names them. */
  hsChapters?: string[];
  cap?: Cap;
  sources: Citation[];
  /** 'to DPRK', 'from DPRK', 'to and from DPRK', or undefined where there is no flow of goods. */
  direction?: string;
  /** The id of the measure that replaced this one (an earlier cap, a partial ban made total). */
  supersededBy?: string;
}

export interface Regime {
  code: string;
  authority: Authority;
  name: string;
  /** ISO 3166-1 alpha-2 (lowercase) of the targeted country; absent for thematic regimes. */
  country?: string;
  committee?: string;
  basis: LegalInstrument[];
  measures: Measure[];
  /** Codes of linked regimes: those implementing this one, or the one(s) this one implements. */
  related?: string[];
  status?: 'active' | 'terminated';
  /** ISO date the regime ended, when it did. */
  ended?: string;
  url?: string;
  notes?: string;
  /** True when the regime was made up from its code because the data set does not know it. */
  synthesised?: boolean;
}
