import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { missingShared, sharedFile } from '../config/paths.ts';
import { importListFile } from '../lists/import.ts';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { ScreeningService } from './service.ts';

const SDN = ['lists', 'ofac', 'sdn-2024-05-03.csv'];

describe('screening service on the OFAC SDN list', { skip: missingShared(...SDN) }, () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let service: ScreeningService;
  before(async () => {
    ({ store, cleanup } = await TEST_ENGINES[0].open());
    await importListFile(store, sharedFile(...SDN)!, { actor: 'test' });
    service = new ScreeningService(store);
  });
  after(() => cleanup());

  test('a vessel hit shows its owner or operator and their own designation', async () => {
    const [hit] = await service.screen({ schema: 'Vessel', properties: { imoNumber: ['8712362'] } });
    assert.equal(hit.caption, 'CHON MYONG 1');
    assert.equal(hit.match, true);
    const party = hit.parties?.find((p) => p.name.startsWith('CHONMYONG SHIPPING'));
    assert.ok(party, JSON.stringify(hit.parties));
    assert.equal(party.designated?.datasets[0], 'ofac-sdn');
  });

  test('the ofac algorithm scores as OFAC Sanctions List Search does', async () => {
    const hits = await service.screen(
      { schema: 'Person', properties: { name: ['KIM JONG UN'] } },
      { algorithm: 'ofac', dataset: 'ofac', limit: 3 },
    );
    // OFAC ignores parts of two letters or fewer ("UN"), so KIM, Jung Jong ties at 100 as it does on OFAC's
    // site; ties are ordered by our own score, which puts the real name first.
    assert.equal(hits[0].caption, 'KIM, Jong Un');
    assert.equal(hits[0].features.ofac_name_score, 100);
  });

  test('the index follows imports: a new version is seen without restarting', async () => {
    const before = (await service.index()).size;
    await importListFile(store, sharedFile('lists', 'ofac', 'sdn-2024-05-02.csv')!, { actor: 'test' });
    service.invalidate();
    // 2024-05-02 is older than the current 2024-05-03: the current state, and so the index, stay the same.
    assert.equal((await service.index()).size, before);
  });
});
