/**
 * MMSI (Maritime Mobile Service Identity) structure and the flag state it encodes.
 *
 * An MMSI is 9 digits (ITU-R M.585). Where the MID (Maritime Identification Digits, 3 digits, first digit 2–7)
 * sits depends on the kind of station:
 *   MIDxxxxxx  ship station            0MIDxxxxx  group of ship stations     00MIDxxxx  coast station
 *   111MIDxxx  SAR aircraft            99MIDxxxx  aid to navigation          98MIDxxxx  craft associated
 *   8MIDxxxxx  handheld VHF (DSC/GNSS) 970xxyyyy  AIS-SART                   972xxyyyy  man overboard device
 *   974xxyyyy  EPIRB-AIS               979xxyyyy  autonomous maritime radio device (AMRD group B, M.585-9)
 * AIS carries the MMSI as a 30-bit integer, so leading zeros are implicit: 2111234 is the coast station
 * 002111234. The 97x devices carry a manufacturer id, not a MID, so they have no flag.
 *
 * The MID says which administration assigned the MMSI, i.e. the flag state the ship claims on the air. It is
 * whatever the transponder was programmed with: sanctions evasion includes false flags and MMSIs with
 * unallocated MIDs, so a ship MMSI with an unallocated MID stays class 'ship' (detectors must still see it)
 * with no flag and an 'unallocated_mid' warning rather than becoming 'invalid'.
 */

export type MmsiClass =
  | 'ship'
  | 'group'
  | 'coast_station'
  | 'sar_aircraft'
  | 'aton'
  | 'auxiliary_craft'
  | 'handheld'
  | 'sart'
  | 'mob'
  | 'epirb'
  | 'amrd'
  | 'invalid';

export interface MmsiFlag {
  /** The Maritime Identification Digits, 201–775. */
  mid: number;
  /** ISO 3166-1 alpha-2, lowercase (territories with their own code get it: 477 → 'hk', 331 → 'gl'). */
  country: string;
  /** The administration or territory as the ITU table names it. */
  name: string;
}

/**
 * ITU Maritime Identification Digits: [MIDs, alpha-2, ITU name].
 *
 * Source: ITU "Table of Maritime Identification Digits" (MARS, itu.int/en/ITU-R/terrestrial/fmd/Pages/mid.aspx;
 * Appendix 43 of the Radio Regulations, assignments per ITU-R M.585-9), as of 2024. Names follow the ITU's
 * country designations, territories as "Administration - Territory". Cross-checked against two independent
 * public transcriptions of the ITU list. Newest allocations included: 374 Panama, 443 State of Palestine,
 * 550 Timor-Leste, 638 South Sudan. Deliberate choices where the ITU entry is not one ISO code:
 *   306 (Curaçao, Sint Maarten, Bonaire/Sint Eustatius/Saba) → 'cw', the register behind most of its ships;
 *   501 Adélie Land, 607 St Paul & Amsterdam, 618 Crozet, 635 Kerguelen → 'tf' (French Southern Territories);
 *   608 Ascension Island → 'sh' (ISO's Saint Helena, Ascension and Tristan da Cunha).
 */
