import { z } from 'zod';
import type { TMention } from '../../mention.js';

/** A comment as the inbox lists it (kind t1), or a post from search (kind t3). */
export const ZRedditThing = z.object({
  kind: z.enum(['t1', 't3']),
  data: z.object({
    name: z.string().regex(/^t[13]_[a-z0-9]+$/i),
    author: z.string(),
    created_utc: z.number(),
    body: z.string().optional(),
    title: z.string().optional(),
    selftext: z.string().optional(),
    context: z.string().optional(),
    permalink: z.string().optional(),
    parent_id: z.string().nullish(),
    subreddit: z.string().optional(),
    type: z.string().optional(),
    score: z.number().int().optional(),
    num_comments: z.number().int().nonnegative().optional(),
  }),
});
export type TRedditThing = z.infer<typeof ZRedditThing>;

export const createdAt = (t: TRedditThing) => new Date(t.data.created_utc * 1000).toISOString();

/** A Reddit comment or post as a canonical Mention; the thread is the post (t3_…) the comment sits under. */
export function normaliseThing(t: TRedditThing, webUrl: string, followers?: number): TMention {
  const d = t.data;
  const web = webUrl.replace(/\/+$/, '');
  const path = d.context ?? d.permalink ?? '';
  const post = /\/comments\/([a-z0-9]+)\//i.exec(path)?.[1];
  return {
    platform: 'reddit',
    externalId: d.name,
    url: path.startsWith('/') ? `${web}${path}` : `${web}/${d.name}`,
    text: t.kind === 't3' ? [d.title, d.selftext].filter(Boolean).join('\n\n') : (d.body ?? ''),
    createdAt: createdAt(t),
    author: { handle: d.author, displayName: `u/${d.author}`, followers, profileUrl: `${web}/user/${encodeURIComponent(d.author)}` },
    inReplyTo: t.kind === 't1' ? (d.parent_id ?? undefined) : undefined,
    threadRoot: t.kind === 't3' ? d.name : post ? `t3_${post}` : undefined,
    metrics: t.kind === 't3' ? { replies: d.num_comments } : undefined,
    raw: t,
  };
}
