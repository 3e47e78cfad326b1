import type { Kysely } from 'kysely';
import type { Engine } from './engine.ts';
import type { Database, Role } from './schema.ts';

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  createdAt: string;
  disabled: boolean;
}

export interface TokenRow {
  id: string;
  userId: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const toUser = (store: Engine, r: Database['users']): UserRow => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: store.readTime(r.created_at),
  disabled: Boolean(r.disabled),
});

export async function insertUser(db: Kysely<Database>, user: Omit<UserRow, 'disabled'>): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
      disabled: 0,
    })
    .execute();
}

export async function updateUser(
  db: Kysely<Database>,
  id: string,
  patch: { role?: Role; passwordHash?: string; disabled?: boolean },
): Promise<void> {
  const values: Partial<Database['users']> = {};
  if (patch.role) values.role = patch.role;
  if (patch.passwordHash) values.password_hash = patch.passwordHash;
  if (patch.disabled !== undefined) values.disabled = patch.disabled ? 1 : 0;
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

export async function findUserByName(store: Engine, name: string): Promise<UserRow | undefined> {
  const r = await store.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return r && toUser(store, r);
}

export async function findUserById(store: Engine, id: string): Promise<UserRow | undefined> {
  const r = await store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toUser(store, r);
}

export async function listUsers(store: Engine): Promise<UserRow[]> {
  const rows = await store.db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map((r) => toUser(store, r));
}

export async function countUsers(store: Engine): Promise<number> {
  const r = await store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSession(
  store: Engine,
  s: { tokenHash: string; userId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await store.db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** The live session's user for a session-token hash, or undefined (unknown, expired, or user disabled). */
export async function findSessionUser(
  store: Engine,
  tokenHash: string,
  now: string,
): Promise<UserRow | undefined> {
  const r = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at')
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r || store.readTime(r.expires_at) <= now || r.disabled) return undefined;
  return toUser(store, r);
}

export async function deleteSession(store: Engine, tokenHash: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(store: Engine, now: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertToken(
  db: Kysely<Database>,
  t: { id: string; userId: string; tokenHash: string; label: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      token_hash: t.tokenHash,
      label: t.label,
      created_at: t.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** The user behind an API-token hash, when the token is live; records its use. */
export async function findTokenUser(
  store: Engine,
  tokenHash: string,
  now: string,
): Promise<UserRow | undefined> {
  const r = await store.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r || r.revoked_at || r.disabled) return undefined;
  // Record use at most once a minute, so reads stay reads under load.
  if (!r.last_used_at || store.readTime(r.last_used_at) < new Date(Date.parse(now) - 60_000).toISOString()) {
    await store.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', r.token_id)
      .execute();
  }
  return toUser(store, r);
}

export async function listTokens(store: Engine, userId?: string): Promise<TokenRow[]> {
  let q = store.db.selectFrom('api_tokens').selectAll().orderBy('created_at');
  if (userId) q = q.where('user_id', '=', userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    label: r.label,
    createdAt: store.readTime(r.created_at),
    lastUsedAt: r.last_used_at ? store.readTime(r.last_used_at) : null,
    revokedAt: r.revoked_at ? store.readTime(r.revoked_at) : null,
  }));
}

export async function revokeToken(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countActiveAdmins(store: Engine): Promise<number> {
  const r = await store.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