const MID_TABLE: readonly (readonly [readonly number[], string, string])[] = [
  [[201], 'al', 'Albania (Republic of)'],
  [[202], 'ad', 'Andorra (Principality of)'],
  [[203], 'at', 'Austria'],
  [[204], 'pt', 'Portugal - Azores'],
  [[205], 'be', 'Belgium'],
  [[206], 'by', 'Belarus (Republic of)'],
  [[207], 'bg', 'Bulgaria (Republic of)'],
  [[208], 'va', 'Vatican City State'],
  [[209, 210, 212], 'cy', 'Cyprus (Republic of)'],
  [[211, 218], 'de', 'Germany (Federal Republic of)'],
  [[213], 'ge', 'Georgia'],
  [[214], 'md', 'Moldova (Republic of)'],
  [[215, 229, 248, 249, 256], 'mt', 'Malta'],
  [[216], 'am', 'Armenia (Republic of)'],
  [[219, 220], 'dk', 'Denmark'],
  [[224, 225], 'es', 'Spain'],
  [[226, 227, 228], 'fr', 'France'],
  [[230], 'fi', 'Finland'],
  [[231], 'fo', 'Denmark - Faroe Islands'],
  [[232, 233, 234, 235], 'gb', 'United Kingdom of Great Britain and Northern Ireland'],
  [[236], 'gi', 'United Kingdom of Great Britain and Northern Ireland - Gibraltar'],
  [[237, 239, 240, 241], 'gr', 'Greece'],
  [[238], 'hr', 'Croatia (Republic of)'],
  [[242], 'ma', 'Morocco (Kingdom of)'],
  [[243], 'hu', 'Hungary'],
  [[244, 245, 246], 'nl', 'Netherlands (Kingdom of the)'],
  [[247], 'it', 'Italy'],
  [[250], 'ie', 'Ireland'],
  [[251], 'is', 'Iceland'],
  [[252], 'li', 'Liechtenstein (Principality of)'],
  [[253], 'lu', 'Luxembourg'],
  [[254], 'mc', 'Monaco (Principality of)'],
  [[255], 'pt', 'Portugal - Madeira'],
  [[257, 258, 259], 'no', 'Norway'],
  [[261], 'pl', 'Poland (Republic of)'],
  [[262], 'me', 'Montenegro'],
  [[263], 'pt', 'Portugal'],
  [[264], 'ro', 'Romania'],
  [[265, 266], 'se', 'Sweden'],
  [[267], 'sk', 'Slovak Republic'],
  [[268], 'sm', 'San Marino (Republic of)'],
  [[269], 'ch', 'Switzerland (Confederation of)'],
  [[270], 'cz', 'Czech Republic'],
  [[271], 'tr', 'Türkiye (Republic of)'],
  [[272], 'ua', 'Ukraine'],
  [[273], 'ru', 'Russian Federation'],
  [[274], 'mk', 'North Macedonia (Republic of)'],
  [[275], 'lv', 'Latvia (Republic of)'],
  [[276], 'ee', 'Estonia (Republic of)'],
  [[277], 'lt', 'Lithuania (Republic of)'],
  [[278], 'si', 'Slovenia (Republic of)'],
  [[279], 'rs', 'Serbia (Republic of)'],
  [[301], 'ai', 'United Kingdom of Great Britain and Northern Ireland - Anguilla'],
  [[303], 'us', 'United States of America - Alaska (State of)'],
  [[304, 305], 'ag', 'Antigua and Barbuda'],
  [
    [306],
    'cw',
    'Netherlands (Kingdom of the) - Curaçao, Sint Maarten (Dutch part), Bonaire, Sint Eustatius and Saba',
  ],
  [[307], 'aw', 'Netherlands (Kingdom of the) - Aruba'],
  [[308, 309, 311], 'bs', 'Bahamas (Commonwealth of the)'],
  [[310], 'bm', 'United Kingdom of Great Britain and Northern Ireland - Bermuda'],
  [[312], 'bz', 'Belize'],
  [[314], 'bb', 'Barbados'],
  [[316], 'ca', 'Canada'],
  [[319], 'ky', 'United Kingdom of Great Britain and Northern Ireland - Cayman Islands'],
  [[321], 'cr', 'Costa Rica'],
  [[323], 'cu', 'Cuba'],
  [[325], 'dm', 'Dominica (Commonwealth of)'],
  [[327], 'do', 'Dominican Republic'],
  [[329], 'gp', 'France - Guadeloupe (French Department of)'],
  [[330], 'gd', 'Grenada'],
  [[331], 'gl', 'Denmark - Greenland'],
  [[332], 'gt', 'Guatemala (Republic of)'],
  [[334], 'hn', 'Honduras (Republic of)'],
  [[336], 'ht', 'Haiti (Republic of)'],
  [[338, 366, 367, 368, 369], 'us', 'United States of America'],
  [[339], 'jm', 'Jamaica'],
  [[341], 'kn', 'Saint Kitts and Nevis (Federation of)'],
  [[343], 'lc', 'Saint Lucia'],
  [[345], 'mx', 'Mexico'],
  [[347], 'mq', 'France - Martinique (French Department of)'],
  [[348], 'ms', 'United Kingdom of Great Britain and Northern Ireland - Montserrat'],
  [[350], 'ni', 'Nicaragua'],
  [[351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373, 374], 'pa', 'Panama (Republic of)'],
  [[358], 'pr', 'United States of America - Puerto Rico'],
  [[359], 'sv', 'El Salvador (Republic of)'],
  [[361], 'pm', 'France - Saint Pierre and Miquelon (Territorial Collectivity of)'],
  [[362], 'tt', 'Trinidad and Tobago'],
  [[364], 'tc', 'United Kingdom of Great Britain and Northern Ireland - Turks and Caicos Islands'],
  [[375, 376, 377], 'vc', 'Saint Vincent and the Grenadines'],
  [[378], 'vg', 'United Kingdom of Great Britain and Northern Ireland - British Virgin Islands'],
  [[379], 'vi', 'United States of America - United States Virgin Islands'],
  [[401], 'af', 'Afghanistan'],
  [[403], 'sa', 'Saudi Arabia (Kingdom of)'],
  [[405], 'bd', "Bangladesh (People's Republic of)"],
  [[408], 'bh', 'Bahrain (Kingdom of)'],
  [[410], 'bt', 'Bhutan (Kingdom of)'],
  [[412, 413, 414], 'cn', "China (People's Republic of)"],
  [[416], 'tw', "China (People's Republic of) - Taiwan (Province of China)"],
  [[417], 'lk', 'Sri Lanka (Democratic Socialist Republic of)'],
  [[419], 'in', 'India (Republic of)'],
  [[422], 'ir', 'Iran (Islamic Republic of)'],
  [[423], 'az', 'Azerbaijan (Republic of)'],
  [[425], 'iq', 'Iraq (Republic of)'],
  [[428], 'il', 'Israel (State of)'],
  [[431, 432], 'jp', 'Japan'],
  [[434], 'tm', 'Turkmenistan'],
  [[436], 'kz', 'Kazakhstan (Republic of)'],
  [[437], 'uz', 'Uzbekistan (Republic of)'],
  [[438], 'jo', 'Jordan (Hashemite Kingdom of)'],
  [[440, 441], 'kr', 'Korea (Republic of)'],
  [[443], 'ps', 'State of Palestine (In accordance with Resolution 99 (Rev. Dubai, 2018))'],
  [[445], 'kp', "Democratic People's Republic of Korea"],
  [[447], 'kw', 'Kuwait (State of)'],
  [[450], 'lb', 'Lebanon'],
  [[451], 'kg', 'Kyrgyz Republic'],
  [[453], 'mo', "China (People's Republic of) - Macao (Special Administrative Region of China)"],
  [[455], 'mv', 'Maldives (Republic of)'],
  [[457], 'mn', 'Mongolia'],
  [[459], 'np', 'Nepal (Federal Democratic Republic of)'],
  [[461], 'om', 'Oman (Sultanate of)'],
  [[463], 'pk', 'Pakistan (Islamic Republic of)'],
  [[466], 'qa', 'Qatar (State of)'],
  [[468], 'sy', 'Syrian Arab Republic'],
  [[470, 471], 'ae', 'United Arab Emirates'],
  [[472], 'tj', 'Tajikistan (Republic of)'],
  [[473, 475], 'ye', 'Yemen (Republic of)'],
  [[477], 'hk', "China (People's Republic of) - Hong Kong (Special Administrative Region of China)"],
  [[478], 'ba', 'Bosnia and Herzegovina'],
  [[501], 'tf', 'France - Adelie Land'],
  [[503], 'au', 'Australia'],
  [[506], 'mm', 'Myanmar (Union of)'],
  [[508], 'bn', 'Brunei Darussalam'],
  [[510], 'fm', 'Micronesia (Federated States of)'],
  [[511], 'pw', 'Palau (Republic of)'],
  [[512], 'nz', 'New Zealand'],
  [[514, 515], 'kh', 'Cambodia (Kingdom of)'],
  [[516], 'cx', 'Australia - Christmas Island (Indian Ocean)'],
  [[518], 'ck', 'New Zealand - Cook Islands'],
  [[520], 'fj', 'Fiji (Republic of)'],
  [[523], 'cc', 'Australia - Cocos (Keeling) Islands'],
  [[525], 'id', 'Indonesia (Republic of)'],
  [[529], 'ki', 'Kiribati (Republic of)'],
  [[531], 'la', "Lao People's Democratic Republic"],
  [[533], 'my', 'Malaysia'],
  [[536], 'mp', 'United States of America - Northern Mariana Islands (Commonwealth of the)'],
  [[538], 'mh', 'Marshall Islands (Republic of the)'],
  [[540], 'nc', 'France - New Caledonia'],
  [[542], 'nu', 'New Zealand - Niue'],
  [[544], 'nr', 'Nauru (Republic of)'],
  [[546], 'pf', 'France - French Polynesia'],
  [[548], 'ph', 'Philippines (Republic of the)'],
  [[550], 'tl', 'Timor-Leste (Democratic Republic of)'],
  [[553], 'pg', 'Papua New Guinea'],
  [[555], 'pn', 'United Kingdom of Great Britain and Northern Ireland - Pitcairn Island'],
  [[557], 'sb', 'Solomon Islands'],
  [[559], 'as', 'United States of America - American Samoa'],
  [[561], 'ws', 'Samoa (Independent State of)'],
  [[563, 564, 565, 566], 'sg', 'Singapore (Republic of)'],
  [[567], 'th', 'Thailand'],
  [[570], 'to', 'Tonga (Kingdom of)'],
  [[572], 'tv', 'Tuvalu'],
  [[574], 'vn', 'Viet Nam (Socialist Republic of)'],
  [[576, 577], 'vu', 'Vanuatu (Republic of)'],
  [[578], 'wf', 'France - Wallis and Futuna Islands'],
  [[601], 'za', 'South Africa (Republic of)'],
  [[603], 'ao', 'Angola (Republic of)'],
  [[605], 'dz', "Algeria (People's Democratic Republic of)"],
  [[607], 'tf', 'France - Saint Paul and Amsterdam Islands'],
  [[608], 'sh', 'United Kingdom of Great Britain and Northern Ireland - Ascension Island'],
  [[609], 'bi', 'Burundi (Republic of)'],
  [[610], 'bj', 'Benin (Republic of)'],
  [[611], 'bw', 'Botswana (Republic of)'],
  [[612], 'cf', 'Central African Republic'],
  [[613], 'cm', 'Cameroon (Republic of)'],
  [[615], 'cg', 'Congo (Republic of the)'],
  [[616, 620], 'km', 'Comoros (Union of the)'],
  [[617], 'cv', 'Cabo Verde (Republic of)'],
  [[618], 'tf', 'France - Crozet Archipelago'],
  [[619], 'ci', "Côte d'Ivoire (Republic of)"],
  [[621], 'dj', 'Djibouti (Republic of)'],
  [[622], 'eg', 'Egypt (Arab Republic of)'],
  [[624], 'et', 'Ethiopia (Federal Democratic Republic of)'],
  [[625], 'er', 'Eritrea'],
  [[626], 'ga', 'Gabonese Republic'],
  [[627], 'gh', 'Ghana'],
  [[629], 'gm', 'Gambia (Republic of the)'],
  [[630], 'gw', 'Guinea-Bissau (Republic of)'],
  [[631], 'gq', 'Equatorial Guinea (Republic of)'],
  [[632], 'gn', 'Guinea (Republic of)'],
  [[633], 'bf', 'Burkina Faso'],
  [[634], 'ke', 'Kenya (Republic of)'],
  [[635], 'tf', 'France - Kerguelen Islands'],
  [[636, 637], 'lr', 'Liberia (Republic of)'],
  [[638], 'ss', 'South Sudan (Republic of)'],
  [[642], 'ly', 'Libya (State of)'],
  [[644], 'ls', 'Lesotho (Kingdom of)'],
  [[645], 'mu', 'Mauritius (Republic of)'],
  [[647], 'mg', 'Madagascar (Republic of)'],
  [[649], 'ml', 'Mali (Republic of)'],
  [[650], 'mz', 'Mozambique (Republic of)'],
  [[654], 'mr', 'Mauritania (Islamic Republic of)'],
  [[655], 'mw', 'Malawi'],
  [[656], 'ne', 'Niger (Republic of the)'],
  [[657], 'ng', 'Nigeria (Federal Republic of)'],
  [[659], 'na', 'Namibia (Republic of)'],
  [[660], 're', 'France - Reunion (French Department of)'],
  [[661], 'rw', 'Rwanda (Republic of)'],
  [[662], 'sd', 'Sudan (Republic of the)'],
  [[663], 'sn', 'Senegal (Republic of)'],
  [[664], 'sc', 'Seychelles (Republic of)'],
  [[665], 'sh', 'United Kingdom of Great Britain and Northern Ireland - Saint Helena'],
  [[666], 'so', 'Somalia (Federal Republic of)'],
  [[667], 'sl', 'Sierra Leone'],
  [[668], 'st', 'Sao Tome and Principe (Democratic Republic of)'],
  [[669], 'sz', 'Eswatini (Kingdom of)'],
  [[670], 'td', 'Chad (Republic of)'],
  [[671], 'tg', 'Togolese Republic'],
  [[672], 'tn', 'Tunisia'],
  [[674, 677], 'tz', 'Tanzania (United Republic of)'],
  [[675], 'ug', 'Uganda (Republic of)'],
  [[676], 'cd', 'Democratic Republic of the Congo'],
  [[678], 'zm', 'Zambia (Republic of)'],
  [[679], 'zw', 'Zimbabwe (Republic of)'],
  [[701], 'ar', 'Argentine Republic'],
  [[710], 'br', 'Brazil (Federative Republic of)'],
  [[720], 'bo', 'Bolivia (Plurinational State of)'],
  [[725], 'cl', 'Chile'],
  [[730], 'co', 'Colombia (Republic of)'],
  [[735], 'ec', 'Ecuador'],
  [[740], 'fk', 'United Kingdom of Great Britain and Northern Ireland - Falkland Islands (Malvinas)'],
  [[745], 'gf', 'France - Guiana (French Department of)'],
  [[750], 'gy', 'Guyana'],
  [[755], 'py', 'Paraguay (Republic of)'],
  [[760], 'pe', 'Peru'],
  [[765], 'sr', 'Suriname (Republic of)'],
  [[770], 'uy', 'Uruguay (Eastern Republic of)'],
  [[775], 've', 'Venezuela (Bolivarian Republic of)'],
];

