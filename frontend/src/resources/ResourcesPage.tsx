import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useTitle } from '../app/title';
import { categoryLabel } from '../components/labels';
import { DetailPage, Section } from '../components/layout';
import { Empty, ErrorState, Loading } from '../components/states';
import { DEFAULT_FILTERS, filtersToSearch } from '../feed/filters';
import { graphql } from '../gql';
import { Link } from '../router/router';
import { groupByCategory } from './group';

const LIMIT = 500;

const ResourcesQuery = graphql(`
  query Resources($first: Int!) {
    resources(first: $first, orderBy: [{ field: ALERTS_COUNT, direction: DESC }]) {
      totalCount
      edges {
        node {
          id
          name
          type
          category
          resourceId
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

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  num: { textAlign: 'right', width: '96px' },
  caption: { color: tokens.colorNeutralForeground3 },
});

const list = (f: Partial<typeof DEFAULT_FILTERS>) => `/alerts${filtersToSearch({ ...DEFAULT_FILTERS, ...f })}`;

/** ResourcesPage lists the resources alerts were about, grouped by category, with their alert and incident counts. */
export default function ResourcesPage() {
  const styles = useStyles();
  useTitle('Resources');
  const [result, reexecute] = useQuery({ query: ResourcesQuery, variables: { first: LIMIT }, requestPolicy: 'cache-and-network' });
  const nodes = useMemo(() => (result.data?.resources.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])), [result.data]);
  const groups = useMemo(() => groupByCategory(nodes), [nodes]);
  const total = result.data?.resources.totalCount ?? 0;

  return (
    <DetailPage kicker="Resources by category" title="Resources">
      {!result.data && result.error ? (
        <ErrorState error={result.error} title="Could not load the resources" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <Loading label="Loading the resources…" />
      ) : !groups.length ? (
        <Empty title="No resources yet">Resources appear as alerts about them are ingested.</Empty>
      ) : (
        <>
          {total > nodes.length && (
            <p className={styles.caption}>
              The {nodes.length} resources with the most alerts, of {total}.
            </p>
          )}
          {groups.map((g) => (
            <Section key={g.category} id={`category-${g.category.toLowerCase()}`} title={`${categoryLabel(g.category)} (${g.resources.length})`}>
              <p className={styles.caption}>
                {g.alerts} {g.alerts === 1 ? 'alert' : 'alerts'} and{' '}
                <Link to={list({ show: 'incidents', category: [g.category] })}>
                  {g.incidents} {g.incidents === 1 ? 'incident' : 'incidents'}
                </Link>{' '}
                on these
                resources (a partner product's alert counts here and under partner products in the list)
              </p>
              <Table size="small" aria-label={`Resources: ${categoryLabel(g.category)}`}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Resource</TableHeaderCell>
                    <TableHeaderCell>Type</TableHeaderCell>
                    <TableHeaderCell>Resource id</TableHeaderCell>
                    <TableHeaderCell className={styles.num}>Alerts</TableHeaderCell>
                    <TableHeaderCell className={styles.num}>Incidents</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {g.resources.map((r) => (
                    <TableRow key={r.id} data-resource={r.name}>
                      <TableCell>
                        <Link to={`/resources/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                      </TableCell>
                      <TableCell>{r.type}</TableCell>
                      <TableCell className={styles.mono}>{r.resourceId}</TableCell>
                      <TableCell className={styles.num}>
                        <Link to={list({ show: 'alerts', resource: r.id })} aria-label={`${r.alerts.totalCount} ${r.alerts.totalCount === 1 ? 'alert' : 'alerts'} on ${r.name}`}>
                          {r.alerts.totalCount}
                        </Link>
                      </TableCell>
                      <TableCell className={styles.num}>
                        <Link to={list({ show: 'incidents', resource: r.id })} aria-label={`${r.incidents.totalCount} ${r.incidents.totalCount === 1 ? 'incident' : 'incidents'} on ${r.name}`}>
                          {r.incidents.totalCount}
                        </Link>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Section>
          ))}
        </>
      )}
    </DetailPage>
  );
}
