import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Time, TimeStack } from './Time';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ny = zone === 'America/New_York';

afterEach(() => {
  vi.useRealTimers();
});

describe(`<Time> in ${zone}`, () => {
  it('shows local time with the offset, the UTC instant as title and the value as dateTime', () => {
    render(<Time value="2019-01-05T01:02:00Z" />);
    const el = screen.getByText(ny ? '2019-01-04 20:02:00 UTC-05:00' : '2019-01-05 01:02:00 UTC+00:00');
    expect(el.tagName).toBe('TIME');
    expect(el.getAttribute('title')).toBe('2019-01-05 01:02:00 UTC');
    expect(el.getAttribute('datetime')).toBe('2019-01-05T01:02:00Z');
  });

  it('shows a dash for a missing or unreadable time', () => {
    const { container } = render(
      <>
        <Time value={null} />
        <Time value="not a time" />
      </>,
    );
    expect(container.textContent).toBe('——');
  });

  it('refreshes the relative time as time passes', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2024-03-10T12:00:00Z'));
    render(<TimeStack value="2024-03-10T11:55:00Z" />);
    expect(screen.getByText('5 min ago')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(screen.getByText('6 min ago')).toBeTruthy();
    // The absolute time does not move, and keeps its offset.
    expect(screen.getByText(ny ? '2024-03-10 07:55:00 UTC-04:00' : '2024-03-10 11:55:00 UTC+00:00')).toBeTruthy();
  });
});
