import { parseInstant } from '../time/format';

// The list shows incidents and alerts in one list, newest first, but the API
// pages them separately. mergeFeed interleaves the two paged streams and
// shows only the prefix that is certain: a row is held back while the other
// stream still has unfetched rows that could sort before it. It also says
// which stream to page next.

/** Kind of a row. */
export type RowKind = 'incident' | 'alert';

/** FeedRow is one row of the list; time is in ms: an incident's last activity, an alert's start; sev 0 (informational) … 3 (high). */
export type FeedRow<I, A> =
  | { kind: 'incident'; id: string; time: number; sev: number; node: I }
  | { kind: 'alert'; id: string; time: number; sev: number; node: A };

/** Order of the list: the servers' orderBy (severity, then time), descending or ascending. */
export interface Order {
  by: 'time' | 'severity';
  desc: boolean;
}
const NEWEST: Order = { by: 'time', desc: true };

const SEV_RANK: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
/** severityRank: the rank the server orders by (0 informational … 3 high). */
export const severityRank = (s: string | undefined) => (s ? (SEV_RANK[s] ?? 0) : 0);

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
  incidentKey: (n: I) => { id: string; time: string; severity?: string };
  alertKey: (n: A) => { id: string; time: string; severity?: string };
  /** The servers' order (default newest first). */
  order?: Order;
}

/** FeedOutput: the rows to show and the stream to page next (null when both are complete). */
export interface FeedOutput<I, A> {
  rows: FeedRow<I, A>[];
  next: RowKind | null;
  /** Whether anything is left to fetch. */
  hasMore: boolean;
}

const rank: Record<RowKind, number> = { incident: 0, alert: 1 };

type Comparable = { kind: RowKind; time: number; sev?: number };

/** compareRows: in the given order (default newer first); at a tie an incident before an alert. */
export function compareRows(a: Comparable, b: Comparable, order: Order = NEWEST): number {
  const sign = order.desc ? -1 : 1;
  if (order.by === 'severity' && (a.sev ?? 0) !== (b.sev ?? 0)) return sign * ((a.sev ?? 0) - (b.sev ?? 0));
  if (a.time !== b.time) return sign * (a.time - b.time);
  return rank[a.kind] - rank[b.kind];
}

function timeOf(s: string): number {
  return parseInstant(s)?.getTime() ?? 0;
}

/** mergeFeed: see the comment at the top of this file. */
export function mergeFeed<I, A>(input: FeedInput<I, A>): FeedOutput<I, A> {
  type Row = FeedRow<I, A>;
  const order = input.order ?? NEWEST;
  const cmp = (a: Row, b: Row) => compareRows(a, b, order);
  const seen = new Set<string>();
  const fresh = (id: string) => {
    if (seen.has(id)) return false; // a row paged twice (rows shift while paging) shows once
    seen.add(id);
    return true;
  };
  const incidentRows = (nodes: readonly I[]): Row[] =>
    nodes.flatMap((node) => {
      const k = input.incidentKey(node);
      return fresh(k.id) ? [{ kind: 'incident' as const, id: k.id, time: timeOf(k.time), sev: severityRank(k.severity), node }] : [];
    });
  const alertRows = (nodes: readonly A[]): Row[] =>
    nodes.flatMap((node) => {
      const k = input.alertKey(node);
      return fresh(k.id) ? [{ kind: 'alert' as const, id: k.id, time: timeOf(k.time), sev: severityRank(k.severity), node }] : [];
    });
  const inc = input.incidents ? incidentRows(input.incidents.nodes) : [];
  const al = input.alerts ? alertRows(input.alerts.nodes) : [];
  const extra = incidentRows(input.inserted ?? []);

  // Merge the two server-ordered streams without reordering either.
  const merged: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < inc.length || j < al.length) {
    if (j >= al.length || (i < inc.length && cmp(inc[i]!, al[j]!) <= 0)) merged.push(inc[i++]!);
    else merged.push(al[j++]!);
  }

  // The last fetched row of each stream that has more: nothing unfetched of
  // that stream sorts before it.
  const limits: Row[] = [];
  if (input.incidents?.hasMore && inc.length) limits.push(inc[inc.length - 1]!);
  if (input.alerts?.hasMore && al.length) limits.push(al[al.length - 1]!);
  const visible = (r: Row) => limits.every((l) => l.kind === r.kind || cmp(r, l) < 0);

  let rows = merged.filter(visible);
  if (extra.length) {
    rows = rows.concat(extra.filter(visible)).sort(cmp);
  }

  // Page the stream whose last row is the newest limit: it holds the others back.
  let next: RowKind | null = null;
  const emptyWithMore = (input.incidents?.hasMore && !inc.length) || (input.alerts?.hasMore && !al.length);
  if (input.incidents?.hasMore && !inc.length) next = 'incident';
  else if (input.alerts?.hasMore && !al.length) next = 'alert';
  else if (limits.length) next = limits.slice().sort(cmp)[0]!.kind;
  return { rows, next, hasMore: Boolean(emptyWithMore) || limits.length > 0 };
}