const BY_MID = new Map<number, MmsiFlag>();
for (const [mids, country, name] of MID_TABLE) {
  for (const mid of mids) BY_MID.set(mid, Object.freeze({ mid, country, name }));
}

/** Every allocated MID with its flag, ascending. */
export function allocatedMids(): MmsiFlag[] {
  return [...BY_MID.values()].sort((a, b) => a.mid - b.mid);
}

/** The flag state a MID is allocated to, or null for an unallocated MID. */
export function flagOfMid(mid: number): MmsiFlag | null {
  return BY_MID.get(mid) ?? null;
}

/** The MMSI as its 9 digits (leading zeros restored), or null when it is not an integer in 0–999999999. */
export function mmsiDigits(mmsi: number | string): string | null {
  if (typeof mmsi === 'string') {
    const s = mmsi.trim();
    if (!/^\d{1,9}$/.test(s)) return null;
    return s.padStart(9, '0');
  }
  if (!Number.isInteger(mmsi) || mmsi < 0 || mmsi > 999_999_999) return null;
  return String(mmsi).padStart(9, '0');
}

interface Parsed {
  cls: MmsiClass;
  /** Offset of the MID in the 9 digits, or -1 for classes without one. */
  midAt: number;
}

// A MID always starts with 2–7 (ITU-R M.585 Annex 1); the class is read off the digits in front of it.
function parse(d: string): Parsed {
  const isMidStart = (i: number): boolean => d[i] >= '2' && d[i] <= '7';
  if (isMidStart(0)) return { cls: 'ship', midAt: 0 };
  if (d[0] === '0') {
    if (d[1] === '0') return isMidStart(2) ? { cls: 'coast_station', midAt: 2 } : INVALID;
    return isMidStart(1) ? { cls: 'group', midAt: 1 } : INVALID;
  }
  if (d[0] === '1') return d.startsWith('111') && isMidStart(3) ? { cls: 'sar_aircraft', midAt: 3 } : INVALID;
  if (d[0] === '8') return isMidStart(1) ? { cls: 'handheld', midAt: 1 } : INVALID;
  // d[0] === '9'
  if (d[1] === '9') return isMidStart(2) ? { cls: 'aton', midAt: 2 } : INVALID;
  if (d[1] === '8') return isMidStart(2) ? { cls: 'auxiliary_craft', midAt: 2 } : INVALID;
  if (d[1] === '7') {
    if (d[2] === '0') return { cls: 'sart', midAt: -1 };
    if (d[2] === '2') return { cls: 'mob', midAt: -1 };
    if (d[2] === '4') return { cls: 'epirb', midAt: -1 };
    if (d[2] === '9') return { cls: 'amrd', midAt: -1 };
  }
  return INVALID;
}

