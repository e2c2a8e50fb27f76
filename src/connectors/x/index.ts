import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TConnector, TPoller } from '../connector.js';
import type { TFetch } from '../platform-http.js';
import { textLimitProblem } from '../text-limits.js';
import type { TXEnv } from './env.js';
import { createXClient } from './x-client.js';
import { xMentionsPoller, xSearchPoller } from './x-pollers.js';
import { xWebhook } from './x-webhook.js';

export { loadXEnv, ZXEnv, X_SECRET_VARS, type TXEnv } from './env.js';

interface TCreated {
  data: { id: string };
}
interface TDmSent {
  data: { dm_conversation_id: string; dm_event_id: string };
}

/**
 * The X connector: Account Activity webhook (`/webhooks/x`), mentions and keyword pollers, replies as posts
 * threaded under the mention, and DMs for private follow-ups.
 *
 * @example
 * const env = loadXEnv(process.env); if (env) connectors.set('x', createXConnector(env, { fetch, now }));
 */
export function createXConnector(env: TXEnv, world: { fetch: TFetch; now: () => Date }): TConnector {
  const client = createXClient(env, world);
  const pollers: TPoller[] = [];
  if (env.X_POLL_MENTIONS) pollers.push(xMentionsPoller(client, env.X_USER_ID, env.X_POLL_CRON));
  if (env.X_SEARCH_QUERY) pollers.push(xSearchPoller(client, env.X_USER_ID, env.X_POLL_CRON, env.X_SEARCH_QUERY));
  return {
    id: 'x',
    // Pro tier: 100 posts per 15 minutes per user; bursts beyond that earn a 429 and a long reset.
    rateLimit: { perSecond: 100 / 900, burst: 5 },
    webhook: xWebhook({ consumerSecret: env.X_CONSUMER_SECRET, brandUserId: env.X_USER_ID }),
    pollers,
    async reply(target, text) {
      const tooLong = textLimitProblem('x', text);
      if (tooLong) throw new PermanentError(tooLong);
      const res = await client.post<TCreated>('/2/tweets', { text, reply: { in_reply_to_tweet_id: target.inReplyTo } }, 'reply to the post');
      return { externalId: res.data.id, url: `https://x.com/i/web/status/${res.data.id}` };
    },
    async sendPrivate(target, text) {
      // DMs allow 10,000 characters, so no public-post limit applies here.
      if (!target.author.externalId) throw new PermanentError(`X needs @${target.author.handle}'s user id to send a DM, and Earshot has none stored.`);
      const path = `/2/dm_conversations/with/${encodeURIComponent(target.author.externalId)}/messages`;
      const res = await client.post<TDmSent>(path, { text }, `send @${target.author.handle} a direct message`);
      return { externalId: res.data.dm_event_id, url: null };
    },
  };
}
