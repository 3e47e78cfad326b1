import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingShared } from '../config/paths.ts';
import { entityProblems, loadFtmModel } from '../ftm/model.ts';
import type { FtmEntity } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import { collectParse } from './testing.ts';
import type { ByteSource, ListMeta, ListRecord } from './types.ts';
import { ukOfsiCsvImporter, ukRegimeCode } from './uk.ts';

/** The ConList.csv header as OFSI publishes it. */
const HEADER = [
  'Name 6',
  'Name 1',
  'Name 2',
  'Name 3',
  'Name 4',
  'Name 5',
  'Title',
  'Name Non-Latin Script',
  'Non-Latin Script Type',
  'Non-Latin Script Language',
  'DOB',
  'Town of Birth',
  'Country of Birth',
  'Nationality',
  'Passport Number',
  'Passport Details',
  'National Identification Number',
  'National Identification Details',
  'Position',
  'Address 1',
  'Address 2',
  'Address 3',
  'Address 4',
  'Address 5',
  'Address 6',
  'Post/Zip Code',
  'Country',
  'Other Information',
  'Group Type',
  'Alias Type',
  'Alias Quality',
  'Regime',
  'Listed On',
  'UK Sanctions List Date Designated',
  'Last Updated',
  'Group ID',
];

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (header: string[], values: Record<string, string>) =>
  header.map((h) => csvCell(values[h] ?? '')).join(',');

const DPRK = "Democratic People's Republic of Korea";
const PERSON_COMMON = {
  DOB: '00/00/1961',
  'Town of Birth': 'Pyongyang',
  'Country of Birth': 'North Korea',
  Nationality: DPRK,
  'Passport Number': '(1) 563120356 (2) 108110031',
  'Passport Details': '(1) Issued 14/02/2013, expires 14/02/2018 (2) Diplomatic passport',
  'National Identification Number': '',
  Position: 'Representative of the Reconnaissance General Bureau in Dalian',
  'Other Information':
    '(UK Sanctions List Ref):DPR0041 (UN Ref):KPi.067 Associated with the Korea Mining Development Trading Corporation (KOMID). (Gender):Male',
  'Group Type': 'Individual',
  Regime: DPRK,
  'Listed On': '22/12/2017',
  'UK Sanctions List Date Designated': '31/12/2020',
  'Last Updated': '31/12/2020',
  'Group ID': '13590',
};
const SHIP_COMMON = {
  'Other Information':
    '(UK Sanctions List Ref):DPR0102 (UK Statement of Reasons):The CHON MA SAN conducted a ship-to-ship transfer of refined petroleum products, in breach of UNSCR 2397. (IMO number):8660313 (Current owner/operator (s)):Chonmyong Shipping Co, Pyongyang (Current believed flag of ship):North Korea (Type of ship):Oil Tanker (Tonnage of ship):2,734 (Length of ship):93m (Year Built):1993',
  'Group Type': 'Ship',
  Regime: DPRK,
  'Listed On': '13/05/2019',
  'UK Sanctions List Date Designated': '31/12/2020',
  'Last Updated': '02/03/2022',
  'Group ID': '13630',
};
const RU_COMMON = {
  'Address 1': 'Kanonerskiy Island 17',
  'Address 2': 'St Petersburg',
  'Post/Zip Code': '198184',
  Country: 'Russia',
  'Other Information':
    '(UK Sanctions List Ref):RUS1234. (UK Statement of Reasons):Volga Maritime Logistics is involved in obtaining a benefit from or supporting the Government of Russia by carrying on business in the Russian transport sector. (Phone number):+7 812 555 0101 (Website):www.volgamarlog.ru (Type of entity):Joint Stock Company (Business registration number (s)):1027739049689',
  'Group Type': 'Entity',
  Regime: 'Russia',
  'Listed On': '04/05/2022',
  'UK Sanctions List Date Designated': '04/05/2022',
  'Last Updated': '04/05/2022',
  'Group ID': '14195',
};

function conList(header = HEADER, rows = ROWS, banner = 'Last Updated,03/06/2026'): string {
  return (
    [banner, header.map(csvCell).join(','), ...rows.map((r) => csvLine(header, r))].join('\r\n') + '\r\n'
  );
}

