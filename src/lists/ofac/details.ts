/**
 * OFAC "details": the labelled facts a listing carries. The legacy CSV writes them into the remarks text
 * (`Passport 12345 (Korea, North)`), SDN.XML puts most of them in `idList/id` (idType `Passport`, idNumber,
 * idCountry), the advanced XML in Features and IDRegDocuments whose type names are the same labels. One table
 * maps every label to what it means in FtM, so the three formats agree.
 *
 * Choices:
 * - IMO numbers go on `imoNumber` only for vessels. The 7-digit IMO numbers on shipping-company records
 *   ("Identification Number IMO 5342883", "Company Number IMO ...") are IMO *company* numbers: they go to
 *   `Organization.imoNumber` (FtM's place for them, as OpenSanctions and our UN/EU/UK importers do; other
 *   schemata: `registrationNumber`) plus an Identification adjunct typed "IMO company number". Vessel lookups
 *   by IMO number must therefore look at Vessel entities only.
 * - Identity and registry numbers get an Identification (or Passport) adjunct carrying country and dates, and
 *   the number on the entity's own property (passportNumber, idNumber, taxNumber, registrationNumber...) so a
 *   search on the entity finds it.
 * - "Linked To: NAME" stays a note `Linked To: NAME` (the linked listing's id is not known while streaming);
 *   links.ts resolves these names to ids in a second pass over a whole list.
 * - The vessel owner and aircraft operator are names, not ids: notes `Vessel Owner: NAME`,
 *   `Aircraft Operator: NAME` (resolvable the same way).
 * - Sanction-scope texts (secondary sanctions, directives, CAATSA, EO determinations) go to the Sanction's
 *   `provisions`, as written.
 * - Anything unrecognised stays, as written, in `notes`.
 */
import { addValues, slug } from '../../ftm/types.ts';
import { clean } from '../text.ts';
import { type OfacRecordBuilder, ofacCountry } from './build.ts';
import { parseDateExpression, parseOfacDate } from './dates.ts';

export interface OfacDetail {
  /** The label as the list writes it: `Passport`, `DOB`, `Vessel Registration Identification`. */
  label: string;
  /** The value after the label; for remarks it may still carry `(Country) issued ... expires ...`. */
  value: string;
  country?: string;
  /** Issue/expiry dates, raw or ISO. */
  issued?: string;
  expires?: string;
  authority?: string;
  /** The detail's full text as written, for notes and provisions. */
  raw?: string;
}

type Handler = (b: OfacRecordBuilder, d: OfacDetail) => void;

const rawText = (d: OfacDetail): string => clean(d.raw) ?? clean(`${d.label} ${d.value}`) ?? d.label;

const note: Handler = (b, d) => b.note(rawText(d));

const prop =
  (name: string): Handler =>
  (b, d) =>
    b.set(name, d.label, clean(d.value));

/** A property for persons, another for everything else (nationality -> country on an organisation). */
const personOr =
  (personProp: string, otherProp: string, country = false): Handler =>
  (b, d) => {
    const target = b.schema === 'Person' ? personProp : otherProp;
    if (country) b.setCountry(target, d.label, d.value);
    else b.set(target, d.label, clean(d.value));
  };

const countryProp =
  (name: string): Handler =>
  (b, d) =>
    b.setCountry(name, d.label, d.value);

const dates =
  (name: string): Handler =>
  (b, d) => {
    const parsed = parseDateExpression(d.value);
    if (parsed.dates.length === 0 || !b.has(name)) return note(b, d);
    b.set(name, d.label, ...parsed.dates);
    if (parsed.note) b.note(`${d.label} ${parsed.note}`);
  };

const number =
  (name: string): Handler =>
  (b, d) => {
    const v = clean(d.value)?.replace(/[,\s]/g, '');
    if (v && /^\d+(?:\.\d+)?$/.test(v) && b.has(name)) b.set(name, d.label, v);
    else note(b, d);
  };

const gender: Handler = (b, d) => {
  const v = clean(d.value)?.toLowerCase();
  if ((v === 'male' || v === 'female') && b.has('gender')) b.set('gender', d.label, v);
  else note(b, d);
};