const INVALID: Parsed = { cls: 'invalid', midAt: -1 };

/**
 * What kind of station the MMSI's format says it is. Format only: a ship MMSI (first digit 2–7) is 'ship'
 * even when its MID is unallocated (see `flagOfMmsi` and `mmsiWarnings`); 'invalid' is a number that fits
 * none of the ITU formats (e.g. 1xxxxxxxx other than 111MID, 0 followed by 0/1/8/9, more than 9 digits).
 */
export function mmsiClass(mmsi: number | string): MmsiClass {
  const d = mmsiDigits(mmsi);
  return d === null ? 'invalid' : parse(d).cls;
}

/** The MID taken from the right position for the MMSI's class, or null for 97x devices and invalid MMSIs. */
export function midOf(mmsi: number | string): number | null {
  const d = mmsiDigits(mmsi);
  if (d === null) return null;
  const { midAt } = parse(d);
  return midAt < 0 ? null : Number(d.slice(midAt, midAt + 3));
}

/** The flag state the MMSI's MID claims, or null (no MID in this class, or MID not allocated). */
export function flagOfMmsi(mmsi: number | string): MmsiFlag | null {
  const mid = midOf(mmsi);
  return mid === null ? null : flagOfMid(mid);
}

export type MmsiWarningCode =
  | 'invalid_format'
  | 'unallocated_mid'
  | 'repeated_digits'
  | 'sequential_digits'
  | 'zero_serial'
  | 'factory_default';

