import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, test } from 'node:test';
import { missingShared, sharedFile } from '../../config/paths.ts';
import { InputFormatError } from '../errors.ts';
import { assertValidFtm, chunkedBytes, collectParse } from '../testing.ts';
import type { ByteSource } from '../types.ts';
import { ofacSdnXmlImporter } from './sdn-xml.ts';

const MODEL_FILE = ['ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'];
const REAL = ['consolidated-nonsdn-2025-12-18.xml', 'consolidated-nonsdn-2026-01-08.xml'];

const bytes = (text: string, chunk = 53) => chunkedBytes(text, chunk);
const collect = (input: ByteSource, file = 'sdn.xml') => collectParse(ofacSdnXmlImporter, input, { file });

// The pre-2024 layout (SDN.XML, tempuri namespace), written from the old sdnList schema.
const OLD_XML = `<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation>
    <Publish_Date>05/03/2024</Publish_Date>
    <Record_Count>3</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>20157</uid>
    <firstName>Jong Un</firstName>
    <lastName>KIM</lastName>
    <title>Chairman of the Workers' Party of Korea</title>
    <sdnType>Individual</sdnType>
    <programList><program>DPRK3</program></programList>
    <idList>
      <id>
        <uid>1001</uid>
        <idType>Passport</idType>
        <idNumber>745310010</idNumber>
        <idCountry>Korea, North</idCountry>
        <issueDate>02 Jun 2015</issueDate>
        <expirationDate>01 Jun 2020</expirationDate>
      </id>
      <id>
        <uid>1002</uid>
        <idType>Secondary sanctions risk:</idType>
        <idNumber>North Korea Sanctions Regulations, sections 510.201 and 510.210</idNumber>
      </id>
    </idList>
    <akaList>
      <aka><uid>2001</uid><type>a.k.a.</type><category>strong</category><lastName>KIM</lastName><firstName>Chong Un</firstName></aka>
      <aka><uid>2002</uid><type>a.k.a.</type><category>weak</category><lastName>KIM</lastName><firstName>Jong-un</firstName></aka>
    </akaList>
    <addressList>
      <address><uid>3001</uid><city>Pyongyang</city><country>Korea, North</country></address>
    </addressList>
    <nationalityList>
      <nationality><uid>4001</uid><country>Korea, North</country><mainEntry>true</mainEntry></nationality>
    </nationalityList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>5001</uid><dateOfBirth>08 Jan 1984</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>5002</uid><dateOfBirth>circa 1983</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem>
    </dateOfBirthList>
    <placeOfBirthList>
      <placeOfBirthItem><uid>5003</uid><placeOfBirth>Pyongyang, Korea, North</placeOfBirth><mainEntry>true</mainEntry></placeOfBirthItem>
    </placeOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>23729</uid>
    <lastName>CHON MA SAN</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>DPRK4</program></programList>
    <idList>
      <id><uid>1101</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 8660313</idNumber></id>
      <id><uid>1102</uid><idType>MMSI</idType><idNumber>445113000</idNumber></id>
    </idList>
    <vesselInfo>
      <callSign>HMYW</callSign>
      <vesselType>Crude Oil Tanker</vesselType>
      <vesselFlag>Korea, North</vesselFlag>
      <vesselOwner>KOREA ACHIM SHIPPING CO</vesselOwner>
      <tonnage>3,000</tonnage>
      <grossRegisteredTonnage>2,489</grossRegisteredTonnage>
    </vesselInfo>
    <remarks>(Linked To: KOREA ACHIM SHIPPING CO.)</remarks>
  </sdnEntry>
  <sdnEntry>
    <uid>17067</uid>
    <lastName>CHONGCHONGANG SHIPPING COMPANY LIMITED</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>NPWMD</program><program>DPRK2</program></programList>
    <idList>
      <id><uid>1201</uid><idType>Identification Number</idType><idNumber>IMO 5342883</idNumber></id>
    </idList>
    <addressList>
      <address><uid>3101</uid><address1>Chongchon Street</address1><city>Pyongyang</city><country>Korea, North</country></address>
    </addressList>
  </sdnEntry>
</sdnList>
`;

