import type { Cache, DataField, Resolver, Variables } from '@urql/exchange-graphcache';
import { stringifyVariables } from '@urql/core';

// A graphcache resolver that joins the cached pages of one Relay connection
// into a single list: the first page (no cursor), the pages fetched forwards
// from its end (`after`), and the pages of newer rows fetched backwards from
// its start (`before`, used when live rows are inserted). Unlike the stock
// relayPagination it keeps totalCount (from the first page) and joins pages
// only along their cursors, so a page left over from an older first page is
// not mixed in.

const PAGING = new Set(['first', 'last', 'after', 'before']);

function sameFilters(a: Variables, b: Variables): boolean {
  const strip = (v: Variables) =>
    stringifyVariables(Object.fromEntries(Object.entries(v).filter(([k, val]) => !PAGING.has(k) && val !== undefined)));
  return strip(a) === strip(b);
}

interface Page {
  args: Variables;
  key: string;
  edges: string[];
  startCursor: string | null;
  endCursor: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

function readPage(cache: Cache, parentKey: string, fieldKey: string, args: Variables): Page | null {
  const key = cache.resolve(parentKey, fieldKey);
  if (typeof key !== 'string') return null;
  const edges = (cache.resolve(key, 'edges') as (string | null)[] | null) ?? [];
  const info = cache.resolve(key, 'pageInfo');
  const get = (f: string) => (typeof info === 'string' ? cache.resolve(info, f) : null);
  const realEdges = edges.filter((e): e is string => typeof e === 'string');
  const cursorOf = (e: string | undefined) => (e ? (cache.resolve(e, 'cursor') as string | null) : null);
  return {
    args,
    key,
    edges: realEdges,
    startCursor: (get('startCursor') as string | null) ?? cursorOf(realEdges[0]),
    endCursor: (get('endCursor') as string | null) ?? cursorOf(realEdges[realEdges.length - 1]),
    hasNextPage: Boolean(get('hasNextPage')),
    hasPreviousPage: Boolean(get('hasPreviousPage')),
  };
}

/** connectionPages is the resolver for a paged Query connection field. */
export function connectionPages(): Resolver {
  return (_parent, args, cache, info) => {
    const { parentKey, fieldName } = info;
    const own = cache.resolve(parentKey, fieldName, args);
    if (typeof own !== 'string') return undefined; // not fetched yet: a cache miss
    const pages: Page[] = [];
    for (const f of cache.inspectFields(parentKey)) {
      if (f.fieldName !== fieldName || !f.arguments || !sameFilters(args, f.arguments)) continue;
      const p = readPage(cache, parentKey, f.fieldKey, f.arguments);
      if (p) pages.push(p);
    }
    const isHead = (p: Page) => p.args.after == null && p.args.before == null && typeof p.args.first === 'number' && p.args.first > 0;
    const head = pages.find((p) => isHead(p) && p.args.first === args.first) ?? pages.find(isHead);
    if (!head) return own;

    const chain: Page[] = [head];
    const used = new Set<Page>([head]);
    for (let cur = head; ; ) {
      const prev = pages.find((p) => !used.has(p) && p.args.before != null && p.args.before === cur.startCursor);
      if (!prev) break;
      chain.unshift(prev);
      used.add(prev);
      cur = prev;
    }
    let last = head;
    for (let cur = head; cur.hasNextPage; ) {
      const next = pages.find((p) => !used.has(p) && p.args.after != null && p.args.after === cur.endCursor);
      if (!next) break;
      chain.push(next);
      used.add(next);
      last = cur = next;
    }

    const seen = new Set<string>();
    const edges: string[] = [];
    for (const p of chain) {
      for (const e of p.edges) {
        const node = cache.resolve(e, 'node');
        if (typeof node === 'string') {
          if (seen.has(node)) continue;
          seen.add(node);
        }
        edges.push(e);
      }
    }
    const first = chain[0]!;
    return {
      __typename: cache.resolve(head.key, '__typename'),
      totalCount: cache.resolve(head.key, 'totalCount'),
      edges,
      pageInfo: {
        __typename: 'PageInfo',
        startCursor: first.startCursor,
        hasPreviousPage: first === head ? head.hasPreviousPage : first.hasPreviousPage,
        endCursor: last.endCursor,
        hasNextPage: last.hasNextPage,
      },
    } as unknown as DataField;
  };
}
