import { z } from 'zod';
import type { TMention } from '../../mention.js';
import { htmlToText } from './html-text.js';

/** The parts of Mastodon's Account entity Earshot reads. */
export const ZMastodonAccount = z.object({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().optional(),
  url: z.string().optional(),
  followers_count: z.number().int().nonnegative().optional(),
});

/** The parts of Mastodon's Status entity Earshot reads. */
export const ZMastodonStatus = z.object({
  id: z.string(),
  uri: z.string(),
  url: z.string().nullish(),
  created_at: z.string(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
  language: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  replies_count: z.number().int().nonnegative().optional(),
  reblogs_count: z.number().int().nonnegative().optional(),
  favourites_count: z.number().int().nonnegative().optional(),
  account: ZMastodonAccount,
});
export type TMastodonStatus = z.infer<typeof ZMastodonStatus>;

export const ZMastodonNotification = z.object({
  id: z.string(),
  type: z.string(),
  created_at: z.string(),
  account: ZMastodonAccount,
  status: ZMastodonStatus.optional(),
});
export type TMastodonNotification = z.infer<typeof ZMastodonNotification>;

/** What a reply needs later, kept at the top of `raw` whichever feed the status came from. */
export interface TMastodonRaw {
  status: TMastodonStatus;
  notification?: TMastodonNotification;
}

/**
 * A status as a canonical Mention. Local accounts' `acct` has no domain, so the instance host is added:
 * a handle means the same person everywhere in the fediverse.
 */
export function normaliseStatus(status: TMastodonStatus, instanceHost: string, notification?: TMastodonNotification): TMention {
  const a = status.account;
  const body = htmlToText(status.content);
  const raw: TMastodonRaw = { status, ...(notification ? { notification } : {}) };
  return {
    platform: 'mastodon',
    externalId: status.id,
    url: safeUrl(status.url) ?? safeUrl(status.uri),
    text: status.spoiler_text ? `${status.spoiler_text}\n\n${body}` : body,
    lang: status.language && status.language.length >= 2 ? status.language : undefined,
    createdAt: new Date(status.created_at).toISOString(),
    author: {
      handle: a.acct.includes('@') ? a.acct : `${a.acct}@${instanceHost}`,
      externalId: a.id,
      displayName: a.display_name || undefined,
      followers: a.followers_count,
      profileUrl: safeUrl(a.url),
    },
    inReplyTo: status.in_reply_to_id ?? undefined,
    metrics: { likes: status.favourites_count, shares: status.reblogs_count, replies: status.replies_count },
    raw,
  };
}

function safeUrl(u: string | null | undefined): string | undefined {
  return u && /^https?:\/\//.test(u) ? u : undefined;
}
