/**
 * OFAC ADVANCED_XML (`SDN_ADVANCED.XML`, `CONS_ADVANCED.XML`; schema ofac_sdn_advanced.xsd) -> FtM.
 *
 * The file is normalised: a DistinctParty holds names and Features whose types, countries, dates and name
 * parts are ids into ReferenceValueSets and Locations; identity documents (IDRegDocuments) point at an
 * Identity; programs and listing dates live in SanctionsEntries, relations in ProfileRelationships.
 * Schema order: DateOfIssue, ReferenceValueSets, Locations, IDRegDocuments, DistinctParties,
 * ProfileRelationships, SanctionsEntries, SanctionsEntryLinks.
 *
 * Streaming plan (memory bounded by the number of listings, never by the file's bytes):
 * - ReferenceValueSets (a few thousand small values) are held whole; Locations and IDRegDocuments are held as
 *   compact summaries, documents keyed by IdentityID and dropped once their party has used them. (The XSD
 *   puts IDRegDocuments before the parties; documents that come after their party are kept per party and
 *   applied when its record is completed, so either order works.)
 * - Each DistinctParty is turned into its record as soon as it is read, then held *serialised* (a JSON string,
 *   a few hundred bytes to a few KiB) because its programs, listing date and relations only come later.
 * - ProfileRelationships and SanctionsEntries are held as compact summaries; at the end of the file every held
 *   record gets its Sanction completed and its relations added, and is emitted in document order.
 * Emitting at the end is the price of the schema's order; the alternative, two passes over the input, is not
 * possible on a one-shot byte stream.
 *
 * Mapping: PartySubType Vessel -> Vessel, Aircraft -> Airplane; PartyType Individual -> Person, Entity ->
 * Company/Organization by legal form (build.ts). The primary alias's Latin-script name is the `name` (composed
 * `LAST, First` for people, as in the legacy CSV, so ids and names agree across OFAC formats); other scripts
 * and aliases -> alias (LowQuality -> weakAlias, F.K.A. -> previousName). Feature and document type names are
 * OFAC's detail labels and go through details.ts. SanctionsMeasure of type Program -> Sanction program /
 * regime; other measure types -> provisions; the entry's legal basis -> reason; "Created" event -> listingDate;
 * the list (SDN List, ...) -> Sanction summary. Relations: "Owned or Controlled By" -> Ownership when the
 * owned side is an asset (Company, Vessel, Airplane), "Associate Of" between people -> Associate, "Family
 * member of" between people -> Family, anything else -> UnknownLink with the relation type as role.
 */
import { addValues, type FtmEntity, newEntity } from '../../ftm/types.ts';
import { InputFormatError } from '../errors.ts';
import { clean } from '../text.ts';
import type { ByteSource, ListImporter, ListRecord, ParseContext, ParseEvent } from '../types.ts';
import { children, childText, readXmlRecords, type XmlNode } from '../xml.ts';
import { addAlias } from './apply.ts';
import { entitySchema, OfacRecordBuilder, ofacCountry } from './build.ts';
import { applyDetail, labelKey, type OfacDetail } from './details.ts';
import { splitPrograms } from './programs.ts';

const FORMAT = 'ofac-advanced-xml';
const ROOT = 'Sanctions';
const ROOT_RE = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?Sanctions[\s>]/;

export const ofacAdvancedXmlImporter: ListImporter = {
  source: 'ofac',
  format: FORMAT,
  detect(head: string): boolean {
    const h = head.replace(/^\uFEFF/, '');
    return ROOT_RE.test(h) && /ADVANCED_XML|<(?:\w+:)?(?:DateOfIssue|ReferenceValueSets)[\s>]/.test(h);
  },
  parse: parseAdvancedXml,
};

/** The reference value sets: element name (AliasType, Country, FeatureType...) -> ID -> element. */
class RefValues {
  private readonly sets = new Map<string, Map<string, XmlNode>>();

