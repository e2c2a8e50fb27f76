import { z } from 'zod';
import { addDays, formatLocalDate, localDateOf, parseLocalDate, startOfLocalDay } from './local-day.js';

/** What `/social stats` and digests accept: a named period or one local day. */
export const ZPeriodInput = z.union([
  z.enum(['today', 'yesterday', '7d', '30d']),
  z.string().refine((s) => parseLocalDate(s) !== undefined, { message: 'must be today, yesterday, 7d, 30d or a date like 2026-11-23' }),
]);
export type TPeriodInput = z.infer<typeof ZPeriodInput>;

/** A half-open window [from, to) of whole local days, with a label for people. */
export interface TPeriod {
  from: Date;
  to: Date;
  label: string;
  timeZone: string;
}

/**
 * Turns a period name into whole local days in `timeZone`, ending with today for `7d` / `30d` (today counts as one
 * of the days, so `7d` is today and the six days before it). Days follow the wall clock, so a DST day is 23 or 25 h.
 * @throws ZodError for anything else.
 * @example parsePeriod('7d', { now, timeZone: 'Europe/London' }) // { from: 6 days ago 00:00, to: tomorrow 00:00 }
 */
export function parsePeriod(input: string, o: { now: Date; timeZone: string }): TPeriod {
  const p = ZPeriodInput.parse(input.trim().toLowerCase());
  const today = localDateOf(o.now, o.timeZone);
  const days = (first: number, count: number) => ({
    from: startOfLocalDay(addDays(today, first), o.timeZone),
    to: startOfLocalDay(addDays(today, first + count), o.timeZone),
  });
  const tz = o.timeZone;
  switch (p) {
    case 'today':
      return { ...days(0, 1), label: `today (${formatLocalDate(today)})`, timeZone: tz };
    case 'yesterday':
      return { ...days(-1, 1), label: `yesterday (${formatLocalDate(addDays(today, -1))})`, timeZone: tz };
    case '7d':
      return { ...days(-6, 7), label: `last 7 days (${formatLocalDate(addDays(today, -6))} – ${formatLocalDate(today)})`, timeZone: tz };
    case '30d':
      return { ...days(-29, 30), label: `last 30 days (${formatLocalDate(addDays(today, -29))} – ${formatLocalDate(today)})`, timeZone: tz };
    default: {
      const date = parseLocalDate(p)!;
      return { from: startOfLocalDay(date, tz), to: startOfLocalDay(addDays(date, 1), tz), label: formatLocalDate(date), timeZone: tz };
    }
  }
}
