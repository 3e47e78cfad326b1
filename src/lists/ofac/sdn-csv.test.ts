import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, test } from 'node:test';
import { missingShared, sharedFile } from '../../config/paths.ts';
import { InputFormatError } from '../errors.ts';
import { assertValidFtm, chunkedBytes, collectParse } from '../testing.ts';
import type { ByteSource, ListRecord, ParseContext } from '../types.ts';
import { resolveOfacLinks } from './links.ts';
import { ofacSdnCsvImporter } from './sdn-csv.ts';

const MODEL_FILE = ['ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'];
const SDN_2024 = ['lists', 'ofac', 'sdn-2024-05-03.csv'];
const LEGACY = ['lists', 'ofac', 'legacy-csv-snapshot'];

const bytes = (text: string, chunk = 37) => chunkedBytes(text, chunk);
const collect = (input: ByteSource, ctx: ParseContext) => collectParse(ofacSdnCsvImporter, input, ctx);

const byRef = (records: ListRecord[], ref: string): ListRecord => {
  const r = records.find((x) => x.sourceRef === ref);
  assert.ok(r, `record ${ref}`);
  return r;
};

const row = (...fields: string[]) => fields.map((f) => (f === '-0-' ? '-0- ' : `"${f}"`)).join(',');

// A small sdn.csv in OFAC's own shape: CRLF, `-0- ` nulls, a trailing \x1a line.
const SDN_CSV = [
  `36,${row('AEROCARIBBEAN AIRLINES', '-0-', 'CUBA', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-')}`,
  `20157,${row('KIM, Jong Un', 'individual', 'DPRK3', "Chairman of the Workers' Party of Korea", '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', "DOB 08 Jan 1984; POB Pyongyang, Korea, North; nationality Korea, North; Gender Male; Passport 745310010 (Korea, North) expires 01 Jun 2020; a.k.a. 'KIM, Chong Un'; Chairman of the Workers' Party of Korea.")}`,
  `23729,${row('CHON MA SAN', 'vessel', 'DPRK4', '-0-', 'HMYW', 'Crude Oil Tanker', '3,000', '2,489', "Democratic People's Republic of Korea", 'Korea Achim Shipping Co', 'Vessel Registration Identification IMO 8660313; MMSI 445113000; Linked To: KOREA ACHIM SHIPPING CO.')}`,
  `17067,${row('CHONGCHONGANG SHIPPING COMPANY LIMITED', '-0-', 'NPWMD] [DPRK2', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', 'Identification Number IMO 5342883; Additional Sanctions Information - Subject to Secondary Sanctions.')}`,
  `15431,${row('EP-GOM', 'aircraft', 'SDGT', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', "Aircraft Model IL76-TD; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft Operator YAS AIR.")}`,
  '\x1a',
].join('\r\n');

const ALT_CSV = [
  '36,12,"aka","AERO-CARIBBEAN",-0- ',
  '20157,900,"fka","KIM, Jong-un",-0- ',
  '99999,1,"aka","ORPHAN",-0- ',
].join('\n');
const ADD_CSV = [
  '36,25,-0- ,"Havana","Cuba",-0- ',
  '20157,26,"Central District","Pyongyang","Korea, North",-0- ',
  '20157,27,-0- ,-0- ,"Korea, North",-0- ',
].join('\r\n');
// sdn_comments.csv continues a remark cut at 1000 characters, mid-word.
const fillTo1000 = (head: string, tail: string) =>
  `${head}${'Z'.repeat(1000 - head.length - tail.length - 2)}; ${tail}`;
const LONG_REMARK = fillTo1000('DOB 1955 to 1957; Website http://example.org/a; ', 'Linked To: KOREA RYONBO');
const COMMENTS_CSV = `36,"NG GENERAL CORPORATION."\r\n\x1a`;