  load(node: XmlNode): void {
    for (const set of node.children) {
      for (const v of set.children) {
        const id = v.attrs.ID;
        if (id === undefined) continue;
        let m = this.sets.get(v.name);
        if (!m) {
          m = new Map();
          this.sets.set(v.name, m);
        }
        m.set(id, v);
      }
    }
  }

  node(type: string, id: string | undefined): XmlNode | undefined {
    return id === undefined ? undefined : this.sets.get(type)?.get(id);
  }

  text(type: string, id: string | undefined): string | undefined {
    return clean(this.node(type, id)?.text);
  }

  /** A Country reference -> ISO code when the list gives one we know, else its name. */
  country(id: string | undefined): string | undefined {
    const c = this.node('Country', id);
    if (!c) return undefined;
    const iso2 = c.attrs.ISO2?.trim().toLowerCase();
    if (iso2 && ofacCountry(iso2)) return iso2;
    return clean(c.text);
  }
}

interface LocationSummary {
  /** The country's name as the list writes it. */
  country?: string;
  /** Its ISO code, from the reference value when the name itself does not map. */
  countryCode?: string;
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
}

interface SanctionSummary {
  programs: string[];
  provisions: string[];
  lists: string[];
  listingDates: string[];
  reasons: string[];
}

interface Relation {
  from: string;
  to: string;
  type: string;
  former: boolean;
}

interface Held {
  profileIds: string[];
  entityId: string;
  schema: string;
  json: string;
}

const truthy = (v: string | undefined): boolean => v === 'true' || v === '1';

