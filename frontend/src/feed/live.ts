// The live-insert state of the list. Incidents that arrive through the
// incidentCreated subscription are not pushed into the list under the
// analyst's hands: they wait behind an "N new" banner until the analyst
// inserts them. Only ids are kept here: the incidents themselves are server
// state, read through urql (the subscription's events and the cache).

/** LiveState: the ids the analyst inserted into the list, newest first. */
export interface LiveState {
  inserted: readonly string[];
}

/** LiveAction changes the live state. */
export type LiveAction =
  /** The analyst inserts the pending incidents (the banner's button). */
  | { type: 'insert'; ids: readonly string[] }
  /** The filters changed: the list is fetched anew and nothing is inserted. */
  | { type: 'reset' };

export const initialLive: LiveState = { inserted: [] };

/** liveReducer is the reducer of LiveState. */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'insert': {
      const have = new Set(state.inserted);
      const add = action.ids.filter((id) => !have.has(id) && (have.add(id), true));
      return add.length ? { inserted: [...add, ...state.inserted] } : state;
    }
    case 'reset':
      return state.inserted.length ? initialLive : state;
  }
}

/**
 * pendingIds are the arrived incidents the banner counts: not inserted yet,
 * not already a row of the list, and matching the list's filters.
 */
export function pendingIds<E extends { id: string }>(
  events: readonly E[],
  state: LiveState,
  listed: ReadonlySet<string>,
  accepts: (e: E) => boolean,
): string[] {
  const inserted = new Set(state.inserted);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (!inserted.has(e.id) && !listed.has(e.id) && accepts(e)) out.push(e.id);
  }
  return out;
}
