/**
 * UN Security Council Consolidated List (`consolidated.xml`) -> FtM.
 *
 * Mapping choices (why, where the XML leaves room):
 * - INDIVIDUAL -> Person, ENTITY -> Organization. The UN "entity" covers groups, fronts, banks, ministries
 *   and companies alike and the file does not say which, so we do not guess Company. No vessel is listed as
 *   an entity; the 7-digit "IMO number" in DPRK shipping-company comments is the IMO *company* number, which
 *   FtM keeps on Organization.imoNumber (not a ship's number: no Vessel is made from it).
 * - Name parts are positional, not semantic (Korean names put the surname in FIRST_NAME, Arabic ones a
 *   patronym in SECOND_NAME), so FIRST/SECOND go to firstName/secondName, THIRD/FOURTH to middleName, no
 *   lastName is claimed, and `name` is the parts joined in list order: the one the UN prints.
 * - NAME_ORIGINAL_SCRIPT goes to `alias`, so `name` stays the single Latin-script caption a UI shows.
 * - Alias QUALITY: Good / a.k.a. / empty -> alias, Low -> weakAlias, f.k.a. -> previousName. Semicolon-packed
 *   aliases are split, also the `X (a; b)` form. Birth data given under an alias is added to the person.
 * - Dates: exact -> as written (date or year); approximately -> the value plus a note; between -> every year
 *   of the range (as OpenSanctions does, so a matcher compares years), plus a note. Date offsets the old
 *   layout appends (`2001-01-25-05:00`) are dropped: they are dates, not instants.
 * - Documents: Passport -> Passport adjunct + passportNumber; anything else -> Identification (+ idNumber)
 *   with TYPE_OF_DOCUMENT2 as its type. Numbers written as prose ("Afghan passport number SE 012820") are
 *   cut to the number, the prose kept in the adjunct's description. Without a number: a note, no adjunct.
 * - Addresses: country-only -> entity.country; anything more -> Address adjunct (id from a hash of the full
 *   text, so reordering does not change ids) linked by addressEntity, plus the full text in `address`.
 * - Sanction adjunct: program = UN_LIST_TYPE, programId = our regime code, unscId = reference,
 *   authorityId = DATAID (the UN's own record id), listingDate = LISTED_ON, modifiedAt = LAST_DAY_UPDATED.
 * - INTERPOL-UN notice link -> sourceUrl (from INTERPOL_LINK, or from the comments in files before that tag,
 *   so both layouts give the same entity). "Gender: Male" in comments (or GENDER) -> gender.
 * - Country names map to ISO codes via countries.ts; a name that does not map is kept in a note.
 */
import { createHash } from 'node:crypto';
import { countryCode } from '../ftm/countries.ts';
import { addValues, type FtmEntity, newEntity, slug } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import type { ByteSource, ListImporter, ListMeta, ListRecord, ParseContext, ParseEvent } from './types.ts';
import { children, childText, childTexts, readXmlRecords, type XmlNode } from './xml.ts';

const ROOT = 'CONSOLIDATED_LIST';
const AUTHORITY = 'United Nations Security Council';

const REGIME_BY_PREFIX: Record<string, string> = {
  KP: 'un-dprk',
  QD: 'un-isil-aq',
  TA: 'un-taliban',
  IQ: 'un-iraq',
  CD: 'un-drc',
  SD: 'un-sudan',
  SO: 'un-somalia',
  LY: 'un-libya',
  GB: 'un-guinea-bissau',
  CF: 'un-car',
  YE: 'un-yemen',
  SS: 'un-south-sudan',
  ML: 'un-mali',
  HT: 'un-haiti',
  IR: 'un-iran',
};

/** The root may follow an XML declaration and comments; anything else first is not this format. */
const ROOT_RE =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?CONSOLIDATED_LIST[\s>/]/;

export const unXmlImporter: ListImporter = {
  source: 'un',
  format: 'un-xml',
  detect(head: string): boolean {
    return ROOT_RE.test(head.replace(/^\uFEFF/, ''));
  },
  parse: parseUnXml,
};

