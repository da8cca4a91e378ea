import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useLiveEvents } from '../app/live';
import { Pill, SeverityLabel, StatusBadge } from '../components/badges';
import { Banner } from '../components/Banner';
import { DetailPage, Fields, Section } from '../components/layout';
import { Empty, ErrorState, Loading, errorText, isNotFound } from '../components/states';
import { StatusMenu, useSetStatus } from '../components/status';
import { getFragmentData, graphql } from '../gql';
import { KillChain } from '../killchain/KillChain';
import { inKillChainOrder, tacticLabel } from '../killchain/tactics';
import { Link } from '../router/router';
import { Time } from '../time/Time';
import { useTitle } from '../app/title';

const IncidentDetail = graphql(`
  fragment IncidentDetail on Incident {
    id
    title
    description
    severity
    status
    isActive
    firstActivityTime
    lastActivityTime
    tactics
    sourceIPs
    remediationSteps
    alertCount
    createdAt
    updatedAt
    mergedInto {
      id
      title
    }
    resource {
      id
      name
      type
      resourceId
      subscriptionId
    }
    alerts(first: 500, orderBy: [{ field: START_TIME, direction: ASC }]) {
      totalCount
      edges {
        node {
          id
          displayName
          severity
          status
          tactics
          startTime
          endTime
          remediationSteps
        }
      }
    }
  }
`);

const IncidentPageQuery = graphql(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`);

const useStyles = makeStyles({
  banner: { marginBottom: '12px' },
  story: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: tokens.lineHeightBase400 },
  steps: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  ips: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
});

/** IncidentPage is "Security incident detected": the incident, its kill chain and its alerts. */
export default function IncidentPage({ id }: { id: string }) {
  const styles = useStyles();
  const [result, reexecute] = useQuery({ query: IncidentPageQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const { updated } = useLiveEvents();
  const [seenSeq, setSeenSeq] = useState(updated?.seq ?? 0);
  const status = useSetStatus();
  const [error, setError] = useState<string | null>(null);

  // incidentUpdated already refreshed the incident's own fields in the
  // cache; its alert list is read again when this incident changed.
  useEffect(() => {
    if (updated && updated.seq !== seenSeq) {
      setSeenSeq(updated.seq);
      if (updated.id === id) reexecute({ requestPolicy: 'network-only' });
    }
  }, [updated, seenSeq, id, reexecute]);

  const node = result.data?.node;
  const incident = node && node.__typename === 'Incident' ? getFragmentData(IncidentDetail, node) : null;
  useTitle(incident ? `${incident.title}` : 'Security incident');

  if (!result.data && result.error && !isNotFound(result.error)) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <ErrorState error={result.error} title="Could not load the incident" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </DetailPage>
    );
  }
  if (!result.data && !result.error) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <Loading label="Loading the incident…" />
      </DetailPage>
    );
  }
  if (!incident) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <Empty title="No such incident">
          There is no incident with the id {id}. <Link to="/alerts">Back to the security alerts</Link>
        </Empty>
      </DetailPage>
    );
  }

  const alerts = (incident.alerts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
  // The incident's own steps, else those of its alerts; each step once.
  const remediation = [...new Set(incident.remediationSteps.length ? incident.remediationSteps : alerts.flatMap((a) => a.remediationSteps))];

  return (
    <DetailPage
      kicker={incident.title}
      title="Security incident detected"
      actions={
        <StatusMenu
          kind="incident"
          current={incident.status}
          busy={status.busy}
          onSelect={async (s, closeAlerts) => {
            const r = await status.run([{ kind: 'incident', id: incident.id }], s, closeAlerts);
            setError(r.failed[0]?.message ?? null);
          }}
        />
      }
    >
      {error && (
        <Banner intent="error" role="alert" className={styles.banner}>
          Could not change the status: {error}
        </Banner>
      )}
      {result.error && (
        <Banner intent="warning" className={styles.banner}>
          Showing saved data: {errorText(result.error)}
        </Banner>
      )}
      {incident.mergedInto && (
        <Banner intent="info" className={styles.banner}>
          This incident was merged into <Link to={`/incidents/${encodeURIComponent(incident.mergedInto.id)}`}>{incident.mergedInto.title}</Link>.
        </Banner>
      )}
      <Section title="General information" id="general">
        <Fields
          items={[
            ['Target resource', <span data-field="resource-name">{incident.resource.name}</span>],
            ['Resource type', incident.resource.type],
            ['Resource id', <span className={styles.mono}>{incident.resource.resourceId}</span>],
            ['Subscription', incident.resource.subscriptionId],
            [
              'Source IPs',
              incident.sourceIPs.length ? (
                <span className={styles.ips} data-field="source-ips">
                  {incident.sourceIPs.map((ip) => (
                    <Pill key={ip} tone="outline" className={styles.mono}>
                      {ip}
                    </Pill>
                  ))}
                </span>
              ) : (
                'None seen'
              ),
            ],
            [
              'Still active',
              <span data-field="active">
                {incident.isActive ? <Pill tone="danger">Active</Pill> : <Pill tone="subtle">No longer active</Pill>}
              </span>,
            ],
            ['Severity', <SeverityLabel severity={incident.severity} />],
            ['Status', <StatusBadge status={incident.status} />],
            ['First activity', <Time value={incident.firstActivityTime} relative />],
            ['Last activity', <Time value={incident.lastActivityTime} relative />],
            ['Alerts', String(incident.alertCount)],
            ['Tactics', inKillChainOrder(incident.tactics).map(tacticLabel).join(', ') || '—'],
          ]}
        />
      </Section>
      <Section title="Attack story" id="story">
        <p className={styles.story}>{incident.description || 'No description.'}</p>
      </Section>
      <Section title="Kill chain" id="killchain">
        <KillChain observed={incident.tactics} label="Kill chain of this incident" />
      </Section>
      <Section title={`Alerts in this incident (${incident.alerts.totalCount})`} id="alerts">
        {alerts.length ? (
          <Table size="small" aria-label="Alerts in this incident, by time">
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
                <TableRow key={a.id} data-alert-id={a.id}>
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
          <Empty title="No alerts" />
        )}
        {incident.alerts.totalCount > alerts.length && (
          <p>
            Showing the first {alerts.length} of {incident.alerts.totalCount} alerts.
          </p>
        )}
      </Section>
      <Section title="Remediation steps" id="remediation">
        {remediation.length ? (
          <ol className={styles.steps}>
            {remediation.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        ) : (
          <p>No remediation steps were given.</p>
        )}
      </Section>
      <Section title="Record" id="record">
        <Fields
          items={[
            ['Incident id', <span className={styles.mono}>{incident.id}</span>],
            ['Created', <Time value={incident.createdAt} />],
            ['Updated', <Time value={incident.updatedAt} relative />],
          ]}
        />
      </Section>
    </DetailPage>
  );
}
