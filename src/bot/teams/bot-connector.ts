import { PermanentError, RetryableError } from '../../outbox/outbox-errors.js';
import { connectorError } from './connector-errors.js';

/** A conversation reference as the Bot Framework gives it (the fields we use). */
export interface TConversationRef {
  serviceUrl: string;
  channelId?: string;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  bot?: { id: string; name?: string };
  user?: { id: string; name?: string; aadObjectId?: string };
}

export interface TOutgoingActivity {
  type: 'message';
  summary?: string;
  text?: string;
  /** A card (`content`), or a file such as an inline image (`contentUrl`, which may be a `data:` URI). */
  attachments?: ({ contentType: string; content: unknown } | { contentType: string; contentUrl: string; name?: string })[];
}

export interface TBotConnectorOptions {
  /** Injected so tests (and proxies) decide how requests leave the process. */
  fetch?: typeof fetch;
  /** Bearer token for the Bot Connector; null in local mode, where the service needs none. */
  token: () => Promise<string | null>;
  now: () => Date;
  /** With real credentials the token must never go to a plain-http service URL. */
  requireHttps: boolean;
  timeoutMs?: number;
}

export interface TBotConnector {
  /** A new message in a conversation: a new post in a channel, a message in a 1:1 chat. */
  send(ref: TConversationRef, conversationId: string, activity: TOutgoingActivity): Promise<{ id: string }>;
  /** A reply in the thread of `replyToId` (ReplyToActivity). */
  reply(ref: TConversationRef, conversationId: string, replyToId: string, activity: TOutgoingActivity): Promise<{ id: string }>;
  /** Replaces a message we sent (UpdateActivity), e.g. to refresh a case card in place. */
  update(ref: TConversationRef, conversationId: string, activityId: string, activity: TOutgoingActivity): Promise<{ id: string }>;
}

/**
 * The three Bot Connector REST calls Earshot makes proactively, over plain fetch so that status codes,
 * Retry-After and error bodies map straight onto the outbox's retry rules (no hidden SDK retries).
 */
export function createBotConnector(opts: TBotConnectorOptions): TBotConnector {
  const doFetch = opts.fetch ?? fetch;
  async function call(ref: TConversationRef, method: 'POST' | 'PUT', path: string, body: Record<string, unknown>, what: string): Promise<{ id: string }> {
    const base = baseUrl(ref.serviceUrl, opts.requireHttps);
    const token = await opts.token().catch((err: unknown) => {
      throw new RetryableError(`Could not get a Bot Framework token to ${what}: ${err instanceof Error ? err.message : String(err)}`);
    });
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new RetryableError(`Teams could not be reached to ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    const json = parseJson(text);
    if (!res.ok) throw connectorError(res.status, json, res.headers.get('retry-after'), what, opts.now());
    const id = (json as { id?: unknown } | null)?.id;
    // UpdateActivity may answer with an empty body; the id is then the one we updated.
    return { id: typeof id === 'string' && id ? id : (path.split('/').pop() ?? '') };
  }
  const conv = (id: string) => `/v3/conversations/${encodeURIComponent(id)}/activities`;
  const withRef = (ref: TConversationRef, conversationId: string, activity: TOutgoingActivity) => ({
    ...activity,
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl,
    conversation: { id: conversationId, ...(ref.conversation.tenantId && { tenantId: ref.conversation.tenantId }) },
    ...(ref.bot && { from: ref.bot }),
  });
  return {
    send: (ref, conversationId, activity) => call(ref, 'POST', conv(conversationId), withRef(ref, conversationId, activity), 'post a message'),
    reply: (ref, conversationId, replyToId, activity) =>
      call(ref, 'POST', `${conv(conversationId)}/${encodeURIComponent(replyToId)}`, { ...withRef(ref, conversationId, activity), replyToId }, 'reply in a thread'),
    update: (ref, conversationId, activityId, activity) =>
      call(ref, 'PUT', `${conv(conversationId)}/${encodeURIComponent(activityId)}`, { ...withRef(ref, conversationId, activity), id: activityId }, 'update a message'),
  };
}

function baseUrl(serviceUrl: string, requireHttps: boolean): string {
  let u: URL;
  try {
    u = new URL(serviceUrl);
  } catch {
    throw new PermanentError(`The stored Teams service URL is not a URL; reinstall Earshot in the team.`);
  }
  if (requireHttps && u.protocol !== 'https:') throw new PermanentError(`Refusing to send a Bot Framework token to a non-https service URL (${u.host}).`);
  return serviceUrl.replace(/\/+$/, '');
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
