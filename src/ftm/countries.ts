/**
 * Country names as sanctions lists write them -> ISO 3166-1 alpha-2 (lowercase).
 *
 * Lists spell countries in many ways: UN style ("Democratic People's Republic of Korea",
 * "Iran (Islamic Republic of)"), OFAC style ("Korea, North", "Burma"), EU/UK style, old names
 * ("Swaziland", "Zaire") and codes. Lookup works on a key made of letters and digits only, so case,
 * accents, spaces and punctuation do not matter; a few generic rewrites ("X, Y" -> "Y X", dropping
 * "Republic of", dropping a parenthesised qualifier) cover variants the table does not list.
 * Kosovo uses `xk`, the user-assigned code every sanctions list and FtM use for it.
 */

// [alpha-2, alpha-3, English short name, ...variants]. The short name is the common English one
// (e.g. "North Korea"), not ISO's long form, because it is what people read in a UI.
const COUNTRIES: readonly (readonly string[])[] = [
  ['af', 'afg', 'Afghanistan', 'Islamic Republic of Afghanistan', 'Islamic Emirate of Afghanistan'],
  ['ax', 'ala', 'Åland Islands', 'Aland'],
  ['al', 'alb', 'Albania'],
  ['dz', 'dza', 'Algeria', "People's Democratic Republic of Algeria"],
  ['as', 'asm', 'American Samoa'],
  ['ad', 'and', 'Andorra'],
  ['ao', 'ago', 'Angola'],
  ['ai', 'aia', 'Anguilla'],
  ['aq', 'ata', 'Antarctica'],
  ['ag', 'atg', 'Antigua and Barbuda', 'Antigua'],
  ['ar', 'arg', 'Argentina', 'Argentine Republic'],
  ['am', 'arm', 'Armenia'],
  ['aw', 'abw', 'Aruba'],
  ['au', 'aus', 'Australia'],
  ['at', 'aut', 'Austria'],
  ['az', 'aze', 'Azerbaijan'],
  ['bs', 'bhs', 'Bahamas', 'The Bahamas', 'Bahamas, The'],
  ['bh', 'bhr', 'Bahrain'],
  ['bd', 'bgd', 'Bangladesh'],
  ['bb', 'brb', 'Barbados'],
  ['by', 'blr', 'Belarus', 'Byelorussia', 'Belorussia'],
  ['be', 'bel', 'Belgium'],
  ['bz', 'blz', 'Belize'],
  ['bj', 'ben', 'Benin'],
  ['bm', 'bmu', 'Bermuda'],
  ['bt', 'btn', 'Bhutan'],
  ['bo', 'bol', 'Bolivia', 'Bolivia (Plurinational State of)', 'Plurinational State of Bolivia'],
  [
    'bq',
    'bes',
    'Bonaire, Sint Eustatius and Saba',
    'Caribbean Netherlands',
    'Bonaire',
    'Sint Eustatius',
    'Saba',
  ],
  ['ba', 'bih', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnia', 'Bosnia Herzegovina'],
  ['bw', 'bwa', 'Botswana'],
  ['bv', 'bvt', 'Bouvet Island'],
  ['br', 'bra', 'Brazil'],
  ['io', 'iot', 'British Indian Ocean Territory', 'Chagos Islands'],
  ['bn', 'brn', 'Brunei', 'Brunei Darussalam'],
  ['bg', 'bgr', 'Bulgaria'],
  ['bf', 'bfa', 'Burkina Faso', 'Upper Volta'],
  ['bi', 'bdi', 'Burundi'],
  ['cv', 'cpv', 'Cabo Verde', 'Cape Verde'],
  ['kh', 'khm', 'Cambodia', 'Kampuchea'],
  ['cm', 'cmr', 'Cameroon'],
  ['ca', 'can', 'Canada'],
  ['ky', 'cym', 'Cayman Islands', 'Caymans'],
  ['cf', 'caf', 'Central African Republic', 'CAR'],
  ['td', 'tcd', 'Chad'],
  ['cl', 'chl', 'Chile'],
  ['cn', 'chn', 'China', "People's Republic of China", 'PRC', 'Mainland China', 'China, Mainland'],
  ['cx', 'cxr', 'Christmas Island'],
  ['cc', 'cck', 'Cocos (Keeling) Islands', 'Cocos Islands', 'Keeling Islands'],
  ['co', 'col', 'Colombia'],
  ['km', 'com', 'Comoros', 'Union of the Comoros'],
  [
    'cg',
    'cog',
    'Republic of the Congo',
    'Congo',
    'Congo, Republic of the',
    'Congo, Republic of',
    'Congo-Brazzaville',
    'Congo Brazzaville',
    'Republic of Congo',
  ],
  [
    'cd',
    'cod',
    'Democratic Republic of the Congo',
    'Congo, Democratic Republic of the',
    'Congo, Democratic Republic of',
    'Congo, The Democratic Republic of the',
    'Democratic Republic of Congo',
    'DR Congo',
    'DRC',
    'D.R. Congo',
    'Congo-Kinshasa',
    'Congo Kinshasa',
    'Congo (Democratic Republic)',
    'Congo (Kinshasa)',
    'Zaire',
  ],
  ['ck', 'cok', 'Cook Islands'],
  ['cr', 'cri', 'Costa Rica'],
  ['ci', 'civ', "Côte d'Ivoire", 'Ivory Coast', "Cote d'Ivoire", 'Cote d Ivoire', 'Republic of Cote dIvoire'],
  ['hr', 'hrv', 'Croatia'],
  ['cu', 'cub', 'Cuba'],
  ['cw', 'cuw', 'Curaçao', 'Curacao'],
  ['cy', 'cyp', 'Cyprus'],
  ['cz', 'cze', 'Czechia', 'Czech Republic'],
  ['dk', 'dnk', 'Denmark'],
  ['dj', 'dji', 'Djibouti'],
  ['dm', 'dma', 'Dominica'],
  ['do', 'dom', 'Dominican Republic'],
  ['ec', 'ecu', 'Ecuador'],
  ['eg', 'egy', 'Egypt', 'Arab Republic of Egypt'],
  ['sv', 'slv', 'El Salvador'],
  ['gq', 'gnq', 'Equatorial Guinea', 'Guinea, Equatorial'],
  ['er', 'eri', 'Eritrea'],
  ['ee', 'est', 'Estonia'],
  ['sz', 'swz', 'Eswatini', 'Swaziland', 'Kingdom of Eswatini'],
  ['et', 'eth', 'Ethiopia'],
  ['fk', 'flk', 'Falkland Islands', 'Falkland Islands (Malvinas)', 'Malvinas', 'Falklands'],
  ['fo', 'fro', 'Faroe Islands', 'Faeroe Islands', 'Faroes'],
  ['fj', 'fji', 'Fiji'],
  ['fi', 'fin', 'Finland'],
  ['fr', 'fra', 'France', 'French Republic'],
  ['gf', 'guf', 'French Guiana'],
  ['pf', 'pyf', 'French Polynesia'],
  ['tf', 'atf', 'French Southern Territories', 'French Southern and Antarctic Lands'],
  ['ga', 'gab', 'Gabon', 'Gabonese Republic'],
  ['gm', 'gmb', 'Gambia', 'The Gambia', 'Gambia, The'],
  ['ge', 'geo', 'Georgia'],
  ['de', 'deu', 'Germany', 'Federal Republic of Germany'],
  ['gh', 'gha', 'Ghana'],
  ['gi', 'gib', 'Gibraltar'],
  ['gr', 'grc', 'Greece', 'Hellenic Republic'],
  ['gl', 'grl', 'Greenland'],
  ['gd', 'grd', 'Grenada'],
  ['gp', 'glp', 'Guadeloupe'],
  ['gu', 'gum', 'Guam'],
  ['gt', 'gtm', 'Guatemala'],
  ['gg', 'ggy', 'Guernsey'],
  ['gn', 'gin', 'Guinea', 'Guinea-Conakry'],
  ['gw', 'gnb', 'Guinea-Bissau'],
  ['gy', 'guy', 'Guyana'],
  ['ht', 'hti', 'Haiti'],
  ['hm', 'hmd', 'Heard Island and McDonald Islands', 'Heard and McDonald Islands'],
  ['va', 'vat', 'Holy See', 'Vatican', 'Vatican City', 'Vatican City State', 'Holy See (Vatican City State)'],
  ['hn', 'hnd', 'Honduras'],
  [
    'hk',
    'hkg',
    'Hong Kong',
    'Hong Kong SAR',
    'Hong Kong, China',
    'Hong Kong Special Administrative Region',
    'Hong Kong Special Administrative Region of China',
    'China, Hong Kong Special Administrative Region',
    'Hong Kong SAR China',
    'Hongkong',
  ],
  ['hu', 'hun', 'Hungary'],
  ['is', 'isl', 'Iceland'],
  ['in', 'ind', 'India'],
  ['id', 'idn', 'Indonesia'],
  [
    'ir',
    'irn',
    'Iran',
    'Iran (Islamic Republic of)',
    'Islamic Republic of Iran',
    'Iran, Islamic Republic of',
    'Persia',
  ],
  ['iq', 'irq', 'Iraq'],
  ['ie', 'irl', 'Ireland', 'Eire'],
  ['im', 'imn', 'Isle of Man'],
  ['il', 'isr', 'Israel'],
  ['it', 'ita', 'Italy', 'Italian Republic'],
  ['jm', 'jam', 'Jamaica'],
  ['jp', 'jpn', 'Japan'],
  ['je', 'jey', 'Jersey'],
  ['jo', 'jor', 'Jordan', 'Hashemite Kingdom of Jordan'],
  ['kz', 'kaz', 'Kazakhstan'],
  ['ke', 'ken', 'Kenya'],
  ['ki', 'kir', 'Kiribati'],
  [
    'kp',
    'prk',
    'North Korea',
    "Democratic People's Republic of Korea",
    "Korea, Democratic People's Republic of",
    "Korea (Democratic People's Republic of)",
    "Korea (the Democratic People's Republic of)",
    "Korea, Dem. People's Rep. of",
    "Dem. People's Rep. of Korea",
    'Korea, North',
    'Korea (North)',
    'North Korea (DPRK)',
    'DPRK',
    'DPR Korea',
    'Korea DPR',
    'Korea, DPR',
    'DPR of Korea',
    'N. Korea',
    'Democratic Peoples Republic of Korea',
  ],
  [
    'kr',
    'kor',
    'South Korea',
    'Republic of Korea',
    'Korea, Republic of',
    'Korea (Republic of)',
    'Korea (the Republic of)',
    'Korea, South',
    'Korea (South)',
    'ROK',
    'S. Korea',
  ],
  ['kw', 'kwt', 'Kuwait'],
  ['kg', 'kgz', 'Kyrgyzstan', 'Kyrgyz Republic', 'Kirghizia'],
  [
    'la',
    'lao',
    'Laos',
    "Lao People's Democratic Republic",
    'Lao PDR',
    'Lao',
    "Laos People's Democratic Republic",
  ],
  ['lv', 'lva', 'Latvia'],
  ['lb', 'lbn', 'Lebanon', 'Lebanese Republic'],
  ['ls', 'lso', 'Lesotho'],
  ['lr', 'lbr', 'Liberia'],
  ['ly', 'lby', 'Libya', 'Libyan Arab Jamahiriya', 'State of Libya'],
  ['li', 'lie', 'Liechtenstein'],
  ['lt', 'ltu', 'Lithuania'],
  ['lu', 'lux', 'Luxembourg'],
  [
    'mo',
    'mac',
    'Macao',
    'Macau',
    'Macao SAR',
    'Macau SAR',
    'Macao, China',
    'Macao Special Administrative Region of China',
    'China, Macao Special Administrative Region',
  ],
  ['mg', 'mdg', 'Madagascar'],
  ['mw', 'mwi', 'Malawi'],
  ['my', 'mys', 'Malaysia'],
  ['mv', 'mdv', 'Maldives'],
  ['ml', 'mli', 'Mali'],
  ['mt', 'mlt', 'Malta'],
  ['mh', 'mhl', 'Marshall Islands'],
  ['mq', 'mtq', 'Martinique'],
  ['mr', 'mrt', 'Mauritania'],
  ['mu', 'mus', 'Mauritius'],
  ['yt', 'myt', 'Mayotte'],
  ['mx', 'mex', 'Mexico', 'United Mexican States'],
  ['fm', 'fsm', 'Micronesia', 'Micronesia (Federated States of)', 'Federated States of Micronesia'],
  ['md', 'mda', 'Moldova', 'Republic of Moldova', 'Moldova, Republic of'],
  ['mc', 'mco', 'Monaco'],
  ['mn', 'mng', 'Mongolia'],
  ['me', 'mne', 'Montenegro'],
  ['ms', 'msr', 'Montserrat'],
  ['ma', 'mar', 'Morocco'],
  ['mz', 'moz', 'Mozambique'],
  ['mm', 'mmr', 'Myanmar', 'Burma', 'Myanmar (Burma)', 'Burma (Myanmar)', 'Republic of the Union of Myanmar'],
  ['na', 'nam', 'Namibia'],
  ['nr', 'nru', 'Nauru'],
  ['np', 'npl', 'Nepal'],
  [
    'nl',
    'nld',
    'Netherlands',
    'The Netherlands',
    'Netherlands, The',
    'Holland',
    'Kingdom of the Netherlands',
  ],
  ['nc', 'ncl', 'New Caledonia'],
  ['nz', 'nzl', 'New Zealand'],
  ['ni', 'nic', 'Nicaragua'],
  ['ne', 'ner', 'Niger'],
  ['ng', 'nga', 'Nigeria'],
  ['nu', 'niu', 'Niue'],
  ['nf', 'nfk', 'Norfolk Island'],
  [
    'mk',
    'mkd',
    'North Macedonia',
    'Macedonia',
    'Republic of North Macedonia',
    'The former Yugoslav Republic of Macedonia',
    'Macedonia, The Former Yugoslav Republic of',
    'FYROM',
  ],
  ['mp', 'mnp', 'Northern Mariana Islands'],
  ['no', 'nor', 'Norway'],
  ['om', 'omn', 'Oman'],
  ['pk', 'pak', 'Pakistan'],
  ['pw', 'plw', 'Palau'],
  [
    'ps',
    'pse',
    'Palestine',
    'State of Palestine',
    'Palestine, State of',
    'Palestinian Territories',
    'Palestinian Territory',
    'Occupied Palestinian Territory',
    'Occupied Palestinian Territories',
    'Palestinian Territory, Occupied',
    'Palestinian Authority',
    'West Bank',
    'Gaza',
    'Gaza Strip',
    'West Bank and Gaza',
    'West Bank and Gaza Strip',
  ],
  ['pa', 'pan', 'Panama'],
  ['pg', 'png', 'Papua New Guinea'],
  ['py', 'pry', 'Paraguay'],
  ['pe', 'per', 'Peru'],
  ['ph', 'phl', 'Philippines', 'The Philippines'],
  ['pn', 'pcn', 'Pitcairn', 'Pitcairn Islands'],
  ['pl', 'pol', 'Poland'],
  ['pt', 'prt', 'Portugal', 'Portuguese Republic'],
  ['pr', 'pri', 'Puerto Rico'],
  ['qa', 'qat', 'Qatar'],
  ['re', 'reu', 'Réunion', 'Reunion'],
  ['ro', 'rou', 'Romania', 'Rumania'],
  ['ru', 'rus', 'Russia', 'Russian Federation', 'Russia Federation'],
  ['rw', 'rwa', 'Rwanda', 'Rwandese Republic'],
  ['bl', 'blm', 'Saint Barthélemy', 'Saint Barthelemy', 'Saint-Barthélemy'],
  [
    'sh',
    'shn',
    'Saint Helena, Ascension and Tristan da Cunha',
    'Saint Helena',
    'Ascension Island',
    'Tristan da Cunha',
  ],
  ['kn', 'kna', 'Saint Kitts and Nevis', 'Saint Christopher and Nevis', 'Saint Kitts'],
  ['lc', 'lca', 'Saint Lucia'],
  ['mf', 'maf', 'Saint Martin', 'Saint Martin (French part)', 'Saint-Martin'],
  ['pm', 'spm', 'Saint Pierre and Miquelon'],
  ['vc', 'vct', 'Saint Vincent and the Grenadines', 'Saint Vincent'],
  ['ws', 'wsm', 'Samoa', 'Western Samoa'],
  ['sm', 'smr', 'San Marino'],
  [
    'st',
    'stp',
    'São Tomé and Príncipe',
    'Sao Tome and Principe',
    'Sao Tome',
    'Democratic Republic of Sao Tome and Principe',
  ],
  ['sa', 'sau', 'Saudi Arabia', 'Kingdom of Saudi Arabia', 'KSA'],
  ['sn', 'sen', 'Senegal'],
  ['rs', 'srb', 'Serbia'],
  ['sc', 'syc', 'Seychelles'],
  ['sl', 'sle', 'Sierra Leone'],
  ['sg', 'sgp', 'Singapore'],
  ['sx', 'sxm', 'Sint Maarten', 'Sint Maarten (Dutch part)'],
  ['sk', 'svk', 'Slovakia', 'Slovak Republic'],
  ['si', 'svn', 'Slovenia'],
  ['sb', 'slb', 'Solomon Islands'],
  ['so', 'som', 'Somalia', 'Federal Republic of Somalia'],
  ['za', 'zaf', 'South Africa'],
  [
    'gs',
    'sgs',
    'South Georgia and the South Sandwich Islands',
    'South Georgia',
    'South Georgia and South Sandwich Islands',
  ],
  ['ss', 'ssd', 'South Sudan', 'Sudan, South', 'Republic of South Sudan'],
  ['es', 'esp', 'Spain'],
  ['lk', 'lka', 'Sri Lanka', 'Ceylon'],
  ['sd', 'sdn', 'Sudan', 'Republic of the Sudan', 'The Sudan'],
  ['sr', 'sur', 'Suriname', 'Surinam'],
  ['sj', 'sjm', 'Svalbard and Jan Mayen', 'Svalbard'],
  ['se', 'swe', 'Sweden'],
  ['ch', 'che', 'Switzerland', 'Swiss Confederation'],
  ['sy', 'syr', 'Syria', 'Syrian Arab Republic'],
  [
    'tw',
    'twn',
    'Taiwan',
    'Taiwan, Province of China',
    'Taiwan (Province of China)',
    'Chinese Taipei',
    'Republic of China',
    'Republic of China (Taiwan)',
  ],
  ['tj', 'tjk', 'Tajikistan'],
  ['tz', 'tza', 'Tanzania', 'United Republic of Tanzania', 'Tanzania, United Republic of'],
  ['th', 'tha', 'Thailand'],
  ['tl', 'tls', 'Timor-Leste', 'East Timor', 'Democratic Republic of Timor-Leste'],
  ['tg', 'tgo', 'Togo', 'Togolese Republic'],
  ['tk', 'tkl', 'Tokelau'],
  ['to', 'ton', 'Tonga'],
  ['tt', 'tto', 'Trinidad and Tobago', 'Trinidad'],
  ['tn', 'tun', 'Tunisia'],
  ['tr', 'tur', 'Türkiye', 'Turkey', 'Republic of Türkiye'],
  ['tm', 'tkm', 'Turkmenistan'],
  ['tc', 'tca', 'Turks and Caicos Islands', 'Turks and Caicos'],
  ['tv', 'tuv', 'Tuvalu'],
  ['ug', 'uga', 'Uganda'],
  ['ua', 'ukr', 'Ukraine'],
  ['ae', 'are', 'United Arab Emirates', 'UAE', 'U.A.E.', 'Emirates'],
  [
    'gb',
    'gbr',
    'United Kingdom',
    'United Kingdom of Great Britain and Northern Ireland',
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
  ],
  [
    'us',
    'usa',
    'United States',
    'United States of America',
    'U.S.',
    'U.S.A.',
    'America',
    'United States (USA)',
  ],
  ['um', 'umi', 'United States Minor Outlying Islands'],
  ['uy', 'ury', 'Uruguay'],
  ['uz', 'uzb', 'Uzbekistan'],
  ['vu', 'vut', 'Vanuatu'],
  [
    've',
    'ven',
    'Venezuela',
    'Venezuela (Bolivarian Republic of)',
    'Bolivarian Republic of Venezuela',
    'Venezuela, Bolivarian Republic of',
  ],
  ['vn', 'vnm', 'Vietnam', 'Viet Nam', 'Socialist Republic of Viet Nam', 'Socialist Republic of Vietnam'],
  ['vg', 'vgb', 'British Virgin Islands', 'Virgin Islands (British)', 'Virgin Islands, British', 'BVI'],
  [
    'vi',
    'vir',
    'United States Virgin Islands',
    'Virgin Islands (U.S.)',
    'Virgin Islands, U.S.',
    'US Virgin Islands',
    'U.S. Virgin Islands',
    'Virgin Islands of the United States',
  ],
  ['wf', 'wlf', 'Wallis and Futuna', 'Wallis and Futuna Islands'],
  ['eh', 'esh', 'Western Sahara'],
  ['ye', 'yem', 'Yemen', 'Republic of Yemen'],
  ['zm', 'zmb', 'Zambia'],
  ['zw', 'zwe', 'Zimbabwe'],
  ['xk', 'xkx', 'Kosovo', 'Republic of Kosovo'],
];

// Leading phrases that only say what kind of state it is; dropped as a fallback, after the table
// has had a chance to match the full form (which it must for "Republic of Korea" or
// "Democratic Republic of the Congo", whose shorter remainder would be wrong or ambiguous).
const STATE_PREFIXES = [
  'republic of the',
  'republic of',
  'kingdom of the',
  'kingdom of',
  'state of the',
  'state of',
  'federal republic of',
  'islamic republic of',
  'sultanate of',
  'principality of',
  'grand duchy of',
  'commonwealth of the',
  'commonwealth of',
  'peoples republic of',
  'federative republic of',
  'federal democratic republic of',
  'democratic socialist republic of',
  'independent state of',
  'eastern republic of',
  'the',
];

// Abbreviations that lists use inside country names.
const WORD_EXPANSIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  rep: 'republic',
  dem: 'democratic',
  is: 'islands',
  isl: 'islands',
  fed: 'federated',
  '&': 'and',
};

