import { useCallback, useEffect, useMemo, useState } from 'react';
import { useClient, useQuery, type Client } from 'urql';
import { graphql } from '../gql';
import { feedVariables, filtersToSearch, parseFilters, type FeedVariables, type Filters } from './filters';
import { mergeFeed } from './merge';
import type { AlertRowRef, IncidentRowRef, Row } from './FeedGrid';

// The list's data: one query with both connections, paged along their
// cursors (the cache joins the pages, see urql/pagination.ts), merged into
// one newest-first list by mergeFeed.

const PAGE = 100;
const NEWER_PAGE = 200;

export const FeedQuery = graphql(`
  query SecurityAlertsFeed(
    $first: Int!
    $incidentsAfter: Cursor
    $alertsAfter: Cursor
    $incidentWhere: IncidentWhereInput
    $alertWhere: AlertWhereInput
    $tactics: [Tactic!]
    $search: String
    $withIncidents: Boolean!
    $withAlerts: Boolean!
    $incidentOrder: [IncidentOrder!]
    $alertOrder: [AlertOrder!]
  ) {
    incidents(
      first: $first
      after: $incidentsAfter
      where: $incidentWhere
      tactics: $tactics
      search: $search
      orderBy: $incidentOrder
    ) @include(if: $withIncidents) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          lastActivityTime
          severity
          ...IncidentRow
        }
      }
    }
    alerts(
      first: $first
      after: $alertsAfter
      where: $alertWhere
      tactics: $tactics
      search: $search
      orderBy: $alertOrder
    ) @include(if: $withAlerts) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          startTime
          severity
          ...AlertRow
        }
      }
    }
  }
`);

// The rows newer than the first page, fetched backwards from its start
// cursor (when the analyst inserts new incidents or refreshes).
export const FeedNewerQuery = graphql(`
  query SecurityAlertsFeedNewer(
    $last: Int!
    $incidentsBefore: Cursor
    $alertsBefore: Cursor
    $incidentWhere: IncidentWhereInput
    $alertWhere: AlertWhereInput
    $tactics: [Tactic!]
    $search: String
    $withIncidents: Boolean!
    $withAlerts: Boolean!
    $incidentOrder: [IncidentOrder!]
    $alertOrder: [AlertOrder!]
  ) {
    incidents(
      last: $last
      before: $incidentsBefore
      where: $incidentWhere
      tactics: $tactics
      search: $search
      orderBy: $incidentOrder
    ) @include(if: $withIncidents) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          lastActivityTime
          severity
          ...IncidentRow
        }
      }
    }
    alerts(
      last: $last
      before: $alertsBefore
      where: $alertWhere
      tactics: $tactics
      search: $search
      orderBy: $alertOrder
    ) @include(if: $withAlerts) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          startTime
          severity
          ...AlertRow
        }
      }
    }
  }
`);

// Incidents the analyst inserted from the live banner, wherever they sort.
const InsertedQuery = graphql(`
  query InsertedIncidents($ids: [ID!]!) {
    incidents(first: 500, where: { idIn: $ids }, orderBy: [{ field: LAST_ACTIVITY_TIME, direction: DESC }]) {
      edges {
        node {
          id
          lastActivityTime
          severity
          severity
          ...IncidentRow
        }
      }
    }
  }
`);

interface Paging {
  /** When relative ranges ("24h") were resolved to instants. */
  epoch: number;
  incidentsAfter: string | null;
  alertsAfter: string | null;
}

// Paging positions per filter set, kept for the session: coming back to the
// list (browser back) asks for the same pages, which the cache already has.
const pagingMemory = new Map<string, Paging>();

const fresh = (): Paging => ({ epoch: Date.now(), incidentsAfter: null, alertsAfter: null });

type Nodes<T> = readonly ({ node: T | null } | null)[] | null | undefined;
const nodesOf = <T,>(edges: Nodes<T>): T[] => (edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));

/**
 * prefetchFeed starts the list's first query for a URL search before React
 * has rendered the page (the app shell's first render takes a while): the
 * hook's identical request then joins the one in flight.
 */
export function prefetchFeed(client: Client, search: string) {
  const filterKey = filtersToSearch(parseFilters(search));
  if (pagingMemory.has(filterKey)) return;
  const base = feedVariables(parseFilters(filterKey), Date.now());
  void client.query(FeedQuery, { ...base, first: PAGE, incidentsAfter: null, alertsAfter: null }, { requestPolicy: 'cache-and-network' }).toPromise();
}

/** Feed is the list's state for the page. */
export interface Feed {
  rows: Row[];
  /** Ids of every row, for the live banner. */
  listed: ReadonlySet<string>;
  totals: { incidents: number | null; alerts: number | null };
  fetching: boolean;
  /** True until the first page has arrived (no cached data). */
  loading: boolean;
  error: ReturnType<typeof useQuery>[0]['error'];
  hasMore: boolean;
  loadMore: () => void;
  /** Fetches the rows newer than the list's top (both kinds). */
  fetchNewer: () => Promise<void>;
  /** Brings in newer rows; a relative range ("24h") is resolved anew and the list starts over. */
  refresh: () => void;
  retry: () => void;
  variables: FeedVariables;
}