async function* parseUnXml(input: ByteSource, ctx: ParseContext): AsyncGenerator<ParseEvent> {
  const meta: ListMeta = { source: 'un', format: 'un-xml' };
  const records = readXmlRecords(input, {
    file: ctx.file,
    isRecord: (path) =>
      path.length === 3 &&
      path[0] === ROOT &&
      ((path[1] === 'INDIVIDUALS' && path[2] === 'INDIVIDUAL') ||
        (path[1] === 'ENTITIES' && path[2] === 'ENTITY')),
    onOpen: (path, attrs, line) => {
      if (path.length !== 1) return;
      if (path[0] !== ROOT) {
        throw new InputFormatError(
          ctx.file,
          `line ${line}`,
          `root element is <${path[0]}>, not <${ROOT}>: not a UN list`,
        );
      }
      const published = isoTimestamp(attrs.dateGenerated);
      if (published) meta.publishedAt = published;
      // The calendar date the file states (its own time zone), which is how people name list versions.
      const localDate = /^\d{4}-\d{2}-\d{2}/.exec(attrs.dateGenerated?.trim() ?? '')?.[0];
      if (localDate) meta.publishedDate = localDate;
    },
  });
  let metaSent = false;
  const seen = new Set<string>();
  for await (const { node } of records) {
    if (!metaSent) {
      metaSent = true;
      yield { kind: 'meta', meta };
    }
    const record = readRecord(node, ctx.file);
    if (seen.has(record.entity.id)) {
      throw new InputFormatError(ctx.file, record.location, `reference ${record.sourceRef} is listed twice`);
    }
    seen.add(record.entity.id);
    yield { kind: 'record', record };
  }
  if (!metaSent) yield { kind: 'meta', meta };
}

/** Everything one listing becomes, collected before it is frozen into a ListRecord. */
interface Draft {
  entity: FtmEntity;
  adjuncts: Map<string, FtmEntity>;
  notes: string[];
}

