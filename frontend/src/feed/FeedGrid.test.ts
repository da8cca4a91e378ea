import { describe, expect, it } from 'vitest';
import { nextSort } from './FeedGrid';

describe('column sorting', () => {
  it('a new column sorts descending first; the same column flips', () => {
    expect(nextSort('time-desc', 'severity')).toBe('severity-desc');
    expect(nextSort('severity-desc', 'severity')).toBe('severity-asc');
    expect(nextSort('severity-asc', 'severity')).toBe('severity-desc');
    expect(nextSort('severity-asc', 'time')).toBe('time-desc');
    expect(nextSort('time-desc', 'time')).toBe('time-asc');
  });
});
