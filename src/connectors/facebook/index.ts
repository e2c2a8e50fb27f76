import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TConnector, TReplyTarget } from '../connector.js';
import { readJsonBody } from '../json-body.js';
import { createGraphClient } from '../meta/graph-client.js';
import { metaTime, verifyMetaRequest, ZMetaEnvelope } from '../meta/meta-webhook.js';
import { sendMetaPrivateReply } from '../meta/private-reply.js';
import type { TFetch } from '../platform-http.js';
import { textLimitProblem } from '../text-limits.js';
import type { TFacebookEnv } from './env.js';
import { feedMentions, type TFeedRaw } from './feed-changes.js';

export { loadFacebookEnv, ZFacebookEnv, FACEBOOK_SECRET_VARS, type TFacebookEnv } from './env.js';

/**
 * The Facebook Page connector: `feed` webhook (`/webhooks/facebook`), public replies as comments, and Meta's
 * one private reply per comment or visitor post within 7 days.
 *
 * @example
 * const env = loadFacebookEnv(process.env); if (env) connectors.set('facebook', createFacebookConnector(env, { fetch, now }));
 */
export function createFacebookConnector(env: TFacebookEnv, world: { fetch: TFetch; now: () => Date }): TConnector {
  const graph = createGraphClient({ platform: 'facebook', baseUrl: env.META_GRAPH_URL, accessToken: env.FACEBOOK_PAGE_ACCESS_TOKEN }, world);
  const secrets = { appSecret: env.META_APP_SECRET, verifyToken: env.META_VERIFY_TOKEN };
  return {
    id: 'facebook',
    // Page calls are capped by the Page's engaged-user count; one a second with short bursts stays far below.
    rateLimit: { perSecond: 1, burst: 5 },
    webhook: {
      verify: (req) => verifyMetaRequest(req, secrets),
      parse: (req) => feedMentions(readJsonBody(req, ZMetaEnvelope), env.FACEBOOK_PAGE_ID),
    },
    async reply(target, text) {
      const tooLong = textLimitProblem('facebook', text);
      if (tooLong) throw new PermanentError(tooLong);
      const res = await graph.post<{ id: string }>(`${replyParent(target)}/comments`, { message: text }, 'reply to the comment');
      return { externalId: res.id, url: `https://www.facebook.com/${res.id}` };
    },
    async sendPrivate(target, text) {
      const raw = feedRaw(target);
      const isComment = raw ? raw.value.item === 'comment' : true;
      return sendMetaPrivateReply(graph, {
        senderId: env.FACEBOOK_PAGE_ID,
        recipient: isComment ? { comment_id: target.inReplyTo } : { post_id: target.inReplyTo },
        text,
        createdAt: raw ? createdAt(raw) : null,
        now: world.now(),
      });
    },
  };
}

function feedRaw(t: TReplyTarget): TFeedRaw | null {
  const r = t.raw as Partial<TFeedRaw> | null | undefined;
  return r && r.field === 'feed' && r.value ? (r as TFeedRaw) : null;
}

/**
 * Comments nest one level on Facebook: answering a reply goes under its top-level comment, where the thread
 * lives; a top-level comment or a visitor post is answered directly.
 */
function replyParent(t: TReplyTarget): string {
  const v = feedRaw(t)?.value;
  if (v?.item === 'comment' && v.parent_id && v.post_id && v.parent_id !== v.post_id) return v.parent_id;
  return t.inReplyTo;
}

function createdAt(raw: TFeedRaw): Date {
  const c = raw.value.created_time;
  if (typeof c === 'number') return metaTime(c);
  if (typeof c === 'string' && !Number.isNaN(Date.parse(c))) return new Date(c);
  return metaTime(raw.time);
}
