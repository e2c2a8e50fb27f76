import type { TBusinessHours } from '../config/org-chart-schema.js';

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

interface TLocal {
  y: number;
  m: number;
  d: number;
  weekday: (typeof DAY_KEYS)[number];
  minuteOfDay: number;
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock reading of an instant in a time zone. */
export function localTime(at: Date, tz: string): TLocal {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(at)) parts[p.type] = p.value;
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    weekday: (parts.weekday ?? 'Sun').slice(0, 3).toLowerCase() as TLocal['weekday'],
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** The instant at which the wall clock in `tz` reads y-m-d + minuteOfDay (two passes settle DST offsets). */
function instantOf(y: number, m: number, d: number, minuteOfDay: number, tz: string): Date {
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const l = localTime(new Date(guess), tz);
    const seen = Date.UTC(l.y, l.m - 1, l.d, 0, l.minuteOfDay);
    guess += wall - seen;
  }
  return new Date(guess);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Adds working minutes: time outside the team's business hours does not count, so an SLA of 60 minutes on a
 * Friday-evening complaint falls due an hour into Monday (or Saturday, if the team works Saturdays).
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: TBusinessHours, tz: string): Date {
  if (hours === '24x7') return new Date(start.getTime() + minutes * MINUTE);
  const open = toMinutes(hours.start);
  const close = toMinutes(hours.end);
  let at = new Date(Math.ceil(start.getTime() / MINUTE) * MINUTE);
  let left = minutes;
  // Bounded: a week without a working day cannot happen (days has ≥1 entry), so this ends within ~8 days per week needed.
  for (let guard = 0; guard < 10_000; guard++) {
    const l = localTime(at, tz);
    const workday = hours.days.includes(l.weekday as (typeof hours.days)[number]);
    if (workday && l.minuteOfDay >= open && l.minuteOfDay < close) {
      const run = Math.min(left, close - l.minuteOfDay);
      at = new Date(at.getTime() + run * MINUTE);
      left -= run;
      if (left === 0) return at;
      continue;
    }
    if (workday && l.minuteOfDay < open) {
      at = instantOf(l.y, l.m, l.d, open, tz);
      continue;
    }
    // After hours or a day off: go to the next calendar day's opening time.
    const next = new Date(Date.UTC(l.y, l.m - 1, l.d + 1));
    at = instantOf(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), open, tz);
  }
  return at;
}

/** Working minutes between two instants (for first-response times measured in business hours). */
export function businessMinutesBetween(from: Date, to: Date, hours: TBusinessHours, tz: string): number {
  if (to <= from) return 0;
  if (hours === '24x7') return (to.getTime() - from.getTime()) / MINUTE;
  let lo = 0;
  let hi = Math.ceil((to.getTime() - from.getTime()) / MINUTE);
  // The mapping minutes → due instant is monotonic, so bisection finds the count whose due time reaches `to`.
  while (lo < hi) {
    const mid = Math.floor((lo + hi + 1) / 2);
    if (addBusinessMinutes(from, mid, hours, tz) <= to) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
