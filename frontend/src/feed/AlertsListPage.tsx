import {
  Button,
  Spinner,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular } from "@fluentui/react-icons";
import { useCallback, useEffect, useMemo, useReducer, useState } from "react";
import { useLiveEvents } from "../app/live";
import { Banner } from "../components/Banner";
import { Empty, ErrorState, Loading } from "../components/states";
import {
  StatusMenu,
  useSetStatus,
  type StatusOutcome,
} from "../components/status";
import { navigate, useLocation } from "../router/router";
import { useTitle } from "../app/title";
import { FeedGrid, rowPath, type Row } from "./FeedGrid";
import { FilterBar } from "./FilterBar";
import {
  filtersToSearch,
  isDefault,
  matchesIncident,
  parseFilters,
  type Filters,
} from "./filters";
import { initialLive, liveReducer, pendingIds } from "./live";
import { useFeed } from "./useFeed";
import { useQuery } from "urql";
import { graphql } from "../gql";

const ResourceNameQuery = graphql(`
  query ResourceName($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Resource {
        name
        type
      }
    }
  }
`);

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    height: "100%",
    minHeight: 0,
    padding: "16px 24px",
    boxSizing: "border-box",
  },
  head: {
    display: "flex",
    alignItems: "baseline",
    gap: "16px",
    flexWrap: "wrap",
  },
  counts: { color: tokens.colorNeutralForeground3 },
  end: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  spacer: { flex: 1 },
  toolbar: {
    display: "flex",
    alignItems: "center",
    gap: "16px",
    minHeight: "36px",
    flexWrap: "wrap",
  },
  selection: { display: "flex", alignItems: "center", gap: "8px" },
  news: {
    display: "flex",
    alignItems: "center",
    gap: "8px",
    marginLeft: "auto",
  },
});

const LIST_PATH = "/alerts";

/**
 * AlertsListPage is the security alerts list: incidents and alerts in one
 * newest-first list, filtered through the URL, paged as the analyst
 * scrolls, with new incidents waiting behind an "N new" banner.
 */
