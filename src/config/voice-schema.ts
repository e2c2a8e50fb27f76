import { z } from 'zod';

/**
 * Promises a draft must never make when the org chart names none: what a social-care lead least wants a bot to
 * say in public. An organisation that wants none says `bannedPromises: []`.
 */
export const DEFAULT_BANNED_PROMISES = ['refund', 'compensation', 'compensate', 'reimburse', 'money back', 'goodwill payment'] as const;

/** A host ("status.acme.example") or host and path prefix ("acme.example/help"); scheme and "www." are ignored. */
const ZAllowedLink = z
  .string()
  .min(3)
  .max(200)
  .regex(/^(?:https?:\/\/)?[a-z0-9.-]+\.[a-z0-9-]+(?:\/\S*)?$/i, 'must be a host or host/path like "status.acme.example" or "acme.example/help"');

/**
 * The brand's voice, for AI drafts: how to sound, what to do and avoid, how to sign off, which promises are
 * banned and which links may appear. Every draft is checked against `bannedPromises` and `allowedLinks`.
 */
export const ZVoice = z
  .object({
    tone: z.string().min(1).max(500).optional(),
    do: z.array(z.string().min(1).max(300)).max(20).default([]),
    dont: z.array(z.string().min(1).max(300)).max(20).default([]),
    /** Appended guidance, e.g. "– {agent}"; placeholders are resolved like a saved reply's. */
    signOff: z.string().min(1).max(100).optional(),
    bannedPromises: z.array(z.string().min(2).max(80)).max(50).default([...DEFAULT_BANNED_PROMISES]),
    allowedLinks: z.array(ZAllowedLink).max(50).default([]),
  })
  .strict();
export type TVoice = z.infer<typeof ZVoice>;

/** Usage limits for AI drafts, per organisation (this org chart). */
export const ZAiDrafts = z
  .object({
    /** Prompt + completion tokens a day (organisation time zone) after which "Draft with AI" is off until midnight. */
    dailyTokenCap: z.number().int().positive().max(1_000_000_000).optional(),
  })
  .strict();
export type TAiDrafts = z.infer<typeof ZAiDrafts>;

/** Where a saved reply fits: the Reply dialog, Move offline's public acknowledgement, an incident's acknowledgement. */
export const REPLY_PURPOSES = ['reply', 'offline', 'acknowledge'] as const;
export type TReplyPurpose = (typeof REPLY_PURPOSES)[number];
