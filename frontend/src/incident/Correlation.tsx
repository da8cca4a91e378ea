import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { StatusBadge } from '../components/badges';
import { Banner } from '../components/Banner';
import { Section } from '../components/layout';
import { PlainLink, PlainTable, Td, Th, Tr } from '../components/PlainTable';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { IncidentStatus, Tactic } from '../gql/graphql';
import { countText, entityValueText, groupLinks, mergeLinks, type LinkView } from './correlation';

// The parts of the incident page that tell why its alerts are together:
// a multi-resource incident's resources and the entities that tie them,
// the incidents it covers or is covered by, the ones it follows or that
// follow it, and one sentence per link, grouped by step of the kill chain.
// Everything shown came from alert data or from it: text nodes only.

/** CorrelationLink: what the page reads of one link. */
export const CorrelationLinkFragment = graphql(`
  fragment CorrelationLink on IncidentLink {
    id
    reason
    tactics
    explanation
    alert {
      id
      displayName
    }
  }
`);

/** IncidentCorrelation: what the page reads of an incident's correlation (every list bounded). */
export const IncidentCorrelationFragment = graphql(`
  fragment IncidentCorrelation on Incident {
    id
    multiResource
    resourceCount
    resources {
      id
      name
      type
    }
    covers {
      id
      title
      status
    }
    coveredBy {
      id
      title
      status
    }
    follows {
      id
      title
      status
    }
    followedBy {
      id
      title
      status
    }
    correlation {
      rule
      ruleVersion
      progression {
        tactic
        alertCount
      }
      entityCount
      entities(first: 20) {
        kind
        value
        resourceCount
        resources(first: 20) {
          id
          name
        }
      }
      links(first: 50) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...CorrelationLink
          }
        }
      }
    }
  }
`);

const MoreLinksQuery = graphql(`
  query IncidentMoreLinks($id: ID!, $after: Cursor) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        correlation {
          links(first: 50, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                ...CorrelationLink
              }
            }
          }
        }
      }
    }
  }
`);

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px', overflowWrap: 'anywhere' },
  plain: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '6px', overflowWrap: 'anywhere' },
  item: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  subTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: '12px 0 6px' },
  muted: { color: tokens.colorNeutralForeground3 },
  more: { marginTop: '8px', display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' },
  ties: { display: 'flex', gap: '4px 12px', flexWrap: 'wrap' },
});

const resourcePath = (id: string) => `/resources/${encodeURIComponent(id)}`;
const incidentPath = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/** ResourceRef: a resource as the correlation lists show it. */
export interface ResourceRef {
  id: string;
  name: string;
  type?: string;
}

