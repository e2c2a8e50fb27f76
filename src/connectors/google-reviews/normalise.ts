import { z } from 'zod';
import type { TMention } from '../../mention.js';

export const STARS = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 } as const;

/** accounts.locations.reviews#Review as Earshot reads it. */
export const ZReview = z.object({
  name: z.string().regex(/^accounts\/\d+\/locations\/\d+\/reviews\/[\w-]+$/),
  reviewId: z.string(),
  reviewer: z.object({ displayName: z.string().optional(), profilePhotoUrl: z.string().optional(), isAnonymous: z.boolean().optional() }),
  starRating: z.enum(['STAR_RATING_UNSPECIFIED', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']),
  comment: z.string().optional(),
  createTime: z.string(),
  updateTime: z.string(),
  reviewReply: z.object({ comment: z.string(), updateTime: z.string() }).optional(),
});
export type TReview = z.infer<typeof ZReview>;

/** Mention id of a review version: the review id, suffixed when the reviewer edited it (an edit is a follow-up). */
export function reviewVersionId(r: TReview): string {
  return r.updateTime === r.createTime ? r.reviewId : `${r.reviewId}@${r.updateTime}`;
}

/**
 * A review as a canonical Mention. The reviewer's words are the text, unchanged; a rating without words
 * becomes a sentence triage can read ("Rated 1 of 5 stars…"), since it is still a complaint or a compliment.
 * The canonical Mention has no rating field, so the rating otherwise lives in `raw.starRating`. An edited
 * review is a new mention in the same thread (the review), so it joins the open case.
 */
export function normaliseReview(r: TReview, linkUrl: string): TMention {
  const stars = r.starRating in STARS ? STARS[r.starRating as keyof typeof STARS] : undefined;
  const body = r.comment?.trim();
  return {
    platform: 'google_reviews',
    externalId: reviewVersionId(r),
    url: linkUrl,
    text: body || (stars ? `Rated ${stars} of 5 stars, with no written review.` : 'Left a review with no rating and no text.'),
    createdAt: new Date(r.updateTime).toISOString(),
    author: {
      handle: r.reviewer.isAnonymous || !r.reviewer.displayName ? 'A Google user' : r.reviewer.displayName,
      displayName: r.reviewer.displayName,
    },
    threadRoot: r.reviewId,
    raw: r,
  };
}
