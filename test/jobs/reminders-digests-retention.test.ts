import { describe, expect, it } from 'vitest';
import { digestRecipients, digestsJob, dueDigestDate } from '../../src/jobs/definitions/digests.js';
import { followupRemindersJob } from '../../src/jobs/definitions/followup-reminders.js';
import { retentionJob } from '../../src/jobs/definitions/retention.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { outboxOf, seedCase } from '../helpers/seed.js';
import { runJob } from './run-job.js';

describe('followup-reminders job', () => {
  it('reminds the owner in the thread once per due time, from 24 hours before', async () => {
    const { db } = await createTestDb();
    const job = followupRemindersJob({ reminderHours: 24 });
    const c = await seedCase(db, { assignee: 'tom' });
    await db.case.update({ where: { id: c.id }, data: { status: 'offline', offlineChannel: 'dm', followUpDueAt: new Date('2026-11-25T12:00:00Z') } });
    await seedCase(db, { assignee: 'lena' }); // claimed, not offline: never reminded
    await runJob(job, db, '2026-11-24T11:00:00Z');
    expect(await outboxOf(db, 'followup.remind')).toEqual([]);
    await runJob(job, db, '2026-11-24T12:05:00Z');
    await runJob(job, db, '2026-11-25T13:00:00Z'); // overdue now, but already reminded for this due time
    const items = await outboxOf(db, 'followup.remind');
    expect(items).toHaveLength(1);
    expect(items[0]!.destination).toBe(`case:${c.id}`);
    expect(JSON.parse(items[0]!.payload)).toEqual({ caseId: c.id, assignee: 'tom', dueAt: '2026-11-25T12:00:00.000Z' });

    await db.case.update({ where: { id: c.id }, data: { followUpDueAt: new Date('2026-11-26T09:00:00Z') } });
    await runJob(job, db, '2026-11-25T13:05:00Z');
    expect((await outboxOf(db, 'followup.remind')).map((o) => JSON.parse(o.payload).dueAt)).toEqual(['2026-11-25T12:00:00.000Z', '2026-11-26T09:00:00.000Z']);
  });
});

describe('digests job', () => {
  it("finds every manager, at their own digest time or the organisation's, in their own, team or organisation zone; \"off\" opts out", () => {
    // mo sets no time and gets the organisation's 08:00; rae has opted out.
    expect(digestRecipients(exampleOrgChart())).toEqual([
      { memberId: 'priya', digestAt: '08:30', timeZone: 'Europe/London' },
      { memberId: 'dev', digestAt: '07:45', timeZone: 'Europe/London' },
      { memberId: 'mo', digestAt: '08:00', timeZone: 'Europe/London' },
    ]);
    const chart = exampleOrgChart();
    const quiet = { ...chart, digestAt: 'off' as const, teams: chart.teams.map((t) => (t.id === 'sales' ? { ...t, members: t.members.map((m) => ({ ...m, digestAt: '06:00' })) } : t)) };
    // The organisation turns digests off; a manager who set a time of their own still gets theirs, in the team's zone.
    expect(digestRecipients(quiet)).toEqual([
      { memberId: 'priya', digestAt: '08:30', timeZone: 'Europe/London' },
      { memberId: 'dev', digestAt: '07:45', timeZone: 'Europe/London' },
      { memberId: 'rae', digestAt: '06:00', timeZone: 'America/New_York' },
    ]);
  });

  it("queues yesterday's digest once each manager's local digest time has passed", async () => {
    const { db } = await createTestDb();
    const job = digestsJob(exampleOrgChart());
    await runJob(job, db, '2026-11-23T07:30:00Z');
    expect(await outboxOf(db, 'digest.send')).toEqual([]);
    await runJob(job, db, '2026-11-23T07:45:00Z');
    await runJob(job, db, '2026-11-23T08:15:00Z');
    await runJob(job, db, '2026-11-23T08:30:00Z');
    await runJob(job, db, '2026-11-23T23:45:00Z');
    const items = await outboxOf(db, 'digest.send');
    expect(items.map((i) => [i.destination, JSON.parse(i.payload)])).toEqual([
      ['member:dev', { memberId: 'dev', date: '2026-11-22' }],
      ['member:mo', { memberId: 'mo', date: '2026-11-22' }],
      ['member:priya', { memberId: 'priya', date: '2026-11-22' }],
    ]);
    await runJob(job, db, '2026-11-24T08:30:00Z');
    expect((await outboxOf(db, 'digest.send')).map((i) => JSON.parse(i.payload).date)).toEqual(['2026-11-22', '2026-11-22', '2026-11-22', '2026-11-23', '2026-11-23', '2026-11-23']);
  });

  it('follows the local clock across DST and date lines', () => {
    const ny = { memberId: 'm', timeZone: 'America/New_York', digestAt: '08:00' };
    expect(dueDigestDate(ny, new Date('2026-03-08T11:59:00Z'))).toBeNull(); // 07:59 EDT on the changeover day
    expect(dueDigestDate(ny, new Date('2026-03-08T12:00:00Z'))).toBe('2026-03-07'); // 08:00 EDT
    // A digest time inside the spring-forward gap is due from the jump on.
    expect(dueDigestDate({ ...ny, digestAt: '02:30' }, new Date('2026-03-08T07:00:00Z'))).toBe('2026-03-07'); // 03:00 EDT
    // Summer in London: 08:30 BST is 07:30Z.
    expect(dueDigestDate({ memberId: 'p', timeZone: 'Europe/London', digestAt: '08:30' }, new Date('2026-07-01T07:30:00Z'))).toBe('2026-06-30');
    // Auckland is already on 1 March while UTC is on 28 February.
    expect(dueDigestDate({ memberId: 'k', timeZone: 'Pacific/Auckland', digestAt: '07:00' }, new Date('2026-02-28T19:00:00Z'))).toBe('2026-02-28');
  });
});

describe('retention job', () => {
  it('drops raw payloads older than the configured days and keeps everything else', async () => {
    const { db } = await createTestDb();
    const now = new Date('2026-11-23T03:17:00Z');
    const c = await seedCase(db, { now });
    const author = await db.author.findFirstOrThrow();
    const mk = (id: string, daysAgo: number) =>
      db.mention.create({
        data: { platform: 'x', externalId: id, text: `text ${id}`, raw: JSON.stringify({ id }), postedAt: now, receivedAt: new Date(now.getTime() - daysAgo * 86_400_000), authorId: author.id, threadKey: id, caseId: c.id },
      });
    await mk('old', 91);
    await mk('edge', 89);
    const lines = await runJob(retentionJob({ days: 90 }), db, now);
    const rows = await db.mention.findMany({ where: { externalId: { in: ['old', 'edge'] } }, orderBy: { externalId: 'asc' } });
    expect(rows.map((r) => [r.externalId, r.raw, r.text])).toEqual([
      ['edge', '{"id":"edge"}', 'text edge'],
      ['old', null, 'text old'],
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'retention: raw payloads dropped', mentions: 1 }));
  });
});
