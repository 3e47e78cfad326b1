import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Decoder } from '../ais/index.ts';
import { missingShared, sharedFile } from '../config/paths.ts';
import { countryCode, countryCodes } from '../ftm/countries.ts';
import { allocatedMids, flagOfMid, flagOfMmsi, midOf, mmsiClass, mmsiDigits, mmsiWarnings } from './mmsi.ts';

const codes = (mmsi: number | string) => mmsiWarnings(mmsi).map((w) => w.code);

test('MIDs named in the issue map to the right flag', () => {
  const expected: [number, string][] = [
    [201, 'al'],
    [273, 'ru'],
    [412, 'cn'],
    [413, 'cn'],
    [414, 'cn'],
    [440, 'kr'],
    [441, 'kr'],
    [445, 'kp'],
    [477, 'hk'],
    [511, 'pw'],
    [538, 'mh'],
    [341, 'kn'],
    [667, 'sl'],
    [572, 'tv'],
    [613, 'cm'],
    [671, 'tg'],
    [636, 'lr'],
    [637, 'lr'],
    [351, 'pa'],
    [357, 'pa'],
    [370, 'pa'],
    [373, 'pa'],
    [374, 'pa'],
    [416, 'tw'],
    [453, 'mo'],
    [422, 'ir'],
    [468, 'sy'],
    [620, 'km'],
    [616, 'km'],
    [232, 'gb'],
    [331, 'gl'],
    [231, 'fo'],
    [204, 'pt'],
    [255, 'pt'],
    [306, 'cw'],
    [608, 'sh'],
    [635, 'tf'],
    [559, 'as'],
    [740, 'fk'],
  ];
  for (const [mid, country] of expected) {
    assert.equal(flagOfMid(mid)?.country, country, `MID ${mid}`);
  }
  assert.match(flagOfMid(445)?.name ?? '', /Democratic People's Republic of Korea/);
  assert.match(flagOfMid(440)?.name ?? '', /^Korea \(Republic of\)$/);
});

test('the MID table is complete and consistent', () => {
  const all = allocatedMids();
  // 3 digits starting 2–7, ascending, no duplicates
  for (let i = 0; i < all.length; i++) {
    assert.ok(all[i].mid >= 201 && all[i].mid <= 775, `MID ${all[i].mid} in range`);
    if (i > 0) assert.ok(all[i].mid > all[i - 1].mid);
  }
  // every code is an ISO 3166-1 alpha-2 the country table knows
  const known = new Set(countryCodes());
  for (const f of all) assert.ok(known.has(f.country), `MID ${f.mid}: unknown country code ${f.country}`);
  // the ITU table has 292 allocated MIDs (2024)
  assert.equal(all.length, 292);
  // a few well-known gaps are unallocated
  for (const mid of [200, 217, 221, 222, 223, 260, 280, 300, 302, 400, 415, 500, 600, 700, 776, 799]) {
    assert.equal(flagOfMid(mid), null, `MID ${mid} unallocated`);
  }
  // every flag-state with many MIDs is complete
  const count = (c: string) => all.filter((f) => f.country === c).length;
  assert.equal(count('pa'), 12);
  assert.equal(count('us'), 6);
  assert.equal(count('mt'), 5);
  assert.equal(count('gr'), 4);
  assert.equal(count('gb'), 4);
  assert.equal(count('sg'), 4);
  assert.equal(count('tf'), 4);
});

test('mmsiClass reads the ITU-R M.585 formats', () => {
  const cases: [number | string, string][] = [
    [211476060, 'ship'],
    [538004567, 'ship'],
    [775123456, 'ship'],
    [21100000, 'group'], // 021100000
    [2111234, 'coast_station'], // 002111234
    ['002190047', 'coast_station'],
    [111219501, 'sar_aircraft'],
    [992111234, 'aton'],
    [982191234, 'auxiliary_craft'],
    [821912345, 'handheld'],
    [970012345, 'sart'],
    [972012345, 'mob'],
    [974012345, 'epirb'],
    [979012345, 'amrd'],
    [0, 'invalid'],
    [111111111, 'invalid'],
    [123456789, 'invalid'],
    [999999999, 'invalid'],
    [1193046, 'invalid'],
    [100000000, 'invalid'],
    [12345678, 'invalid'], // 012345678: group with MID 123 — MIDs start with 2–7
    [1000000000, 'invalid'],
    [-211476060, 'invalid'],
    [211476060.5, 'invalid'],
    [971012345, 'invalid'],
    [900000000, 'invalid'],
    ['21147606x', 'invalid'],
    [222222222, 'ship'], // format is a ship's; the MID is unallocated (warning, see below)
  ];
  for (const [mmsi, cls] of cases) assert.equal(mmsiClass(mmsi), cls, `MMSI ${mmsi}`);
});

test('midOf and flagOfMmsi take the MID from the right position', () => {
  assert.equal(midOf(211476060), 211);
  assert.equal(midOf(2111234), 211); // 00 211 1234
  assert.equal(midOf(24512345), 245); // 0 245 12345
  assert.equal(midOf(111273501), 273);
  assert.equal(midOf(992731234), 273);
  assert.equal(midOf(984451234), 445);
  assert.equal(midOf(844512345), 445);
  assert.equal(midOf(970012345), null);
  assert.equal(midOf(123456789), null);
  assert.deepEqual(flagOfMmsi(445123456), {
    mid: 445,
    country: 'kp',
    name: "Democratic People's Republic of Korea",
  });
  assert.equal(flagOfMmsi(2731234)?.country, 'ru'); // Russian coast station
  assert.equal(flagOfMmsi(111412123)?.country, 'cn'); // Chinese SAR aircraft
  assert.equal(flagOfMmsi(994771234)?.country, 'hk'); // Hong Kong AtoN
  assert.equal(flagOfMmsi(982570001)?.country, 'no');
  assert.equal(flagOfMmsi(851112345)?.country, 'pw');
  assert.equal(flagOfMmsi(970012345), null);
  assert.equal(flagOfMmsi(222123456), null); // unallocated MID
  assert.equal(flagOfMmsi(0), null);
});

test('mmsiDigits restores leading zeros', () => {
  assert.equal(mmsiDigits(2111234), '002111234');
  assert.equal(mmsiDigits('2111234'), '002111234');
  assert.equal(mmsiDigits(1e9), null);
  assert.equal(mmsiDigits(''), null);
});

test('mmsiWarnings flags placeholder and malformed MMSIs', () => {
  assert.deepEqual(codes(211476060), []);
  assert.deepEqual(codes(205366000), []); // trailing 000 is normal (Inmarsat-compatible MMSIs)
  assert.deepEqual(codes(0), ['invalid_format', 'repeated_digits']);
  assert.deepEqual(codes(111111111), ['invalid_format', 'repeated_digits']);
  assert.deepEqual(codes(999999999), ['invalid_format', 'repeated_digits']);
  assert.deepEqual(codes(123456789), ['invalid_format', 'sequential_digits']);
  assert.deepEqual(codes(987654321), ['sequential_digits']); // in form a Surinamese (765) auxiliary craft
  assert.deepEqual(codes(1193046), ['invalid_format', 'factory_default']);
  assert.deepEqual(codes(222222222), ['unallocated_mid', 'repeated_digits']);
  assert.deepEqual(codes(876543210), ['sequential_digits']); // a Surinamese handheld in form, but a run
  assert.deepEqual(codes(273000000), ['zero_serial']);
  assert.deepEqual(codes(217123456), ['unallocated_mid']);
  assert.deepEqual(codes(2170001), ['unallocated_mid']); // coast station 002170001
  assert.deepEqual(codes(970012345), []);
  assert.deepEqual(codes(1e10), ['invalid_format']);
  for (const w of mmsiWarnings(0)) assert.ok(w.message.length > 0);
});

test('every ship MMSI in the Baltic sample gets the flag the data provider gives', {
  skip: missingShared('ais', 'baltic-2018-04-01-positions.csv'),
}, (t) => {
  const file = sharedFile('ais', 'baltic-2018-04-01-positions.csv') as string;
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, delimiter: ';' });
  const byMmsi = new Map<number, string>();
  for (const r of rows) byMmsi.set(Number(r.mmsi), r.country);
  let ships = 0;
  const mids = new Set<number>();
  for (const [mmsi, country] of byMmsi) {
    if (mmsiClass(mmsi) !== 'ship') continue;
    ships++;
    const flag = flagOfMmsi(mmsi);
    assert.ok(flag, `MMSI ${mmsi} has no flag`);
    mids.add(flag.mid);
    // the provider writes e.g. "Germany Federal Republic of", "Cyprus Republic of"
    const provider = countryCode(country) ?? countryCode(country.split(' ')[0]);
    assert.equal(flag.country, provider, `MMSI ${mmsi}: provider says ${country}`);
    assert.deepEqual(mmsiWarnings(mmsi), [], `MMSI ${mmsi}`);
  }
  t.diagnostic(`${byMmsi.size} MMSIs, ${ships} ship MMSIs, MIDs ${[...mids].sort().join(' ')}`);
  assert.ok(ships > 300);
});

