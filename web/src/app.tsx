/**
 * The app shell: header with navigation and the signed-in user, the page the URL names (routes.ts), the
 * sign-in page when there is no session, and an error boundary so one failing page never blanks the app.
 */
import {
  Component,
  type ErrorInfo,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
} from 'react';
import { useAuth } from './auth.tsx';
import { ErrorBox, Loading } from './components/ui.tsx';
import SignInPage from './pages/sign-in.tsx';
import { Link, useLocation } from './router.tsx';
import { type AppRoute, findRoute, loadedPage, loadPage, navRoutes } from './routes.ts';
import { APP_NAME, useTitle } from './title.ts';

class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page failed', error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      // A chunk that fails to load after an upgrade is fixed by a reload (index.html names the new ones).
      const stale = /dynamically imported module|Failed to fetch/i.test(this.state.error.message);
      return (
        <ErrorBox
          error={
            stale
              ? new Error('this page was updated on the server; reload to get the new version')
              : this.state.error
          }
          onRetry={() => (stale ? window.location.reload() : this.setState({ error: undefined }))}
        />
      );
    }
    return this.props.children;
  }
}

function Header() {
  const { user, can, signOut } = useAuth();
  const { pathname } = useLocation();
  const active = (path: string) =>
    path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <img src="/favicon.svg" alt="" width="24" height="24" />
        {APP_NAME}
      </Link>
      {user && (
        <nav aria-label="Main">
          <ul>
            {navRoutes()
              .filter((r) => can(r.access ?? 'read'))
              .map((r) => (
                <li key={r.path}>
                  <Link to={r.path} aria-current={active(r.path) ? 'page' : undefined}>
                    {r.nav?.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      )}
      {user && (
        <div className="user-menu">
          <span className="user-name" data-testid="user">
            {user.name} <span className={`role role-${user.role}`}>{user.role}</span>
          </span>
          <button type="button" className="secondary small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}

/**
 * The page of a route: rendered at once when its module is loaded, else after loading it (a spinner
 * meanwhile). Keyed by pathname, so /entities/a → /entities/b starts the page afresh.
 */
function PageOutlet({
  route,
  params,
  pathname,
}: {
  route: AppRoute;
  params: Record<string, string>;
  pathname: string;
}) {
  const [, loaded] = useReducer((n: number) => n + 1, 0);
  const [error, setError] = useState<Error>();
  const Page = loadedPage(route);
  const shown = Boolean(Page);
  useEffect(() => {
    setError(undefined);
    // Rendered without the page: load it (it may also have arrived since this render), then render again.
    if (!shown) loadPage(route).then(loaded, setError);
  }, [route, shown]);
  if (error) throw error; // the error boundary shows it (a chunk missing after an upgrade: reload)
  if (!Page) return <Loading />;
  return <Page key={pathname} params={params} />;
}

function NotFound() {
  useTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link to="/">Go to the dashboard</Link>.
      </p>
    </>
  );
}

function Forbidden({ need }: { need: string }) {
  return (
    <>
      <h1>Not available to your role</h1>
      <p>This page needs the {need} permission. Ask an administrator if you need it.</p>
    </>
  );
}

export function App() {
  const { user, can } = useAuth();
  const location = useLocation();
  const found = findRoute(location.pathname);
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);

  // A layout effect runs before the pages' own (passive) useTitle, so a page's precise title wins.
  const routeTitle = found?.route.title ?? 'Not found';
  useLayoutEffect(() => {
    document.title = `${routeTitle} — ${APP_NAME}`;
  }, [routeTitle]);
  // Move focus to the page on navigation (not on first load), so keyboard and screen-reader users start at
  // the new content instead of the link they left.
  useEffect(() => {
    if (location.pathname !== firstPath.current) mainRef.current?.focus({ preventScroll: true });
    firstPath.current = '';
  }, [location.pathname]);
  // After signing in, the form is gone: start from the page rather than from nowhere.
  // (Only after the sign-in form: a session found at load leaves focus where the browser puts it.)
  const state = user === undefined ? 'checking' : user ? 'in' : 'out';
  const previous = useRef(state);
  useEffect(() => {
    if (state === 'in' && previous.current === 'out') mainRef.current?.focus({ preventScroll: true });
    previous.current = state;
  }, [state]);

  let content: ReactNode;
  if (user === undefined) content = <Loading label="Checking your session…" />;
  else if (user === null || location.pathname === '/sign-in') content = <SignInPage />;
  else if (!found) content = <NotFound />;
  else if (!can(found.route.access ?? 'read')) content = <Forbidden need={found.route.access ?? 'read'} />;
  else {
    content = <PageOutlet route={found.route} params={found.params} pathname={location.pathname} />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <PageErrorBoundary resetKey={location.pathname}>{content}</PageErrorBoundary>
      </main>
      <footer className="app-footer">
        <a href="/api/docs">API documentation</a>
      </footer>
    </>
  );
}
