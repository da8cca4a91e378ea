import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, feedVariables, filtersToSearch, matchesIncident, parseFilters, type Filters } from './filters';

const NOW = Date.parse('2024-03-10T12:00:30Z');

describe('filters ⇄ URL', () => {
  it('the defaults are the empty search string, and an empty search gives the defaults', () => {
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe('');
    expect(parseFilters('')).toEqual(DEFAULT_FILTERS);
    expect(parseFilters('?')).toEqual(DEFAULT_FILTERS);
  });

  it('round-trips every kind of filter', () => {
    const f: Filters = {
      show: 'incidents',
      severity: ['HIGH', 'LOW'],
      status: ['ACTIVE', 'IN_PROGRESS'],
      tactic: ['INITIAL_ACCESS', 'COMMAND_AND_CONTROL'],
      category: ['SERVERS', 'DATA_SERVICES'],
      range: 'custom',
      from: '2019-01-05T00:00:00.000Z',
      to: '2019-01-06T12:30:00.000Z',
      q: 'rdp brute, force & <b>',
      resource: '4294967302',
      sort: 'severity-desc',
    };
    const search = filtersToSearch(f);
    expect(search).toBe(
      '?show=incidents&severity=high,low&status=active,in-progress&tactic=initial-access,command-and-control&category=servers,data-services&resource=4294967302&range=custom&from=2019-01-05T00:00:00.000Z&to=2019-01-06T12:30:00.000Z&q=rdp+brute,+force+%26+%3Cb%3E&sort=severity-desc',
    );
    expect(parseFilters(search)).toEqual(f);
  });

  it('writes lists in canonical order whatever order the URL had, and drops duplicates and unknown values', () => {
    const f = parseFilters('?severity=low,HIGH,bogus,low&status=resolved,active&tactic=impact,nonsense,reconnaissance&show=everything');
    expect(f.severity).toEqual(['HIGH', 'LOW']);
    expect(f.status).toEqual(['ACTIVE', 'RESOLVED']);
    expect(f.tactic).toEqual(['RECONNAISSANCE', 'IMPACT']);
    expect(f.show).toBe('all');
    expect(filtersToSearch(f)).toBe('?severity=high,low&status=active,resolved&tactic=reconnaissance,impact');
  });

  it('accepts the enum names of tactics as well as their slugs', () => {
    expect(parseFilters('?tactic=COMMAND_AND_CONTROL').tactic).toEqual(['COMMAND_AND_CONTROL']);
  });

  it('keeps from/to only for a custom range, and a custom range with no valid bound is "all"', () => {
    expect(parseFilters('?range=7d&from=2019-01-01T00:00:00Z')).toMatchObject({ range: '7d', from: null, to: null });
    expect(parseFilters('?range=custom&from=garbage')).toMatchObject({ range: 'all', from: null, to: null });
    expect(parseFilters('?range=custom&from=2019-01-01T00:00:00Z')).toMatchObject({ range: 'custom', from: '2019-01-01T00:00:00.000Z', to: null });
    expect(parseFilters('?range=forever').range).toBe('all');
  });

  it('trims and bounds the search text', () => {
    expect(parseFilters('?q=%20%20vm1%20').q).toBe('vm1');
    expect(parseFilters(`?q=${'x'.repeat(500)}`).q).toHaveLength(200);
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: '   ' })).toBe('');
  });
});

