import { Link as FluentLink } from '@fluentui/react-components';
import { forwardRef, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A small router over the History API: deep links, back and forward, and
// links that still open in a new tab. Each history entry gets a key, so that
// a page can remember its scroll position per entry.

/** Location is the current URL and the key of its history entry. */
export interface Location {
  pathname: string;
  search: string;
  key: string;
}

const listeners = new Set<() => void>();
let current: Location = readLocation();

function newKey(): string {
  return Math.random().toString(36).slice(2, 10);
}

function readLocation(): Location {
  if (typeof window === 'undefined') return { pathname: '/', search: '', key: 'default' };
  let key = (window.history.state as { key?: string } | null)?.key;
  if (!key) {
    key = newKey();
    window.history.replaceState({ ...(window.history.state ?? {}), key }, '');
  }
  return { pathname: window.location.pathname, search: window.location.search, key };
}

function update() {
  const next = readLocation();
  if (next.pathname !== current.pathname || next.search !== current.search || next.key !== current.key) {
    current = next;
    listeners.forEach((l) => l());
  }
}

if (typeof window !== 'undefined') window.addEventListener('popstate', update);

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** useLocation re-renders on every navigation. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

/** navigate goes to a same-origin path (with search); replace keeps the history entry count. */
export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) throw new Error(`navigate: ${to} is not same-origin`);
  const state = { key: newKey() };
  if (opts.replace) window.history.replaceState(state, '', url.pathname + url.search + url.hash);
  else window.history.pushState(state, '', url.pathname + url.search + url.hash);
  update();
}

/** matchPath matches "/incidents/:id" against a pathname; params are URL-decoded. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const want = p[i]!;
    const got = s[i]!;
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return null;
      }
    } else if (want !== got) return null;
  }
  return params;
}

/** isPlainLeftClick: a click the router should handle (not a new-tab or download click). */
export function isPlainLeftClick(e: MouseEvent): boolean {
  return !e.defaultPrevented && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

/** LinkProps: an in-app path and the usual anchor attributes. */
export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'color'> {
  to: string;
  inline?: boolean;
}

/** Link is a Fluent link to an in-app path; modified clicks (new tab) are left to the browser. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ to, onClick, ...rest }, ref) {
  return (
    <FluentLink
      as="a"
      {...rest}
      ref={ref}
      href={to}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (!isPlainLeftClick(e) || rest.target) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
});
