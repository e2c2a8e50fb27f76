import { describe, expect, it } from 'vitest';
import { cronMatches, parseCron, previousSlot } from '../../src/jobs/slot.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The definition, minute by minute: the latest matching instant at or before `t`. */
function bruteForce(expr: string, t: Date, tz: string, spanMinutes: number): Date | null {
  const f = parseCron(expr);
  const unit = f.seconds ? 1000 : 60_000;
  for (let x = Math.floor(t.getTime() / unit) * unit, end = x - spanMinutes * 60_000; x >= end; x -= unit) {
    if (cronMatches(f, new Date(x), tz)) return new Date(x);
  }
  return null;
}

describe('previousSlot', () => {
  it('finds the latest fire time at or before the instant', () => {
    expect(iso(previousSlot('*/15 * * * *', at('2026-11-23T10:07:30Z')))).toBe('2026-11-23T10:00:00.000Z');
    expect(iso(previousSlot('*/15 * * * *', at('2026-11-23T10:15:00Z')))).toBe('2026-11-23T10:15:00.000Z');
    expect(iso(previousSlot('0 9 * * 1-5', at('2026-11-22T12:00:00Z')))).toBe('2026-11-20T09:00:00.000Z'); // Sunday → Friday
    expect(iso(previousSlot('0 0 1 * *', at('2026-03-15T00:00:00Z')))).toBe('2026-03-01T00:00:00.000Z');
  });

  it('reads the expression in the job time zone, winter and summer', () => {
    expect(iso(previousSlot('30 8 * * *', at('2026-11-23T10:00:00Z'), 'Europe/London'))).toBe('2026-11-23T08:30:00.000Z');
    expect(iso(previousSlot('30 8 * * *', at('2026-07-01T10:00:00Z'), 'Europe/London'))).toBe('2026-07-01T07:30:00.000Z');
    expect(iso(previousSlot('30 8 * * *', at('2026-07-01T10:00:00Z'), 'Asia/Kolkata'))).toBe('2026-07-01T03:00:00.000Z');
  });

  it('spring forward: a wall-clock time that does not exist that day has no slot (node-cron skips it)', () => {
    // Europe/London 2026-03-29: 01:00 GMT jumps to 02:00 BST, so 01:30 never happens.
    expect(iso(previousSlot('30 1 * * *', at('2026-03-29T12:00:00Z'), 'Europe/London'))).toBe('2026-03-28T01:30:00.000Z');
    expect(iso(previousSlot('30 2 * * *', at('2026-03-29T12:00:00Z'), 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('fall back: a repeated wall-clock time is two distinct slots', () => {
    // Europe/London 2026-10-25: 02:00 BST goes back to 01:00 GMT, so 01:30 happens at 00:30Z and again at 01:30Z.
    expect(iso(previousSlot('30 1 * * *', at('2026-10-25T01:10:00Z'), 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(previousSlot('30 1 * * *', at('2026-10-25T01:45:00Z'), 'Europe/London'))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('supports six fields (seconds)', () => {
    expect(iso(previousSlot('*/20 * * * * *', at('2026-11-23T10:00:45.500Z')))).toBe('2026-11-23T10:00:40.000Z');
  });

  it('agrees with a minute-by-minute search across DST changes in several zones', () => {
    const cases: [string, string, string, number][] = [
      ['15 2 * * *', 'America/New_York', '2026-03-08T12:00:00Z', 2],
      ['15 1 * * *', 'America/New_York', '2026-11-01T07:00:00Z', 2],
      ['*/7 1-3 * * *', 'Europe/London', '2026-10-25T03:00:00Z', 2],
      ['45 2 * * 0', 'Australia/Lord_Howe', '2026-04-05T00:00:00Z', 8],
      ['0 */5 * * *', 'Australia/Lord_Howe', '2026-10-04T00:00:00Z', 1],
      ['30 23 * * *', 'Pacific/Auckland', '2026-09-27T03:00:00Z', 2],
    ];
    for (const [expr, tz, centre, days] of cases) {
      for (let h = -30; h <= 30; h += 2.5) {
        const t = new Date(at(centre).getTime() + h * 3600_000);
        expect(iso(previousSlot(expr, t, tz)), `${expr} ${tz} at ${t.toISOString()}`).toBe(iso(bruteForce(expr, t, tz, days * 24 * 60)));
      }
    }
  });

  it('returns null for a schedule that never fires, quickly', () => {
    const started = Date.now();
    // 29 February on a Monday: not in the five years before 2026-11 (next: 2044).
    expect(previousSlot('0 0 29 2 1', at('2026-11-23T10:00:00Z'))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses invalid expressions and unsupported tokens', () => {
    expect(() => parseCron('61 * * * *')).toThrow(/invalid cron expression "61 \* \* \* \*"/);
    expect(() => parseCron('0 0 L * *')).toThrow(/day of month/);
  });
});
