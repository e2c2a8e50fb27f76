import type { TOutboundConnector, TReplyTarget } from '../../connectors/connector.js';
import { platformName } from '../../connectors/text-limits.js';
import { recordReplyOutcome } from '../../cases/record-reply-outcome.js';
import type { TPlatform } from '../../mention.js';
import type { TDb } from '../../store/client.js';
import { PermanentError } from '../outbox-errors.js';
import type { TOutboxHandler } from '../outbox-handler.js';

/**
 * Sends staff replies out on the mention's own platform. The Reply row is the source of truth: a reply already
 * marked sent is never sent again, even if its outbox item is retried after a crash.
 */
export function platformReplyHandler(db: TDb, connectors: ReadonlyMap<TPlatform, TOutboundConnector>): TOutboxHandler {
  return {
    kind: 'platform.reply',
    rateLimit: (dest) => (dest.startsWith('platform:') ? connectors.get(dest.slice(9) as TPlatform)?.rateLimit : undefined),
    async send(item) {
      const replyId = String(item.payload.replyId);
      const reply = await db.reply.findUniqueOrThrow({
        where: { id: replyId },
        include: { case: { include: { author: true, mentions: { orderBy: { receivedAt: 'desc' }, take: 1 } } } },
      });
      if (reply.status === 'sent') return { platformReplyId: reply.platformReplyId, url: reply.url, alreadySent: true };
      const platform = reply.case.platform as TPlatform;
      const connector = connectors.get(platform);
      if (!connector) {
        throw new PermanentError(`${platformName(platform)} is not connected in Earshot, so the reply could not be posted. Its text is kept on the case.`);
      }
      const latest = reply.case.mentions[0];
      if (!latest) throw new PermanentError('The case has no mention to answer.');
      const target: TReplyTarget = {
        platform,
        inReplyTo: latest.externalId,
        threadRoot: reply.case.threadKey,
        url: latest.url,
        author: { handle: reply.case.author.handle, externalId: reply.case.author.externalId },
        raw: parseRaw(latest.raw),
      };
      const send = reply.visibility === 'private' ? connector.sendPrivate?.bind(connector) : connector.reply.bind(connector);
      if (!send) throw new PermanentError(`${platformName(platform)} has no private messages; follow up by email or phone.`);
      const sent = await send(target, reply.text, { idempotencyKey: item.idempotencyKey });
      return { platformReplyId: sent.externalId, url: sent.url ?? null };
    },
    async onSuccess(tx, item, result, now) {
      const r = result as { platformReplyId: string; url: string | null; alreadySent?: boolean };
      if (r.alreadySent) return;
      await recordReplyOutcome(tx, String(item.payload.replyId), { ok: true, platformReplyId: r.platformReplyId, url: r.url }, now);
    },
    async onFailure(tx, item, error, final, now) {
      await recordReplyOutcome(tx, String(item.payload.replyId), { ok: false, error: error.message, final }, now);
    },
  };
}

function parseRaw(raw: string | null): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
