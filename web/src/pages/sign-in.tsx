/**
 * Sign in. Shown in place of any page when there is no session, so after signing in the user is on the
 * page (and URL) they asked for; at /sign-in itself it goes on to `?next=` or the dashboard.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useAuth } from '../auth.tsx';
import { ErrorBox, Field } from '../components/ui.tsx';
import { navigate, useLocation } from '../router.tsx';

export default function SignInPage() {
  const { signIn, notice } = useAuth();
  const location = useLocation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // The form is the only thing on the page: start in it.
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(name.trim(), password);
      if (location.pathname === '/sign-in') {
        const next = location.query.get('next');
        navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      }
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };

  return (
    <div className="sign-in card">
      <h1>Sign in to Watchkeeper</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && <ErrorBox error={error} />}
      <form onSubmit={submit} aria-label="Sign in">
        <Field label="User name">
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              required
              ref={nameRef}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted small">
        On first start, <code>watchkeeper serve</code> creates the user <code>admin</code> and prints its
        password once.
      </p>
    </div>
  );
}