const ROWS: Record<string, string>[] = [
  {
    ...PERSON_COMMON,
    'Name 6': 'PAK',
    'Name 1': 'Yong',
    'Name 2': 'Chol',
    'Name Non-Latin Script': '박영철',
    'Non-Latin Script Type': 'Korean',
    'Non-Latin Script Language': 'Korean',
    'Alias Type': 'Primary name',
  },
  { ...PERSON_COMMON, 'Name 6': 'PAK', 'Name 1': 'Yong-chol', 'Alias Type': 'AKA', 'Alias Quality': 'Good' },
  { ...PERSON_COMMON, 'Name 6': 'PAK', 'Name 1': 'Y.C.', 'Alias Type': 'AKA', 'Alias Quality': 'Low' },
  { ...SHIP_COMMON, 'Name 6': 'CHON MA SAN', 'Alias Type': 'Primary name' },
  { ...SHIP_COMMON, 'Name 6': 'XIN HAI', 'Alias Type': 'FKA' },
  {
    ...RU_COMMON,
    'Name 6': 'JOINT STOCK COMPANY VOLGA MARITIME LOGISTICS',
    'Name Non-Latin Script': 'АО «Волга Морская Логистика»',
    'Alias Type': 'Primary name',
  },
  { ...RU_COMMON, 'Name 6': 'VOLGA MARLOG', 'Alias Type': 'AKA', 'Alias Quality': 'Good' },
];

const FIXTURE = conList();

async function* chunked(data: string | Buffer, size = 65536): ByteSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parseAll(
  data: string | Buffer,
  size?: number,
): Promise<{ metas: ListMeta[]; records: ListRecord[] }> {
  return collectParse(ukOfsiCsvImporter, chunked(data, size), { file: 'ConList.csv' });
}

const adjunct = (r: ListRecord, id: string): FtmEntity => {
  const found = r.adjuncts.find((a) => a.id === id);
  assert.ok(found, `adjunct ${id} in ${r.adjuncts.map((a) => a.id).join(', ')}`);
  return found;
};

async function rejects(data: string | Buffer, pattern: RegExp): Promise<InputFormatError> {
  let caught: unknown;
  try {
    await parseAll(data);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputFormatError, `expected InputFormatError, got ${String(caught)}`);
  assert.equal(caught.file, 'ConList.csv');
  assert.match(caught.message, pattern);
  return caught;
}

