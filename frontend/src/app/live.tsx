import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useSubscription } from 'urql';
import { graphql } from '../gql';
import type { IncidentCreatedSubscription } from '../gql/graphql';

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
export type CreatedIncident = IncidentCreatedSubscription['incidentCreated'];

/** LiveEvents: incidents created since the app opened (newest first, bounded) and the latest update. */
export interface LiveEvents {
  created: readonly CreatedIncident[];
  updated: { id: string; seq: number } | null;
}

const MAX_EVENTS = 1000;
const LiveContext = createContext<LiveEvents>({ created: [], updated: null });

/** LiveProvider keeps the subscriptions open. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [created] = useSubscription({ query: IncidentCreated }, (prev: CreatedIncident[] = [], event) =>
    [event.incidentCreated, ...prev.filter((p) => p.id !== event.incidentCreated.id)].slice(0, MAX_EVENTS),
  );
  const [updated] = useSubscription({ query: IncidentUpdated }, (prev: { id: string; seq: number } | undefined, event) => ({
    id: event.incidentUpdated.id,
    seq: (prev?.seq ?? 0) + 1,
  }));
  const value = useMemo<LiveEvents>(() => ({ created: created.data ?? [], updated: updated.data ?? null }), [created.data, updated.data]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** useLiveEvents returns the live events. */
export function useLiveEvents(): LiveEvents {
  return useContext(LiveContext);
}
