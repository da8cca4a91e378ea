// Where the login page sends the analyst afterwards. The `next` parameter is
// attacker-controlled (anyone can send a link to /login?next=…), so only a
// path on this origin is ever followed: it must start with exactly one "/",
// hold no backslash or control character (browsers read "/\evil.example" and
// "/\t/evil.example" as "//evil.example"), and still be on this origin once
// the URL parser has read it. Anything else goes to the overview.

/** LOGIN_PATH is the login page's path. */
export const LOGIN_PATH = '/login';

const HOME = '/';

/** safeNext returns `raw` when it is a same-origin path that is safe to go to after signing in, else "/". */
export function safeNext(raw: string | null | undefined, origin: string = window.location.origin): string {
  if (!raw || raw[0] !== '/' || raw[1] === '/') return HOME;
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return HOME;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return HOME;
  }
  if (url.origin !== origin || url.pathname === LOGIN_PATH) return HOME;
  return url.pathname + url.search + url.hash;
}

/** loginPath is the login page's URL that comes back to `loc` (the current page) afterwards. */
export function loginPath(loc: { pathname: string; search: string } = window.location): string {
  if (loc.pathname === LOGIN_PATH) return LOGIN_PATH + loc.search;
  const here = loc.pathname + loc.search;
  return here === HOME ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}
