/** How values are shown: dates, numbers, list and schema names, property labels, scripts. */

const number = new Intl.NumberFormat('en');
// One formatter, made once: `Date#toLocaleString` with options builds a new one on every call, which showed in
// the map's frame profile (a list of 60 events re-rendered after each pan).
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export const fmtNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : number.format(n);

/** A calendar date (YYYY-MM-DD stays as written: list dates are often partial, like `1964` or `1964-07`). */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  return value.length <= 10 ? value : value.slice(0, 10);
}

/** An instant, in the reader's time zone, to the minute. */
export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateTime.format(d);
}

/** How long ago, roughly ("3 h ago"), for freshness at a glance. */
export function fmtAgo(value: string | null | undefined, now = Date.now()): string {
  if (!value) return '—';
  const s = Math.round((now - new Date(value).getTime()) / 1000);
  if (!Number.isFinite(s)) return value;
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export const fmtScore = (s: number): string => s.toFixed(2);

const DATASETS: Record<string, string> = {
  un: 'UN Security Council',
  'ofac-sdn': 'OFAC SDN',
  'ofac-cons': 'OFAC non-SDN (consolidated)',
  ofac: 'OFAC',
  eu: 'EU financial sanctions',
  uk: 'UK OFSI',
};
export const datasetLabel = (d: string): string => DATASETS[d] ?? d;

/** FtM property names as people say them. */
const PROPERTY_LABELS: Record<string, string> = {
  name: 'Name',
  alias: 'Alias',
  weakAlias: 'Weak alias',
  previousName: 'Previous name',
  firstName: 'First name',
  secondName: 'Second name',
  middleName: 'Middle name',
  lastName: 'Last name',
  fatherName: 'Patronymic',
  title: 'Title',
  birthDate: 'Date of birth',
  birthPlace: 'Place of birth',
  deathDate: 'Date of death',
  incorporationDate: 'Incorporated',
  dissolutionDate: 'Dissolved',
  buildDate: 'Built',
  nationality: 'Nationality',
  citizenship: 'Citizenship',
  country: 'Country',
  jurisdiction: 'Jurisdiction',
  mainCountry: 'Main country',
  gender: 'Gender',
  position: 'Position',
  passportNumber: 'Passport',
  idNumber: 'ID number',
  taxNumber: 'Tax number',
  registrationNumber: 'Registration number',
  innCode: 'INN',
  ogrnCode: 'OGRN',
  swiftBic: 'SWIFT/BIC',
  imoNumber: 'IMO number',
  mmsi: 'MMSI',
  callSign: 'Call sign',
  flag: 'Flag',
  pastFlags: 'Past flags',
  type: 'Type',
  tonnage: 'Tonnage',
  grossRegisteredTonnage: 'Gross tonnage',
  owner: 'Owner',
  operator: 'Operator',
  address: 'Address',
  email: 'E-mail',
  phone: 'Phone',
  website: 'Website',
  notes: 'Notes',
  summary: 'Summary',
  sourceUrl: 'Source',
  topics: 'Topics',
  program: 'Programme',
  programId: 'Regime',
  provisions: 'Measures',
  listingDate: 'Listed on',
  startDate: 'Start',
  endDate: 'End',
  reason: 'Reason',
  authority: 'Authority',
  authorityId: 'Authority reference',
  unscId: 'UN reference',
  number: 'Number',
  regimes: 'Regimes',
  schema: 'Type of entity',
};

export function propertyLabel(prop: string): string {
  if (PROPERTY_LABELS[prop]) return PROPERTY_LABELS[prop];
  // camelCase → "Camel case"
  const words = prop.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A diff field as people read it: `birthDate` → "Date of birth"; `Passport:un-kpi-033-passport-x.number` →
 * "Passport › Number".
 */
export function fieldLabel(field: string): string {
  const m = /^([A-Za-z]+):[^.]*\.(.+)$/.exec(field);
  if (m) return `${m[1]} › ${propertyLabel(m[2])}`;
  const adjunct = /^([A-Za-z]+):(.+)$/.exec(field);
  if (adjunct) return `${adjunct[1]} (${adjunct[2]})`;
  return propertyLabel(field);
}

const SCRIPTS: Array<[RegExp, string]> = [
  [/\p{Script=Hangul}/u, 'Hangul'],
  [/\p{Script=Han}/u, 'Chinese characters'],
  [/\p{Script=Hiragana}|\p{Script=Katakana}/u, 'Japanese kana'],
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Georgian}/u, 'Georgian'],
  [/\p{Script=Armenian}/u, 'Armenian'],
  [/\p{Script=Latin}/u, 'Latin'],
];

/** The writing system a name is in (the first non-Latin script wins: "Kim 김" is Hangul). */
export function scriptOf(text: string): string {
  for (const [re, name] of SCRIPTS) if (re.test(text)) return name;
  return 'other';
}

const regionNames =
  typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

/** `kp` → "North Korea (kp)"; values that are not ISO codes stay as written. */
export function countryName(code: string): string {
  if (!/^[a-z]{2}$/i.test(code) || !regionNames) return code;
  try {
    const n = regionNames.of(code.toUpperCase());
    return n && n !== code.toUpperCase() ? `${n} (${code.toLowerCase()})` : code;
  } catch {
    return code;
  }
}

export const COUNTRY_PROPS = new Set([
  'nationality',
  'citizenship',
  'country',
  'jurisdiction',
  'mainCountry',
  'flag',
  'pastFlags',
]);

/** A property value for display: country codes spelled out. */
export function fmtValue(prop: string, value: string): string {
  const base = prop.includes('.') ? prop.slice(prop.lastIndexOf('.') + 1) : prop;
  return COUNTRY_PROPS.has(base) ? countryName(value) : value;
}
