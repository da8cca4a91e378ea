import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketRange, chartColumns, denseSpan, startOf, timelineChunks, timelineWindow, viewerOffset } from './timeline';

const DAY = 86400_000;

describe('timeline windows', () => {
  it('aligns days to the viewer’s offset', () => {
    // 2019-01-05 03:00 UTC is 2019-01-04 22:00 in UTC-05:00: that day starts 2019-01-04 05:00 UTC.
    expect(new Date(startOf(Date.parse('2019-01-05T03:00:00Z'), DAY, -300)).toISOString()).toBe('2019-01-04T05:00:00.000Z');
    expect(new Date(startOf(Date.parse('2019-01-05T03:00:00Z'), DAY, 0)).toISOString()).toBe('2019-01-05T00:00:00.000Z');
    expect(new Date(startOf(Date.parse('2019-01-05T03:00:00Z'), DAY, 330)).toISOString()).toBe('2019-01-04T18:30:00.000Z');
  });

  it('the last 7 and 30 days end with the viewer’s today', () => {
    const now = Date.parse('2024-03-10T02:00:00Z'); // 2024-03-09 21:00 in New York (UTC-05:00)
    expect(timelineWindow('7d', now, -300, null)).toEqual({
      from: '2024-03-03T05:00:00.000Z',
      to: '2024-03-10T05:00:00.000Z',
      bucket: 'DAY',
      stepMs: DAY,
    });
    const w = timelineWindow('30d', now, 0, null);
    expect([w.from, w.to]).toEqual(['2024-02-10T00:00:00.000Z', '2024-03-11T00:00:00.000Z']);
  });

  it('"all" spans the days of the data, in hours when it is short, capped at 1000 buckets', () => {
    const extent = { min: Date.parse('2018-12-20T10:00:00Z'), max: Date.parse('2019-01-06T05:02:00Z') };
    expect(timelineWindow('all', 0, -300, extent)).toMatchObject({ from: '2018-12-20T05:00:00.000Z', to: '2019-01-07T05:00:00.000Z', bucket: 'DAY' });
    const short = { min: Date.parse('2019-01-05T01:02:00Z'), max: Date.parse('2019-01-06T05:02:00Z') };
    expect(timelineWindow('all', 0, 0, short)).toMatchObject({ from: '2019-01-05T01:00:00.000Z', to: '2019-01-06T06:00:00.000Z', bucket: 'HOUR' });
    const long = { min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2019-01-01T00:00:00Z') };
    const w = timelineWindow('all', 0, 0, long);
    expect((Date.parse(w.to) - Date.parse(w.from)) / DAY).toBe(1000);
    expect(w.to).toBe('2019-01-02T00:00:00.000Z');
    expect(timelineWindow('all', Date.parse('2024-03-10T12:00:00Z'), 0, null).from).toBe('2024-02-10T00:00:00.000Z');
  });

  it('reads the viewer’s offset without a negative zero', () => {
    expect(Object.is(viewerOffset(new Date('2024-01-01T00:00:00Z')), -0)).toBe(false);
    expect(viewerOffset(new Date('2024-01-15T00:00:00Z'))).toBe(process.env.TZ === 'America/New_York' ? -300 : 0);
    expect(viewerOffset(new Date('2024-07-15T00:00:00Z'))).toBe(process.env.TZ === 'America/New_York' ? -240 : 0);
  });
});

describe('chart data', () => {
  const buckets = [
    { start: '2019-01-05T05:00:00Z', count: 6, informational: 1, low: 2, medium: 0, high: 3 },
    { start: '2019-01-06T05:00:00Z', count: 0, informational: 0, low: 0, medium: 0, high: 0 },
  ];
  it('stacks the severities, high on top, x in seconds', () => {
    expect(chartColumns(buckets)).toEqual([[Date.parse('2019-01-05T05:00:00Z') / 1000, Date.parse('2019-01-06T05:00:00Z') / 1000], [6, 0], [3, 0], [3, 0], [1, 0]]);
  });
  it('a bucket opens the list on its own instants, the end inclusive', () => {
    expect(bucketRange('2019-01-05T05:00:00Z', DAY)).toEqual({ from: '2019-01-05T05:00:00.000Z', to: '2019-01-06T04:59:59.999Z' });
  });
  it('labels a bucket with the viewer’s day', () => {
    expect(bucketLabel('2019-01-05T05:00:00Z', DAY, -300)).toBe('2019-01-05');
    expect(bucketLabel('2019-01-05T05:00:00Z', 3600_000, -300)).toBe('2019-01-05 00:00');
  });
});

describe('denseSpan', () => {
  it('keeps the shortest run that holds 95% of the alerts, padded', () => {
    const counts = [2, 0, 0, 0, 0, 10, 50, 30, 8, 0, 0, 0, 3];
    // 103 alerts; 98 needed: days 5..8 hold 98.
    expect(denseSpan(counts)).toEqual([4, 9]);
    expect(denseSpan(counts, 1, 0)).toEqual([0, 12]);
  });
  it('is null with no alerts, and one bucket stays one bucket', () => {
    expect(denseSpan([0, 0])).toBeNull();
    expect(denseSpan([0, 5, 0], 0.95, 0)).toEqual([1, 1]);
  });
});

describe('timelineChunks', () => {
  it('splits a long window into requests of at most 1000 buckets, newest first', () => {
    const long = { min: Date.parse('2016-01-01T00:00:00Z'), max: Date.parse('2021-12-31T12:00:00Z') };
    const w = timelineWindow('all', 0, 0, long, 3);
    expect(w.from).toBe('2016-01-01T00:00:00.000Z');
    const c = timelineChunks(w);
    expect(c).toHaveLength(3);
    expect(c[0]!.to).toBe(w.to);
    expect(c[2]!.from).toBe(w.from);
    expect(c[0]!.from).toBe(c[1]!.to);
    for (const x of c) expect((Date.parse(x.to) - Date.parse(x.from)) / DAY).toBeLessThanOrEqual(1000);
  });
});
