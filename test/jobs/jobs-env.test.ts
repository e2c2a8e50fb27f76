import { describe, expect, it } from 'vitest';
import { earshotJobs } from '../../src/jobs/earshot-jobs.js';
import { ZJobsEnv } from '../../src/jobs/jobs-env.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

describe('jobs environment and job list', () => {
  it('has defaults, parses values and refuses nonsense', () => {
    expect(ZJobsEnv.parse({})).toEqual({ JOBS_ENABLED: true, RETENTION_DAYS: 90, SLA_WARNING_MINUTES: 15, FOLLOWUP_REMINDER_HOURS: 24 });
    expect(ZJobsEnv.parse({ JOBS_ENABLED: 'false', RETENTION_DAYS: '30', SLA_ESCALATE_AFTER_MINUTES: '45', FOLLOWUP_REMINDER_HOURS: '4' })).toEqual({
      JOBS_ENABLED: false,
      RETENTION_DAYS: 30,
      SLA_WARNING_MINUTES: 15,
      SLA_ESCALATE_AFTER_MINUTES: 45,
      FOLLOWUP_REMINDER_HOURS: 4,
    });
    const bad = ZJobsEnv.safeParse({ RETENTION_DAYS: '0', JOBS_ENABLED: 'maybe', SLA_WARNING_MINUTES: 'soon' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['JOBS_ENABLED', 'RETENTION_DAYS', 'SLA_WARNING_MINUTES']);
  });

  it('lists every job, with one polling job per poller', () => {
    const poller = { stream: 'inbox', schedule: '*/5 * * * *', poll: async () => ({ mentions: [], cursor: null }) };
    const jobs = earshotJobs({ orgChart: exampleOrgChart(), env: ZJobsEnv.parse({}), connectors: [{ id: 'reddit', pollers: [poller] }, { id: 'x' }], accept: async () => undefined });
    expect(jobs.map((j) => [j.id, j.schedule])).toEqual([
      ['sla-sweep', '* * * * *'],
      ['followup-reminders', '*/5 * * * *'],
      ['digests', '*/15 * * * *'],
      ['retention', '17 3 * * *'],
      ['stats-rollup', '* * * * *'],
      ['spike-alerts', '*/5 * * * *'],
      ['poll:reddit:inbox', '*/5 * * * *'],
    ]);
  });
});
