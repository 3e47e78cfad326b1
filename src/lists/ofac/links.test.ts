import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ListRecord } from '../types.ts';
import { applyRemarks } from './apply.ts';
import { OfacRecordBuilder } from './build.ts';
import { applyDetail } from './details.ts';
import { linkedNames, nameKey, resolveOfacLinks } from './links.ts';

function record(ref: string, schema: string, name: string, remarks = '', owner?: string): ListRecord {
  const b = new OfacRecordBuilder(ref, schema);
  b.set('name', 'Name', name);
  if (owner) applyDetail(b, { label: 'Vessel Owner', value: owner });
  applyRemarks(b, remarks);
  return b.build(`line ${ref}`);
}

test('linked names are read back from the notes', () => {
  const r = record(
    '1',
    'Vessel',
    'CHON MA SAN',
    'Linked To: KOREA ACHIM SHIPPING CO.',
    'Korea Achim Shipping Co',
  );
  assert.deepEqual(linkedNames(r.entity), [
    { kind: 'Vessel Owner', name: 'Korea Achim Shipping Co' },
    { kind: 'Linked To', name: 'KOREA ACHIM SHIPPING CO.' },
  ]);
  assert.equal(nameKey('Korea Achim Shipping Co.'), nameKey('KOREA  ACHIM SHIPPING CO'));
});

test('a second pass turns unambiguous names into links and ownerships', () => {
  const records = [
    record('1', 'Vessel', 'CHON MA SAN', 'Linked To: KOREA ACHIM SHIPPING CO.', 'Korea Achim Shipping Co'),
    record('2', 'Company', 'KOREA ACHIM SHIPPING CO.'),
    record('3', 'Person', 'RI, Yong', 'Linked To: TWIN NAME; Linked To: NOBODY KNOWN.'),
    record('4', 'Organization', 'TWIN NAME'),
    record('5', 'Organization', 'TWIN NAME'),
  ];
  const result = resolveOfacLinks(records);
  assert.equal(result.added, 2);
  assert.deepEqual(
    result.unresolved.map((u) => [u.sourceRef, u.name, u.candidates]),
    [
      ['3', 'TWIN NAME', 2],
      ['3', 'NOBODY KNOWN', 0],
    ],
  );
  const ship = records[0].adjuncts;
  assert.deepEqual(ship.find((a) => a.schema === 'Ownership')?.properties, {
    owner: ['ofac-2'],
    asset: ['ofac-1'],
    role: ['Vessel Owner'],
  });
  assert.deepEqual(ship.find((a) => a.schema === 'UnknownLink')?.properties, {
    subject: ['ofac-1'],
    object: ['ofac-2'],
    role: ['Linked To'],
  });
  // Running it again adds nothing new.
  assert.equal(resolveOfacLinks(records).added, 0);
});

test('an owner that is not listed becomes a party of the vessel record, owning it', () => {
  const records = [record('6', 'Vessel', 'SEA STAR', undefined, 'Samir de Navegacion S.A.')];
  const result = resolveOfacLinks(records);
  assert.deepEqual(
    result.unresolved.map((u) => [u.kind, u.name]),
    [['Vessel Owner', 'Samir de Navegacion S.A.']],
  );
  const party = records[0].adjuncts.find((a) => a.schema === 'LegalEntity');
  assert.deepEqual(party, {
    id: 'ofac-6-party-samir-de-navegacion-s-a',
    schema: 'LegalEntity',
    properties: { name: ['Samir de Navegacion S.A.'] },
  });
  assert.deepEqual(records[0].adjuncts.find((a) => a.schema === 'Ownership')?.properties, {
    owner: ['ofac-6-party-samir-de-navegacion-s-a'],
    asset: ['ofac-6'],
    role: ['Vessel Owner'],
  });
});
