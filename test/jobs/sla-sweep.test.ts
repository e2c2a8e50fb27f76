import { describe, expect, it } from 'vitest';
import { slaSweepJob } from '../../src/jobs/definitions/sla-sweep.js';
import { createTestDb } from '../helpers/db.js';
import { eventsOf, outboxOf, seedCase } from '../helpers/seed.js';
import { runJob } from './run-job.js';

const T0 = new Date('2026-11-23T10:00:00Z'); // seedCase: 60-minute SLA, due at 11:00
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const job = slaSweepJob({ warningMinutes: 15 });
const stages = async (db: Parameters<typeof outboxOf>[0]) => (await outboxOf(db, 'sla.alert')).map((o) => JSON.parse(o.payload).stage as string);

describe('sla-sweep job', () => {
  it('warns before the breach, notices the breach, escalates after the grace — each once', async () => {
    const { db } = await createTestDb();
    const c = await seedCase(db, { now: T0, priority: 'P2' });
    await runJob(job, db, at(44));
    expect(await stages(db)).toEqual([]);
    for (const m of [46, 47, 59]) await runJob(job, db, at(m));
    expect(await stages(db)).toEqual(['warning']);
    for (const m of [60, 61, 89]) await runJob(job, db, at(m));
    expect(await stages(db)).toEqual(['warning', 'breached']);
    for (const m of [90, 91, 200]) await runJob(job, db, at(m));
    expect(await stages(db)).toEqual(['warning', 'breached', 'escalated']);

    const alerts = await outboxOf(db, 'sla.alert');
    expect(alerts.map((a) => a.destination)).toEqual(['team:social-care', 'team:social-care', 'team:social-care']);
    expect(alerts[2]!.idempotencyKey).toBe(`sla.alert:${c.id}:escalated:2026-11-23T11:00:00.000Z`);
    expect(JSON.parse(alerts[2]!.payload)).toEqual({ caseId: c.id, team: 'social-care', stage: 'escalated' });

    const after = await db.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ escalated: true, priority: 'P1', version: c.version + 1 });
    const evs = (await eventsOf(db, c.id)).filter((e) => e.action === 'sla_escalated');
    expect(evs).toHaveLength(1);
    expect(evs[0]!.actor).toBe('earshot');
    expect(JSON.parse(evs[0]!.payload)).toMatchObject({ slaDueAt: '2026-11-23T11:00:00.000Z', priorityFrom: 'P2', priorityTo: 'P1' });
    const updates = await outboxOf(db, 'card.update');
    expect(updates.map((u) => JSON.parse(u.payload))).toEqual([{ caseId: c.id, eventId: evs[0]!.id }]);
  });

  it('after downtime sends only the stage the case is in now', async () => {
    const { db } = await createTestDb();
    await seedCase(db, { now: T0 });
    await runJob(job, db, at(65));
    expect(await stages(db)).toEqual(['breached']);
    const { db: db2 } = await createTestDb();
    await seedCase(db2, { now: T0 });
    await runJob(job, db2, at(300));
    expect(await stages(db2)).toEqual(['escalated']);
  });

  it('leaves answered, offline, monitored and closed cases alone, and re-alerts for a new due time', async () => {
    const { db } = await createTestDb();
    const answered = await seedCase(db, { now: T0 });
    await db.case.update({ where: { id: answered.id }, data: { firstResponseAt: at(5) } });
    for (const status of ['offline', 'monitoring', 'resolved', 'ignored']) await seedCase(db, { now: T0, status });
    await runJob(job, db, at(120));
    expect(await outboxOf(db, 'sla.alert')).toEqual([]);

    const claimed = await seedCase(db, { now: T0, assignee: 'tom' });
    await runJob(job, db, at(65));
    await db.case.update({ where: { id: claimed.id }, data: { slaDueAt: at(130) } }); // reopened: a new clock
    await runJob(job, db, at(120));
    expect((await outboxOf(db, 'sla.alert')).map((o) => o.idempotencyKey)).toEqual([
      `sla.alert:${claimed.id}:breached:2026-11-23T11:00:00.000Z`,
      `sla.alert:${claimed.id}:warning:2026-11-23T12:10:00.000Z`,
    ]);
  });

  it('keeps the priority of a case already escalated, caps the warning for short SLAs, honours a fixed grace', async () => {
    const { db } = await createTestDb();
    const c = await seedCase(db, { now: T0, priority: 'P2' });
    await db.case.update({ where: { id: c.id }, data: { escalated: true, slaMinutes: 8, slaDueAt: at(8) } });
    const fixed = slaSweepJob({ warningMinutes: 15, escalateAfterMinutes: 5 });
    await runJob(fixed, db, at(5)); // 3 minutes left, warning capped at 8/4 = 2 minutes
    expect(await stages(db)).toEqual([]);
    await runJob(fixed, db, at(6));
    await runJob(fixed, db, at(13));
    expect(await stages(db)).toEqual(['warning', 'escalated']);
    expect(await db.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ escalated: true, priority: 'P2' });
  });
});