/** Splits `12345 (Korea, North) issued 01 Jan 2010 expires 31 Dec 2019` into its parts. */
export function splitDocumentText(text: string): {
  number: string;
  country?: string;
  issued?: string;
  expires?: string;
} {
  let rest = text.trim().replace(/\.$/, '');
  let issued: string | undefined;
  let expires: string | undefined;
  let country: string | undefined;
  const exp = /\s*\bexpires?\s+(.+)$/i.exec(rest);
  if (exp) {
    expires = exp[1].trim();
    rest = rest.slice(0, exp.index);
  }
  const iss = /\s*\bissued\s+(.+)$/i.exec(rest);
  if (iss) {
    issued = iss[1].trim();
    rest = rest.slice(0, iss.index);
  }
  const ctry = /\s*\(([^()]+)\)\s*$/.exec(rest);
  if (ctry && ofacCountry(ctry[1])) {
    country = ctry[1].trim();
    rest = rest.slice(0, ctry.index);
  }
  // Dates may also follow the country: "(Mexico) issued 14 Dec 2005" was handled above; this catches
  // "issued 2005 (Mexico)".
  if (!country) {
    const late = /\s*\(([^()]+)\)\s*$/.exec(issued ?? '');
    if (late && ofacCountry(late[1])) {
      country = late[1].trim();
      issued = issued?.slice(0, late.index);
    }
  }
  return { number: rest.trim(), country, issued, expires };
}

const IMO_VALUE = /^IMO\s*(\d{7})\b/i;

/** An IMO number: the ship's for a vessel, a company number for anything else (see the module note). */
const imo = (b: OfacRecordBuilder, d: OfacDetail, digits: string): void => {
  if (b.schema === 'Vessel') {
    b.set('imoNumber', d.label, digits);
    return;
  }
  b.addDocument(
    { passport: false, type: 'IMO company number', number: digits },
    b.has('imoNumber') ? 'imoNumber' : 'registrationNumber',
  );
};

/** Passport, national ID, tax or registration number: an adjunct plus the number on `entityProp`. */
const document =
  (entityProp: string | undefined, passport = false): Handler =>
  (b, d) => {
    const value = clean(d.value);
    if (!value) return note(b, d);
    const imoMatch = IMO_VALUE.exec(value);
    if (imoMatch) return imo(b, d, imoMatch[1]);
    // XML gives country and dates as fields; remarks write them after the number.
    const structured = Boolean(d.country || d.issued || d.expires);
    const parts: ReturnType<typeof splitDocumentText> = structured
      ? { number: value }
      : splitDocumentText(value);
    const issuedRaw = d.issued ?? parts.issued;
    const expiresRaw = d.expires ?? parts.expires;
    const issued = parseOfacDate(issuedRaw);
    const expires = parseOfacDate(expiresRaw);
    const extra = [
      issuedRaw && !issued ? `issued ${issuedRaw}` : undefined,
      expiresRaw && !expires ? `expires ${expiresRaw}` : undefined,
    ].filter(Boolean);
    b.addDocument(
      {
        passport,
        type: d.label,
        number: parts.number || value,
        country: d.country ?? parts.country,
        issued,
        expires,
        authority: d.authority,
        note: extra.length > 0 ? extra.join('; ') : undefined,
      },
      entityProp && b.has(entityProp) ? entityProp : b.has('idNumber') ? 'idNumber' : 'registrationNumber',
    );
  };

const vesselRegistration: Handler = (b, d) => {
  const m = IMO_VALUE.exec(clean(d.value) ?? '');
  if (m) return imo(b, d, m[1]);
  document('registrationNumber')(b, d);
};

const wallet: Handler = (b, d) => {
  const m = /digital currency address\s*-?\s*([A-Za-z0-9]+)\s*[:-]?\s+(\S+)/i.exec(`${d.label} ${d.value}`);
  if (!m) return note(b, d);
  const [, currency, address] = m;
  const w = b.adjunct(`${b.id}-wallet-${slug(address)}`, 'CryptoWallet');
  w.properties.holder = [b.id];
  w.properties.publicKey = [address];
  w.properties.currencySymbol = [currency.toUpperCase()];
};

