/**
 * Administration (admin role): users and roles, API tokens, list updates, AIS sources.
 * URL: /admin?tab=users|tokens|lists|ais|feeds (&user= for the tokens of one user).
 */
import { type FormEvent, useState } from 'react';
import { api, request } from '../api.ts';
import type { ApiToken, Role, User } from '../api-types.ts';
import { useAuth } from '../auth.tsx';
import { AisSourcesTable } from '../components/ais-sources.tsx';
import { type Column, DataTable, Pagination, pageOf } from '../components/table.tsx';
import { Async, Badge, Card, ErrorBox, Field, TabLinks } from '../components/ui.tsx';
import { datasetLabel, fmtDate, fmtDateTime, fmtNumber } from '../format.ts';
import type { FeedsAnswer } from '../maritime-types.ts';
import { href, Link, useLocation } from '../router.tsx';
import { patchQuery, useUrlState } from '../url-state.ts';
import { useApi } from '../use-api.ts';

const DEFAULTS = { tab: 'users', user: '', page: 1, action: '', before: 0 };
const ROLES: Role[] = ['viewer', 'analyst', 'admin'];
const ROLE_HELP: Record<Role, string> = {
  viewer: 'reads lists, entities, screening results and alerts',
  analyst: 'also imports lists, records decisions and triages alerts',
  admin: 'also manages users and API tokens',
};

/** Runs an admin action, showing its error or success message. */
function useAction() {
  const [error, setError] = useState<Error>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      setMessage(await fn());
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  const feedback = (
    <>
      {error && <ErrorBox error={error} />}
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
    </>
  );
  return { run, busy, feedback };
}

function Users() {
  const { user: me } = useAuth();
  const users = useApi((signal) => api.users(signal), []);
  const action = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');

  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await api.createUser({ name: name.trim(), role, password });
      setName('');
      setPassword('');
      users.reload();
      return `User ${name.trim()} created as ${role}.`;
    });
  };
  const change = (u: User, patch: { role?: Role; disabled?: boolean; password?: string }, what: string) =>
    void action.run(async () => {
      await api.changeUser(u.name, patch);
      users.reload();
      return `${u.name}: ${what}.`;
    });

  const columns: Column<User>[] = [
    { header: 'User', cell: (u) => <strong>{u.name}</strong> },
    {
      header: 'Role',
      cell: (u) => (
        <select
          aria-label={`Role of ${u.name}`}
          value={u.role}
          disabled={action.busy}
          onChange={(e) => change(u, { role: e.target.value as Role }, `role set to ${e.target.value}`)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      ),
    },
    {
      header: 'Status',
      cell: (u) => (u.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="good">active</Badge>),
    },
    { header: 'Created', cell: (u) => fmtDateTime(u.createdAt), className: 'nowrap' },
    {
      header: 'Actions',
      cell: (u) => (
        <span className="card-actions">
          <button
            type="button"
            className="secondary small"
            disabled={action.busy || u.name === me?.name}
            title={u.name === me?.name ? 'you cannot disable yourself' : undefined}
            onClick={() =>
              change(
                u,
                { disabled: !u.disabled },
                u.disabled ? 'enabled' : 'disabled (sessions and tokens stop working)',
              )
            }
          >
            {u.disabled ? 'Enable' : 'Disable'}
          </button>
          <Link to={`/admin${patchQuery(DEFAULTS, new URLSearchParams(), { tab: 'tokens', user: u.name })}`}>
            Tokens
          </Link>
        </span>
      ),
    },
  ];

  return (
    <>
      <Card title="Users">
        {action.feedback}
        <Async state={users}>
          {(list) => (
            <DataTable caption="Users" captionHidden columns={columns} rows={list} rowKey={(u) => u.id} />
          )}
        </Async>
        <p className="small muted">
          {ROLES.map((r) => (
            <span key={r}>
              <strong>{r}</strong>: {ROLE_HELP[r]}.{' '}
            </span>
          ))}
          The last active admin cannot be demoted or disabled.
        </p>
      </Card>
      <Card title="Add a user">
        <form className="form-row" onSubmit={create} aria-label="Add a user">
          <Field label="User name">
            {(p) => (
              <input
                {...p}
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                autoComplete="off"
              />
            )}
          </Field>
          <Field label="Role">
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Password" hint="at least 10 characters">
            {(p) => (
              <input
                {...p}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
                minLength={10}
                autoComplete="new-password"
              />
            )}
          </Field>
          <div className="filter-actions">
            <button type="submit" disabled={action.busy}>
              Add user
            </button>
          </div>
        </form>
      </Card>
    </>
  );
}