const NMEA_FILES = ['dma-stream-2010-06-11.nmea', 'dma_replay_dump.txt', 'kystverket-1000.nm4'];

test('ship MMSIs in the shared NMEA recordings have flags; the placeholders there are warned about', {
  skip: NMEA_FILES.map((f) => missingShared('ais', f)).find(Boolean) ?? false,
}, (t) => {
  const mmsis = new Set<number>();
  for (const name of NMEA_FILES) {
    const decoder = new Decoder();
    for (const line of readFileSync(sharedFile('ais', name) as string, 'latin1').split('\n')) {
      const m = decoder.push(line);
      if (m) mmsis.add(m.data.mmsi);
    }
    decoder.finish();
  }
  const ships = [...mmsis].filter((m) => mmsiClass(m) === 'ship');
  const unflagged = ships.filter((m) => flagOfMmsi(m) === null);
  const warned = [...mmsis].filter((m) => mmsiWarnings(m).length > 0);
  t.diagnostic(
    `${mmsis.size} MMSIs, ${ships.length} ships, unflagged ships: ${unflagged.join(' ')}; warned: ${warned.join(' ')}`,
  );
  assert.ok(ships.length > 1000);
  // real recordings carry a few junk MMSIs; an incomplete MID table would leave many more ships without a flag
  assert.ok(unflagged.length <= ships.length / 200, `${unflagged.length} unflagged`);
  for (const m of unflagged) assert.ok(codes(m).includes('unallocated_mid'));
});
