/**
 * OFAC `sdnList` XML (SDN.XML, CONS_PRIM.XML, the consolidated non-SDN list) -> FtM. Both the pre-2024
 * namespace (http://tempuri.org/sdnList.xsd) and the Sanctions List Service one are read; elements are matched
 * by local name, so the namespace does not matter.
 *
 * Records stream one `sdnEntry` at a time. The uid is the legacy CSV's ent_num, so a listing gets the same
 * id (`ofac-<uid>`) from either format, and the name is composed the CSV's way (`LAST, First`) for the same
 * reason. idList entries carry the same labels as the CSV remarks (Passport, MMSI, Vessel Registration
 * Identification, Secondary sanctions risk:, ...) and go through the same table (details.ts). The
 * publication date comes from publshInformation/Publish_Date (MM/DD/YYYY).
 */
import { InputFormatError } from '../errors.ts';
import type { ByteSource, ListImporter, ListRecord, ParseContext, ParseEvent } from '../types.ts';
import { children, childText, readXmlRecords, type XmlNode } from '../xml.ts';
import { addAlias, aliasProp, applyRemarks } from './apply.ts';
import { entitySchema, OfacRecordBuilder } from './build.ts';
import { parseOfacDate } from './dates.ts';
import { applyDetail } from './details.ts';
import { splitPrograms } from './programs.ts';

const FORMAT = 'ofac-sdn-xml';
const ROOT = 'sdnList';
const ROOT_RE = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?sdnList[\s>/]/;
const SCHEMA_BY_TYPE: Record<string, string> = {
  individual: 'Person',
  vessel: 'Vessel',
  aircraft: 'Airplane',
};

export const ofacSdnXmlImporter: ListImporter = {
  source: 'ofac',
  format: FORMAT,
  detect: (head: string): boolean => ROOT_RE.test(head.replace(/^\uFEFF/, '')),
  parse: parseSdnXml,
};

async function* parseSdnXml(input: ByteSource, ctx: ParseContext): AsyncGenerator<ParseEvent> {
  let metaSent = false;
  const seen = new Map<string, number>();
  const records = readXmlRecords(input, {
    file: ctx.file,
    isRecord: (path) =>
      path.length === 2 && path[0] === ROOT && (path[1] === 'sdnEntry' || path[1] === 'publshInformation'),
    onOpen: (path) => {
      if (path.length === 1 && path[0] !== ROOT) {
        throw new InputFormatError(ctx.file, 'line 1', `root element <${path[0]}> is not <${ROOT}>`);
      }
    },
  });
  for await (const { node } of records) {
    if (node.name === 'publshInformation') {
      if (!metaSent) {
        const raw = childText(node, 'Publish_Date');
        const publishedAt = parseOfacDate(raw);
        if (raw && !publishedAt) {
          throw new InputFormatError(
            ctx.file,
            `line ${node.line}`,
            `unreadable Publish_Date ${JSON.stringify(raw)}`,
          );
        }
        yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT, publishedAt } };
        metaSent = true;
      }
      continue;
    }
    if (!metaSent) {
      yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT } };
      metaSent = true;
    }
    const record = buildEntry(node, ctx.file);
    const first = seen.get(record.sourceRef);
    if (first !== undefined) {
      throw new InputFormatError(
        ctx.file,
        record.location,
        `uid ${record.sourceRef} appears twice (first on line ${first})`,
      );
    }
    seen.set(record.sourceRef, node.line);
    yield { kind: 'record', record };
  }
  if (!metaSent) yield { kind: 'meta', meta: { source: 'ofac', format: FORMAT } };
}

/** `LAST, First` for people (the legacy CSV's form), the parts joined otherwise. */
function composeName(node: XmlNode, person: boolean): string | undefined {
  const last = childText(node, 'lastName');
  const first = childText(node, 'firstName');
  if (person && last && first) return `${last}, ${first}`;
  return [first, last].filter(Boolean).join(' ') || undefined;
}

const grandchildren = (node: XmlNode, list: string, item: string): XmlNode[] =>
  children(node, list).flatMap((l) => children(l, item));