async function* parseAdvancedXml(input: ByteSource, ctx: ParseContext): AsyncGenerator<ParseEvent> {
  const file = ctx.file;
  const refs = new RefValues();
  const locations = new Map<string, LocationSummary>();
  const docsByIdentity = new Map<string, OfacDetail[]>();
  const held: Held[] = [];
  const byProfile = new Map<string, Held>();
  const byRef = new Map<string, string>();
  // Documents for identities whose party was already read (a file that puts IDRegDocuments after the parties).
  const identityOwner = new Map<string, Held>();
  const lateDocs = new Map<Held, OfacDetail[]>();
  const sanctions = new Map<string, SanctionSummary>();
  const relations: Relation[] = [];
  let metaSent = false;

  const records = readXmlRecords(input, {
    file,
    isRecord: (p) =>
      p[0] === ROOT &&
      ((p.length === 2 && (p[1] === 'DateOfIssue' || p[1] === 'ReferenceValueSets')) ||
        (p.length === 3 &&
          ((p[1] === 'Locations' && p[2] === 'Location') ||
            (p[1] === 'IDRegDocuments' && p[2] === 'IDRegDocument') ||
            (p[1] === 'DistinctParties' && p[2] === 'DistinctParty') ||
            (p[1] === 'ProfileRelationships' && p[2] === 'ProfileRelationship') ||
            (p[1] === 'SanctionsEntries' && p[2] === 'SanctionsEntry')))),
    onOpen: (path, attrs) => {
      if (path.length !== 1) return;
      if (path[0] !== ROOT)
        throw new InputFormatError(file, 'line 1', `root element <${path[0]}> is not <${ROOT}>`);
      if (attrs.DeltaBaseVersion !== undefined) {
        throw new InputFormatError(
          file,
          'line 1',
          'a delta file (DeltaBaseVersion) is not a full list; import the full file',
        );
      }
    },
  });

  for await (const { node } of records) {
    const where = `line ${node.line}`;
    switch (node.name) {
      case 'DateOfIssue': {
        if (!metaSent) {
          yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT, publishedAt: datePoint(node) } };
          metaSent = true;
        }
        break;
      }
      case 'ReferenceValueSets':
        refs.load(node);
        break;
      case 'Location':
        if (node.attrs.ID) locations.set(node.attrs.ID, summariseLocation(node, refs));
        break;
      case 'IDRegDocument': {
        const identity = node.attrs.IdentityID;
        if (!identity) throw new InputFormatError(file, where, 'IDRegDocument without IdentityID');
        const doc = readDocument(node, refs);
        if (!doc) break;
        const owner = identityOwner.get(identity);
        const list = owner ? lateDocs.get(owner) : docsByIdentity.get(identity);
        if (list) list.push(doc);
        else if (owner) lateDocs.set(owner, [doc]);
        else docsByIdentity.set(identity, [doc]);
        break;
      }
      case 'DistinctParty': {
        if (!metaSent) {
          yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT } };
          metaSent = true;
        }
        const built = buildParty(node, refs, locations, docsByIdentity, file);
        const prior = byRef.get(built.record.sourceRef);
        if (prior)
          throw new InputFormatError(
            file,
            where,
            `DistinctParty ${built.record.sourceRef} appears twice (first at ${prior})`,
          );
        byRef.set(built.record.sourceRef, built.record.location);
        const h: Held = {
          profileIds: built.profileIds,
          entityId: built.record.entity.id,
          schema: built.record.entity.schema,
          json: JSON.stringify(built.record),
        };
        held.push(h);
        for (const pid of built.profileIds) byProfile.set(pid, h);
        for (const identity of built.identityIds) identityOwner.set(identity, h);
        break;
      }
      case 'ProfileRelationship': {
        const from = node.attrs['From-ProfileID'];
        const to = node.attrs['To-ProfileID'];
        if (!from || !to)
          throw new InputFormatError(
            file,
            where,
            'ProfileRelationship needs From-ProfileID and To-ProfileID',
          );
        relations.push({
          from,
          to,
          type: refs.text('RelationType', node.attrs.RelationTypeID) ?? 'Related to',
          former: truthy(node.attrs.Former),
        });
        break;
      }
      case 'SanctionsEntry': {
        const profile = node.attrs.ProfileID;
        if (!profile) throw new InputFormatError(file, where, 'SanctionsEntry without ProfileID');
        let s = sanctions.get(profile);
        if (!s) {
          s = { programs: [], provisions: [], lists: [], listingDates: [], reasons: [] };
          sanctions.set(profile, s);
        }
        summariseSanction(node, refs, s);
        break;
      }
    }
  }
  if (!metaSent) yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT } };

  const relationsByFrom = new Map<string, Relation[]>();
  for (const r of relations) {
    const list = relationsByFrom.get(r.from);
    if (list) list.push(r);
    else relationsByFrom.set(r.from, [r]);
  }
  for (const h of held) {
    const record = JSON.parse(h.json) as ListRecord;
    h.json = ''; // let the string go as soon as it is emitted
    const b = OfacRecordBuilder.resume(record);
    for (const doc of lateDocs.get(h) ?? []) applyDetail(b, doc);
    for (const pid of h.profileIds) {
      completeSanction(b, sanctions.get(pid));
      for (const r of relationsByFrom.get(pid) ?? []) addRelation(b, h, r, byProfile);
    }
    yield { kind: 'record', record: b.build(record.location) };
  }
}

/** Year/Month/Day children -> `YYYY-MM-DD`. */
function datePoint(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const y = childText(node, 'Year');
  const m = childText(node, 'Month');
  const d = childText(node, 'Day');
  if (!y || !/^\d{4}$/.test(y)) return undefined;
  if (!m) return y;
  const mm = m.padStart(2, '0');
  if (!d) return `${y}-${mm}`;
  return `${y}-${mm}-${d.padStart(2, '0')}`;
}

const lastDayOfMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A DatePeriod -> dates as we write them: a single day when start = end, a year when it spans 1 Jan - 31 Dec,
 * a month when it spans a whole month, every year of a multi-year span (as for "DOB 1955 to 1957"), else both
 * ends; with a note when the period is approximate or an uneven range.
 */
