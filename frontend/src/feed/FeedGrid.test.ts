import { describe, expect, it } from 'vitest';
import { incidentResource, nextSort } from './FeedGrid';

describe('column sorting', () => {
  it('a new column sorts descending first; the same column flips', () => {
    expect(nextSort('time-desc', 'severity')).toBe('severity-desc');
    expect(nextSort('severity-desc', 'severity')).toBe('severity-asc');
    expect(nextSort('severity-asc', 'severity')).toBe('severity-desc');
    expect(nextSort('severity-asc', 'time')).toBe('time-desc');
    expect(nextSort('time-desc', 'time')).toBe('time-asc');
  });
});

describe('the resource column of an incident', () => {
  const resource = { id: '1', name: 'vm1', type: 'Microsoft.Compute/virtualMachines', resourceId: '/subscriptions/s/vm1', category: 'VM' } as never;
  it('shows a multi-resource incident as how many resources, then the first', () => {
    expect(incidentResource({ multiResource: true, resourceCount: 3, resource })).toEqual({
      resource: '3 resources · vm1',
      resourceTitle: '3 resources; the first: Microsoft.Compute/virtualMachines: /subscriptions/s/vm1',
    });
  });
  it('shows a per-resource incident as its resource', () => {
    expect(incidentResource({ multiResource: false, resourceCount: 1, resource })).toEqual({
      resource: 'vm1',
      resourceTitle: 'Microsoft.Compute/virtualMachines: /subscriptions/s/vm1',
    });
  });
});