describe('ofacSdnXmlImporter', () => {
  test('detect: sdnList roots in either namespace, nothing else', () => {
    assert.ok(ofacSdnXmlImporter.detect(OLD_XML, 'sdn.xml'));
    assert.ok(
      ofacSdnXmlImporter.detect(
        '\uFEFF<?xml version="1.0"?>\n<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">',
        'x.xml',
      ),
    );
    assert.ok(!ofacSdnXmlImporter.detect('<?xml version="1.0"?><CONSOLIDATED_LIST>', 'un.xml'));
    assert.ok(!ofacSdnXmlImporter.detect('<?xml version="1.0"?><Sanctions><DateOfIssue>', 'adv.xml'));
  });

  test('old namespace: entries, names, ids, vessel info, remarks', async () => {
    const { meta, records } = await collect(bytes(OLD_XML));
    assert.deepEqual(meta, { source: 'ofac', format: 'ofac-sdn-xml', publishedAt: '2024-05-03' });
    assert.deepEqual(
      records.map((r) => [r.entity.id, r.entity.schema, r.regimes]),
      [
        ['ofac-20157', 'Person', ['ofac-DPRK3']],
        ['ofac-23729', 'Vessel', ['ofac-DPRK4']],
        ['ofac-17067', 'Company', ['ofac-NPWMD', 'ofac-DPRK2']],
      ],
    );
    const kim = records[0];
    const p = kim.entity.properties;
    assert.deepEqual(p.name, ['KIM, Jong Un'], 'the legacy CSV form, so both formats give the same name');
    assert.deepEqual(p.lastName, ['KIM']);
    assert.deepEqual(p.firstName, ['Jong Un']);
    assert.deepEqual(p.position, ["Chairman of the Workers' Party of Korea"]);
    assert.deepEqual(p.alias, ['KIM, Chong Un']);
    assert.deepEqual(p.weakAlias, ['KIM, Jong-un']);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.birthDate, ['1984-01-08', '1983']);
    assert.deepEqual(p.notes, ['DOB circa 1983']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, Korea, North']);
    assert.deepEqual(p.address, ['Pyongyang, Korea, North']);
    const passport = kim.adjuncts.find((a) => a.schema === 'Passport')!;
    assert.deepEqual(passport.properties.startDate, ['2015-06-02']);
    assert.deepEqual(passport.properties.endDate, ['2020-06-01']);
    assert.deepEqual(passport.properties.country, ['kp']);
    assert.deepEqual(kim.adjuncts[0].properties.provisions, [
      'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210',
    ]);
    assert.match(kim.location, /^line \d+$/);

    const ship = records[1].entity.properties;
    assert.deepEqual(ship.imoNumber, ['8660313']);
    assert.deepEqual(ship.mmsi, ['445113000']);
    assert.deepEqual(ship.callSign, ['HMYW']);
    assert.deepEqual(ship.flag, ['kp']);
    assert.deepEqual(ship.tonnage, ['3000']);
    assert.deepEqual(ship.grossRegisteredTonnage, ['2489']);
    assert.deepEqual(ship.notes, [
      'Vessel Owner: KOREA ACHIM SHIPPING CO',
      'Linked To: KOREA ACHIM SHIPPING CO.',
    ]);

    const company = records[2].entity.properties;
    assert.deepEqual(company.imoNumber, ['5342883']);
  });

  test('every emitted entity is valid FtM', { skip: missingShared(...MODEL_FILE) }, async () => {
    assertValidFtm((await collect(bytes(OLD_XML))).records);
  });

  const bad: Array<[string, string, RegExp]> = [
    [
      'a DOCTYPE',
      `<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY x "y">]><sdnList><sdnEntry><uid>1</uid></sdnEntry></sdnList>`,
      /DOCTYPE/,
    ],
    ['a truncated file', OLD_XML.slice(0, OLD_XML.indexOf('<sdnType>Vessel')), /truncated|ends inside/],
    ['a wrong root', '<?xml version="1.0"?><CONSOLIDATED_LIST></CONSOLIDATED_LIST>', /not <sdnList>/],
    [
      'an entry without uid',
      '<sdnList><sdnEntry><lastName>X</lastName></sdnEntry></sdnList>',
      /line 1.*numeric <uid>/,
    ],
    [
      'an entry without a name',
      '<sdnList><sdnEntry><uid>5</uid><sdnType>Entity</sdnType></sdnEntry></sdnList>',
      /no name/,
    ],
    [
      'a repeated uid',
      '<sdnList><sdnEntry><uid>5</uid><lastName>A</lastName></sdnEntry><sdnEntry><uid>5</uid><lastName>B</lastName></sdnEntry></sdnList>',
      /appears twice/,
    ],
    ['malformed XML', '<sdnList><sdnEntry><uid>5</uid></sdnEntr></sdnList>', /malformed/],
    [
      'a bad publication date',
      '<sdnList><publshInformation><Publish_Date>yesterday</Publish_Date></publshInformation></sdnList>',
      /Publish_Date/,
    ],
  ];
  for (const [what, xml, message] of bad) {
    test(`bad input: ${what} -> InputFormatError`, async () => {
      await assert.rejects(collect(bytes(xml), 'bad.xml'), (err: unknown) => {
        assert.ok(err instanceof InputFormatError, String(err));
        assert.equal(err.file, 'bad.xml');
        assert.match(err.message, message);
        return true;
      });
    });
  }

  for (const name of REAL) {
    test(`real file ${name}: 442 entries, 2024 namespace, valid FtM`, {
      skip: missingShared('lists', 'ofac', name) || missingShared(...MODEL_FILE),
    }, async () => {
      const { meta, records } = await collect(createReadStream(sharedFile('lists', 'ofac', name)!), name);
      assert.equal(meta?.publishedAt, name.includes('2025-12-18') ? '2025-12-18' : '2026-01-08');
      assert.equal(records.length, 442);
      const schemas: Record<string, number> = {};
      for (const r of records) schemas[r.entity.schema] = (schemas[r.entity.schema] ?? 0) + 1;
      assert.equal(schemas.Person, 79);
      assert.equal((schemas.Company ?? 0) + (schemas.Organization ?? 0), 363);
      assert.equal(records.filter((r) => r.regimes.includes('ofac-UKRAINE-EO13662')).length, 286);
      const haniya = records.find((r) => r.sourceRef === '9639')!;
      assert.deepEqual(haniya.entity.properties.name, ['HANIYA, Ismail Abdul Salah']);
      assert.deepEqual(haniya.entity.properties.birthDate, ['1962']);
      assert.ok(
        records.some((r) => r.entity.properties.notes?.some((n) => n.startsWith('Linked To: '))),
        'wrapped (Linked To: X) remarks',
      );
      assert.ok(
        records.some((r) => r.adjuncts[0].properties.programUrl),
        'directive links',
      );
      assertValidFtm(records);
    });
  }
});
