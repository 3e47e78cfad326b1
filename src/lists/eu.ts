import { countryCode } from '../ftm/countries.ts';
import { addValues, type FtmEntity, newEntity, slug } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import { clean } from './text.ts';
import type { ListImporter, ListRecord, ParseContext, ParseEvent } from './types.ts';
import { children, readXmlRecords, type XmlNode } from './xml.ts';

/**
 * EU Financial Sanctions Files (FSF) XML, schema 1.1 (`eu_fsf_20171012-FULL-schema-1_1.xsd`): root `export`,
 * one `sanctionEntity` per listing. Almost every value is an XML attribute; only `remark` and
 * `regulation/publicationUrl` are element text.
 */

const AUTHORITY = 'European Union';

/** An attribute value, whitespace-collapsed; the EU files write absent values as empty attributes. */
const attr = (node: XmlNode, name: string): string | undefined => clean(node.attrs[name]);

const isTrue = (value: string | undefined): boolean => value === 'true' || value === '1';

const textOf = (node: XmlNode): string | undefined => clean(node.text);

/** xs:date, which may carry a zone suffix (`2017-08-05+02:00`); we keep the calendar date. */
function isoDate(
  value: string | undefined,
  ctx: ParseContext,
  node: XmlNode,
  what: string,
): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m)
    throw new InputFormatError(
      ctx.file,
      `line ${node.line}`,
      `${what} "${value}" is not a date (YYYY-MM-DD)`,
    );
  return m[1];
}

/**
 * The EU writes `00` / `UNKNOWN` for an unknown country. The ISO code is usually right; the description is the
 * fallback for codes no longer in ISO 3166 (e.g. `CS`, Serbia and Montenegro).
 */
function countryOf(node: XmlNode): { code?: string; unmapped?: string } {
  const iso = attr(node, 'countryIso2Code');
  const description = attr(node, 'countryDescription');
  const known =
    description === undefined || description.toUpperCase() === 'UNKNOWN' ? undefined : description;
  const code =
    (iso && iso !== '00' ? countryCode(iso) : undefined) ?? (known ? countryCode(known) : undefined);
  if (code) return { code };
  return known ? { unmapped: known } : {};
}

/** Titles and functions are often enumerated in one attribute: `(a) Mullah, (b) Maulavi`. */
function splitEnumerated(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/\s*\([a-z]\)\s*/)
    .map((part) => part.replace(/^[,;\s]+|[,;\s]+$/g, ''))
    .filter((part) => part !== '');
}

const GENDERS: Record<string, string> = { M: 'male', F: 'female' };

/** Which FtM schema a subject type code maps to; the classification code (P/E) decides unknown codes. */
function schemaFor(subject: XmlNode): string {
  const code = attr(subject, 'code')?.toLowerCase();
  if (code === 'person') return 'Person';
  if (code === 'enterprise') return 'Organization';
  if (code === 'vessel' || code === 'ship') return 'Vessel';
  const classification = attr(subject, 'classificationCode');
  if (classification === 'P') return 'Person';
  if (classification === 'E') return 'Organization';
  return 'LegalEntity';
}

// IMO numbers occasionally appear only in remarks (`IMO number: 9123456`).
const IMO_IN_TEXT = /\bIMO\b[^0-9]{0,20}(\d{7})\b/gi;

/** Identification type codes that are properties of the entity rather than documents. */
const ID_PROPERTIES: Record<string, string> = {
  swiftbic: 'swiftBic',
  regnumber: 'registrationNumber',
  fiscalcode: 'taxNumber',
};

const LEGAL_ENTITY_SCHEMATA = new Set(['Person', 'Organization', 'Company', 'LegalEntity']);
const IMO_SCHEMATA = new Set(['Organization', 'Company', 'Vessel']);

