import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AisRecord, decodePayload, isDecodeFailure } from './decode.ts';

/** Armour a list of [value, width] fields (two's complement for negatives) into a payload and fill bit count. */
function armour(fields: [number, number][]): { payload: string; fillBits: number } {
  const bits: number[] = [];
  for (const [value, width] of fields) {
    const v = value < 0 ? 2 ** width + value : value;
    for (let b = width - 1; b >= 0; b--) bits.push(Math.floor(v / 2 ** b) % 2);
  }
  const fillBits = (6 - (bits.length % 6)) % 6;
  for (let i = 0; i < fillBits; i++) bits.push(0);
  let payload = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let k = 0; k < 6; k++) v = v * 2 + bits[i + k];
    payload += String.fromCharCode(v < 40 ? v + 48 : v + 56);
  }
  return { payload, fillBits };
}

/** 6-bit text field of `chars` characters, padded with '@'. */
function sixbitText(s: string, chars: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < chars; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 64;
    out.push([c >= 64 ? c - 64 : c, 6]);
  }
  return out;
}

function decoded(payload: string, fillBits: number): AisRecord {
  const r = decodePayload(payload, fillBits);
  if (isDecodeFailure(r)) assert.fail(`rejected: ${r.rejected}`);
  return r;
}

test('type 1 (gpsd sample): fields, 1/600000 degree positions', () => {
  const r = decoded('15M67FC000G?ufbE`FepT@3n00Sa', 0);
  assert.equal(r.type, 1);
  if (r.type !== 1) return;
  assert.equal(r.mmsi, 366053209);
  assert.equal(r.status, 3);
  assert.equal(r.turn, 0);
  assert.equal(r.speed, 0);
  assert.equal(r.accuracy, false);
  assert.equal(r.lon?.toFixed(6), '-122.341618');
  assert.equal(r.lat?.toFixed(6), '37.802118');
  assert.equal(r.course, 219.3);
  assert.equal(r.heading, 1);
  assert.equal(r.second, 59);
  assert.equal(r.raim, false);
  assert.equal(r.radio, 2281);
});

test('type 1 not-available values map to null', () => {
  const { payload, fillBits } = armour([
    [1, 6],
    [0, 2],
    [123456789, 30],
    [15, 4],
    [-128, 8],
    [1023, 10],
    [0, 1],
    [181 * 600000, 28],
    [91 * 600000, 27],
    [3600, 12],
    [511, 9],
    [60, 6],
    [0, 2],
    [0, 3],
    [0, 1],
    [0, 19],
  ]);
  const r = decoded(payload, fillBits);
  assert.deepEqual(
    [
      r.type,
      r.mmsi,
      'turn' in r && r.turn,
      'speed' in r && r.speed,
      'lon' in r && r.lon,
      'lat' in r && r.lat,
    ],
    [1, 123456789, null, null, null, null],
  );
  assert.ok(r.type === 1 && r.course === null && r.heading === null && r.second === 60);
});

test('negative positions and rate of turn are sign-extended', () => {
  const { payload, fillBits } = armour([
    [3, 6],
    [0, 2],
    [219000001, 30],
    [0, 4],
    [-45, 8],
    [123, 10],
    [1, 1],
    [-600000 * 12.5, 28],
    [-600000 * 33.25, 27],
    [1234, 12],
    [359, 9],
    [12, 6],
    [0, 2],
    [0, 3],
    [1, 1],
    [0, 19],
  ]);
  const r = decoded(payload, fillBits);
  assert.ok(r.type === 3);
  assert.equal(r.turn, -45);
  assert.equal(r.speed, 12.3);
  assert.equal(r.lon, -12.5);
  assert.equal(r.lat, -33.25);
  assert.equal(r.course, 123.4);
  assert.equal(r.heading, 359);
  assert.equal(r.raim, true);
});

test('type 4 (gpsd sample): base station time and position', () => {
  const r = decoded('403OviQuMGCqWrRO9>E6fE700@GO', 0);
  assert.ok(r.type === 4);
  assert.equal(r.mmsi, 3669702);
  assert.equal(new Date(r.time ?? 0).toISOString(), '2007-05-14T19:57:39.000Z');
  assert.equal(r.accuracy, true);
  assert.equal(r.lon?.toFixed(6), '-76.352362');
  assert.equal(r.lat?.toFixed(6), '36.883767');
  assert.equal(r.epfd, 7);
  assert.equal(r.radio, 67039);
});