export interface MmsiWarning {
  code: MmsiWarningCode;
  message: string;
}

// 1193046 is 0x123456, the factory setting of several Class B transponders; it shows up in real traffic.
const FACTORY_DEFAULTS = new Set(['001193046']);

/**
 * Reasons to distrust an MMSI as an identity. Placeholder numbers (000000000, 111111111, 123456789,
 * 999999999, a MID followed by zeros) are common in real traffic from unconfigured or deliberately
 * anonymised transponders; several vessels then share one MMSI, so their tracks and identities mix.
 * An empty list means nothing suspicious, not that the MMSI is assigned.
 */
export function mmsiWarnings(mmsi: number | string): MmsiWarning[] {
  const out: MmsiWarning[] = [];
  const d = mmsiDigits(mmsi);
  if (d === null) {
    return [{ code: 'invalid_format', message: `MMSI ${String(mmsi)} is not a number of at most 9 digits` }];
  }
  const { cls, midAt } = parse(d);
  if (cls === 'invalid') {
    out.push({ code: 'invalid_format', message: `MMSI ${d} fits none of the ITU-R M.585 formats` });
  } else if (midAt >= 0) {
    const mid = Number(d.slice(midAt, midAt + 3));
    if (!BY_MID.has(mid))
      out.push({ code: 'unallocated_mid', message: `MID ${mid} is not allocated by the ITU` });
    // The digits after the MID identify the station; all zeros is a placeholder, not an assignment.
    if (/^0+$/.test(d.slice(midAt + 3))) {
      out.push({ code: 'zero_serial', message: `MMSI ${d} is its MID followed by zeros (a placeholder)` });
    }
  }
  if (/^(\d)\1{8}$/.test(d)) out.push({ code: 'repeated_digits', message: `MMSI ${d} repeats one digit` });
  if ('0123456789'.includes(d) || '9876543210'.includes(d)) {
    out.push({ code: 'sequential_digits', message: `MMSI ${d} is a run of consecutive digits` });
  }
  if (FACTORY_DEFAULTS.has(d)) {
    out.push({ code: 'factory_default', message: `MMSI ${d} is a transponder factory default` });
  }
  return out;
}
