import { z } from 'zod';

/**
 * When a cluster becomes an incident, and which of its members still earn a card of their own (posted in the incident
 * card's thread). The defaults suit a brand with a few thousand mentions a day: five near-identical reports in half an
 * hour is already more than a team reads one by one.
 */
export const ZIncidents = z
  .object({
    /** A cluster with this many cases inside the window becomes an incident. */
    minMentions: z.number().int().min(2).max(10_000).default(5),
    windowMinutes: z.number().int().min(1).max(1440).default(30),
    /** Least time between two refreshes of one incident card (the latest state wins; stale updates are dropped). */
    updateEverySeconds: z.number().int().min(5).max(600).default(15),
    /** Members that still get their own card, in the incident's thread. */
    ownCard: z
      .object({
        /** Risk keywords or risk meanings (legal, safety, data) in the post. */
        risk: z.boolean().default(true),
        /**
         * Priorities that earn a card, judged without the wave's own volume (which makes every member look urgent). None by
         * default: an angry outage report scores P1 on its own, so `[P1]` would card most of an outage's members.
         */
        priorities: z.array(z.enum(['P1', 'P2', 'P3', 'P4'])) /* org-chart-schema's PRIORITIES; it imports this file */.default([]),
        /** Customer tiers (org chart `customerTiers`) whose members always get a card; default: every tier weighted above 1. */
        tiers: z.array(z.string().min(1)).optional(),
        /** An author with at least this many followers… */
        minFollowers: z.number().int().min(0).default(10_000),
        /** …and, when true, only if the platform verified them. */
        verifiedOnly: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type TIncidentsConfig = z.infer<typeof ZIncidents>;
