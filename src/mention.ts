import { z } from 'zod';

/** Platforms Earshot listens to; `generic` is the signed webhook any other source can bridge through. */
export const PLATFORMS = [
  'x',
  'facebook',
  'instagram',
  'reddit',
  'youtube',
  'google_reviews',
  'bluesky',
  'mastodon',
  'generic',
] as const;
export const ZPlatform = z.enum(PLATFORMS);
export type TPlatform = z.infer<typeof ZPlatform>;

// Bounds keep one hostile payload from bloating the database; real posts are far smaller.
const MAX_TEXT = 100_000;

export const ZMentionAuthor = z.object({
  handle: z.string().min(1).max(256),
  externalId: z.string().min(1).max(256).optional(),
  displayName: z.string().max(512).optional(),
  followers: z.number().int().nonnegative().optional(),
  verified: z.boolean().optional(),
  profileUrl: z.string().url().max(2048).optional(),
  customerId: z.string().min(1).max(256).optional(),
  tier: z.string().min(1).max(64).optional(),
});
export type TMentionAuthor = z.infer<typeof ZMentionAuthor>;

/**
 * The canonical Mention every connector produces (DESIGN.md "Contracts").
 * (platform, externalId) is the dedupe key.
 *
 * @example
 * ZMention.parse({ platform: 'x', externalId: '1', text: 'hi @acme', createdAt: '2026-01-01T00:00:00Z',
 *   author: { handle: 'jane' } });
 */
export const ZMention = z.object({
  platform: ZPlatform,
  externalId: z.string().min(1).max(256),
  url: z.string().url().max(2048).optional(),
  text: z.string().max(MAX_TEXT),
  lang: z.string().min(2).max(16).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  author: ZMentionAuthor,
  inReplyTo: z.string().min(1).max(256).optional(),
  threadRoot: z.string().min(1).max(256).optional(),
  metrics: z
    .object({
      likes: z.number().int().nonnegative().optional(),
      shares: z.number().int().nonnegative().optional(),
      replies: z.number().int().nonnegative().optional(),
    })
    .optional(),
  raw: z.unknown().optional(),
});
export type TMention = z.infer<typeof ZMention>;
