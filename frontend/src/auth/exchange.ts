import { mapExchange, type CombinedError, type Exchange } from '@urql/core';

// The server answers any GraphQL request without a valid session with HTTP
// 401 and the code UNAUTHENTICATED; the websocket closes with 4401 or 4403
// when connection_init carries no valid session. Each of them means the
// console is signed out.

/** isUnauthenticated: the answer says the request had no valid session. */
export function isUnauthenticated(error: CombinedError | undefined): boolean {
  if (!error) return false;
  const res = error.response as { status?: number } | undefined;
  if (res?.status === 401) return true;
  return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** isAuthClose: a websocket close event that refused the connection's authentication. */
export function isAuthClose(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 4401 || code === 4403;
}

/**
 * onSocketClosed handles a closed websocket: a refused authentication signs
 * out; any other abnormal close has the session checked again. (An ended
 * session's cookie makes the server refuse the upgrade itself with HTTP 401,
 * which the browser reports only as close code 1006.)
 */
export function onSocketClosed(e: unknown, signOut: () => void, recheck: () => void) {
  if (isAuthClose(e)) signOut();
  else if ((e as { code?: unknown } | null)?.code !== 1000) recheck();
}

/** authExchange calls onUnauthenticated for every answer that says the session is gone. */
export function authExchange(onUnauthenticated: () => void): Exchange {
  return mapExchange({
    onResult(result) {
      if (isUnauthenticated(result.error)) onUnauthenticated();
    },
  });
}
