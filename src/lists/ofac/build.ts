/**
 * Building one OFAC listing as FtM entities, shared by the three OFAC formats so that the same listing read
 * from sdn.csv, SDN.XML or the advanced XML gives the same ids and the same properties.
 *
 * - Ids: `ofac-<ent_num>` (the advanced XML's DistinctParty FixedRef is the same number), adjuncts
 *   `ofac-<ent_num>-<kind>-<key>` with keys the list gives (address number, document number), so they stay put
 *   between versions.
 * - A value whose property the schema lacks (a "DOB" on a company, an MMSI on an organisation) is kept as a
 *   note `Label: value` instead of being dropped or put on a property FtM does not have.
 */
import { countryCode } from '../../ftm/countries.ts';
import { addValues, type FtmEntity, newEntity, slug } from '../../ftm/types.ts';
import { clean } from '../text.ts';
import type { ListRecord } from '../types.ts';
import { programRegime } from './programs.ts';

export const AUTHORITY = 'Office of Foreign Assets Control (US Treasury)';
const DETAILS_URL = 'https://sanctionssearch.ofac.treas.gov/Details.aspx?id=';

// The FtM properties this importer writes, per schema, inherited ones included (a subset of the model;
// a test checks it against the real FtM model so it cannot drift).
const THING = [
  'name',
  'alias',
  'weakAlias',
  'previousName',
  'notes',
  'country',
  'address',
  'addressEntity',
  'topics',
  'sourceUrl',
  'description',
];
const LEGAL_ENTITY = [
  ...THING,
  'email',
  'phone',
  'website',
  'idNumber',
  'registrationNumber',
  'taxNumber',
  'vatCode',
  'leiCode',
  'dunsCode',
  'swiftBic',
  'licenseNumber',
  'incorporationDate',
  'jurisdiction',
  'sector',
  'classification',
];
const PERSON = [
  ...LEGAL_ENTITY,
  'firstName',
  'middleName',
  'lastName',
  'fatherName',
  'motherName',
  'title',
  'position',
  'birthDate',
  'birthPlace',
  'nationality',
  'citizenship',
  'gender',
  'passportNumber',
  'socialSecurityNumber',
];
const ORGANIZATION = [...LEGAL_ENTITY, 'imoNumber'];
const COMPANY = [...ORGANIZATION, 'isinCode', 'ticker', 'bikCode'];
const VEHICLE = [...THING, 'buildDate', 'model', 'registrationNumber', 'type'];
const VESSEL = [
  ...VEHICLE,
  'imoNumber',
  'mmsi',
  'callSign',
  'flag',
  'pastFlags',
  'tonnage',
  'grossRegisteredTonnage',
];
const AIRPLANE = [...VEHICLE, 'serialNumber', 'manufacturer'];

export const SCHEMA_PROPS: Readonly<Record<string, ReadonlySet<string>>> = {
  Person: new Set(PERSON),
  Organization: new Set(ORGANIZATION),
  Company: new Set(COMPANY),
  LegalEntity: new Set(LEGAL_ENTITY),
  Vessel: new Set(VESSEL),
  Airplane: new Set(AIRPLANE),
};

// OFAC writes a few places no country table should map in general ("Palestinian" is a nationality word,
// "Region: Gaza" an address qualifier); these are what they mean on this list.
const OFAC_COUNTRIES: Record<string, string> = {
  palestinian: 'ps',
  'region: gaza': 'ps',
  'region: west bank': 'ps',
  gaza: 'ps',
  'west bank': 'ps',
};

/** A country as OFAC writes it -> ISO alpha-2 (lowercase), or undefined when it does not map. */
export function ofacCountry(raw: string | undefined): string | undefined {
  const v = clean(raw);
  if (!v) return undefined;
  const extra = OFAC_COUNTRIES[v.toLowerCase()];
  if (extra) return extra;
  const code = countryCode(v);
  if (code) return code;
  return v.startsWith('Region: ') ? countryCode(v.slice(8)) : undefined;
}

