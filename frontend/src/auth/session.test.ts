import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSessionState, loadSession, login, logout, recheckSession, resetSession, retryAfterSeconds } from './session';

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function stubFetch(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return answer(url, init);
  });
  return calls;
}

const admin = { username: 'admin', role: 'admin', expiresAt: '2030-01-01T00:00:00Z' };

afterEach(() => {
  vi.unstubAllGlobals();
  resetSession();
});

describe('login', () => {
  it('posts the credentials as JSON to /api/login and returns the session', async () => {
    const calls = stubFetch(() => json(200, admin));
    expect(await login('admin', 'pa"ss')).toEqual({ ok: true, session: admin });
    expect(calls[0]!.url).toBe('/api/login');
    expect(calls[0]!.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ username: 'admin', password: 'pa"ss' });
  });

  it('returns the server’s message for a wrong password', async () => {
    stubFetch(() => json(401, { error: 'wrong username or password' }));
    expect(await login('admin', 'nope')).toEqual({ ok: false, status: 401, message: 'wrong username or password' });
  });

  it('returns the seconds to wait from Retry-After when throttled', async () => {
    stubFetch(() => json(429, { error: 'too many failed logins, try again in 37s' }, { 'retry-after': '37' }));
    expect(await login('admin', 'nope')).toEqual({ ok: false, status: 429, message: 'too many failed logins, try again in 37s', retryAfter: 37 });
  });

  it('says what failed when the answer is not the API’s', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(await login('admin', 'x')).toEqual({ ok: false, status: 502, message: 'Signing in failed (HTTP 502).' });
    stubFetch(() => json(400, { error: 'request body is not JSON' }));
    expect(await login('admin', 'x')).toMatchObject({ status: 400, message: 'request body is not JSON' });
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await login('admin', 'x')).toMatchObject({ ok: false, status: 0, message: expect.stringMatching(/could not be reached/) });
  });
});

describe('retryAfterSeconds', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('37')).toBe(37);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});

describe('loadSession', () => {
  it('is signed in with the session the server reports', async () => {
    stubFetch(() => json(200, admin));
    await loadSession();
    expect(getSessionState()).toEqual({ status: 'signed-in', session: admin });
  });

  it('is signed out on 401', async () => {
    stubFetch(() => json(401, { error: 'not logged in' }));
    await loadSession();
    expect(getSessionState()).toEqual({ status: 'anonymous' });
  });

  it('is unknown (not signed out) when the server cannot say, and asks again', async () => {
    vi.useFakeTimers();
    try {
      let n = 0;
      const calls = stubFetch(() => (n++ === 0 ? json(503, { error: 'starting' }) : json(200, admin)));
      await loadSession();
      expect(getSessionState()).toMatchObject({ status: 'error' });
      await vi.advanceTimersByTimeAsync(2_000);
      expect(calls).toHaveLength(2);
      expect(getSessionState()).toMatchObject({ status: 'signed-in' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('recheckSession', () => {
  it('asks again only when signed in, and a failure then keeps the session shown', async () => {
    const calls = stubFetch(() => json(503, { error: 'restarting' }));
    recheckSession();
    expect(calls).toHaveLength(0); // not signed in: nothing to check

    stubFetch(() => json(200, admin));
    await loadSession();
    const again = stubFetch(() => json(503, { error: 'restarting' }));
    recheckSession();
    await vi.waitFor(() => expect(again).toHaveLength(1));
    expect(getSessionState()).toEqual({ status: 'signed-in', session: admin });

    stubFetch(() => json(401, { error: 'not logged in' }));
    recheckSession();
    await vi.waitFor(() => expect(getSessionState()).toEqual({ status: 'anonymous' }));
  });
});

describe('logout', () => {
  it('posts /api/logout; gone on 204 and on 401, not on a network error', async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    expect(await logout()).toBe(true);
    expect(calls[0]).toMatchObject({ url: '/api/logout', init: { method: 'POST' } });
    stubFetch(() => json(401, { error: 'not logged in' }));
    expect(await logout()).toBe(true);
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await logout()).toBe(false);
  });
});
