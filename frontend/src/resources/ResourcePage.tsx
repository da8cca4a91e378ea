import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useTitle } from '../app/title';
import { lazyPage } from '../app/lazyPage';
import { SeverityLabel, StatusBadge } from '../components/badges';
import { categoryLabel } from '../components/labels';
import { DetailPage, Fields, Section } from '../components/layout';
import { Empty, ErrorState, Loading, isNotFound } from '../components/states';
import { DEFAULT_FILTERS, filtersToSearch, type Filters } from '../feed/filters';
import { graphql } from '../gql';
import { inKillChainOrder, tacticLabel } from '../killchain/tactics';
import { Link, navigate } from '../router/router';
import { Time } from '../time/Time';
import { bucketRange, timelineWindow, viewerOffset } from '../overview/timeline';

const TimelineChart = lazyPage(() => import('../overview/TimelineChart'), 'Loading the chart…');
const SHOWN = 100;

const ResourcePageQuery = graphql(`
  query ResourcePage($id: ID!, $first: Int!) {
    node(id: $id) {
      __typename
      id
      ... on Resource {
        name
        type
        category
        resourceId
        subscriptionId
        createdAt
        oldest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: ASC }]) {
          edges {
            node {
              id
              startTime
            }
          }
        }
        alerts(first: $first, orderBy: [{ field: START_TIME, direction: DESC }]) {
          totalCount
          edges {
            node {
              id
              displayName
              severity
              status
              tactics
              startTime
            }
          }
        }
        incidents(first: $first, orderBy: [{ field: LAST_ACTIVITY_TIME, direction: DESC }]) {
          totalCount
          edges {
            node {
              id
              title
              severity
              status
              firstActivityTime
              lastActivityTime
              alertCount
            }
          }
        }
      }
    }
  }
`);

