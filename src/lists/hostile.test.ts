import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Store } from '../store/store.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { InputFormatError } from './errors.ts';
import { importListFile } from './import.ts';
import { summariseLists } from './service.ts';
import { unXmlImporter } from './un.ts';

/** Hostile and huge inputs: clear errors naming the place, bounded memory, the store unchanged. */
const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">\n';
const person = (i: number) =>
  `<INDIVIDUAL><DATAID>${i}</DATAID><FIRST_NAME>KIM</FIRST_NAME><SECOND_NAME>NUMBER ${i}</SECOND_NAME>` +
  `<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.${i}</REFERENCE_NUMBER><LISTED_ON>2017-01-01</LISTED_ON>` +
  `<COMMENTS1>${'Generated filler text. '.repeat(40)}</COMMENTS1>` +
  `<NATIONALITY><VALUE>Democratic People's Republic of Korea</VALUE></NATIONALITY></INDIVIDUAL>\n`;

async function drain(gen: AsyncGenerator<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of gen) n++;
  return n;
}

test('a 100 MB list streams through the parser in bounded memory', async () => {
  const records = 100_000;
  async function* source() {
    yield Buffer.from(`${HEAD}<INDIVIDUALS>\n`);
    for (let i = 0; i < records; i += 1000) {
      let chunk = '';
      for (let j = i; j < i + 1000; j++) chunk += person(j);
      yield Buffer.from(chunk);
    }
    yield Buffer.from('</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n');
  }
  // Measure the live heap, not garbage V8 has yet to collect (which varies with load and made this flaky).
  const gc = liveGc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let n = 0;
  for await (const ev of unXmlImporter.parse(source(), { file: 'big.xml' })) {
    if (ev.kind === 'record' && ++n % 20000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  assert.equal(n, records);
  // ~100 MB of XML went through; the live heap must not grow with it.
  assert.ok(peak - before < 50e6, `heap grew by ${((peak - before) / 1e6).toFixed(0)} MB`);
});

test('a 1 GB text value is refused at the size cap, naming the line, without holding it', async () => {
  async function* source() {
    yield Buffer.from(`${HEAD}<INDIVIDUALS>\n<INDIVIDUAL>\n<COMMENTS1>`);
    const mb = Buffer.alloc(1 << 20, 'A');
    for (let i = 0; i < 1024; i++) yield mb;
  }
  let fed = 0;
  const counted = (async function* () {
    for await (const c of source()) {
      fed += c.byteLength;
      yield c;
    }
  })();
  await assert.rejects(drain(unXmlImporter.parse(counted, { file: 'huge.xml' })), (err: unknown) => {
    assert.ok(err instanceof InputFormatError);
    assert.match(err.message, /^huge\.xml \(line 5\): a text value longer than/);
    return true;
  });
  assert.ok(fed < 16 * (1 << 20), `stopped after ${fed} bytes, not the whole gigabyte`);
});

for (const engine of TEST_ENGINES) {
  describe(`hostile files leave the store unchanged: ${engine.name}`, { skip: engine.skip }, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let dir: string;
    before(async () => {
      ({ store, cleanup } = await engine.open());
      dir = mkdtempSync(join(tmpdir(), 'wk-hostile-'));
    });
    after(async () => {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    });
    const file = (name: string, content: string | Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    const cases: Array<[string, () => string, RegExp]> = [
      [
        '1 GB of zero bytes',
        () => {
          const p = file('zeros.xml', '');
          truncateSync(p, 1 << 30); // sparse: no disk used
          return p;
        },
        /^zeros\.xml: the file holds no text/,
      ],
      [
        'external entity',
        () =>
          file(
            'xxe.xml',
            `<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CONSOLIDATED_LIST>&x;</CONSOLIDATED_LIST>`,
          ),
        /^xxe\.xml \(line 2\): DOCTYPE/,
      ],
      [
        'billion laughs',
        () =>
          file(
            'lol.xml',
            `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n<CONSOLIDATED_LIST>&lol3;</CONSOLIDATED_LIST>`,
          ),
        /DOCTYPE declarations are not accepted/,
      ],
      [
        'truncated list',
        () => file('cut.xml', `${HEAD}<INDIVIDUALS>\n${person(1)}${person(2).slice(0, 80)}`),
        /^cut\.xml \(line \d+\): .*truncated/,
      ],
      [
        'Latin-1 bytes in a UTF-8 list',
        () =>
          file(
            'latin1.xml',
            Buffer.concat([
              Buffer.from(`${HEAD}<INDIVIDUALS>\n${person(1)}`),
              Buffer.from([
                0x3c, 0x49, 0x4e, 0x44, 0x49, 0x56, 0x49, 0x44, 0x55, 0x41, 0x4c, 0x3e, 0xc9, 0x20,
              ]),
              Buffer.from('</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>'),
            ]),
          ),
        /^latin1\.xml \(near byte \d+\): not valid utf-8/,
      ],
      [
        'a CSV that is no list',
        () => file('people.csv', 'name,dob\nKim,1980\n'),
        /^people\.csv: not a sanctions list format/,
      ],
      [
        'a UN list given as OFAC',
        () => file('un.xml', `${HEAD}<INDIVIDUALS>${person(1)}</INDIVIDUALS></CONSOLIDATED_LIST>`),
        /^un\.xml: not in any OFAC list format/,
      ],
    ];
    for (const [name, make, expected] of cases) {
      test(name, async () => {
        const path = make();
        const source = name.includes('as OFAC') ? ('ofac' as const) : undefined;
        await assert.rejects(importListFile(store, path, { actor: 'test', source }), (err: unknown) => {
          assert.ok(err instanceof InputFormatError, String(err));
          assert.match(err.message, expected);
          return true;
        });
        assert.deepEqual(await summariseLists(store), []);
        const rows = await store.db.selectFrom('list_records').select('entity_id').limit(1).execute();
        assert.equal(rows.length, 0);
      });
    }
  });
}

/** A garbage-collection trigger without --expose-gc (V8 exposes it to a fresh context once the flag is set). */
function liveGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
