import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingShared } from '../config/paths.ts';
import { entityProblems, loadFtmModel } from '../ftm/model.ts';
import type { FtmEntity } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import { euFsfXmlImporter } from './eu.ts';
import { collectParse } from './testing.ts';
import type { ByteSource, ListMeta, ListRecord } from './types.ts';

const REG = (n: string) =>
  `<regulationSummary regulationType="regulation" publicationDate="2017-08-09" numberTitle="${n}" publicationUrl="http://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2017:224:TOC"/>`;

/** Hand-written in the layout of the published `xmlFullSanctionsList_1_1` file (schema 1.1). */
const FIXTURE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-13T18:42:19.118+02:00" globalFileId="151212">
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.4236.65" logicalId="13436" designationDate="2017-08-05">
    <regulation regulationType="regulation" organisationType="council" publicationDate="2017-08-09" entryIntoForceDate="2017-08-10" numberTitle="2017/1509 (OJ L224)" programme="PRK" logicalId="110990">
      <publicationUrl>http://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2017:224:TOC</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Chol Nam" middleName="" lastName="Ri" wholeName="RI Chol Nam" function="(a) Deputy Director of the Reconnaissance General Bureau (b) Representative in Dalian" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="110991">
      ${REG('2017/1509 (OJ L224)')}
    </nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="리철남" function="" gender="M" title="" nameLanguage="KO" strong="true" regulationLanguage="en" logicalId="110992">
      ${REG('2017/1509 (OJ L224)')}
    </nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Ri Chol-nam" function="" gender="" title="" nameLanguage="" strong="false" regulationLanguage="en" logicalId="110993">
      ${REG('2017/1509 (OJ L224)')}
    </nameAlias>
    <citizenship region="" countryIso2Code="KP" countryDescription="NORTH KOREA" regulationLanguage="en" logicalId="110994">
      ${REG('2017/1509 (OJ L224)')}
    </citizenship>
    <birthdate circa="true" calendarType="GREGORIAN" city="Pyongyang" zipCode="" year="1961" region="" place="" countryIso2Code="KP" countryDescription="NORTH KOREA" regulationLanguage="en" logicalId="110995">
      ${REG('2017/1509 (OJ L224)')}
    </birthdate>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issueDate="2013-02-14" issuedBy="" latinNumber="" nameOnDocument="" number="563120356" region="" countryIso2Code="KP" countryDescription="NORTH KOREA" identificationTypeCode="passport" identificationTypeDescription="National passport" regulationLanguage="en" logicalId="110996">
      <remark>Valid until 14.2.2018</remark>
      ${REG('2017/1509 (OJ L224)')}
    </identification>
    <identification diplomatic="true" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="PD 654 320 112" region="" countryIso2Code="KP" countryDescription="NORTH KOREA" identificationTypeCode="passport" identificationTypeDescription="Diplomatic passport" regulationLanguage="en" logicalId="110997">
      ${REG('2017/1509 (OJ L224)')}
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDetails="Used by the General Bureau of Atomic Energy for procurement." unitedNationId="KPe.029" euReferenceNumber="EU.2630.12" logicalId="2345" designationDate="2016-03-04">
    <remark>UN ID: KPe.029. Date of UN designation: 2016-03-02.</remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2016-03-05" entryIntoForceDate="2016-03-06" numberTitle="2016/315 (OJ L60)" programme="PRK" logicalId="98001">
      <publicationUrl>http://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2016:060:TOC</publicationUrl>
    </regulation>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Korea Hana Electronics Trading Corporation" function="" gender="" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="98002">
      ${REG('2016/315 (OJ L60)')}
    </nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Hana Electronics JVC" function="" gender="" title="" nameLanguage="EN" strong="true" regulationLanguage="en" logicalId="98003">
      ${REG('2016/315 (OJ L60)')}
    </nameAlias>
    <address city="Pyongyang" street="Jongbaek 1-dong, Rakrang District" poBox="" zipCode="" region="" place="" asAtListingTime="true" countryIso2Code="KP" countryDescription="NORTH KOREA" regulationLanguage="en" logicalId="98004">
      <remark>Office near the Taedong bridge</remark>
      <contactInfo key="PHONE" value="+850 2 381 8221"/>
      <contactInfo key="EMAIL" value="hana@star-co.net.kp; hanaelec@silibank.com"/>
      ${REG('2016/315 (OJ L60)')}
    </address>
    <address city="" street="" poBox="" zipCode="" region="" place="" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="98005">
      ${REG('2016/315 (OJ L60)')}
    </address>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="5732045" region="" countryIso2Code="00" countryDescription="UNKNOWN" identificationTypeCode="imo" identificationTypeDescription="IMO Number" regulationLanguage="en" logicalId="98006">
      ${REG('2016/315 (OJ L60)')}
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.7788.21" logicalId="145002" designationDate="2022-06-03">
    <remark>Tax identification number: 7707049388.</remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2022-06-03" entryIntoForceDate="2022-06-03" numberTitle="2022/878 (OJ L153)" programme="RUS" logicalId="145003">
      <publicationUrl>https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R0878</publicationUrl>
    </regulation>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Joint Stock Company Volga Maritime Logistics" function="" gender="" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="145004">
      ${REG('2022/878 (OJ L153)')}
    </nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="АО «Волга Морская Логистика»" function="" gender="" title="" nameLanguage="RU" strong="true" regulationLanguage="en" logicalId="145005">
      ${REG('2022/878 (OJ L153)')}
    </nameAlias>
    <address city="Saint Petersburg" street="Kanonerskiy Island 17" poBox="" zipCode="198184" region="" place="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="145006">
      <contactInfo key="WEB" value="www.volgamarlog.ru"/>
      ${REG('2022/878 (OJ L153)')}
    </address>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="1027739049689" region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" regulationLanguage="en" logicalId="145007">
      ${REG('2022/878 (OJ L153)')}
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDetails="" unitedNationId="TAi.041" euReferenceNumber="EU.1234.56" logicalId="1234">
    <regulation regulationType="regulation" organisationType="commission" publicationDate="2011-10-01" entryIntoForceDate="2011-10-02" numberTitle="753/2011 (OJ L199)" programme="AFG" logicalId="5001">
      <publicationUrl>http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2011:199:0001:0012:EN:PDF</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Abdul Qadeer" middleName="" lastName="Basir" wholeName="Abdul Qadeer Basir Abdul Baseer" function="Military Attaché, Taliban Embassy" gender="M" title="(a) General (b) Maulavi" nameLanguage="" strong="true" regulationLanguage="en" logicalId="5002">
      ${REG('753/2011 (OJ L199)')}
    </nameAlias>
    <birthdate circa="false" calendarType="GREGORIAN" city="" zipCode="" yearRangeFrom="1962" yearRangeTo="1964" region="" place="Surkh Rod District, Nangarhar Province" countryIso2Code="AF" countryDescription="AFGHANISTAN" regulationLanguage="en" logicalId="5003">
      ${REG('753/2011 (OJ L199)')}
    </birthdate>
    <birthdate circa="false" calendarType="GREGORIAN" city="" zipCode="" birthdate="1965-03-22" dayOfMonth="22" monthOfYear="3" year="1965" region="" place="" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="5004">
      ${REG('753/2011 (OJ L199)')}
    </birthdate>
    <birthdate circa="false" calendarType="GREGORIAN" city="" zipCode="" monthOfYear="7" year="1966" region="" place="" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="5005">
      ${REG('753/2011 (OJ L199)')}
    </birthdate>
    <identification diplomatic="false" knownExpired="true" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="Government of Afghanistan" latinNumber="" nameOnDocument="" number="D 000974" region="" countryIso2Code="AF" countryDescription="AFGHANISTAN" identificationTypeCode="id" identificationTypeDescription="National identification card" regulationLanguage="en" logicalId="5006">
      ${REG('753/2011 (OJ L199)')}
    </identification>
  </sanctionEntity>
