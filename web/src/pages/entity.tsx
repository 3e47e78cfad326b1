/**
 * An entity's profile: names in every script, identifiers, dates, addresses, sanctions (regime, measures,
 * listing date), where each value comes from and since when, its history across the list's versions, and
 * related entities. Vessels with an MMSI link to their vessel page (/vessels/{mmsi}).
 */
import type { ReactNode } from 'react';
import { api } from '../api.ts';
import type { EntityDetail, FtmEntity, HistoryEvent, Measure } from '../api-types.ts';
import { ChangeList } from '../components/changes.tsx';
import { type Column, DataTable } from '../components/table.tsx';
import { Async, Badge, Card, ErrorBox, Facts, Loading } from '../components/ui.tsx';
import { countryName, datasetLabel, fmtDate, fmtValue, propertyLabel, scriptOf } from '../format.ts';
import { href, Link } from '../router.tsx';
import type { PageProps } from '../routes.ts';
import { useTitle } from '../title.ts';
import { useApi } from '../use-api.ts';

const NAME_PROPS = ['name', 'alias', 'weakAlias', 'previousName'];
const NAME_PART_PROPS = [
  'title',
  'firstName',
  'secondName',
  'middleName',
  'lastName',
  'fatherName',
  'motherName',
];
const IDENTIFIER_PROPS = [
  'imoNumber',
  'mmsi',
  'callSign',
  'passportNumber',
  'idNumber',
  'registrationNumber',
  'taxNumber',
  'innCode',
  'ogrnCode',
  'okpoCode',
  'swiftBic',
  'leiCode',
  'dunsCode',
  'vatCode',
  'email',
  'phone',
  'website',
];
const DATE_PROPS = [
  'birthDate',
  'birthPlace',
  'deathDate',
  'incorporationDate',
  'dissolutionDate',
  'buildDate',
];
const HIDDEN_PROPS = new Set(['topics', 'address', 'program', 'programId', 'unscId']);
/** Regime measures that bind a designation (rather than a trade ban on the country). */
const DESIGNATION_MEASURES = new Set(['asset_freeze', 'travel_ban', 'vessel_measure']);

/** The version since which a value has been stated continuously, from the history's field changes. */
type Since = { versionId: string; publishedDate: string; kind: HistoryEvent['kind'] };

function sinceFinder(history: HistoryEvent[]) {
  const newestFirst = [...history].reverse();
  return (field: string, value: string): Since | undefined => {
    for (const e of newestFirst) {
      if (e.kind === 'amended' && e.changes?.some((c) => c.field === field && c.added.includes(value)))
        return e;
      if (e.kind === 'listed' || e.kind === 'relisted') return e;
    }
    return undefined;
  };
}

function SinceCell({ since, detail }: { since?: Since; detail: EntityDetail }) {
  if (!since) return <span className="muted">—</span>;
  const changed = since.kind === 'amended';
  return (
    <span className="small nowrap" title={`version ${since.versionId} of the ${detail.provenance.list} list`}>
      {changed ? 'added ' : 'since '}
      {fmtDate(since.publishedDate)}
    </span>
  );
}

interface ValueRow {
  key: string;
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  since?: Since;
}

function ValueTable({
  caption,
  rows,
  detail,
  valueHeader = 'Value',
  extraHeader,
}: {
  caption: string;
  rows: ValueRow[];
  detail: EntityDetail;
  valueHeader?: string;
  extraHeader?: string;
}) {
  const columns: Column<ValueRow>[] = [
    { header: 'What', cell: (r) => r.label, className: 'nowrap' },
    { header: valueHeader, cell: (r) => r.value },
  ];
  if (extraHeader) columns.push({ header: extraHeader, cell: (r) => r.detail ?? '' });
  columns.push({ header: 'Stated', cell: (r) => <SinceCell since={r.since} detail={detail} /> });
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={columns}
      rows={rows}
      rowKey={(r) => r.key}
      empty="None stated."
    />
  );
}

