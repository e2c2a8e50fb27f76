import { z } from 'zod';
import type { TMention } from '../../mention.js';

const ZUser = z.object({
  id: z.string(),
  username: z.string().min(1),
  name: z.string().optional(),
  verified: z.boolean().optional(),
  public_metrics: z.object({ followers_count: z.number().int().nonnegative() }).partial().optional(),
});

const ZTweet = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string(),
  created_at: z.string(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  public_metrics: z
    .object({ retweet_count: z.number(), reply_count: z.number(), like_count: z.number(), quote_count: z.number() })
    .partial()
    .optional(),
});

/** A page of `GET /2/users/:id/mentions` or `GET /2/tweets/search/recent` with `expansions=author_id`. */
export const ZTweetPage = z.object({
  data: z.array(ZTweet).optional(),
  includes: z.object({ users: z.array(ZUser).optional() }).optional(),
  meta: z.object({ newest_id: z.string().optional(), next_token: z.string().optional(), result_count: z.number().optional() }).optional(),
});
export type TTweetPage = z.infer<typeof ZTweetPage>;

/** Query fields that give each tweet its author's reach and its place in a thread. */
export const TWEET_FIELDS = {
  expansions: 'author_id',
  'tweet.fields': 'created_at,lang,conversation_id,referenced_tweets,public_metrics,author_id',
  'user.fields': 'username,name,verified,public_metrics',
} as const;

/** Normalises one page, skipping the brand's own posts and retweets. */
export function pageMentions(page: TTweetPage, brandUserId: string): TMention[] {
  const users = new Map((page.includes?.users ?? []).map((u) => [u.id, u]));
  const out: TMention[] = [];
  for (const t of page.data ?? []) {
    if (t.author_id === brandUserId || t.referenced_tweets?.some((r) => r.type === 'retweeted')) continue;
    const u = users.get(t.author_id);
    const handle = u?.username ?? t.author_id;
    const m = t.public_metrics;
    const inReplyTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
    out.push({
      platform: 'x',
      externalId: t.id,
      url: `https://x.com/${handle}/status/${t.id}`,
      text: t.text,
      ...(t.lang && t.lang !== 'und' && { lang: t.lang }),
      createdAt: new Date(t.created_at).toISOString(),
      author: {
        handle,
        externalId: t.author_id,
        ...(u?.name && { displayName: u.name }),
        ...(u?.public_metrics?.followers_count !== undefined && { followers: u.public_metrics.followers_count }),
        ...(u?.verified !== undefined && { verified: u.verified }),
        profileUrl: `https://x.com/${handle}`,
      },
      // Same threading as the webhook path (parent id only), so both intakes group a conversation alike.
      ...(inReplyTo && { inReplyTo }),
      metrics: { likes: m?.like_count ?? 0, shares: (m?.retweet_count ?? 0) + (m?.quote_count ?? 0), replies: m?.reply_count ?? 0 },
      raw: { tweet: t, ...(u && { user: u }) },
    });
  }
  return out;
}
