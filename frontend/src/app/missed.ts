import type { CombinedError } from "urql";

// The codes with which the server ends a subscription that missed events:
// the subscriber fell too far behind, or the server's broker lost events.
// Either way the stream is sound again once resubscribed, and what changed
// meanwhile has to be read again.
const MISSED = new Set(["SUBSCRIBER_TOO_SLOW", "EVENTS_LOST"]);

/** missedEvents says whether a subscription ended because it missed events (see the server's graph/subscribe.go). */
export function missedEvents(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) =>
    MISSED.has(String(e.extensions?.code ?? "")),
  );
}
