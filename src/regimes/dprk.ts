import type { Citation, LegalInstrument, Measure, Regime } from './types.ts';

/*
 * The UN DPRK (1718) regime. Paragraph numbers marked `verified: true` were matched against text that
 * quotes the operative paragraph with its number (UN 1718 Committee pages, unsanctionsapp.com quotations of
 * the resolutions, the resolutions' own cross-references such as 2397 op 8 citing "paragraph 17 of
 * resolution 2375"); the others follow secondary summaries and must be checked against the resolution text
 * before being quoted. See README.md.
 */

const UNDOCS = 'https://undocs.org/';

function resolution(number: number, year: number, date: string, title: string): LegalInstrument {
  const symbol = `S/RES/${number} (${year})`;
  return { symbol, type: 'resolution', title, date, url: `${UNDOCS}S/RES/${number}(${year})` };
}

export const DPRK_RESOLUTIONS: LegalInstrument[] = [
  resolution(
    1718,
    2006,
    '2006-10-14',
    'Non-proliferation/Democratic People’s Republic of Korea (after the first nuclear test)',
  ),
  resolution(
    1874,
    2009,
    '2009-06-12',
    'Non-proliferation/DPRK (after the second nuclear test; Panel of Experts)',
  ),
  resolution(2087, 2013, '2013-01-22', 'Non-proliferation/DPRK (after the December 2012 satellite launch)'),
  resolution(2094, 2013, '2013-03-07', 'Non-proliferation/DPRK (after the third nuclear test)'),
  resolution(2270, 2016, '2016-03-02', 'Non-proliferation/DPRK (after the fourth nuclear test)'),
  resolution(2321, 2016, '2016-11-30', 'Non-proliferation/DPRK (after the fifth nuclear test)'),
  resolution(2356, 2017, '2017-06-02', 'Non-proliferation/DPRK (designations)'),
  resolution(2371, 2017, '2017-08-05', 'Non-proliferation/DPRK (after the July 2017 ICBM launches)'),
  resolution(2375, 2017, '2017-09-11', 'Non-proliferation/DPRK (after the sixth nuclear test)'),
  resolution(2397, 2017, '2017-12-22', 'Non-proliferation/DPRK (after the November 2017 ICBM launch)'),
];

function cite(instrument: string, paragraphs: string[], verified: boolean, note?: string): Citation {
  return note === undefined
    ? { instrument, paragraphs, verified }
    : { instrument, paragraphs, verified, note };
}

const R1718 = 'S/RES/1718 (2006)';
const R1874 = 'S/RES/1874 (2009)';
const R2087 = 'S/RES/2087 (2013)';
const R2094 = 'S/RES/2094 (2013)';
const R2270 = 'S/RES/2270 (2016)';
const R2321 = 'S/RES/2321 (2016)';
const R2356 = 'S/RES/2356 (2017)';
const R2371 = 'S/RES/2371 (2017)';
const R2375 = 'S/RES/2375 (2017)';
const R2397 = 'S/RES/2397 (2017)';

const UNVERIFIED = 'paragraph number from secondary summaries; check against the resolution text';