</export>
`;

async function* chunked(text: string, size = 65536): ByteSource {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parseAll(text: string, size?: number): Promise<{ metas: ListMeta[]; records: ListRecord[] }> {
  return collectParse(euFsfXmlImporter, chunked(text, size), { file: 'eu.xml' });
}

const adjunct = (r: ListRecord, id: string): FtmEntity => {
  const found = r.adjuncts.find((a) => a.id === id);
  assert.ok(found, `adjunct ${id} in ${r.adjuncts.map((a) => a.id).join(', ')}`);
  return found;
};

async function rejects(text: string, pattern: RegExp): Promise<InputFormatError> {
  let caught: unknown;
  try {
    await parseAll(text);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputFormatError, `expected InputFormatError, got ${String(caught)}`);
  assert.equal(caught.file, 'eu.xml');
  assert.match(caught.message, pattern);
  return caught;
}

describe('EU FSF XML importer', () => {
  test('detects the EU export and not other lists', () => {
    assert.equal(euFsfXmlImporter.detect(FIXTURE.slice(0, 400), 'x.xml'), true);
    assert.equal(
      euFsfXmlImporter.detect('<?xml version="1.0"?><export generationDate="x"><sanctionEntity', 'x'),
      true,
    );
    assert.equal(
      euFsfXmlImporter.detect('<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="x">', 'x'),
      false,
    );
    assert.equal(euFsfXmlImporter.detect('Last Updated,03/06/2026\nName 6,Name 1', 'ConList.csv'), false);
  });

  test('reads meta and one record per sanctionEntity', async () => {
    const { metas, records } = await parseAll(FIXTURE);
    assert.deepEqual(metas, [
      { source: 'eu', format: 'eu-fsf-xml', publishedAt: '2024-05-13T18:42:19.118+02:00' },
    ]);
    assert.deepEqual(
      records.map((r) => [r.entity.id, r.entity.schema, r.sourceRef, r.regimes]),
      [
        ['eu-13436', 'Person', '13436', ['eu-PRK']],
        ['eu-2345', 'Organization', '2345', ['eu-PRK']],
        ['eu-145002', 'Organization', '145002', ['eu-RUS']],
        ['eu-1234', 'Person', '1234', ['eu-AFG']],
      ],
    );
    assert.equal(records[0].location, 'line 3');
    for (const r of records) {
      const sanctions = r.adjuncts.filter((a) => a.schema === 'Sanction');
      assert.equal(sanctions.length, 1, `${r.entity.id} has exactly one Sanction`);
      assert.deepEqual(sanctions[0].properties.entity, [r.entity.id]);
      assert.deepEqual(sanctions[0].properties.authority, ['European Union']);
      assert.deepEqual(r.entity.properties.topics, ['sanction']);
      for (const a of r.adjuncts) assert.ok(a.id.startsWith(`${r.entity.id}-`), a.id);
    }
  });

  test('DPRK person: names, circa birth year, passports, sanction', async () => {
    const { records } = await parseAll(FIXTURE);
    const p = records[0].entity.properties;
    assert.deepEqual(p.name, ['RI Chol Nam']);
    assert.deepEqual(p.alias, ['리철남']);
    assert.deepEqual(p.weakAlias, ['Ri Chol-nam']);
    assert.deepEqual(p.firstName, ['Chol Nam']);
    assert.deepEqual(p.lastName, ['Ri']);
    assert.deepEqual(p.gender, ['male']);
    assert.deepEqual(p.position, [
      'Deputy Director of the Reconnaissance General Bureau',
      'Representative in Dalian',
    ]);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.birthDate, ['1961']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, NORTH KOREA']);
    assert.deepEqual(p.birthCountry, ['kp']);
    assert.ok(p.notes.includes('Born circa 1961'));
    assert.deepEqual(p.passportNumber, ['563120356', 'PD 654 320 112']);

    const passport = adjunct(records[0], 'eu-13436-passport-563120356');
    assert.equal(passport.schema, 'Passport');
    assert.deepEqual(passport.properties.holder, ['eu-13436']);
    assert.deepEqual(passport.properties.number, ['563120356']);
    assert.deepEqual(passport.properties.country, ['kp']);
    assert.deepEqual(passport.properties.startDate, ['2013-02-14']);
    assert.deepEqual(passport.properties.description, ['Valid until 14.2.2018']);
    const diplomatic = adjunct(records[0], 'eu-13436-passport-pd-654-320-112');
    assert.deepEqual(diplomatic.properties.type, ['Diplomatic passport']);
    assert.deepEqual(diplomatic.properties.description, ['Flags: diplomatic']);

    const s = adjunct(records[0], 'eu-13436-sanction').properties;
    assert.deepEqual(s.program, ['2017/1509 (OJ L224)']);
    assert.deepEqual(s.programId, ['PRK']);
    assert.deepEqual(s.listingDate, ['2017-08-05']);
    assert.deepEqual(s.authorityId, ['EU.4236.65']);
    assert.deepEqual(s.sourceUrl, ['http://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2017:224:TOC']);
    assert.equal(s.unscId, undefined);
  });

  test('DPRK company: UN id, address with contacts, IMO company number', async () => {
    const { records } = await parseAll(FIXTURE);
    const r = records[1];
    const p = r.entity.properties;
    assert.deepEqual(p.name, ['Korea Hana Electronics Trading Corporation']);
    assert.deepEqual(p.alias, ['Hana Electronics JVC']);
    assert.deepEqual(p.imoNumber, ['5732045']);
    assert.deepEqual(p.phone, ['+850 2 381 8221']);
    assert.deepEqual(p.email, ['hana@star-co.net.kp', 'hanaelec@silibank.com']);
    assert.deepEqual(p.country, ['kp']);
    assert.deepEqual(p.address, ['Jongbaek 1-dong, Rakrang District, Pyongyang, NORTH KOREA']);
    assert.deepEqual(p.addressEntity, ['eu-2345-address-1']);
    const address = adjunct(r, 'eu-2345-address-1').properties;
    assert.deepEqual(address.city, ['Pyongyang']);
    assert.deepEqual(address.street, ['Jongbaek 1-dong, Rakrang District']);
    assert.deepEqual(address.country, ['kp']);
    assert.deepEqual(address.remarks, ['Office near the Taedong bridge', 'Address at time of listing']);
    assert.equal(
      r.adjuncts.filter((a) => a.schema === 'Address').length,
      1,
      'the empty UNKNOWN address is dropped',
    );
    const s = adjunct(r, 'eu-2345-sanction').properties;
    assert.deepEqual(s.unscId, ['KPe.029']);
    assert.deepEqual(s.listingDate, ['2016-03-04']);
    assert.deepEqual(s.reason, ['Used by the General Bureau of Atomic Energy for procurement.']);
  });

  test('Russian entity: original-script alias, registration number; Taliban person: date range and partial dates', async () => {
    const { records } = await parseAll(FIXTURE);
    const ru = records[2].entity.properties;
    assert.deepEqual(ru.name, ['Joint Stock Company Volga Maritime Logistics']);
    assert.deepEqual(ru.alias, ['АО «Волга Морская Логистика»']);
    assert.deepEqual(ru.registrationNumber, ['1027739049689']);
    assert.deepEqual(ru.website, ['www.volgamarlog.ru']);
    assert.deepEqual(adjunct(records[2], 'eu-145002-address-1').properties.postalCode, ['198184']);

    const af = records[3];
    const p = af.entity.properties;
    assert.deepEqual(p.birthDate, ['1962', '1963', '1964', '1965-03-22', '1966-07']);
    assert.deepEqual(p.title, ['General', 'Maulavi']);
    assert.deepEqual(p.birthPlace, ['Surkh Rod District, Nangarhar Province, AFGHANISTAN']);
    const id = adjunct(af, 'eu-1234-identification-d-000974');
    assert.equal(id.schema, 'Identification');
    assert.deepEqual(id.properties.authority, ['Government of Afghanistan']);
    assert.deepEqual(id.properties.description, ['Flags: knownExpired']);
    assert.deepEqual(p.idNumber, ['D 000974']);
    const s = adjunct(af, 'eu-1234-sanction').properties;
    assert.deepEqual(s.unscId, ['TAi.041']);
    // no designationDate: the regulation's publication date stands in
    assert.deepEqual(s.listingDate, ['2011-10-01']);
    assert.equal(s.startDate, undefined);
  });

  test('every emitted entity is valid against the FtM model', { skip: missingShared('ftm') }, async () => {
    const model = loadFtmModel();
    const { records } = await parseAll(FIXTURE);
    const problems = records.flatMap((r) =>
      [r.entity, ...r.adjuncts].flatMap((e) => entityProblems(model, e)),
    );
    assert.deepEqual(problems, []);
  });

  test('output is the same however the bytes are chunked (multi-byte names split across chunks)', async () => {
    const whole = await parseAll(FIXTURE);
    const tiny = await parseAll(FIXTURE, 7);
    assert.deepEqual(tiny, whole);
  });

  test('ids are stable when unrelated records change or move', async () => {
    const { records } = await parseAll(FIXTURE);
    const blocks = FIXTURE.split(/(?= {2}<sanctionEntity )/);
    const tail = blocks.at(-1)!.split('</export>');
    const reordered = [blocks[0], tail[0], blocks[3], blocks[2], blocks[1], '</export>\n'].join('');
    const again = await parseAll(reordered);
    const byId = new Map(again.records.map((r) => [r.entity.id, r]));
    for (const r of records) {
      const other = byId.get(r.entity.id);
      assert.ok(other, r.entity.id);
      assert.deepEqual(other.entity, r.entity);
      assert.deepEqual(other.adjuncts, r.adjuncts);
    }
  });

  test('an empty export still yields meta', async () => {
    const { metas, records } = await parseAll(
      '<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-01-02T03:04:05Z" globalFileId="1"/>',
    );
    assert.equal(records.length, 0);
    assert.equal(metas[0].publishedAt, '2024-01-02T03:04:05Z');
  });

  describe('bad input', () => {
    test('a DOCTYPE with an external entity is refused', async () => {
      await rejects(
        `<?xml version="1.0"?>\n<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<export generationDate="2024-01-01T00:00:00Z" globalFileId="1"><sanctionEntity logicalId="1"><remark>&xxe;</remark></sanctionEntity></export>`,
        /DOCTYPE/,
      );
    });

    test('a truncated file', async () => {
      const err = await rejects(
        FIXTURE.slice(0, FIXTURE.indexOf('logicalId="145004"')),
        /truncated|unclosed|ends inside/i,
      );
      assert.match(err.where ?? '', /line \d+/);
    });

    test('the wrong root element', async () => {
      await rejects(
        '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2025-12-09T00:00:00Z"><INDIVIDUALS/></CONSOLIDATED_LIST>',
        /root element is <CONSOLIDATED_LIST>/,
      );
    });

    test('not XML at all, and an empty file', async () => {
      await rejects('Last Updated,03/06/2026\nName 6,Name 1\n', /malformed XML|no XML root/);
      await rejects('', /empty file/);
    });

    test('a sanctionEntity without logicalId, subjectType or name names its line', async () => {
      const noId = FIXTURE.replace('logicalId="2345" ', '');
      const err = await rejects(noId, /without a logicalId/);
      const line = FIXTURE.slice(0, FIXTURE.indexOf('logicalId="2345"')).split('\n').length;
      assert.equal(err.where, `line ${line}`);
      await rejects(
        FIXTURE.replace('<subjectType code="person" classificationCode="P"/>', ''),
        /13436 has no subjectType/,
      );
      await rejects(
        FIXTURE.replace(/wholeName="Korea Hana[^"]*"/, '').replace(/wholeName="Hana[^"]*"/, ''),
        /2345 has no name/,
      );
    });

    test('a malformed date names the attribute', async () => {
      await rejects(
        FIXTURE.replace('designationDate="2016-03-04"', 'designationDate="04/03/2016"'),
        /designationDate "04\/03\/2016"/,
      );
      await rejects(
        FIXTURE.replace('generationDate="2024-05-13T18:42:19.118+02:00"', 'generationDate="yesterday"'),
        /generationDate/,
      );
    });
  });
});
