import 'graphiql/setup-workers/vite'; // Monaco's workers, bundled and loaded from 'self'
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient } from 'graphql-ws';
import { useMemo } from 'react';
import { graphqlWSURL } from '../urql/client';

const DEFAULT_QUERY = `# Vigil's GraphQL API. Run with Ctrl+Enter; the schema is in the Docs panel.
query LatestIncidents {
  incidents(first: 5, orderBy: [{ field: LAST_ACTIVITY_TIME, direction: DESC }]) {
    totalCount
    edges {
      node {
        id
        title
        severity
        status
        isActive
        lastActivityTime
        tactics
        sourceIPs
        resource { name type }
      }
    }
  }
}

# Subscriptions run over the websocket:
# subscription { incidentCreated { id title severity } }
`;

/** Playground is GraphiQL 5, fully offline: same-origin HTTP for queries, graphql-ws for subscriptions. */
export default function Playground({ dark }: { dark: boolean }) {
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: '/graphql',
        wsClient: createClient({ url: graphqlWSURL(), lazy: true }),
      }),
    [],
  );
  // /playground?query=… opens a tab with that query (links to a query).
  const initialQuery = useMemo(() => new URLSearchParams(window.location.search).get('query') ?? undefined, []);
  return (
    <div style={{ height: '100%' }} data-testid="playground">
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} initialQuery={initialQuery} forcedTheme={dark ? 'dark' : 'light'} />
    </div>
  );
}
