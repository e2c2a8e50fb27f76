import { PLATFORMS, type TMention } from '../../src/mention.js';
import { loadSource } from '../../scripts/triage/data.js';

let texts: string[] | undefined;

/**
 * A deterministic stream of realistic mentions from the labelled dev data: nine platforms, a few thousand authors
 * (some customers with tiers, some famous), every 7th post a near-copy of an earlier one (an outage wave), every 9th a
 * follow-up by the same author in their earlier thread, 4 per second in time order. Shared by the batch-equivalence
 * test and bench/intake.ts.
 */
export function devMentions(n: number, o: { prefix?: string; start?: string; authors?: number } = {}): TMention[] {
  texts ??= ['complaints-dev', 'tweeteval-sentiment-val', 'sxsw-brand-sentiment', 'tweeteval-offensive-val', 'apple-sentiment'].flatMap((s) => loadSource(s).map((r) => r.text));
  const all = texts;
  const start = Date.parse(o.start ?? '2026-11-23T08:00:00Z');
  const authors = o.authors ?? 3000;
  const prefix = o.prefix ?? 'dev';
  const out: TMention[] = [];
  for (let i = 0; i < n; i++) {
    const followUp = i % 9 === 8 && i >= 40;
    const parent = followUp ? out[i - 37]! : undefined;
    const text = i % 7 === 6 ? (all[(i * 31) % 400] ?? '') : (all[(i * 7919) % all.length] ?? '');
    const a = i % authors;
    out.push({
      platform: parent?.platform ?? PLATFORMS[i % PLATFORMS.length]!,
      externalId: `${prefix}-${i}`,
      text: text || '🙂',
      createdAt: new Date(start + i * 250).toISOString(),
      author: parent
        ? parent.author
        : {
          handle: `user${a}`,
          followers: (i * 37) % 100_000,
          verified: i % 97 === 0,
          ...(i % 5 === 0 ? { customerId: `cust-${a}`, tier: ['business', 'premium', 'standard'][a % 3]! } : {}),
        },
      ...(parent && { inReplyTo: parent.externalId }),
      metrics: { likes: i % 50, shares: i % 9, replies: i % 4 },
      ...(i % 11 === 0 && { raw: { id: i, note: 'kept for audit' } }),
    });
  }
  return out;
}