export const DPRK_MEASURES: Measure[] = [
  {
    id: 'un-dprk-arms-embargo',
    kind: 'arms_embargo',
    title: 'Arms embargo',
    description:
      'No supply, sale or transfer to the DPRK of major conventional weapons (1718) and then of all arms and related materiel; the DPRK may not export arms and States must prohibit procuring them from it. 1874 exempted small arms and light weapons supplied to the DPRK (with notification); 2270 removed that exemption.',
    direction: 'to and from DPRK',
    sources: [
      cite(R1718, ['8(a)(i)', '8(b)'], true),
      cite(R1874, ['9', '10'], true),
      cite(R2270, ['6'], false, UNVERIFIED),
    ],
  },
  {
    id: 'un-dprk-wmd-items',
    kind: 'other',
    title: 'Nuclear, ballistic-missile and other WMD-related items',
    description:
      'No supply to, or procurement from, the DPRK of items, materials, equipment, goods and technology that could contribute to its nuclear, ballistic-missile or other WMD programmes (lists S/2006/814, S/2006/815, S/2006/853 and later Committee lists), nor related technical training, advice, services or assistance.',
    direction: 'to and from DPRK',
    sources: [cite(R1718, ['8(a)(ii)', '8(b)', '8(c)'], true), cite(R1874, ['23'], true)],
  },
  {
    id: 'un-dprk-luxury-goods',
    kind: 'luxury_goods',
    title: 'Luxury goods ban',
    description:
      'No supply of luxury goods to the DPRK. 1718 left "luxury goods" undefined; 2094 annex IV gave a minimum list (jewellery, yachts, luxury automobiles, racing cars, ...), later resolutions added items.',
    direction: 'to DPRK',
    sources: [cite(R1718, ['8(a)(iii)'], true), cite(R2094, ['23'], false, `${UNVERIFIED} (annex IV list)`)],
  },
  {
    id: 'un-dprk-asset-freeze',
    kind: 'asset_freeze',
    title: 'Asset freeze on designated persons and entities',
    description:
      'Freeze of funds, financial assets and economic resources of persons and entities designated by the Committee or the Council as engaged in or supporting the DPRK’s nuclear, WMD or ballistic-missile programmes, and of those acting on their behalf; 2270 extended it to Government of the DPRK and Workers’ Party of Korea entities associated with the programmes.',
    sources: [cite(R1718, ['8(d)'], true), cite(R2270, ['32'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-travel-ban',
    kind: 'travel_ban',
    title: 'Travel ban on designated individuals',
    description:
      'States prevent the entry into or transit through their territories of designated individuals and their family members; 2321 asked States to restrict travel of DPRK government officials and armed-forces members associated with the programmes.',
    sources: [cite(R1718, ['8(e)'], true), cite(R2321, ['15'], true)],
  },
  {
    id: 'un-dprk-designations',
    kind: 'asset_freeze',
    title: 'Designations made by resolution',
    description:
      'Several resolutions designate individuals and entities directly in their annexes (asset freeze and travel ban): 2087, 2094, 2270, 2321, 2356 (14 individuals, 4 entities), 2371 (9 individuals, 4 entities), 2375 and 2397 (16 individuals, 1 entity).',
    sources: [
      cite(R2087, ['5'], false, UNVERIFIED),
      cite(R2356, ['3', '4'], false, UNVERIFIED),
      cite(R2397, ['3'], false, UNVERIFIED),
    ],
  },
  {
    id: 'un-dprk-cargo-inspection',
    kind: 'vessel_measure',
    title: 'Cargo inspection',
    description:
      'States inspect cargo to and from the DPRK in their territory (seaports, airports, free trade zones; from 2270 all such cargo; 2321 adds rail and road cargo and personal and checked baggage) and, with flag-State consent, vessels on the high seas; a flag State that refuses must direct the vessel to port for inspection; vessels refusing inspection are denied port entry; prohibited items are seized and disposed of.',
    direction: 'to and from DPRK',
    sources: [
      cite(R1874, ['11'], false, UNVERIFIED),
      cite(R1874, ['12'], true),
      cite(R2094, ['17'], true),
      cite(R2270, ['18'], true),
      cite(R2321, ['13', '21'], true),
      cite(R2375, ['7', '8'], true),
    ],
  },
  {
    id: 'un-dprk-bunkering-ban',
    kind: 'vessel_measure',
    title: 'Bunkering ban for DPRK vessels carrying prohibited items',
    description:
      'No bunkering (fuel, supplies) or other servicing of DPRK vessels reasonably believed to carry prohibited items, unless needed for humanitarian purposes or until the cargo has been inspected.',
    sources: [cite(R1874, ['17'], true)],
  },
  {
    id: 'un-dprk-vessel-leasing-crew',
    kind: 'vessel_measure',
    title: 'Leasing, chartering and crew services',
    description:
      'States prohibit leasing or chartering their flagged vessels or aircraft, or providing crew services, to the DPRK (2270, without exception from 2321), and procuring vessel and aircraft crew services from the DPRK (2321).',
    sources: [cite(R2270, ['19'], true), cite(R2321, ['8', '23'], true)],
  },
  {
    id: 'un-dprk-vessel-registration',
    kind: 'vessel_measure',
    title: 'De-registration and flagging of DPRK vessels',
    description:
      'States de-register vessels owned, controlled or operated by the DPRK and do not register vessels de-registered by another State (2270); their nationals may not register vessels in the DPRK, obtain authorisation to use the DPRK flag, or own, lease, operate, classify, certify or insure DPRK-flagged vessels (2321).',
    sources: [cite(R2270, ['20'], false, UNVERIFIED), cite(R2321, ['9'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-designated-vessels',
    kind: 'vessel_measure',
    title: 'Measures on vessels designated by the Committee',
    description:
      'The Committee may designate vessels related to prohibited programmes or activities and require de-flagging by the flag State, direction to a port identified by the Committee, a port-entry ban, and the asset freeze (2321); 2371 extended designation to vessels transporting prohibited items and made port-entry bans apply to them.',
    sources: [cite(R2321, ['12'], true), cite(R2371, ['6'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-vessel-seizure',
    kind: 'vessel_measure',
    title: 'Seizure, inspection and freezing of vessels in port',
    description:
      'States seize, inspect and freeze (impound) any vessel in their ports, and may do so in their territorial waters, if there are reasonable grounds to believe it was involved in prohibited activities or transport of prohibited items (e.g. ship-to-ship transfers of coal or petroleum).',
    sources: [
      cite(
        R2397,
        ['9'],
        false,
        'the US fact sheet on 2397 puts the maritime measures in operative paragraphs 9-15',
      ),
    ],
  },
  {
    id: 'un-dprk-ship-to-ship-ban',
    kind: 'vessel_measure',
    title: 'Ban on ship-to-ship transfers with DPRK-flagged vessels',
    description:
      'States prohibit their nationals, persons and entities in their jurisdiction and vessels flying their flag from facilitating or engaging in ship-to-ship transfers to or from DPRK-flagged vessels of any goods being supplied, sold or transferred to or from the DPRK.',
    direction: 'to and from DPRK',
    sources: [cite(R2375, ['11'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-coal-export-cap',
    kind: 'cap',
    title: 'Coal export cap (2017)',
    description:
      'From 1 January 2017, DPRK coal exports capped per calendar year at US$ 400,870,018 or 7,500,000 metric tons, whichever is lower, with Committee reporting; replaced by the full ban of 2371.',
    direction: 'from DPRK',
    commodities: ['coal'],
    cap: {
      quantity: 7_500_000,
      unit: 'metric tons',
      period: 'calendar year',
      periodStart: '2017-01-01',
      alternative: { quantity: 400_870_018, unit: 'USD' },
    },
    sources: [cite(R2321, ['26'], false, UNVERIFIED)],
    supersededBy: 'un-dprk-coal-iron-export-ban',
  },
  {
    id: 'un-dprk-coal-iron-export-ban',
    kind: 'export_ban',
    title: 'Coal, iron and iron ore export ban',
    description:
      'The DPRK shall not supply coal, iron or iron ore, and States prohibit procuring them. 2270 allowed livelihood trade and transit of foreign coal via Rajin; 2321 capped coal; 2371 made the ban total (except coal of non-DPRK origin shipped through Rajin under the Rajin-Khasan project).',
    direction: 'from DPRK',
    commodities: ['coal', 'iron', 'iron ore'],
    sources: [cite(R2270, ['29'], false, UNVERIFIED), cite(R2371, ['8'], true)],
  },
  {
    id: 'un-dprk-minerals-export-ban',
    kind: 'export_ban',
    title: 'Gold, titanium, vanadium, rare earths, copper, nickel, silver, zinc export ban',
    description:
      'The DPRK shall not supply gold, titanium ore, vanadium ore and rare earth minerals (2270) nor copper, nickel, silver and zinc (2321); States prohibit procuring them.',
    direction: 'from DPRK',
    commodities: [
      'gold',
      'titanium ore',
      'vanadium ore',
      'rare earth minerals',
      'copper',
      'nickel',
      'silver',
      'zinc',
    ],
    sources: [cite(R2270, ['30'], false, UNVERIFIED), cite(R2321, ['28'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-seafood-export-ban',
    kind: 'export_ban',
    title: 'Seafood export ban',
    description:
      'The DPRK shall not supply seafood (including fish, crustaceans, mollusks and other aquatic invertebrates in all forms); States prohibit procuring it.',
    direction: 'from DPRK',
    commodities: ['seafood', 'fish', 'crustaceans', 'mollusks', 'other aquatic invertebrates'],
    sources: [cite(R2371, ['9'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-lead-export-ban',
    kind: 'export_ban',
    title: 'Lead and lead ore export ban',
    description: 'The DPRK shall not supply lead or lead ore; States prohibit procuring them.',
    direction: 'from DPRK',
    commodities: ['lead', 'lead ore'],
    sources: [cite(R2371, ['10'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-textiles-export-ban',
    kind: 'export_ban',
    title: 'Textiles export ban',
    description:
      'The DPRK shall not supply textiles (including but not limited to fabrics and partially or fully completed apparel products); States prohibit procuring them.',
    direction: 'from DPRK',
    commodities: ['textiles', 'fabrics', 'apparel'],
    sources: [cite(R2375, ['16'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-sectoral-export-ban-2397',
    kind: 'export_ban',
    title:
      'Food, agricultural products, machinery, electrical equipment, earth and stone, wood and vessels export ban',
    description:
      'The DPRK shall not supply food and agricultural products, machinery, electrical equipment, earth and stone including magnesite and magnesia, wood, or vessels; States prohibit procuring them.',
    direction: 'from DPRK',
    commodities: [
      'food and agricultural products (HS 12, 08, 07)',
      'machinery (HS 84)',
      'electrical equipment (HS 85)',
      'earth and stone including magnesite and magnesia (HS 25)',
      'wood (HS 44)',
      'vessels (HS 89)',
    ],
    hsChapters: ['07', '08', '12', '25', '44', '84', '85', '89'],
    sources: [cite(R2397, ['6'], true)],
  },
  {
    id: 'un-dprk-fishing-rights',
    kind: 'export_ban',
    title: 'Ban on selling or transferring fishing rights',
    description: 'The DPRK shall not sell or transfer, directly or indirectly, fishing rights.',
    direction: 'from DPRK',
    sources: [
      cite(
        R2397,
        ['6'],
        false,
        'the 1718 Committee summary lists it with the sectoral export ban of 2397; paragraph not confirmed',
      ),
    ],
  },
  {
    id: 'un-dprk-industrial-import-ban',
    kind: 'import_ban',
    title: 'Industrial machinery, transportation vehicles, iron, steel and other metals supply ban',
    description:
      'States prevent the supply to the DPRK of all industrial machinery, transportation vehicles, and iron, steel and other metals, except spare parts for DPRK commercial civil passenger aircraft currently in use.',
    direction: 'to DPRK',
    commodities: [
      'industrial machinery (HS 84, 85)',
      'transportation vehicles (HS 86-89)',
      'iron, steel and other metals (HS 72-83)',
    ],
    hsChapters: [
      '72',
      '73',
      '74',
      '75',
      '76',
      '78',
      '79',
      '80',
      '81',
      '82',
      '83',
      '84',
      '85',
      '86',
      '87',
      '88',
      '89',
    ],
    sources: [cite(R2397, ['7'], false, `${UNVERIFIED}; HS chapter ranges also from summaries`)],
  },
  {
    id: 'un-dprk-vessels-helicopters-supply-ban',
    kind: 'import_ban',
    title: 'New helicopters and new or used vessels supply ban',
    description:
      'States prevent the supply to the DPRK of new helicopters and vessels (2321), then of any new or used vessels (2397), unless approved by the Committee.',
    direction: 'to DPRK',
    commodities: ['helicopters', 'vessels'],
    sources: [cite(R2321, ['30'], true), cite(R2397, ['14'], true)],
  },
  {
    id: 'un-dprk-condensates-ngl-ban',
    kind: 'import_ban',
    title: 'Condensates and natural gas liquids supply ban',
    description:
      'States prevent the supply, sale or transfer to the DPRK of all condensates and natural gas liquids.',
    direction: 'to DPRK',
    commodities: ['condensates', 'natural gas liquids'],
    sources: [cite(R2375, ['13'], false, UNVERIFIED)],
  },
  {
    id: 'un-dprk-refined-petroleum-cap-2018',
    kind: 'cap',
    title: 'Refined petroleum cap of 2 million barrels (2375)',
    description:
      'Refined petroleum products supplied to the DPRK limited to 500,000 barrels for 1 October-31 December 2017 and 2,000,000 barrels a year from 1 January 2018, with reporting to the Committee; reduced by 2397.',
    direction: 'to DPRK',
    commodities: ['refined petroleum products'],
    cap: { quantity: 2_000_000, unit: 'barrels', period: 'calendar year', periodStart: '2018-01-01' },
    sources: [cite(R2375, ['14'], false, UNVERIFIED)],
    supersededBy: 'un-dprk-refined-petroleum-cap',
  },
  {
    id: 'un-dprk-refined-petroleum-cap',
    kind: 'cap',
    title: 'Refined petroleum cap of 500,000 barrels a year',
    description:
      'The aggregate supply of all refined petroleum products, including diesel and kerosene, to the DPRK may not exceed 500,000 barrels for the twelve months from 1 January 2018 and each twelve months after; supplying States report each delivery to the Committee, which publishes the running total and tells States when the cap is being approached.',
    direction: 'to DPRK',
    commodities: ['refined petroleum products', 'diesel', 'kerosene'],
    cap: { quantity: 500_000, unit: 'barrels', period: 'calendar year', periodStart: '2018-01-01' },
    sources: [cite(R2397, ['5'], true)],
  },
  {
    id: 'un-dprk-crude-oil-freeze-2017',
    kind: 'cap',
    title: 'Crude oil freeze at previous twelve months (2375)',
    description:
      'Crude oil supplied to the DPRK in the twelve months from 11 September 2017 may not exceed the amount supplied in the twelve months before; replaced by the fixed cap of 2397.',
    direction: 'to DPRK',
    commodities: ['crude oil'],
    sources: [cite(R2375, ['15'], false, UNVERIFIED)],
    supersededBy: 'un-dprk-crude-oil-cap',
  },
  {
    id: 'un-dprk-crude-oil-cap',
    kind: 'cap',
    title: 'Crude oil cap of 4 million barrels or 525,000 tons a year',
    description:
      'Crude oil supplied to the DPRK may not exceed 4 million barrels or 525,000 tons in aggregate per twelve months from 22 December 2017; supplying States report to the Committee every 90 days.',
    direction: 'to DPRK',
    commodities: ['crude oil'],
    cap: {
      quantity: 4_000_000,
      unit: 'barrels',
      period: 'twelve months',
      periodStart: '2017-12-22',
      alternative: { quantity: 525_000, unit: 'tons' },
    },
    sources: [cite(R2397, ['4'], true)],
  },
  {
    id: 'un-dprk-work-authorizations',
    kind: 'workers',
    title: 'No new work authorizations for DPRK nationals',
    description:
      'States may not increase the number of work authorizations for DPRK nationals (2371), then may not provide any, except for written contracts concluded before 11 September 2017 (2375).',
    sources: [cite(R2371, ['11'], false, UNVERIFIED), cite(R2375, ['17'], true)],
  },
  {
    id: 'un-dprk-workers-repatriation',
    kind: 'workers',
    title: 'Repatriation of DPRK nationals earning income abroad',
    description:
      'States repatriate all DPRK nationals earning income in their jurisdiction, and DPRK government safety oversight attachés monitoring them, immediately and no later than 24 months from 22 December 2017 (i.e. by 22 December 2019), subject to national and international law including refugee and human-rights law; interim report at 15 months, final report at 27 months.',
    sources: [cite(R2397, ['8'], true)],
  },
  {
    id: 'un-dprk-joint-ventures',
    kind: 'financial',
    title: 'Joint ventures and cooperative entities',
    description:
      'No new joint ventures or cooperative entities with DPRK entities or individuals and no expansion by additional investment (2371); all existing ones to be closed within 120 days unless approved by the Committee, with exceptions for China-DPRK hydroelectric infrastructure and the Rajin-Khasan port and rail project (2375).',
    sources: [cite(R2371, ['12'], false, UNVERIFIED), cite(R2375, ['18'], true)],
  },
  {
    id: 'un-dprk-financial-services',
    kind: 'financial',
    title: 'Financial services and support for trade',
    description:
      'States prevent financial services, transfers of financial or other assets (including bulk cash) that could contribute to the programmes (2094), and prohibit public and private financial support for trade with the DPRK such as export credits, guarantees or insurance, unless approved by the Committee (2321).',
    sources: [cite(R2094, ['11'], true), cite(R2321, ['32'], true)],
  },
];

export const UN_DPRK: Regime = {
  code: 'un-dprk',
  authority: 'UN Security Council',
  name: 'Democratic People’s Republic of Korea (1718) sanctions',
  country: 'kp',
  committee: 'Security Council Committee established pursuant to resolution 1718 (2006)',
  basis: DPRK_RESOLUTIONS,
  measures: DPRK_MEASURES,
  related: [
    'ofac-DPRK',
    'ofac-DPRK2',
    'ofac-DPRK3',
    'ofac-DPRK4',
    'ofac-DPRK-NKSPEA',
    'ofac-NPWMD',
    'eu-PRK',
    'uk-dprk',
  ],
  status: 'active',
  url: 'https://main.un.org/securitycouncil/en/sanctions/1718',
  notes:
    'The Panel of Experts (established by 1874) lapsed on 30 April 2024 after a veto on 28 March 2024; the measures themselves remain in force.',
};