function Tokens({ user, setUser }: { user: string; setUser: (u: string) => void }) {
  const users = useApi((signal) => api.users(signal), []);
  const tokens = useApi((signal) => api.tokens(user || undefined, signal), [user]);
  const action = useAction();
  const [forUser, setForUser] = useState(user);
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<{ token: string; user: string }>();
  const nameOf = new Map((users.data ?? []).map((u) => [u.id, u.name]));

  const create = (e: FormEvent) => {
    e.preventDefault();
    const target = forUser || users.data?.[0]?.name;
    if (!target) return;
    void action.run(async () => {
      const t = await api.createToken(target, label.trim() || undefined);
      setCreated({ token: t.token, user: t.user });
      setLabel('');
      tokens.reload();
      return undefined;
    });
  };
  const revoke = (t: ApiToken) =>
    void action.run(async () => {
      await api.revokeToken(t.id);
      tokens.reload();
      return `Token ${t.label ?? t.id.slice(0, 8)} revoked.`;
    });

  const columns: Column<ApiToken>[] = [
    { header: 'User', cell: (t) => nameOf.get(t.userId) ?? t.userId },
    { header: 'Label', cell: (t) => t.label ?? <span className="muted">—</span> },
    { header: 'Created', cell: (t) => fmtDateTime(t.createdAt), className: 'nowrap' },
    { header: 'Last used', cell: (t) => fmtDateTime(t.lastUsedAt), className: 'nowrap' },
    {
      header: 'Status',
      cell: (t) =>
        t.revokedAt ? (
          <Badge tone="neutral">revoked {fmtDate(t.revokedAt)}</Badge>
        ) : (
          <Badge tone="good">active</Badge>
        ),
    },
    {
      header: 'Actions',
      cell: (t) =>
        t.revokedAt ? null : (
          <button
            type="button"
            className="danger small"
            disabled={action.busy}
            onClick={() => revoke(t)}
            aria-label={`Revoke token ${t.label ?? t.id}`}
          >
            Revoke
          </button>
        ),
    },
  ];

  return (
    <>
      <Card title="API tokens">
        <p className="muted small">
          Scripts authenticate with <code>Authorization: Bearer wkt_…</code>; a token acts with its user's
          role. Only a hash is stored: a token is shown once, when it is created.
        </p>
        <form className="form-row" onSubmit={(e) => e.preventDefault()} aria-label="Show tokens of">
          <Field label="Show tokens of">
            {(p) => (
              <select {...p} value={user} onChange={(e) => setUser(e.target.value)}>
                <option value="">all users</option>
                {(users.data ?? []).map((u) => (
                  <option key={u.id} value={u.name}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
        {action.feedback}
        <Async state={tokens}>
          {(list) => (
            <DataTable
              caption="API tokens"
              captionHidden
              columns={columns}
              rows={list}
              rowKey={(t) => t.id}
              empty="No API token."
            />
          )}
        </Async>
      </Card>
      <Card title="Create an API token">
        <form className="form-row" onSubmit={create} aria-label="Create an API token">
          <Field label="For user">
            {(p) => (
              <select {...p} value={forUser} onChange={(e) => setForUser(e.target.value)} required>
                <option value="">choose…</option>
                {(users.data ?? []).map((u) => (
                  <option key={u.id} value={u.name}>
                    {u.name} ({u.role})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Label" hint="what it is for">
            {(p) => <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />}
          </Field>
          <div className="filter-actions">
            <button type="submit" disabled={action.busy}>
              Create token
            </button>
          </div>
        </form>
        {created && (
          <div className="notice" role="status">
            <p>
              Token for <strong>{created.user}</strong> — copy it now, it will not be shown again:
            </p>
            <p className="token-once" data-testid="new-token">
              {created.token}
            </p>
            <button
              type="button"
              className="secondary small"
              onClick={() => void navigator.clipboard?.writeText(created.token)}
            >
              Copy
            </button>
          </div>
        )}
      </Card>
    </>
  );
}

function ListUpdates() {
  const lists = useApi((signal) => api.lists(signal), []);
  const action = useAction();
  const update = () =>
    void action.run(async () => {
      const r = await request<{ outcomes: { id: string; status: string; message?: string }[] }>(
        '/api/lists/update',
        {
          method: 'POST',
          body: {},
        },
      );
      lists.reload();
      return r.outcomes.map((o) => `${o.id}: ${o.status}${o.message ? ` (${o.message})` : ''}`).join('; ');
    });
  return (
    <Card title="List updates">
      <p>
        <button type="button" onClick={update} disabled={action.busy}>
          {action.busy ? 'Downloading…' : 'Download the official lists now'}
        </button>
      </p>
      {action.feedback}
      <p>
        The official lists are downloaded with <code>watchkeeper lists update</code> (conditional requests,
        checksums; run it from cron or a systemd timer), or imported from files on the{' '}
        <Link to="/lists">Lists</Link> page. After every import, all watchlists are screened again and new
        hits become alerts.
      </p>
      <Async state={lists}>
        {(summaries) => (
          <DataTable
            caption="Latest version of each list"
            columns={[
              { header: 'List', cell: (s) => datasetLabel(s.dataset) },
              { header: 'Published', cell: (s) => fmtDate(s.latest.publishedDate), className: 'nowrap' },
              {
                header: 'Imported',
                cell: (s) => `${fmtDateTime(s.latest.importedAt)} by ${s.latest.importedBy}`,
              },
              { header: 'Listings', cell: (s) => fmtNumber(s.latest.recordCount), className: 'num' },
              { header: 'Versions', cell: (s) => fmtNumber(s.versions.length), className: 'num' },
            ]}
            rows={summaries}
            rowKey={(s) => s.dataset}
            empty="No list imported yet."
          />
        )}
      </Async>
    </Card>
  );
}

function AisSources({ page, setPage }: { page: number; setPage: (p: number) => void }) {
  const sources = useApi((signal) => api.aisSources(signal), []);
  return (
    <Card title="AIS sources">
      <p className="muted small">
        Files are ingested on the <Link to="/vessels">Vessels</Link> page, with{' '}
        <code>watchkeeper ais ingest FILE…</code> or <code>POST /api/ais/ingest</code>; live feeds with{' '}
        <code>watchkeeper ais listen --tcp HOST:PORT</code> or the AIS feeds tab. The latest 200 are listed.
      </p>
      <Async state={sources}>
        {(r) => (
          <>
            <AisSourcesTable sources={pageOf(r.items, page, 25)} />
            <Pagination page={page} pageSize={25} total={r.items.length} onPage={setPage} />
          </>
        )}
      </Async>
    </Card>
  );
}

type FeedView = FeedsAnswer['items'][number];

/** Live AIS feeds the server runs: add, enable/disable, remove, and how each one is doing. */
function Feeds() {
  const feeds = useApi((signal) => request<FeedsAnswer>('/api/feeds', { signal }), []);
  const action = useAction();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'tcp' | 'udp'>('tcp');
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('10110');
  const add = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await request('/api/feeds', { method: 'POST', body: { name, kind, host, port: Number(port) } });
      feeds.reload();
      setName('');
      return `Feed "${name}" added; the server connects to it now.`;
    });
  };
  const toggle = (f: FeedView) =>
    void action.run(async () => {
      await request(`/api/feeds/${f.id}`, { method: 'PATCH', body: { enabled: !f.enabled } });
      feeds.reload();
      return `Feed "${f.name}" ${f.enabled ? 'disabled' : 'enabled'}.`;
    });
  const remove = (f: FeedView) =>
    void action.run(async () => {
      await request(`/api/feeds/${f.id}`, { method: 'DELETE' });
      feeds.reload();
      return `Feed "${f.name}" removed (its raw logs and stored positions stay).`;
    });
  return (
    <Card title="Live AIS feeds">
      <p className="muted small">
        The server connects to each enabled TCP feed (AIS-catcher, rtl-ais, an aggregator) or listens on the
        UDP port, keeps a raw log per feed and day under the data folder, stores positions every few seconds
        and runs detection over the last day every 10 minutes. <code>watchkeeper ais listen</code> does the
        same from a terminal.
      </p>
      {action.feedback}
      <Async state={feeds}>
        {(r) => (
          <>
            {!r.managed && (
              <p className="muted small">
                This server was started without running feeds: they are configured only.
              </p>
            )}
            <DataTable
              caption="Feeds"
              captionHidden
              columns={[
                { header: 'Name', cell: (f) => f.name },
                { header: 'Source', cell: (f) => `${f.kind}://${f.host}:${f.port}` },
                {
                  header: 'Status',
                  cell: (f) =>
                    !f.enabled ? (
                      <Badge>disabled</Badge>
                    ) : f.status ? (
                      <>
                        <Badge>{f.status.state}</Badge> {f.status.detail ?? ''}
                        {f.status.lastError &&
                          f.status.state !== 'connected' &&
                          f.status.state !== 'listening' && (
                            <span className="small muted"> last error: {f.status.lastError}</span>
                          )}
                      </>
                    ) : (
                      '—'
                    ),
                },
                { header: 'Lines', cell: (f) => fmtNumber(f.status?.lines ?? 0), className: 'num' },
                { header: 'Positions', cell: (f) => fmtNumber(f.status?.positions ?? 0), className: 'num' },
                {
                  header: 'Actions',
                  cell: (f) => (
                    <>
                      <button type="button" onClick={() => toggle(f)} disabled={action.busy}>
                        {f.enabled ? 'Disable' : 'Enable'}
                      </button>{' '}
                      <button type="button" onClick={() => remove(f)} disabled={action.busy}>
                        Remove
                      </button>
                    </>
                  ),
                },
              ]}
              rows={r.items}
              rowKey={(f) => f.id}
              empty="No feed configured."
            />
          </>
        )}
      </Async>
      <p>
        <button type="button" onClick={feeds.reload}>
          Refresh status
        </button>
      </p>
      <h3>Add a feed</h3>
      <form onSubmit={add} aria-label="Add a feed">
        <Field label="Name">
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}
        </Field>
        <Field label="Kind">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as 'tcp' | 'udp')}>
              <option value="tcp">TCP (connect to)</option>
              <option value="udp">UDP (listen on)</option>
            </select>
          )}
        </Field>
        <Field label={kind === 'tcp' ? 'Host' : 'Local address'}>
          {(p) => <input {...p} value={host} onChange={(e) => setHost(e.target.value)} required />}
        </Field>
        <Field label="Port">
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={65535}
              value={port}
              onChange={(e) => setPort(e.target.value)}
              required
            />
          )}
        </Field>
        <button type="submit" disabled={action.busy}>
          Add feed
        </button>
      </form>
    </Card>
  );
}