describe('ofacSdnCsvImporter on hand-made files', () => {
  test('detect: a 12-column SDN row, not its companions or other CSVs', () => {
    assert.ok(ofacSdnCsvImporter.detect(SDN_CSV, 'sdn.csv'));
    assert.ok(!ofacSdnCsvImporter.detect(ALT_CSV, 'alt.csv'));
    assert.ok(!ofacSdnCsvImporter.detect(ADD_CSV, 'add.csv'));
    assert.ok(
      !ofacSdnCsvImporter.detect('Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town\n', 'conlist.csv'),
    );
    assert.ok(!ofacSdnCsvImporter.detect('<?xml version="1.0"?><sdnList/>', 'sdn.xml'));
  });

  test('rows, types, names, programs, vessel columns and remarks', async () => {
    const { meta, records } = await collect(bytes(SDN_CSV), { file: 'sdn-2024-05-03.csv' });
    assert.deepEqual(meta, { source: 'ofac', format: 'ofac-sdn-csv', publishedAt: '2024-05-03' });
    assert.deepEqual(
      records.map((r) => [r.entity.id, r.entity.schema]),
      [
        ['ofac-36', 'Organization'],
        ['ofac-20157', 'Person'],
        ['ofac-23729', 'Vessel'],
        ['ofac-17067', 'Company'],
        ['ofac-15431', 'Airplane'],
      ],
    );
    const kim = byRef(records, '20157');
    assert.equal(kim.location, 'line 2');
    assert.deepEqual(kim.regimes, ['ofac-DPRK3']);
    const p = kim.entity.properties;
    assert.deepEqual(p.name, ['KIM, Jong Un']);
    assert.deepEqual(p.lastName, ['KIM']);
    assert.deepEqual(p.firstName, ['Jong Un']);
    assert.deepEqual(p.position, ["Chairman of the Workers' Party of Korea"]);
    assert.equal(p.notes, undefined, 'the title repeated in remarks is not a note');
    assert.deepEqual(p.birthDate, ['1984-01-08']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, Korea, North']);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.gender, ['male']);
    assert.deepEqual(p.weakAlias, ['KIM, Chong Un']);
    assert.deepEqual(p.passportNumber, ['745310010']);
    const passport = kim.adjuncts.find((a) => a.schema === 'Passport');
    assert.deepEqual(passport?.properties.country, ['kp']);
    assert.deepEqual(passport?.properties.endDate, ['2020-06-01']);
    assert.equal(passport?.id, 'ofac-20157-passport-745310010');

    const sanction = kim.adjuncts[0];
    assert.equal(sanction.schema, 'Sanction');
    assert.equal(sanction.id, 'ofac-20157-sanction');
    assert.deepEqual(sanction.properties.entity, ['ofac-20157']);
    assert.deepEqual(sanction.properties.program, ['DPRK3']);
    assert.deepEqual(sanction.properties.programId, ['ofac-DPRK3']);

    const ship = byRef(records, '23729').entity.properties;
    assert.deepEqual(ship.imoNumber, ['8660313']);
    assert.deepEqual(ship.mmsi, ['445113000']);
    assert.deepEqual(ship.callSign, ['HMYW']);
    assert.deepEqual(ship.type, ['Crude Oil Tanker']);
    assert.deepEqual(ship.tonnage, ['3000']);
    assert.deepEqual(ship.grossRegisteredTonnage, ['2489']);
    assert.deepEqual(ship.flag, ['kp']);
    assert.deepEqual(ship.notes, [
      'Vessel Owner: Korea Achim Shipping Co',
      'Linked To: KOREA ACHIM SHIPPING CO.',
    ]);

    const company = byRef(records, '17067');
    assert.deepEqual(company.regimes, ['ofac-NPWMD', 'ofac-DPRK2']);
    // A company IMO number sits on Organization.imoNumber (FtM's place for it); only Vessels are ships.
    assert.notEqual(company.entity.schema, 'Vessel');
    assert.deepEqual(company.entity.properties.imoNumber, ['5342883']);
    assert.deepEqual(company.adjuncts[0].properties.provisions, [
      'Additional Sanctions Information - Subject to Secondary Sanctions',
    ]);

    const plane = byRef(records, '15431').entity.properties;
    assert.deepEqual(plane.model, ['IL76-TD']);
    assert.deepEqual(plane.serialNumber, ['1023409321']);
    assert.deepEqual(plane.notes, ['Aircraft Operator: YAS AIR']);
  });

  test('companions: aliases, addresses and remarks continuations joined by ent_num', async () => {
    const sdn = SDN_CSV.replace(
      '"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      `"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"${LONG_REMARK}"`,
    );
    const { records } = await collect(bytes(sdn), {
      file: 'sdn.csv',
      companions: {
        alt: () => bytes(ALT_CSV),
        add: () => bytes(ADD_CSV),
        comments: () => bytes(COMMENTS_CSV),
      },
    });
    assert.equal(records.length, 5);
    const aero = byRef(records, '36').entity.properties;
    assert.deepEqual(aero.alias, ['AERO-CARIBBEAN']);
    assert.deepEqual(aero.country, ['cu']);
    assert.deepEqual(aero.address, ['Havana, Cuba']);
    assert.deepEqual(aero.birthDate, undefined, 'no birth date on an organisation');
    assert.ok(
      aero.notes?.includes('Linked To: KOREA RYONBONG GENERAL CORPORATION'),
      'continuation joined mid-word',
    );
    assert.ok(aero.notes?.includes('DOB 1955 to 1957'), 'a DOB on an organisation is kept as a note');
    assert.deepEqual(aero.website, ['http://example.org/a']);
    const kim = byRef(records, '20157');
    assert.deepEqual(kim.entity.properties.previousName, ['KIM, Jong-un']);
    assert.deepEqual(kim.entity.properties.address, ['Central District, Pyongyang, Korea, North']);
    const address = kim.adjuncts.find((a) => a.schema === 'Address');
    assert.equal(address?.id, 'ofac-20157-address-26');
    assert.deepEqual(address?.properties.country, ['kp']);
  });

  test('a remark cut at 1000 characters without a continuation keeps its last piece as a note', async () => {
    const cut = fillTo1000("a.k.a. 'ONE'; ", "a.k.a. 'WHOIS HACKIN");
    assert.equal(cut.length, 1000);
    const text = `1,${row('X', '-0-', 'CYBER2', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', '-0-', cut)}\r\n`;
    const { records } = await collect(bytes(text), { file: 'sdn.csv' });
    const p = records[0].entity.properties;
    assert.ok(p.weakAlias?.includes('ONE'));
    assert.ok(!p.weakAlias?.some((a) => a.startsWith('WHOIS')), 'the cut-off alias is not an alias');
    assert.match(p.notes?.at(-1) ?? '', /^a\.k\.a\. 'WHOIS HACKIN \[cut off in the list file\]$/);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['bad quoting', '37,"ABC"D",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ', /line 2.*quote/],
    [
      'a quote in an unquoted field',
      '37,AB"C,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      /line 2.*quote/,
    ],
    ['an unclosed quote', '37,"ABC,-0- ,"CUBA",-0- ', /quote/],
    ['wrong column count', '37,"ABC",-0- ,"CUBA",-0- ', /line 2.*expected 12 columns.*found 5/],
    [
      'a non-numeric ent_num',
      'X7,"ABC",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      /line 2.*ent_num must be a number/,
    ],
    [
      'an empty name',
      '37,-0- ,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      /line 2.*SDN_Name is empty/,
    ],
    [
      'a repeated ent_num',
      '36,"ABC",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
      /line 2.*appears twice/,
    ],
  ];
  for (const [what, line, message] of bad) {
    test(`bad input: ${what} -> InputFormatError with file and line`, async () => {
      const first = SDN_CSV.split('\r\n')[0];
      await assert.rejects(collect(bytes(`${first}\r\n${line}\r\n`), { file: 'sdn.csv' }), (err: unknown) => {
        assert.ok(err instanceof InputFormatError, String(err));
        assert.equal(err.file, 'sdn.csv');
        assert.match(err.message, message);
        return true;
      });
    });
  }

  test('bad input: not UTF-8', async () => {
    const text = Buffer.concat([Buffer.from('37,"AB'), Buffer.from([0xe9]), Buffer.from('C",-0- \r\n')]);
    await assert.rejects(
      collect(
        (async function* () {
          yield text;
        })(),
        { file: 'sdn.csv' },
      ),
      (err: unknown) => err instanceof InputFormatError && /utf-8/.test(err.message),
    );
  });

  test('bad input: a companion with the wrong column count names the companion and line', async () => {
    await assert.rejects(
      collect(bytes(SDN_CSV), { file: 'sdn.csv', companions: { alt: () => bytes('36,12,"aka"\n') } }),
      (err: unknown) =>
        err instanceof InputFormatError && /alt\.csv/.test(err.file) && err.where === 'line 1',
    );
  });

  test('every emitted entity is valid FtM', { skip: missingShared(...MODEL_FILE) }, async () => {
    const { records } = await collect(bytes(SDN_CSV), {
      file: 'sdn.csv',
      companions: {
        alt: () => bytes(ALT_CSV),
        add: () => bytes(ADD_CSV),
        comments: () => bytes(COMMENTS_CSV),
      },
    });
    assertValidFtm(records);
  });
});

describe('ofacSdnCsvImporter on real OFAC files', () => {
  test('sdn-2024-05-03.csv: 14,965 listings, fast, valid FtM', {
    skip: missingShared(...SDN_2024) || missingShared(...MODEL_FILE),
  }, async (t) => {
    const file = sharedFile(...SDN_2024)!;
    const started = performance.now();
    const { meta, records } = await collect(createReadStream(file), { file: 'sdn-2024-05-03.csv' });
    const ms = performance.now() - started;
    t.diagnostic(`parsed ${records.length} listings in ${ms.toFixed(0)} ms`);
    assert.equal(meta?.publishedAt, '2024-05-03');
    assert.equal(records.length, 14965);
    const bySchema: Record<string, number> = {};
    for (const r of records) bySchema[r.entity.schema] = (bySchema[r.entity.schema] ?? 0) + 1;
    assert.equal(bySchema.Person, 6854);
    assert.equal(bySchema.Vessel, 851);
    assert.equal(bySchema.Airplane, 376);
    assert.equal((bySchema.Organization ?? 0) + (bySchema.Company ?? 0), 6884);
    assert.equal(new Set(records.map((r) => r.entity.id)).size, records.length);
    for (const r of records) {
      assert.equal(r.adjuncts.filter((a) => a.schema === 'Sanction').length, 1);
      assert.ok(r.regimes.length > 0, `${r.sourceRef} has a program`);
    }
    assert.equal(records.filter((r) => r.regimes.includes('ofac-DPRK2')).length, 111);
    // Vessels carry ship IMO numbers; the DPRK shipping companies' 7-digit numbers are company numbers on
    // Organization/Company (typed as such in their Identification), never on a Person or a ship-less schema.
    assert.ok(
      records.every(
        (r) =>
          !r.entity.properties.imoNumber || ['Vessel', 'Organization', 'Company'].includes(r.entity.schema),
      ),
    );
    assert.ok(
      records.filter((r) => r.entity.schema === 'Vessel' && r.entity.properties.imoNumber).length > 800,
    );
    const companyImos = records.filter((r) => r.entity.schema !== 'Vessel' && r.entity.properties.imoNumber);
    assert.ok(companyImos.length > 0);
    for (const r of companyImos) {
      assert.ok(
        r.adjuncts.some((a) => a.properties.type?.includes('IMO company number')),
        r.sourceRef,
      );
    }
    const kim = byRef(records, '20157');
    assert.deepEqual(kim.entity.properties.birthDate, ['1984-01-08']);
    assertValidFtm(records);
    const links = resolveOfacLinks(records);
    t.diagnostic(
      `Linked To / owner / operator names resolved: ${links.added}, unresolved: ${links.unresolved.length}`,
    );
    assert.ok(links.added > 6000);
    assertValidFtm(records);
  });

  test('legacy snapshot: sdn.csv with alt/add/sdn_comments joined', {
    skip: missingShared(...LEGACY, 'sdn.csv') || missingShared(...MODEL_FILE),
  }, async () => {
    const path = (name: string) => sharedFile(...LEGACY, name)!;
    const { meta, records } = await collect(createReadStream(path('sdn.csv')), {
      file: 'sdn.csv',
      companions: {
        alt: () => createReadStream(path('alt.csv')),
        add: () => createReadStream(path('add.csv')),
        comments: () => createReadStream(path('sdn_comments.csv')),
      },
    });
    assert.equal(meta?.publishedAt, undefined, 'no date in the name: the caller falls back to the mtime');
    // The file holds 7,379 rows; its last line has no newline, so `wc -l` says 7,378.
    assert.equal(records.length, 7379);
    const aliases = records.reduce(
      (n, r) =>
        n + (r.entity.properties.alias?.length ?? 0) + (r.entity.properties.previousName?.length ?? 0),
      0,
    );
    assert.ok(aliases >= 9600, `aliases joined: ${aliases}`);
    const addresses = records.reduce(
      (n, r) => n + r.adjuncts.filter((a) => a.schema === 'Address').length,
      0,
    );
    assert.ok(addresses > 7000, `address adjuncts: ${addresses}`);
    const bnc = byRef(records, '306').entity.properties;
    assert.deepEqual(bnc.alias, ['NATIONAL BANK OF CUBA']);
    assert.deepEqual(bnc.weakAlias, ['BNC']);
    assert.equal(bnc.addressEntity?.length, 4);
    const cifuentes = byRef(records, '12300').entity.properties;
    assert.ok(
      cifuentes.notes?.includes('Linked To: PROMO RAIZ S.A.S.'),
      'sdn_comments continuation joined mid-word',
    );
    assert.ok(cifuentes.notes?.includes('Linked To: CUBICAFE S.A.S.'));
    assertValidFtm(records);
  });
});
