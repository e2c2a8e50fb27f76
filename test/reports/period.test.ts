import { describe, expect, it } from 'vitest';
import { businessMinutesBetween } from '../../src/cases/business-hours.js';
import { parsePeriod } from '../../src/reports/period.js';
import { workingMinutesBetween } from '../../src/reports/working-minutes.js';

describe('parsePeriod', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('turns named periods into whole local days ending today', () => {
    const iso = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];
    expect(iso(parsePeriod('today', { now, timeZone: 'Europe/London' }))).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
    expect(iso(parsePeriod('yesterday', { now, timeZone: 'America/New_York' }))).toEqual(['2026-11-22T05:00:00.000Z', '2026-11-23T05:00:00.000Z']);
    expect(iso(parsePeriod('7d', { now, timeZone: 'Europe/London' }))).toEqual(['2026-11-17T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
    expect(iso(parsePeriod('30D', { now, timeZone: 'UTC' }))).toEqual(['2026-10-25T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
  });
  it('makes the spring-forward day 23 hours long', () => {
    const p = parsePeriod('2026-03-29', { now, timeZone: 'Europe/London' });
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z']);
  });
  it('rejects anything else', () => {
    expect(() => parsePeriod('2026-02-30', { now, timeZone: 'UTC' })).toThrow();
    expect(() => parsePeriod('week', { now, timeZone: 'UTC' })).toThrow();
  });
});

describe('workingMinutesBetween', () => {
  it('agrees with businessMinutesBetween (to the minute) across weekends and DST', () => {
    const hours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], start: '09:00', end: '17:30' };
    const pairs = [
      ['2026-11-20T16:30:00Z', '2026-11-23T09:45:00Z', 'Europe/London'],
      ['2026-10-30T20:00:00Z', '2026-11-02T15:00:00Z', 'America/New_York'],
      ['2026-03-27T10:00:00Z', '2026-03-31T08:00:00Z', 'Europe/London'],
      ['2026-11-21T10:00:00Z', '2026-11-22T10:00:00Z', 'Europe/London'],
    ] as const;
    for (const [a, b, tz] of pairs) {
      expect(workingMinutesBetween(new Date(a), new Date(b), hours, tz)).toBe(businessMinutesBetween(new Date(a), new Date(b), hours, tz));
    }
    expect(workingMinutesBetween(new Date(pairs[0][0]), new Date(pairs[0][1]), hours, 'Europe/London')).toBe(105);
  });
});