describe('feedVariables', () => {
  it('asks for everything by default', () => {
    expect(feedVariables(DEFAULT_FILTERS, NOW)).toEqual({
      incidentWhere: null,
      alertWhere: null,
      tactics: null,
      search: null,
      withIncidents: true,
      withAlerts: true,
      incidentOrder: [{ field: 'LAST_ACTIVITY_TIME', direction: 'DESC' }],
      alertOrder: [{ field: 'START_TIME', direction: 'DESC' }],
    });
  });

  it('filters both kinds by a resource, with its category', () => {
    const v = feedVariables({ ...DEFAULT_FILTERS, resource: '42', category: ['SERVERS'] }, NOW);
    expect(v.alertWhere).toEqual({ categoryIn: ['SERVERS'], hasResourceWith: [{ id: '42' }] });
    expect(v.incidentWhere).toEqual({ hasResourceWith: [{ categoryIn: ['SERVERS'], id: '42' }] });
  });

  it('orders both connections the same way: severity, then time', () => {
    expect(feedVariables({ ...DEFAULT_FILTERS, sort: 'severity-desc' }, NOW)).toMatchObject({
      incidentOrder: [{ field: 'SEVERITY', direction: 'DESC' }, { field: 'LAST_ACTIVITY_TIME', direction: 'DESC' }],
      alertOrder: [{ field: 'SEVERITY', direction: 'DESC' }, { field: 'START_TIME', direction: 'DESC' }],
    });
    expect(feedVariables({ ...DEFAULT_FILTERS, sort: 'time-asc' }, NOW)).toMatchObject({
      incidentOrder: [{ field: 'LAST_ACTIVITY_TIME', direction: 'ASC' }],
      alertOrder: [{ field: 'START_TIME', direction: 'ASC' }],
    });
  });

  it('ignores an unknown sort or a malformed resource id in the URL', () => {
    const f = parseFilters('?sort=bogus&resource=%3Cscript%3E');
    expect(f.sort).toBe('time-desc');
    expect(f.resource).toBeNull();
    expect(parseFilters('?sort=severity-asc').sort).toBe('severity-asc');
  });

  it("filters alerts by their own category and incidents by their resource's", () => {
    const v = feedVariables({ ...DEFAULT_FILTERS, category: ['PARTNER'] }, NOW);
    expect(v.alertWhere).toEqual({ categoryIn: ['PARTNER'] });
    expect(v.incidentWhere).toEqual({ hasResourceWith: [{ categoryIn: ['PARTNER'] }] });
  });

  it('maps severity, status, tactics and search onto both connections', () => {
    const v = feedVariables({ ...DEFAULT_FILTERS, severity: ['HIGH'], status: ['ACTIVE'], tactic: ['IMPACT'], q: ' vm1 ' }, NOW);
    expect(v.incidentWhere).toEqual({ severityIn: ['HIGH'], statusIn: ['ACTIVE'] });
    expect(v.alertWhere).toEqual({ severityIn: ['HIGH'], statusIn: ['ACTIVE'] });
    expect(v.tactics).toEqual(['IMPACT']);
    expect(v.search).toBe('vm1');
  });

  it('resolves a relative range against now, rounded down to the minute (stable variables)', () => {
    const v = feedVariables({ ...DEFAULT_FILTERS, range: '24h' }, NOW);
    expect(v.alertWhere).toEqual({ startTimeGTE: '2024-03-09T12:00:00.000Z' });
    expect(v.incidentWhere).toEqual({ lastActivityTimeGTE: '2024-03-09T12:00:00.000Z' });
    expect(feedVariables({ ...DEFAULT_FILTERS, range: '24h' }, NOW + 20_000)).toEqual(v);
    expect(feedVariables({ ...DEFAULT_FILTERS, range: '30d' }, NOW).alertWhere).toEqual({ startTimeGTE: '2024-02-09T12:00:00.000Z' });
  });

  it('keeps alerts that started in a custom range and incidents active in it', () => {
    const v = feedVariables({ ...DEFAULT_FILTERS, range: 'custom', from: '2019-01-05T00:00:00.000Z', to: '2019-01-06T00:00:00.000Z' }, NOW);
    expect(v.alertWhere).toEqual({ startTimeGTE: '2019-01-05T00:00:00.000Z', startTimeLTE: '2019-01-06T00:00:00.000Z' });
    expect(v.incidentWhere).toEqual({ lastActivityTimeGTE: '2019-01-05T00:00:00.000Z', firstActivityTimeLTE: '2019-01-06T00:00:00.000Z' });
  });

  it('chooses the connections from "show"', () => {
    expect(feedVariables({ ...DEFAULT_FILTERS, show: 'incidents' }, NOW)).toMatchObject({ withIncidents: true, withAlerts: false });
    expect(feedVariables({ ...DEFAULT_FILTERS, show: 'alerts' }, NOW)).toMatchObject({ withIncidents: false, withAlerts: true, alertWhere: null });
    expect(feedVariables({ ...DEFAULT_FILTERS, show: 'standalone' }, NOW)).toMatchObject({
      withIncidents: false,
      withAlerts: true,
      alertWhere: { hasIncidents: false },
    });
  });
});

describe('matchesIncident (for incidents that arrive live)', () => {
  const inc = {
    severity: 'HIGH' as const,
    status: 'ACTIVE' as const,
    tactics: ['INITIAL_ACCESS', 'EXECUTION'] as const,
    title: 'Security incident detected on vm1',
    description: 'RDP brute force from 183.95.154.13',
    firstActivityTime: '2024-03-10T10:00:00Z',
    lastActivityTime: '2024-03-10T11:00:00.1234567Z',
    resource: { category: 'SERVERS' as const },
  };
  it.each<[string, Partial<Filters>, boolean]>([
    ['no filters', {}, true],
    ['its severity', { severity: ['HIGH', 'LOW'] }, true],
    ['another severity', { severity: ['LOW'] }, false],
    ['another status', { status: ['RESOLVED'] }, false],
    ['one of its tactics', { tactic: ['EXECUTION', 'IMPACT'] }, true],
    ['none of its tactics', { tactic: ['IMPACT'] }, false],
    ['text in the description, any case', { q: '183.95.154' }, true],
    ['text in the title, any case', { q: 'VM1' }, true],
    ['text it does not hold', { q: 'vm2' }, false],
    ['last 24 hours', { range: '24h' }, true],
    ['a custom range that ended before it began', { range: 'custom', from: null, to: '2024-03-10T09:00:00.000Z' }, false],
    ['a custom range that started after its last activity', { range: 'custom', from: '2024-03-10T11:30:00.000Z', to: null }, false],
    ['its resource category', { category: ['SERVERS'] }, true],
    ['another resource category', { category: ['DATA_SERVICES'] }, false],
    ['alerts only', { show: 'alerts' }, false],
    ['alerts in no incident', { show: 'standalone' }, false],
  ])('%s → %s', (_name, f, want) => {
    expect(matchesIncident({ ...DEFAULT_FILTERS, ...f }, inc, NOW)).toBe(want);
  });
});
