// The overview's chart asks the server for alert counts per bucket
// (alertTimeline). This module picks the window and the bucket width: the
// last 7 or 30 days of the viewer's calendar, or "all", the days that hold
// data. Buckets are aligned to the viewer's offset (offsetMinutes), the same
// fixed offset the server uses, so that a bar is one of the viewer's days.

export const CHART_RANGES = ['7d', '30d', 'all'] as const;
export type ChartRange = (typeof CHART_RANGES)[number];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The server returns at most this many buckets. */
export const MAX_BUCKETS = 1000;

/** viewerOffset is the viewer's UTC offset now, in minutes east (what alertTimeline's offsetMinutes wants). */
export function viewerOffset(now: Date = new Date()): number {
  const o = -now.getTimezoneOffset();
  return o === 0 ? 0 : o;
}

/** startOf truncates an instant to the start of its bucket at a fixed offset (minutes east). */
export function startOf(ms: number, step: number, offsetMinutes: number): number {
  const o = offsetMinutes * 60_000;
  return Math.floor((ms + o) / step) * step - o;
}

/** TimelineWindow: [from, to) as RFC 3339 instants and the bucket width. */
export interface TimelineWindow {
  from: string;
  to: string;
  bucket: 'DAY' | 'HOUR';
  stepMs: number;
}

/**
 * timelineWindow: "7d"/"30d" end with the viewer's today (its whole day);
 * "all" spans the days from the oldest to the newest alert (hours when that
 * is at most 3 days), capped at `chunks` requests of the server's 1000
 * buckets (the newest kept).
 * With no data "all" is the last 30 days.
 */
export function timelineWindow(
  range: ChartRange,
  nowMs: number,
  offsetMinutes: number,
  extent: { min: number; max: number } | null,
  chunks = 1,
): TimelineWindow {
  let bucket: 'DAY' | 'HOUR' = 'DAY';
  let from: number;
  let to: number;
  if (range === 'all' && extent && extent.max >= extent.min) {
    const span = extent.max - extent.min;
    if (span <= 3 * DAY) bucket = 'HOUR';
    const step = bucket === 'DAY' ? DAY : HOUR;
    from = startOf(extent.min, step, offsetMinutes);
    to = startOf(extent.max, step, offsetMinutes) + step;
    if ((to - from) / step > chunks * MAX_BUCKETS) from = to - chunks * MAX_BUCKETS * step;
  } else {
    const days = range === '7d' ? 7 : 30;
    to = startOf(nowMs, DAY, offsetMinutes) + DAY;
    from = to - days * DAY;
  }
  const stepMs = bucket === 'DAY' ? DAY : HOUR;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), bucket, stepMs };
}

/** timelineChunks splits a window into requests of at most MAX_BUCKETS buckets, the newest first. */
export function timelineChunks(w: TimelineWindow): TimelineWindow[] {
  const out: TimelineWindow[] = [];
  const from = Date.parse(w.from);
  let to = Date.parse(w.to);
  while (to > from) {
    const f = Math.max(from, to - MAX_BUCKETS * w.stepMs);
    out.push({ ...w, from: new Date(f).toISOString(), to: new Date(to).toISOString() });
    to = f;
  }
  return out.length ? out : [w];
}

/** TimelineBucket as the server sends it. */
export interface Bucket {
  start: string;
  count: number;
  informational: number;
  low: number;
  medium: number;
  high: number;
}

/** ChartData: uPlot's columns: x in seconds, then high, medium, low, informational, stacked (each series includes those under it). */
export type ChartData = [number[], number[], number[], number[], number[]];

/** chartColumns turns buckets into uPlot's stacked columns (high on top). */
export function chartColumns(buckets: readonly Bucket[]): ChartData {
  const x: number[] = [];
  const inf: number[] = [];
  const low: number[] = [];
  const med: number[] = [];
  const high: number[] = [];
  for (const b of buckets) {
    x.push(Date.parse(b.start) / 1000);
    inf.push(b.informational);
    low.push(b.informational + b.low);
    med.push(b.informational + b.low + b.medium);
    high.push(b.informational + b.low + b.medium + b.high);
  }
  return [x, high, med, low, inf];
}

/** bucketRange: the [from, to] instants (to inclusive, the last millisecond) of the bucket starting at start, for the list's custom range. */
export function bucketRange(start: string, stepMs: number): { from: string; to: string } {
  const s = Date.parse(start);
  return { from: new Date(s).toISOString(), to: new Date(s + stepMs - 1).toISOString() };
}

/** bucketLabel: a bucket's start in the viewer's day (fixed offset, as the server counted). */
export function bucketLabel(start: string, stepMs: number, offsetMinutes: number): string {
  const d = new Date(Date.parse(start) + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return stepMs >= DAY ? date : `${date} ${pad(d.getUTCHours())}:00`;
}

/**
 * denseSpan: the shortest run of buckets that holds at least `share` of
 * all counts (so that a few outliers years away do not flatten the chart),
 * widened by `pad` buckets each side. Returns [first, last] indexes, or
 * null when there is nothing to show.
 */
export function denseSpan(counts: readonly number[], share = 0.95, pad = 1): [number, number] | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const need = Math.ceil(total * share);
  let best: [number, number] | null = null;
  let sum = 0;
  let i = 0;
  for (let j = 0; j < counts.length; j++) {
    sum += counts[j]!;
    while (sum - counts[i]! >= need && i < j) sum -= counts[i++]!;
    if (sum >= need && (!best || j - i < best[1] - best[0])) best = [i, j];
  }
  if (!best) return null;
  return [Math.max(0, best[0] - pad), Math.min(counts.length - 1, best[1] + pad)];
}
