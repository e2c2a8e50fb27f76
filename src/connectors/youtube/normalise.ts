import { z } from 'zod';
import type { TMention } from '../../mention.js';

export const ZYouTubeComment = z.object({
  id: z.string(),
  snippet: z.object({
    authorDisplayName: z.string(),
    authorChannelUrl: z.string().optional(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    textDisplay: z.string(),
    parentId: z.string().optional(),
    likeCount: z.number().int().nonnegative().optional(),
    publishedAt: z.string(),
    videoId: z.string().optional(),
  }),
});
export type TYouTubeComment = z.infer<typeof ZYouTubeComment>;

export const ZYouTubeThread = z.object({
  id: z.string(),
  snippet: z.object({
    channelId: z.string().optional(),
    videoId: z.string().optional(),
    topLevelComment: ZYouTubeComment,
    canReply: z.boolean().optional(),
    totalReplyCount: z.number().int().nonnegative().optional(),
  }),
  replies: z.object({ comments: z.array(ZYouTubeComment) }).optional(),
});
export type TYouTubeThread = z.infer<typeof ZYouTubeThread>;

/** What a reply needs later: the thread (replies attach to its top-level comment) and whether it is open. */
export interface TYouTubeRaw {
  threadId: string;
  videoId?: string;
  channelId?: string;
  canReply?: boolean;
  comment: TYouTubeComment;
}

export function commentUrl(raw: { videoId?: string; channelId?: string }, commentId: string): string {
  if (raw.videoId) return `https://www.youtube.com/watch?v=${encodeURIComponent(raw.videoId)}&lc=${encodeURIComponent(commentId)}`;
  return `https://www.youtube.com/channel/${encodeURIComponent(raw.channelId ?? '')}`;
}

/** A top-level comment or a reply as a canonical Mention; the thread id is the top-level comment's id. */
export function normaliseComment(thread: TYouTubeThread, comment: TYouTubeComment, subscribers?: number): TMention {
  const s = comment.snippet;
  const raw: TYouTubeRaw = { threadId: thread.id, videoId: thread.snippet.videoId ?? s.videoId, channelId: thread.snippet.channelId, canReply: thread.snippet.canReply, comment };
  const top = comment.id === thread.snippet.topLevelComment.id;
  return {
    platform: 'youtube',
    externalId: comment.id,
    url: commentUrl(raw, comment.id),
    // textFormat=plainText is requested, so textDisplay is text, not markup.
    text: s.textDisplay,
    createdAt: new Date(s.publishedAt).toISOString(),
    author: {
      handle: s.authorDisplayName || s.authorChannelId?.value || 'unknown',
      externalId: s.authorChannelId?.value,
      followers: subscribers,
      profileUrl: s.authorChannelUrl && /^https?:\/\//.test(s.authorChannelUrl) ? s.authorChannelUrl : undefined,
    },
    inReplyTo: top ? undefined : (s.parentId ?? thread.id),
    threadRoot: thread.id,
    metrics: { likes: s.likeCount, replies: top ? thread.snippet.totalReplyCount : undefined },
    raw,
  };
}
