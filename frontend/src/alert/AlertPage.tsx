import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useQuery } from 'urql';
import { Pill, SeverityLabel, StatusBadge } from '../components/badges';
import { Banner } from '../components/Banner';
import { DetailPage, Fields, Section } from '../components/layout';
import { ExternalLink } from '../components/SafeLink';
import { Empty, ErrorState, Loading, errorText, isNotFound } from '../components/states';
import { StatusMenu, useSetStatus } from '../components/status';
import { getFragmentData, graphql } from '../gql';
import { KillChain } from '../killchain/KillChain';
import { inKillChainOrder, tacticLabel } from '../killchain/tactics';
import { Link } from '../router/router';
import { Time } from '../time/Time';
import { useTitle } from '../app/title';

const AlertDetail = graphql(`
  fragment AlertDetail on Alert {
    id
    systemAlertId
    providerAlertId
    alertType
    displayName
    description
    severity
    status
    intent
    tactics
    tacticsFromCatalogue
    techniques
    subTechniques
    startTime
    endTime
    generatedTime
    processingEndTime
    createdAt
    updatedAt
    vendorName
    productName
    productComponentName
    providerName
    compromisedEntity
    confidenceLevel
    confidenceScore
    isIncident
    correlationKey
    alertUri
    subscriptionId
    tenantId
    workspaceId
    sourceIPs
    remediationSteps
    resource {
      id
      name
      type
      resourceId
    }
    entities {
      id
      kind
      key
      name
    }
    entityRelations {
      from {
        id
      }
      name
      to {
        id
      }
    }
    extendedProperties {
      name
      value
    }
    extendedLinks {
      category
      label
      href
      type
    }
    incidents {
      id
      title
      severity
      status
      isActive
      lastActivityTime
    }
    raw
  }
`);

const AlertPageQuery = graphql(`
  query AlertPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Alert {
        ...AlertDetail
      }
    }
  }
`);

