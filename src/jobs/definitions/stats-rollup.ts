import type { TOrgChart } from '../../config/org-chart-schema.js';
import { refreshStatsRollup } from '../../reports/rollup.js';
import { defineJob, type TJob } from '../job.js';

/**
 * Every minute: folds changed cases into the hourly stats rollup, so `/social stats` over a large database pays
 * for a minute of changes, not for a rebuild. Stats also refresh on read; this keeps that read cheap.
 */
export function statsRollupJob(orgChart: TOrgChart, opts: { schedule?: string } = {}): TJob {
  return defineJob({
    id: 'stats-rollup',
    schedule: opts.schedule ?? '* * * * *',
    async handler({ db, now, log }) {
      const hours = await refreshStatsRollup(db, { orgChart, now });
      if (hours > 0) log.debug('stats rollup refreshed', { hours });
    },
  }) as TJob;
}