test('type 5 (gpsd sample, two fragments joined): static and voyage data, text trimmed', () => {
  const r = decoded('55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880', 2);
  assert.ok(r.type === 5);
  assert.equal(r.mmsi, 351759000);
  assert.equal(r.imo, 9134270);
  assert.equal(r.callsign, '3FOF8');
  assert.equal(r.shipname, 'EVER DIADEM');
  assert.equal(r.shiptype, 70);
  assert.deepEqual([r.toBow, r.toStern, r.toPort, r.toStarboard], [225, 70, 1, 31]);
  assert.equal(r.epfd, 1);
  assert.deepEqual([r.etaMonth, r.etaDay, r.etaHour, r.etaMinute], [5, 15, 14, 0]);
  assert.equal(r.draught, 12.2);
  assert.equal(r.destination, 'NEW YORK');
  assert.equal(r.dte, false);
});

test('type 18 (gpsd sample): Class B position, heading n/a', () => {
  const r = decoded('B52K>;h00Fc>jpUlNV@ikwpUoP06', 0);
  assert.ok(r.type === 18);
  assert.equal(r.mmsi, 338087471);
  assert.equal(r.speed, 0.1);
  assert.equal(r.lon?.toFixed(6), '-74.072132');
  assert.equal(r.lat?.toFixed(6), '40.684540');
  assert.equal(r.course, 79.6);
  assert.equal(r.heading, null);
  assert.equal(r.second, 49);
  assert.deepEqual(
    [r.cs, r.display, r.dsc, r.band, r.msg22, r.assigned, r.raim],
    [true, false, true, true, true, false, true],
  );
  assert.equal(r.radio, 917510);
});

test('type 24 part A (gpsd sample)', () => {
  const r = decoded('H42O55i18tMET00000000000000', 2);
  assert.deepEqual(r, { type: 24, repeat: 0, mmsi: 271041815, part: 'A', shipname: 'PROGUY' });
});

test('type 24 part B: vendor, call sign, dimensions; auxiliary craft carry the mothership MMSI', () => {
  const head = (mmsi: number): [number, number][] => [
    [24, 6],
    [0, 2],
    [mmsi, 30],
    [1, 2],
    [37, 8],
    ...sixbitText('SRT', 3),
    [5, 4],
    [123456, 20],
    ...sixbitText('LA7 BC', 7),
  ];
  const own = armour([...head(257000001), [12, 9], [8, 9], [3, 6], [2, 6], [0, 6]]);
  const r = decoded(own.payload, own.fillBits);
  assert.ok(r.type === 24 && r.part === 'B');
  assert.deepEqual(
    [r.shiptype, r.vendorId, r.model, r.serial, r.callsign, r.toBow, r.toStern, r.toPort, r.toStarboard],
    [37, 'SRT', 5, 123456, 'LA7 BC', 12, 8, 3, 2],
  );
  assert.equal(r.mothershipMmsi, null);
  const aux = armour([...head(982570001), [257000001, 30], [0, 6]]);
  const a = decoded(aux.payload, aux.fillBits);
  assert.ok(a.type === 24 && a.part === 'B');
  assert.equal(a.mothershipMmsi, 257000001);
  assert.equal(a.toBow, 0);
});

test('type 9: SAR aircraft, altitude and whole-knot speed', () => {
  const { payload, fillBits } = armour([
    [9, 6],
    [0, 2],
    [111257001, 30],
    [4094, 12],
    [250, 10],
    [1, 1],
    [600000 * 10, 28],
    [600000 * 60, 27],
    [900, 12],
    [30, 6],
    [0, 8],
    [1, 1],
    [0, 3],
    [0, 1],
    [1, 1],
    [77, 20],
  ]);
  const r = decoded(payload, fillBits);
  assert.ok(r.type === 9);
  assert.deepEqual(
    [r.altitude, r.speed, r.lon, r.lat, r.course, r.second, r.dte, r.raim, r.radio],
    [4094, 250, 10, 60, 90, 30, true, true, 77],
  );
});

test('type 19: extended Class B with name and dimensions', () => {
  const { payload, fillBits } = armour([
    [19, 6],
    [0, 2],
    [265000001, 30],
    [0, 8],
    [55, 10],
    [0, 1],
    [600000 * 18, 28],
    [600000 * 59, 27],
    [2700, 12],
    [271, 9],
    [7, 6],
    [0, 4],
    ...sixbitText('SEA BIRD', 20),
    [36, 8],
    [10, 9],
    [5, 9],
    [2, 6],
    [2, 6],
    [1, 4],
    [0, 1],
    [1, 1],
    [0, 1],
    [0, 4],
  ]);
  const r = decoded(payload, fillBits);
  assert.ok(r.type === 19);
  assert.deepEqual(
    [r.speed, r.lon, r.lat, r.course, r.heading, r.shipname, r.shiptype, r.toBow, r.toStern, r.epfd, r.dte],
    [5.5, 18, 59, 270, 271, 'SEA BIRD', 36, 10, 5, 1, true],
  );
});

