import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { missingShared, REPO_ROOT, sharedFile } from '../config/paths.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'wk-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real `watchkeeper` entry point in a child process, as a user would. */
function wk(args: string[], input?: string) {
  const r = spawnSync(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      join(REPO_ROOT, 'src/cli/main.ts'),
      '--data-dir',
      dataDir,
      ...args,
    ],
    { input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('--help works on every command group', () => {
  for (const args of [[], ['lists'], ['lists', 'import'], ['users'], ['tokens'], ['entities'], ['export']]) {
    const r = wk([...args, '--help']);
    assert.equal(r.code, 0, `${args.join(' ')} --help`);
    assert.match(r.out, /Usage: watchkeeper/);
  }
});

test('users and tokens: password from stdin only, token printed once, JSON for scripts', () => {
  const add = wk(
    ['users', 'add', 'alice', '--role', 'analyst', '--password-stdin'],
    'a fine long password\n',
  );
  assert.equal(add.code, 0, add.err);
  const dup = wk(
    ['users', 'add', 'alice', '--role', 'viewer', '--password-stdin'],
    'another long password\n',
  );
  assert.equal(dup.code, 1);
  assert.match(dup.err, /already exists/);
  const badRole = wk(['users', 'add', 'bob', '--role', 'root', '--password-stdin'], 'x\n');
  assert.notEqual(badRole.code, 0);
  assert.match(badRole.err, /unknown role root/);
  const noTty = wk(['users', 'add', 'carol', '--role', 'viewer']);
  assert.equal(noTty.code, 1);
  assert.match(noTty.err, /--password-stdin/);
  const tok = wk(['tokens', 'create', '--user', 'alice', '--json']);
  assert.equal(tok.code, 0, tok.err);
  const t = JSON.parse(tok.out);
  assert.match(t.token, /^wkt_/);
  const list = wk(['tokens', 'list', '--json']);
  assert.ok(!list.out.includes(t.token), 'tokens are never listed');
  const users = JSON.parse(wk(['users', 'list', '--json']).out);
  assert.deepEqual(
    users.map((u: { name: string; role: string }) => [u.name, u.role]),
    [['alice', 'analyst']],
  );
  const audit = wk(['audit', '--json']);
  assert.deepEqual(
    JSON.parse(audit.out).map((e: { action: string }) => e.action),
    ['token.create', 'user.create'],
  );
});

test('bad input: a clear one-line error naming the file, non-zero exit, nothing imported', () => {
  const bad = join(dataDir, 'evil.xml');
  writeFileSync(
    bad,
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/secret">]>\n<CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>\n',
  );
  const r = wk(['lists', 'import', bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^watchkeeper: evil\.xml \(line \d+\): DOCTYPE/);
  assert.ok(!r.err.includes('    at '), 'no stack trace for bad input');
  assert.equal(wk(['lists', 'import', join(dataDir, 'missing.xml')]).code, 1);
  const lists = JSON.parse(wk(['lists', '--json']).out);
  assert.deepEqual(lists, []);
});

const un = ['lists', 'un', 'un-consolidated-2017-06-30.xml'];
test('import, list, diff, show, search, export from the command line', { skip: missingShared(...un) }, () => {
  const a = wk([
    'lists',
    'import',
    sharedFile(...un)!,
    sharedFile('lists', 'un', 'un-consolidated-2017-07-03.xml')!,
  ]);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /imported 1024 records as un-2017-06-30-/);
  assert.match(wk(['lists', 'import', sharedFile(...un)!]).out, /already imported/);
  const summary = wk(['lists']);
  assert.match(summary.out, /UN — 2 version\(s\)/);
  assert.match(summary.out, /un-dprk 99/);
  const diff = wk(['lists', 'diff', 'un']);
  assert.equal(diff.code, 0, diff.err);
  assert.match(diff.out, /0 added, 3 removed/);
  assert.match(diff.out, /^- QDi\.168 /m);
  const show = wk(['entities', 'show', 'un-qdi-168']);
  assert.match(show.out, /delisted/);
  const search = JSON.parse(wk(['entities', 'search', 'kim', '--regime', 'un-dprk', '--json']).out);
  assert.ok(search.total > 0);
  const csv = wk(['export', '--format', 'csv', '--list', 'un']);
  assert.equal(csv.out.trim().split('\n').length, 1 + 650 + 371);
  const json = JSON.parse(wk(['lists', 'diff', 'un', '2017-06-30', '2017-07-03', '--json']).out);
  assert.deepEqual(
    json.removed.map((e: { sourceRef: string }) => e.sourceRef),
    ['QDi.168', 'QDi.169', 'QDi.170'],
  );
  const screen = wk(['screen', 'Ri Won-ho', '--schema', 'Person', '--dob', '1964-07-17', '--json']);
  assert.equal(screen.code, 0, screen.err);
  const hits = JSON.parse(screen.out);
  assert.equal(hits[0].id, 'un-kpi-033');
  assert.equal(hits[0].match, true);
  const namesCsv = join(dataDir, 'names.csv');
  writeFileSync(namesCsv, 'name,type,dob\nRI WON HO,person,1964\n,person,\nNobody Atall,person,1990\n');
  const batch = wk(['screen', '--input', namesCsv]);
  assert.equal(batch.code, 0, batch.err);
  const rows = batch.out.trim().split('\n');
  assert.equal(
    rows[0],
    'name,type,dob,match_count,top_id,top_name,top_score,top_match,top_lists,top_reference,top_explanation,error',
  );
  assert.match(rows[1], /^RI WON HO,person,1964,\d+,un-kpi-033,/);
  assert.match(rows[2], /no name/);
  assert.match(rows[3], /^Nobody Atall,person,1990,0,/);
  assert.match(batch.err, /screened 3 rows .* 1 with a match, 1 row errors/);
  assert.match(wk(['screen', 'Kim Jong Un', '--dataset', 'eu']).err, /the EU list is not loaded/);
  assert.doesNotMatch(wk(['screen', 'Kim Jong Un', '--dataset', 'un']).err, /not loaded/);
  assert.equal(wk(['watchlists', 'create', 'customers']).code, 0);
  const wlCsv = join(dataDir, 'customers.csv');
  writeFileSync(wlCsv, 'id,name,type\nc-1,RI WON HO,person\nc-2,Nobody Atall,person\n');
  const add = wk(['watchlists', 'add', 'customers', '--input', wlCsv]);
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /2 item\(s\) on customers/);
  assert.match(add.out, /[1-9]\d* new alert/);
  const inbox = JSON.parse(wk(['alerts', '--status', 'open', '--json']).out);
  const alert = inbox.items.find((a: { subject: string }) => a.subject.endsWith('/c-1'));
  assert.ok(alert);
  assert.match(wk(['alerts', 'triage', alert.id, '--status', 'dismissed']).err, /needs a reason/);
  assert.match(wk(['alerts', 'triage', alert.id, '--status', 'confirmed']).out, /is confirmed/);
  assert.match(wk(['watchlists', 'items', 'customers']).out, /2 of 2 item\(s\) on customers/);
  assert.equal(wk(['watchlists', 'remove', 'customers', 'c-2']).code, 0);
  assert.equal(JSON.parse(wk(['watchlists', 'items', 'customers', '--json']).out).total, 1);
  assert.match(wk(['watchlists', 'remove', 'customers', 'c-2']).err, /no item c-2 on customers/);
  const missing = wk(['entities', 'show', 'un-none']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no entity un-none/);
});

test('usage errors and undatable files get one clear line', () => {
  const limit = wk(['entities', 'search', 'kim', '--limit', 'abc']);
  assert.notEqual(limit.code, 0);
  assert.match(limit.err, /--limit.*expected a whole number from 1 to 500/);
  assert.match(wk(['audit', '--limit', '-5']).err, /expected a whole number/);
  const empty = mkdtempSync(join(tmpdir(), 'wk-empty-'));
  try {
    const r = wk(['lists', 'import', empty]);
    assert.equal(r.code, 1);
    assert.match(r.err, /no \.xml or \.csv files in this folder/);
    // An OFAC SDN CSV whose name carries no date states no publication date: the user must give it.
    const sdn = join(empty, 'sdn.csv');
    writeFileSync(
      sdn,
      '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Havana, Cuba."\r\n',
    );
    const undated = wk(['lists', 'import', sdn]);
    assert.equal(undated.code, 1);
    assert.match(
      undated.err,
      /^watchkeeper: sdn\.csv: the file does not state its publication date: give it \(web: Published on; CLI: --published/,
    );
    const dated = wk(['lists', 'import', '--published', '2019-01-01', sdn]);
    assert.equal(dated.code, 0, dated.err);
    assert.match(dated.out, /as ofac-sdn-2019-01-01-/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const port = wk(['serve', '--port', '99999']);
  assert.match(port.err, /--port.*expected a whole number from 1 to 65535/);
});
