import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === undefined || v === '' || v === 'true' || v === '1' || v === 'yes');

const optionalInt = (min: number, max: number) =>
  z
    .union([z.literal(''), z.coerce.number().int().min(min).max(max)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v));

/**
 * Environment variables of the scheduled jobs; the lead merges this shape into ZEnv
 * (`ZEnv = z.object({ ...base, ...ZJobsEnv.shape })`).
 */
export const ZJobsEnv = z.object({
  /** "false" turns the scheduler off in this process (e.g. a web-only replica); other processes still run the jobs. */
  JOBS_ENABLED: flag,
  /** Days a mention's raw platform payload is kept; the text and counts stay. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Warn the team this many minutes before an SLA breach (capped at a quarter of the case's SLA). */
  SLA_WARNING_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Escalate to managers this many minutes after a breach; unset: half the case's SLA minutes. */
  SLA_ESCALATE_AFTER_MINUTES: optionalInt(0, 10_080),
  /** Remind the owner of an offline follow-up this many hours before it is due (once per due time; 0: when due). */
  FOLLOWUP_REMINDER_HOURS: z.coerce.number().int().min(0).max(720).default(24),
});
export type TJobsEnv = z.infer<typeof ZJobsEnv>;
