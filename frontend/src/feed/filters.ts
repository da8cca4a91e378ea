import { CATEGORIES } from '../components/labels';
import type {
  AlertOrder,
  AlertStatus,
  AlertWhereInput,
  IncidentOrder,
  IncidentStatus,
  IncidentWhereInput,
  ResourceCategory,
  ResourceWhereInput,
  Severity,
  Tactic,
} from '../gql/graphql';
import { TACTICS, tacticFromSlug, tacticSlug } from '../killchain/tactics';
import { parseInstant } from '../time/format';

// The list's filters live in the URL (so that they survive reload, can be
// shared and go back with the browser). This module is the one translation
// between the URL, the filter state and the GraphQL variables.

/** SEVERITIES from the most to the least severe. */
export const SEVERITIES: readonly Severity[] = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
/** STATUSES in workflow order; alerts and incidents share them. */
export const STATUSES: readonly AlertStatus[] = ['ACTIVE', 'IN_PROGRESS', 'RESOLVED', 'DISMISSED'];
export const RANGES = ['all', '24h', '7d', '30d', 'custom'] as const;
export type Range = (typeof RANGES)[number];
export const SHOWS = ['all', 'incidents', 'alerts', 'standalone'] as const;
/** Show: both kinds of rows, only incidents, only alerts, or only alerts in no incident. */
export type Show = (typeof SHOWS)[number];

export const SORTS = ['time-desc', 'time-asc', 'severity-desc', 'severity-asc'] as const;
/** Sort: by activity time or severity (then time), descending or ascending; both connections can order by these. */
export type Sort = (typeof SORTS)[number];

/** Filters of the security alerts list. Lists are kept in canonical order. */
export interface Filters {
  show: Show;
  severity: Severity[];
  status: AlertStatus[];
  tactic: Tactic[];
  /** Resource categories: an alert's own (partner alerts are PARTNER), an incident's resource's. */
  category: ResourceCategory[];
  range: Range;
  /** RFC 3339 instants; only used with range "custom". */
  from: string | null;
  to: string | null;
  q: string;
  /** A resource's node id: its alerts and incidents only. */
  resource: string | null;
  /** The list's order ("time-desc", newest first, is the default). */
  sort: Sort;
}

/** DEFAULT_FILTERS: everything, of all time (the demo data is from 2019). */
export const DEFAULT_FILTERS: Filters = {
  show: 'all',
  severity: [],
  status: [],
  tactic: [],
  category: [],
  range: 'all',
  from: null,
  to: null,
  q: '',
  resource: null,
  sort: 'time-desc',
};

const RANGE_MS: Record<Exclude<Range, 'all' | 'custom'>, number> = {
  '24h': 24 * 3600_000,
  '7d': 7 * 86400_000,
  '30d': 30 * 86400_000,
};

const slug = (s: string) => s.toLowerCase().replace(/_/g, '-');
const unslug = (s: string) => s.trim().toUpperCase().replace(/-/g, '_');

function pick<T extends string>(all: readonly T[], raw: string | null, parse: (s: string) => string = unslug): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(',').map(parse));
  return all.filter((v) => wanted.has(v)); // canonical order, duplicates and unknown values dropped
}

function instant(raw: string | null): string | null {
  if (!raw) return null;
  const d = parseInstant(raw);
  return d ? d.toISOString() : null;
}

/** parseFilters reads the filters from a URL search string; unknown values are ignored. */
export function parseFilters(search: string): Filters {
  const p = new URLSearchParams(search);
  const show = (SHOWS as readonly string[]).includes(p.get('show') ?? '') ? (p.get('show') as Show) : 'all';
  const rangeRaw = p.get('range') ?? 'all';
  const range = (RANGES as readonly string[]).includes(rangeRaw) ? (rangeRaw as Range) : 'all';
  const from = range === 'custom' ? instant(p.get('from')) : null;
  const to = range === 'custom' ? instant(p.get('to')) : null;
  return {
    show,
    severity: pick(SEVERITIES, p.get('severity')),
    status: pick(STATUSES, p.get('status')),
    tactic: pick(TACTICS, p.get('tactic'), (s) => tacticFromSlug(s) ?? ''),
    category: pick(CATEGORIES, p.get('category')),
    range: range === 'custom' && !from && !to ? 'all' : range,
    from,
    to,
    q: (p.get('q') ?? '').trim().slice(0, 200),
    resource: /^[\w-]{1,64}$/.test(p.get('resource') ?? '') ? p.get('resource') : null,
    sort: (SORTS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as Sort) : 'time-desc',
  };
}

/** filtersToSearch is the canonical URL search string ("" for the defaults, else "?…"). */
export function filtersToSearch(f: Filters): string {
  const p = new URLSearchParams();
  if (f.show !== 'all') p.set('show', f.show);
  if (f.severity.length) p.set('severity', f.severity.map(slug).join(','));
  if (f.status.length) p.set('status', f.status.map(slug).join(','));
  if (f.tactic.length) p.set('tactic', f.tactic.map(tacticSlug).join(','));
  if (f.category.length) p.set('category', f.category.map(slug).join(','));
  if (f.resource) p.set('resource', f.resource);
  if (f.range !== 'all' && (f.range !== 'custom' || f.from || f.to)) {
    p.set('range', f.range);
    if (f.range === 'custom') {
      if (f.from) p.set('from', f.from);
      if (f.to) p.set('to', f.to);
    }
  }
  const q = f.q.trim();
  if (q) p.set('q', q);
  if (f.sort !== 'time-desc') p.set('sort', f.sort);
  const s = p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return s ? `?${s}` : '';
}

