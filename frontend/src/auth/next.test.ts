import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './next';

const origin = 'http://vigil.test';

describe('safeNext', () => {
  it.each([
    ['/alerts?severity=high&show=incidents', '/alerts?severity=high&show=incidents'],
    ['/incidents/42', '/incidents/42'],
    ['/alerts/a%2Fb#raw', '/alerts/a%2Fb#raw'],
    ['/', '/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'], // an encoded slash stays a path on this origin
  ])('follows the same-origin path %s', (raw, want) => {
    expect(safeNext(raw, origin)).toBe(want);
  });

  it.each([
    ['no parameter', null],
    ['an empty one', ''],
    ['a relative path without its slash', 'alerts'],
    ['a protocol-relative URL', '//evil.example/alerts'],
    ['three slashes', '///evil.example'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a backslash later in the path', '/alerts\\..\\..'],
    ['a tab the URL parser drops', '/\t/evil.example'],
    ['a newline the URL parser drops', '/\n/evil.example'],
    ['an absolute URL elsewhere', 'https://evil.example/'],
    ['an absolute URL on this origin', 'http://vigil.test/alerts'],
    ['a javascript: URL', 'javascript:alert(document.cookie)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a leading space', ' /alerts'],
    ['the login page itself', '/login?next=/alerts'],
  ])('goes to the overview for %s', (_name, raw) => {
    expect(safeNext(raw, origin)).toBe('/');
  });
});

describe('loginPath', () => {
  it('comes back to the current path and search', () => {
    expect(loginPath({ pathname: '/alerts', search: '?severity=high&q=a b' })).toBe(`/login?next=${encodeURIComponent('/alerts?severity=high&q=a b')}`);
    expect(new URLSearchParams(loginPath({ pathname: '/incidents/7', search: '' }).split('?')[1]).get('next')).toBe('/incidents/7');
  });

  it('needs no next for the overview, and keeps the login page’s own', () => {
    expect(loginPath({ pathname: '/', search: '' })).toBe('/login');
    expect(loginPath({ pathname: '/login', search: '?next=%2Falerts' })).toBe('/login?next=%2Falerts');
  });
});
