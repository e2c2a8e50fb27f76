import cron from 'node-cron';

/** A cron expression reduced to the allowed values of each field, as node-cron itself parses it. */
export interface TCronFields {
  /** True for 6-field expressions: slots are whole seconds rather than whole minutes. */
  seconds: boolean;
  second: ReadonlySet<number>;
  minute: ReadonlySet<number>;
  hour: ReadonlySet<number>;
  dayOfMonth: ReadonlySet<number>;
  month: ReadonlySet<number>;
  dayOfWeek: ReadonlySet<number>;
}

/**
 * Parses a 5- or 6-field cron expression with node-cron's own parser, so the slots computed here are the
 * instants node-cron fires at. Special tokens (`L`, `5#2`) are refused: no Earshot job needs them.
 * @throws Error naming the expression when it is invalid or uses an unsupported token.
 */
export function parseCron(expression: string): TCronFields {
  const check = cron.validateDetailed(expression);
  if (!check.valid) throw new Error(`invalid cron expression "${expression}": ${check.errors.map((e) => e.message).join('; ')}`);
  const p = cron.parse(expression);
  const nums = (field: string, values: readonly (number | string)[]) => {
    if (values.some((v) => typeof v !== 'number')) throw new Error(`cron expression "${expression}": "${field}" uses a token Earshot jobs do not support`);
    return new Set(values as number[]);
  };
  return {
    seconds: expression.trim().split(/\s+/).length === 6,
    second: nums('second', p.second),
    minute: nums('minute', p.minute),
    hour: nums('hour', p.hour),
    dayOfMonth: nums('day of month', p.dayOfMonth),
    month: nums('month', p.month),
    dayOfWeek: nums('day of week', p.dayOfWeek.map((d) => (d === 7 ? 0 : d))),
  };
}

export interface TLocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as in cron. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock parts of an instant in an IANA time zone. */
export function localParts(at: Date, timeZone: string): TLocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS.indexOf(out.weekday ?? ''),
  };
}

const dayMatches = (f: TCronFields, p: TLocalParts) => f.month.has(p.month) && f.dayOfMonth.has(p.day) && f.dayOfWeek.has(p.weekday);

// node-cron requires day-of-month AND day-of-week to match (not classic cron's OR); we follow node-cron.
/** Whether node-cron would fire at this instant (its wall-clock reading in `timeZone`). */
export function cronMatches(f: TCronFields, at: Date, timeZone: string): boolean {
  const p = localParts(at, timeZone);
  return dayMatches(f, p) && f.hour.has(p.hour) && f.minute.has(p.minute) && (!f.seconds || f.second.has(p.second));
}

// Every DST shift in the tz database is at most two hours; skipping less than that never jumps over a match.
const DST_MARGIN_S = 2 * 3600;
const SEARCH_LIMIT_S = 366 * 24 * 3600 * 5;

/**
 * The slot — the instant the schedule last fired — at or before `at`, or null if it has not fired in five years.
 * Instants are judged by their wall-clock reading in `timeZone`, exactly as node-cron does: a time inside a
 * spring-forward gap never fires, a time inside a fall-back hour fires twice (two distinct slots).
 *
 * @example previousSlot('30 8 * * *', new Date('2026-11-23T10:00:00Z'), 'Europe/London') // 2026-11-23T08:30:00Z
 */
export function previousSlot(schedule: string | TCronFields, at: Date, timeZone = 'UTC'): Date | null {
  const f = typeof schedule === 'string' ? parseCron(schedule) : schedule;
  const unit = f.seconds ? 1 : 60;
  const start = Math.floor(at.getTime() / 1000 / unit) * unit;
  let t = start;
  // Walk backwards from `at`. Whole stretches that cannot match (a wrong day, a wrong hour) are skipped by
  // stepping to just before their start as the wall clock reads it — minus a margin when a DST shift could hide
  // inside the stretch — so the walk costs a few steps per day rather than one per minute.
  while (start - t <= SEARCH_LIMIT_S) {
    const p = localParts(new Date(t * 1000), timeZone);
    const intoHour = p.minute * 60 + p.second;
    const intoDay = p.hour * 3600 + intoHour;
    if (!dayMatches(f, p)) {
      t -= intoDay > DST_MARGIN_S ? intoDay - DST_MARGIN_S : Math.max(unit, intoHour - (intoHour % unit) + unit);
    } else if (!f.hour.has(p.hour)) {
      t -= Math.max(unit, intoHour - (intoHour % unit) + unit);
    } else if (!f.minute.has(p.minute)) {
      t -= f.seconds ? p.second + 1 : 60;
    } else if (f.seconds && !f.second.has(p.second)) {
      t -= 1;
    } else {
      return new Date(t * 1000);
    }
  }
  return null;
}

/** The JobRun key for a slot: an ISO instant, the same in every process and time zone. */
export const slotKey = (slot: Date): string => slot.toISOString();
