// @vitest-environment node
import type { Client as WSClient } from 'graphql-ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FeedNewerQuery, FeedQuery } from '../feed/useFeed';
import { createClient } from './client';

// The real client (normalised cache, the pagination resolver, the fetch
// exchange) against a fake /graphql that serves pages of incidents.

const incident = (n: number) => ({
  __typename: 'Incident',
  id: `i${n}`,
  title: `Security incident detected on vm${n}`,
  severity: 'HIGH',
  status: 'ACTIVE',
  isActive: true,
  tactics: ['EXECUTION'],
  lastActivityTime: `2024-01-01T00:${String(60 - n).padStart(2, '0')}:00Z`,
  alertCount: 2,
  multiResource: false,
  resourceCount: 1,
  resource: { __typename: 'Resource', id: `r${n}`, name: `vm${n}`, type: 'Microsoft.Compute/virtualMachines', resourceId: `/vm${n}`, category: 'SERVERS' },
});

function connection(ns: number[], info: { hasNextPage: boolean; hasPreviousPage: boolean }, total: number) {
  return {
    __typename: 'IncidentConnection',
    totalCount: total,
    pageInfo: { __typename: 'PageInfo', ...info, startCursor: ns.length ? `c${ns[0]}` : null, endCursor: ns.length ? `c${ns[ns.length - 1]}` : null },
    edges: ns.map((n) => ({ __typename: 'IncidentEdge', cursor: `c${n}`, node: incident(n) })),
  };
}

/** The server: incidents 0..5 newest first; the first page of the test's list starts at 1. */
function serve(body: { variables: Record<string, unknown> }) {
  const v = body.variables;
  const all = [0, 1, 2, 3, 4, 5];
  let page: number[];
  let info: { hasNextPage: boolean; hasPreviousPage: boolean };
  if (typeof v.last === 'number') {
    const before = Number(String(v.incidentsBefore).slice(1));
    page = all.filter((n) => n < before).slice(-v.last);
    info = { hasNextPage: true, hasPreviousPage: page[0] !== 0 };
  } else {
    const after = v.incidentsAfter ? Number(String(v.incidentsAfter).slice(1)) : 0; // the list was first loaded before incident 0 existed
    const rest = all.filter((n) => n > after);
    page = rest.slice(0, v.first as number);
    info = { hasNextPage: rest.length > page.length, hasPreviousPage: false };
  }
  const where = v.incidentWhere as { severityIn?: string[] } | null;
  if (where?.severityIn?.includes('LOW')) page = [];
  return { data: { incidents: connection(page, info, 6) } };
}

const noWS = { subscribe: () => () => {}, on: () => () => {}, dispose: () => {}, terminate: () => {} } as unknown as WSClient;

function client() {
  const calls: Record<string, unknown>[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body));
    calls.push(body.variables);
    return new Response(JSON.stringify(serve(body)), { headers: { 'content-type': 'application/json' } });
  });
  return { c: createClient(noWS), calls };
}

const base = {
  first: 2,
  incidentsAfter: null,
  alertsAfter: null,
  incidentWhere: null,
  alertWhere: null,
  tactics: null,
  search: null,
  withIncidents: true,
  withAlerts: false,
};

const ids = (d: { incidents?: { edges?: ({ node?: { id: string } | null } | null)[] | null } | null } | undefined) =>
  (d?.incidents?.edges ?? []).map((e) => e?.node?.id);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('connectionPages', () => {
  it('joins the pages fetched forwards along their cursors, keeping the first page’s totalCount', async () => {
    const { c } = client();
    const first = await c.query(FeedQuery, base).toPromise();
    expect(ids(first.data)).toEqual(['i1', 'i2']);
    expect(first.data?.incidents?.pageInfo).toMatchObject({ hasNextPage: true, endCursor: 'c2' });

    const second = await c.query(FeedQuery, { ...base, incidentsAfter: 'c2' }).toPromise();
    expect(ids(second.data)).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(second.data?.incidents?.totalCount).toBe(6);
    expect(second.data?.incidents?.pageInfo).toMatchObject({ hasNextPage: true, endCursor: 'c4', startCursor: 'c1' });

    const third = await c.query(FeedQuery, { ...base, incidentsAfter: 'c4' }).toPromise();
    expect(ids(third.data)).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
    expect(third.data?.incidents?.pageInfo.hasNextPage).toBe(false);
  });

  it('puts the rows fetched backwards from the start (newer rows) in front', async () => {
    const { c } = client();
    await c.query(FeedQuery, base).toPromise();
    await c.query(FeedQuery, { ...base, incidentsAfter: 'c2' }).toPromise();
    const { first: _first, incidentsAfter: _after, alertsAfter: _a, ...filters } = base;
    const newer = await c
      .query(FeedNewerQuery, { ...filters, last: 200, incidentsBefore: 'c1', alertsBefore: null }, { requestPolicy: 'network-only' })
      .toPromise();
    expect(newer.data?.incidents?.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: 'c0' });
    const reread = await c.query(FeedQuery, { ...base, incidentsAfter: 'c2' }, { requestPolicy: 'cache-only' }).toPromise();
    expect(ids(reread.data)).toEqual(['i0', 'i1', 'i2', 'i3', 'i4']);
  });

  it('answers a page it has not fetched from the network, and one it has from the cache', async () => {
    const { c, calls } = client();
    await c.query(FeedQuery, base).toPromise();
    await c.query(FeedQuery, base).toPromise();
    expect(calls).toHaveLength(1);
    await c.query(FeedQuery, { ...base, incidentsAfter: 'c2' }).toPromise();
    expect(calls).toHaveLength(2);
  });

  it('keeps lists with other filters apart', async () => {
    const { c } = client();
    await c.query(FeedQuery, base).toPromise();
    const low = await c.query(FeedQuery, { ...base, incidentWhere: { severityIn: ['LOW'] } }).toPromise();
    expect(ids(low.data)).toEqual([]);
    const again = await c.query(FeedQuery, base, { requestPolicy: 'cache-only' }).toPromise();
    expect(ids(again.data)).toEqual(['i1', 'i2']);
  });
});
