import type { Citation, InstrumentType, LegalInstrument, Measure, MeasureKind, Regime } from './types.ts';

/*
 * Brief entries: the basis and the main kinds of measures, enough to label a listing and link regimes.
 * Paragraph numbers are only given where they were checked (`verified: true`); brief measures citing an
 * instrument without paragraphs mean "this instrument imposes it", nothing more precise.
 */

function unResolution(number: number, year: number, date: string): LegalInstrument {
  return {
    symbol: `S/RES/${number} (${year})`,
    type: 'resolution',
    date,
    url: `https://undocs.org/S/RES/${number}(${year})`,
  };
}

function instrument(
  symbol: string,
  type: InstrumentType,
  date: string,
  url: string,
  title?: string,
): LegalInstrument {
  return title === undefined ? { symbol, type, date, url } : { symbol, type, date, url, title };
}

const TITLES: Record<MeasureKind, string> = {
  arms_embargo: 'Arms embargo',
  asset_freeze: 'Asset freeze',
  travel_ban: 'Travel ban',
  import_ban: 'Import restrictions (supply to the target)',
  export_ban: 'Export restrictions (supply from the target)',
  sectoral_ban: 'Sectoral restrictions',
  cap: 'Quantity cap',
  vessel_measure: 'Vessel measures',
  financial: 'Financial restrictions',
  workers: 'Workers',
  luxury_goods: 'Luxury goods ban',
  other: 'Other measures',
};

interface BriefMeasure {
  kind: MeasureKind;
  description: string;
  sources: Citation[];
  title?: string;
  direction?: string;
}