/** useFeed loads the merged list for the filters, plus the incidents inserted live. */
export function useFeed(filters: Filters, inserted: readonly string[]): Feed {
  const client = useClient();
  const filterKey = filtersToSearch(filters);
  const [paging, setPaging] = useState<Paging>(() => pagingMemory.get(filterKey) ?? fresh());
  const [pagingKey, setPagingKey] = useState(filterKey);
  let current = paging;
  if (pagingKey !== filterKey) {
    // The filters changed: continue where this filter set was left, or start.
    current = pagingMemory.get(filterKey) ?? fresh();
    setPagingKey(filterKey);
    setPaging(current);
  }
  useEffect(() => {
    pagingMemory.set(pagingKey, paging);
  }, [pagingKey, paging]);

  // filterKey is the filters' identity (filters itself is a new object on every render).
  const base = useMemo(() => feedVariables(parseFilters(filterKey), current.epoch), [filterKey, current.epoch]);
  const variables = useMemo(
    () => ({ ...base, first: PAGE, incidentsAfter: current.incidentsAfter, alertsAfter: current.alertsAfter }),
    [base, current.incidentsAfter, current.alertsAfter],
  );
  const [result, reexecute] = useQuery({ query: FeedQuery, variables, requestPolicy: 'cache-and-network' });
  const [insertedResult] = useQuery({ query: InsertedQuery, variables: { ids: [...inserted] }, pause: !inserted.length });

  const inc = base.withIncidents ? result.data?.incidents : undefined;
  const al = base.withAlerts ? result.data?.alerts : undefined;
  const insertedEdges = inserted.length ? insertedResult.data?.incidents.edges : undefined;
  const insertedNodes = useMemo(() => nodesOf(insertedEdges), [insertedEdges]);

  const merged = useMemo(
    () =>
      mergeFeed<IncidentRowRef & { id: string; lastActivityTime: string; severity: string }, AlertRowRef & { id: string; startTime: string; severity: string }>({
        incidents: base.withIncidents ? { nodes: nodesOf(inc?.edges), hasMore: inc ? inc.pageInfo.hasNextPage : false } : null,
        alerts: base.withAlerts ? { nodes: nodesOf(al?.edges), hasMore: al ? al.pageInfo.hasNextPage : false } : null,
        inserted: insertedNodes,
        incidentKey: (n) => ({ id: n.id, time: n.lastActivityTime, severity: n.severity }),
        alertKey: (n) => ({ id: n.id, time: n.startTime, severity: n.severity }),
        order: { by: filters.sort.startsWith('severity') ? 'severity' : 'time', desc: !filters.sort.endsWith('asc') },
      }),
    [base.withIncidents, base.withAlerts, inc, al, insertedNodes, filters.sort],
  );
  const rows = merged.rows as Row[];
  const listed = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);

  const loadMore = useCallback(() => {
    if (result.fetching || result.error || !merged.next) return;
    if (merged.next === 'incident' && inc?.pageInfo.endCursor) {
      const cursor = inc.pageInfo.endCursor;
      setPaging((p) => ({ ...p, incidentsAfter: cursor }));
    } else if (merged.next === 'alert' && al?.pageInfo.endCursor) {
      const cursor = al.pageInfo.endCursor;
      setPaging((p) => ({ ...p, alertsAfter: cursor }));
    }
  }, [result.fetching, result.error, merged.next, inc, al]);

  const fetchNewer = useCallback(async () => {
    let incBefore = inc?.pageInfo.startCursor ?? null;
    let alBefore = al?.pageInfo.startCursor ?? null;
    if ((base.withIncidents && !incBefore) || (base.withAlerts && !alBefore)) {
      // An empty stream has no start to page back from: fetch the first page again.
      await client.query(FeedQuery, { ...variables, incidentsAfter: null, alertsAfter: null }, { requestPolicy: 'network-only' }).toPromise();
    } else {
      let withIncidents = base.withIncidents;
      let withAlerts = base.withAlerts;
      for (let round = 0; round < 10 && (withIncidents || withAlerts); round++) {
        const r = await client
          .query(
            FeedNewerQuery,
            { ...base, withIncidents, withAlerts, last: NEWER_PAGE, incidentsBefore: incBefore, alertsBefore: alBefore },
            { requestPolicy: 'network-only' },
          )
          .toPromise();
        if (r.error || !r.data) break;
        withIncidents = withIncidents && Boolean(r.data.incidents?.pageInfo.hasPreviousPage);
        withAlerts = withAlerts && Boolean(r.data.alerts?.pageInfo.hasPreviousPage);
        incBefore = r.data.incidents?.pageInfo.startCursor ?? incBefore;
        alBefore = r.data.alerts?.pageInfo.startCursor ?? alBefore;
      }
    }
    reexecute({ requestPolicy: 'cache-first' }); // re-read the list from the cache, now with the newer pages
  }, [client, base, variables, inc, al, reexecute]);

  const relative = filters.range === '24h' || filters.range === '7d' || filters.range === '30d';
  const refresh = useCallback(() => {
    if (relative) {
      // "Last 24 hours" moves on: resolve it anew and start from the first page.
      const next = fresh();
      pagingMemory.set(filterKey, next);
      setPaging(next);
    } else {
      void fetchNewer();
    }
  }, [relative, filterKey, fetchNewer]);

  const retry = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  return {
    rows,
    listed,
    totals: { incidents: inc?.totalCount ?? null, alerts: al?.totalCount ?? null },
    fetching: result.fetching,
    loading: !result.data && !result.error,
    error: result.error,
    hasMore: merged.hasMore,
    loadMore,
    fetchNewer,
    refresh,
    retry,
    variables: base,
  };
}
