/**
 * Every page of the app, in one table: its URL pattern, its title, whether it shows in the header's
 * navigation, and who may open it. Each page is a module of its own under pages/, loaded when first opened
 * (a dynamic import), so heavy pages (maps) do not slow the others down. To add a page: write
 * pages/<name>.tsx with a default export taking PageProps, and add a line here (see web/README.md).
 */
import type { ComponentType } from 'react';
import type { Permission } from './api-types.ts';
import { matchPath } from './router.tsx';

export interface PageProps {
  /** The `:params` of the route's path, decoded. */
  params: Record<string, string>;
}

export interface AppRoute {
  /** `/entities/:id`; matched in order, first match wins. */
  path: string;
  /** The browser tab's title (pages may set a more precise one with useTitle). */
  title: string;
  /** Loads the page's module (a dynamic import: each page is a chunk of its own). */
  load: () => Promise<{ default: ComponentType<PageProps> }>;
  /** A header navigation entry: its label and position (ascending). */
  nav?: { label: string; order: number };
  /** What the page needs (default `read`); the header hides pages the user may not open. */
  access?: Permission;
}

export const routes: AppRoute[] = [
  {
    path: '/',
    title: 'Dashboard',
    nav: { label: 'Dashboard', order: 10 },
    load: () => import('./pages/dashboard.tsx'),
  },
  {
    path: '/lists',
    title: 'Lists',
    nav: { label: 'Lists', order: 20 },
    load: () => import('./pages/lists.tsx'),
  },
  { path: '/lists/:list/diff', title: 'List changes', load: () => import('./pages/list-diff.tsx') },
  {
    path: '/entities',
    title: 'Entities',
    nav: { label: 'Entities', order: 30 },
    load: () => import('./pages/entities.tsx'),
  },
  { path: '/entities/:id', title: 'Entity', load: () => import('./pages/entity.tsx') },
  {
    path: '/screening',
    title: 'Screening',
    nav: { label: 'Screening', order: 40 },
    load: () => import('./pages/screening.tsx'),
  },
  { path: '/screening/batch', title: 'Batch screening', load: () => import('./pages/batch.tsx') },
  {
    path: '/watchlists',
    title: 'Watchlists',
    nav: { label: 'Watchlists', order: 45 },
    load: () => import('./pages/watchlists.tsx'),
  },
  { path: '/map', title: 'Map', nav: { label: 'Map', order: 50 }, load: () => import('./pages/map.tsx') },
  {
    path: '/vessels',
    title: 'Vessels',
    nav: { label: 'Vessels', order: 60 },
    load: () => import('./pages/vessels.tsx'),
  },
  { path: '/vessels/:mmsi', title: 'Vessel', load: () => import('./pages/vessel.tsx') },
  {
    path: '/events',
    title: 'Events',
    nav: { label: 'Events', order: 70 },
    load: () => import('./pages/events.tsx'),
  },
  { path: '/events/:id', title: 'Event', load: () => import('./pages/event.tsx') },
  {
    path: '/alerts',
    title: 'Alerts',
    nav: { label: 'Alerts', order: 80 },
    load: () => import('./pages/alerts.tsx'),
  },
  {
    path: '/admin',
    title: 'Admin',
    nav: { label: 'Admin', order: 90 },
    access: 'admin',
    load: () => import('./pages/admin.tsx'),
  },
];

/** The header's navigation entries, in order. */
export const navRoutes = (): AppRoute[] =>
  routes.filter((r) => r.nav).sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0));

/** The route a pathname opens, with its parameters. */
export function findRoute(pathname: string): { route: AppRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

const loadedPages = new Map<AppRoute, ComponentType<PageProps>>();
const loadingPages = new Map<AppRoute, Promise<ComponentType<PageProps>>>();

/** The page's component if its module is loaded already (then it renders at once, without a spinner). */
export const loadedPage = (route: AppRoute): ComponentType<PageProps> | undefined => loadedPages.get(route);

/**
 * Loads a page's module once. main.tsx starts this for the first URL before the session check answers, so
 * the page's code and the session arrive together.
 */
export function loadPage(route: AppRoute): Promise<ComponentType<PageProps>> {
  let p = loadingPages.get(route);
  if (!p) {
    p = route.load().then(
      (m) => {
        loadedPages.set(route, m.default);
        return m.default;
      },
      (err: Error) => {
        loadingPages.delete(route); // let a later visit try again
        throw err;
      },
    );
    loadingPages.set(route, p);
  }
  return p;
}
