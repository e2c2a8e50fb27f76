import type { TReplyTarget } from '../../../src/connectors/connector.js';
import type { TMention } from '../../../src/mention.js';

/**
 * The reply target Earshot builds for a stored mention (src/outbox/handlers/platform-reply.ts): thread key from
 * the mention, and `raw` as it comes back from the database (JSON round trip).
 */
export function targetFromMention(m: TMention): TReplyTarget {
  return {
    platform: m.platform,
    inReplyTo: m.externalId,
    threadRoot: m.threadRoot ?? m.inReplyTo ?? m.externalId,
    url: m.url ?? null,
    author: { handle: m.author.handle, externalId: m.author.externalId ?? null },
    raw: m.raw === undefined ? null : JSON.parse(JSON.stringify(m.raw)),
  };
}
