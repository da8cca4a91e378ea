import { describe, expect, it } from 'vitest';
import { mergeFeed, type Stream } from './merge';

interface N {
  id: string;
  t: string;
}
const n = (id: string, minute: number): N => ({ id, t: `2024-01-01T00:${String(minute).padStart(2, '0')}:00Z` });
const key = (x: N) => ({ id: x.id, time: x.t });
const merge = (incidents: Stream<N> | null, alerts: Stream<N> | null, inserted?: N[]) =>
  mergeFeed<N, N>({ incidents, alerts, inserted, incidentKey: key, alertKey: key });
const ids = (r: ReturnType<typeof merge>) => r.rows.map((x) => `${x.kind[0]}${x.id}`);

describe('mergeFeed', () => {
  it('interleaves two complete streams newest first', () => {
    const r = merge({ nodes: [n('1', 50), n('2', 20)], hasMore: false }, { nodes: [n('a', 40), n('b', 30), n('c', 10)], hasMore: false });
    expect(ids(r)).toEqual(['i1', 'aa', 'ab', 'i2', 'ac']);
    expect(r.hasMore).toBe(false);
    expect(r.next).toBeNull();
  });

  it('puts an incident before an alert of the same instant', () => {
    const r = merge({ nodes: [n('1', 30)], hasMore: false }, { nodes: [n('a', 30)], hasMore: false });
    expect(ids(r)).toEqual(['i1', 'aa']);
  });

  it('holds back rows that unfetched rows of the other stream could precede, and pages that stream next', () => {
    // Alerts are fetched down to minute 40 and have more: an unfetched alert may be at 39,
    // so incident 2 (minute 20) must wait; incident 1 (minute 50) is certain.
    const r = merge({ nodes: [n('1', 50), n('2', 20)], hasMore: false }, { nodes: [n('a', 45), n('b', 40)], hasMore: true });
    expect(ids(r)).toEqual(['i1', 'aa', 'ab']);
    expect(r.next).toBe('alert');
    expect(r.hasMore).toBe(true);
  });

  it('at a tie with the other stream’s last row, shows incidents (they sort first) but holds alerts', () => {
    const heldAlert = merge({ nodes: [n('1', 40)], hasMore: true }, { nodes: [n('a', 40)], hasMore: false });
    expect(ids(heldAlert)).toEqual(['i1']);
    const shownIncident = merge({ nodes: [n('1', 40)], hasMore: false }, { nodes: [n('a', 40)], hasMore: true });
    expect(ids(shownIncident)).toEqual(['i1', 'aa']);
  });

  it('pages the stream whose last row is newest when both have more', () => {
    const r = merge({ nodes: [n('1', 50), n('2', 30)], hasMore: true }, { nodes: [n('a', 45), n('b', 35)], hasMore: true });
    expect(ids(r)).toEqual(['i1', 'aa', 'ab']);
    expect(r.next).toBe('alert');
  });

  it('pages a stream that has more but nothing fetched yet', () => {
    const r = merge({ nodes: [], hasMore: true }, { nodes: [n('a', 45)], hasMore: false });
    expect(r.next).toBe('incident');
    expect(r.hasMore).toBe(true);
  });

  it('works with one kind filtered out', () => {
    const r = merge(null, { nodes: [n('a', 45), n('b', 44)], hasMore: true });
    expect(ids(r)).toEqual(['aa', 'ab']);
    expect(r.next).toBe('alert');
  });

  it('shows a row that was paged twice once', () => {
    const r = merge({ nodes: [n('1', 50), n('1', 50)], hasMore: false }, { nodes: [], hasMore: false });
    expect(ids(r)).toEqual(['i1']);
  });

  it('merges inserted incidents by time, once, and only where the list is certain', () => {
    const r = merge(
      { nodes: [n('1', 50)], hasMore: false },
      { nodes: [n('a', 45), n('b', 30)], hasMore: true },
      [n('new', 55), n('1', 50), n('old', 10)],
    );
    expect(ids(r)).toEqual(['inew', 'i1', 'aa', 'ab']);
  });

  it('keeps the server order of rows at the same instant', () => {
    const r = merge(null, { nodes: [n('z', 30), n('a', 30), n('m', 30)], hasMore: false });
    expect(ids(r)).toEqual(['az', 'aa', 'am']);
  });
});

describe('mergeFeed by severity', () => {
  type N = { id: string; t: string; s: string };
  const key = (n: N) => ({ id: n.id, time: n.t, severity: n.s });
  it('interleaves both streams by severity, then time, as the servers order them', () => {
    const out = mergeFeed<N, N>({
      incidents: { nodes: [{ id: 'i1', t: '2019-01-01T00:00:00Z', s: 'HIGH' }, { id: 'i2', t: '2019-01-03T00:00:00Z', s: 'LOW' }], hasMore: false },
      alerts: {
        nodes: [
          { id: 'a1', t: '2019-01-02T00:00:00Z', s: 'HIGH' },
          { id: 'a2', t: '2019-01-05T00:00:00Z', s: 'MEDIUM' },
        ],
        hasMore: true,
      },
      incidentKey: key,
      alertKey: key,
      order: { by: 'severity', desc: true },
    });
    // a2 (medium) is the alerts' last fetched row: i2 (low) could still have unfetched medium alerts before it.
    expect(out.rows.map((r) => r.id)).toEqual(['a1', 'i1', 'a2']);
    expect(out.next).toBe('alert');
  });
});
