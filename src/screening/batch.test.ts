import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { TEST_ENGINES } from '../store/testing.ts';
import { RESULT_COLUMNS, rowQuery, screenCsv } from './batch.ts';
import { ScreeningService } from './service.ts';

test('rows become queries; bad rows say why', () => {
  assert.deepEqual(
    rowQuery({ Name: 'Ri Won Ho', Type: 'individual', DOB: '1964', Nationality: 'North Korea' }, 'Thing'),
    {
      schema: 'Person',
      properties: { name: ['Ri Won Ho'], birthDate: ['1964'], nationality: ['kp'] },
    },
  );
  assert.deepEqual(rowQuery({ name: '', imo: '8712362' }, 'Vessel'), {
    schema: 'Vessel',
    properties: { imoNumber: ['8712362'] },
  });
  assert.match(rowQuery({ name: '' }, 'Thing') as string, /no name/);
  assert.match(rowQuery({ name: 'x', type: 'spaceship' }, 'Thing') as string, /unknown type/);
  assert.match(rowQuery({ name: 'A'.repeat(2000) }, 'Thing') as string, /longer than 1024/);
});

test('a batch streams every row out, a hostile cell is a row error, not the end of the batch', async () => {
  const { store, cleanup } = await TEST_ENGINES[0].open();
  try {
    const out: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        out.push(chunk.toString());
        cb();
      },
    });
    const input = Readable.from([`name,type\n"${'B'.repeat(3_000_000)}",person\nJohn Smith,person\n,\n`]);
    const summary = await screenCsv(new ScreeningService(store), input, sink);
    assert.deepEqual(summary, { rows: 3, matched: 0, errors: 2 });
    const lines = out.join('').trim().split('\n');
    assert.equal(lines[0], ['name', 'type', ...RESULT_COLUMNS].join(','));
    assert.equal(lines.length, 4);
    assert.match(lines[1], /longer than 1024 characters$/);
    assert.match(lines[2], /^John Smith,person,0,/);
  } finally {
    await cleanup();
  }
});