const ResourceTimelineQuery = graphql(`
  query ResourceTimeline($from: Time!, $to: Time!, $bucket: TimelineBucket!, $offsetMinutes: Int!, $where: AlertWhereInput) {
    alertTimeline(from: $from, to: $to, bucket: $bucket, offsetMinutes: $offsetMinutes, where: $where) {
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
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  caption: { color: tokens.colorNeutralForeground3 },
  chart: { minHeight: '220px' },
});

const list = (f: Partial<Filters>) => `/alerts${filtersToSearch({ ...DEFAULT_FILTERS, ...f })}`;

/** ResourcePage is one resource: its alerts over time, its incidents and its alerts. */
export default function ResourcePage({ id, dark }: { id: string; dark: boolean }) {
  const styles = useStyles();
  const [result, reexecute] = useQuery({ query: ResourcePageQuery, variables: { id, first: SHOWN }, requestPolicy: 'cache-and-network' });
  const node = result.data?.node;
  const resource = node && node.__typename === 'Resource' ? node : null;
  useTitle(resource ? resource.name : 'Resource');

  const offset = viewerOffset();
  const alerts = useMemo(() => (resource?.alerts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])), [resource?.alerts.edges]);
  const incidents = (resource?.incidents.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  const oldest = resource?.oldest.edges?.[0]?.node?.startTime;
  const newest = alerts[0]?.startTime;
  const span = useMemo(
    () => timelineWindow('all', Date.now(), offset, oldest && newest ? { min: Date.parse(oldest), max: Date.parse(newest) } : null),
    [oldest, newest, offset],
  );
  const [timeline] = useQuery({
    query: ResourceTimelineQuery,
    variables: { from: span.from, to: span.to, bucket: span.bucket, offsetMinutes: offset, where: { hasResourceWith: [{ id }] } },
    pause: !resource || !oldest,
  });

  if (!result.data && result.error && !isNotFound(result.error)) {
    return (
      <DetailPage kicker="Resource" title="Resource">
        <ErrorState error={result.error} title="Could not load the resource" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </DetailPage>
    );
  }
  if (!result.data && !result.error) {
    return (
      <DetailPage kicker="Resource" title="Resource">
        <Loading label="Loading the resource…" />
      </DetailPage>
    );
  }
  if (!resource) {
    return (
      <DetailPage kicker="Resource" title="Resource">
        <Empty title="No such resource">
          There is no resource with the id {id}. <Link to="/resources">All resources</Link>
        </Empty>
      </DetailPage>
    );
  }

  const buckets = timeline.data?.alertTimeline;
  return (
    <DetailPage kicker={`Resource · ${categoryLabel(resource.category)}`} title={resource.name}>
      <Section title="General information" id="general">
        <Fields
          items={[
            ['Type', resource.type],
            ['Category', categoryLabel(resource.category)],
            ['Resource id', <span className={styles.mono}>{resource.resourceId}</span>],
            ['Subscription', resource.subscriptionId],
            ['Alerts', <Link to={list({ show: 'alerts', resource: resource.id })}>{resource.alerts.totalCount}</Link>],
            ['Incidents', <Link to={list({ show: 'incidents', resource: resource.id })}>{resource.incidents.totalCount}</Link>],
            ['First seen', <Time value={resource.createdAt} relative />],
          ]}
        />
      </Section>
      <Section title="Alerts over time" id="timeline">
        <div className={styles.chart}>
          {!oldest ? (
            <p className={styles.caption}>No alerts.</p>
          ) : timeline.error ? (
            <ErrorState error={timeline.error} title="Could not load the chart" />
          ) : !buckets ? (
            <Loading label="Loading the chart…" />
          ) : (
            <TimelineChart
              buckets={buckets}
              stepMs={span.stepMs}
              offsetMinutes={offset}
              dark={dark}
              label={`Alerts on ${resource.name} per ${span.bucket === 'DAY' ? 'day' : 'hour'}, by severity`}
              onPick={(b) => navigate(list({ show: 'alerts', resource: resource.id, range: 'custom', ...bucketRange(b.start, span.stepMs) }))}
            />
          )}
        </div>
      </Section>
      <Section title={`Incidents (${resource.incidents.totalCount})`} id="incidents">
        {incidents.length ? (
          <Table size="small" aria-label={`Incidents on ${resource.name}`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Last activity</TableHeaderCell>
                <TableHeaderCell>Incident</TableHeaderCell>
                <TableHeaderCell>Severity</TableHeaderCell>
                <TableHeaderCell>First activity</TableHeaderCell>
                <TableHeaderCell>Alerts</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {incidents.map((i) => (
                <TableRow key={i.id}>
                  <TableCell className={styles.nowrap}>
                    <Time value={i.lastActivityTime} />
                  </TableCell>
                  <TableCell>
                    <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                  </TableCell>
                  <TableCell>
                    <SeverityLabel severity={i.severity} />
                  </TableCell>
                  <TableCell className={styles.nowrap}>
                    <Time value={i.firstActivityTime} />
                  </TableCell>
                  <TableCell>{i.alertCount}</TableCell>
                  <TableCell>
                    <StatusBadge status={i.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p>No incidents on this resource.</p>
        )}
      </Section>
      <Section title={`Alerts (${resource.alerts.totalCount})`} id="alerts">
        {alerts.length ? (
          <Table size="small" aria-label={`Alerts on ${resource.name}, newest first`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Start time</TableHeaderCell>
                <TableHeaderCell>Alert</TableHeaderCell>
                <TableHeaderCell>Severity</TableHeaderCell>
                <TableHeaderCell>Tactics</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {alerts.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className={styles.nowrap}>
                    <Time value={a.startTime} />
                  </TableCell>
                  <TableCell>
                    <Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.displayName}</Link>
                  </TableCell>
                  <TableCell>
                    <SeverityLabel severity={a.severity} />
                  </TableCell>
                  <TableCell>{inKillChainOrder(a.tactics).map(tacticLabel).join(', ') || '—'}</TableCell>
                  <TableCell>
                    <StatusBadge status={a.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p>No alerts on this resource.</p>
        )}
        {resource.alerts.totalCount > alerts.length && (
          <p>
            Showing the newest {alerts.length} of {resource.alerts.totalCount}.{' '}
            <Link to={list({ show: 'alerts', resource: resource.id })}>All of them in the list</Link>
          </p>
        )}
      </Section>
    </DetailPage>
  );
}
