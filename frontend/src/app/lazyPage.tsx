import { useEffect, useReducer, type ComponentType } from 'react';
import { Loading } from '../components/states';

/** LazyPage is a page loaded on first use, with preload() to fetch it ahead. */
export type LazyPage<P> = ComponentType<P> & { preload: () => Promise<void> };

/**
 * lazyPage loads a page's chunk on first use, like React.lazy but without
 * Suspense: React holds a revealed Suspense boundary's content back for
 * ~300 ms after its fallback showed, which delayed each page's first query
 * by that much. Once loaded (or preloaded) the page renders at once.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>, label = 'Loading…'): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  let failed: unknown = null;
  const preload = () =>
    (pending ??= load().then(
      (m) => {
        loaded = m.default;
        failed = null;
      },
      (e: unknown) => {
        pending = null; // a later visit tries again
        failed = e;
      },
    ));
  function Page(props: P) {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    useEffect(() => {
      if (!loaded) void preload().then(rerender);
    }, []);
    if (!loaded && failed) {
      const e = failed;
      failed = null;
      throw e; // the ErrorBoundary shows it; navigating away and back retries
    }
    if (!loaded) return <Loading label={label} />;
    const C = loaded;
    return <C {...props} />;
  }
  return Object.assign(Page, { preload });
}
