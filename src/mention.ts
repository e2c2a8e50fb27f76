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

/*
 * Poison-input rules (README "Generic webhook" lists them for senders). Each is decided here once, so SQLite and
 * PostgreSQL can only ever see values both store byte for byte alike; without them PostgreSQL refused what SQLite
 * took (and the sender got a 500 or, worse, a 2xx for a mention the pipeline then could not store).
 */

/** Counts are 32-bit integer columns (PostgreSQL `integer`); no real follower or like count comes near. */
export const MAX_COUNT = 2_147_483_647;
/** Posts before 1990 or from 2100 on are a sender's bug (year 0000, 9999-12-31 shifted past year 10000, …). */
export const CREATED_AT_MIN = '1990-01-01T00:00:00.000Z';
export const CREATED_AT_END = '2100-01-01T00:00:00.000Z';
/** `raw` is kept for audit, not for arbitrary structures: deep nesting overflows the stack of JSON.stringify. */
export const MAX_RAW_DEPTH = 64;
export const MAX_RAW_CHARS = 256 * 1024;

/** A lone UTF-16 surrogate: SQLite would store invalid UTF-8, PostgreSQL's driver would silently replace it. */
// With the u flag a surrogate pair is one astral code point, so \p{Cs} matches only the lone halves.
export const LONE_SURROGATE = /\p{Cs}/u;
const hasLoneSurrogate = (s: string) => LONE_SURROGATE.test(s);

/**
 * A string column's rule: NUL is refused (PostgreSQL text cannot hold U+0000) and so is a lone surrogate (no valid
 * UTF-8 for it). Refused, not repaired, so what the sender sent is exactly what is stored, or they hear why not.
 */
function text(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain the NUL character (U+0000)')
    .refine((s) => !hasLoneSurrogate(s), 'must be valid Unicode (it contains a lone UTF-16 surrogate)');
}

const count = z.number().int().nonnegative().max(MAX_COUNT, `must be at most ${MAX_COUNT}`);

/** How deep a JSON value nests, looked at without recursion (the point is values too deep to recurse into). */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

const ZRaw = z.unknown().superRefine((v, ctx) => {
  if (v === undefined) return;
  if (jsonDepthExceeds(v, MAX_RAW_DEPTH)) return void ctx.addIssue({ code: 'custom', message: `must nest at most ${MAX_RAW_DEPTH} levels deep` });
  const size = JSON.stringify(v)?.length ?? 0;
  if (size > MAX_RAW_CHARS) ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_RAW_CHARS} characters as JSON (it is ${size})` });
});

const ZCreatedAt = z.iso
  .datetime({ offset: true })
  .refine((s) => {
    const t = Date.parse(s);
    return t >= Date.parse(CREATED_AT_MIN) && t < Date.parse(CREATED_AT_END);
  }, `must be from ${CREATED_AT_MIN.slice(0, 10)} up to (not including) ${CREATED_AT_END.slice(0, 10)}`);

export const ZMentionAuthor = z.object({
  handle: text(1, 256),
  externalId: text(1, 256).optional(),
  displayName: text(0, 512).optional(),
  followers: count.optional(),
  verified: z.boolean().optional(),
  profileUrl: text(0, 2048).pipe(z.url()).optional(),
  customerId: text(1, 256).optional(),
  tier: text(1, 64).optional(),
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
  externalId: text(1, 256),
  url: text(0, 2048).pipe(z.url()).optional(),
  text: text(0, MAX_TEXT),
  lang: text(2, 16).optional(),
  createdAt: ZCreatedAt,
  author: ZMentionAuthor,
  inReplyTo: text(1, 256).optional(),
  threadRoot: text(1, 256).optional(),
  metrics: z
    .object({
      likes: count.optional(),
      shares: count.optional(),
      replies: count.optional(),
    })
    .optional(),
  raw: ZRaw.optional(),
});
export type TMention = z.infer<typeof ZMention>;
