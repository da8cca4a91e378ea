import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { useSubscription, type CombinedError } from "urql";
import { graphql } from "../gql";
import type { IncidentCreatedSubscription } from "../gql/graphql";
import { missedEvents } from "./missed";

// The app's two subscriptions, open on every page. Their payloads land in
// the normalised cache (so open lists and views update in place); the
// events themselves are offered to the pages through context.

const IncidentCreated = graphql(`
  subscription IncidentCreated {
    incidentCreated {
      id
      title
      description
      severity
      status
      tactics
      firstActivityTime
      lastActivityTime
      resource {
        id
        category
      }
      ...IncidentRow
    }
  }
`);

const IncidentUpdated = graphql(`
  subscription IncidentUpdated {
    incidentUpdated {
      id
      updatedAt
      alertCount
      ...IncidentRow
    }
  }
`);

/** CreatedIncident is an incidentCreated event. */
export type CreatedIncident = IncidentCreatedSubscription["incidentCreated"];

/**
 * LiveEvents: incidents created since the app opened (newest first, bounded), the latest update, and
 * resync, which counts the times a subscription missed events (the server ended it: the console fell
 * behind, or events were lost) and was opened again: pages read their data again when it changes.
 */
export interface LiveEvents {
  created: readonly CreatedIncident[];
  updated: { id: string; seq: number } | null;
  resync: number;
}

const MAX_EVENTS = 1000;
const RESUBSCRIBE_MS = 1000;
const LiveContext = createContext<LiveEvents>({
  created: [],
  updated: null,
  resync: 0,
});

/** useResubscribe opens a subscription again, a moment after the server ended it for missing events, and counts it. */
function useResubscribe(
  error: CombinedError | undefined,
  resubscribe: () => void,
  count: () => void,
) {
  useEffect(() => {
    if (!missedEvents(error)) return;
    const t = setTimeout(() => {
      resubscribe();
      count();
    }, RESUBSCRIBE_MS);
    return () => clearTimeout(t);
  }, [error, resubscribe, count]);
}

/** LiveProvider keeps the subscriptions open. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [created, resubscribeCreated] = useSubscription(
    { query: IncidentCreated },
    (prev: CreatedIncident[] = [], event) =>
      [
        event.incidentCreated,
        ...prev.filter((p) => p.id !== event.incidentCreated.id),
      ].slice(0, MAX_EVENTS),
  );
  const [updated, resubscribeUpdated] = useSubscription(
    { query: IncidentUpdated },
    (prev: { id: string; seq: number } | undefined, event) => ({
      id: event.incidentUpdated.id,
      seq: (prev?.seq ?? 0) + 1,
    }),
  );
  const [resync, setResync] = useState(0);
  const [count] = useState(() => () => setResync((n) => n + 1));
  useResubscribe(created.error, resubscribeCreated, count);
  useResubscribe(updated.error, resubscribeUpdated, count);
  const value = useMemo<LiveEvents>(
    () => ({
      created: created.data ?? [],
      updated: updated.data ?? null,
      resync,
    }),
    [created.data, updated.data, resync],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** useLiveEvents returns the live events. */
export function useLiveEvents(): LiveEvents {
  return useContext(LiveContext);
}
