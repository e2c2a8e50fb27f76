import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TSentReply } from '../connector.js';
import { WINDOW_CLOSED_SENTENCE } from './graph-errors.js';
import type { TGraphClient } from './graph-client.js';

/** Meta's private-reply window: one message, within 7 days of the comment. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** Messenger / Instagram Direct text limit. */
export const MESSAGE_MAX = 2000;

/**
 * Sends the one private reply Meta allows to a comment or visitor post, via `POST /{sender-id}/messages`
 * `{recipient:{comment_id|post_id}, message:{text}}`. Checks the window first so staff get the reason at once
 * instead of a Graph error; Graph still has the last word (a second private reply is refused there).
 */
export async function sendMetaPrivateReply(
  client: TGraphClient,
  opts: { senderId: string; recipient: { comment_id: string } | { post_id: string }; text: string; createdAt: Date | null; now: Date },
): Promise<TSentReply> {
  if ([...opts.text].length > MESSAGE_MAX) {
    throw new PermanentError(`A private reply allows ${MESSAGE_MAX} characters; this one has ${[...opts.text].length}. Shorten it by ${[...opts.text].length - MESSAGE_MAX}.`);
  }
  if (opts.createdAt && opts.now.getTime() - opts.createdAt.getTime() > PRIVATE_REPLY_WINDOW_MS) throw new PermanentError(WINDOW_CLOSED_SENTENCE);
  const res = await client.post<{ recipient_id?: string; message_id: string }>(
    `${opts.senderId}/messages`,
    { recipient: opts.recipient, message: { text: opts.text } },
    'send a private reply',
  );
  return { externalId: res.message_id, url: null };
}