export function parseDatePeriod(period: XmlNode): { dates: string[]; note?: string } {
  const boundary = (name: string, prefer: 'From' | 'To'): string | undefined => {
    const b = children(period, name)[0];
    if (!b) return undefined;
    const other = prefer === 'From' ? 'To' : 'From';
    return datePoint(children(b, prefer)[0]) ?? datePoint(children(b, other)[0]);
  };
  const approximate = ['Start', 'End'].some((n) => truthy(children(period, n)[0]?.attrs.Approximate));
  const start = boundary('Start', 'From');
  const end = boundary('End', 'To');
  const s = start ?? end;
  const e = end ?? start;
  if (!s || !e) return { dates: [] };
  const note = approximate ? `approximately ${s === e ? s : `${s} to ${e}`}` : undefined;
  if (s === e || s.length < 10 || e.length < 10) return { dates: s === e ? [s] : [s, e], note };
  const [sy, sm, sd] = s.split('-').map(Number);
  const [ey, em, ed] = e.split('-').map(Number);
  if (sm === 1 && sd === 1 && em === 12 && ed === 31 && ey >= sy && ey - sy <= 30) {
    const years: string[] = [];
    for (let y = sy; y <= ey; y++) years.push(String(y));
    return { dates: years, note: note ?? (ey > sy ? `${sy} to ${ey}` : undefined) };
  }
  if (sy === ey && sm === em && sd === 1 && ed === lastDayOfMonth(ey, em))
    return { dates: [s.slice(0, 7)], note };
  return { dates: [s, e], note: note ?? `${s} to ${e}` };
}

function summariseLocation(node: XmlNode, refs: RefValues): LocationSummary {
  const out: LocationSummary = {};
  const country = children(node, 'LocationCountry')[0];
  if (country) {
    out.country = refs.text('Country', country.attrs.CountryID);
    out.countryCode = refs.country(country.attrs.CountryID);
  }
  const street: string[] = [];
  const region: string[] = [];
  for (const part of children(node, 'LocationPart')) {
    const type = refs.text('LocPartType', part.attrs.LocPartTypeID)?.toUpperCase() ?? '';
    const values = children(part, 'LocationPartValue');
    const primary = values.find((v) => truthy(v.attrs.Primary)) ?? values[0];
    const value = primary ? childText(primary, 'Value') : undefined;
    if (!value) continue;
    if (type.startsWith('ADDRESS') || type === 'UNKNOWN' || type === '') street.push(value);
    else if (type === 'CITY') out.city = value;
    else if (type === 'POSTAL CODE') out.postalCode = value;
    else region.push(value); // STATE/PROVINCE, REGION
  }
  if (street.length > 0) out.street = street.join(', ');
  if (region.length > 0) out.region = region.join(', ');
  return out;
}

function readDocument(node: XmlNode, refs: RefValues): OfacDetail | undefined {
  const label = refs.text('IDRegDocType', node.attrs.IDRegDocTypeID) ?? 'Identification';
  const value = childText(node, 'IDRegistrationNo');
  if (!value) return undefined;
  let issued: string | undefined;
  let expires: string | undefined;
  for (const dd of children(node, 'DocumentDate')) {
    const type = refs.text('IDRegDocDateType', dd.attrs.IDRegDocDateTypeID)?.toLowerCase() ?? '';
    const period = children(dd, 'DatePeriod')[0];
    const date = period ? parseDatePeriod(period).dates[0] : undefined;
    if (type.includes('issue')) issued = date;
    else if (type.includes('expir')) expires = date;
  }
  const validity = refs.text('Validity', node.attrs.ValidityID);
  const comment = childText(node, 'Comment');
  const raw = [
    `${label} ${value}`,
    validity && !/^valid$/i.test(validity) ? `(${validity})` : undefined,
    comment,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    label,
    value,
    country: refs.country(node.attrs['IssuedBy-CountryID']),
    issued,
    expires,
    authority: childText(node, 'IssuingAuthority'),
    raw,
  };
}

interface NameVariant {
  latin: boolean;
  /** Hangul and Han names are written without spaces between surname and given name. */
  joiner: string;
  parts: Array<{ type: string; value: string }>;
}