const AUDIT_PAGE = 50;
/** The actions the audit log records (filter choices); others still show under "all". */
const AUDIT_ACTIONS = [
  'alert.triage',
  'screening.decision',
  'list.import',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'watchlist.create',
  'watchlist.add',
  'watchlist.remove',
  'zone.create',
  'zone.remove',
  'feed.create',
  'feed.enable',
  'feed.disable',
  'feed.remove',
];

/** Who did what and when: the audit log, newest first, by action, a page of 50 at a time ("Older"). */
function AuditLog({
  action,
  before,
  setQuery,
}: {
  action: string;
  before: number;
  setQuery: (q: { action?: string; before?: number }) => void;
}) {
  const entries = useApi(
    (signal) =>
      api.audit({ limit: AUDIT_PAGE, before: before || undefined, action: action || undefined }, signal),
    [action, before],
  );
  return (
    <Card title="Audit log">
      <p className="muted small">
        Every change to users, tokens, lists, screening decisions, watchlists, alerts, zones and AIS feeds,
        with who made it. Nothing here can be edited.
      </p>
      <div className="form-row">
        <Field label="Action">
          {(p) => (
            <select {...p} value={action} onChange={(e) => setQuery({ action: e.target.value, before: 0 })}>
              <option value="">all</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Async state={entries}>
        {(rows) => (
          <>
            <DataTable
              caption="Audit log entries, newest first"
              captionHidden
              rows={rows}
              rowKey={(r) => String(r.id)}
              empty="Nothing recorded."
              columns={[
                { header: 'When', cell: (r) => fmtDateTime(r.at), className: 'nowrap' },
                { header: 'Who', cell: (r) => r.actor },
                { header: 'Action', cell: (r) => <code>{r.action}</code> },
                {
                  header: 'On',
                  cell: (r) =>
                    r.target && r.action.startsWith('alert.') ? (
                      <Link to={href('/alerts', { status: 'all', selected: r.target })}>
                        alert {r.target.slice(0, 8)}
                      </Link>
                    ) : (
                      (r.target ?? '—')
                    ),
                },
                {
                  header: 'Details',
                  cell: (r) =>
                    r.details === null || r.details === undefined ? (
                      '—'
                    ) : (
                      <code className="small">{JSON.stringify(r.details).slice(0, 200)}</code>
                    ),
                },
              ]}
            />
            <p className="inline-actions">
              {before > 0 && (
                <button type="button" className="secondary" onClick={() => setQuery({ before: 0 })}>
                  Newest
                </button>
              )}
              {rows.length === AUDIT_PAGE && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setQuery({ before: rows[rows.length - 1].id })}
                >
                  Older
                </button>
              )}
            </p>
          </>
        )}
      </Async>
    </Card>
  );
}

