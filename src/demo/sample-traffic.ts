import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ZMentionAuthor, ZPlatform, type TMention } from '../mention.js';
import { PACKAGE_ROOT } from '../store/paths.js';

export const SAMPLE_TRAFFIC_FILE = `${PACKAGE_ROOT}config/sample-traffic.jsonl`;

/** One line of the bundled sample: a mention without ids or times, which each run assigns. */
const ZSampleLine = z.object({
  key: z.string().min(1),
  platform: ZPlatform,
  text: z.string(),
  lang: z.string().optional(),
  author: ZMentionAuthor,
  /** Posted this many minutes before it is fed, so SLA clocks are already running. */
  ageMinutes: z.number().nonnegative().optional(),
  /** Part of a burst: sent right after the previous line, whatever the rate (an outage looks like this). */
  burst: z.boolean().optional(),
  /** A follow-up in the thread of the line with this key. */
  replyTo: z.string().optional(),
});
export type TSampleLine = z.infer<typeof ZSampleLine>;

/** The bundled sample (written for Earshot, no third-party content), validated line by line. */
export function loadSampleTraffic(file = SAMPLE_TRAFFIC_FILE): TSampleLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = ZSampleLine.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}

export interface TFeedStep {
  /** Milliseconds after the previous step. */
  delayMs: number;
  mention: TMention;
}

/**
 * When each sample mention goes out and what it is: `ratePerMinute` spaces ordinary lines, burst lines follow their
 * predecessor within a second. `run` makes ids unique per run, so feeding twice makes new cases instead of
 * duplicates; `at` is the moment a step is sent (createdAt is that moment minus the line's age).
 */
export function feedPlan(lines: readonly TSampleLine[], opts: { ratePerMinute: number; run: string }): ((at: Date) => TFeedStep)[] {
  const gap = Math.round(60_000 / opts.ratePerMinute);
  const id = (key: string) => `sample-${opts.run}-${key}`;
  return lines.map((l, i) => (at: Date) => ({
    delayMs: i === 0 ? 0 : l.burst && lines[i - 1]?.burst ? Math.min(gap, 700) : gap,
    mention: {
      platform: l.platform,
      externalId: id(l.key),
      text: l.text,
      ...(l.lang && { lang: l.lang }),
      createdAt: new Date(at.getTime() - (l.ageMinutes ?? 0) * 60_000).toISOString(),
      author: l.author,
      url: `https://sandbox.earshot.local/${l.platform}/${encodeURIComponent(id(l.key))}`,
      ...(l.replyTo && { inReplyTo: id(l.replyTo), threadRoot: id(l.replyTo) }),
    },
  }));
}