const useStyles = makeStyles({
  banner: { marginBottom: '12px' },
  text: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', lineHeight: tokens.lineHeightBase400 },
  steps: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  raw: {
    margin: 0,
    maxHeight: '480px',
    overflow: 'auto',
    padding: '8px',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  chips: { display: 'flex', gap: '6px', flexWrap: 'wrap' },
  relations: { margin: 0, paddingLeft: '20px' },
});

/** prettyJSON indents a JSON text for reading; text that is not JSON is returned as it is. */
export function prettyJSON(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** AlertPage shows every field of an alert a responder reads. All alert text is rendered as text. */
export default function AlertPage({ id }: { id: string }) {
  const styles = useStyles();
  const [result, reexecute] = useQuery({ query: AlertPageQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const status = useSetStatus();
  const [error, setError] = useState<string | null>(null);

  const node = result.data?.node;
  const alert = node && node.__typename === 'Alert' ? getFragmentData(AlertDetail, node) : null;
  useTitle(alert ? alert.displayName : 'Alert');

  if (!result.data && result.error && !isNotFound(result.error)) {
    return (
      <DetailPage kicker="Security alert" title="Alert">
        <ErrorState error={result.error} title="Could not load the alert" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </DetailPage>
    );
  }
  if (!result.data && !result.error) {
    return (
      <DetailPage kicker="Security alert" title="Alert">
        <Loading label="Loading the alert…" />
      </DetailPage>
    );
  }
  if (!alert) {
    return (
      <DetailPage kicker="Security alert" title="Alert">
        <Empty title="No such alert">
          There is no alert with the id {id}. <Link to="/alerts">Back to the security alerts</Link>
        </Empty>
      </DetailPage>
    );
  }

  const entities = alert.entities ?? [];
  const entityName = new Map(entities.map((e) => [e.id, `${e.name} (${e.kind})`]));
  const remediation = [...new Set(alert.remediationSteps)];
  const links = alert.extendedLinks;

  return (
    <DetailPage
      kicker="Security alert"
      title={alert.displayName}
      actions={
        <StatusMenu
          kind="alert"
          current={alert.status}
          busy={status.busy}
          onSelect={async (s) => {
            const r = await status.run([{ kind: 'alert', id: alert.id }], s);
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
      <Section title="General information" id="general">
        <Fields
          items={[
            ['Severity', <SeverityLabel severity={alert.severity} />],
            ['Status', <span data-field="status"><StatusBadge status={alert.status} /></span>],
            ['Activity start', <Time value={alert.startTime} relative />],
            ['Activity end', <Time value={alert.endTime} relative />],
            ['Affected resource', alert.resource ? `${alert.resource.name} (${alert.resource.type})` : ''],
            ['Resource id', alert.resource ? <span className={styles.mono}>{alert.resource.resourceId}</span> : ''],
            ['Compromised entity', alert.compromisedEntity],
            [
              'Source IPs',
              alert.sourceIPs.length ? (
                <span className={styles.chips}>
                  {alert.sourceIPs.map((ip) => (
                    <Pill key={ip} tone="outline" className={styles.mono}>
                      {ip}
                    </Pill>
                  ))}
                </span>
              ) : (
                ''
              ),
            ],
            [
              'Tactics',
              `${inKillChainOrder(alert.tactics).map(tacticLabel).join(', ') || '—'}${alert.tacticsFromCatalogue ? ' (from the catalogue of alert types)' : ''}`,
            ],
            ['Intent (as sent)', alert.intent],
            ['Techniques', [...(alert.techniques ?? []), ...(alert.subTechniques ?? [])].join(', ')],
            ['Alert type', alert.alertType],
            ['Confidence', [alert.confidenceLevel, alert.confidenceScore ?? ''].filter((v) => v !== '').join(' · ')],
            ['Detected by', [alert.vendorName, alert.productName, alert.productComponentName, alert.providerName].filter(Boolean).join(' · ')],
            ['Vendor marked as incident', alert.isIncident ? 'Yes' : 'No'],
          ]}
        />
      </Section>
      <Section title="Description" id="description">
        <p className={styles.text} data-field="description">
          {alert.description || 'No description.'}
        </p>
      </Section>
      <Section title="Kill chain" id="killchain">
        <KillChain observed={alert.tactics} label="Kill chain of this alert" />
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
      <Section title={`Incidents (${alert.incidents.length})`} id="incidents">
        {alert.incidents.length ? (
          <ul className={styles.relations}>
            {alert.incidents.map((i) => (
              <li key={i.id}>
                <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link> · <SeverityLabel severity={i.severity} /> ·{' '}
                <StatusBadge status={i.status} /> · last activity <Time value={i.lastActivityTime} relative />
              </li>
            ))}
          </ul>
        ) : (
          <p>This alert is in no incident.</p>
        )}
      </Section>
      <Section title={`Entities (${entities.length})`} id="entities">
        {entities.length ? (
          <Table size="small" aria-label="Entities">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Identifier</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entities.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{e.kind}</TableCell>
                  <TableCell>{e.name}</TableCell>
                  <TableCell className={styles.mono}>{e.key ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p>No entities.</p>
        )}
        {alert.entityRelations.length > 0 && (
          <>
            <h3>Relations</h3>
            <ul className={styles.relations}>
              {alert.entityRelations.map((r) => (
                <li key={`${r.from.id}-${r.name}-${r.to.id}`}>
                  {entityName.get(r.from.id) ?? r.from.id} — <strong>{r.name}</strong> → {entityName.get(r.to.id) ?? r.to.id}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section title={`Extended properties (${alert.extendedProperties.length})`} id="properties">
        {alert.extendedProperties.length ? (
          <Fields items={alert.extendedProperties.map((p) => [p.name, p.value, `${p.name}=${p.value}`] as const)} />
        ) : (
          <p>None.</p>
        )}
      </Section>
      <Section title="Links" id="links">
        <Fields
          items={[
            ['Alert in its portal', alert.alertUri ? <ExternalLink href={alert.alertUri} /> : ''],
            ...links.map(
              (l) =>
                [l.category || l.type || 'Link', <ExternalLink href={l.href}>{l.label || l.href}</ExternalLink>, `${l.href} ${l.label}`] as const,
            ),
          ]}
        />
      </Section>
      <Section title="Identifiers" id="ids">
        <Fields
          items={[
            ['System alert id', <span className={styles.mono}>{alert.systemAlertId}</span>],
            ['Provider alert id', <span className={styles.mono}>{alert.providerAlertId}</span>],
            ['Correlation key', <span className={styles.mono}>{alert.correlationKey}</span>],
            ['Subscription', alert.subscriptionId],
            ['Tenant', alert.tenantId],
            ['Workspace', alert.workspaceId],
            ['Generated', <Time value={alert.generatedTime} />],
            ['Processing ended', <Time value={alert.processingEndTime} />],
            ['Stored', <Time value={alert.createdAt} />],
            ['Updated', <Time value={alert.updatedAt} relative />],
          ]}
        />
      </Section>
      <Section title="Raw alert (as received)" id="raw">
        {alert.raw ? (
          // Focusable so that the scrolling box can be read with the keyboard.
          <pre className={styles.raw} tabIndex={0} aria-label="The alert as received, JSON">
            {prettyJSON(alert.raw)}
          </pre>
        ) : (
          <p>Not stored.</p>
        )}
      </Section>
    </DetailPage>
  );
}