const UNSPACED_SCRIPTS = /^(?:hang|hani|hans|hant|kore|jpan|hangul|han|chinese|korean|japanese)/i;

function readNames(
  identity: XmlNode,
  refs: RefValues,
): Array<{ alias: XmlNode; type: string; names: NameVariant[] }> {
  const groupType = new Map<string, string>();
  for (const master of children(identity, 'NamePartGroups').flatMap((g) =>
    children(g, 'MasterNamePartGroup'),
  )) {
    for (const g of children(master, 'NamePartGroup')) {
      groupType.set(g.attrs.ID, refs.text('NamePartType', g.attrs.NamePartTypeID) ?? '');
    }
  }
  return children(identity, 'Alias').map((alias) => ({
    alias,
    type: refs.text('AliasType', alias.attrs.AliasTypeID) ?? 'A.K.A.',
    names: children(alias, 'DocumentedName').map((dn) => {
      const variant: NameVariant = { latin: true, joiner: ' ', parts: [] };
      for (const part of children(dn, 'DocumentedNamePart')) {
        const v = children(part, 'NamePartValue')[0];
        const value = clean(v?.text);
        if (!v || !value) continue;
        const script = refs.node('Script', v.attrs.ScriptID);
        const code = clean(script?.attrs.ScriptCode) ?? clean(script?.text) ?? 'Latn';
        if (!/^(?:latin|latn)$/i.test(code)) variant.latin = false;
        if (UNSPACED_SCRIPTS.test(code)) variant.joiner = '';
        variant.parts.push({ type: groupType.get(v.attrs.NamePartGroupID) ?? '', value });
      }
      return variant;
    }),
  }));
}

/**
 * `LAST, Given Names` for people in Latin script (the legacy CSV's form), so the same listing has the same
 * name in every OFAC format; other scripts and non-people: the parts in document order.
 */
function composeName(name: NameVariant, person: boolean): string {
  const isLast = (p: { type: string }) => /^last name$/i.test(p.type);
  const last = name.parts.filter(isLast).map((p) => p.value);
  const rest = name.parts.filter((p) => !isLast(p)).map((p) => p.value);
  if (person && name.latin && last.length > 0 && rest.length > 0)
    return `${last.join(' ')}, ${rest.join(' ')}`;
  return name.parts.map((p) => p.value).join(name.joiner);
}

const NAME_PART_PROPS: Record<string, string> = {
  'last name': 'lastName',
  'first name': 'firstName',
  'middle name': 'middleName',
  patronymic: 'fatherName',
  matronymic: 'motherName',
};

