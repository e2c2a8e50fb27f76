import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { TMention } from '../../mention.js';
import { metaTime, type TMetaEnvelope } from '../meta/meta-webhook.js';

/** A Page `feed` change value (only the fields we read); other items (likes, reactions, shares) are ignored. */
const ZFeedValue = z.object({
  item: z.string(),
  verb: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
  post: z.object({ permalink_url: z.string().url().optional() }).passthrough().optional(),
});
export type TFeedValue = z.infer<typeof ZFeedValue>;

/** What we keep as `raw`: the change and the entry it came in, so a reply can find its thread and window. */
export interface TFeedRaw {
  pageId: string;
  time: number;
  field: 'feed';
  value: TFeedValue;
}

const POST_ITEMS = new Set(['post', 'status', 'photo', 'video']);

/**
 * Comments and visitor posts added to the Page by someone other than the Page itself. A comment's parent is
 * the post (top-level) or the comment it answers; both become `inReplyTo` so ingest can find the thread.
 */
export function feedMentions(body: TMetaEnvelope, pageId: string): TMention[] {
  const out: TMention[] = [];
  body.entry.forEach((entry, i) => {
    (entry.changes ?? []).forEach((change, j) => {
      if (change.field !== 'feed') return;
      const parsed = ZFeedValue.safeParse(change.value);
      if (!parsed.success) throw new AppError('VALIDATION', `entry[${i}].changes[${j}].value: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const v = parsed.data;
      if (v.verb !== 'add' || !v.from || v.from.id === pageId || !v.message) return;
      const isComment = v.item === 'comment' && v.comment_id;
      if (!isComment && !(POST_ITEMS.has(v.item) && v.post_id)) return;
      const id = isComment ? v.comment_id! : v.post_id!;
      const created = v.created_time === undefined ? metaTime(entry.time) : typeof v.created_time === 'number' ? metaTime(v.created_time) : new Date(v.created_time);
      const raw: TFeedRaw = { pageId: entry.id, time: entry.time, field: 'feed', value: v };
      out.push({
        platform: 'facebook',
        externalId: id,
        url: permalink(v, isComment ? v.comment_id : undefined),
        text: v.message,
        createdAt: (Number.isNaN(created.getTime()) ? metaTime(entry.time) : created).toISOString(),
        author: { handle: v.from.name ?? v.from.id, externalId: v.from.id, ...(v.from.name && { displayName: v.from.name }) },
        ...(isComment && v.parent_id && { inReplyTo: v.parent_id }),
        raw,
      });
    });
  });
  return out;
}

function permalink(v: TFeedValue, commentId: string | undefined): string {
  const u = new URL(v.post?.permalink_url ?? `https://www.facebook.com/${v.post_id ?? commentId}`);
  if (commentId) u.searchParams.set('comment_id', commentId);
  return u.toString();
}
