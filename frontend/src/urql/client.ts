import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange, subscriptionExchange, type ExecutionResult } from '@urql/core';
import { createClient as createWSClient, type Client as WSClient } from 'graphql-ws';
import { authExchange, isAuthClose, onSocketClosed } from '../auth/exchange';
import { recheckSession, signedOut } from '../auth/session';
import { connectionPages } from './pagination';
import { setLiveStatus } from './liveStatus';

/** graphqlWSURL is /graphql on this origin with the ws(s) scheme (same origin, no configured host). */
export function graphqlWSURL(loc: { protocol: string; host: string } = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/graphql`;
}

/**
 * createWS opens (lazily) the graphql-transport-ws connection and reports its
 * state. The browser sends the session cookie with the upgrade; a close that
 * refuses the authentication is not retried but signs the console out, and
 * any other abnormal close has the session checked again.
 */
export function createWS(onUnauthenticated: () => void = signedOut, recheck: () => void = recheckSession): WSClient {
  let wasConnected = false;
  return createWSClient({
    url: graphqlWSURL(),
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Infinity,
    shouldRetry: (e) => !isAuthClose(e),
    retryWait: async (retries) => {
      await new Promise((r) => setTimeout(r, Math.min(30_000, 1_000 * 2 ** retries) * (0.5 + Math.random() / 2)));
    },
    on: {
      connecting: () => setLiveStatus(wasConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        setLiveStatus(wasConnected ? 'reconnected' : 'live');
        wasConnected = true;
      },
      closed: (e) => {
        setLiveStatus(wasConnected && !isAuthClose(e) ? 'reconnecting' : 'offline');
        onSocketClosed(e, onUnauthenticated, recheck);
      },
    },
  });
}

const embedded = () => null;

/**
 * createClient is the app's urql client: a normalised cache (so a status set
 * anywhere shows everywhere, and incidentUpdated refreshes open views),
 * HTTP for queries and mutations, the websocket for subscriptions. An answer
 * that says the session is gone calls onUnauthenticated (by default the app
 * is signed out and shows the login page); a subscription the server ends
 * calls recheck (the session is asked again).
 */
export function createClient(ws: WSClient = createWS(), onUnauthenticated: () => void = signedOut, recheck: () => void = recheckSession): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    // Plain JSON answers. urql's default Accept also lists text/event-stream,
    // which makes the server answer over its SSE transport (subscriptions go
    // over the websocket here, nothing needs SSE).
    fetchOptions: { headers: { accept: 'application/graphql-response+json, application/json' } },
    exchanges: [
      cacheExchange({
        keys: {
          Property: embedded,
          ExtendedLink: embedded,
          EntityRelation: embedded,
          PageInfo: embedded,
          AlertConnection: embedded,
          AlertEdge: embedded,
          IncidentConnection: embedded,
          IncidentEdge: embedded,
          ResourceConnection: embedded,
          ResourceEdge: embedded,
          Correlation: embedded,
          TacticStep: embedded,
          LinkingEntity: embedded,
          IncidentLinkConnection: embedded,
          IncidentLinkEdge: embedded,
          IngestResult: embedded,
          Rejection: embedded,
        },
        resolvers: {
          Query: {
            incidents: connectionPages(),
            alerts: connectionPages(),
          },
        },
      }),
      authExchange(onUnauthenticated),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              let stopped = false;
              const unsubscribe = ws.subscribe(input, {
                next: (v) => sink.next(v as ExecutionResult), // the same result, typed by graphql-ws
                error: (e) => sink.error(e),
                complete: () => {
                  // The server ends the subscriptions of a session that ended (the socket stays open): ask who is signed in.
                  if (!stopped) recheck();
                  sink.complete();
                },
              });
              return {
                unsubscribe: () => {
                  stopped = true;
                  unsubscribe();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
