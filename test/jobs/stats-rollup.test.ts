import { describe, expect, it } from 'vitest';
import { statsRollupJob } from '../../src/jobs/definitions/stats-rollup.js';
import { earshotJobs } from '../../src/jobs/index.js';
import { ZJobsEnv } from '../../src/jobs/jobs-env.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { seedCase } from '../helpers/seed.js';
import { runJob } from './run-job.js';

describe('stats-rollup job', () => {
  it('folds new cases into the hourly rollup, and only changed hours on the next run', async () => {
    const { db } = await createTestDb();
    await seedCase(db, { now: new Date('2026-11-23T09:10:00Z') });
    await seedCase(db, { now: new Date('2026-11-23T10:20:00Z'), team: 'billing' });
    const job = statsRollupJob(exampleOrgChart());
    await runJob(job, db, '2026-11-23T11:00:00Z');
    const slots = await db.statsSlot.findMany({ orderBy: { slotStart: 'asc' } });
    expect(slots.map((s) => [s.team, s.slotStart.toISOString()])).toEqual([
      ['social-care', '2026-11-23T09:00:00.000Z'],
      ['billing', '2026-11-23T10:00:00.000Z'],
    ]);
    const before = slots.map((s) => s.computedAt.getTime());
    await runJob(job, db, '2026-11-23T11:01:00Z');
    const after = (await db.statsSlot.findMany({ orderBy: { slotStart: 'asc' } })).map((s) => s.computedAt.getTime());
    expect(after).toEqual(before);
  });

  it('is part of the job list Earshot schedules', () => {
    const ids = earshotJobs({ orgChart: exampleOrgChart(), env: ZJobsEnv.parse({}), accept: async () => undefined }).map((j) => j.id);
    expect(ids).toEqual(expect.arrayContaining(['sla-sweep', 'followup-reminders', 'digests', 'retention', 'stats-rollup']));
  });
});
