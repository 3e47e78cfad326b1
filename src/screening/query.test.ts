import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkQuery, isCalendarDate } from './query.ts';

test('dates must be calendar dates', () => {
  for (const ok of ['1964', '1964-07', '1964-7-17', '2000-02-29']) assert.equal(isCalendarDate(ok), true, ok);
  for (const bad of ['1984-13-45', '1984-02-31', '1999-02-29', 'yesterday', '17 July 1964', '64']) {
    assert.equal(isCalendarDate(bad), false, bad);
  }
});

test('queries are tidied or refused with a reason', () => {
  assert.deepEqual(
    checkQuery({
      schema: 'Person',
      properties: { name: [' Ri Won Ho '], nationality: ['North Korea'], birthDate: [''] },
    }),
    {
      schema: 'Person',
      properties: { name: ['Ri Won Ho'], nationality: ['kp'] },
    },
  );
  assert.match(
    checkQuery({ schema: 'Person', properties: { name: ['x'], birthDate: ['1984-13-45'] } }) as string,
    /not a date/,
  );
  assert.match(
    checkQuery({ schema: 'Person', properties: { name: ['x'], nationality: ['Narnia'] } }) as string,
    /not a country/,
  );
  assert.match(
    checkQuery({ schema: 'Vessel', properties: { name: ['  '] } }) as string,
    /needs a name or an identifier/,
  );
  assert.deepEqual(checkQuery({ schema: 'Vessel', properties: { callSign: ['T2EU4'] } }), {
    schema: 'Vessel',
    properties: { callSign: ['T2EU4'] },
  });
});