// Legal-form words at the end of a name that make an "entity" a company rather than any organisation.
const COMPANY_FORMS = new Set(
  [
    'LTD',
    'LIMITED',
    'LLC',
    'LLP',
    'PLC',
    'INC',
    'INCORPORATED',
    'CORP',
    'CORPORATION',
    'CO',
    'COMPANY',
    'CIA',
    'LTDA',
    'JSC',
    'OJSC',
    'CJSC',
    'PJSC',
    'OAO',
    'ZAO',
    'PAO',
    'AO',
    'OOO',
    'TOO',
    'EOOD',
    'OOD',
    'GMBH',
    'AG',
    'KG',
    'SARL',
    'SAL',
    'SA',
    'SAS',
    'SRL',
    'SPA',
    'SL',
    'BV',
    'NV',
    'CV',
    'RL',
    'CA',
    'SAC',
    'LDA',
    'EIRL',
    'FZE',
    'FZCO',
    'FZC',
    'FZ-LLC',
    'DMCC',
    'BHD',
    'PTE',
    'PVT',
    'SIRKETI',
    'AS',
    'AB',
    'OY',
    'SPZOO',
    'KFT',
    'DOO',
    'AD',
    'TRADING',
    'SHIPPING',
    'HOLDING',
    'HOLDINGS',
  ].map((w) => w.replace(/[^A-Z]/g, '')),
);

/**
 * Company when the name's last word is a legal form (`... CO., LTD.`, `... LLC`, `... S.A. DE C.V.`, `... JSC`)
 * or a trading/shipping/holding word, else Organization: OFAC's "entity" also covers armed groups,
 * ministries, parties and networks, and calling those companies would be wrong. FtM's Company is an
 * Organization, so a matcher that looks for organisations still finds the companies.
 */
export function entitySchema(name: string): 'Company' | 'Organization' {
  const words = name
    .toUpperCase()
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s,]+/)
    .filter((w) => w !== '');
  const last = words.at(-1)?.replace(/[^A-Z]/g, '') ?? '';
  return COMPANY_FORMS.has(last) ? 'Company' : 'Organization';
}

export interface AddressParts {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** The country as the list writes it. */
  country?: string;
  /** Its ISO code when the caller knows it better than the name does. */
  countryCode?: string;
  remarks?: string;
}

export interface DocumentParts {
  /** Passport -> Passport adjunct, anything else -> Identification. */
  passport: boolean;
  type: string;
  number: string;
  country?: string;
  issued?: string;
  expires?: string;
  authority?: string;
  note?: string;
}

/** One listing under construction: the designated entity, its Sanction, and the other adjuncts. */
export class OfacRecordBuilder {
  readonly ref: string;
  readonly entity: FtmEntity;
  readonly sanction: FtmEntity;
  readonly programs: string[] = [];
  private readonly adjuncts = new Map<string, FtmEntity>();
  private readonly props: ReadonlySet<string>;

  constructor(ref: string, schema: string) {
    this.ref = ref;
    this.entity = newEntity(`ofac-${slug(ref)}`, schema);
    this.props = SCHEMA_PROPS[schema] ?? SCHEMA_PROPS.LegalEntity;
    addValues(this.entity, 'topics', 'sanction');
    this.sanction = newEntity(`${this.entity.id}-sanction`, 'Sanction');
    addValues(this.sanction, 'entity', this.entity.id);
    addValues(this.sanction, 'authority', AUTHORITY);
    addValues(this.sanction, 'country', 'us');
    addValues(this.sanction, 'authorityId', ref);
    addValues(this.sanction, 'sourceUrl', `${DETAILS_URL}${encodeURIComponent(ref)}`);
  }

  /**
   * A builder over a record built earlier (and held, e.g. serialised, until data that comes later in the
   * file arrives), so more details, programs and adjuncts can be added the same way.
   */
  static resume(record: ListRecord): OfacRecordBuilder {
    const b = new OfacRecordBuilder(record.sourceRef, record.entity.schema);
    const sanction = record.adjuncts.find((a) => a.id === b.sanction.id);
    Object.assign(b.entity.properties, record.entity.properties);
    if (sanction) Object.assign(b.sanction.properties, sanction.properties);
    for (const a of record.adjuncts) if (a !== sanction) b.adjuncts.set(a.id, a);
    for (const code of record.regimes) b.programs.push(code.replace(/^ofac-/, ''));
    return b;
  }

  get id(): string {
    return this.entity.id;
  }

  get schema(): string {
    return this.entity.schema;
  }

  has(prop: string): boolean {
    return this.props.has(prop);
  }

  /** Adds values to a property of the entity, or keeps them as notes `label: value` when it has none. */
  set(prop: string, label: string, ...values: Array<string | undefined>): void {
    if (this.props.has(prop)) addValues(this.entity, prop, ...values);
    else for (const v of values) if (v) this.note(`${label}: ${v}`);
  }