function readRecord(node: XmlNode, file: string): ListRecord {
  const isPerson = node.name === 'INDIVIDUAL';
  const ref = childText(node, 'REFERENCE_NUMBER');
  if (!ref) throw new InputFormatError(file, `line ${node.line}`, `<${node.name}> has no REFERENCE_NUMBER`);
  const id = `un-${slug(ref)}`;
  const draft: Draft = {
    entity: newEntity(id, isPerson ? 'Person' : 'Organization'),
    adjuncts: new Map(),
    notes: [],
  };
  const { entity } = draft;

  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((tag) => childText(node, tag));
  const name = parts.filter((p) => p !== undefined).join(' ');
  if (name === '') throw new InputFormatError(file, `line ${node.line} (${ref})`, 'record has no name');
  addValues(entity, 'name', name);
  if (isPerson) {
    addValues(entity, 'firstName', parts[0]);
    addValues(entity, 'secondName', parts[1]);
    addValues(entity, 'middleName', parts[2], parts[3]);
  }
  addValues(entity, 'alias', ...childTexts(node, 'NAME_ORIGINAL_SCRIPT'));
  addValues(entity, 'topics', 'sanction');

  const comments = childText(node, 'COMMENTS1');
  addValues(entity, 'notes', comments);
  const interpol = childText(node, 'INTERPOL_LINK') ?? interpolLinkIn(comments);
  addValues(entity, 'sourceUrl', interpol);

  for (const alias of children(node, isPerson ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) readAlias(draft, alias);
  for (const address of children(node, isPerson ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS')) {
    readAddress(draft, address);
  }

  if (isPerson) {
    addValues(entity, 'title', ...values(node, 'TITLE'));
    addValues(entity, 'position', ...values(node, 'DESIGNATION'));
    for (const nationality of values(node, 'NATIONALITY'))
      addCountry(draft, 'nationality', nationality, 'Nationality');
    for (const dob of children(node, 'INDIVIDUAL_DATE_OF_BIRTH')) readBirthDate(draft, dob);
    for (const pob of children(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) readBirthPlace(draft, pob);
    for (const doc of children(node, 'INDIVIDUAL_DOCUMENT')) readDocument(draft, doc);
    for (const g of [...childTexts(node, 'GENDER'), ...genderIn(comments)])
      addValues(entity, 'gender', gender(g));
  } else if (comments) {
    // IMO company numbers and SWIFT codes are only given inside the comments.
    for (const m of comments.matchAll(/\bIMO\b(?:\s+(?:company\s+)?(?:number|no\.?))?\s*:?\s*(\d{7})\b/gi)) {
      addValues(entity, 'imoNumber', m[1]);
    }
    for (const m of comments.matchAll(
      /\bSWIFT(?:\/BIC)?(?:\s+code)?\s*:?\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/g,
    )) {
      addValues(entity, 'swiftBic', m[1]);
    }
  }

  const prefix = ref.slice(0, 2).toUpperCase();
  const listType = childText(node, 'UN_LIST_TYPE');
  const regime = REGIME_BY_PREFIX[prefix] ?? (listType ? `un-${slug(listType)}` : 'un-other');
  const sanction = newEntity(`${id}-sanction`, 'Sanction');
  addValues(sanction, 'entity', id);
  addValues(sanction, 'authority', AUTHORITY);
  addValues(sanction, 'program', listType);
  addValues(sanction, 'programId', regime);
  addValues(sanction, 'unscId', ref);
  addValues(sanction, 'authorityId', childText(node, 'DATAID'));
  addValues(sanction, 'listingDate', isoDate(childText(node, 'LISTED_ON')));
  addValues(sanction, 'modifiedAt', ...values(node, 'LAST_DAY_UPDATED').map(isoDate));
  for (const by of childTexts(node, 'SUBMITTED_BY')) addValues(sanction, 'description', `Submitted by ${by}`);
  for (const on of childTexts(node, 'SUBMITTED_ON')) addValues(sanction, 'description', `Submitted on ${on}`);

  addValues(entity, 'notes', ...draft.notes);
  return {
    entity,
    adjuncts: [sanction, ...draft.adjuncts.values()],
    sourceRef: ref,
    location: `line ${node.line}`,
    regimes: [regime],
  };
}

function readAlias(draft: Draft, node: XmlNode): void {
  const { entity } = draft;
  const raw = childText(node, 'ALIAS_NAME');
  const quality = (childText(node, 'QUALITY') ?? '').toLowerCase();
  if (raw) {
    const prop = quality === 'low' ? 'weakAlias' : quality === 'f.k.a.' ? 'previousName' : 'alias';
    addValues(entity, prop, ...splitAliases(raw));
  }
  if (entity.schema !== 'Person') {
    const note = childText(node, 'NOTE');
    if (note) draft.notes.push(`Alias ${raw ?? ''}: ${note}`);
    return;
  }
  addValues(entity, 'birthDate', isoDate(childText(node, 'DATE_OF_BIRTH')));
  const city = childText(node, 'CITY_OF_BIRTH');
  const country = childText(node, 'COUNTRY_OF_BIRTH');
  addValues(entity, 'birthPlace', joinParts([city, country]));
  if (country) addCountry(draft, 'birthCountry', country, 'Country of birth');
  const note = childText(node, 'NOTE');
  if (note) draft.notes.push(`Alias ${raw ?? ''}: ${note}`);
}

/**
 * Splits `a; b; c` and `X (a; b)` into names. Semicolons inside other brackets stay, and a trailing
 * "(original script)" marker is dropped because it is not part of the name.
 */
export function splitAliases(raw: string): string[] {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text.includes(';')) return text ? [stripScriptMarker(text)] : [];
  const out: string[] = [];
  // `X (a; b; c)`: the last top-level bracket group closes the string and holds the list.
  let depth = 0;
  let lastOpen = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') {
      if (depth === 0) lastOpen = i;
      depth++;
    } else if (text[i] === ')' && depth > 0) depth--;
  }
  let list = text;
  if (
    lastOpen > 0 &&
    text.endsWith(')') &&
    depth === 0 &&
    splitTop(text.slice(lastOpen + 1, -1)).length > 1
  ) {
    out.push(text.slice(0, lastOpen));
    list = text.slice(lastOpen + 1, -1);
  }
  out.push(...splitTop(list));
  return out.map((s) => stripScriptMarker(s.trim())).filter((s) => s !== '');
}

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const stripScriptMarker = (s: string): string => s.replace(/\s*\(original script\)\s*$/i, '').trim();

