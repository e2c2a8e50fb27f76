import { PermanentError } from '../../outbox/outbox-errors.js';
import type { TConnector, TReplyTarget } from '../connector.js';
import { readJsonBody } from '../json-body.js';
import { createGraphClient } from '../meta/graph-client.js';
import { metaTime, verifyMetaRequest, ZMetaEnvelope } from '../meta/meta-webhook.js';
import { sendMetaPrivateReply } from '../meta/private-reply.js';
import type { TFetch } from '../platform-http.js';
import { textLimitProblem } from '../text-limits.js';
import { commentMentions, type TCommentRaw } from './comment-changes.js';
import type { TInstagramEnv } from './env.js';

export { loadInstagramEnv, ZInstagramEnv, INSTAGRAM_SECRET_VARS, type TInstagramEnv } from './env.js';

/**
 * The Instagram connector: `comments` webhook (`/webhooks/instagram`), public replies under top-level
 * comments, and one private reply per comment within 7 days.
 *
 * @example
 * const env = loadInstagramEnv(process.env); if (env) connectors.set('instagram', createInstagramConnector(env, { fetch, now }));
 */
export function createInstagramConnector(env: TInstagramEnv, world: { fetch: TFetch; now: () => Date }): TConnector {
  const graph = createGraphClient({ platform: 'instagram', baseUrl: env.META_GRAPH_URL, accessToken: env.INSTAGRAM_ACCESS_TOKEN }, world);
  const secrets = { appSecret: env.META_APP_SECRET, verifyToken: env.META_VERIFY_TOKEN };
  return {
    id: 'instagram',
    // Instagram Graph calls: 200 per hour per account (rolling); replies share it with everything else.
    rateLimit: { perSecond: 200 / 3600, burst: 5 },
    webhook: {
      verify: (req) => verifyMetaRequest(req, secrets),
      parse: (req) => commentMentions(readJsonBody(req, ZMetaEnvelope), env.INSTAGRAM_ACCOUNT_ID),
    },
    async reply(target, text) {
      const tooLong = textLimitProblem('instagram', text);
      if (tooLong) throw new PermanentError(tooLong);
      const res = await graph.post<{ id: string }>(`${topLevelComment(target)}/replies`, { message: text }, 'reply to the comment');
      return { externalId: res.id, url: null };
    },
    async sendPrivate(target, text) {
      const raw = commentRaw(target);
      return sendMetaPrivateReply(graph, {
        senderId: env.INSTAGRAM_ACCOUNT_ID,
        recipient: { comment_id: target.inReplyTo },
        text,
        createdAt: raw ? metaTime(raw.time) : null,
        now: world.now(),
      });
    },
  };
}

function commentRaw(t: TReplyTarget): TCommentRaw | null {
  const r = t.raw as Partial<TCommentRaw> | null | undefined;
  return r && r.field === 'comments' && r.value ? (r as TCommentRaw) : null;
}

/** Instagram replies only to top-level comments: a reply to a reply goes to its top-level parent. */
function topLevelComment(t: TReplyTarget): string {
  return commentRaw(t)?.value.parent_id ?? t.inReplyTo;
}
