import { CATEGORIES } from '../components/labels';
import type { ResourceCategory } from '../gql/graphql';

/** Groupable: what grouping reads of a resource. */
export interface Groupable {
  id: string;
  name: string;
  category: ResourceCategory;
  alerts: { totalCount: number };
  incidents: { totalCount: number };
}

/** Group: the resources of one category, most alerts first, with the category's totals. */
export interface Group<R extends Groupable> {
  category: ResourceCategory;
  resources: R[];
  alerts: number;
  incidents: number;
}

/**
 * groupByCategory groups resources by category in the overview's order
 * (empty categories left out); within a group the most alerts come first,
 * then the most incidents, then by name.
 */
export function groupByCategory<R extends Groupable>(resources: readonly R[]): Group<R>[] {
  const by = new Map<ResourceCategory, R[]>();
  for (const r of resources) {
    const list = by.get(r.category) ?? [];
    list.push(r);
    by.set(r.category, list);
  }
  const order = [...CATEGORIES, ...[...by.keys()].filter((c) => !CATEGORIES.includes(c))];
  return order.flatMap((category) => {
    const list = by.get(category);
    if (!list?.length) return [];
    const sorted = [...list].sort(
      (a, b) => b.alerts.totalCount - a.alerts.totalCount || b.incidents.totalCount - a.incidents.totalCount || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    return [
      {
        category,
        resources: sorted,
        alerts: sorted.reduce((n, r) => n + r.alerts.totalCount, 0),
        incidents: sorted.reduce((n, r) => n + r.incidents.totalCount, 0),
      },
    ];
  });
}
