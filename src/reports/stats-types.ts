import { z } from 'zod';

const ZCount = z.object({ key: z.string(), count: z.number().int().nonnegative() });
const ZRate = z.number().min(0).max(1).nullable();
const ZPerson = z.object({ authorId: z.string(), platform: z.string(), handle: z.string(), cases: z.number().int().positive() });

/**
 * The one definition of Earshot's numbers, served by `/social stats`, digests and `/metrics`. Plain JSON (dates as
 * ISO strings), so it can be cached, logged or sent as is. Handles and cluster ids come from social platforms:
 * renderers must escape them.
 */
export const ZStats = z.object({
  scope: z.object({
    teams: z.union([z.literal('all'), z.array(z.string())]),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
  }),
  /** Cases created in [from, to). */
  volume: z.object({
    total: z.number().int().nonnegative(),
    byPlatform: z.array(ZCount),
    byCategory: z.array(ZCount),
    bySentiment: z.object({ negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() }),
  }),
  /** Of the period's cases whose decision warranted a response (respond, respond_then_offline, escalate), how many got one. */
  responseRate: z.object({ warranted: z.number().int(), responded: z.number().int(), rate: ZRate }),
  /**
   * Creation → first public reply sent, in whole working minutes of the case's team (its business hours and time
   * zone; calendar minutes for 24x7 teams). Reopening never resets the first response; internal notes, DMs and
   * Earshot's own messages are not responses. Percentiles are nearest-rank (median = the lower middle value).
   */
  firstResponse: z.object({ responded: z.number().int(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable() }),
  /** Warranted cases with an SLA: met = first response at or before the due time; breached = later, or none and overdue; pending = not yet due. */
  sla: z.object({ met: z.number().int(), breached: z.number().int(), pending: z.number().int(), metRate: ZRate }),
  /** positive ÷ negative cases; null when there were no negative cases. */
  sentimentRatio: z.object({ positive: z.number().int(), negative: z.number().int(), ratio: z.number().nullable() }),
  /** Cases by local hour of day (0–23) and weekday, each case on its own team's wall clock. */
  busiest: z.object({
    hours: z.array(z.object({ hour: z.number().int(), total: z.number().int(), negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() })),
    weekdays: z.array(z.object({ day: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), total: z.number().int() })),
    peakHour: z.number().int().nullable(),
    peakWeekday: z.string().nullable(),
  }),
  /** Now, whatever the period: open = new, claimed or offline; overdue = open, unanswered and past its SLA due time. */
  backlog: z.object({ open: z.number().int(), overdue: z.number().int() }),
  /** Clusters (same issue from many people) with the most cases in the period. */
  topClusters: z.array(z.object({ clusterId: z.string(), cases: z.number().int(), negative: z.number().int() })),
  /** Authors tagged advocate / frequent (src/intake/author-tags.ts) ranked by their cases in the period. */
  topAdvocates: z.array(ZPerson),
  frequentEngagers: z.array(ZPerson),
  /** Cases handled offline whose follow-up falls due before the period ends (overdue ones included), soonest first. */
  followUpsDue: z.object({
    count: z.number().int(),
    items: z.array(z.object({ caseId: z.string(), team: z.string(), assignee: z.string().nullable(), dueAt: z.string(), overdue: z.boolean() })),
  }),
});
export type TStats = z.infer<typeof ZStats>;
