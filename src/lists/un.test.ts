import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { entityProblems, loadFtmModel } from '../ftm/model.ts';
import { slug } from '../ftm/types.ts';
import { InputFormatError } from './errors.ts';
import { collectParse } from './testing.ts';
import type { ByteSource, ListMeta, ListRecord } from './types.ts';
import { isoDate, splitAliases, splitDocumentNumber, unXmlImporter } from './un.ts';

const UN = ['lists', 'un'];
const unFile = (date: string): string[] => [...UN, `un-consolidated-${date}.xml`];

async function* bytes(...chunks: string[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield Buffer.from(c, 'utf8');
}

const collect = (input: ByteSource, file: string) => collectParse(unXmlImporter, input, { file });

const cache = new Map<string, Promise<{ meta?: ListMeta; records: ListRecord[] }>>();
function loadShared(date: string) {
  let p = cache.get(date);
  if (!p) {
    const path = sharedFile(...unFile(date))!;
    p = collect(createReadStream(path), path);
    cache.set(date, p);
  }
  return p;
}
const byRef = (records: ListRecord[], ref: string): ListRecord => {
  const r = records.find((x) => x.sourceRef === ref);
  assert.ok(r, `${ref} not found`);
  return r;
};
const adjunct = (r: ListRecord, id: string) => r.adjuncts.find((a) => a.id === id);

/** Expects an InputFormatError that names the file and a line. */
async function rejectsWithLine(input: ByteSource, file: string, message: RegExp): Promise<InputFormatError> {
  let caught: unknown;
  try {
    await collect(input, file);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputFormatError, `expected InputFormatError, got ${String(caught)}`);
  assert.equal(caught.file, file);
  assert.match(caught.where ?? '', /line \d+/);
  assert.match(caught.message, message);
  return caught;
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01T10:00:00-04:00">\n';
const individual = (ref: string, extra = ''): string =>
  `<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>IL</SECOND_NAME>` +
  `<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>${ref}</REFERENCE_NUMBER><LISTED_ON>2017-01-01</LISTED_ON>${extra}</INDIVIDUAL>\n`;

describe('UN importer: real snapshots', () => {
  const counts: Array<[string, number, number, number?, number?]> = [
    ['2017-06-30', 653, 371, 53, 46],
    ['2017-07-03', 650, 371],
    ['2025-12-09', 727, 273, 80, 75],
    ['2025-12-10', 726, 273],
    ['2026-02-27', 730, 273],
    ['2026-05-08', 737, 272, 80, 75],
  ];
  for (const [date, people, orgs, dprkPeople, dprkOrgs] of counts) {
    test(`${date}: counts, meta, ids`, { skip: missingShared(...unFile(date)) }, async () => {
      const { meta, records } = await loadShared(date);
      assert.equal(meta?.source, 'un');
      assert.equal(meta?.format, 'un-xml');
      assert.match(meta?.publishedAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(records.filter((r) => r.entity.schema === 'Person').length, people);
      assert.equal(records.filter((r) => r.entity.schema === 'Organization').length, orgs);
      if (dprkPeople !== undefined) {
        const dprk = records.filter((r) => r.regimes.includes('un-dprk'));
        assert.equal(dprk.filter((r) => r.entity.schema === 'Person').length, dprkPeople);
        assert.equal(dprk.filter((r) => r.entity.schema === 'Organization').length, dprkOrgs);
      }
      const ids = new Set<string>();
      for (const r of records) {
        assert.equal(r.entity.id, `un-${slug(r.sourceRef)}`);
        assert.equal(r.sourceRef, r.sourceRef.trim());
        assert.equal(
          r.adjuncts.filter((a) => a.schema === 'Sanction').length,
          1,
          `${r.sourceRef}: one Sanction`,
        );
        assert.ok(r.entity.properties.name?.length === 1, `${r.sourceRef}: one name`);
        for (const e of [r.entity, ...r.adjuncts]) {
          assert.ok(!ids.has(e.id), `duplicate id ${e.id}`);
          ids.add(e.id);
          if (e !== r.entity)
            assert.ok(e.id.startsWith(`${r.entity.id}-`), `${e.id} derives from ${r.entity.id}`);
        }
      }
    });
  }

  test('publishedAt is normalised to UTC for both layouts', {
    skip: missingShared(...unFile('2017-06-30')),
  }, async () => {
    assert.equal((await loadShared('2017-06-30')).meta?.publishedAt, '2017-06-30T23:12:08.528Z');
    if (!missingShared(...unFile('2026-05-08'))) {
      assert.equal((await loadShared('2026-05-08')).meta?.publishedAt, '2026-05-08T23:00:06.922Z');
    }
  });

  test('every entity is valid against the FtM model', { skip: missingShared('ftm') }, async () => {
    const model = loadFtmModel();
    for (const [date] of counts) {
      if (missingShared(...unFile(date))) continue;
      for (const r of (await loadShared(date)).records) {
        for (const e of [r.entity, ...r.adjuncts]) assert.deepEqual(entityProblems(model, e), [], date);
        for (const d of [
          ...(r.entity.properties.birthDate ?? []),
          ...(r.adjuncts[0].properties.listingDate ?? []),
        ]) {
          assert.match(d, /^\d{4}(-\d\d(-\d\d)?)?$/, `${r.sourceRef}: date ${d}`);
        }
        for (const c of [
          ...(r.entity.properties.nationality ?? []),
          ...(r.entity.properties.country ?? []),
        ]) {
          assert.match(c, /^[a-z]{2}$/, `${r.sourceRef}: country ${c}`);
        }
      }
    }
  });

  const KPI_033: ListRecord = {
    entity: {
      id: 'un-kpi-033',
      schema: 'Person',
      properties: {
        name: ['RI WON HO'],
        firstName: ['RI'],
        secondName: ['WON HO'],
        topics: ['sanction'],
        notes: [
          'Ri Won Ho is a DPRK Ministry of State Security Official stationed in Syria supporting KOMID.',
        ],
        position: ['DPRK Ministry of State Security Official'],
        nationality: ['kp'],
        birthDate: ['1964-07-17'],
        passportNumber: ['381310014'],
      },
    },
    adjuncts: [
      {
        id: 'un-kpi-033-sanction',
        schema: 'Sanction',
        properties: {
          entity: ['un-kpi-033'],
          authority: ['United Nations Security Council'],
          program: ['DPRK'],
          programId: ['un-dprk'],
          unscId: ['KPi.033'],
          authorityId: ['6908555'],
          listingDate: ['2016-11-30'],
        },
      },
      {
        id: 'un-kpi-033-passport-381310014',
        schema: 'Passport',
        properties: { holder: ['un-kpi-033'], number: ['381310014'], type: ['Passport'] },
      },
    ],
    sourceRef: 'KPi.033',
    location: '',
    regimes: ['un-dprk'],
  };

  test('DPRK individual with a passport, identical in the 2017 and the current layout', async (t) => {
    for (const date of ['2017-06-30', '2026-05-08']) {
      if (missingShared(...unFile(date))) {
        t.diagnostic(`skipped ${date}: ${missingShared(...unFile(date))}`);
        continue;
      }
      const r = byRef((await loadShared(date)).records, 'KPi.033');
      assert.match(r.location, /^line \d+$/);
      assert.deepEqual({ ...r, location: '' }, KPI_033, date);
    }
  });

  test('spot checks in 2026-05-08', { skip: missingShared(...unFile('2026-05-08')) }, async () => {
    const { records } = await loadShared('2026-05-08');

    // BETWEEN: every year of the range, and a note saying so.
    const between = byRef(records, 'KPi.066');
    assert.deepEqual(between.entity.properties.birthDate, ['1967', '1968', '1969']);
    assert.ok(between.entity.properties.notes.includes('Date of birth: between 1967 and 1969'));
    assert.deepEqual(between.entity.properties.gender, ['male']); // from "Gender: male" in the comments
    assert.deepEqual(between.entity.properties.country, ['kp']); // a country-only address
    assert.equal(between.entity.properties.addressEntity, undefined);

    // APPROXIMATELY, original script, titles, two places of birth, Low alias.
    const approx = byRef(records, 'TAi.094');
    assert.deepEqual(approx.entity.properties.birthDate, ['1953']);
    assert.ok(approx.entity.properties.notes.includes('Date of birth: approximately 1953'));
    assert.deepEqual(approx.entity.properties.alias, ['عبد الباری ﺁخوند', 'Haji Mullah Sahib']);
    assert.deepEqual(approx.entity.properties.weakAlias, ['Zakir']);
    assert.deepEqual(approx.entity.properties.title, ['Maulavi', 'Mullah']);
    assert.deepEqual(approx.entity.properties.birthPlace, [
      'Baghran District, Helmand Province, Afghanistan',
      'Now Zad District, Helmand Province, Afghanistan',
    ]);
    assert.deepEqual(approx.entity.properties.birthCountry, ['af']);
    assert.equal(approx.regimes[0], 'un-taliban');

    // Four name parts, Good and Low aliases, a national ID, INTERPOL link, several LAST_DAY_UPDATED.
    const qdi335 = byRef(records, 'QDi.335');
    const p = qdi335.entity.properties;
    assert.deepEqual(p.name, ['‘ABD AL-RAHMAN KHALAF ‘UBAYD JUDAY’ AL-‘ANIZI']);
    assert.deepEqual(p.firstName, ['‘ABD AL-RAHMAN']);
    assert.deepEqual(p.secondName, ['KHALAF']);
    assert.deepEqual(p.middleName, ['‘UBAYD JUDAY’', 'AL-‘ANIZI']);
    assert.deepEqual(p.alias, ['‘Abd al-Rahman Khalaf al-Anizi', '‘Abd al-Rahman Khalaf al-‘Anzi']);
    assert.deepEqual(p.weakAlias, [
      'Abu Usamah al-Rahman',
      'Abu Shaima’ Kuwaiti',
      'Abu Usamah al-Kuwaiti',
      'Abu Usama',
      'Yusuf',
    ]);
    assert.deepEqual(p.nationality, ['kw']);
    assert.deepEqual(p.idNumber, ['273030601222']);
    assert.deepEqual(p.sourceUrl, [
      'https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals',
    ]);
    assert.deepEqual(adjunct(qdi335, 'un-qdi-335-id-273030601222')?.properties, {
      holder: ['un-qdi-335'],
      number: ['273030601222'],
      type: ['National Identification Number'],
      country: ['kw'],
    });
    assert.deepEqual(adjunct(qdi335, 'un-qdi-335-sanction')?.properties.modifiedAt, [
      '2017-02-15',
      '2019-05-01',
      '2022-11-08',
      '2023-02-02',
    ]);

    // Semicolon-packed Low aliases in the `X (a; b)` form.
    const packed = byRef(records, 'QDi.306').entity.properties.weakAlias;
    for (const name of ['أبو شيماء', 'Abu-Shaima', 'Abu- Shayma']) assert.ok(packed.includes(name), name);

    // Passport with TYPE_OF_DOCUMENT2, DATE_OF_ISSUE and the new DATE_OF_EXPIRY.
    const withExpiry = records
      .flatMap((r) => r.adjuncts)
      .find((a) => a.schema === 'Passport' && a.properties.endDate?.[0] === '2026-10-13');
    assert.ok(withExpiry);
    assert.equal(withExpiry.properties.number[0], 'D0009724');
    assert.deepEqual(withExpiry.properties.type, ['diplomatic passport']);
    assert.deepEqual(withExpiry.properties.startDate, ['2021-10-13']);
    assert.deepEqual(withExpiry.properties.country, ['af']);

    // A DPRK shipping company: IMO company number (not a vessel), addresses as adjuncts.
    const kpe022 = byRef(records, 'KPe.022');
    assert.equal(kpe022.entity.schema, 'Organization');
    assert.deepEqual(kpe022.entity.properties.imoNumber, ['5342883']);
    const addresses = kpe022.adjuncts.filter((a) => a.schema === 'Address');
    assert.equal(addresses.length, 2);
    assert.deepEqual(
      kpe022.entity.properties.addressEntity,
      addresses.map((a) => a.id),
    );
    assert.deepEqual(addresses[0].properties, {
      full: ["817 Haeun, Donghung-dong, Central District, Pyongyang, Democratic People's Republic of Korea"],
      street: ['817 Haeun, Donghung-dong, Central District'],
      city: ['Pyongyang'],
      country: ['kp'],
    });
    assert.deepEqual(byRef(records, 'KPe.034').entity.properties.swiftBic, ['ILSIKPPY']);

    // Trailing space in the reference (`KPe.051 `).
    const kpe051 = byRef(records, 'KPe.051');
    assert.equal(kpe051.entity.id, 'un-kpe-051');
    assert.deepEqual(adjunct(kpe051, 'un-kpe-051-sanction')?.properties.unscId, ['KPe.051']);

    // Sudan regime from the newest additions.
    assert.deepEqual(byRef(records, 'SDi.007').regimes, ['un-sudan']);
  });

  test('2017 layout: offset dates and GENDER', { skip: missingShared(...unFile('2017-06-30')) }, async () => {
    const { records } = await loadShared('2017-06-30');
    const yei004 = byRef(records, 'YEi.004'); // <LISTED_ON>2015-04-14-04:00</LISTED_ON>
    assert.deepEqual(adjunct(yei004, 'un-yei-004-sanction')?.properties.listingDate, ['2015-04-14']);
    assert.ok(records.filter((r) => r.entity.properties.gender).length > 50);
  });

  test('ids and content stay the same between versions', async (t) => {
    for (const [from, to, removed] of [
      ['2025-12-09', '2025-12-10', ['IQi.074']],
      ['2017-06-30', '2017-07-03', ['QDi.168', 'QDi.169', 'QDi.170']],
    ] as const) {
      if (missingShared(...unFile(from)) || missingShared(...unFile(to))) {
        t.diagnostic(`skipped ${from} -> ${to}: shared data missing`);
        continue;
      }
      const a = (await loadShared(from)).records;
      const b = new Map((await loadShared(to)).records.map((r) => [r.entity.id, r]));
      const gone = a.filter((r) => !b.has(r.entity.id)).map((r) => r.sourceRef);
      assert.deepEqual(gone.sort(), [...removed]);
      for (const r of a) {
        const next = b.get(r.entity.id);
        // Nothing else changed between these snapshots, so every remaining record must come out identical.
        if (next) assert.deepEqual([next.entity, next.adjuncts], [r.entity, r.adjuncts], r.sourceRef);
      }
    }
  });

  test('parses the newest snapshot (time reported; speed is measured by npm run bench:lists)', {
    skip: missingShared(...unFile('2026-05-08')),
  }, async (t) => {
    const path = sharedFile(...unFile('2026-05-08'))!;
    const t0 = performance.now();
    const { records } = await collect(createReadStream(path), path);
    const ms = performance.now() - t0;
    t.diagnostic(`un-consolidated-2026-05-08.xml: ${records.length} records in ${ms.toFixed(0)} ms`);
  });
});

describe('UN importer: detect', () => {
  test('accepts both layouts, refuses other lists', async () => {
    for (const date of ['2017-06-30', '2026-05-08']) {
      const path = sharedFile(...unFile(date));
      if (path) {
        const { readHead } = await import('./text.ts');
        assert.ok(unXmlImporter.detect(await readHead(createReadStream(path)), path));
      }
    }
    assert.ok(unXmlImporter.detect(HEAD, 'x.xml'));
    assert.ok(unXmlImporter.detect('\uFEFF<!-- c --><CONSOLIDATED_LIST>', 'x.xml'));
    assert.ok(!unXmlImporter.detect('<?xml version="1.0"?>\n<sdnList xmlns="x">', 'sdn.xml'));
    assert.ok(!unXmlImporter.detect('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"', 'sdn.csv'));
    assert.ok(!unXmlImporter.detect('<export><CONSOLIDATED_LIST>', 'x.xml'));
  });
});

describe('UN importer: bad input', () => {
  test('a truncated file is an error naming file and line, after the complete records', async () => {
    const path = sharedFile(...unFile('2026-05-08'));
    if (path) {
      let seen = 0;
      const err = await (async () => {
        try {
          for await (const ev of unXmlImporter.parse(createReadStream(path, { start: 0, end: 300_000 }), {
            file: path,
          })) {
            if (ev.kind === 'record') seen++;
          }
        } catch (e) {
          return e;
        }
      })();
      assert.ok(err instanceof InputFormatError);
      assert.match(err.message, /truncated|ends inside/);
      assert.match(err.where ?? '', /line|byte/);
      assert.ok(seen > 50, `${seen} records before the cut`);
    }
    await rejectsWithLine(
      bytes(HEAD, '<INDIVIDUALS>', individual('KPi.001'), '<INDIVIDUAL><DATAID>2'),
      'cut.xml',
      /truncated/,
    );
  });

  test('malformed XML', async () => {
    await rejectsWithLine(
      bytes(
        HEAD,
        '<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>A</SECOND_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>',
      ),
      'bad.xml',
      /malformed XML/,
    );
    await rejectsWithLine(
      bytes(HEAD, '<INDIVIDUALS>\n<INDIVIDUAL a=1></INDIVIDUAL>'),
      'bad.xml',
      /malformed XML/,
    );
  });

  test('a DOCTYPE with external entities is refused without fetching anything', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('<!ENTITY leak "x">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/evil`;
      const docs = [
        `<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [<!ENTITY xxe SYSTEM "${url}">]>\n<CONSOLIDATED_LIST><INDIVIDUALS>` +
          individual('KPi.001', '<COMMENTS1>&xxe;</COMMENTS1>') +
          '</INDIVIDUALS></CONSOLIDATED_LIST>',
        `<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST SYSTEM "${url}.dtd">\n<CONSOLIDATED_LIST/>`,
        `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM "${url}"> %p;]>\n<CONSOLIDATED_LIST/>`,
        `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY f SYSTEM "file:///etc/passwd">]>\n<CONSOLIDATED_LIST>&f;</CONSOLIDATED_LIST>`,
      ];
      for (const doc of docs) await rejectsWithLine(bytes(doc), 'xxe.xml', /DOCTYPE/);
      // An entity reference without a DOCTYPE is simply undefined.
      await rejectsWithLine(
        bytes(HEAD, '<INDIVIDUALS>', individual('KPi.001', '<COMMENTS1>&xxe;</COMMENTS1>')),
        'x.xml',
        /malformed/,
      );
    } finally {
      server.close();
    }
    assert.equal(hits, 0);
  });

  test('billion laughs is refused at once', async () => {
    let dtd = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">\n`;
    dtd += ']>\n<CONSOLIDATED_LIST><INDIVIDUALS>' + individual('KPi.001', '<COMMENTS1>&lol9;</COMMENTS1>');
    const heap = process.memoryUsage().heapUsed;
    await rejectsWithLine(bytes(dtd, '</INDIVIDUALS></CONSOLIDATED_LIST>'), 'lol.xml', /DOCTYPE/);
    assert.ok(process.memoryUsage().heapUsed - heap < 50 * 1024 * 1024);
  });

  test('a wrong root element (an OFAC file) names file and line', async () => {
    const err = await rejectsWithLine(
      bytes(
        '<?xml version="1.0"?>\n<!-- OFAC -->\n<sdnList xmlns="https://ofac.example/XML">\n<sdnEntry/></sdnList>',
      ),
      'sdn.xml',
      /root element is <sdnList>/,
    );
    assert.equal(err.where, 'line 3');
    const ofac = sharedFile('lists', 'ofac', 'consolidated-nonsdn-2025-12-18.xml');
    if (ofac) await rejectsWithLine(createReadStream(ofac), ofac, /not a UN list/);
    await assert.rejects(collect(bytes(''), 'empty.xml'), InputFormatError);
  });

  test('records without a reference or a name, and duplicate references', async () => {
    const noRef = '<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>';
    await rejectsWithLine(bytes(HEAD, '<INDIVIDUALS>\n', noRef), 'x.xml', /no REFERENCE_NUMBER/);
    const noName = '<ENTITY><REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER><FIRST_NAME> </FIRST_NAME></ENTITY>';
    await rejectsWithLine(bytes(HEAD, '<ENTITIES>\n', noName), 'x.xml', /no name/);
    const twice = [
      HEAD,
      '<INDIVIDUALS>\n',
      individual('KPi.001'),
      individual('KPi.001 '),
      '</INDIVIDUALS></CONSOLIDATED_LIST>',
    ];
    const err = await rejectsWithLine(bytes(...twice), 'x.xml', /KPi\.001 is listed twice/);
    assert.equal(err.where, 'line 5');
  });

  test('an empty list gives meta and no records', async () => {
    const { meta, records } = await collect(
      bytes(HEAD, '<INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>'),
      'x.xml',
    );
    assert.deepEqual(meta, {
      source: 'un',
      format: 'un-xml',
      publishedAt: '2026-01-01T14:00:00.000Z',
      publishedDate: '2026-01-01',
    });
    assert.equal(records.length, 0);
  });
});

describe('UN importer: field rules on a hand-made record', () => {
  test('aliases, dates, documents, addresses', async () => {
    const extra =
      '<COMMENTS1>Gender [Female]. Related to X.</COMMENTS1>' +
      '<NATIONALITY><VALUE>Sudan/South Sudan</VALUE><VALUE>na</VALUE><VALUE>Yemeni</VALUE></NATIONALITY>' +
      '<LAST_DAY_UPDATED><VALUE/></LAST_DAY_UPDATED>' +
      '<INDIVIDUAL_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>A One; A  Two</ALIAS_NAME></INDIVIDUAL_ALIAS>' +
      '<INDIVIDUAL_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>Old Name</ALIAS_NAME></INDIVIDUAL_ALIAS>' +
      '<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>' +
      '<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Al Bis</ALIAS_NAME><DATE_OF_BIRTH>1970-07-14</DATE_OF_BIRTH>' +
      '<CITY_OF_BIRTH>Tunis</CITY_OF_BIRTH><COUNTRY_OF_BIRTH>Tunisia</COUNTRY_OF_BIRTH></INDIVIDUAL_ALIAS>' +
      '<INDIVIDUAL_ADDRESS><COUNTRY/></INDIVIDUAL_ADDRESS>' +
      '<INDIVIDUAL_ADDRESS><NOTE>Believed to be in Pakistan</NOTE></INDIVIDUAL_ADDRESS>' +
      '<INDIVIDUAL_ADDRESS><STREET>Via Europa 4</STREET><CITY>Cremona</CITY><COUNTRY>Italy</COUNTRY><NOTE>previous address</NOTE></INDIVIDUAL_ADDRESS>' +
      '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH>' +
      '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/><YEAR>1961</YEAR></INDIVIDUAL_DATE_OF_BIRTH>' +
      '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1962-03-28-05:00</DATE></INDIVIDUAL_DATE_OF_BIRTH>' +
      '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><NOTE>24/06/1402 (Hijri Calendar)</NOTE></INDIVIDUAL_DATE_OF_BIRTH>' +
      '<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1900</FROM_YEAR><TO_YEAR>1990</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>' +
      '<INDIVIDUAL_DOCUMENT/>' +
      '<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Numéro de passeport</TYPE_OF_DOCUMENT><NUMBER>Afghan passport number SE 012820</NUMBER>' +
      '<DATE_OF_ISSUE>2000-11-04</DATE_OF_ISSUE><NOTE>expired</NOTE></INDIVIDUAL_DOCUMENT>' +
      '<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><TYPE_OF_DOCUMENT2>Italian Fiscal Code:</TYPE_OF_DOCUMENT2>' +
      '<NUMBER>BNSDLA70L14Z352B</NUMBER></INDIVIDUAL_DOCUMENT>' +
      '<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification Number</TYPE_OF_DOCUMENT><NOTE>card DE- 473900</NOTE></INDIVIDUAL_DOCUMENT>';
    const { records } = await collect(
      bytes(HEAD, '<INDIVIDUALS>', individual('KPi.099', extra), '</INDIVIDUALS></CONSOLIDATED_LIST>'),
      'x.xml',
    );
    const [r] = records;
    const p = r.entity.properties;
    assert.deepEqual(p.alias, ['A One', 'A Two', 'Al Bis']);
    assert.deepEqual(p.previousName, ['Old Name']);
    assert.deepEqual(p.gender, ['female']);
    assert.deepEqual(p.nationality, ['sd', 'ss']);
    assert.ok(p.notes.includes('Nationality: Yemeni'));
    assert.ok(!p.notes.some((n) => n.includes(': na')));
    assert.deepEqual(p.birthDate, ['1970-07-14', '1961', '1962-03-28', '1900', '1990']);
    assert.ok(p.notes.includes('Date of birth: 24/06/1402 (Hijri Calendar)'));
    assert.ok(p.notes.includes('Date of birth: between 1900 and 1990'));
    assert.deepEqual(p.birthPlace, ['Tunis, Tunisia']);
    assert.ok(p.notes.includes('Address: Believed to be in Pakistan'));
    assert.deepEqual(p.country, ['it']);
    assert.deepEqual(p.address, ['Via Europa 4, Cremona, Italy']);
    assert.deepEqual(p.passportNumber, ['SE 012820']);
    assert.deepEqual(p.idNumber, ['BNSDLA70L14Z352B']);
    assert.ok(p.notes.includes('National Identification Number: card DE- 473900'));
    assert.equal(r.adjuncts.find((a) => a.schema === 'Sanction')?.properties.modifiedAt, undefined);
    const passport = adjunct(r, 'un-kpi-099-passport-se-012820');
    assert.deepEqual(passport?.properties, {
      holder: ['un-kpi-099'],
      number: ['SE 012820'],
      type: ['Numéro de passeport'],
      startDate: ['2000-11-04'],
      description: ['As listed: Afghan passport number SE 012820', 'expired'],
    });
    assert.deepEqual(adjunct(r, 'un-kpi-099-id-bnsdla70l14z352b')?.properties.type, ['Italian Fiscal Code']);
    const address = r.adjuncts.find((a) => a.schema === 'Address');
    assert.match(address?.id ?? '', /^un-kpi-099-address-[0-9a-f]{10}$/);
    assert.deepEqual(address?.properties.remarks, ['previous address']);
  });

  test('helpers', () => {
    assert.equal(slug('KPe.051 '), 'kpe-051');
    assert.equal(isoDate('2001-01-25-05:00'), '2001-01-25');
    assert.equal(isoDate('1961'), '1961');
    assert.equal(isoDate('1961-13-01'), undefined);
    assert.equal(isoDate('Nov. 1973'), undefined);
    assert.deepEqual(splitAliases('Haj Qasem; Haji Qassem;  Sardar\n   Soleimani'), [
      'Haj Qasem',
      'Haji Qassem',
      'Sardar Soleimani',
    ]);
    assert.deepEqual(
      splitAliases('Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hayat Tahrir al-Sham)'),
      ['Hay’at Tahrir al-Sham (HTS)', 'هيئة تحرير الشام', 'Hayat Tahrir al-Sham'],
    );
    assert.deepEqual(splitAliases('Al Kawthar Co. (Iran)'), ['Al Kawthar Co. (Iran)']);
    assert.deepEqual(splitDocumentNumber('BN 4196361'), { number: 'BN 4196361', prose: false });
    assert.deepEqual(splitDocumentNumber('381110042 (Expired 25 Jan. 2016)'), {
      number: '381110042',
      prose: true,
    });
    assert.deepEqual(splitDocumentNumber('R00005943, South Sudan'), { number: 'R00005943', prose: true });
    assert.deepEqual(splitDocumentNumber('Provisional passport No.: 28642163'), {
      number: '28642163',
      prose: true,
    });
    assert.deepEqual(splitDocumentNumber('Laissez-passer no. N°235/MISPAT'), {
      number: 'Laissez-passer no. N°235/MISPAT',
      prose: false,
    });
  });
});
