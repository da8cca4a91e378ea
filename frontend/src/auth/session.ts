import { useSyncExternalStore } from 'react';

// The signed-in analyst, as GET /api/session reports it. The session itself
// is an HttpOnly cookie the browser sends to same-origin requests: nothing
// here reads or stores a secret.

/** Session is who is signed in, with which role, until when. */
export interface Session {
  username: string;
  role: string;
  expiresAt: string;
}

/** SessionState: not asked yet, being asked, signed in, signed out, or the server could not say. */
export type SessionState =
  | { status: 'idle' | 'loading' | 'anonymous' }
  | { status: 'signed-in'; session: Session }
  | { status: 'error'; message: string };

let state: SessionState = { status: 'idle' };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;
let asked = 0; // the latest check's number: an older answer arriving later is ignored

function set(next: SessionState) {
  state = next;
  listeners.forEach((l) => l());
}

/** isSession checks the shape of a session answer. */
export function isSession(v: unknown): v is Session {
  const s = v as Session | null;
  return typeof s === 'object' && s !== null && typeof s.username === 'string' && typeof s.role === 'string' && typeof s.expiresAt === 'string';
}

// The longest delay setTimeout honours (about 24.8 days); longer ones fire at once.
const MAX_DELAY = 2 ** 31 - 1;

function schedule(ms: number) {
  clearTimeout(timer);
  timer = setTimeout(() => void loadSession(), Math.min(Math.max(ms, 0), MAX_DELAY));
}

/**
 * loadSession asks the server who is signed in. A 401 signs the console out
 * (the app then shows the login page). When the session is due to expire it
 * asks again, so an idle console returns to the login page on its own.
 */
export async function loadSession(): Promise<SessionState> {
  clearTimeout(timer);
  const mine = ++asked;
  if (state.status === 'idle') set({ status: 'loading' });
  let res: Response;
  try {
    res = await fetch('/api/session', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return mine === asked ? failed('The server could not be reached.') : state;
  }
  if (mine !== asked) return state;
  if (res.status === 401) {
    signedOut();
    return state;
  }
  const body: unknown = await res.json().catch(() => null);
  if (mine !== asked) return state;
  if (!res.ok || !isSession(body)) return failed(`The session could not be checked (HTTP ${res.status}).`);
  retries = 0;
  set({ status: 'signed-in', session: body });
  const expires = Date.parse(body.expiresAt);
  if (Number.isFinite(expires)) schedule(expires - Date.now() + 1_000);
  return state;
}

// Unknown is not signed out: the pages still ask (and show their own errors); the check is retried.
// A console already signed in stays so (the server restarting is no reason to hide who is signed in).
function failed(message: string): SessionState {
  if (state.status !== 'signed-in') set({ status: 'error', message });
  schedule(Math.min(30_000, 2_000 * 2 ** retries++));
  return state;
}

/** recheckSession asks the server again when the console is signed in (the websocket dropped, say). */
export function recheckSession() {
  if (state.status === 'signed-in') void loadSession();
}

/** signedOut records that the server no longer knows this console's session (a 401 anywhere). */
export function signedOut() {
  clearTimeout(timer);
  if (state.status !== 'anonymous') set({ status: 'anonymous' });
}

/** getSessionState is the current state (for code outside React). */
export function getSessionState(): SessionState {
  return state;
}

/** resetSession forgets the state (tests). */
export function resetSession() {
  clearTimeout(timer);
  retries = 0;
  set({ status: 'idle' });
}

/** useSession re-renders when the session state changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** LoginResult is the outcome of POST /api/login: the session, or the server's message (and for 429 the seconds to wait). */
export type LoginResult = { ok: true; session: Session } | { ok: false; status: number; message: string; retryAfter?: number };

const MAX_MESSAGE = 300;

/** retryAfterSeconds reads a Retry-After header: delay-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : undefined;
}

/** login posts the credentials; the server sets the session cookie on success. */
export async function login(username: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, message: 'The server could not be reached. Check the connection and try again.' };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && isSession(body)) return { ok: true, session: body };
  const error = (body as { error?: unknown } | null)?.error;
  const message = typeof error === 'string' && error.trim() ? error.slice(0, MAX_MESSAGE) : `Signing in failed (HTTP ${res.status}).`;
  const out: LoginResult = { ok: false, status: res.status, message };
  if (res.status === 429) {
    const wait = retryAfterSeconds(res.headers.get('retry-after'));
    if (wait !== undefined) out.retryAfter = wait;
  }
  return out;
}

/** logout ends the session on the server; true when it is gone (204, or 401: there was none). */
export async function logout(): Promise<boolean> {
  try {
    const res = await fetch('/api/logout', { method: 'POST', credentials: 'same-origin' });
    return res.ok || res.status === 401;
  } catch {
    return false;
  }
}