function readAddress(draft: Draft, node: XmlNode): void {
  const street = childText(node, 'STREET');
  const city = childText(node, 'CITY');
  const state = childText(node, 'STATE_PROVINCE');
  const zip = childText(node, 'ZIP_CODE');
  const country = childText(node, 'COUNTRY');
  const note = childText(node, 'NOTE');
  const code = country ? addCountry(draft, 'country', country, 'Address country') : undefined;
  if (!street && !city && !state && !zip) {
    if (note) draft.notes.push(`Address: ${joinParts([country, note])}`);
    return;
  }
  const full = joinParts([street, city, state, zip, country])!;
  const id = `${draft.entity.id}-address-${shortHash(full.toLowerCase())}`;
  let address = draft.adjuncts.get(id);
  if (!address) {
    address = newEntity(id, 'Address');
    draft.adjuncts.set(id, address);
  }
  addValues(address, 'full', full);
  addValues(address, 'street', street);
  addValues(address, 'city', city);
  addValues(address, 'state', state);
  addValues(address, 'postalCode', zip);
  addValues(address, 'country', code);
  addValues(address, 'remarks', note);
  addValues(draft.entity, 'address', full);
  addValues(draft.entity, 'addressEntity', id);
}

function readBirthDate(draft: Draft, node: XmlNode): void {
  const { entity } = draft;
  const kind = (childText(node, 'TYPE_OF_DATE') ?? '').toUpperCase();
  const raw = childText(node, 'DATE') ?? childText(node, 'YEAR');
  const note = childText(node, 'NOTE');
  const date = isoDate(raw);
  if (raw && !date) draft.notes.push(`Date of birth: ${raw}`);
  addValues(entity, 'birthDate', date);
  const from = Number(childText(node, 'FROM_YEAR'));
  const to = Number(childText(node, 'TO_YEAR'));
  if (Number.isInteger(from) && Number.isInteger(to) && from > 999 && to >= from) {
    // A span wider than this is not an age estimate but a data slip; its endpoints are all we trust.
    const years = to - from <= 20 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [from, to];
    addValues(entity, 'birthDate', ...years.map(String));
    draft.notes.push(`Date of birth: between ${from} and ${to}${note ? ` (${note})` : ''}`);
  } else if (kind === 'APPROXIMATELY') {
    draft.notes.push(`Date of birth: approximately ${[date, note].filter(Boolean).join(', ')}`);
  } else if (note) {
    draft.notes.push(`Date of birth${date ? ` ${date}` : ''}: ${note}`);
  }
}

function readBirthPlace(draft: Draft, node: XmlNode): void {
  const country = childText(node, 'COUNTRY');
  addValues(
    draft.entity,
    'birthPlace',
    joinParts([
      childText(node, 'STREET'),
      childText(node, 'CITY'),
      childText(node, 'STATE_PROVINCE'),
      country,
    ]),
  );
  if (country) addCountry(draft, 'birthCountry', country, 'Country of birth');
  const note = childText(node, 'NOTE');
  if (note) draft.notes.push(`Place of birth: ${note}`);
}

function readDocument(draft: Draft, node: XmlNode): void {
  const { entity } = draft;
  const type = childText(node, 'TYPE_OF_DOCUMENT');
  const subtype = childText(node, 'TYPE_OF_DOCUMENT2')?.replace(/[\s:]+$/, '');
  const raw = childText(node, 'NUMBER');
  const note = childText(node, 'NOTE');
  if (!type && !subtype && !raw && !note) return; // the empty <INDIVIDUAL_DOCUMENT/> placeholder
  const label = subtype ?? type ?? 'Document';
  if (!raw) {
    if (note) draft.notes.push(`${label}: ${note}`);
    return;
  }
  const { number, prose } = splitDocumentNumber(raw);
  const isPassport = /pas(?:s|a)?(?:e)?port/i.test(type ?? subtype ?? '');
  const kind = isPassport ? 'passport' : 'id';
  const id = `${entity.id}-${kind}-${slug(number).slice(0, 64)}`;
  let doc = draft.adjuncts.get(id);
  if (!doc) {
    doc = newEntity(id, isPassport ? 'Passport' : 'Identification');
    draft.adjuncts.set(id, doc);
  }
  addValues(doc, 'holder', entity.id);
  addValues(doc, 'number', number);
  addValues(doc, 'type', label);
  const issuer = childText(node, 'ISSUING_COUNTRY') ?? childText(node, 'COUNTRY_OF_ISSUE');
  if (issuer) {
    const code = countryCode(issuer);
    addValues(doc, 'country', code);
    if (!code) addValues(doc, 'description', `Issued by ${issuer}`);
  }
  addValues(doc, 'startDate', isoDate(childText(node, 'DATE_OF_ISSUE')));
  addValues(doc, 'endDate', isoDate(childText(node, 'DATE_OF_EXPIRY')));
  const city = childText(node, 'CITY_OF_ISSUE');
  const issueCountry = childText(node, 'COUNTRY_OF_ISSUE');
  if (city) addValues(doc, 'description', `Issued in ${joinParts([city, issueCountry])}`);
  if (prose) addValues(doc, 'description', `As listed: ${raw}`);
  addValues(doc, 'description', note);
  addValues(entity, isPassport ? 'passportNumber' : 'idNumber', number);
}