describe('UK OFSI ConList.csv importer', () => {
  test('detects ConList.csv, not the FCDO UK Sanctions List CSV or other lists', () => {
    assert.equal(ukOfsiCsvImporter.detect(FIXTURE.slice(0, 500), 'ConList.csv'), true);
    assert.equal(ukOfsiCsvImporter.detect(`\uFEFF${HEADER.join(',')}\n`, 'x.csv'), true);
    assert.equal(
      ukOfsiCsvImporter.detect(
        'Report Date: 01-Jul-2026\nLast Updated,Unique ID,OFSI Group ID,Name 6,Name 1\n',
        'x.csv',
      ),
      false,
    );
    assert.equal(ukOfsiCsvImporter.detect('Last Updated,Unique ID,OFSI Group ID,Name 6\n', 'x.csv'), false);
    assert.equal(
      ukOfsiCsvImporter.detect('<?xml version="1.0"?><export generationDate="x">', 'x.xml'),
      false,
    );
    assert.equal(ukOfsiCsvImporter.detect('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"', 'sdn.csv'), false);
  });

  test('regime codes', () => {
    assert.equal(ukRegimeCode(DPRK), 'uk-dprk');
    assert.equal(ukRegimeCode("Democratic People's Republic of Korea "), 'uk-dprk');
    assert.equal(ukRegimeCode('Russia'), 'uk-russia');
    assert.equal(ukRegimeCode("ISIL (Da'esh) and Al-Qaida"), 'uk-isil-da-esh-and-al-qaida');
  });

  test('reads meta and one record per Group ID', async () => {
    const { metas, records } = await parseAll(FIXTURE);
    assert.deepEqual(metas, [{ source: 'uk', format: 'uk-ofsi-csv', publishedAt: '2026-06-03' }]);
    assert.deepEqual(
      records.map((r) => [r.entity.id, r.entity.schema, r.sourceRef, r.location, r.regimes]),
      [
        ['uk-13590', 'Person', '13590', 'line 3', ['uk-dprk']],
        ['uk-13630', 'Vessel', '13630', 'line 6', ['uk-dprk']],
        ['uk-14195', 'Organization', '14195', 'line 8', ['uk-russia']],
      ],
    );
    for (const r of records) {
      const sanctions = r.adjuncts.filter((a) => a.schema === 'Sanction');
      assert.equal(sanctions.length, 1, `${r.entity.id} has exactly one Sanction`);
      assert.deepEqual(sanctions[0].properties.entity, [r.entity.id]);
      assert.deepEqual(r.entity.properties.topics, ['sanction']);
      for (const a of r.adjuncts) assert.ok(a.id.startsWith(`${r.entity.id}-`), a.id);
    }
  });

  test('DPRK person: three alias rows become one Person', async () => {
    const { records } = await parseAll(FIXTURE);
    const r = records[0];
    const p = r.entity.properties;
    assert.deepEqual(p.name, ['Yong Chol PAK']);
    assert.deepEqual(p.alias, ['Yong-chol PAK', '박영철']);
    assert.deepEqual(p.weakAlias, ['Y.C. PAK']);
    assert.deepEqual(p.firstName, ['Yong']);
    assert.deepEqual(p.lastName, ['PAK']);
    assert.deepEqual(p.birthDate, ['1961']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, North Korea']);
    assert.deepEqual(p.birthCountry, ['kp']);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.gender, ['male']);
    assert.deepEqual(p.position, ['Representative of the Reconnaissance General Bureau in Dalian']);
    assert.deepEqual(p.passportNumber, ['563120356', '108110031']);
    assert.deepEqual(p.notes, ['Associated with the Korea Mining Development Trading Corporation (KOMID).']);
    const passport = adjunct(r, 'uk-13590-passport-563120356');
    assert.equal(passport.schema, 'Passport');
    assert.deepEqual(passport.properties.holder, ['uk-13590']);
    assert.deepEqual(passport.properties.description, ['Issued 14/02/2013, expires 14/02/2018']);
    assert.deepEqual(adjunct(r, 'uk-13590-passport-108110031').properties.description, [
      'Diplomatic passport',
    ]);
    const s = adjunct(r, 'uk-13590-sanction').properties;
    assert.deepEqual(s.authorityId, ['DPR0041']);
    assert.deepEqual(s.unscId, ['KPi.067']);
    assert.deepEqual(s.program, [DPRK]);
    assert.deepEqual(s.listingDate, ['2017-12-22']);
    assert.deepEqual(s.startDate, ['2020-12-31']);
    assert.deepEqual(s.modifiedAt, ['2020-12-31']);
  });

  test('DPRK ship: Vessel with IMO and ship details from Other Information', async () => {
    const { records } = await parseAll(FIXTURE);
    const r = records[1];
    const p = r.entity.properties;
    assert.deepEqual(p.name, ['CHON MA SAN']);
    assert.deepEqual(p.previousName, ['XIN HAI']);
    assert.deepEqual(p.imoNumber, ['8660313']);
    assert.deepEqual(p.flag, ['kp']);
    assert.deepEqual(p.type, ['Oil Tanker']);
    assert.deepEqual(p.tonnage, ['2734']);
    assert.deepEqual(p.buildDate, ['1993']);
    assert.ok(p.notes.includes('Current owner/operator (s): Chonmyong Shipping Co, Pyongyang'));
    assert.ok(p.notes.includes('Length of ship: 93m'));
    const s = adjunct(r, 'uk-13630-sanction').properties;
    assert.match(s.reason[0], /^The CHON MA SAN conducted a ship-to-ship transfer/);
    assert.deepEqual(s.modifiedAt, ['2022-03-02']);
  });

  test('Russian entity: address, contacts, registration number, Cyrillic alias', async () => {
    const { records } = await parseAll(FIXTURE);
    const r = records[2];
    const p = r.entity.properties;
    assert.deepEqual(p.name, ['JOINT STOCK COMPANY VOLGA MARITIME LOGISTICS']);
    assert.deepEqual(p.alias, ['VOLGA MARLOG', 'АО «Волга Морская Логистика»']);
    assert.deepEqual(p.country, ['ru']);
    assert.deepEqual(p.phone, ['+7 812 555 0101']);
    assert.deepEqual(p.website, ['www.volgamarlog.ru']);
    assert.deepEqual(p.registrationNumber, ['1027739049689']);
    assert.deepEqual(p.address, ['Kanonerskiy Island 17, St Petersburg, 198184, Russia']);
    const address = adjunct(r, 'uk-14195-address-1').properties;
    assert.deepEqual(address.postalCode, ['198184']);
    assert.deepEqual(address.country, ['ru']);
    assert.equal(
      r.adjuncts.filter((a) => a.schema === 'Address').length,
      1,
      'repeated address rows give one Address',
    );
    assert.deepEqual(adjunct(r, 'uk-14195-sanction').properties.authorityId, ['RUS1234']);
  });

  test('newer files: ship columns, found by name whatever their order', async () => {
    const header = [
      'Group ID',
      ...HEADER.filter((h) => h !== 'Group ID'),
      'IMO number',
      'Current owner/operator (s)',
    ];
    header.push(
      'Current believed flag of ship',
      'Previous flags',
      'Type of ship',
      'Tonnage of ship',
      'Length of ship',
    );
    header.push('Year Built', 'Hull identification number (HIN)', 'Previous names');
    const ship = {
      'Name 6': 'SKY STAR',
      'Group Type': 'Ship',
      'Alias Type': 'Primary name',
      Regime: DPRK,
      'Listed On': '30/03/2018',
      'Group ID': '13700',
      'IMO number': '9010565',
      'Current owner/operator (s)': 'Unknown',
      'Current believed flag of ship': 'Panama',
      'Previous flags': '(1) Sierra Leone (2) Togo',
      'Type of ship': 'Products Tanker',
      'Tonnage of ship': '1,998',
      'Length of ship': '78',
      'Year Built': '1990',
      'Hull identification number (HIN)': 'HIN-77-1990',
      'Previous names': '(1) SUN RISE (2) ASIA STAR',
    };
    const { records } = await parseAll(conList(header, [ship]));
    const p = records[0].entity.properties;
    assert.equal(records[0].entity.schema, 'Vessel');
    assert.deepEqual(p.imoNumber, ['9010565']);
    assert.deepEqual(p.flag, ['pa']);
    assert.deepEqual(p.pastFlags, ['sl', 'tg']);
    assert.deepEqual(p.type, ['Products Tanker']);
    assert.deepEqual(p.tonnage, ['1998']);
    assert.deepEqual(p.buildDate, ['1990']);
    assert.deepEqual(p.registrationNumber, ['HIN-77-1990']);
    assert.deepEqual(p.previousName, ['SUN RISE', 'ASIA STAR']);
    assert.deepEqual(p.notes, ['Current owner/operator (s): Unknown', 'Length of ship: 78']);
  });

  test('every emitted entity is valid against the FtM model', { skip: missingShared('ftm') }, async () => {
    const model = loadFtmModel();
    const { records } = await parseAll(FIXTURE);
    const problems = records.flatMap((r) =>
      [r.entity, ...r.adjuncts].flatMap((e) => entityProblems(model, e)),
    );
    assert.deepEqual(problems, []);
  });

  test('output does not depend on chunking (quoted commas, multi-byte names across chunks), BOM or LF endings', async () => {
    const whole = await parseAll(FIXTURE);
    assert.deepEqual(await parseAll(FIXTURE, 5), whole);
    assert.deepEqual(await parseAll(`\uFEFF${FIXTURE.replace(/\r\n/g, '\n')}`, 3), whole);
  });

  test('ids and content are stable when groups move', async () => {
    const { records } = await parseAll(FIXTURE);
    const moved = await parseAll(
      conList(HEADER, [...ROWS.slice(5), ...ROWS.slice(3, 5), ...ROWS.slice(0, 3)]),
    );
    const byId = new Map(moved.records.map((r) => [r.entity.id, r]));
    for (const r of records)
      assert.deepEqual({ ...byId.get(r.entity.id), location: '' }, { ...r, location: '' });
  });

  test('interleaved rows of nearby groups still merge', async () => {
    const { records } = await parseAll(conList(HEADER, [ROWS[0], ROWS[5], ROWS[1], ROWS[6], ROWS[2]]));
    assert.deepEqual(
      records.map((r) => r.entity.id),
      ['uk-13590', 'uk-14195'],
    );
    assert.deepEqual(records[0].entity.properties.weakAlias, ['Y.C. PAK']);
  });

  test('a group that comes back far away is an error naming both lines', async () => {
    const filler = Array.from({ length: 70 }, (_, i) => ({
      ...RU_COMMON,
      'Name 6': `FILLER ${i}`,
      'Group ID': `${20000 + i}`,
    }));
    const err = await rejects(
      conList(HEADER, [ROWS[0], ...filler, ROWS[1]]),
      /Group ID 13590 are not together \(first seen at line 3\)/,
    );
    assert.equal(err.where, 'line 74');
  });

  describe('bad input', () => {
    test('unbalanced quotes', async () => {
      const broken = FIXTURE.replace('"(1) Issued 14/02/2013', '"(1) Issued "14/02/2013');
      assert.notEqual(broken, FIXTURE);
      const err = await rejects(broken, /unbalanced quotes/);
      assert.match(err.where ?? '', /^line \d+$/);
      await rejects(`${FIXTURE}"PAK,Yong`, /unbalanced quotes/);
    });

    test('a missing required column names the column and line', async () => {
      const err = await rejects(
        conList(HEADER.filter((h) => h !== 'Group Type')),
        /header has no "Group Type" column/,
      );
      assert.equal(err.where, 'line 2');
      const err2 = await rejects(conList(HEADER.filter((h) => h !== 'Group ID')), /no "Group ID" column/);
      assert.equal(err2.where, 'line 2');
    });

    test('a Windows-1252 file gets a clear encoding error', async () => {
      const text = conList(HEADER, [
        ...ROWS.slice(3, 5),
        { ...RU_COMMON, 'Name 6': 'GÜNTHER HANDEL', 'Alias Type': 'Primary name' },
        { ...RU_COMMON, 'Name 6': 'SOCIÉTÉ MARITIME DU NORD', 'Alias Type': 'AKA' },
      ]);
      // what a spreadsheet's "CSV" export writes: every character one Windows-1252 byte
      const latin1 = Buffer.from(text, 'latin1');
      const err = await rejects(latin1, /byte 0xDC is not valid utf-8.*Windows-1252/);
      assert.match(err.where ?? '', /^line 5, byte \d+$/);
    });

    test('a cut-off last line, an unknown Group Type, a row without Group ID', async () => {
      await rejects(
        FIXTURE.slice(0, FIXTURE.lastIndexOf(',Entity,')),
        /row has \d+ fields but the header has 36/,
      );
      await rejects(conList(HEADER, [{ ...ROWS[0], 'Group Type': 'Aircraft' }]), /Group Type "Aircraft"/);
      const err = await rejects(
        conList(HEADER, [ROWS[0], { ...ROWS[1], 'Group ID': '' }]),
        /no usable "Group ID"/,
      );
      assert.equal(err.where, 'line 4');
    });

    test('not a ConList at all, empty, bad banner date', async () => {
      await rejects('ent_num,SDN_Name\n36,AEROCARIBBEAN\n', /not an OFSI ConList.csv header row/);
      await rejects('', /empty file/);
      await rejects('Last Updated,03/06/2026\r\n', /ends before the header row/);
      await rejects(conList(HEADER, ROWS, 'Last Updated,June 2026'), /"Last Updated" date "June 2026"/);
    });
  });
});