/** Lowercase words without accents; apostrophes and full stops vanish ("D.P.R.K." -> "dprk"). */
function words(text: string): string[] {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’‘`´ʼ]/g, '')
    .replace(/&/g, ' & ');
  return plain
    .split(/[^\p{L}\p{N}&]+/u)
    .filter((w) => w !== '')
    .map((w) => WORD_EXPANSIONS[w] ?? w);
}

function keyOf(ws: readonly string[]): string {
  return ws.join('');
}

const byKey = new Map<string, string>();
const byAlpha3 = new Map<string, string>();
const names = new Map<string, string>();

for (const [alpha2, alpha3, name, ...variants] of COUNTRIES) {
  byAlpha3.set(alpha3, alpha2);
  names.set(alpha2, name);
  for (const v of [name, ...variants]) {
    const key = keyOf(words(v));
    const prior = byKey.get(key);
    if (prior !== undefined && prior !== alpha2) {
      throw new Error(`countries table: "${v}" maps to both ${prior} and ${alpha2}`);
    }
    byKey.set(key, alpha2);
  }
}

function stripPrefix(ws: readonly string[]): string[] | undefined {
  const joined = ws.join(' ');
  for (const prefix of STATE_PREFIXES) {
    if (joined.startsWith(prefix + ' ')) return joined.slice(prefix.length + 1).split(' ');
  }
  return undefined;
}

function lookupWords(ws: readonly string[]): string | undefined {
  // At most two prefixes ("the State of Eritrea"); each shorter form is tried against the table.
  let current: readonly string[] | undefined = ws;
  for (let i = 0; i < 3 && current; i++) {
    const found = byKey.get(keyOf(current));
    if (found) return found;
    current = stripPrefix(current);
  }
  return undefined;
}

/**
 * ISO 3166-1 alpha-2 code (lowercase) for a country name or a 2-/3-letter code, or undefined when the
 * text is not recognised (callers keep the original text, e.g. in a note).
 */
export function countryCode(nameOrCode: string): string | undefined {
  const text = nameOrCode.trim();
  if (text === '') return undefined;

  const compact = text.toLowerCase();
  if (/^[a-z]{2}$/.test(compact) && names.has(compact)) return compact;
  if (/^[a-z]{3}$/.test(compact) && byAlpha3.has(compact)) return byAlpha3.get(compact);

  const whole = lookupWords(words(text));
  if (whole) return whole;

  // "Iran (Islamic Republic of)": the qualifier moved in front, then the bare name.
  const paren = /^(.*?)\s*\(([^()]*)\)\s*(.*)$/.exec(text);
  if (paren) {
    const [, before, inner, after] = paren;
    const moved = lookupWords(words(`${inner} ${before} ${after}`));
    if (moved) return moved;
    const bare = lookupWords(words(`${before} ${after}`));
    if (bare) return bare;
    const innerOnly = lookupWords(words(inner));
    if (innerOnly) return innerOnly;
  }

  // "Tanzania, United Republic of" / "Bahamas, The": the part after the comma moved in front,
  // then the part before it alone.
  const comma = text.indexOf(',');
  if (comma > 0) {
    const before = text.slice(0, comma);
    const after = text.slice(comma + 1);
    const moved = lookupWords(words(`${after} ${before}`));
    if (moved) return moved;
    const head = lookupWords(words(before));
    if (head) return head;
  }
  return undefined;
}

/** English short name for an alpha-2 code (either case), or undefined for an unknown code. */
export function countryName(code: string): string | undefined {
  return names.get(code.trim().toLowerCase());
}

/** Every alpha-2 code the table knows, in table order. */
export function countryCodes(): string[] {
  return [...names.keys()];
}
