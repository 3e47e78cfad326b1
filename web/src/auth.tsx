/**
 * Who is signed in. `useAuth()` gives the user, `can(permission)` (the same role → permission mapping as
 * src/auth/policy.ts: viewer reads, analyst also writes, admin also administers), and sign in / sign out.
 * Hiding a control from a role is convenience only: the API checks every request itself.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { api, UNAUTHORIZED_EVENT } from './api.ts';
import type { Permission, Role, User } from './api-types.ts';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

export function roleCan(role: Role | undefined, permission: Permission): boolean {
  return role ? GRANTS[role].includes(permission) : false;
}

export interface AuthState {
  /** undefined while the session is being checked; null when signed out. */
  user: User | null | undefined;
  can: (permission: Permission) => boolean;
  signIn: (name: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Why the user was signed out (session expired), shown on the sign-in page. */
  notice: string | undefined;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();
  const signedIn = useRef(false);
  signedIn.current = Boolean(user);
  const signingOut = useRef(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api.me(ctrl.signal).then(setUser, (e: Error) => {
      if (e.name !== 'AbortError') setUser(null);
    });
    const onUnauthorized = () => {
      if (signedIn.current && !signingOut.current)
        setNotice('Your session has ended. Sign in again to continue.');
      setUser(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => {
      ctrl.abort();
      window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    };
  }, []);

  const signIn = useCallback(async (name: string, password: string) => {
    const r = await api.login(name, password);
    signingOut.current = false;
    setNotice(undefined);
    setUser(r.user);
  }, []);
  const signOut = useCallback(async () => {
    // Requests still in flight answer 401 once the session is gone: that is this sign-out, not an ended session.
    signingOut.current = true;
    await api.logout().catch(() => undefined);
    setNotice('You are signed out.');
    setUser(null);
  }, []);
  const value = useMemo<AuthState>(
    () => ({ user, can: (p) => roleCan(user?.role, p), signIn, signOut, notice }),
    [user, signIn, signOut, notice],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside <AuthProvider>');
  return auth;
}

/** Renders its children only when the signed-in user has the permission (editing controls). */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useAuth().can(permission) ? <>{children}</> : null;
}
