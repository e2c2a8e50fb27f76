import type { TBusinessHours } from '../config/org-chart-schema.js';
import { localTime } from '../cases/business-hours.js';
import { addDays, wallClockInstant, type TLocalDate } from './local-day.js';

const MINUTE = 60_000;
const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface TDayWindow {
  start: number;
  next: number;
  open: number;
  close: number;
  work: boolean;
}

// Local days repeat across cases (thousands of cases share a few dozen days), so their instants are computed once.
const cache = new Map<string, TDayWindow>();

function dayWindow(date: TLocalDate, hours: Exclude<TBusinessHours, '24x7'>, tz: string): TDayWindow {
  const key = `${tz}|${hours.days.join(',')}|${hours.start}|${hours.end}|${date.y}-${date.m}-${date.d}`;
  let w = cache.get(key);
  if (!w) {
    const weekday = DAY_KEYS[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()]!;
    const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    w = {
      start: wallClockInstant(date, 0, tz).getTime(),
      next: wallClockInstant(addDays(date, 1), 0, tz).getTime(),
      open: wallClockInstant(date, mins(hours.start), tz).getTime(),
      close: wallClockInstant(date, mins(hours.end), tz).getTime(),
      work: (hours.days as readonly string[]).includes(weekday),
    };
    if (cache.size > 50_000) cache.clear();
    cache.set(key, w);
  }
  return w;
}

/**
 * Whole working minutes (rounded down) from `from` to `to`: only time inside the team's business hours, on its
 * working days, on its wall clock (so DST changes move opening times correctly) counts. `24x7` counts every minute.
 * The same quantity as `businessMinutesBetween` in src/cases, computed day by day with cached day boundaries so a
 * period of a million cases can be summed in seconds rather than hours.
 * @example workingMinutesBetween(fri17h, mon10h, { days: ['mon'…'fri'], start: '09:00', end: '17:30' }, 'Europe/London') // 90
 */
export function workingMinutesBetween(from: Date, to: Date, hours: TBusinessHours, tz: string): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (hours === '24x7') return Math.floor((b - a) / MINUTE);
  const l = localTime(from, tz);
  let date: TLocalDate = { y: l.y, m: l.m, d: l.d };
  let ms = 0;
  for (let guard = 0; guard < 3700; guard++) {
    const w = dayWindow(date, hours, tz);
    if (w.start >= b) break;
    if (w.work) ms += Math.max(0, Math.min(b, w.close) - Math.max(a, w.open));
    date = addDays(date, 1);
  }
  return Math.floor(ms / MINUTE);
}
