import { localTime } from '../cases/business-hours.js';

/** A calendar date as read on a wall clock somewhere: `{ y, m, d }` with m 1–12. */
export interface TLocalDate {
  y: number;
  m: number;
  d: number;
}

/** The instant the wall clock in `tz` reads y-m-d hh:mm (two passes settle the DST offset). */
export function wallClockInstant(date: TLocalDate, minuteOfDay: number, tz: string): Date {
  const wall = Date.UTC(date.y, date.m - 1, date.d, 0, minuteOfDay);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const l = localTime(new Date(guess), tz);
    guess += wall - Date.UTC(l.y, l.m - 1, l.d, 0, l.minuteOfDay);
  }
  return new Date(guess);
}

/** The local calendar date of an instant in `tz`. */
export function localDateOf(at: Date, tz: string): TLocalDate {
  const l = localTime(at, tz);
  return { y: l.y, m: l.m, d: l.d };
}

/** Calendar arithmetic on a local date (no time zone involved). */
export function addDays(date: TLocalDate, days: number): TLocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Local midnight starting `date` in `tz`. */
export function startOfLocalDay(date: TLocalDate, tz: string): Date {
  return wallClockInstant(date, 0, tz);
}

export function formatLocalDate(date: TLocalDate): string {
  return `${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** Parses `YYYY-MM-DD` strictly (rejects 2026-02-30). */
export function parseLocalDate(text: string): TLocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return formatLocalDate(addDays(date, 0)) === text ? date : undefined;
}
