import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countryCode, countryCodes, countryName } from './countries.ts';

test('official sanctions-list spellings map to alpha-2', () => {
  const cases: [string, string][] = [
    ["Democratic People's Republic of Korea", 'kp'],
    ['Democratic People’s Republic of Korea', 'kp'],
    ['Korea, North', 'kp'],
    ['North Korea', 'kp'],
    ['DPRK', 'kp'],
    ['D.P.R.K.', 'kp'],
    ["Korea, Democratic People's Republic of", 'kp'],
    ["Korea (Democratic People's Republic of)", 'kp'],
    ['Korea, South', 'kr'],
    ['Republic of Korea', 'kr'],
    ['Korea, Republic of', 'kr'],
    ['Russian Federation', 'ru'],
    ['Russia', 'ru'],
    ['Iran (Islamic Republic of)', 'ir'],
    ['Iran, Islamic Republic of', 'ir'],
    ['Syrian Arab Republic', 'sy'],
    ['United Kingdom of Great Britain and Northern Ireland', 'gb'],
    ['UK', 'gb'],
    ['Viet Nam', 'vn'],
    ['Vietnam', 'vn'],
    ["Lao People's Democratic Republic", 'la'],
    ['Türkiye', 'tr'],
    ['Turkey', 'tr'],
    ["Côte d'Ivoire", 'ci'],
    ['COTE D IVOIRE', 'ci'],
    ['Congo, Democratic Republic of the', 'cd'],
    ['Democratic Republic of the Congo', 'cd'],
    ['Congo', 'cg'],
    ['Congo, Republic of the', 'cg'],
    ['Burma', 'mm'],
    ['Myanmar', 'mm'],
    ['Palestinian Territories', 'ps'],
    ['West Bank', 'ps'],
    ['Tanzania, United Republic of', 'tz'],
    ['Bolivia (Plurinational State of)', 'bo'],
    ['Venezuela (Bolivarian Republic of)', 've'],
    ['Bahamas, The', 'bs'],
    ['St. Kitts & Nevis', 'kn'],
    ['Saint Vincent and the Grenadines', 'vc'],
    ['Guinea-Bissau', 'gw'],
    ['Guinea', 'gn'],
    ['Niger', 'ne'],
    ['Nigeria', 'ng'],
    ['Sudan', 'sd'],
    ['South Sudan', 'ss'],
    ['Hong Kong, China', 'hk'],
    ['China', 'cn'],
    ['Taiwan, Province of China', 'tw'],
    ['Kingdom of Saudi Arabia', 'sa'],
    ['Federal Republic of Germany', 'de'],
    ['Republic of Iraq', 'iq'],
    ['  united   states of america ', 'us'],
    ['Swaziland', 'sz'],
    ['Czech Republic', 'cz'],
    ['The former Yugoslav Republic of Macedonia', 'mk'],
    ['Kosovo', 'xk'],
    ['Curacao', 'cw'],
    ['Réunion', 're'],
    ['São Tomé and Príncipe', 'st'],
  ];
  for (const [name, code] of cases) assert.equal(countryCode(name), code, name);
});

test('2- and 3-letter codes in any case', () => {
  assert.equal(countryCode('KP'), 'kp');
  assert.equal(countryCode('kp'), 'kp');
  assert.equal(countryCode('PRK'), 'kp');
  assert.equal(countryCode('rus'), 'ru');
  assert.equal(countryCode('GBR'), 'gb');
  assert.equal(countryCode('USA'), 'us');
  assert.equal(countryCode('XK'), 'xk');
});

test('unknown or ambiguous text gives undefined', () => {
  for (const text of ['', '   ', 'Korea', 'Atlantis', 'ZZ', 'ZZZ', 'Korea, Other', 'Soviet Union']) {
    assert.equal(countryCode(text), undefined, text);
  }
});

test('the table covers all ISO 3166-1 codes and names them', () => {
  const codes = countryCodes();
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(codes.length, 250); // 249 ISO entries + Kosovo (xk)
  for (const code of codes) {
    assert.match(code, /^[a-z]{2}$/);
    const name = countryName(code);
    assert.ok(name, code);
    assert.equal(countryCode(name), code, `${code} round-trips through its name`);
  }
  assert.equal(countryName('KP'), 'North Korea');
  assert.equal(countryName('gb'), 'United Kingdom');
  assert.equal(countryName('zz'), undefined);
});