function buildRecord(node: XmlNode, ctx: ParseContext): ListRecord {
  const where = `line ${node.line}`;
  const logicalId = attr(node, 'logicalId');
  if (logicalId === undefined)
    throw new InputFormatError(ctx.file, where, 'sanctionEntity without a logicalId');
  const subject = children(node, 'subjectType')[0];
  if (subject === undefined) {
    throw new InputFormatError(ctx.file, where, `sanctionEntity ${logicalId} has no subjectType`);
  }
  const schema = schemaFor(subject);
  const isPerson = schema === 'Person';
  const isLegalEntity = LEGAL_ENTITY_SCHEMATA.has(schema);
  const hasImo = IMO_SCHEMATA.has(schema);
  const entity = newEntity(`eu-${slug(logicalId)}`, schema);
  const adjuncts: FtmEntity[] = [];
  addValues(entity, 'topics', 'sanction');

  const remarks = children(node, 'remark').map(textOf);
  addValues(entity, 'notes', ...remarks);
  for (const info of children(node, 'additionalInformation')) {
    const key = attr(info, 'key');
    const value = attr(info, 'value');
    if (value) addValues(entity, 'notes', key ? `${key}: ${value}` : value);
  }
  if (hasImo) {
    for (const remark of remarks)
      for (const m of remark?.matchAll(IMO_IN_TEXT) ?? []) addValues(entity, 'imoNumber', m[1]);
  }

  // Sanction: the XSD allows one regulation, but the published files have carried several; all go on one Sanction.
  const sanction = newEntity(`${entity.id}-sanction`, 'Sanction');
  addValues(sanction, 'entity', entity.id);
  addValues(sanction, 'authority', AUTHORITY);
  const regimes: string[] = [];
  const publicationDates: string[] = [];
  for (const regulation of children(node, 'regulation')) {
    const programme = attr(regulation, 'programme');
    if (programme) {
      const regime = `eu-${programme}`;
      if (!regimes.includes(regime)) regimes.push(regime);
      addValues(sanction, 'programId', programme);
    }
    addValues(sanction, 'program', attr(regulation, 'numberTitle') ?? programme);
    addValues(sanction, 'sourceUrl', clean(children(regulation, 'publicationUrl')[0]?.text));
    const published = isoDate(attr(regulation, 'publicationDate'), ctx, regulation, 'publicationDate');
    if (published) publicationDates.push(published);
    const type = attr(regulation, 'regulationType');
    const title = attr(regulation, 'numberTitle');
    if (type && title) addValues(sanction, 'provisions', `${type} ${title}`);
  }
  const designated = isoDate(attr(node, 'designationDate'), ctx, node, 'designationDate');
  // Without a designation date, the earliest publication of the listing regulation is the best we know.
  addValues(sanction, 'listingDate', designated ?? publicationDates.sort()[0]);
  addValues(sanction, 'startDate', designated);
  addValues(sanction, 'endDate', isoDate(attr(node, 'delistingDate'), ctx, node, 'delistingDate'));
  addValues(sanction, 'reason', attr(node, 'designationDetails'));
  addValues(sanction, 'unscId', attr(node, 'unitedNationId'));
  addValues(sanction, 'authorityId', attr(node, 'euReferenceNumber'));

  applyNames(entity, children(node, 'nameAlias'), ctx, node, logicalId);

  for (const citizenship of children(node, 'citizenship')) {
    const { code, unmapped } = countryOf(citizenship);
    if (code) addValues(entity, isPerson ? 'nationality' : 'country', code);
    else if (unmapped) addValues(entity, 'notes', `Citizenship: ${unmapped}`);
  }

  for (const birth of children(node, 'birthdate')) applyBirth(entity, birth, ctx, isPerson);

  children(node, 'identification').forEach((id, index) => {
    const code = attr(id, 'identificationTypeCode') ?? 'other';
    const number = attr(id, 'number') ?? attr(id, 'latinNumber');
    const { code: country, unmapped } = countryOf(id);
    const idRemarks = children(id, 'remark').map(textOf);
    const lower = code.toLowerCase();
    if (number !== undefined && lower === 'imo' && hasImo) {
      addValues(entity, 'imoNumber', number);
      return;
    }
    const property = ID_PROPERTIES[lower];
    if (number !== undefined && property && isLegalEntity) {
      addValues(entity, property, number);
      addValues(entity, 'notes', ...idRemarks);
      return;
    }
    const isPassport = lower === 'passport';
    const kind = isPassport ? 'passport' : 'identification';
    // Documents are keyed by their number so the id survives reordering; numberless ones by position.
    const key = number !== undefined ? slug(number) || `n${index}` : `n${index}`;
    const docId = `${entity.id}-${kind}-${key}`;
    let doc = adjuncts.find((a) => a.id === docId);
    if (doc === undefined) {
      doc = newEntity(docId, isPassport ? 'Passport' : 'Identification');
      adjuncts.push(doc);
    }
    addValues(doc, 'holder', entity.id);
    addValues(doc, 'number', number, attr(id, 'latinNumber'));
    addValues(doc, 'type', attr(id, 'identificationTypeDescription') ?? code);
    addValues(doc, 'country', country);
    addValues(doc, 'authority', attr(id, 'issuedBy'));
    addValues(
      doc,
      'startDate',
      isoDate(attr(id, 'issueDate') ?? attr(id, 'validFrom'), ctx, id, 'issueDate'),
    );
    addValues(doc, 'endDate', isoDate(attr(id, 'validTo'), ctx, id, 'validTo'));
    const flags = ['diplomatic', 'knownExpired', 'knownFalse', 'reportedLost', 'revokedByIssuer'].filter(
      (f) => isTrue(attr(id, f)),
    );
    addValues(
      doc,
      'description',
      ...idRemarks,
      unmapped && `Country: ${unmapped}`,
      attr(id, 'nameOnDocument') && `Name on document: ${attr(id, 'nameOnDocument')}`,
      flags.length > 0 ? `Flags: ${flags.join(', ')}` : undefined,
    );
    if (isPassport && isPerson) addValues(entity, 'passportNumber', number);
    else if (isLegalEntity) addValues(entity, 'idNumber', number);
  });

  let addressIndex = 0;
  for (const address of children(node, 'address')) {
    const { code, unmapped } = countryOf(address);
    const parts = {
      street: attr(address, 'street'),
      poBox: attr(address, 'poBox'),
      zipCode: attr(address, 'zipCode'),
      city: attr(address, 'city'),
      place: attr(address, 'place'),
      region: attr(address, 'region'),
    };
    const contacts = children(address, 'contactInfo');
    const addressRemarks = children(address, 'remark').map(textOf);
    for (const contact of contacts) applyContact(entity, contact, isLegalEntity);
    const countryName = unmapped ?? (code ? attr(address, 'countryDescription') : undefined);
    const full = [
      parts.street,
      parts.poBox && `P.O. Box ${parts.poBox}`,
      parts.place,
      [parts.zipCode, parts.city].filter(Boolean).join(' ') || undefined,
      parts.region,
      countryName,
    ]
      .filter(Boolean)
      .join(', ');
    if (full === '') {
      addValues(entity, 'country', code);
      addValues(entity, 'notes', ...addressRemarks);
      continue;
    }
    addressIndex += 1;
    const address_ = newEntity(`${entity.id}-address-${addressIndex}`, 'Address');
    addValues(address_, 'full', full);
    addValues(address_, 'street', parts.street);
    addValues(address_, 'postOfficeBox', parts.poBox);
    addValues(address_, 'postalCode', parts.zipCode);
    addValues(address_, 'city', parts.city ?? parts.place);
    addValues(address_, 'region', parts.region);
    addValues(address_, 'country', code);
    addValues(address_, 'remarks', ...addressRemarks);
    if (isTrue(attr(address, 'asAtListingTime')))
      addValues(address_, 'remarks', 'Address at time of listing');
    adjuncts.push(address_);
    addValues(entity, 'address', full);
    addValues(entity, 'addressEntity', address_.id);
    addValues(entity, 'country', code);
  }

  return {
    entity,
    adjuncts: [sanction, ...adjuncts],
    sourceRef: logicalId,
    location: where,
    regimes,
  };
}

