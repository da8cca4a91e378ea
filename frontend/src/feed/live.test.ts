import { describe, expect, it } from 'vitest';
import { initialLive, liveReducer, pendingIds, type LiveState } from './live';

describe('liveReducer', () => {
  it('inserts pending ids, newest first, each once', () => {
    let s = liveReducer(initialLive, { type: 'insert', ids: ['2', '1'] });
    expect(s.inserted).toEqual(['2', '1']);
    s = liveReducer(s, { type: 'insert', ids: ['3', '2', '3'] });
    expect(s.inserted).toEqual(['3', '2', '1']);
  });

  it('returns the same state when nothing changes (no re-render)', () => {
    const s: LiveState = { inserted: ['1'] };
    expect(liveReducer(s, { type: 'insert', ids: [] })).toBe(s);
    expect(liveReducer(s, { type: 'insert', ids: ['1'] })).toBe(s);
    expect(liveReducer(initialLive, { type: 'reset' })).toBe(initialLive);
  });

  it('forgets inserted ids when the filters change', () => {
    expect(liveReducer({ inserted: ['1', '2'] }, { type: 'reset' })).toEqual(initialLive);
  });
});

describe('pendingIds', () => {
  const events = [{ id: '5' }, { id: '4' }, { id: '3' }, { id: '2' }, { id: '1' }, { id: '5' }];
  it('counts arrivals that are not inserted, not listed and match the filters, newest first, once', () => {
    const got = pendingIds(events, { inserted: ['4'] }, new Set(['2']), (e) => e.id !== '1');
    expect(got).toEqual(['5', '3']);
  });
  it('is empty once everything is inserted', () => {
    const s = liveReducer(initialLive, { type: 'insert', ids: pendingIds(events, initialLive, new Set(), () => true) });
    expect(pendingIds(events, s, new Set(), () => true)).toEqual([]);
  });
});