/** isDefault: no filter is set. */
export function isDefault(f: Filters): boolean {
  return filtersToSearch(f) === '';
}

/** FeedVariables are the list query's filter variables (paging is added by the feed). */
export interface FeedVariables {
  incidentWhere: IncidentWhereInput | null;
  alertWhere: AlertWhereInput | null;
  tactics: Tactic[] | null;
  search: string | null;
  withIncidents: boolean;
  withAlerts: boolean;
  incidentOrder: IncidentOrder[];
  alertOrder: AlertOrder[];
}

/** orders is the sort as each connection's orderBy (severity ties are broken by time, the same way on both). */
export function orders(sort: Sort): { incidentOrder: IncidentOrder[]; alertOrder: AlertOrder[] } {
  const direction = sort.endsWith('asc') ? 'ASC' : 'DESC';
  const byTime = { incidentOrder: [{ field: 'LAST_ACTIVITY_TIME', direction }], alertOrder: [{ field: 'START_TIME', direction }] } as const;
  if (sort.startsWith('time')) return { incidentOrder: [...byTime.incidentOrder], alertOrder: [...byTime.alertOrder] };
  return {
    incidentOrder: [{ field: 'SEVERITY', direction }, ...byTime.incidentOrder],
    alertOrder: [{ field: 'SEVERITY', direction }, ...byTime.alertOrder],
  };
}

/** timeBounds turns the range into [since, until] instants; nowMs is rounded to the minute so variables stay stable. */
export function timeBounds(f: Filters, nowMs: number): { since: string | null; until: string | null } {
  if (f.range === 'all') return { since: null, until: null };
  if (f.range === 'custom') return { since: f.from, until: f.to };
  const now = Math.floor(nowMs / 60_000) * 60_000;
  return { since: new Date(now - RANGE_MS[f.range]).toISOString(), until: null };
}

const ms = (s: string) => parseInstant(s)?.getTime() ?? NaN;

const orNull = <T extends object>(o: T): T | null => (Object.keys(o).length ? o : null);

/**
 * feedVariables translates filters into the two queries' arguments. An
 * alert is in range when it started in it; an incident when it was active
 * in it (last activity after the start, first activity before the end).
 */
export function feedVariables(f: Filters, nowMs: number): FeedVariables {
  const { since, until } = timeBounds(f, nowMs);
  const incidentWhere: IncidentWhereInput = {};
  const alertWhere: AlertWhereInput = {};
  if (f.severity.length) {
    incidentWhere.severityIn = f.severity;
    alertWhere.severityIn = f.severity;
  }
  if (f.status.length) {
    incidentWhere.statusIn = f.status as IncidentStatus[];
    alertWhere.statusIn = f.status;
  }
  if (since) {
    incidentWhere.lastActivityTimeGTE = since;
    alertWhere.startTimeGTE = since;
  }
  if (until) {
    incidentWhere.firstActivityTimeLTE = until;
    alertWhere.startTimeLTE = until;
  }
  if (f.category.length) alertWhere.categoryIn = f.category;
  const resourceWhere: ResourceWhereInput = {};
  if (f.category.length) resourceWhere.categoryIn = f.category;
  if (f.resource) {
    resourceWhere.id = f.resource;
    alertWhere.hasResourceWith = [{ id: f.resource }];
  }
  if (Object.keys(resourceWhere).length) incidentWhere.hasResourceWith = [resourceWhere];
  if (f.show === 'standalone') alertWhere.hasIncidents = false;
  return {
    incidentWhere: orNull(incidentWhere),
    alertWhere: orNull(alertWhere),
    tactics: f.tactic.length ? f.tactic : null,
    search: f.q.trim() || null,
    withIncidents: f.show === 'all' || f.show === 'incidents',
    withAlerts: f.show !== 'incidents',
    ...orders(f.sort),
  };
}

/** The fields of an incident that the filters look at. */
export interface FilterableIncident {
  resource: { id?: string; category: ResourceCategory };
  severity: Severity;
  status: IncidentStatus;
  tactics: readonly Tactic[];
  title: string;
  description: string;
  firstActivityTime: string;
  lastActivityTime: string;
}

/**
 * matchesIncident says whether an incident (one that arrived live) belongs
 * in the list under these filters, with the same rules as the server.
 */
export function matchesIncident(f: Filters, inc: FilterableIncident, nowMs: number): boolean {
  if (f.show !== 'all' && f.show !== 'incidents') return false;
  if (f.severity.length && !f.severity.includes(inc.severity)) return false;
  if (f.status.length && !f.status.includes(inc.status)) return false;
  if (f.tactic.length && !inc.tactics.some((t) => f.tactic.includes(t))) return false;
  if (f.category.length && !f.category.includes(inc.resource.category)) return false;
  if (f.resource && inc.resource.id !== f.resource) return false;
  const { since, until } = timeBounds(f, nowMs);
  if (since && ms(inc.lastActivityTime) < ms(since)) return false;
  if (until && ms(inc.firstActivityTime) > ms(until)) return false;
  const q = f.q.trim().toLowerCase();
  if (q && !inc.title.toLowerCase().includes(q) && !inc.description.toLowerCase().includes(q)) return false;
  return true;
}