/** IncidentResources lists every resource of a multi-resource incident, each linked to its page. */
export function IncidentResources({ resources, total }: { resources: readonly ResourceRef[]; total: number }) {
  const styles = useStyles();
  return (
    <Section title={`Resources (${total})`} id="resources">
      <ul className={styles.plain} aria-label="Resources of this incident">
        {resources.map((r) => (
          <li key={r.id} className={styles.item} data-resource={r.id}>
            <PlainLink to={resourcePath(r.id)}>{r.name}</PlainLink>
            {r.type && <span className={styles.muted}>{r.type}</span>}
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Tying: an entity value that ties resources, as Correlation.entities gives it. */
export interface Tying {
  kind: string;
  value: string;
  resourceCount: number;
  resources: readonly ResourceRef[];
}

/** LinkingEntities is the table of the entity values that tie a multi-resource incident's resources. */
export function LinkingEntities({ entities, total }: { entities: readonly Tying[]; total: number }) {
  const styles = useStyles();
  return (
    <Section title={`Linking entities (${total})`} id="linking">
      <p className={styles.muted}>The values these resources' alerts share, and that put them into one incident.</p>
      <PlainTable aria-label="Entities that tie the resources of this incident">
        <thead>
          <tr>
            <Th>Kind</Th>
            <Th>Value</Th>
            <Th>Ties</Th>
          </tr>
        </thead>
        <tbody>
          {entities.map((e) => (
            <Tr key={e.value} data-linking-entity={e.value}>
              <Td>{e.kind}</Td>
              <Td className={styles.mono}>{entityValueText(e.kind, e.value)}</Td>
              <Td>
                <span className={styles.ties}>
                  {e.resources.map((r) => (
                    <PlainLink key={r.id} to={resourcePath(r.id)}>
                      {r.name}
                    </PlainLink>
                  ))}
                  {e.resourceCount > e.resources.length && (
                    <span className={styles.muted}>and {countText(e.resourceCount - e.resources.length, 'more resource')}</span>
                  )}
                </span>
              </Td>
            </Tr>
          ))}
        </tbody>
      </PlainTable>
      {total > entities.length && <p>Showing the first {entities.length} of {total} linking entities.</p>}
    </Section>
  );
}

/** IncidentRef: a related incident. */
export interface IncidentRef {
  id: string;
  title: string;
  status: IncidentStatus;
}

function IncidentList({ title, label, incidents }: { title: string; label: string; incidents: readonly IncidentRef[] }) {
  const styles = useStyles();
  if (!incidents.length) return null;
  return (
    <>
      <h3 className={styles.subTitle}>{title}</h3>
      <ul className={styles.plain} aria-label={label}>
        {incidents.map((i) => (
          <li key={i.id} className={styles.item} data-related-incident={i.id}>
            <PlainLink to={incidentPath(i.id)}>{i.title}</PlainLink>
            <StatusBadge status={i.status} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** RelatedIncidents links an incident to those it covers or is covered by, and those it follows or that follow it. */
export function RelatedIncidents(props: {
  covers: readonly IncidentRef[];
  coveredBy: readonly IncidentRef[];
  follows: IncidentRef | null;
  followedBy: readonly IncidentRef[];
}) {
  const { covers, coveredBy, follows, followedBy } = props;
  if (!covers.length && !coveredBy.length && !follows && !followedBy.length) return null;
  return (
    <Section title="Related incidents" id="related">
      <IncidentList title={`Covers ${countText(covers.length, 'per-resource incident')}`} label="Per-resource incidents this incident covers" incidents={covers} />
      <IncidentList title="Covered by" label="Multi-resource incidents that cover this incident" incidents={coveredBy} />
      <IncidentList title="Follows" label="The incident this one follows" incidents={follows ? [follows] : []} />
      <IncidentList title="Followed by" label="Incidents that follow this one" incidents={followedBy} />
    </Section>
  );
}

/** WhyTogether is "Why these alerts are together": the rule, and one sentence per link read, by step. */
export function WhyTogether(props: {
  rule: string;
  ruleVersion: number;
  progression: readonly { tactic: Tactic; alertCount: number }[];
  links: readonly LinkView[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onMore: () => void;
}) {
  const styles = useStyles();
  const groups = useMemo(() => groupLinks(props.progression, props.links), [props.progression, props.links]);
  return (
    <Section title="Why these alerts are together" id="why">
      <p data-field="rule">
        {props.rule ? (
          <>
            Correlated by the rule <strong>{props.rule}</strong>, version {props.ruleVersion}.
          </>
        ) : (
          'No correlation rule linked these alerts.'
        )}
      </p>
      {groups.map((g) => (
        <section key={g.tactic ?? 'none'} aria-labelledby={`why-${g.tactic ?? 'none'}`} data-step={g.tactic ?? 'none'}>
          <h3 className={styles.subTitle} id={`why-${g.tactic ?? 'none'}`}>
            {g.label}
            {g.alertCount !== null && <span className={styles.muted}> · {countText(g.alertCount, 'alert')}</span>}
          </h3>
          <ul className={styles.list}>
            {g.links.map((l) => (
              <li key={l.id} data-link={l.id}>
                <span data-field="explanation">{l.explanation}</span>{' '}
                <PlainLink to={`/alerts/${encodeURIComponent(l.alert.id)}`} label={`Open the alert ${l.alert.displayName}`}>
                  Open the alert
                </PlainLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className={styles.more}>
        <span role="status">
          Showing {props.links.length.toLocaleString('en-US')} of {countText(props.total, 'reason')}.
        </span>
        {props.hasMore && (
          <Button onClick={props.onMore} disabled={props.loadingMore}>
            {props.loadingMore ? 'Loading…' : 'Show more reasons'}
          </Button>
        )}
      </div>
      {props.moreError && (
        <Banner intent="error" role="alert">
          Could not load more reasons: {props.moreError}
        </Banner>
      )}
    </Section>
  );
}

type CorrelationRef = FragmentType<typeof IncidentCorrelationFragment>;

/** useCorrelation unmasks an incident's correlation and pages on through its links ("Show more"). */
export function useCorrelation(ref: CorrelationRef | null) {
  const client = useClient();
  const data = ref ? getFragmentData(IncidentCorrelationFragment, ref) : null;
  const firstPage = data?.correlation.links;
  const first = useMemo(() => (firstPage?.edges ?? []).map((e) => getFragmentData(CorrelationLinkFragment, e.node)), [firstPage]);
  const [more, setMore] = useState<{ links: LinkView[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A fresh first page (the incident changed) starts the reading again.
  useEffect(() => setMore(null), [firstPage]);
  const links = useMemo(() => (more ? mergeLinks(first, more.links) : first), [first, more]);
  const hasNextPage = more ? more.hasNextPage : (firstPage?.pageInfo.hasNextPage ?? false);
  const cursor = more ? more.endCursor : (firstPage?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!data || !cursor) return;
    setLoading(true);
    setError(null);
    const r = await client.query(MoreLinksQuery, { id: data.id, after: cursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoading(false);
    const node = r.data?.node;
    const page = node && node.__typename === 'Incident' ? node.correlation.links : null;
    if (!page) {
      setError(r.error?.message ?? 'the incident is gone');
      return;
    }
    const read = page.edges.map((e) => getFragmentData(CorrelationLinkFragment, e.node));
    setMore((m) => ({ links: mergeLinks(m?.links ?? [], read), hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor ?? null }));
  };

  return { data, links, hasNextPage, loading, error, loadMore };
}
