import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type AuditEntry, appendAudit, listAudit } from '../store/audit.ts';
import type { Role } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import {
  countActiveAdmins,
  countUsers,
  deleteSession,
  findSessionUser,
  findTokenUser,
  findUserByName,
  insertSession,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  revokeToken,
  type TokenRow,
  type UserRow,
  updateUser,
} from '../store/users.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { isRole } from './policy.ts';

export class AuthError extends Error {
  override name = 'AuthError';
}

/** A user as shown to clients: never the password hash. */
export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
}
export const publicUser = (u: UserRow): PublicUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt,
  disabled: u.disabled,
});

const SESSION_HOURS = 12;
/** Secrets are random 32 bytes; only their SHA-256 is stored, so a leaked database reveals no usable token. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export function userNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(name)) {
    return 'a user name is 1-64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit';
  }
  return undefined;
}

export async function createUser(
  store: Store,
  input: { name: string; role: string; password?: string },
  actor: string,
): Promise<PublicUser> {
  const problem =
    userNameProblem(input.name) ?? (isRole(input.role) ? undefined : `unknown role ${input.role}`);
  if (problem) throw new AuthError(problem);
  if (input.password !== undefined) {
    const pp = passwordProblem(input.password);
    if (pp) throw new AuthError(pp);
  }
  if (await findUserByName(store, input.name)) throw new AuthError(`user ${input.name} already exists`);
  const user = {
    id: randomUUID(),
    name: input.name,
    role: input.role as Role,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
    createdAt: new Date().toISOString(),
  };
  await store.db.transaction().execute(async (trx) => {
    await insertUser(trx, user);
    await appendAudit(trx, { actor, action: 'user.create', target: user.name, details: { role: user.role } });
  });
  return publicUser({ ...user, disabled: false });
}

export async function changeUser(
  store: Store,
  name: string,
  patch: { role?: string; password?: string; disabled?: boolean },
  actor: string,
): Promise<PublicUser> {
  const user = await findUserByName(store, name);
  if (!user) throw new AuthError(`no user ${name}`);
  if (patch.role !== undefined && !isRole(patch.role)) throw new AuthError(`unknown role ${patch.role}`);
  if (patch.password !== undefined) {
    const pp = passwordProblem(patch.password);
    if (pp) throw new AuthError(pp);
  }
  const losesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
  if (user.role === 'admin' && !user.disabled && losesAdmin && (await countActiveAdmins(store)) <= 1) {
    throw new AuthError(`${name} is the last active admin: make another admin first`);
  }
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  await store.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      role: patch.role as Role | undefined,
      passwordHash,
      disabled: patch.disabled,
    });
    await appendAudit(trx, {
      actor,
      action: 'user.update',
      target: name,
      // Never the password itself: only that it changed.
      details: { role: patch.role, passwordChanged: patch.password !== undefined, disabled: patch.disabled },
    });
  });
  return publicUser((await findUserByName(store, name))!);
}

/** Checks a password and opens a session; the returned token goes in a cookie. */
export async function login(
  store: Store,
  name: string,
  password: string,
): Promise<{ token: string; user: PublicUser; expiresAt: string }> {
  const user = await findUserByName(store, name);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which names exist.
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(password, user.passwordHash);
  else await verifyPassword(password, DUMMY_HASH);
  if (!user || !ok || user.disabled) throw new AuthError('wrong user name or password');
  const token = newSecret('wks');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await insertSession(store, {
    tokenHash: hashSecret(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt,
  });
  return { token, user: publicUser(user), expiresAt };
}
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function logout(store: Store, sessionToken: string): Promise<void> {
  await deleteSession(store, hashSecret(sessionToken));
}

/** The user behind a session or API token, or undefined. API tokens start `wkt_`, sessions `wks_`. */
export async function authenticate(store: Store, secret: string): Promise<UserRow | undefined> {
  const now = new Date().toISOString();
  if (secret.startsWith('wkt_')) return findTokenUser(store, hashSecret(secret), now);
  if (secret.startsWith('wks_')) return findSessionUser(store, hashSecret(secret), now);
  return undefined;
}

/** Creates an API token for a user; the token is returned once and only its hash is kept. */
export async function createApiToken(
  store: Store,
  userName: string,
  label: string | undefined,
  actor: string,
): Promise<{ id: string; token: string; user: string }> {
  const user = await findUserByName(store, userName);
  if (!user) throw new AuthError(`no user ${userName}`);
  const token = newSecret('wkt');
  const id = randomUUID();
  await store.db.transaction().execute(async (trx) => {
    await insertToken(trx, {
      id,
      userId: user.id,
      tokenHash: hashSecret(token),
      label: label ?? null,
      createdAt: new Date().toISOString(),
    });
    await appendAudit(trx, {
      actor,
      action: 'token.create',
      target: user.name,
      details: { tokenId: id, label },
    });
  });
  return { id, token, user: user.name };
}

export async function revokeApiToken(store: Store, id: string, actor: string): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    if (!(await revokeToken(trx, id, new Date().toISOString()))) throw new AuthError(`no live token ${id}`);
    await appendAudit(trx, { actor, action: 'token.revoke', target: id });
  });
}

export async function tokensOf(store: Store, userName?: string): Promise<TokenRow[]> {
  if (!userName) return listTokens(store);
  const user = await findUserByName(store, userName);
  if (!user) throw new AuthError(`no user ${userName}`);
  return listTokens(store, user.id);
}

export { countUsers };

/** Every user, as clients may see them. */
export async function allUsers(store: Store): Promise<PublicUser[]> {
  return (await listUsers(store)).map(publicUser);
}

/** The audit log, newest first. */
export function auditTrail(
  store: Store,
  opts: { limit?: number; beforeId?: number; action?: string } = {},
): Promise<AuditEntry[]> {
  return listAudit(store, opts);
}
