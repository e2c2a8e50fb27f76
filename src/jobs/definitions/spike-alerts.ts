import type { TOrgChart } from '../../config/org-chart-schema.js';
import { raiseSpikes } from '../../incidents/raise-spikes.js';
import { defineJob, type TJob } from '../job.js';

/**
 * Every five minutes: a sudden rise in volume or negativity — brand-wide, for a team or a category — against its usual
 * level for that hour of the week is posted once to the team's channel, naming its managers (org chart `spikes`).
 */
export function spikeAlertsJob(chart: TOrgChart, opts: { schedule?: string } = {}): TJob {
  return defineJob({
    id: 'spike-alerts',
    schedule: opts.schedule ?? '*/5 * * * *',
    async handler({ db, slot, log }) {
      await raiseSpikes({ db, orgChart: chart, log }, slot);
    },
  }) as TJob;
}
