import type { Role } from '../store/schema.ts';

/**
 * The one place where roles meet permissions. Every API route names the permission it needs; nothing else
 * in the code compares roles.
 */
export type Permission =
  | 'read' // browse lists, entities, screening results
  | 'write' // import lists, decide on hits, edit cases
  | 'admin'; // users, tokens, settings

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

export const ROLES: readonly Role[] = ['admin', 'analyst', 'viewer'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The roles holding a permission, for documentation ("viewer, analyst or admin"). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => GRANTS[r].includes(permission)).reverse();
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
