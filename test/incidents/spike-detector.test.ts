import { describe, expect, it } from 'vitest';
import { detectSpike, hourOfWeek, median, usualText } from '../../src/incidents/spike-detector.js';
import { spikeSeries, type TSpikeRow } from '../../src/incidents/spike-series.js';

const RULE = { minCount: 20, ratio: 2, deviations: 4, minWeeks: 2 };

describe('spike detector (pure)', () => {
  it('the issue’s example: 84 in the hour against a usual 12 is a spike, and says so in numbers', () => {
    const v = detectSpike(84, [12, 10, 14, 12], RULE);
    expect(v).toMatchObject({ spike: true, usual: 12, weeks: 4 });
    expect(v.threshold).toBeGreaterThanOrEqual(24);
  });

  it('an ordinary busy hour is not a spike: within the usual spread, or under twice the usual', () => {
    expect(detectSpike(30, [20, 25, 18, 22], RULE)).toMatchObject({ spike: false, why: 'below-threshold' });
    // Wide swings week to week widen the bar: 60 against 20–70 is normal for this hour.
    expect(detectSpike(60, [20, 70, 25, 65], RULE).spike).toBe(false);
  });

  it('a quiet hour does not alert on a handful of posts, however many times its usual', () => {
    expect(detectSpike(8, [0, 1, 0, 0], RULE)).toMatchObject({ spike: false, why: 'below-threshold', threshold: 20 });
    expect(detectSpike(20, [0, 1, 0, 0], RULE).spike).toBe(true);
  });

  it('one odd past week (last Tuesday’s outage) does not raise the usual level', () => {
    const v = detectSpike(60, [10, 400, 12, 11], RULE);
    expect(v.usual).toBe(11.5);
    expect(v.spike).toBe(true);
  });

  it('without enough weeks of history there is no usual level and no alert', () => {
    expect(detectSpike(500, [3], RULE)).toMatchObject({ spike: false, why: 'too-little-history', weeks: 1 });
    expect(detectSpike(500, [], RULE)).toMatchObject({ spike: false, why: 'too-little-history', weeks: 0 });
  });

  it('the threshold never drops below √usual of spread, even when past weeks agree exactly', () => {
    // MAD is 0; √100 = 10, so the bar is 100 + 4·10 = 140 rather than 100.
    expect(detectSpike(139, [100, 100, 100, 100], { ...RULE, ratio: 1 }).spike).toBe(false);
    expect(detectSpike(140, [100, 100, 100, 100], { ...RULE, ratio: 1 }).spike).toBe(true);
  });

  it('median, the hour of the week on the team’s wall clock, and the usual level as people say it', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(hourOfWeek(new Date('2026-12-01T14:00:00Z'), 'Europe/London')).toBe('Tue 14:00');
    expect(hourOfWeek(new Date('2026-12-01T14:00:00Z'), 'America/New_York')).toBe('Tue 09:00');
    expect([usualText(12), usualText(11.5), usualText(0.5), usualText(0)]).toEqual(['12', '12', '0.5', '0']);
  });
});

describe('spike series (pure)', () => {
  const now = new Date('2026-12-01T15:00:00Z');
  const WEEK = 7 * 24 * 3600_000;
  const row = (msAgo: number, o: Partial<TSpikeRow> = {}): TSpikeRow => ({ createdAt: new Date(now.getTime() - msAgo), team: 'network-ops', category: 'outage', sentiment: 'negative', ...o });

  it('counts the window now and in each past week per scope and measure, and the last hours with their usual level', () => {
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => row(i * 60_000)),
      row(10 * 60_000, { sentiment: 'neutral', team: 'billing', category: 'billing' }),
      row(2 * 3600_000), // earlier than the window, inside the chart
      row(WEEK + 5 * 60_000),
      row(WEEK + 6 * 60_000),
      row(2 * WEEK + 5 * 60_000),
      row(3 * WEEK + 5 * 60_000), // beyond `weeks`
    ];
    const series = spikeSeries(rows, { now, windowMinutes: 60, weeks: 2, chartHours: 3 });
    const of = (scope: string, metric: string) => series.find((s) => s.scope === scope && s.metric === metric)!;
    expect(of('brand', 'volume')).toMatchObject({ count: 6, history: [2, 1], team: 'network-ops' });
    expect(of('brand', 'negative')).toMatchObject({ count: 5, history: [2, 1] });
    expect(of('team:billing', 'volume')).toMatchObject({ count: 1, history: [0, 0], team: 'billing' });
    expect(of('category:outage', 'volume').hours.map((h) => [h.count, h.usual])).toEqual([[1, 0], [0, 0], [5, 1.5]]);
    expect(of('category:outage', 'volume').hours.at(-1)!.at.toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });
});