/**
 * Cuts a document number written as prose down to the number: the list writes "Afghan passport number
 * SE 012820", "381110042 (Expired 25 Jan. 2016)", "R00005943, South Sudan". The number is the longest run of
 * upper-case/digit tokens at the end that holds a digit; values that are already bare are kept as written.
 */
export function splitDocumentNumber(raw: string): { number: string; prose: boolean } {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!/[a-z(),]/.test(text)) return { number: text, prose: false };
  const core = text
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/,\s*[A-Za-z][A-Za-z .]*$/, '')
    .trim();
  const tokens = core.split(' ');
  let start = tokens.length;
  while (start > 0 && /^[A-Z0-9][A-Z0-9\-/.]*$/.test(tokens[start - 1])) start--;
  const number = tokens.slice(start).join(' ');
  if (number === '' || !/\d/.test(number)) return { number: text, prose: false };
  return { number, prose: number !== text };
}

/** Adds a country code for `name`; returns it. A name that does not map is kept in a note. */
function addCountry(draft: Draft, prop: string, name: string, label: string): string | undefined {
  if (/^(?:n\/?a|unknown|none)$/i.test(name)) return undefined; // "na" is "not available", not Namibia
  let codes: string[] = [];
  const whole = countryCode(name);
  if (whole) codes = [whole];
  else {
    // "Sudan/South Sudan", "Iran / unknown": take what maps from each part.
    for (const part of name.split(/\s*(?:\/|;|\bor\b)\s*/)) {
      const code = part ? countryCode(part) : undefined;
      if (code) codes.push(code);
    }
  }
  addValues(draft.entity, prop, ...codes);
  // Keep the original when it says more than a country ("Bahrain (citizenship revoked in Jan. 2015)").
  if (codes.length === 0 || !whole || /\([a-z]/.test(name)) draft.notes.push(`${label}: ${name}`);
  return codes[0];
}

/** Values of the `<VALUE>` children of every `<tag>`, cleaned. */
function values(node: XmlNode, tag: string): string[] {
  const out: string[] = [];
  for (const c of children(node, tag)) out.push(...childTexts(c, 'VALUE'));
  return out;
}

function genderIn(comments: string | undefined): string[] {
  const m = comments ? /\bGender\s*[:[]\s*(male|female)\b/i.exec(comments) : null;
  return m ? [m[1]] : [];
}

function gender(raw: string): string | undefined {
  const g = raw.toLowerCase();
  return g === 'male' || g === 'female' ? g : undefined;
}

function interpolLinkIn(comments: string | undefined): string | undefined {
  const m = comments ? /Special Notice web link:\s*(https?:\/\/\S+)/i.exec(comments) : null;
  return m ? m[1] : undefined;
}

const joinParts = (parts: Array<string | undefined>): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined && p !== '');
  return kept.length > 0 ? kept.join(', ') : undefined;
};

const shortHash = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 10);

/**
 * `1961`, `1961-03`, `1961-03-28`, with an optional zone the old layout appends (`2001-01-25-05:00`), to
 * an ISO (partial) date; anything else -> undefined.
 */
export function isoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return undefined;
  if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return undefined;
  return [y, mo, d].filter(Boolean).join('-');
}

/** `2017-06-30T19:12:08.528-04:00` -> `2017-06-30T23:12:08.528Z`; undefined when absent or not a time. */
function isoTimestamp(raw: string | undefined): string | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}T/.test(raw.trim())) return undefined;
  const t = new Date(raw.trim());
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
