import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from '../../src/cases/business-hours.js';

const weekdays = { days: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], start: '09:00', end: '17:30' };

describe('business hours', () => {
  it('24x7 is plain addition', () => {
    expect(addBusinessMinutes(new Date('2026-11-23T23:50:00Z'), 30, '24x7', 'UTC').toISOString()).toBe('2026-11-24T00:20:00.000Z');
  });

  it('a Friday-evening complaint falls due in Monday’s working hours', () => {
    // Fri 27 Nov 2026 17:00 London (UTC+0): 30 minutes left on Friday, 30 more on Monday from 09:00.
    expect(addBusinessMinutes(new Date('2026-11-27T17:00:00Z'), 60, weekdays, 'Europe/London').toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });

  it('before opening time the clock starts at opening', () => {
    expect(addBusinessMinutes(new Date('2026-11-24T06:00:00Z'), 15, weekdays, 'Europe/London').toISOString()).toBe('2026-11-24T09:15:00.000Z');
  });

  it('respects the team’s time zone and DST changes', () => {
    // New York, Sunday 1 Nov 2026 is the DST end: Monday opens 09:00 EST = 14:00Z.
    expect(addBusinessMinutes(new Date('2026-10-30T22:00:00Z'), 10, weekdays, 'America/New_York').toISOString()).toBe('2026-11-02T14:10:00.000Z');
    // London spring forward, Sunday 29 Mar 2026: Monday opens 09:00 BST = 08:00Z.
    expect(addBusinessMinutes(new Date('2026-03-27T18:00:00Z'), 5, weekdays, 'Europe/London').toISOString()).toBe('2026-03-30T08:05:00.000Z');
  });

  it('measures working minutes between two instants', () => {
    expect(businessMinutesBetween(new Date('2026-11-27T17:00:00Z'), new Date('2026-11-30T09:30:00Z'), weekdays, 'Europe/London')).toBe(60);
    expect(businessMinutesBetween(new Date('2026-11-28T10:00:00Z'), new Date('2026-11-28T12:00:00Z'), weekdays, 'Europe/London')).toBe(0);
  });
});
