import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { missingShared } from '../../config/paths.ts';
import { entityProblems, loadFtmModel } from '../../ftm/model.ts';
import { applyRemarks } from './apply.ts';
import { OfacRecordBuilder } from './build.ts';
import { dateFromFileName, parseDateExpression, parseOfacDate } from './dates.ts';
import { applyDetail, matchLabel, splitDocumentText } from './details.ts';
import { parseRemarks } from './remarks.ts';

const MODEL_FILE = ['ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'];

function listing(schema: string, remarks: string, truncated = false) {
  const b = new OfacRecordBuilder('123', schema);
  b.set('name', 'Name', 'TEST');
  applyRemarks(b, remarks, { truncated });
  return b.build('line 1');
}

describe('OFAC dates', () => {
  test('single dates, partial where the list is partial', () => {
    assert.equal(parseOfacDate('18 Jan 1961'), '1961-01-18');
    assert.equal(parseOfacDate('8 Sep 2006'), '2006-09-08');
    assert.equal(parseOfacDate('Mar 1945'), '1945-03');
    assert.equal(parseOfacDate('1961'), '1961');
    assert.equal(parseOfacDate('12/18/2025'), '2025-12-18');
    assert.equal(parseOfacDate('1961-03-28'), '1961-03-28');
    assert.equal(parseOfacDate('31 Feb 1961'), undefined);
    assert.equal(parseOfacDate('16/2/1421H'), undefined);
    assert.equal(parseOfacDate(''), undefined);
  });

  test('circa and ranges', () => {
    assert.deepEqual(parseDateExpression('circa 1960'), { dates: ['1960'], note: 'circa 1960' });
    assert.deepEqual(parseDateExpression('1955 to 1957'), {
      dates: ['1955', '1956', '1957'],
      note: '1955 to 1957',
    });
    assert.deepEqual(parseDateExpression('01 Jan 1958 to 31 Dec 1960').dates, ['1958', '1959', '1960']);
    assert.deepEqual(parseDateExpression('01 Mar 1960 to 31 Mar 1960').dates, ['1960-03']);
    assert.deepEqual(parseDateExpression('circa 1960-1962').dates, ['1960', '1961', '1962']);
    assert.deepEqual(parseDateExpression('18 Jan 1961'), { dates: ['1961-01-18'] });
    assert.deepEqual(parseDateExpression('sometime in the sixties'), {
      dates: [],
      note: 'sometime in the sixties',
    });
  });

  test('publication date from a file name', () => {
    assert.equal(dateFromFileName('sdn-2024-05-03.csv'), '2024-05-03');
    assert.equal(dateFromFileName('/x/y/sdn_20240503.csv'), '2024-05-03');
    assert.equal(dateFromFileName('sdn.csv'), undefined);
    assert.equal(dateFromFileName('sdn-2024-13-03.csv'), undefined);
  });
});

describe('remarks parsing', () => {
  test('segments: aliases, details, notes; alt. prefix; final full stop', () => {
    const items = parseRemarks(
      "a.k.a. 'BNC'; f.k.a. 'OLD NAME; WITH SEMICOLON'; DOB 18 Jan 1961; alt. DOB circa 1960; POB Pyongyang, Korea, North; something else; Linked To: KOREA XYZ CO., LTD.",
    );
    assert.deepEqual(items, [
      { kind: 'alias', type: 'a.k.a.', name: 'BNC' },
      { kind: 'alias', type: 'f.k.a.', name: 'OLD NAME; WITH SEMICOLON' },
      { kind: 'detail', detail: { label: 'DOB', value: '18 Jan 1961', raw: 'DOB 18 Jan 1961' } },
      { kind: 'detail', detail: { label: 'DOB', value: 'circa 1960', raw: 'DOB circa 1960' } },
      {
        kind: 'detail',
        detail: { label: 'POB', value: 'Pyongyang, Korea, North', raw: 'POB Pyongyang, Korea, North' },
      },
      { kind: 'note', text: 'something else' },
      {
        kind: 'detail',
        detail: { label: 'Linked To', value: 'KOREA XYZ CO., LTD.', raw: 'Linked To: KOREA XYZ CO., LTD.' },
      },
    ]);
    assert.deepEqual(parseRemarks('Linked To: USA REALLY.').at(-1), {
      kind: 'detail',
      detail: { label: 'Linked To', value: 'USA REALLY', raw: 'Linked To: USA REALLY' },
    });
    assert.deepEqual(parseRemarks('-0- '), []);
    assert.deepEqual(parseRemarks(undefined), []);
  });

  test('labels match whole words, longest first', () => {
    assert.equal(matchLabel('Passport No. 123')?.label, 'Passport No.');
    assert.equal(matchLabel('Email Address a@b.c')?.label, 'Email Address');
    assert.equal(matchLabel("citizen's card"), undefined);
    assert.equal(matchLabel('Akademiya Nauk'), undefined);
    assert.deepEqual(matchLabel('Secondary sanctions risk: section 1(b)'), {
      label: 'Secondary sanctions risk',
      rest: 'section 1(b)',
    });
  });

  test('document text: number, country, issue and expiry dates', () => {
    assert.deepEqual(splitDocumentText('12345 (Korea, North) expires 17 Jul 2011'), {
      number: '12345',
      country: 'Korea, North',
      issued: undefined,
      expires: '17 Jul 2011',
    });
    assert.deepEqual(splitDocumentText('G 649385 issued 08 Sep 2006 expires 17 Jul 2011'), {
      number: 'G 649385',
      country: undefined,
      issued: '08 Sep 2006',
      expires: '17 Jul 2011',
    });
    assert.equal(splitDocumentText('HRA 738077 (Stuttgart) (Germany)').number, 'HRA 738077 (Stuttgart)');
  });
});