test('type 21: aid to navigation with name extension', () => {
  const { payload, fillBits } = armour([
    [21, 6],
    [0, 2],
    [992576001, 30],
    [14, 5],
    ...sixbitText('NORTH CARDINAL BUOY ', 20),
    [1, 1],
    [600000 * 5.5, 28],
    [600000 * 58.25, 27],
    [0, 9],
    [0, 9],
    [0, 6],
    [0, 6],
    [7, 4],
    [61, 6],
    [1, 1],
    [0, 8],
    [0, 1],
    [1, 1],
    [0, 1],
    [0, 1],
    ...sixbitText('NO 7', 4),
  ]);
  const r = decoded(payload, fillBits);
  assert.ok(r.type === 21);
  assert.deepEqual(
    [r.aidType, r.name, r.lon, r.lat, r.epfd, r.second, r.offPosition, r.virtualAid],
    [14, 'NORTH CARDINAL BUOY NO 7', 5.5, 58.25, 7, 61, true, true],
  );
});

test('type 21: a name padded with @ then spaces takes no extension (found by the gpsdecode comparison)', () => {
  // DMA stream 2010-06-11, two fragments joined: the 20 name characters are "NEIST POINT@@@@@@@  "
  const r = decoded('E>jFJfjW2Tab@87TW:0000000@@OhMeL@KLqH00003wP100000000000' + '000<', 0);
  assert.ok(r.type === 21);
  assert.deepEqual([r.mmsi, r.name], [992320187, 'NEIST POINT']);
});

test('type 21: 20 name characters ending in spaces and an empty extension are trimmed', () => {
  // dma_ais250.txt: 280 bits, the 1-character extension is '@'
  const r = decoded('ENkb9OI9R@10dh0`8@9R@@@@@@@;kaCw9EE>`00003vP000', 2);
  assert.ok(r.type === 21);
  assert.deepEqual([r.mmsi, r.name], [993692029, 'SD BAY APP SD']);
});

test('type 27: long-range positions in 1/10 minute, n/a values', () => {
  const one = armour([
    [27, 6],
    [0, 2],
    [538000001, 30],
    [1, 1],
    [0, 1],
    [0, 4],
    [-600 * 70, 18],
    [600 * 10.5, 17],
    [14, 6],
    [45, 9],
    [0, 1],
    [0, 1],
  ]);
  const r = decoded(one.payload, one.fillBits);
  assert.ok(r.type === 27);
  assert.deepEqual(
    [r.mmsi, r.accuracy, r.lon, r.lat, r.speed, r.course, r.gnss],
    [538000001, true, -70, 10.5, 14, 45, true],
  );
  const na = armour([
    [27, 6],
    [0, 2],
    [538000001, 30],
    [0, 1],
    [0, 1],
    [15, 4],
    [181 * 600, 18],
    [91 * 600, 17],
    [63, 6],
    [511, 9],
    [1, 1],
    [0, 1],
  ]);
  const n = decoded(na.payload, na.fillBits);
  assert.ok(n.type === 27);
  assert.deepEqual([n.lon, n.lat, n.speed, n.course, n.gnss], [null, null, null, null, false]);
});

test('other types are kept raw; short and empty payloads are rejected', () => {
  const payload = '802R5Ph0BkAgoPNCkQn0Q@sMKgwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwt';
  const r = decoded(payload, 2);
  assert.ok(r.type === 8 && 'raw' in r);
  assert.deepEqual([r.mmsi, r.payload, r.fillBits], [2655619, payload, 2]);
  assert.deepEqual(decodePayload('', 0), { rejected: 'emptyPayload' });
  assert.deepEqual(decodePayload('15M67FC000G?ufbE', 0), { rejected: 'tooShort' });
  assert.deepEqual(decodePayload('1', 0), { rejected: 'tooShort' });
  assert.deepEqual(decodePayload('55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8', 0), {
    rejected: 'tooShort',
  });
});

test('fuzz: random payloads of every type and length never throw and never give impossible positions', () => {
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const armourChars = '0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw';
  for (let i = 0; i < 20000; i++) {
    const n = Math.floor(random() * 90);
    // first symbol chosen to cover all 64 types evenly
    let payload = armourChars[i % 64];
    for (let k = 1; k < n; k++) payload += armourChars[Math.floor(random() * 64)];
    const r = decodePayload(payload, Math.floor(random() * 6));
    if (isDecodeFailure(r)) continue;
    if ('lat' in r && r.lat !== null) assert.ok(Math.abs(r.lat) <= 90, payload);
    if ('lon' in r && r.lon !== null) assert.ok(Math.abs(r.lon) <= 180, payload);
    if ('heading' in r && r.heading !== null) assert.ok(r.heading < 360, payload);
    if ('course' in r && r.course !== null) assert.ok(r.course < 360, payload);
  }
  assert.deepEqual(decodePayload('15M67FC000G?ufbE`Fep T@3n00Sa', 0), { rejected: 'badField' });
});
