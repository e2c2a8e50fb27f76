import { PermanentError, RetryableError, retryAfterMs } from '../../outbox/outbox-errors.js';

/** Teams asks bots to retry these with backoff: throttling, a conflicting concurrent update, gateway trouble. */
const RETRY_STATUSES = new Set([429, 412, 500, 502, 503, 504]);

/** Hints admins can act on, by Bot Connector error code or HTTP status. */
const HINTS: Record<string, string> = {
  BotNotInConversationRoster: 'Earshot was removed from this team or chat; add the app to the team again',
  ConversationBlockedByUser: 'the user blocked Earshot in their personal chat',
  BotDisabledByAdmin: "a Teams admin blocked the Earshot app in this tenant's app policies",
  MessageSizeTooBig: 'the card is over the Teams message size limit',
  '401': 'the Bot Framework rejected our token; check TEAMS_APP_ID and TEAMS_APP_PASSWORD (and TEAMS_TENANT_ID for single-tenant bots)',
  '403': 'Earshot is not allowed to post here: it was removed from the team or chat, or an admin blocked it',
  '404': 'the conversation or message no longer exists, or Earshot was removed from the team',
  '413': 'the card is over the Teams message size limit',
};

/**
 * Maps a Bot Connector answer onto the outbox's retry semantics: 429/412/5xx retry (Retry-After honoured),
 * everything else is permanent with a sentence an admin can act on. The body is read for its error code only.
 */
export function connectorError(status: number, body: unknown, retryAfter: string | null, what: string, now: Date): Error {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const hint = (code && HINTS[code]) ?? HINTS[String(status)];
  const message = `Teams answered HTTP ${status}${code ? ` (${code})` : ''} to ${what}${hint ? `: ${hint}` : ''}`;
  // 429 and 412 are answers that nothing was done; a 5xx may come from a gateway after the post went through.
  const e = RETRY_STATUSES.has(status) ? new RetryableError(message, retryAfterMs(retryAfter, now), status === 429 || status === 412) : new PermanentError(message);
  return Object.assign(e, { status });
}

/** The HTTP status of a Bot Connector failure, when it came from an answer (not a network error). */
export const connectorStatus = (err: unknown): number | undefined => (err as { status?: unknown })?.status as number | undefined;
