import { z } from 'zod';

/**
 * Spike alerts: when the last hour's volume or negativity — for the brand, a team or a category — stands well above
 * its usual level for that hour of the week. The defaults suit a brand with a few hundred to a few thousand
 * mentions a day: quiet hours do not alert on a handful of posts, busy hours need a real multiple of their usual.
 */
export const ZSpikes = z
  .object({
    enabled: z.boolean().default(true),
    /** The window that is compared: the last this-many minutes, against the same minutes of past weeks. */
    windowMinutes: z.number().int().min(10).max(360).default(60),
    /** How many past weeks the usual level is read from (the median of the same hour of the week). */
    weeks: z.number().int().min(1).max(12).default(4),
    /** Fewer weeks of stored history than this and nothing is alerted: there is no usual level to compare with yet. */
    minWeeks: z.number().int().min(1).max(12).default(2),
    /** Never alert on fewer mentions than this in the window (volume) … */
    minMentions: z.number().int().min(1).default(20),
    /** … or on fewer negative ones (negativity). */
    minNegative: z.number().int().min(1).default(10),
    /** The window must hold at least this multiple of the usual level … */
    ratio: z.number().min(1).max(100).default(2),
    /** … and stand this many robust deviations (scaled MAD, at least √usual) above it. */
    deviations: z.number().min(0).max(20).default(4),
    /** After an alert, the same scope and measure stay quiet this long (a spike is posted once). */
    cooldownMinutes: z.number().int().min(10).max(7 * 1440).default(180),
    /** How many hours the alert's chart shows. */
    chartHours: z.number().int().min(3).max(48).default(12),
  })
  .strict()
  .refine((s) => s.minWeeks <= s.weeks, { message: 'minWeeks cannot exceed weeks', path: ['minWeeks'] });
export type TSpikesConfig = z.infer<typeof ZSpikes>;
