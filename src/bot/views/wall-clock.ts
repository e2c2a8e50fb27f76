import { localTime } from '../../cases/business-hours.js';

/** An instant as a date and a time on the wall clock of `tz` (what date and time pickers show). */
export function wallClock(at: Date, tz: string): { date: string; time: string } {
  const l = localTime(at, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${l.y}-${pad(l.m)}-${pad(l.d)}`, time: `${pad(Math.floor(l.minuteOfDay / 60))}:${pad(l.minuteOfDay % 60)}` };
}

/**
 * The instant a picked date (YYYY-MM-DD) and time (HH:MM) mean in `tz`; null when either is malformed.
 * Two passes settle the zone's offset, including across a DST change.
 * @example instantOf('2026-11-24', '10:00', 'Europe/London') // 2026-11-24T10:00:00.000Z
 */
export function instantOf(date: string, time: string, tz: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const l = localTime(new Date(guess), tz);
    guess += wall - Date.UTC(l.y, l.m - 1, l.d, 0, l.minuteOfDay);
  }
  return new Date(guess);
}
