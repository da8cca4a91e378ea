import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExternalLink, safeHref } from './SafeLink';

describe('safeHref', () => {
  it.each([
    ['https://contoso.com/reports/DisplayReport', 'https://contoso.com/reports/DisplayReport'],
    ['http://192.0.2.1/x', 'http://192.0.2.1/x'],
    ['  https://example.com  ', 'https://example.com/'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox', null],
    ['/relative/path', null],
    ['//evil.example/x', null],
    ['file:///etc/passwd', null],
    ['not a url', null],
  ])('%s → %s', (raw, want) => expect(safeHref(raw)).toBe(want));
});

describe('<ExternalLink>', () => {
  it('opens http(s) links in a new tab without opener or referrer', () => {
    render(<ExternalLink href="https://contoso.com/r">Report</ExternalLink>);
    const a = screen.getByRole('link', { name: 'Report' });
    expect(a.getAttribute('href')).toBe('https://contoso.com/r');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a.getAttribute('target')).toBe('_blank');
  });
  it('shows anything else as text, not a link', () => {
    render(<ExternalLink href="javascript:alert(1)">click me</ExternalLink>);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('click me')).toBeTruthy();
  });
});