describe('remarks -> FtM', () => {
  test('a person: birth, nationality, documents, aliases, contacts, links, sanction scope', () => {
    const r = listing(
      'Person',
      "DOB 18 Jan 1961; alt. DOB 1955 to 1957; DOB circa 1960; POB Pyongyang, Korea, North; nationality Korea, North; citizen Russia; Gender Male; Passport 12345 (Korea, North) issued 01 Jan 2010 expires 31 Dec 2019; National ID No. 99-1 (Korea, North); Tax ID No. 7707083893 (Russia); SSN 523-33-8386 (United States); Website www.example.kp; Email Address x@example.kp; a.k.a. 'KIM, Chol'; f.k.a. 'PAK, Chol'; Linked To: KOREA RYONBONG GENERAL CORPORATION; Additional Sanctions Information - Subject to Secondary Sanctions; nationality Atlantis.",
    );
    const p = r.entity.properties;
    assert.deepEqual(p.birthDate, ['1961-01-18', '1955', '1956', '1957', '1960']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, Korea, North']);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.citizenship, ['ru']);
    assert.deepEqual(p.gender, ['male']);
    assert.deepEqual(p.passportNumber, ['12345']);
    assert.deepEqual(p.idNumber, ['99-1']);
    assert.deepEqual(p.taxNumber, ['7707083893']);
    assert.deepEqual(p.socialSecurityNumber, ['523-33-8386']);
    assert.deepEqual(p.website, ['www.example.kp']);
    assert.deepEqual(p.email, ['x@example.kp']);
    assert.deepEqual(p.weakAlias, ['KIM, Chol']);
    assert.deepEqual(p.previousName, ['PAK, Chol']);
    assert.deepEqual(p.notes, [
      'DOB 1955 to 1957',
      'DOB circa 1960',
      'Linked To: KOREA RYONBONG GENERAL CORPORATION',
      'nationality: Atlantis',
    ]);
    const passport = r.adjuncts.find((a) => a.schema === 'Passport')!;
    assert.deepEqual(passport.properties, {
      holder: ['ofac-123'],
      number: ['12345'],
      type: ['Passport'],
      country: ['kp'],
      startDate: ['2010-01-01'],
      endDate: ['2019-12-31'],
    });
    const ids = r.adjuncts.filter((a) => a.schema === 'Identification').map((a) => a.id);
    assert.deepEqual(ids, ['ofac-123-id-99-1', 'ofac-123-id-7707083893', 'ofac-123-id-523-33-8386']);
    assert.deepEqual(r.adjuncts[0].properties.provisions, [
      'Additional Sanctions Information - Subject to Secondary Sanctions',
    ]);
  });

  test('vessel numbers: IMO and MMSI only on vessels; company IMO numbers are company numbers', () => {
    const ship = listing(
      'Vessel',
      'Vessel Registration Identification IMO 8712362; MMSI 445113000; Former Vessel Flag Panama; Vessel Year of Build 1990.',
    );
    assert.deepEqual(ship.entity.properties.imoNumber, ['8712362']);
    assert.deepEqual(ship.entity.properties.mmsi, ['445113000']);
    assert.deepEqual(ship.entity.properties.pastFlags, ['pa']);
    assert.deepEqual(ship.entity.properties.buildDate, ['1990']);
    for (const remark of ['Identification Number IMO 1234567.', 'Company Number IMO 1234567.']) {
      const company = listing('Company', remark);
      assert.deepEqual(company.entity.properties.imoNumber, ['1234567']);
      assert.equal(company.entity.properties.registrationNumber, undefined);
      assert.equal(company.adjuncts[1].properties.type?.[0], 'IMO company number');
    }
    const org = listing('Organization', 'MMSI 445113000.');
    assert.equal(org.entity.properties.mmsi, undefined);
    assert.deepEqual(org.entity.properties.notes, ['MMSI: 445113000']);
  });

  test('digital currency addresses become wallets', () => {
    const r = listing(
      'Person',
      'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - ETH 0x098B716B8Aaf21512996dC57EB0615e2383E2f96.',
    );
    const wallets = r.adjuncts.filter((a) => a.schema === 'CryptoWallet');
    assert.deepEqual(
      wallets.map((w) => [
        w.properties.currencySymbol?.[0],
        w.properties.publicKey?.[0],
        w.properties.holder?.[0],
      ]),
      [
        ['XBT', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', 'ofac-123'],
        ['ETH', '0x098B716B8Aaf21512996dC57EB0615e2383E2f96', 'ofac-123'],
      ],
    );
  });

  test('an unterminated alias quote is a note, not an alias', () => {
    const r = listing('Organization', "a.k.a. 'GOOD'; a.k.a. 'NEVER CLOSED");
    assert.deepEqual(r.entity.properties.weakAlias, ['GOOD']);
    assert.deepEqual(r.entity.properties.notes, ["a.k.a. 'NEVER CLOSED"]);
  });

  test('odd remarks never throw and stay valid FtM', { skip: missingShared(...MODEL_FILE) }, () => {
    const model = loadFtmModel();
    const pieces = [
      'DOB',
      'DOB ',
      "a.k.a. '",
      "'",
      ';',
      ';;',
      '(',
      ')',
      'Passport',
      'Passport (',
      'expires',
      'issued',
      'Linked To:',
      'alt.',
      'IMO',
      'MMSI x',
      'Vessel Registration Identification',
      'Digital Currency Address -',
      'Gender Other',
      'nationality',
      'Website',
      '.',
      ' ',
      '31 Feb 1961',
      'to',
      'circa',
      '\u0000',
      'é',
    ];
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const schema of ['Person', 'Organization', 'Company', 'Vessel', 'Airplane']) {
      for (let i = 0; i < 300; i++) {
        const n = 1 + Math.floor(rnd() * 8);
        const text = Array.from({ length: n }, () => pieces[Math.floor(rnd() * pieces.length)]).join(
          rnd() < 0.5 ? ' ' : '; ',
        );
        const r = listing(schema, text, rnd() < 0.2);
        for (const e of [r.entity, ...r.adjuncts]) assert.deepEqual(entityProblems(model, e), [], text);
      }
    }
  });

  test('details from XML carry their parts separately', () => {
    const b = new OfacRecordBuilder('9', 'Person');
    applyDetail(b, {
      label: 'Passport',
      value: 'A1234',
      country: 'Iran',
      issued: '01 Jan 2010',
      expires: '2020-01-01',
    });
    applyDetail(b, { label: 'Secondary sanctions risk:', value: 'section 1(b) of Executive Order 13224' });
    applyDetail(b, { label: 'Listing Date (EO 14024 Directive 2):', value: '24 Feb 2022' });
    applyDetail(b, { label: 'Something New', value: 'x' });
    const r = b.build('line 1');
    const passport = r.adjuncts.find((a) => a.schema === 'Passport')!;
    assert.deepEqual(passport.properties.country, ['ir']);
    assert.deepEqual(passport.properties.startDate, ['2010-01-01']);
    assert.deepEqual(r.adjuncts[0].properties.provisions, [
      'Secondary sanctions risk: section 1(b) of Executive Order 13224',
      'Listing Date (EO 14024 Directive 2): 24 Feb 2022',
    ]);
    assert.deepEqual(r.entity.properties.notes, ['Something New x']);
  });
});