const provisions: Handler = (b, d) => {
  addValues(b.sanction, 'provisions', rawText(d));
};

/** "For more information on directives, please visit the following link: URL" -> the Sanction's programUrl. */
const moreInformation: Handler = (b, d) => {
  const url = /\bhttps?:\/\/\S+/.exec(`${d.label} ${d.value}`)?.[0].replace(/[.;,)]+$/, '');
  if (url) addValues(b.sanction, 'programUrl', url);
  else note(b, d);
};

const linkedTo: Handler = (b, d) => {
  const name = clean(d.value.replace(/^:\s*/, ''));
  if (name) b.note(`Linked To: ${name}`);
};

const vesselOwner: Handler = (b, d) => {
  const name = clean(d.value);
  if (name) b.note(`Vessel Owner: ${name}`);
};

const aircraftOperator: Handler = (b, d) => {
  const name = clean(d.value);
  if (name) b.note(`Aircraft Operator: ${name}`);
};

const title: Handler = (b, d) =>
  b.schema === 'Person' ? b.set('position', d.label, clean(d.value)) : note(b, d);

const TABLE: Array<[Handler, string[]]> = [
  [dates('birthDate'), ['dob', 'birthdate', 'date of birth']],
  [prop('birthPlace'), ['pob', 'place of birth']],
  [personOr('nationality', 'country', true), ['nationality', 'nationality country']],
  [personOr('citizenship', 'country', true), ['citizen', 'citizenship', 'citizenship country']],
  [countryProp('jurisdiction'), ['nationality of registration']],
  [gender, ['gender']],
  [title, ['title']],
  [
    document('passportNumber', true),
    ['passport', 'passport no.', 'diplomatic passport', 'stateless person passport'],
  ],
  [
    document('idNumber'),
    [
      'national id no.',
      'national id number',
      'national foreign id number',
      'identification number',
      'personal id card',
      'id no.',
      'cedula no.',
      'd.n.i.',
      'c.u.r.p.',
      'birth certificate number',
      'residency number',
      "driver's license no.",
      'electoral registry no.',
      'kenyan id no.',
      'refugee id card',
      'travel document number',
      'stateless person id card',
      'moroccan personal id no.',
      'turkish identification number',
      'numero de identidad',
      'personal identification number',
      'bosnian personal id no.',
      'tazkira national id card',
      'cartilla de servicio militar nacional',
      'le number',
      "citizen's card number",
      'credencial electoral',
      'i.f.e.',
      'military registration number',
      'public security and immigration no.',
      'sre permit no.',
      'permit number',
    ],
  ],
  [document('socialSecurityNumber'), ['ssn']],
  [
    document('taxNumber'),
    [
      'tax id no.',
      'tax identification number',
      'r.f.c.',
      'nit #',
      'ruc #',
      'rif #',
      'c.u.i.t.',
      'c.u.i.',
      'us fein',
      'italian fiscal code',
      'c.i.f.',
      'rtn',
      'paraguayan tax identification number',
    ],
  ],
  [document('vatCode'), ['v.a.t. number']],
  [
    document('registrationNumber'),
    [
      'registration number',
      'registration id',
      'business registration number',
      'business registration document #',
      'commercial registration number',
      'commercial registry number',
      'company number',
      'uk company number',
      'government gazette number',
      'chamber of commerce number',
      'istanbul chamber of comm. no.',
      'trade license no.',
      'public registration number',
      'c.r. no.',
      'folio mercantil no.',
      'matricula mercantil no',
      'central registration system number',
      'economic register number',
      'business number',
      'unified social credit code (uscc)',
      'enterprise number',
      'certificate of incorporation number',
      'registered charity no.',
      'file number',
      'organization code',
      'branch unit number',
      'dubai chamber of commerce membership no.',
      'united social credit code certificate (usccc)',
    ],
  ],
  [document('licenseNumber'), ['license', 'afghan money service provider license number']],
  [prop('leiCode'), ['legal entity number']],
  [prop('dunsCode'), ['d-u-n-s number']],
  [prop('swiftBic'), ['swift/bic']],
  [prop('isinCode'), ['isin']],
  [prop('ticker'), ['equity ticker']],
  [prop('bikCode'), ['bik (ru)']],
  [vesselRegistration, ['vessel registration identification']],
  [prop('mmsi'), ['mmsi']],
  [prop('callSign'), ['vessel call sign', 'other vessel call sign']],
  [prop('type'), ['vessel type', 'other vessel type']],
  [countryProp('flag'), ['vessel flag', 'other vessel flag']],
  [countryProp('pastFlags'), ['former vessel flag']],
  [vesselOwner, ['vessel owner']],
  [aircraftOperator, ['aircraft operator']],
  [number('tonnage'), ['vessel tonnage']],
  [number('grossRegisteredTonnage'), ['vessel gross registered tonnage']],
  [dates('buildDate'), ['vessel year of build', 'aircraft manufacture date']],
  [prop('model'), ['aircraft model']],
  [
    prop('serialNumber'),
    [
      "aircraft manufacturer's serial number (msn)",
      'aircraft construction number (also called l/n or s/n or f/n)',
      'aircraft serial identification',
    ],
  ],
  [prop('registrationNumber'), ['aircraft tail number']],
  [prop('website'), ['website']],
  [prop('email'), ['email address', 'email']],
  [prop('phone'), ['phone number', 'telephone', 'phone']],
  [dates('incorporationDate'), ['organization established date']],
  [prop('sector'), ['organization type']],
  [prop('classification'), ['target type']],
  [wallet, ['digital currency address']],
  [linkedTo, ['linked to']],
  [
    moreInformation,
    ['for more information on directives', 'for more information, please reference the following link'],
  ],
  [prop('alias'), ['issuer name']],
  [
    provisions,
    [
      'additional sanctions information',
      'secondary sanctions risk',
      'transactions prohibited for persons owned or controlled by u.s. financial institutions',
      'executive order 13662 directive determination',
      'executive order 13846 information',
      'executive order 14024 directive information',
      'executive order 14014 directive information',
      'executive order 14059 information',
      'caatsa section 235 information',
      'ifca determination',
      'listing date',
      'effective date',
      'purchase/sales for divestment date (cmic)',
    ],
  ],
];