function buildParty(
  party: XmlNode,
  refs: RefValues,
  locations: Map<string, LocationSummary>,
  docsByIdentity: Map<string, OfacDetail[]>,
  file: string,
): { record: ListRecord; profileIds: string[]; identityIds: string[] } {
  const where = `line ${party.line}`;
  const fixedRef = clean(party.attrs.FixedRef);
  if (!fixedRef) throw new InputFormatError(file, where, 'DistinctParty without FixedRef');
  const profiles = children(party, 'Profile');
  if (profiles.length === 0)
    throw new InputFormatError(file, where, `DistinctParty ${fixedRef} has no Profile`);
  const profileIds = profiles.map((p) => p.attrs.ID).filter((id): id is string => Boolean(id));
  if (profileIds.length === 0)
    throw new InputFormatError(file, where, `DistinctParty ${fixedRef}: Profile without ID`);

  const main = profiles[0];
  const subType = refs.node('PartySubType', main.attrs.PartySubTypeID);
  const subTypeText = clean(subType?.text)?.toLowerCase() ?? '';
  const partyType = refs.text('PartyType', subType?.attrs.PartyTypeID)?.toLowerCase() ?? '';
  const person = partyType === 'individual';

  const identities = profiles.flatMap((p) => children(p, 'Identity'));
  const named = identities.map((identity) => ({ identity, aliases: readNames(identity, refs) }));
  // The primary name: the primary identity's primary alias, Latin script first.
  const primaryIdentity = named.find((n) => truthy(n.identity.attrs.Primary)) ?? named[0];
  const primaryAlias =
    primaryIdentity?.aliases.find((a) => truthy(a.alias.attrs.Primary)) ?? primaryIdentity?.aliases[0];
  const primaryName =
    primaryAlias?.names.find((n) => n.latin && n.parts.length > 0) ?? primaryAlias?.names[0];
  const name = primaryName ? composeName(primaryName, person) : undefined;
  if (!name) throw new InputFormatError(file, where, `DistinctParty ${fixedRef} has no name`);

  const schema =
    subTypeText === 'vessel'
      ? 'Vessel'
      : subTypeText === 'aircraft'
        ? 'Airplane'
        : person
          ? 'Person'
          : partyType === 'entity'
            ? entitySchema(name)
            : 'LegalEntity';
  const b = new OfacRecordBuilder(fixedRef, schema);
  b.set('name', 'Name', name);
  if (person && primaryName) {
    for (const part of primaryName.parts) {
      const prop = NAME_PART_PROPS[part.type.toLowerCase()];
      if (prop) b.set(prop, part.type, part.value);
    }
  }
  for (const { identity, aliases } of named) {
    for (const a of aliases) {
      const type = a.type.toLowerCase().replace(/[^a-z]/g, '');
      const prop =
        type === 'fka' ? 'previousName' : truthy(a.alias.attrs.LowQuality) ? 'weakAlias' : ('alias' as const);
      for (const n of a.names) {
        if (n === primaryName) continue;
        addAlias(b, prop, composeName(n, person));
      }
      const comment = childText(a.alias, 'Comment');
      if (comment) b.note(comment);
    }
    for (const doc of docsByIdentity.get(identity.attrs.ID) ?? []) applyDetail(b, doc);
    docsByIdentity.delete(identity.attrs.ID);
  }
  for (const profile of profiles) {
    for (const c of children(profile, 'Comment')) b.note(c.text);
    for (const feature of children(profile, 'Feature')) applyFeature(b, feature, refs, locations);
  }
  for (const c of children(party, 'Comment')) b.note(c.text);
  const identityIds = identities.map((i) => i.attrs.ID).filter((id): id is string => Boolean(id));
  return { record: b.build(where), profileIds, identityIds };
}

function applyFeature(
  b: OfacRecordBuilder,
  feature: XmlNode,
  refs: RefValues,
  locations: Map<string, LocationSummary>,
): void {
  const label = refs.text('FeatureType', feature.attrs.FeatureTypeID);
  if (!label) return;
  const isLocation = labelKey(label) === 'location';
  for (const version of children(feature, 'FeatureVersion')) {
    for (const period of children(version, 'DatePeriod')) {
      const parsed = parseDatePeriod(period);
      for (const date of parsed.dates) applyDetail(b, { label, value: date });
      if (parsed.note) b.note(`${label}: ${parsed.note}`);
    }
    for (const detail of children(version, 'VersionDetail')) {
      const value = detail.attrs.DetailReferenceID
        ? refs.text('DetailReference', detail.attrs.DetailReferenceID)
        : clean(detail.text);
      if (value) applyDetail(b, { label, value });
    }
    for (const vl of children(version, 'VersionLocation')) {
      const loc = locations.get(vl.attrs.LocationID);
      if (!loc) continue;
      if (isLocation) {
        b.addAddress(vl.attrs.LocationID, loc);
        continue;
      }
      const onlyCountry = !loc.street && !loc.city && !loc.region && !loc.postalCode;
      const value = onlyCountry
        ? (loc.countryCode ?? loc.country)
        : [loc.street, loc.city, loc.region, loc.postalCode, loc.country].filter(Boolean).join(', ');
      if (value) applyDetail(b, { label, value });
    }
    const comment = childText(version, 'Comment');
    if (comment) b.note(`${label}: ${comment}`);
  }
}