  /** A country property: mapped to its code, or a note with the name when it does not map. */
  setCountry(prop: string, label: string, raw: string | undefined): void {
    const v = clean(raw);
    if (!v) return;
    const code = ofacCountry(v);
    if (code && this.props.has(prop)) addValues(this.entity, prop, code);
    else this.note(`${label}: ${v}`);
  }

  note(text: string | undefined): void {
    addValues(this.entity, 'notes', clean(text));
  }

  /** The adjunct with this id, created on first use. */
  adjunct(id: string, schema: string): FtmEntity {
    let e = this.adjuncts.get(id);
    if (!e) {
      e = newEntity(id, schema);
      this.adjuncts.set(id, e);
    }
    return e;
  }

  addPrograms(codes: readonly string[]): void {
    for (const code of codes) {
      if (this.programs.includes(code)) continue;
      this.programs.push(code);
      addValues(this.sanction, 'program', code);
      addValues(this.sanction, 'programId', programRegime(code));
    }
  }

  /**
   * An address. Country-only addresses just set `country` (an Address entity saying "Cuba" helps nobody);
   * anything more becomes an Address adjunct keyed by the list's own address number.
   */
  addAddress(key: string, parts: AddressParts): void {
    const country = clean(parts.country);
    const code = ofacCountry(country) ?? ofacCountry(parts.countryCode);
    if (code) addValues(this.entity, 'country', code);
    const street = clean(parts.street);
    const city = clean(parts.city);
    const region = clean(parts.region);
    const postalCode = clean(parts.postalCode);
    const remarks = clean(parts.remarks);
    if (!street && !city && !region && !postalCode) {
      if (country && !code) this.note(`Address: ${country}`);
      if (remarks) this.note(`Address remarks: ${remarks}`);
      return;
    }
    const full = [street, city, region, postalCode, country].filter(Boolean).join(', ');
    const address = this.adjunct(`${this.id}-address-${slug(key)}`, 'Address');
    addValues(address, 'full', full);
    addValues(address, 'street', street);
    addValues(address, 'city', city);
    addValues(address, 'region', region);
    addValues(address, 'postalCode', postalCode);
    addValues(address, 'country', code);
    addValues(address, 'remarks', remarks);
    addValues(this.entity, 'address', full);
    addValues(this.entity, 'addressEntity', address.id);
  }

  /** A passport or other identity/registration document: an adjunct, and the number on the entity. */
  addDocument(doc: DocumentParts, entityProp: string | undefined): void {
    const number = clean(doc.number);
    if (!number) return;
    if (entityProp) this.set(entityProp, doc.type, number);
    const kind = doc.passport ? 'passport' : 'id';
    const e = this.adjunct(
      `${this.id}-${kind}-${slug(number) || 'x'}`,
      doc.passport ? 'Passport' : 'Identification',
    );
    addValues(e, 'holder', this.id);
    addValues(e, 'number', number);
    addValues(e, 'type', doc.type);
    addValues(e, 'authority', doc.authority);
    if (doc.country) {
      const code = ofacCountry(doc.country);
      if (code) addValues(e, 'country', code);
      else addValues(e, 'description', `Country: ${doc.country}`);
    }
    addValues(e, 'startDate', doc.issued);
    addValues(e, 'endDate', doc.expires);
    addValues(e, 'description', doc.note);
  }

  /** The finished record: the designated entity, its Sanction first, then the other adjuncts. */
  build(location: string): ListRecord {
    return {
      entity: this.entity,
      adjuncts: [this.sanction, ...this.adjuncts.values()],
      sourceRef: this.ref,
      location,
      regimes: this.programs.map(programRegime),
    };
  }
}

/**
 * A person's name as OFAC writes it, `LAST, First Middle`: the part before the first comma is the last
 * name, the rest the given names. The listed form stays the `name`; we do not add the natural order
 * ("Jong Un KIM") as an alias, because first/last name parts already let a matcher compose either order
 * and an extra alias would double every person's name variants.
 */
export function splitPersonName(name: string): { lastName?: string; firstName?: string } {
  const i = name.indexOf(',');
  if (i < 0) return {};
  const lastName = clean(name.slice(0, i));
  const firstName = clean(name.slice(i + 1));
  return lastName && firstName ? { lastName, firstName } : {};
}