export default function AdminPage() {
  const [state, setState] = useUrlState(DEFAULTS);
  const location = useLocation();
  const tabHref = (id: string) =>
    location.pathname + patchQuery(DEFAULTS, new URLSearchParams(), { tab: id });
  return (
    <>
      <h1>Administration</h1>
      <TabLinks
        label="Administration sections"
        current={state.tab}
        hrefFor={tabHref}
        tabs={[
          { id: 'users', label: 'Users and roles' },
          { id: 'tokens', label: 'API tokens' },
          { id: 'lists', label: 'List updates' },
          { id: 'ais', label: 'AIS sources' },
          { id: 'feeds', label: 'AIS feeds' },
          { id: 'audit', label: 'Audit log' },
        ]}
      />
      {state.tab === 'users' && <Users />}
      {state.tab === 'tokens' && <Tokens user={state.user} setUser={(user) => setState({ user })} />}
      {state.tab === 'lists' && <ListUpdates />}
      {state.tab === 'ais' && <AisSources page={state.page} setPage={(page) => setState({ page })} />}
      {state.tab === 'feeds' && <Feeds />}
      {state.tab === 'audit' && (
        <AuditLog action={state.action} before={state.before} setQuery={(q) => setState({ ...q })} />
      )}
    </>
  );
}