function applyNames(
  entity: FtmEntity,
  aliases: XmlNode[],
  ctx: ParseContext,
  node: XmlNode,
  logicalId: string,
): void {
  const isPerson = entity.schema === 'Person';
  const named = aliases
    .map((alias) => {
      const first = attr(alias, 'firstName');
      const middle = attr(alias, 'middleName');
      const last = attr(alias, 'lastName');
      const whole = attr(alias, 'wholeName') ?? clean([first, middle, last].filter(Boolean).join(' '));
      const language = attr(alias, 'nameLanguage')?.toUpperCase();
      // An absent strong flag means a regular name; only an explicit false marks a weak one.
      const weak =
        alias.attrs.strong !== undefined &&
        alias.attrs.strong.trim() !== '' &&
        !isTrue(attr(alias, 'strong'));
      return { alias, first, middle, last, whole, weak, latin: language === undefined || language === 'EN' };
    })
    .filter((a) => a.whole !== undefined);
  if (named.length === 0) {
    throw new InputFormatError(ctx.file, `line ${node.line}`, `sanctionEntity ${logicalId} has no name`);
  }
  // The primary name is the first strong name in the list's own (Latin) script; original-script names are aliases.
  const primary = named.find((a) => !a.weak && a.latin) ?? named.find((a) => !a.weak) ?? named[0];
  for (const a of named) {
    const property = a === primary ? 'name' : a.weak ? 'weakAlias' : 'alias';
    addValues(entity, property, a.whole);
    if (isPerson) {
      if (!a.weak) {
        addValues(entity, 'firstName', a.first);
        addValues(entity, 'middleName', a.middle);
        addValues(entity, 'lastName', a.last);
      }
      const gender = GENDERS[attr(a.alias, 'gender') ?? ''];
      addValues(entity, 'gender', gender);
      addValues(entity, 'title', ...splitEnumerated(attr(a.alias, 'title')));
      addValues(entity, 'position', ...splitEnumerated(attr(a.alias, 'function')));
    } else {
      addValues(entity, 'notes', attr(a.alias, 'function'));
    }
    addValues(entity, 'notes', ...children(a.alias, 'remark').map(textOf));
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function applyBirth(entity: FtmEntity, birth: XmlNode, ctx: ParseContext, isPerson: boolean): void {
  const dates: string[] = [];
  const full = isoDate(attr(birth, 'birthdate'), ctx, birth, 'birthdate');
  const year = Number(attr(birth, 'year'));
  const month = Number(attr(birth, 'monthOfYear'));
  const day = Number(attr(birth, 'dayOfMonth'));
  if (full) dates.push(full);
  else if (Number.isInteger(year) && year > 0) {
    if (month >= 1 && month <= 12) {
      dates.push(day >= 1 && day <= 31 ? `${year}-${pad2(month)}-${pad2(day)}` : `${year}-${pad2(month)}`);
    } else dates.push(String(year));
  }
  const from = Number(attr(birth, 'yearRangeFrom'));
  const to = Number(attr(birth, 'yearRangeTo'));
  // A range "between 1960 and 1962" becomes each year in it, as OpenSanctions does; absurd ranges stay a note.
  if (dates.length === 0 && Number.isInteger(from) && Number.isInteger(to) && from > 0 && to >= from) {
    if (to - from <= 20) for (let y = from; y <= to; y += 1) dates.push(String(y));
  }
  const { code, unmapped } = countryOf(birth);
  const place = [
    attr(birth, 'place'),
    attr(birth, 'city'),
    attr(birth, 'region'),
    unmapped ?? (code && attr(birth, 'countryDescription')),
  ]
    .filter(Boolean)
    .join(', ');
  const notes: string[] = [];
  const calendar = attr(birth, 'calendarType');
  if (calendar && calendar !== 'GREGORIAN') notes.push(`Birth date given in the ${calendar} calendar`);
  if (isTrue(attr(birth, 'circa')) && dates.length > 0) notes.push(`Born circa ${dates.join(' / ')}`);
  if (dates.length === 0 && from > 0 && to > 0) notes.push(`Born between ${from} and ${to}`);
  if (isPerson) {
    addValues(entity, 'birthDate', ...dates);
    addValues(entity, 'birthPlace', place || undefined);
    addValues(entity, 'birthCountry', code);
  } else if (dates.length > 0 || place) {
    notes.push(`Date/place of origin: ${[dates.join(' / '), place].filter(Boolean).join(', ')}`);
  }
  addValues(entity, 'notes', ...notes);
  addValues(entity, 'notes', ...children(birth, 'remark').map(textOf));
}

const CONTACT_PROPERTIES: Record<string, string> = {
  PHONE: 'phone',
  FAX: 'phone',
  EMAIL: 'email',
  WEB: 'website',
};

function applyContact(entity: FtmEntity, contact: XmlNode, isLegalEntity: boolean): void {
  const key = attr(contact, 'key')?.toUpperCase();
  const value = attr(contact, 'value');
  if (value === undefined) return;
  const property = key ? CONTACT_PROPERTIES[key] : undefined;
  if (property && isLegalEntity) {
    addValues(entity, property, ...value.split(/\s*[;,]\s*|\s+and\s+/).map((v) => v.trim()));
  } else {
    addValues(entity, 'notes', `${key ?? 'Contact'}: ${value}`);
  }
}

export const euFsfXmlImporter: ListImporter = {
  source: 'eu',
  format: 'eu-fsf-xml',

  detect(head: string): boolean {
    return (
      /<(?:[\w.-]+:)?export[\s>]/.test(head) &&
      (head.includes('fpi/fsd/export') || head.includes('sanctionEntity'))
    );
  },

  async *parse(input, ctx): AsyncGenerator<ParseEvent> {
    let publishedAt: string | undefined;
    let metaSent = false;
    const meta = (): ParseEvent => ({
      kind: 'meta',
      meta: { source: 'eu', format: 'eu-fsf-xml', ...(publishedAt ? { publishedAt } : {}) },
    });
    const records = readXmlRecords(input, {
      file: ctx.file,
      isRecord: (path) => path.length === 2 && path[1] === 'sanctionEntity',
      onOpen: (path, attrs) => {
        if (path.length !== 1) return;
        if (path[0] !== 'export') {
          throw new InputFormatError(
            ctx.file,
            'root element',
            `root element is <${path[0]}>, expected <export> (not an EU Financial Sanctions Files XML)`,
          );
        }
        const generated = clean(attrs.generationDate);
        if (generated !== undefined) {
          if (Number.isNaN(Date.parse(generated))) {
            throw new InputFormatError(
              ctx.file,
              'root element',
              `generationDate "${generated}" is not a date-time`,
            );
          }
          publishedAt = generated;
        }
      },
    });
    for await (const { node } of records) {
      if (!metaSent) {
        metaSent = true;
        yield meta();
      }
      yield { kind: 'record', record: buildRecord(node, ctx) };
    }
    if (!metaSent) yield meta();
  },
};
