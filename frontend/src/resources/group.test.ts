import { describe, expect, it } from 'vitest';
import { groupByCategory, type Groupable } from './group';

const r = (id: string, name: string, category: Groupable['category'], alerts: number, incidents = 0): Groupable => ({
  id,
  name,
  category,
  alerts: { totalCount: alerts },
  incidents: { totalCount: incidents },
});

describe('groupByCategory', () => {
  it('groups in the overview’s category order, most alerts first, with totals', () => {
    const groups = groupByCategory([
      r('1', 'sql1', 'DATA_SERVICES', 2, 0),
      r('2', 'vm1', 'SERVERS', 6, 1),
      r('3', 'vm2', 'SERVERS', 9, 2),
      r('4', 'vm0', 'SERVERS', 6, 3),
      r('5', 'kv', 'SERVICE_LAYER', 1),
    ]);
    expect(groups.map((g) => g.category)).toEqual(['SERVERS', 'DATA_SERVICES', 'SERVICE_LAYER']);
    expect(groups[0]!.resources.map((x) => x.name)).toEqual(['vm2', 'vm0', 'vm1']);
    expect(groups[0]).toMatchObject({ alerts: 21, incidents: 6 });
  });

  it('leaves out empty categories and ties break by name', () => {
    const groups = groupByCategory([r('2', 'b', 'PARTNER', 1), r('1', 'a', 'PARTNER', 1)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.resources.map((x) => x.name)).toEqual(['a', 'b']);
    expect(groupByCategory([])).toEqual([]);
  });
});