function buildEntry(node: XmlNode, file: string): ListRecord {
  const where = `line ${node.line}`;
  const uid = childText(node, 'uid');
  if (!uid || !/^\d+$/.test(uid))
    throw new InputFormatError(
      file,
      where,
      `sdnEntry needs a numeric <uid>, found ${JSON.stringify(uid ?? '')}`,
    );
  const sdnType = childText(node, 'sdnType')?.toLowerCase();
  const person = sdnType === 'individual';
  const name = composeName(node, person);
  if (!name) throw new InputFormatError(file, where, `sdnEntry ${uid} has no name`);
  const schema =
    sdnType === undefined || sdnType === 'entity'
      ? entitySchema(name)
      : (SCHEMA_BY_TYPE[sdnType] ?? 'LegalEntity');
  const b = new OfacRecordBuilder(uid, schema);
  b.set('name', 'Name', name);
  if (sdnType && sdnType !== 'entity' && !(sdnType in SCHEMA_BY_TYPE))
    b.note(`sdnType: ${childText(node, 'sdnType')}`);
  if (person) {
    b.set('lastName', 'Last name', childText(node, 'lastName'));
    b.set('firstName', 'First name', childText(node, 'firstName'));
  }
  const title = childText(node, 'title');
  if (title) applyDetail(b, { label: 'Title', value: title });
  for (const p of grandchildren(node, 'programList', 'program')) b.addPrograms(splitPrograms(p.text));

  for (const aka of grandchildren(node, 'akaList', 'aka')) {
    const category = childText(aka, 'category')?.toLowerCase();
    addAlias(b, aliasProp(childText(aka, 'type') ?? 'a.k.a.', category === 'weak'), composeName(aka, person));
  }
  for (const id of grandchildren(node, 'idList', 'id')) {
    const label = childText(id, 'idType');
    const value = childText(id, 'idNumber');
    if (!label || !value) {
      if (label || value) b.note([label, value].filter(Boolean).join(' '));
      continue;
    }
    applyDetail(b, {
      label,
      value,
      country: childText(id, 'idCountry'),
      issued: childText(id, 'issueDate'),
      expires: childText(id, 'expirationDate'),
    });
  }
  grandchildren(node, 'addressList', 'address').forEach((a, i) => {
    const street = ['address1', 'address2', 'address3']
      .map((n) => childText(a, n))
      .filter(Boolean)
      .join(', ');
    b.addAddress(childText(a, 'uid') ?? String(i + 1), {
      street: street || undefined,
      city: childText(a, 'city'),
      region: childText(a, 'stateOrProvince') ?? childText(a, 'region'),
      postalCode: childText(a, 'postalCode'),
      country: childText(a, 'country'),
    });
  });
  const itemDetails: Array<[string, string, string, string]> = [
    ['nationalityList', 'nationality', 'country', 'nationality'],
    ['citizenshipList', 'citizenship', 'country', 'citizen'],
    ['dateOfBirthList', 'dateOfBirthItem', 'dateOfBirth', 'DOB'],
    ['placeOfBirthList', 'placeOfBirthItem', 'placeOfBirth', 'POB'],
  ];
  for (const [list, item, field, label] of itemDetails) {
    for (const it of grandchildren(node, list, item)) {
      const value = childText(it, field);
      if (value) applyDetail(b, { label, value });
    }
  }
  const vesselFields: Array<[string, string]> = [
    ['callSign', 'Vessel Call Sign'],
    ['vesselType', 'Vessel Type'],
    ['vesselFlag', 'Vessel Flag'],
    ['vesselOwner', 'Vessel Owner'],
    ['tonnage', 'Vessel Tonnage'],
    ['grossRegisteredTonnage', 'Vessel Gross Registered Tonnage'],
  ];
  for (const info of children(node, 'vesselInfo')) {
    for (const [field, label] of vesselFields) {
      const value = childText(info, field);
      if (value) applyDetail(b, { label, value });
    }
  }
  applyRemarks(b, childText(node, 'remarks'));
  return b.build(where);
}
