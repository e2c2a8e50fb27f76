import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/reports/digest.js';
import { createTestDb } from '../helpers/db.js';
import { addCase, statsOrgChart } from './fixtures.js';

describe('composeDigest', () => {
  it('compares the day with the previous 7-day average and lists breaches, issues, follow-ups and the hourly series', async () => {
    const { db } = await createTestDb();
    // Previous 7 days (15–21 Nov): 14 care cases, all answered within 30 minutes.
    for (let d = 15; d <= 21; d++) {
      for (const h of ['10', '14']) {
        await addCase(db, { team: 'care', createdAt: `2026-11-${d}T${h}:00:00Z`, firstResponseAt: `2026-11-${d}T${h}:30:00Z`, slaDueAt: `2026-11-${d}T${h}:59:00Z` });
      }
    }
    // The day (Sun 22 Nov, London = UTC): 3 care cases, one SLA missed, a cluster, one ops case (not priya's team).
    const missed = await addCase(db, { team: 'care', createdAt: '2026-11-22T09:00:00Z', slaDueAt: '2026-11-22T10:00:00Z', status: 'new', clusterId: 'outage-7' }, 'Everything is down <!channel>');
    await addCase(db, { team: 'care', createdAt: '2026-11-22T09:20:00Z', firstResponseAt: '2026-11-22T09:50:00Z', slaDueAt: '2026-11-22T10:20:00Z', clusterId: 'outage-7' });
    await addCase(db, { team: 'care', createdAt: '2026-11-22T15:00:00Z', decision: 'monitor', sentiment: 'positive', category: 'praise' });
    await addCase(db, { team: 'care', createdAt: '2026-11-20T09:00:00Z', firstResponseAt: '2026-11-20T09:10:00Z', status: 'offline', followUpDueAt: '2026-11-22T12:00:00Z' });
    await addCase(db, { team: 'ops', createdAt: '2026-11-22T09:00:00Z', slaDueAt: '2026-11-22T10:00:00Z', status: 'new' });

    const d = await composeDigest(db, { memberId: 'priya', date: '2026-11-22', orgChart: statsOrgChart(), now: new Date('2026-11-23T08:30:00Z') });
    expect(d.teams).toEqual(['care']);
    expect([d.from, d.to]).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    expect(d.figures.cases).toEqual({ day: 3, previous7DayAverage: 15 / 7 });
    expect(d.figures.responseRate).toEqual({ day: 0.5, previous7DayAverage: 1 });
    expect(d.figures.slaMetRate).toEqual({ day: 0.5, previous7DayAverage: 1 });
    expect(d.slaBreaches.count).toBe(1);
    expect(d.slaBreaches.items[0]).toMatchObject({ caseId: missed.id, team: 'care', dueAt: '2026-11-22T10:00:00.000Z', respondedAt: null });
    expect(d.topIssues.clusters).toEqual([{ clusterId: 'outage-7', cases: 2, negative: 2, sample: 'Everything is down <!channel>' }]);
    expect(d.followUps.count).toBe(1);
    expect(d.followUps.items[0]).toMatchObject({ overdue: true, dueAt: '2026-11-22T12:00:00.000Z' });
    expect(d.hourly).toHaveLength(24);
    expect(d.hourly[9]).toMatchObject({ total: 2, negative: 2 });
    expect(d.hourly[15]).toMatchObject({ total: 1, positive: 1 });
    // The week's trend for the chart: the 7 days before, each on its own, then the day itself.
    expect(d.trend.map((t) => t.date)).toEqual(['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(d.trend[0]).toEqual({ date: '2026-11-15', negative: 2, neutral: 0, positive: 0, medianFirstResponseMinutes: expect.any(Number) });
    expect(d.trend[5]).toMatchObject({ date: '2026-11-20', negative: 3 });
    expect(d.trend[7]).toMatchObject({ date: '2026-11-22', negative: 2, positive: 1 });
  });

  it('refuses unknown members and malformed dates', async () => {
    const { db } = await createTestDb();
    const base = { orgChart: statsOrgChart(), now: new Date('2026-11-23T08:30:00Z') };
    await expect(composeDigest(db, { ...base, memberId: 'nobody', date: '2026-11-22' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(composeDigest(db, { ...base, memberId: 'priya', date: '22/11/2026' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
