// Time display, one format everywhere: the viewer's local time with its UTC
// offset (the offset of that instant, so DST is right for every date), and
// the UTC instant for the hover title. Formats are fixed rather than
// locale-dependent so that a time reads the same on every page and screenshot.

/** parseInstant reads an RFC 3339 time; more than 3 fractional digits are cut (Date keeps milliseconds). */
export function parseInstant(value: string): Date | null {
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** formatOffset renders minutes east of UTC as "UTC+01:00" / "UTC-05:00". */
export function formatOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** offsetOf is the viewer's UTC offset at that instant, in minutes east. */
export function offsetOf(d: Date): number {
  const o = -d.getTimezoneOffset();
  return o === 0 ? 0 : o; // no "-0"
}

function clock(h: number, m: number, s: number, ms: number): string {
  return `${pad(h)}:${pad(m)}:${pad(s)}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** formatLocal: "2019-01-04 20:02:00 UTC-05:00" in the viewer's zone. */
export function formatLocal(d: Date): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${clock(d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds())} ${formatOffset(offsetOf(d))}`;
}

/** formatUTC: "2019-01-05 01:02:00 UTC", the instant for titles. */
export function formatUTC(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${clock(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds())} UTC`;
}

const units: [limitSeconds: number, seconds: number, one: string, many: string][] = [
  [60 * 60, 60, 'min', 'min'],
  [24 * 3600, 3600, 'hour', 'hours'],
  [30 * 86400, 86400, 'day', 'days'],
  [365 * 86400, 30 * 86400, 'month', 'months'],
  [Infinity, 365 * 86400, 'year', 'years'],
];

/** formatRelative: "just now", "5 min ago", "3 hours ago", "in 2 min" (clock skew). */
export function formatRelative(d: Date, now: Date): string {
  const diff = Math.round((now.getTime() - d.getTime()) / 1000);
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  for (const [limit, seconds, one, many] of units) {
    if (abs < limit) {
      const n = Math.max(1, Math.floor(abs / seconds));
      const text = `${n} ${n === 1 ? one : many}`;
      return diff >= 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return ''; // unreachable: the last limit is Infinity
}
