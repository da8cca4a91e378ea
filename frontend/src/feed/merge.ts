import { parseInstant } from '../time/format';

// The list shows incidents and alerts in one list, newest first, but the API
// pages them separately. mergeFeed interleaves the two paged streams and
// shows only the prefix that is certain: a row is held back while the other
// stream still has unfetched rows that could sort before it. It also says
// which stream to page next.

/** Kind of a row. */
export type RowKind = 'incident' | 'alert';

/** FeedRow is one row of the list; time is in ms: an incident's last activity, an alert's start. */
export type FeedRow<I, A> =
  | { kind: 'incident'; id: string; time: number; node: I }
  | { kind: 'alert'; id: string; time: number; node: A };

/** Stream is what has been fetched of one connection, in server order (newest first). */
export interface Stream<N> {
  nodes: readonly N[];
  hasMore: boolean;
}

/** FeedInput: the two streams (null when that kind is filtered out) and how to read a node's id and time. */
export interface FeedInput<I, A> {
  incidents: Stream<I> | null;
  alerts: Stream<A> | null;
  /** Incidents inserted live; merged in by time, shown once in range. */
  inserted?: readonly I[];
  incidentKey: (n: I) => { id: string; time: string };
  alertKey: (n: A) => { id: string; time: string };
}

/** FeedOutput: the rows to show and the stream to page next (null when both are complete). */
export interface FeedOutput<I, A> {
  rows: FeedRow<I, A>[];
  next: RowKind | null;
  /** Whether anything is left to fetch. */
  hasMore: boolean;
}

const rank: Record<RowKind, number> = { incident: 0, alert: 1 };

/** compareRows: newer first; at the same instant an incident before an alert. */
export function compareRows(a: { kind: RowKind; time: number }, b: { kind: RowKind; time: number }): number {
  if (a.time !== b.time) return b.time - a.time;
  return rank[a.kind] - rank[b.kind];
}

function timeOf(s: string): number {
  return parseInstant(s)?.getTime() ?? 0;
}

/** mergeFeed: see the comment at the top of this file. */
export function mergeFeed<I, A>(input: FeedInput<I, A>): FeedOutput<I, A> {
  type Row = FeedRow<I, A>;
  const seen = new Set<string>();
  const fresh = (id: string) => {
    if (seen.has(id)) return false; // a row paged twice (rows shift while paging) shows once
    seen.add(id);
    return true;
  };
  const incidentRows = (nodes: readonly I[]): Row[] =>
    nodes.flatMap((node) => {
      const k = input.incidentKey(node);
      return fresh(k.id) ? [{ kind: 'incident' as const, id: k.id, time: timeOf(k.time), node }] : [];
    });
  const alertRows = (nodes: readonly A[]): Row[] =>
    nodes.flatMap((node) => {
      const k = input.alertKey(node);
      return fresh(k.id) ? [{ kind: 'alert' as const, id: k.id, time: timeOf(k.time), node }] : [];
    });
  const inc = input.incidents ? incidentRows(input.incidents.nodes) : [];
  const al = input.alerts ? alertRows(input.alerts.nodes) : [];
  const extra = incidentRows(input.inserted ?? []);

  // Merge the two server-ordered streams without reordering either.
  const merged: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < inc.length || j < al.length) {
    if (j >= al.length || (i < inc.length && compareRows(inc[i]!, al[j]!) <= 0)) merged.push(inc[i++]!);
    else merged.push(al[j++]!);
  }

  // The last fetched row of each stream that has more: nothing unfetched of
  // that stream sorts before it.
  const limits: Row[] = [];
  if (input.incidents?.hasMore && inc.length) limits.push(inc[inc.length - 1]!);
  if (input.alerts?.hasMore && al.length) limits.push(al[al.length - 1]!);
  const visible = (r: Row) => limits.every((l) => l.kind === r.kind || compareRows(r, l) < 0);

  let rows = merged.filter(visible);
  if (extra.length) {
    rows = rows.concat(extra.filter(visible)).sort(compareRows);
  }

  // Page the stream whose last row is the newest limit: it holds the others back.
  let next: RowKind | null = null;
  const emptyWithMore = (input.incidents?.hasMore && !inc.length) || (input.alerts?.hasMore && !al.length);
  if (input.incidents?.hasMore && !inc.length) next = 'incident';
  else if (input.alerts?.hasMore && !al.length) next = 'alert';
  else if (limits.length) next = limits.slice().sort(compareRows)[0]!.kind;
  return { rows, next, hasMore: Boolean(emptyWithMore) || limits.length > 0 };
}