export function AlertsListPage() {
  const styles = useStyles();
  const location = useLocation();
  useTitle("Security alerts");
  const filters = useMemo(
    () => parseFilters(location.search),
    [location.search],
  );
  const filterKey = filtersToSearch(filters);

  // Keep the URL canonical (unknown or duplicate values dropped) without a new entry.
  useEffect(() => {
    if (
      location.search !== filterKey &&
      !(location.search === "?" && filterKey === "")
    ) {
      navigate(`${location.pathname}${filterKey}`, { replace: true });
    }
  }, [location.pathname, location.search, filterKey]);

  const [live, dispatch] = useReducer(liveReducer, initialLive);
  const [liveKey, setLiveKey] = useState(filterKey);
  if (liveKey !== filterKey) {
    setLiveKey(filterKey);
    dispatch({ type: "reset" });
  }

  const feed = useFeed(filters, live.inserted);
  const [resourceResult] = useQuery({
    query: ResourceNameQuery,
    variables: { id: filters.resource ?? "" },
    pause: !filters.resource,
  });
  const resourceNode = filters.resource ? resourceResult.data?.node : null;
  const resourceName =
    resourceNode && resourceNode.__typename === "Resource"
      ? resourceNode.name
      : filters.resource;
  const events = useLiveEvents();
  // A subscription that missed events was opened again: what changed meanwhile is read again.
  const [resynced, setResynced] = useState(events.resync);
  const { retry } = feed;
  useEffect(() => {
    if (events.resync === resynced) return;
    setResynced(events.resync);
    retry();
  }, [events.resync, resynced, retry]);
  const pending = useMemo(
    () =>
      pendingIds(events.created, live, feed.listed, (e) =>
        matchesIncident(filters, e, Date.now()),
      ),
    [events.created, live, feed.listed, filters],
  );

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<StatusOutcome | null>(null);
  const [inserting, setInserting] = useState(false);
  const status = useSetStatus();

  const onChange = useCallback(
    (next: Filters, opts?: { replace?: boolean }) =>
      navigate(`${LIST_PATH}${filtersToSearch(next)}`, opts),
    [],
  );
  const onSelect = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const s = new Set(prev);
      ids.forEach((id) => (on ? s.add(id) : s.delete(id)));
      return s;
    });
  }, []);
  const onOpen = useCallback((r: Row) => navigate(rowPath(r)), []);

  const insert = async () => {
    setInserting(true);
    try {
      dispatch({ type: "insert", ids: pending });
      await feed.fetchNewer();
    } finally {
      setInserting(false);
    }
  };

  const byId = useMemo(
    () => new Map(feed.rows.map((r) => [r.id, r])),
    [feed.rows],
  );
  const targets = [...selected].flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ kind: r.kind, id }] : [];
  });
  const hasIncidents = targets.some((t) => t.kind === "incident");

  const newIds = useMemo(() => new Set(live.inserted), [live.inserted]);
  const { incidents, alerts } = feed.totals;
  const counts = [
    incidents !== null &&
      `${incidents} ${incidents === 1 ? "incident" : "incidents"}`,
    alerts !== null && `${alerts} ${alerts === 1 ? "alert" : "alerts"}`,
  ]
    .filter(Boolean)
    .join(" · ");

  const footer =
    feed.error && feed.rows.length ? (
      <Button onClick={feed.retry}>Loading more failed: retry</Button>
    ) : feed.hasMore ? (
      feed.fetching ? (
        <Spinner size="tiny" label="Loading more…" />
      ) : (
        <Button appearance="subtle" onClick={feed.loadMore}>
          Load more
        </Button>
      )
    ) : feed.rows.length ? (
      <span className={styles.end}>End of the list</span>
    ) : null;

  return (
    <section className={styles.page} aria-labelledby="list-title">
      <div className={styles.head}>
        <Title2 as="h1" id="list-title">
          Security alerts
        </Title2>
        <span className={styles.counts} aria-live="polite">
          {counts}
        </span>
        <span className={styles.spacer} />
        <Button
          icon={<ArrowClockwise20Regular />}
          onClick={feed.refresh}
          disabled={feed.fetching}
        >
          Refresh
        </Button>
      </div>
      <FilterBar
        filters={filters}
        onChange={onChange}
        resourceName={resourceName}
      />
      <div className={styles.toolbar}>
        <div className={styles.selection} role="toolbar" aria-label="Selection">
          <span>
            {selected.size
              ? `${selected.size} selected`
              : "Select rows to change their status"}
          </span>
          <StatusMenu
            kind={hasIncidents ? "incident" : "alert"}
            disabled={!targets.length}
            busy={status.busy}
            onSelect={async (s, closeAlerts) => {
              const result = await status.run(targets, s, closeAlerts);
              setOutcome(result);
              if (!result.failed.length) setSelected(new Set());
            }}
          />
          {selected.size > 0 && (
            <Button appearance="subtle" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          )}
        </div>
        <div className={styles.news} aria-live="polite">
          {pending.length > 0 && (
            <Banner
              intent="info"
              data-testid="new-banner"
              actions={
                <Button
                  appearance="primary"
                  size="small"
                  onClick={insert}
                  disabled={inserting}
                >
                  Show {pending.length} new
                </Button>
              }
            >
              {pending.length === 1
                ? "1 new incident"
                : `${pending.length} new incidents`}
            </Banner>
          )}
          {outcome && (
            <Banner
              intent={outcome.failed.length ? "error" : "success"}
              role="status"
              actions={
                <Button
                  size="small"
                  appearance="transparent"
                  onClick={() => setOutcome(null)}
                >
                  Dismiss
                </Button>
              }
            >
              {outcome.failed.length
                ? `Status set on ${outcome.done}; ${outcome.failed.length} failed: ${outcome.failed[0]!.message}`
                : `Status set on ${outcome.done} ${outcome.done === 1 ? "item" : "items"}.`}
            </Banner>
          )}
        </div>
      </div>
      {feed.error && !feed.rows.length ? (
        <ErrorState
          error={feed.error}
          title="Could not load the security alerts"
          onRetry={feed.retry}
        />
      ) : feed.loading ? (
        <Loading label="Loading security alerts…" />
      ) : !feed.rows.length && !feed.hasMore ? (
        <Empty
          title={
            isDefault(filters)
              ? "No alerts yet"
              : "Nothing matches these filters"
          }
        >
          {isDefault(filters)
            ? "Alerts appear here as they are ingested (POST /api/alerts or vigil import)."
            : "Change or clear the filters to see more."}
        </Empty>
      ) : (
        <FeedGrid
          rows={feed.rows}
          selected={selected}
          onSelect={onSelect}
          activeId={activeId}
          onActive={setActiveId}
          onOpen={onOpen}
          newIds={newIds}
          onNearEnd={feed.loadMore}
          footer={footer}
          scrollKey={location.key}
          label="Security alerts"
          sort={filters.sort}
          onSort={(sort) => onChange({ ...filters, sort })}
          totalRows={
            feed.totals.incidents === null && feed.totals.alerts === null
              ? null
              : (feed.totals.incidents ?? 0) + (feed.totals.alerts ?? 0)
          }
        />
      )}
    </section>
  );
}
