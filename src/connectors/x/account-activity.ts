import { z } from 'zod';
import type { TMention } from '../../mention.js';

/** A v1.1 Tweet object as Account Activity delivers it in `tweet_create_events` (only the fields we read). */
const ZV1Tweet = z.object({
  id_str: z.string().regex(/^\d+$/),
  created_at: z.string(),
  text: z.string().optional(),
  full_text: z.string().optional(),
  extended_tweet: z.object({ full_text: z.string() }).optional(),
  lang: z.string().optional(),
  in_reply_to_status_id_str: z.string().nullish(),
  retweeted_status: z.unknown().optional(),
  reply_count: z.number().int().nonnegative().optional(),
  retweet_count: z.number().int().nonnegative().optional(),
  quote_count: z.number().int().nonnegative().optional(),
  favorite_count: z.number().int().nonnegative().optional(),
  user: z.object({
    id_str: z.string(),
    screen_name: z.string().min(1),
    name: z.string().optional(),
    followers_count: z.number().int().nonnegative().optional(),
    verified: z.boolean().optional(),
  }),
});

/** The Account Activity envelope; other event kinds (favorites, follows, DMs) are accepted and ignored. */
export const ZAccountActivity = z.object({
  for_user_id: z.string(),
  tweet_create_events: z.array(ZV1Tweet).optional(),
});
export type TAccountActivity = z.infer<typeof ZAccountActivity>;

/**
 * Mentions in one delivery: new posts by others that mention, reply to or quote the brand. The brand's own
 * posts (our replies echoed back) and plain retweets are not conversations to answer.
 */
export function accountActivityMentions(body: TAccountActivity, brandUserId: string): TMention[] {
  const out: TMention[] = [];
  for (const t of body.tweet_create_events ?? []) {
    if (t.user.id_str === brandUserId || t.user.id_str === body.for_user_id || t.retweeted_status) continue;
    const createdAt = new Date(t.created_at);
    out.push({
      platform: 'x',
      externalId: t.id_str,
      url: `https://x.com/${t.user.screen_name}/status/${t.id_str}`,
      text: t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? '',
      ...(t.lang && t.lang !== 'und' && { lang: t.lang }),
      createdAt: Number.isNaN(createdAt.getTime()) ? new Date(0).toISOString() : createdAt.toISOString(),
      author: {
        handle: t.user.screen_name,
        externalId: t.user.id_str,
        ...(t.user.name && { displayName: t.user.name }),
        ...(t.user.followers_count !== undefined && { followers: t.user.followers_count }),
        ...(t.user.verified !== undefined && { verified: t.user.verified }),
        profileUrl: `https://x.com/${t.user.screen_name}`,
      },
      ...(t.in_reply_to_status_id_str && { inReplyTo: t.in_reply_to_status_id_str }),
      metrics: { likes: t.favorite_count ?? 0, shares: (t.retweet_count ?? 0) + (t.quote_count ?? 0), replies: t.reply_count ?? 0 },
      raw: t,
    });
  }
  return out;
}