function summariseSanction(entry: XmlNode, refs: RefValues, s: SanctionSummary): void {
  const push = (list: string[], v: string | undefined) => {
    if (v && !list.includes(v)) list.push(v);
  };
  push(s.lists, refs.text('List', entry.attrs.ListID));
  for (const event of children(entry, 'EntryEvent')) {
    const type = refs.text('EntryEventType', event.attrs.EntryEventTypeID)?.toLowerCase() ?? '';
    const date = datePoint(children(event, 'Date')[0]);
    // The "Created" event is the listing date; any other event's date only stands in when there is none.
    if (date && type === 'created') s.listingDates.unshift(date);
    else push(s.listingDates, date);
    const basis = refs.node('LegalBasis', event.attrs.LegalBasisID);
    if (basis) push(s.reasons, clean(basis.text) ?? clean(basis.attrs.LegalBasisShortRef));
  }
  for (const measure of children(entry, 'SanctionsMeasure')) {
    const type = refs.text('SanctionsType', measure.attrs.SanctionsTypeID);
    const comment = childText(measure, 'Comment');
    if (type && /^program$/i.test(type)) for (const code of splitPrograms(comment)) push(s.programs, code);
    else push(s.provisions, [type, comment].filter(Boolean).join(': ') || undefined);
  }
}

function completeSanction(b: OfacRecordBuilder, s: SanctionSummary | undefined): void {
  if (!s) return;
  const sanction = b.sanction;
  b.addPrograms(s.programs);
  addValues(sanction, 'provisions', ...s.provisions);
  addValues(sanction, 'summary', ...s.lists);
  addValues(sanction, 'listingDate', s.listingDates[0]);
  addValues(sanction, 'reason', ...s.reasons);
}

const ASSETS = new Set(['Company', 'Vessel', 'Airplane']);

function addRelation(b: OfacRecordBuilder, from: Held, r: Relation, byProfile: Map<string, Held>): void {
  const target = byProfile.get(r.to);
  if (!target) {
    b.note(`${r.type}: profile ${r.to} (not in this file)`);
    return;
  }
  const type = r.type.toLowerCase();
  let link: FtmEntity;
  if (type.startsWith('owned or controlled by') && ASSETS.has(from.schema)) {
    link = newEntity(`${from.entityId}-ownership-${target.entityId}`, 'Ownership');
    addValues(link, 'owner', target.entityId);
    addValues(link, 'asset', from.entityId);
  } else if (
    /^(leader or official of|principal executive officer|director of)/.test(type) &&
    from.schema === 'Person' &&
    target.schema !== 'Person'
  ) {
    link = newEntity(`${from.entityId}-directorship-${target.entityId}`, 'Directorship');
    addValues(link, 'director', from.entityId);
    addValues(link, 'organization', target.entityId);
  } else if (type.startsWith('associate') && from.schema === 'Person' && target.schema === 'Person') {
    link = newEntity(`${from.entityId}-associate-${target.entityId}`, 'Associate');
    addValues(link, 'person', from.entityId);
    addValues(link, 'associate', target.entityId);
  } else if (type.startsWith('family') && from.schema === 'Person' && target.schema === 'Person') {
    link = newEntity(`${from.entityId}-family-${target.entityId}`, 'Family');
    addValues(link, 'person', from.entityId);
    addValues(link, 'relative', target.entityId);
  } else {
    link = newEntity(`${from.entityId}-link-${target.entityId}`, 'UnknownLink');
    addValues(link, 'subject', from.entityId);
    addValues(link, 'object', target.entityId);
  }
  const interest =
    link.schema === 'Ownership' || link.schema === 'UnknownLink' || link.schema === 'Directorship';
  addValues(link, interest ? 'role' : 'relationship', r.type);
  if (r.former) addValues(link, interest ? 'status' : 'description', 'former');
  const adjunct = b.adjunct(link.id, link.schema);
  for (const [k, v] of Object.entries(link.properties)) addValues(adjunct, k, ...v);
}
