import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { TMention } from '../../mention.js';
import { metaTime, type TMetaEnvelope } from '../meta/meta-webhook.js';

/** An Instagram `comments` change value, as the webhook reference documents it. */
const ZCommentValue = z.object({
  id: z.string(),
  text: z.string().optional(),
  parent_id: z.string().optional(),
  from: z.object({ id: z.string(), username: z.string().min(1) }),
  media: z.object({ id: z.string(), media_product_type: z.string().optional() }).passthrough().optional(),
});
export type TCommentValue = z.infer<typeof ZCommentValue>;

/** What we keep as `raw`: the change and its entry (account id and time: the comment carries no timestamp). */
export interface TCommentRaw {
  accountId: string;
  time: number;
  field: 'comments';
  value: TCommentValue;
}

/**
 * Comments (and replies to comments) on the account's media by anyone but the account itself. Instagram's
 * webhook carries no permalink, so the mention has no url (the card links the account's media instead).
 */
export function commentMentions(body: TMetaEnvelope, accountId: string): TMention[] {
  const out: TMention[] = [];
  body.entry.forEach((entry, i) => {
    (entry.changes ?? []).forEach((change, j) => {
      if (change.field !== 'comments') return;
      const parsed = ZCommentValue.safeParse(change.value);
      if (!parsed.success) throw new AppError('VALIDATION', `entry[${i}].changes[${j}].value: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const v = parsed.data;
      if (v.from.id === accountId || v.text === undefined) return;
      const raw: TCommentRaw = { accountId: entry.id, time: entry.time, field: 'comments', value: v };
      out.push({
        platform: 'instagram',
        externalId: v.id,
        text: v.text,
        createdAt: metaTime(entry.time).toISOString(),
        author: { handle: v.from.username, externalId: v.from.id, profileUrl: `https://www.instagram.com/${encodeURIComponent(v.from.username)}/` },
        // Top-level comments hang off the media; replies off their top-level comment.
        ...(v.parent_id ? { inReplyTo: v.parent_id } : v.media && { inReplyTo: v.media.id }),
        raw,
      });
    });
  });
  return out;
}
