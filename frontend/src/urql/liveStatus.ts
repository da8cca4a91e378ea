import { useSyncExternalStore } from 'react';

/**
 * LiveStatus of the subscription connection. "reconnected" means events may
 * have been missed while it was down.
 */
export type LiveStatus = 'offline' | 'connecting' | 'live' | 'reconnecting' | 'reconnected';

let status: LiveStatus = 'offline';
const listeners = new Set<() => void>();

export function setLiveStatus(s: LiveStatus) {
  if (s === status) return;
  status = s;
  listeners.forEach((l) => l());
}

/** useLiveStatus re-renders when the websocket connects, drops or reconnects. */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
}
