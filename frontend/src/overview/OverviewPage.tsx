import { Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { useTitle } from '../app/title';
import { lazyPage } from '../app/lazyPage';
import { SeverityLabel } from '../components/badges';
import { CATEGORIES, categoryLabel } from '../components/labels';
import { SingleSelect } from '../components/SingleSelect';
import { ErrorState, Loading } from '../components/states';
import { DEFAULT_FILTERS, filtersToSearch, type Filters } from '../feed/filters';
import { graphql } from '../gql';
import type { ResourceCategory, Severity } from '../gql/graphql';
import { Link, navigate, useLocation } from '../router/router';
import { formatOffset, parseInstant } from '../time/format';
import { bucketLabel, bucketRange, CHART_RANGES, denseSpan, timelineChunks, timelineWindow, viewerOffset, type Bucket, type ChartRange } from './timeline';
import { SERIES } from './TimelineChart';

const TimelineChart = lazyPage(() => import('./TimelineChart'), 'Loading the chart…');

const OPEN = ['ACTIVE', 'IN_PROGRESS'] as const;

const OverviewQuery = graphql(`
  query Overview {
    incidentsOpen: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS] }) {
      totalCount
    }
    incidentsHigh: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: HIGH }) {
      totalCount
    }
    incidentsMedium: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: MEDIUM }) {
      totalCount
    }
    incidentsLow: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severityIn: [LOW, INFORMATIONAL] }) {
      totalCount
    }
    alertsOpen: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS] }) {
      totalCount
    }
    alertsHigh: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: HIGH }) {
      totalCount
    }
    alertsMedium: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: MEDIUM }) {
      totalCount
    }
    alertsLow: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: LOW }) {
      totalCount
    }
    alertsInformational: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: INFORMATIONAL }) {
      totalCount
    }
    servers: alerts(where: { category: SERVERS }) {
      totalCount
    }
    nativeCompute: alerts(where: { category: NATIVE_COMPUTE }) {
      totalCount
    }
    dataServices: alerts(where: { category: DATA_SERVICES }) {
      totalCount
    }
    serviceLayer: alerts(where: { category: SERVICE_LAYER }) {
      totalCount
    }
    partner: alerts(where: { category: PARTNER }) {
      totalCount
    }
    other: alerts(where: { category: OTHER }) {
      totalCount
    }
    oldest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: ASC }]) {
      edges {
        node {
          id
          startTime
        }
      }
    }
    newest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: DESC }]) {
      edges {
        node {
          id
          startTime
        }
      }
    }
    topResources: resources(first: 6, orderBy: [{ field: ALERTS_COUNT, direction: DESC }]) {
      edges {
        node {
          id
          name
          type
          category
          # first: 0: counts only (the server's complexity limit prices a connection by its page size)
          alerts(first: 0) {
            totalCount
          }
          incidents(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`);

const TimelineQuery = graphql(`
  query OverviewTimeline(
    $from: Time!
    $to: Time!
    $from2: Time!
    $to2: Time!
    $from3: Time!
    $to3: Time!
    $with2: Boolean!
    $with3: Boolean!
    $bucket: TimelineBucket!
    $offsetMinutes: Int!
  ) {
    alertTimeline(from: $from, to: $to, bucket: $bucket, offsetMinutes: $offsetMinutes) {
      start
      count
      informational
      low
      medium
      high
    }
    earlier: alertTimeline(from: $from2, to: $to2, bucket: $bucket, offsetMinutes: $offsetMinutes) @include(if: $with2) {
      start
      count
      informational
      low
      medium
      high
    }
    earliest: alertTimeline(from: $from3, to: $to3, bucket: $bucket, offsetMinutes: $offsetMinutes) @include(if: $with3) {
      start
      count
      informational
      low
      medium
      high
    }
  }
`);

const useStyles = makeStyles({
  page: { padding: '16px 24px 48px', boxSizing: 'border-box', overflow: 'auto', height: '100%' },
  head: { display: 'flex', alignItems: 'baseline', gap: '16px', marginBottom: '16px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: '16px' },
  wide: { gridColumn: '1 / -1' },
  tile: {
    padding: '12px 16px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: '180px',
    boxSizing: 'border-box',
  },
  tileHead: { display: 'flex', alignItems: 'center', gap: '12px', marginBottom: '8px', minHeight: '32px' },
  tileTitle: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, flex: 1 },
  big: { fontSize: '32px', fontWeight: tokens.fontWeightSemibold, lineHeight: '40px', display: 'inline-block' },
  caption: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  rows: { listStyle: 'none', margin: '8px 0 0', padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  row: { display: 'flex', alignItems: 'center', gap: '8px', minHeight: '24px' },
  rowName: { flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  num: { fontVariantNumeric: 'tabular-nums', minWidth: '48px', textAlign: 'right' },
  bar: { height: '6px', borderRadius: '3px', backgroundColor: tokens.colorBrandBackground, minWidth: '2px' },
  barCell: { width: '120px', flexShrink: 0 },
  legend: { display: 'flex', gap: '16px', flexWrap: 'wrap', marginTop: '8px', fontSize: tokens.fontSizeBase200 },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: '6px', borderRadius: '2px' },
  chartBox: { minHeight: '220px' },
});

/** listLink is the list's URL for these filters. */
export function listLink(f: Partial<Filters>): string {
  return `/alerts${filtersToSearch({ ...DEFAULT_FILTERS, ...f })}`;
}

const CATEGORY_FIELD: Record<ResourceCategory, 'servers' | 'nativeCompute' | 'dataServices' | 'serviceLayer' | 'partner' | 'other'> = {
  SERVERS: 'servers',
  NATIVE_COMPUTE: 'nativeCompute',
  DATA_SERVICES: 'dataServices',
  SERVICE_LAYER: 'serviceLayer',
  PARTNER: 'partner',
  OTHER: 'other',
};

const rangeLabels: Record<ChartRange, string> = { '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'All (the days with alerts)' };

function Tile({ title, id, actions, children, className }: { title: string; id: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  const styles = useStyles();
  return (
    <section className={mergeClasses(styles.tile, className)} aria-labelledby={`${id}-title`} data-tile={id}>
      <div className={styles.tileHead}>
        <h2 className={styles.tileTitle} id={`${id}-title`}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

function Count({ to, value, label }: { to: string; value: number; label: string }) {
  const styles = useStyles();
  return (
    <Link to={to} className={styles.num} aria-label={`${value} ${label}`} data-count={label}>
      {value}
    </Link>
  );
}

/** OverviewPage is the landing page: what is open, what is attacked, and alerts over time. Every figure opens the list filtered to it. */
export default function OverviewPage({ dark }: { dark: boolean }) {
  const styles = useStyles();
  useTitle('Overview');
  const location = useLocation();
  const rangeParam = new URLSearchParams(location.search).get('range');
  const range: ChartRange = (CHART_RANGES as readonly string[]).includes(rangeParam ?? '') ? (rangeParam as ChartRange) : 'all';
  const [result, reexecute] = useQuery({ query: OverviewQuery, requestPolicy: 'cache-and-network' });
  const d = result.data;

  const offset = viewerOffset();
  const extent = useMemo(() => {
    const min = d?.oldest.edges?.[0]?.node?.startTime;
    const max = d?.newest.edges?.[0]?.node?.startTime;
    const a = min ? parseInstant(min) : null;
    const b = max ? parseInstant(max) : null;
    return a && b ? { min: a.getTime(), max: b.getTime() } : null;
  }, [d?.oldest, d?.newest]);
  // The clock is read once per range choice (in minutes): the variables stay stable.
  const nowMin = Math.floor(Date.now() / 60_000);
  const span = useMemo(() => timelineWindow(range, nowMin * 60_000, offset, extent), [range, nowMin, offset, extent]);
  const chunks = useMemo(() => timelineChunks(range === 'all' ? timelineWindow(range, nowMin * 60_000, offset, extent, 3) : span), [range, nowMin, offset, extent, span]);
  const [timeline] = useQuery({
    query: TimelineQuery,
    variables: {
      from: chunks[0]!.from,
      to: chunks[0]!.to,
      from2: chunks[1]?.from ?? chunks[0]!.from,
      to2: chunks[1]?.to ?? chunks[0]!.to,
      from3: chunks[2]?.from ?? chunks[0]!.from,
      to3: chunks[2]?.to ?? chunks[0]!.to,
      with2: chunks.length > 1,
      with3: chunks.length > 2,
      bucket: span.bucket,
      offsetMinutes: offset,
    },
    pause: !d,
  });
  const td = timeline.data;
  const all = useMemo<Bucket[] | null>(
    () => (td ? [...(td.earliest ?? []), ...(td.earlier ?? []), ...td.alertTimeline] : null),
    [td],
  );
  // "All": the days that hold most of the alerts (outliers years away would flatten the chart).
  const buckets = useMemo(() => {
    if (!all || range !== 'all') return all;
    const dense = denseSpan(all.map((b) => b.count));
    return dense ? all.slice(dense[0], dense[1] + 1) : all;
  }, [all, range]);
  const total = buckets?.reduce((n, b) => n + b.count, 0) ?? null;
  const allTotal = all?.reduce((n, b) => n + b.count, 0) ?? 0;
  const shownFrom = buckets?.length ? buckets[0]!.start : span.from;
  const shownTo = buckets?.length ? new Date(Date.parse(buckets[buckets.length - 1]!.start) + span.stepMs).toISOString() : span.to;
  const windowEnd = new Date(Date.parse(shownTo) - 1).toISOString();

  if (!d && result.error) {
    return (
      <div className={styles.page}>
        <ErrorState error={result.error} title="Could not load the overview" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </div>
    );
  }

  const incidentRows: [string, Severity[], number | undefined][] = [
    ['High', ['HIGH'], d?.incidentsHigh.totalCount],
    ['Medium', ['MEDIUM'], d?.incidentsMedium.totalCount],
    ['Low and informational', ['LOW', 'INFORMATIONAL'], d?.incidentsLow.totalCount],
  ];
  const alertRows: [Severity, number | undefined][] = [
    ['HIGH', d?.alertsHigh.totalCount],
    ['MEDIUM', d?.alertsMedium.totalCount],
    ['LOW', d?.alertsLow.totalCount],
    ['INFORMATIONAL', d?.alertsInformational.totalCount],
  ];
  const categories = CATEGORIES.map((c) => [c, d ? d[CATEGORY_FIELD[c]].totalCount : 0] as const).filter(([c, n]) => c !== 'OTHER' || n > 0);
  const maxCategory = Math.max(1, ...categories.map(([, n]) => n));
  const top = (d?.topResources.edges ?? []).flatMap((e) => (e?.node && e.node.alerts.totalCount > 0 ? [e.node] : []));
  const maxTop = Math.max(1, ...top.map((r) => r.alerts.totalCount));

  return (
    <div className={styles.page}>
      <section aria-labelledby="overview-title">
        <div className={styles.head}>
          <Title2 as="h1" id="overview-title">
            Overview
          </Title2>
          <span className={styles.caption}>Open means active or in progress. Times in {formatOffset(offset)}.</span>
        </div>
        {!d ? (
          <Loading label="Loading the overview…" />
        ) : (
          <div className={styles.grid}>
            <Tile title="Active incidents" id="incidents">
              <Link to={listLink({ show: 'incidents', status: [...OPEN] })} className={styles.big} data-count="open incidents">
                {d.incidentsOpen.totalCount}
              </Link>
              <div className={styles.caption}>incidents active or in progress</div>
              <ul className={styles.rows}>
                {incidentRows.map(([label, sev, n]) => (
                  <li key={label} className={styles.row}>
                    <span className={styles.rowName}>
                      <SeverityLabel severity={sev[0]!} />
                      {sev.length > 1 && ' and informational'}
                    </span>
                    <Count to={listLink({ show: 'incidents', status: [...OPEN], severity: sev })} value={n ?? 0} label={`open ${label.toLowerCase()} incidents`} />
                  </li>
                ))}
              </ul>
            </Tile>
            <Tile title="Security alerts" id="alerts">
              <Link to={listLink({ show: 'alerts', status: [...OPEN] })} className={styles.big} data-count="open alerts">
                {d.alertsOpen.totalCount}
              </Link>
              <div className={styles.caption}>alerts active or in progress, by severity</div>
              <ul className={styles.rows}>
                {alertRows.map(([sev, n]) => (
                  <li key={sev} className={styles.row}>
                    <span className={styles.rowName}>
                      <SeverityLabel severity={sev} />
                    </span>
                    <Count to={listLink({ show: 'alerts', status: [...OPEN], severity: [sev] })} value={n ?? 0} label={`open ${sev.toLowerCase()} alerts`} />
                  </li>
                ))}
              </ul>
            </Tile>
            <Tile title="Alerts by resource category" id="categories">
              <ul className={styles.rows}>
                {categories.map(([c, n]) => (
                  <li key={c} className={styles.row}>
                    <span className={styles.rowName}>{categoryLabel(c)}</span>
                    <span className={styles.barCell} aria-hidden>
                      <div className={styles.bar} style={{ width: `${(100 * n) / maxCategory}%` }} />
                    </span>
                    <Count to={listLink({ show: 'alerts', category: [c] })} value={n} label={`alerts on ${categoryLabel(c)}`} />
                  </li>
                ))}
              </ul>
            </Tile>
            <Tile title="Most attacked resources" id="resources" actions={<Link to="/resources">All resources</Link>}>
              {top.length ? (
                <ul className={styles.rows}>
                  {top.map((r) => (
                    <li key={r.id} className={styles.row} data-resource={r.name}>
                      <span className={styles.rowName} title={`${r.type} · ${categoryLabel(r.category)}`}>
                        <Link to={`/resources/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                      </span>
                      <span className={styles.barCell} aria-hidden>
                        <div className={styles.bar} style={{ width: `${(100 * r.alerts.totalCount) / maxTop}%` }} />
                      </span>
                      <Count to={listLink({ resource: r.id })} value={r.alerts.totalCount} label={`alerts on ${r.name}`} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.caption}>No resource has alerts yet.</p>
              )}
            </Tile>
            <Tile
              title="Alerts over time"
              id="timeline"
              className={styles.wide}
              actions={
                <>
                  {total !== null && (
                    <Link to={listLink({ show: 'alerts', range: 'custom', from: shownFrom, to: windowEnd })} data-count="alerts in the chart">
                      {total} alerts
                    </Link>
                  )}
                  <SingleSelect
                    label="Chart range"
                    options={CHART_RANGES}
                    value={range}
                    optionLabel={(v) => rangeLabels[v]}
                    onChange={(v) => navigate(v === 'all' ? '/' : `/?range=${v}`, { replace: true })}
                  />
                </>
              }
            >
              <div className={styles.chartBox}>
                {timeline.error ? (
                  <ErrorState error={timeline.error} title="Could not load the chart" />
                ) : !buckets ? (
                  <Loading label="Loading the chart…" />
                ) : (
                  <TimelineChart
                    buckets={buckets}
                    stepMs={span.stepMs}
                    offsetMinutes={offset}
                    dark={dark}
                    label={`Alerts per ${span.bucket === 'DAY' ? 'day' : 'hour'} by severity, ${rangeLabels[range].toLowerCase()}: ${total} alerts`}
                    onPick={(b) => navigate(listLink({ show: 'alerts', range: 'custom', ...bucketRange(b.start, span.stepMs) }))}
                  />
                )}
              </div>
              {buckets && buckets.length > 0 && (
                <div className={styles.caption} data-testid="chart-span">
                  {bucketLabel(buckets[0]!.start, span.stepMs, offset)} – {bucketLabel(buckets[buckets.length - 1]!.start, span.stepMs, offset)} (
                  {formatOffset(offset)})
                  {range === 'all' && allTotal > (total ?? 0) && ` · the days that hold most alerts; ${allTotal - (total ?? 0)} more lie outside`}
                </div>
              )}
              <div className={styles.legend}>
                {SERIES.map((s) => (
                  <Link
                    key={s.key}
                    to={listLink({ show: 'alerts', severity: [s.key.toUpperCase() as Severity], range: 'custom', from: shownFrom, to: windowEnd })}
                  >
                    <span className={styles.swatch} style={{ backgroundColor: s.color }} aria-hidden />
                    {s.label}: {buckets ? buckets.reduce((n, b) => n + b[s.key], 0) : '…'}
                  </Link>
                ))}
              </div>
            </Tile>
          </div>
        )}
      </section>
    </div>
  );
}
