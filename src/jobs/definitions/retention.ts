import { z } from 'zod';
import { defineJob, type TJob } from '../job.js';

export const ZRetentionSettings = z.object({ days: z.number().int().min(1) });
export type TRetentionSettings = z.infer<typeof ZRetentionSettings>;

/**
 * Daily: drops the raw platform payload of mentions received more than `days` ago. The text, the case and
 * every count stay; only the audit copy of the original delivery goes.
 */
export function retentionJob(settings: TRetentionSettings, opts: { schedule?: string } = {}): TJob<TRetentionSettings> {
  return defineJob({
    id: 'retention',
    // An odd minute in the small hours: off the top of the hour, when other jobs and platforms are busiest.
    schedule: opts.schedule ?? '17 3 * * *',
    payload: { schema: ZRetentionSettings, value: settings },
    async handler({ db, now, log, payload }) {
      const cutoff = new Date(now.getTime() - payload.days * 86_400_000);
      const { count } = await db.mention.updateMany({ where: { receivedAt: { lt: cutoff }, raw: { not: null } }, data: { raw: null } });
      log.info('retention: raw payloads dropped', { mentions: count, before: cutoff.toISOString() });
    },
  });
}