function measures(code: string, list: BriefMeasure[]): Measure[] {
  const seen = new Map<string, number>();
  return list.map((m) => {
    const base = `${code}-${m.kind.replace(/_/g, '-')}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const measure: Measure = {
      id: n === 1 ? base : `${base}-${n}`,
      kind: m.kind,
      title: m.title ?? TITLES[m.kind],
      description: m.description,
      sources: m.sources,
    };
    if (m.direction !== undefined) measure.direction = m.direction;
    return measure;
  });
}

/** "This instrument imposes it" without paragraph numbers. */
function by(instrument: string, paragraphs: string[] = [], verified = false): Citation {
  return { instrument, paragraphs, verified };
}

const TARGETED_THREE = (instruments: { arms: string; freeze: string; travel: string }): BriefMeasure[] => [
  {
    kind: 'arms_embargo',
    description: 'Arms embargo (targeted or territorial; see the resolutions).',
    sources: [by(instruments.arms)],
  },
  {
    kind: 'asset_freeze',
    description: 'Asset freeze on listed individuals and entities.',
    sources: [by(instruments.freeze)],
  },
  { kind: 'travel_ban', description: 'Travel ban on listed individuals.', sources: [by(instruments.travel)] },
];

const UN_SC: Regime['authority'] = 'UN Security Council';
const UN_SANCTIONS = 'https://main.un.org/securitycouncil/en/sanctions/';

export const UN_REGIMES: Regime[] = [
  {
    code: 'un-isil-aq',
    authority: UN_SC,
    name: 'ISIL (Da’esh) and Al-Qaida sanctions',
    committee:
      'Security Council Committee pursuant to resolutions 1267 (1999), 1989 (2011) and 2253 (2015) concerning ISIL (Da’esh), Al-Qaida and associated individuals, groups, undertakings and entities',
    basis: [
      unResolution(1267, 1999, '1999-10-15'),
      unResolution(1989, 2011, '2011-06-17'),
      unResolution(2253, 2015, '2015-12-17'),
    ],
    measures: measures(
      'un-isil-aq',
      TARGETED_THREE({ arms: 'S/RES/2253 (2015)', freeze: 'S/RES/2253 (2015)', travel: 'S/RES/2253 (2015)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}1267`,
  },
  {
    code: 'un-taliban',
    authority: UN_SC,
    name: '1988 sanctions (Taliban)',
    country: 'af',
    committee: 'Security Council Committee established pursuant to resolution 1988 (2011)',
    basis: [unResolution(1988, 2011, '2011-06-17')],
    measures: measures(
      'un-taliban',
      TARGETED_THREE({ arms: 'S/RES/1988 (2011)', freeze: 'S/RES/1988 (2011)', travel: 'S/RES/1988 (2011)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}1988`,
  },
  {
    code: 'un-iraq',
    authority: UN_SC,
    name: 'Iraq (1518) sanctions',
    country: 'iq',
    committee: 'Security Council Committee established pursuant to resolution 1518 (2003)',
    basis: [unResolution(1483, 2003, '2003-05-22'), unResolution(1518, 2003, '2003-11-24')],
    measures: measures('un-iraq', [
      {
        kind: 'asset_freeze',
        description:
          'Freeze and transfer to the Development Fund for Iraq of funds of the former Iraqi Government, senior officials of the former regime and entities they own or control.',
        sources: [by('S/RES/1483 (2003)')],
      },
    ]),
    status: 'active',
    url: `${UN_SANCTIONS}1518`,
  },
  {
    code: 'un-drc',
    authority: UN_SC,
    name: 'Democratic Republic of the Congo sanctions',
    country: 'cd',
    committee: 'Security Council Committee established pursuant to resolution 1533 (2004)',
    basis: [
      unResolution(1493, 2003, '2003-07-28'),
      unResolution(1533, 2004, '2004-03-12'),
      unResolution(1596, 2005, '2005-04-18'),
    ],
    measures: measures(
      'un-drc',
      TARGETED_THREE({ arms: 'S/RES/1493 (2003)', freeze: 'S/RES/1596 (2005)', travel: 'S/RES/1596 (2005)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}1533`,
    notes:
      'The arms embargo dates from resolution 1493 (2003) and the asset freeze and travel ban from 1596 (2005); 1533 created the Committee.',
  },
  {
    code: 'un-sudan',
    authority: UN_SC,
    name: 'Sudan sanctions',
    country: 'sd',
    committee:
      'Security Council Committee established pursuant to resolution 1591 (2005) concerning the Sudan',
    basis: [unResolution(1556, 2004, '2004-07-30'), unResolution(1591, 2005, '2005-03-29')],
    measures: measures(
      'un-sudan',
      TARGETED_THREE({ arms: 'S/RES/1556 (2004)', freeze: 'S/RES/1591 (2005)', travel: 'S/RES/1591 (2005)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}1591`,
    notes: 'The arms embargo on Darfur dates from resolution 1556 (2004).',
  },
  {
    code: 'un-somalia',
    authority: UN_SC,
    name: 'Al-Shabaab sanctions (formerly Somalia 751)',
    country: 'so',
    committee: 'Security Council Committee pursuant to resolution 2713 (2023) concerning Al-Shabaab',
    basis: [
      unResolution(751, 1992, '1992-04-24'),
      unResolution(2036, 2012, '2012-02-22'),
      unResolution(2713, 2023, '2023-12-01'),
    ],
    measures: measures('un-somalia', [
      ...TARGETED_THREE({
        arms: 'S/RES/2713 (2023)',
        freeze: 'S/RES/2713 (2023)',
        travel: 'S/RES/2713 (2023)',
      }),
      {
        kind: 'export_ban',
        description: 'Ban on the import of charcoal from Somalia.',
        sources: [by('S/RES/2036 (2012)')],
        direction: 'from Somalia',
      },
    ]),
    status: 'active',
    url: `${UN_SANCTIONS}2713`,
    notes:
      'Resolution 2713 (2023) turned the 751 Committee into the Al-Shabaab Committee; the general arms embargo on the Federal Government of Somalia was lifted the same day by 2714 (2023).',
  },
  {
    code: 'un-libya',
    authority: UN_SC,
    name: 'Libya sanctions',
    country: 'ly',
    committee: 'Security Council Committee established pursuant to resolution 1970 (2011) concerning Libya',
    basis: [unResolution(1970, 2011, '2011-02-26'), unResolution(2146, 2014, '2014-03-19')],
    measures: measures('un-libya', [
      ...TARGETED_THREE({
        arms: 'S/RES/1970 (2011)',
        freeze: 'S/RES/1970 (2011)',
        travel: 'S/RES/1970 (2011)',
      }),
      {
        kind: 'vessel_measure',
        description:
          'Measures on vessels designated for illicit exports of petroleum from Libya: port-entry ban, bunkering ban, inspection.',
        sources: [by('S/RES/2146 (2014)')],
      },
    ]),
    status: 'active',
    url: `${UN_SANCTIONS}1970`,
  },
  {
    code: 'un-guinea-bissau',
    authority: UN_SC,
    name: 'Guinea-Bissau sanctions',
    country: 'gw',
    committee: 'Security Council Committee established pursuant to resolution 2048 (2012)',
    basis: [unResolution(2048, 2012, '2012-05-18')],
    measures: measures('un-guinea-bissau', [
      {
        kind: 'travel_ban',
        description:
          'Travel ban on individuals who sought to prevent the restoration of constitutional order.',
        sources: [by('S/RES/2048 (2012)')],
      },
    ]),
    status: 'active',
    url: `${UN_SANCTIONS}2048`,
  },
  {
    code: 'un-car',
    authority: UN_SC,
    name: 'Central African Republic sanctions',
    country: 'cf',
    committee: 'Security Council Committee established pursuant to resolution 2127 (2013)',
    basis: [unResolution(2127, 2013, '2013-12-05'), unResolution(2134, 2014, '2014-01-28')],
    measures: measures(
      'un-car',
      TARGETED_THREE({ arms: 'S/RES/2127 (2013)', freeze: 'S/RES/2134 (2014)', travel: 'S/RES/2134 (2014)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}2127`,
    notes: 'The asset freeze and travel ban were added by resolution 2134 (2014).',
  },
  {
    code: 'un-yemen',
    authority: UN_SC,
    name: 'Yemen sanctions',
    country: 'ye',
    committee: 'Security Council Committee established pursuant to resolution 2140 (2014)',
    basis: [unResolution(2140, 2014, '2014-02-26'), unResolution(2216, 2015, '2015-04-14')],
    measures: measures(
      'un-yemen',
      TARGETED_THREE({ arms: 'S/RES/2216 (2015)', freeze: 'S/RES/2140 (2014)', travel: 'S/RES/2140 (2014)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}2140`,
    notes: 'The targeted arms embargo was added by resolution 2216 (2015).',
  },
  {
    code: 'un-south-sudan',
    authority: UN_SC,
    name: 'South Sudan sanctions',
    country: 'ss',
    committee:
      'Security Council Committee established pursuant to resolution 2206 (2015) concerning South Sudan',
    basis: [unResolution(2206, 2015, '2015-03-03'), unResolution(2428, 2018, '2018-07-13')],
    measures: measures(
      'un-south-sudan',
      TARGETED_THREE({ arms: 'S/RES/2428 (2018)', freeze: 'S/RES/2206 (2015)', travel: 'S/RES/2206 (2015)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}2206`,
    notes: 'The territorial arms embargo was added by resolution 2428 (2018).',
  },
  {
    code: 'un-mali',
    authority: UN_SC,
    name: 'Mali sanctions',
    country: 'ml',
    committee: 'Security Council Committee established pursuant to resolution 2374 (2017) concerning Mali',
    basis: [unResolution(2374, 2017, '2017-09-05')],
    measures: measures('un-mali', [
      {
        kind: 'asset_freeze',
        description: 'Asset freeze on listed individuals and entities.',
        sources: [by('S/RES/2374 (2017)')],
      },
      {
        kind: 'travel_ban',
        description: 'Travel ban on listed individuals.',
        sources: [by('S/RES/2374 (2017)')],
      },
    ]),
    status: 'terminated',
    ended: '2023-08-31',
    url: `${UN_SANCTIONS}2374`,
    notes: 'The measures lapsed on 31 August 2023 after the renewal was vetoed on 30 August 2023.',
  },
  {
    code: 'un-haiti',
    authority: UN_SC,
    name: 'Haiti sanctions',
    country: 'ht',
    committee: 'Security Council Committee established pursuant to resolution 2653 (2022) concerning Haiti',
    basis: [unResolution(2653, 2022, '2022-10-21')],
    measures: measures(
      'un-haiti',
      TARGETED_THREE({ arms: 'S/RES/2653 (2022)', freeze: 'S/RES/2653 (2022)', travel: 'S/RES/2653 (2022)' }),
    ),
    status: 'active',
    url: `${UN_SANCTIONS}2653`,
  },
  {
    code: 'un-iran',
    authority: UN_SC,
    name: 'Iran (resolution 2231) restrictions',
    country: 'ir',
    basis: [unResolution(2231, 2015, '2015-07-20')],
    measures: measures('un-iran', [
      {
        kind: 'other',
        title: 'Nuclear-related transfers',
        description:
          'Nuclear-related and missile-related transfers subject to Council approval (procurement channel).',
        sources: [by('S/RES/2231 (2015)')],
        direction: 'to and from Iran',
      },
      {
        kind: 'asset_freeze',
        description: 'Asset freeze on listed individuals and entities.',
        sources: [by('S/RES/2231 (2015)')],
      },
      {
        kind: 'travel_ban',
        description: 'Travel ban on listed individuals.',
        sources: [by('S/RES/2231 (2015)')],
      },
    ]),
    url: 'https://main.un.org/securitycouncil/en/content/2231/background',
    notes:
      'Resolution 2231 set 18 October 2025 as Termination Day, subject to the "snapback" procedure that reinstates the earlier resolutions (1737 and following); France, Germany and the UK invoked it in August 2025. Check the current status before relying on this entry.',
  },
];

const OFAC_NK = 'https://ofac.treasury.gov/sanctions-programs-and-country-information/north-korea-sanctions';
const OFAC_NP =
  'https://ofac.treasury.gov/sanctions-programs-and-country-information/non-proliferation-sanctions';

function ofacBlocking(code: string, instrumentSymbol: string, description: string): Measure[] {
  return measures(code, [{ kind: 'asset_freeze', description, sources: [by(instrumentSymbol)] }]);
}

export const OFAC_REGIMES: Regime[] = [
  {
    code: 'ofac-DPRK',
    authority: 'US OFAC',
    name: 'North Korea sanctions (EO 13466, EO 13551)',
    country: 'kp',
    basis: [
      instrument('EO 13466', 'executive order', '2008-06-26', OFAC_NK),
      instrument('EO 13551', 'executive order', '2010-08-30', OFAC_NK),
    ],
    measures: ofacBlocking(
      'ofac-DPRK',
      'EO 13551',
      'Blocking of property of persons engaged in arms, luxury-goods and illicit activities supporting the Government of North Korea (EO 13551, implementing UNSCR 1718 and 1874).',
    ),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NK,
  },
  {
    code: 'ofac-DPRK2',
    authority: 'US OFAC',
    name: 'North Korea sanctions (EO 13687)',
    country: 'kp',
    basis: [instrument('EO 13687', 'executive order', '2015-01-02', OFAC_NK)],
    measures: ofacBlocking(
      'ofac-DPRK2',
      'EO 13687',
      'Blocking of property of agencies, officials and controlled entities of the Government of North Korea and the Workers’ Party of Korea.',
    ),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NK,
  },
  {
    code: 'ofac-DPRK3',
    authority: 'US OFAC',
    name: 'North Korea sanctions (EO 13722)',
    country: 'kp',
    basis: [instrument('EO 13722', 'executive order', '2016-03-15', OFAC_NK)],
    measures: measures('ofac-DPRK3', [
      {
        kind: 'asset_freeze',
        description:
          'Blocking of the property of the Government of North Korea and the Workers’ Party of Korea, and designation powers by sector.',
        sources: [by('EO 13722')],
      },
      {
        kind: 'import_ban',
        description:
          'Prohibition of exports and re-exports of goods, services and technology from the United States to North Korea, and of new investment.',
        sources: [by('EO 13722')],
        direction: 'to DPRK',
      },
    ]),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NK,
  },
  {
    code: 'ofac-DPRK4',
    authority: 'US OFAC',
    name: 'North Korea sanctions (EO 13810)',
    country: 'kp',
    basis: [instrument('EO 13810', 'executive order', '2017-09-20', OFAC_NK)],
    measures: measures('ofac-DPRK4', [
      {
        kind: 'asset_freeze',
        description:
          'Blocking of persons operating in North Korean industries or trading with North Korea, including owners and operators of ports.',
        sources: [by('EO 13810')],
      },
      {
        kind: 'vessel_measure',
        description:
          'Vessels and aircraft that called at North Korea may not call at US ports or land in the United States for 180 days afterwards.',
        sources: [by('EO 13810')],
      },
      {
        kind: 'financial',
        description:
          'Secondary sanctions on foreign financial institutions conducting significant transactions for designated persons or for trade with North Korea.',
        sources: [by('EO 13810')],
      },
    ]),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NK,
  },
  {
    code: 'ofac-DPRK-NKSPEA',
    authority: 'US OFAC',
    name: 'North Korea Sanctions and Policy Enhancement Act of 2016',
    country: 'kp',
    basis: [
      instrument(
        'Public Law 114-122',
        'statute',
        '2016-02-18',
        'https://www.congress.gov/bill/114th-congress/house-bill/757',
        'North Korea Sanctions and Policy Enhancement Act of 2016',
      ),
      instrument(
        'Public Law 115-44',
        'statute',
        '2017-08-02',
        'https://www.congress.gov/bill/115th-congress/house-bill/3364',
        'Countering America’s Adversaries Through Sanctions Act (title III amends the NKSPEA)',
      ),
    ],
    measures: ofacBlocking(
      'ofac-DPRK-NKSPEA',
      'Public Law 114-122',
      'Mandatory and discretionary designation of persons contributing to North Korea’s WMD programmes, arms trade, human-rights abuses, cyber activity and listed trades, with blocking of their property.',
    ),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NK,
  },
  {
    code: 'ofac-NPWMD',
    authority: 'US OFAC',
    name: 'Non-Proliferation: Weapons of Mass Destruction Proliferators and their Supporters (EO 13382)',
    basis: [instrument('EO 13382', 'executive order', '2005-06-28', OFAC_NP)],
    measures: ofacBlocking(
      'ofac-NPWMD',
      'EO 13382',
      'Blocking of property of proliferators of weapons of mass destruction and their delivery systems, and of their supporters (used for many DPRK and Iran designations).',
    ),
    related: ['un-dprk'],
    status: 'active',
    url: OFAC_NP,
  },
];

const EU_DECISION = 'Decision (CFSP) 2016/849';
const EU_REGULATION = 'Regulation (EU) 2017/1509';

export const EU_REGIMES: Regime[] = [
  {
    code: 'eu-PRK',
    authority: 'EU',
    name: 'Restrictive measures against the Democratic People’s Republic of Korea',
    country: 'kp',
    basis: [
      instrument(
        EU_DECISION,
        'decision',
        '2016-05-27',
        'https://eur-lex.europa.eu/eli/dec/2016/849/oj',
        'Council Decision (CFSP) 2016/849 concerning restrictive measures against the DPRK',
      ),
      instrument(
        EU_REGULATION,
        'regulation',
        '2017-08-30',
        'https://eur-lex.europa.eu/eli/reg/2017/1509/oj',
        'Council Regulation (EU) 2017/1509 concerning restrictive measures against the DPRK',
      ),
    ],
    measures: measures('eu-PRK', [
      {
        kind: 'arms_embargo',
        title: 'Export and import restrictions (arms, dual-use, listed goods)',
        description:
          'Prohibition of supply of arms, dual-use and listed items to the DPRK and of their procurement from it.',
        sources: [by(EU_DECISION, ['Art. 1'], true), by(EU_REGULATION)],
        direction: 'to and from DPRK',
      },
      {
        kind: 'travel_ban',
        description: 'Restrictions on admission of persons listed in the annexes.',
        sources: [by(EU_DECISION, ['Art. 23'], true)],
      },
      {
        kind: 'asset_freeze',
        description:
          'Freezing of funds and economic resources of persons and entities listed in the annexes.',
        sources: [by(EU_DECISION, ['Art. 27'], true), by(EU_REGULATION)],
      },
      {
        kind: 'vessel_measure',
        description: 'Port-entry and other measures on vessels listed in annexes IV and VI.',
        sources: [by(EU_DECISION, ['Art. 18a', 'Art. 18b'], true)],
      },
      {
        kind: 'financial',
        description: 'Restrictions on financial support for trade, investment and the financial sector.',
        sources: [by(EU_DECISION), by(EU_REGULATION)],
      },
    ]),
    related: ['un-dprk'],
    status: 'active',
    url: 'https://www.sanctionsmap.eu/#/main/details/26/',
    notes: 'The EU implements the UN measures and adds autonomous ones, with its own lists (annexes).',
  },
];

const UK_SI = 'SI 2019/411';

export const UK_REGIMES: Regime[] = [
  {
    code: 'uk-dprk',
    authority: 'UK',
    name: 'Democratic People’s Republic of Korea sanctions',
    country: 'kp',
    basis: [
      instrument(
        UK_SI,
        'statutory instrument',
        '2019-03-05',
        'https://www.legislation.gov.uk/uksi/2019/411',
        'The Democratic People’s Republic of Korea (Sanctions) (EU Exit) Regulations 2019',
      ),
    ],
    measures: measures('uk-dprk', [
      {
        kind: 'asset_freeze',
        description:
          'Asset freeze on designated persons and prohibitions on making funds or economic resources available.',
        sources: [by(UK_SI, ['13', '14', '15', '16', '17'], true)],
      },
      {
        kind: 'travel_ban',
        description: 'Immigration: designated persons are excluded.',
        sources: [by(UK_SI, ['34'], true)],
      },
      {
        kind: 'arms_embargo',
        title: 'Goods and technology for the armed forces of the DPRK',
        description:
          'Export of goods to, or for the benefit of, the armed forces of the DPRK is prohibited, as is supply from third countries.',
        sources: [by(UK_SI, ['43'], true)],
        direction: 'to DPRK',
      },
      {
        kind: 'vessel_measure',
        description:
          'Specification of ships; bans on leasing or chartering ships and aircraft and on crew services for designated persons; port-entry ban and movement directions for specified ships.',
        sources: [by(UK_SI, ['11', '58', '59', '71', '73'], true)],
      },
    ]),
    related: ['un-dprk'],
    status: 'active',
    url: 'https://www.gov.uk/government/collections/uk-sanctions-on-the-democratic-peoples-republic-of-korea',
    notes:
      'Made 5 March 2019; most prohibitions came into force on 31 December 2020 (end of the Brexit implementation period). Regulation numbers are those of the made version.',
  },
];