/** Lowercase, whitespace collapsed, trailing `:`/`-` dropped: `Secondary sanctions risk:` -> key. */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s:-]+$/, '')
    .trim();
}

const HANDLERS = new Map<string, Handler>();
for (const [handler, labels] of TABLE) for (const l of labels) HANDLERS.set(l, handler);
/** Longest first, so `passport no.` wins over `passport` and `email address` over `email`. */
const KEYS = [...HANDLERS.keys()].sort((a, b) => b.length - a.length);

const isBoundary = (ch: string | undefined): boolean => ch === undefined || /[\s:(,;.#-]/.test(ch);

/** The known label a text starts with (case-insensitive, whole words), with the rest of the text. */
export function matchLabel(text: string): { label: string; rest: string } | undefined {
  const lower = text.toLowerCase();
  for (const key of KEYS) {
    if (lower.startsWith(key) && (isBoundary(lower[key.length]) || /[.#]$/.test(key))) {
      return { label: text.slice(0, key.length), rest: text.slice(key.length).replace(/^\s*:?\s*/, '') };
    }
  }
  return undefined;
}

function handlerFor(label: string): Handler | undefined {
  const key = labelKey(label);
  const exact = HANDLERS.get(key);
  if (exact) return exact;
  // XML labels qualify the remark label: "Listing Date (EO 14024 Directive 2):", "Digital Currency Address - XBT".
  const m = matchLabel(key);
  return m ? HANDLERS.get(labelKey(m.label)) : undefined;
}

/** Applies one detail to the listing; unknown labels become notes. Never throws on odd values. */
export function applyDetail(b: OfacRecordBuilder, d: OfacDetail): void {
  const handler = handlerFor(d.label);
  if (handler) handler(b, d);
  else note(b, d);
}

/** Whether a label is one this module knows (for tests and for the remarks parser). */
export function isKnownLabel(label: string): boolean {
  return handlerFor(label) !== undefined;
}
