import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../store/audit.ts';
import { TEST_ENGINES } from '../store/testing.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { can } from './policy.ts';
import {
  AuthError,
  authenticate,
  changeUser,
  createApiToken,
  createUser,
  login,
  logout,
  revokeApiToken,
} from './service.ts';

test('passwords: scrypt hashes verify, differ per salt, and carry their parameters', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
});

test('policy: roles grant exactly their permissions', () => {
  assert.equal(can('viewer', 'read'), true);
  assert.equal(can('viewer', 'write'), false);
  assert.equal(can('analyst', 'write'), true);
  assert.equal(can('analyst', 'admin'), false);
  assert.equal(can('admin', 'admin'), true);
});

for (const engine of TEST_ENGINES) {
  describe(`auth service: ${engine.name}`, { skip: engine.skip }, () => {
    test('users, sessions, tokens, revocation and the audit trail', async () => {
      const { store, cleanup } = await engine.open();
      try {
        await createUser(store, { name: 'ana', role: 'analyst', password: 'a long password 1' }, 'cli:root');
        await assert.rejects(
          createUser(store, { name: 'ana', role: 'viewer', password: 'another password' }, 'x'),
          AuthError,
        );
        await assert.rejects(
          createUser(store, { name: 'bo', role: 'viewer', password: 'short' }, 'x'),
          /at least 10/,
        );
        await assert.rejects(createUser(store, { name: 'x y', role: 'viewer' }, 'x'), /user name/);
        await assert.rejects(login(store, 'ana', 'wrong password!'), /wrong user name or password/);
        await assert.rejects(login(store, 'nobody', 'wrong password!'), /wrong user name or password/);

        const s = await login(store, 'ana', 'a long password 1');
        assert.match(s.token, /^wks_/);
        assert.equal((await authenticate(store, s.token))?.name, 'ana');
        await logout(store, s.token);
        assert.equal(await authenticate(store, s.token), undefined);

        const t = await createApiToken(store, 'ana', 'script', 'cli:root');
        assert.match(t.token, /^wkt_/);
        const stored = await store.db.selectFrom('api_tokens').selectAll().execute();
        assert.equal(stored.length, 1);
        assert.notEqual(stored[0].token_hash, t.token, 'only the hash is stored');
        assert.ok(!JSON.stringify(stored).includes(t.token.slice(4)));
        assert.equal((await authenticate(store, t.token))?.role, 'analyst');
        await changeUser(store, 'ana', { disabled: true }, 'cli:root');
        assert.equal(await authenticate(store, t.token), undefined, 'a disabled user’s token stops working');
        await changeUser(store, 'ana', { disabled: false, password: 'a new password 2' }, 'cli:root');
        await revokeApiToken(store, t.id, 'cli:root');
        assert.equal(await authenticate(store, t.token), undefined);
        assert.equal(await authenticate(store, 'wkt_forged'), undefined);

        const actions = (await listAudit(store)).map((e) => e.action).reverse();
        assert.deepEqual(actions, [
          'user.create',
          'token.create',
          'user.update',
          'user.update',
          'token.revoke',
        ]);
        assert.ok(
          !JSON.stringify(await listAudit(store)).includes('a new password 2'),
          'no password in the audit log',
        );
      } finally {
        await cleanup();
      }
    });
  });
}
