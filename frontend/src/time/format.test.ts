import { describe, expect, it } from 'vitest';
import { formatLocal, formatOffset, formatRelative, formatUTC, parseInstant } from './format';

// The suite runs twice (npm test under TZ=UTC, npm run test:tz under
// TZ=America/New_York); each expectation names the zone it holds in.
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ZONES: Record<string, 'utc' | 'ny'> = { UTC: 'utc', 'Etc/UTC': 'utc', 'America/New_York': 'ny' };
const where = ZONES[zone];
if (!where) throw new Error(`run the time tests with TZ=UTC or TZ=America/New_York (got ${zone})`);

describe(`formatLocal in ${zone}`, () => {
  const cases: { name: string; instant: string; utc: string; ny: string }[] = [
    { name: 'winter instant (EST, UTC-5) crosses midnight backwards', instant: '2019-01-05T01:02:00Z', utc: '2019-01-05 01:02:00 UTC+00:00', ny: '2019-01-04 20:02:00 UTC-05:00' },
    { name: 'summer instant uses the DST offset of that date (EDT, UTC-4)', instant: '2019-07-01T12:00:00Z', utc: '2019-07-01 12:00:00 UTC+00:00', ny: '2019-07-01 08:00:00 UTC-04:00' },
    { name: 'milliseconds are kept, digits past them cut', instant: '2019-05-07T13:51:45.0045913Z', utc: '2019-05-07 13:51:45.004 UTC+00:00', ny: '2019-05-07 09:51:45.004 UTC-04:00' },
    { name: 'an instant with an explicit offset is the same instant', instant: '2019-01-05T03:02:00+02:00', utc: '2019-01-05 01:02:00 UTC+00:00', ny: '2019-01-04 20:02:00 UTC-05:00' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatLocal(parseInstant(c.instant)!)).toBe(c[where]);
    });
  }
});

describe('formatUTC (the hover title) is the same in every zone', () => {
  it('shows the UTC instant', () => {
    expect(formatUTC(parseInstant('2019-01-05T01:02:00Z')!)).toBe('2019-01-05 01:02:00 UTC');
    expect(formatUTC(parseInstant('2019-07-01T08:00:00-04:00')!)).toBe('2019-07-01 12:00:00 UTC');
  });
});

describe('parseInstant', () => {
  it('refuses text that is not a time', () => {
    expect(parseInstant('yesterday')).toBeNull();
    expect(parseInstant('')).toBeNull();
  });
});

describe('formatOffset', () => {
  it.each([
    [0, 'UTC+00:00'],
    [60, 'UTC+01:00'],
    [-300, 'UTC-05:00'],
    [330, 'UTC+05:30'],
    [-210, 'UTC-03:30'],
  ])('%i minutes east is %s', (m, want) => expect(formatOffset(m)).toBe(want));
});

describe('formatRelative', () => {
  const now = new Date('2024-03-10T12:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  it.each([
    [10, 'just now'],
    [-10, 'just now'],
    [90, '1 min ago'],
    [5 * 60, '5 min ago'],
    [59 * 60, '59 min ago'],
    [3600, '1 hour ago'],
    [3 * 3600, '3 hours ago'],
    [86400, '1 day ago'],
    [45 * 86400, '1 month ago'],
    [400 * 86400, '1 year ago'],
    [7 * 365 * 86400, '7 years ago'],
    [-5 * 60, 'in 5 min'],
  ])('%i s before now reads "%s"', (s, want) => expect(formatRelative(ago(s), now)).toBe(want));
});
