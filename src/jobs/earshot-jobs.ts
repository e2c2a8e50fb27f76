import type { TOrgChart } from '../config/org-chart-schema.js';
import { digestsJob } from './definitions/digests.js';
import { followupRemindersJob } from './definitions/followup-reminders.js';
import { pollingJobs, type TAcceptFn, type TPollingSource } from './definitions/connector-polling.js';
import { retentionJob } from './definitions/retention.js';
import { slaSweepJob } from './definitions/sla-sweep.js';
import { spikeAlertsJob } from './definitions/spike-alerts.js';
import { statsRollupJob } from './definitions/stats-rollup.js';
import type { TJob } from './job.js';
import type { TJobsEnv } from './jobs-env.js';

export interface TEarshotJobsOptions {
  orgChart: TOrgChart;
  env: TJobsEnv;
  /** Connectors with pollers (the others are ignored); pass `[...connectors.values()]`. */
  connectors?: Iterable<TPollingSource>;
  /** The intake's durable accept, for the pollers. */
  accept: TAcceptFn;
  /** False leaves managers' digests out (the bundled example's people are fictional; see start.ts). */
  digests?: boolean;
}

/**
 * Every scheduled job Earshot runs, configured from the environment.
 * @example createScheduler({ db, log, timezone: orgChart.timezone, jobs: earshotJobs({ orgChart, env, connectors, accept }) })
 */
export function earshotJobs(o: TEarshotJobsOptions): TJob[] {
  return [
    slaSweepJob({ warningMinutes: o.env.SLA_WARNING_MINUTES, ...(o.env.SLA_ESCALATE_AFTER_MINUTES !== undefined && { escalateAfterMinutes: o.env.SLA_ESCALATE_AFTER_MINUTES }) }),
    followupRemindersJob({ reminderHours: o.env.FOLLOWUP_REMINDER_HOURS }),
    ...(o.digests === false ? [] : [digestsJob(o.orgChart)]),
    retentionJob({ days: o.env.RETENTION_DAYS }),
    statsRollupJob(o.orgChart),
    spikeAlertsJob(o.orgChart),
    ...pollingJobs(o.connectors ?? [], o.accept),
  ] as TJob[];
}
