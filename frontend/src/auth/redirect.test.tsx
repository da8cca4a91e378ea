import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { parse } from 'graphql';
import type { Client as WSClient, Sink } from 'graphql-ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import { FeedQuery } from '../feed/useFeed';
import { navigate } from '../router/router';
import { createClient } from '../urql/client';
import { onSocketClosed } from './exchange';
import { getSessionState, resetSession } from './session';

// A 401 anywhere (the session check at start, any GraphQL answer) takes the
// console to the login page, which comes back to where the analyst was.

// Any of the app's queries will do (a document written here would land in the app's bundle).
const vars = { first: 1, incidentsAfter: null, alertsAfter: null, incidentWhere: null, alertWhere: null, tactics: null, search: null, withIncidents: true, withAlerts: false };
const probe = (client: ReturnType<typeof createClient>, opts = {}) => client.query(FeedQuery, vars, opts).toPromise();

const unauthenticated = { errors: [{ message: 'authentication required', extensions: { code: 'UNAUTHENTICATED' } }] };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const noWS = { subscribe: () => () => {}, on: () => () => {}, dispose: () => {}, terminate: () => {} } as unknown as WSClient;

function stubServer(answer: (url: string) => Response) {
  vi.stubGlobal('fetch', async (url: string) => answer(String(url)));
}

beforeEach(() => {
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {} }));
});

afterEach(() => {
  cleanup(); // before the session is reset, which a mounted app would check again
  vi.unstubAllGlobals();
  resetSession();
  navigate('/', { replace: true });
});

describe('the urql client', () => {
  it.each([
    ['HTTP 401 with UNAUTHENTICATED', () => json(401, unauthenticated)],
    ['HTTP 401 without a GraphQL body', () => new Response('unauthorized', { status: 401, headers: { 'content-type': 'text/plain' } })],
    ['UNAUTHENTICATED in a 200 answer', () => json(200, { data: null, ...unauthenticated })],
  ])('signs out on %s', async (_name, answer) => {
    stubServer(answer);
    const onUnauthenticated = vi.fn();
    const r = await probe(createClient(noWS, onUnauthenticated));
    expect(r.error).toBeTruthy();
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['FORBIDDEN', () => json(200, { data: null, errors: [{ message: 'your role (reader) cannot do this', extensions: { code: 'FORBIDDEN' } }] })],
    ['HTTP 403', () => json(403, { errors: [{ message: 'forbidden' }] })],
    ['HTTP 500', () => new Response('boom', { status: 500 })],
    ['a good answer', () => json(200, { data: { incidents: null, alerts: null } })],
  ])('stays signed in on %s', async (_name, answer) => {
    stubServer(answer);
    const onUnauthenticated = vi.fn();
    await probe(createClient(noWS, onUnauthenticated));
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});

describe('the websocket', () => {
  it.each([
    [4401, 'signs out', 1, 0],
    [4403, 'signs out', 1, 0],
    [1006, 'checks the session again (an ended session’s upgrade is refused with HTTP 401)', 0, 1],
    [1001, 'checks the session again', 0, 1],
    [1000, 'does nothing (the lazy socket closed itself)', 0, 0],
  ])('closed with %i %s', (code, _what, signOuts, rechecks) => {
    const signOut = vi.fn();
    const recheck = vi.fn();
    onSocketClosed({ code }, signOut, recheck);
    expect(signOut).toHaveBeenCalledTimes(signOuts);
    expect(recheck).toHaveBeenCalledTimes(rechecks);
  });
});

// These render the whole app (and load the login page's chunk): slow on a loaded machine.
describe('a subscription', () => {
  // A document parsed here, not graphql(): codegen would put it in the app's bundle.
  const created = parse('subscription { incidentCreated { id } }');

  function fakeWS() {
    const sinks: Sink[] = [];
    const ws = { ...noWS, subscribe: (_p: unknown, sink: Sink) => (sinks.push(sink), () => {}) } as unknown as WSClient;
    return { ws, sinks };
  }

  it('that the server ends has the session checked again', async () => {
    const { ws, sinks } = fakeWS();
    const recheck = vi.fn();
    createClient(ws, vi.fn(), recheck).subscription(created, {}).subscribe(() => {});
    await vi.waitFor(() => expect(sinks).toHaveLength(1));
    sinks[0]!.complete();
    expect(recheck).toHaveBeenCalledTimes(1);
  });

  it('that the console ends does not', async () => {
    const { ws, sinks } = fakeWS();
    const recheck = vi.fn();
    const sub = createClient(ws, vi.fn(), recheck).subscription(created, {}).subscribe(() => {});
    await vi.waitFor(() => expect(sinks).toHaveLength(1));
    sub.unsubscribe();
    sinks[0]!.complete(); // graphql-ws completes the sink of a released subscription too
    expect(recheck).not.toHaveBeenCalled();
  });
});

describe('<App> signed out', { timeout: 15_000 }, () => {
  it('goes to /login?next=<the current path> when the session check says 401', async () => {
    stubServer((url) => (url === '/api/session' ? json(401, { error: 'not logged in' }) : json(401, unauthenticated)));
    navigate('/nowhere/at-all?x=1', { replace: true });
    render(<App client={createClient(noWS)} />);
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/nowhere/at-all?x=1');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('goes to the login page when a GraphQL answer says 401 while signed in', async () => {
    let expired = false;
    stubServer((url) =>
      url === '/api/session'
        ? json(200, { username: 'ana', role: 'responder', expiresAt: '2030-01-01T00:00:00Z' })
        : expired
          ? json(401, unauthenticated)
          : json(200, { data: { incidents: null, alerts: null } }),
    );
    navigate('/nowhere', { replace: true });
    const client = createClient(noWS);
    render(<App client={client} />);
    expect(await screen.findByTestId('user-name')).toBeTruthy();
    expect(screen.getByTestId('user-name').textContent).toBe('ana');
    expect(screen.getByTestId('user-role').textContent).toBe('Responder');
    expect(window.location.pathname).toBe('/nowhere');

    expired = true;
    await act(async () => {
      await probe(client, { requestPolicy: 'network-only' });
    });
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(getSessionState().status).toBe('anonymous');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/nowhere');
  });

  it('stays where it is when the session cannot be checked (the pages show their own errors)', async () => {
    stubServer(() => new Response('down', { status: 503 }));
    navigate('/nowhere', { replace: true });
    render(<App client={createClient(noWS)} />);
    await waitFor(() => expect(getSessionState().status).toBe('error'));
    expect(window.location.pathname).toBe('/nowhere');
    expect(screen.getByText('Page not found')).toBeTruthy();
  });
});
