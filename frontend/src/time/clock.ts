import { useSyncExternalStore } from 'react';

// One shared clock for every relative time on the page, so that they all
// move together and there is one timer, not one per row.
const TICK_MS = 15_000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** useNow is the current time in ms, refreshed every 15 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
