import { z } from 'zod';
import type { TMention } from '../../mention.js';

const ZStrongRef = z.object({ uri: z.string(), cid: z.string() });

/** app.bsky.feed.post as Earshot reads it (the record is user-written: every field is checked). */
export const ZPostRecord = z.object({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
  reply: z.object({ root: ZStrongRef, parent: ZStrongRef }).optional(),
});

export const ZBlueskyAuthor = z.object({ did: z.string(), handle: z.string(), displayName: z.string().optional() });

/** A post as both listNotifications and searchPosts deliver it; kept whole as the Mention's `raw`. */
export const ZBlueskyPost = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string(),
  author: ZBlueskyAuthor,
  record: ZPostRecord,
  indexedAt: z.string(),
  reason: z.string().optional(),
  likeCount: z.number().int().nonnegative().optional(),
  repostCount: z.number().int().nonnegative().optional(),
  replyCount: z.number().int().nonnegative().optional(),
});
export type TBlueskyPost = z.infer<typeof ZBlueskyPost>;

/** Followers and the blue check, from app.bsky.actor.getProfiles, by DID. */
export type TReach = Map<string, { followers?: number; verified?: boolean }>;

/** The post's record key: the last segment of at://did/app.bsky.feed.post/<rkey>. */
export const rkeyOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

/** A post as a canonical Mention; its uri is the id, its thread root/parent uris the thread. */
export function normalisePost(post: TBlueskyPost, appUrl: string, reach: TReach): TMention {
  const r = reach.get(post.author.did);
  return {
    platform: 'bluesky',
    externalId: post.uri,
    url: `${appUrl.replace(/\/+$/, '')}/profile/${encodeURIComponent(post.author.handle)}/post/${encodeURIComponent(rkeyOf(post.uri))}`,
    text: post.record.text,
    lang: post.record.langs?.[0] && post.record.langs[0].length >= 2 ? post.record.langs[0].slice(0, 16) : undefined,
    // createdAt is whatever the author's client wrote; the AppView's indexedAt is the fallback it cannot forge.
    createdAt: isoOr(post.record.createdAt, post.indexedAt),
    author: {
      handle: post.author.handle,
      externalId: post.author.did,
      displayName: post.author.displayName || undefined,
      followers: r?.followers,
      verified: r?.verified,
      profileUrl: `${appUrl.replace(/\/+$/, '')}/profile/${encodeURIComponent(post.author.did)}`,
    },
    inReplyTo: post.record.reply?.parent.uri,
    threadRoot: post.record.reply?.root.uri,
    metrics:
      post.likeCount === undefined ? undefined : { likes: post.likeCount, shares: post.repostCount, replies: post.replyCount },
    raw: post,
  };
}

function isoOr(value: string, fallback: string): string {
  const t = Date.parse(value);
  const year = new Date(t).getUTCFullYear();
  return !Number.isNaN(t) && year > 2000 && year < 3000 ? new Date(t).toISOString() : new Date(fallback).toISOString();
}
