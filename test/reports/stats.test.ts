import { describe, expect, it } from 'vitest';
import { recordReplyOutcome } from '../../src/cases/record-reply-outcome.js';
import { parsePeriod } from '../../src/reports/period.js';
import { computeStats } from '../../src/reports/stats.js';
import { ZStats } from '../../src/reports/stats-types.js';
import type { TDb } from '../../src/store/client.js';
import { createTestDb } from '../helpers/db.js';
import { addAuthor, addCase, statsOrgChart } from './fixtures.js';

const at = (iso: string) => new Date(iso);
const stats = (db: TDb, teams: string[] | 'all', from: string, to: string, now: string, orgChart = statsOrgChart()) =>
  computeStats(db, { teams, from: at(from), to: at(to), now: at(now), orgChart });

async function sendReply(db: TDb, caseId: string, visibility: 'public' | 'private', when: string) {
  const r = await db.reply.create({ data: { caseId, visibility, text: 'on it', author: 'tom', status: 'queued', createdAt: at(when), updatedAt: at(when) } });
  await db.$transaction((tx) => recordReplyOutcome(tx, r.id, { ok: true, platformReplyId: `p-${r.id}` }, at(when)));
}

describe('computeStats', () => {
  it('measures first response in business hours across a weekend, and follows a change of business hours', async () => {
    const { db } = await createTestDb();
    // London in November is UTC. Fri 16:30 → Mon 09:45 is 30 + 45 working minutes, not 65 h 15 min.
    await addCase(db, { team: 'care', createdAt: '2026-11-20T16:30:00Z', firstResponseAt: '2026-11-23T09:45:00Z' });
    await addCase(db, { team: 'care', createdAt: '2026-11-23T10:00:00Z', firstResponseAt: '2026-11-23T10:20:00Z' });
    await addCase(db, { team: 'care', createdAt: '2026-11-23T11:00:00Z', firstResponseAt: '2026-11-23T12:00:00Z' });
    const s = await stats(db, ['care'], '2026-11-20T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-24T00:00:00Z');
    // Nearest rank over [20, 60, 75]: median = 2nd value, p90 = 3rd.
    expect(s.firstResponse).toEqual({ responded: 3, medianMinutes: 60, p90Minutes: 75 });
    expect(ZStats.parse(s)).toEqual(s);

    const allDay = statsOrgChart({ careHours: '24x7' });
    const s2 = await stats(db, ['care'], '2026-11-20T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-24T00:01:00Z', allDay);
    expect(s2.firstResponse).toEqual({ responded: 3, medianMinutes: 60, p90Minutes: 3915 });
  });

  it('counts working minutes on the team clock across a DST change, and busiest hours in that zone', async () => {
    const { db } = await createTestDb();
    // New York left DST on Sun 1 Nov 2026: Fri 16:00 EDT (20:00Z) → Mon 10:00 EST (15:00Z) is 60 + 60 working minutes.
    await addCase(db, { team: 'ny', createdAt: '2026-10-30T20:00:00Z', firstResponseAt: '2026-11-02T15:00:00Z' });
    await addCase(db, { team: 'ny', createdAt: '2026-10-30T13:30:00Z' }); // 09:30 EDT, Friday
    await addCase(db, { team: 'ny', createdAt: '2026-11-02T14:30:00Z' }); // 09:30 EST, Monday
    const p = { from: '2026-10-30T04:00:00Z', to: '2026-11-03T05:00:00Z' };
    const s = await stats(db, ['ny'], p.from, p.to, '2026-11-03T05:00:00Z');
    expect(s.firstResponse.medianMinutes).toBe(120);
    expect(s.busiest.peakHour).toBe(9);
    expect(s.busiest.hours.filter((h) => h.total > 0).map((h) => [h.hour, h.total])).toEqual([[9, 2], [16, 1]]);
    expect(s.busiest.weekdays.filter((d) => d.total > 0)).toEqual([{ day: 'mon', total: 1 }, { day: 'fri', total: 2 }]);
    expect(s.busiest.peakWeekday).toBe('fri');
  });

  it('keeps the first response when a case is reopened and answered again; DMs and Earshot events are not responses', async () => {
    const { db } = await createTestDb();
    const reopened = await addCase(db, { team: 'ops', createdAt: '2026-11-23T10:00:00Z', status: 'claimed' });
    const dmOnly = await addCase(db, { team: 'ops', createdAt: '2026-11-23T10:00:00Z', status: 'claimed' });
    await db.caseEvent.create({ data: { caseId: dmOnly.id, actor: 'earshot', action: 'created', at: at('2026-11-23T10:00:00Z') } });
    const day = ['2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z'] as const;

    const before = await stats(db, ['ops'], ...day, '2026-11-23T10:05:00Z');
    expect(before.responseRate).toEqual({ warranted: 2, responded: 0, rate: 0 });

    await sendReply(db, reopened.id, 'public', '2026-11-23T10:10:00Z');
    await sendReply(db, dmOnly.id, 'private', '2026-11-23T10:05:00Z');
    await db.case.update({ where: { id: reopened.id }, data: { status: 'resolved', resolvedAt: at('2026-11-23T11:00:00Z'), updatedAt: at('2026-11-23T11:00:00Z') } });
    await db.case.update({ where: { id: reopened.id }, data: { status: 'claimed', resolvedAt: null, reopenCount: 1, updatedAt: at('2026-11-23T14:00:00Z') } });
    await sendReply(db, reopened.id, 'public', '2026-11-23T15:00:00Z');

    const after = await stats(db, ['ops'], ...day, '2026-11-23T16:00:00Z');
    expect(after.responseRate).toEqual({ warranted: 2, responded: 1, rate: 0.5 });
    expect(after.firstResponse).toEqual({ responded: 1, medianMinutes: 10, p90Minutes: 10 });
  });

  it('computes response rate, SLA met %, sentiment ratio, volume and backlog from hand-counted cases', async () => {
    const { db } = await createTestDb();
    const c = (f: Parameters<typeof addCase>[1]) => addCase(db, { team: 'ops', ...f });
    await c({ createdAt: '2026-11-23T08:00:00Z', slaDueAt: '2026-11-23T09:00:00Z', firstResponseAt: '2026-11-23T08:30:00Z', platform: 'facebook' }); // met
    await c({ createdAt: '2026-11-23T08:00:00Z', slaDueAt: '2026-11-23T09:00:00Z', firstResponseAt: '2026-11-23T09:30:00Z', platform: 'facebook' }); // late
    await c({ createdAt: '2026-11-23T09:00:00Z', slaDueAt: '2026-11-23T10:00:00Z', status: 'new' }); // unanswered, overdue
    await c({ createdAt: '2026-11-23T11:30:00Z', slaDueAt: '2026-11-23T12:30:00Z', decision: 'escalate', status: 'claimed' }); // not yet due
    await c({ createdAt: '2026-11-23T10:00:00Z', decision: 'monitor', status: 'monitoring', sentiment: 'positive', category: 'praise' });
    await c({ createdAt: '2026-11-23T10:00:00Z', decision: 'ignore', status: 'ignored', sentiment: 'neutral', category: 'spam' });
    await c({ createdAt: '2026-11-23T10:00:00Z', slaDueAt: '2026-11-23T11:00:00Z', firstResponseAt: '2026-11-23T10:15:00Z', decision: 'respond_then_offline', status: 'offline', sentiment: 'positive', followUpDueAt: '2026-11-23T11:00:00Z' });
    await c({ createdAt: '2026-11-23T10:30:00Z', decision: 'respond_then_offline', status: 'offline', firstResponseAt: '2026-11-23T10:40:00Z', followUpDueAt: '2026-11-25T09:00:00Z' });
    await c({ team: 'care', createdAt: '2026-11-22T10:00:00Z', status: 'new', slaDueAt: '2026-11-22T11:00:00Z' }); // another team, another day

    const s = await stats(db, ['ops'], '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-23T12:00:00Z');
    expect(s.volume.total).toBe(8);
    expect(s.volume.byPlatform).toEqual([{ key: 'x', count: 6 }, { key: 'facebook', count: 2 }]);
    expect(s.volume.bySentiment).toEqual({ negative: 5, neutral: 1, positive: 2 });
    expect(s.responseRate).toEqual({ warranted: 6, responded: 4, rate: 4 / 6 });
    expect(s.sla).toEqual({ met: 2, breached: 2, pending: 1, metRate: 0.5 });
    expect(s.sentimentRatio).toEqual({ positive: 2, negative: 5, ratio: 0.4 });
    // Open = new, claimed, offline: the unanswered new one is overdue; the escalation is not due yet.
    expect(s.backlog).toEqual({ open: 4, overdue: 1 });
    expect(s.followUpsDue.count).toBe(1);
    expect(s.followUpsDue.items[0]).toMatchObject({ team: 'ops', dueAt: '2026-11-23T11:00:00.000Z', overdue: true });

    const all = await stats(db, 'all', '2026-11-22T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-23T12:00:00Z');
    expect(all.volume.total).toBe(9);
    expect(all.backlog).toEqual({ open: 5, overdue: 2 });
    // Half an hour later the escalation's SLA has passed unanswered.
    const later = await stats(db, ['ops'], '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-23T12:30:00Z');
    expect(later.sla).toEqual({ met: 2, breached: 3, pending: 0, metRate: 0.4 });
  });

  it('handles periods that start on the half hour (UTC+5:30) exactly', async () => {
    const { db } = await createTestDb();
    for (const t of ['2026-11-22T18:15:00Z', '2026-11-22T18:45:00Z', '2026-11-23T05:40:00Z', '2026-11-23T18:20:00Z', '2026-11-23T18:40:00Z']) {
      await addCase(db, { team: 'delhi', createdAt: t });
    }
    const now = at('2026-11-23T12:00:00Z');
    const p = parsePeriod('today', { now, timeZone: 'Asia/Kolkata' });
    expect(p.from.toISOString()).toBe('2026-11-22T18:30:00.000Z');
    const s = await computeStats(db, { teams: ['delhi'], from: p.from, to: p.to, now, orgChart: statsOrgChart() });
    expect(s.volume.total).toBe(3);
    expect(s.busiest.hours.filter((h) => h.total > 0).map((h) => h.hour)).toEqual([0, 11, 23]);
  });

  it('ranks advocates and frequent engagers who had cases in the period, per team', async () => {
    const { db } = await createTestDb();
    const a1 = await addAuthor(db, { handle: 'fan_one', tags: ['advocate'], praiseCount: 5 });
    const a2 = await addAuthor(db, { handle: 'fan_quiet', tags: ['advocate'], praiseCount: 9, lastSeenAt: '2026-11-01T00:00:00Z' });
    const a3 = await addAuthor(db, { handle: 'fan_care', tags: ['advocate', 'frequent'], praiseCount: 3, mentionCount: 7 });
    await addCase(db, { team: 'ops', authorId: a1.id, createdAt: '2026-11-23T09:00:00Z', sentiment: 'positive' });
    await addCase(db, { team: 'ops', authorId: a1.id, createdAt: '2026-11-23T10:00:00Z', sentiment: 'positive' });
    await addCase(db, { team: 'ops', authorId: a2.id, createdAt: '2026-11-01T00:00:00Z' });
    await addCase(db, { team: 'care', authorId: a3.id, createdAt: '2026-11-23T11:00:00Z' });
    const day = ['2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-23T12:00:00Z'] as const;
    const all = await stats(db, 'all', ...day);
    expect(all.topAdvocates.map((a) => [a.handle, a.cases])).toEqual([['fan_one', 2], ['fan_care', 1]]);
    expect(all.frequentEngagers.map((a) => a.handle)).toEqual(['fan_care']);
    const ops = await stats(db, ['ops'], ...day);
    expect(ops.topAdvocates.map((a) => [a.handle, a.cases])).toEqual([['fan_one', 2]]);
    expect(ops.frequentEngagers).toEqual([]);
  });

  it('ranks clusters by cases in the period', async () => {
    const { db } = await createTestDb();
    for (const [cl, t] of [['outage-1', '09:00'], ['outage-1', '09:10'], ['outage-1', '11:00'], ['fee-2', '10:00']] as const) {
      await addCase(db, { team: 'ops', clusterId: cl, createdAt: `2026-11-23T${t}:00Z`, sentiment: cl === 'fee-2' ? 'neutral' : 'negative' });
    }
    const s = await stats(db, 'all', '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z', '2026-11-23T12:00:00Z');
    expect(s.topClusters).toEqual([{ clusterId: 'outage-1', cases: 3, negative: 3 }, { clusterId: 'fee-2', cases: 1, negative: 0 }]);
  });
});