function propRows(
  entity: FtmEntity,
  props: string[],
  since: (field: string, value: string) => Since | undefined,
  prefix = '',
): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const p of props)
    for (const v of entity.properties[p] ?? [])
      rows.push({
        key: `${prefix}${p}=${v}`,
        label: propertyLabel(p),
        value: fmtValue(p, v),
        since: since(`${prefix}${p}`, v),
      });
  return rows;
}

const adjPrefix = (a: FtmEntity) => `${a.schema}:${a.id}.`;
const first = (a: FtmEntity, p: string) => a.properties[p]?.[0];

function RegimeMeasures({ code }: { code: string }) {
  const regime = useApi((signal) => api.regime(code, signal), [code]);
  if (regime.loading && !regime.data) return <Loading label="Loading the regime's measures…" />;
  if (regime.error) return null; // not every programme has cited regime data (many OFAC programmes do not)
  const measures = (regime.data?.measures ?? []).filter((m: Measure) => DESIGNATION_MEASURES.has(m.kind));
  if (measures.length === 0) return null;
  return (
    <details>
      <summary>Measures that apply to designations under {regime.data?.name}</summary>
      <ul>
        {measures.map((m) => (
          <li key={m.id}>
            <strong>{m.title}</strong>: {m.description}{' '}
            <span className="muted small">
              ({m.sources.map((s) => `${s.instrument} ¶ ${s.paragraphs.join(', ')}`).join('; ')})
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Sanctions({
  detail,
  since,
}: {
  detail: EntityDetail;
  since: (f: string, v: string) => Since | undefined;
}) {
  // Cited measures exist for some regimes only (UN, a few OFAC/EU/UK programmes): ask for those alone.
  const known = useApi((signal) => api.regimes(signal), []);
  const cited = new Set((known.data ?? []).map((r) => r.code));
  const sanctions = detail.adjuncts.filter((a) => a.schema === 'Sanction');
  const regimeName = new Map(detail.regimes.map((r) => [r.code, r.name]));
  return (
    <Card title="Sanctions">
      {sanctions.length === 0 && <p className="empty">No sanction record is attached to this listing.</p>}
      {sanctions.map((s) => {
        const prefix = adjPrefix(s);
        const listed = first(s, 'listingDate');
        return (
          <div key={s.id} className="sanction" data-testid="sanction">
            <Facts
              items={[
                ['Authority', first(s, 'authority')],
                [
                  'Regime',
                  (s.properties.programId ?? []).map((code) => (
                    <div key={code}>
                      {regimeName.get(code) ?? code} <Badge tone="info">{code}</Badge>
                    </div>
                  )),
                ],
                ['Programme', (s.properties.program ?? []).join(', ')],
                ['Listed on', listed ? <>{fmtDate(listed)}</> : undefined],
                ['Measures (as listed)', (s.properties.provisions ?? []).join('; ')],
                ['Start', first(s, 'startDate')],
                ['End', first(s, 'endDate')],
                ['Reason', (s.properties.reason ?? []).join(' ')],
                ['Reference', [first(s, 'unscId'), first(s, 'authorityId')].filter(Boolean).join(' · ')],
                [
                  'Source',
                  first(s, 'sourceUrl') ? (
                    <a key="source" href={first(s, 'sourceUrl')} rel="noreferrer noopener" target="_blank">
                      the authority's page
                    </a>
                  ) : undefined,
                ],
                [
                  'Stated',
                  listed ? (
                    <SinceCell key="since" since={since(`${prefix}listingDate`, listed)} detail={detail} />
                  ) : undefined,
                ],
              ]}
            />
            {(s.properties.programId ?? [])
              .filter((code) => cited.has(code))
              .map((code) => (
                <RegimeMeasures key={code} code={code} />
              ))}
          </div>
        );
      })}
    </Card>
  );
}

function History({ detail }: { detail: EntityDetail }) {
  const label: Record<string, string> = {
    listed: 'Listed',
    amended: 'Amended',
    delisted: 'Delisted',
    relisted: 'Listed again',
  };
  const tone = { listed: 'bad', amended: 'warn', delisted: 'good', relisted: 'bad' } as const;
  return (
    <Card title="History across versions">
      <p className="muted small">
        Every version of the {datasetLabel(detail.provenance.list)} list imported here, from{' '}
        {fmtDate(detail.provenance.firstSeen.publishedDate)} on, that changed this listing.
      </p>
      <ol className="timeline">
        {[...detail.history].reverse().map((e) => (
          <li key={`${e.versionId}-${e.kind}`}>
            <Badge tone={tone[e.kind]}>{label[e.kind] ?? e.kind}</Badge>{' '}
            <strong>{fmtDate(e.publishedDate)}</strong>{' '}
            <span className="muted small mono">{e.versionId}</span>
            {e.changes && <ChangeList changes={e.changes} />}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Profile({ detail }: { detail: EntityDetail }) {
  useTitle(detail.caption);
  const since = sinceFinder(detail.history);
  const e = detail.entity;
  const mmsi = e.properties.mmsi?.[0];

  const names = propRows(e, NAME_PROPS, since).map((r) => ({ ...r, detail: scriptOf(String(r.value)) }));
  const nameParts = NAME_PART_PROPS.filter((p) => e.properties[p]?.length).map(
    (p) => [propertyLabel(p), e.properties[p].join(' · ')] as [string, string],
  );

  const identifiers = propRows(e, IDENTIFIER_PROPS, since);
  for (const a of detail.adjuncts.filter((x) => x.schema === 'Passport' || x.schema === 'Identification')) {
    const number = first(a, 'number');
    if (!number) continue;
    identifiers.push({
      key: a.id,
      label: first(a, 'type') ?? a.schema,
      value: <span className="mono">{number}</span>,
      detail: [
        first(a, 'country') && countryName(first(a, 'country')!),
        first(a, 'issueDate') && `issued ${first(a, 'issueDate')}`,
        first(a, 'expiryDate') && `expires ${first(a, 'expiryDate')}`,
        first(a, 'summary'),
      ]
        .filter(Boolean)
        .join(', '),
      since: since(`${adjPrefix(a)}number`, number),
    });
  }
  // A passport also stated as a plain property would show twice: keep the richer adjunct row.
  const adjunctNumbers = new Set(detail.adjuncts.map((a) => first(a, 'number')).filter(Boolean));
  const identifierRows = identifiers.filter(
    (r) =>
      !(r.key.startsWith('passportNumber=') || r.key.startsWith('idNumber=')) ||
      !adjunctNumbers.has(r.key.split('=')[1]),
  );

  const dates = propRows(e, DATE_PROPS, since);
  const addresses: ValueRow[] = propRows(e, ['address'], since);
  for (const a of detail.adjuncts.filter((x) => x.schema === 'Address')) {
    const full =
      first(a, 'full') ??
      ['street', 'city', 'region', 'postalCode']
        .map((p) => first(a, p))
        .filter(Boolean)
        .join(', ');
    const country = first(a, 'country');
    addresses.push({
      key: a.id,
      label: 'Address',
      value: [full, country && countryName(country)].filter(Boolean).join(' — ') || '(country only)',
      detail: first(a, 'remarks') ?? first(a, 'summary'),
      since: since(
        `${adjPrefix(a)}${first(a, 'full') ? 'full' : 'country'}`,
        first(a, 'full') ?? country ?? '',
      ),
    });
  }
  const shown = new Set([
    ...NAME_PROPS,
    ...NAME_PART_PROPS,
    ...IDENTIFIER_PROPS,
    ...DATE_PROPS,
    ...HIDDEN_PROPS,
  ]);
  const other = propRows(
    e,
    Object.keys(e.properties).filter((p) => !shown.has(p)),
    since,
  );
  const covered = new Set(['Sanction', 'Passport', 'Identification', 'Address']);
  const otherAdjuncts = detail.adjuncts.filter((a) => !covered.has(a.schema));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{detail.caption}</h1>
          <span className="badges">
            <Badge>{detail.schema}</Badge>
            <Badge tone={detail.status === 'listed' ? 'bad' : 'good'}>
              {detail.status === 'listed' ? 'currently listed' : 'delisted'}
            </Badge>
            <Badge tone="info">{datasetLabel(detail.provenance.list)}</Badge>
            <Badge>{detail.sourceRef}</Badge>
          </span>
        </div>
        <div className="card-actions">
          {mmsi && (
            <Link to={`/vessels/${encodeURIComponent(mmsi)}`} data-testid="vessel-link">
              Vessel page (MMSI {mmsi}): track, events, risk
            </Link>
          )}
          <Link
            to={href('/screening', {
              name: detail.caption,
              schema: ['Person', 'Organization', 'Company', 'Vessel', 'Airplane'].includes(detail.schema)
                ? detail.schema
                : '',
            })}
          >
            Screen this name
          </Link>
        </div>
      </div>

      <Card title="Names">
        <ValueTable
          caption="Names and aliases"
          rows={names}
          detail={detail}
          valueHeader="Name"
          extraHeader="Script"
        />
        {nameParts.length > 0 && (
          <>
            <h3>Name parts</h3>
            <Facts items={nameParts} />
          </>
        )}
      </Card>
      <div className="grid">
        <Card title="Identifiers">
          <ValueTable caption="Identifiers" rows={identifierRows} detail={detail} extraHeader="Details" />
        </Card>
        <Card title="Dates and places">
          <ValueTable caption="Dates" rows={dates} detail={detail} />
        </Card>
      </div>
      <Card title="Addresses">
        <ValueTable caption="Addresses" rows={addresses} detail={detail} extraHeader="Remarks" />
      </Card>
      <Sanctions detail={detail} since={since} />
      {other.length > 0 && (
        <Card title="Other details">
          <ValueTable caption="Other properties" rows={other} detail={detail} />
        </Card>
      )}
      <Card title="Provenance">
        <Facts
          items={[
            ['List', datasetLabel(detail.provenance.list)],
            ['Reference on the list', detail.provenance.sourceRef],
            [
              'Current content from',
              `${detail.provenance.fileName} (published ${fmtDate(detail.provenance.publishedDate)})`,
            ],
            [
              'Version',
              <span key="v" className="mono small">
                {detail.provenance.versionId}
              </span>,
            ],
            ['First seen', fmtDate(detail.provenance.firstSeen.publishedDate)],
            ['Last seen', fmtDate(detail.provenance.lastSeen.publishedDate)],
          ]}
        />
        <p className="muted small">
          Every value above comes from this listing on the {datasetLabel(detail.provenance.list)} list.
          “Stated” gives the version since which the list has stated it (“since”: from the first version
          imported here; “added”: by an amendment).
        </p>
      </Card>
      <History detail={detail} />
      <Card title="Related entities">
        <DataTable
          caption="Related entities"
          captionHidden
          columns={[
            { header: 'Relation', cell: (r) => r.relation },
            {
              header: 'Name',
              cell: (r) => <Link to={`/entities/${encodeURIComponent(r.id)}`}>{r.caption}</Link>,
            },
            { header: 'Type', cell: (r) => r.schema },
            { header: 'List', cell: (r) => r.source.toUpperCase() },
          ]}
          rows={detail.related}
          rowKey={(r) => `${r.relation}-${r.id}`}
          empty="No related entity on the lists."
        />
        {otherAdjuncts.length > 0 && (
          <details>
            <summary>Other records of this listing ({otherAdjuncts.length})</summary>
            {otherAdjuncts.map((a) => (
              <div key={a.id}>
                <h3>
                  {a.schema} <span className="muted small mono">{a.id}</span>
                </h3>
                <Facts
                  items={Object.entries(a.properties).map(([p, vs]) => [
                    propertyLabel(p),
                    vs.map((v) => fmtValue(p, v)).join(', '),
                  ])}
                />
              </div>
            ))}
          </details>
        )}
      </Card>
    </>
  );
}

export default function EntityPage({ params }: PageProps) {
  const detail = useApi((signal) => api.entity(params.id, signal), [params.id]);
  if (detail.error) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  return (
    <Async state={detail} loadingLabel="Loading the entity…">
      {(d) => <Profile detail={d} />}
    </Async>
  );
}
