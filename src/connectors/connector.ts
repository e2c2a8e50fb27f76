import type { TPlatform } from '../mention.js';
import type { TRate } from '../outbox/rate-limiter.js';

/** Where a reply goes: the mention being answered and its conversation. */
export interface TReplyTarget {
  platform: TPlatform;
  /** The mention's id on the platform. */
  inReplyTo: string;
  threadRoot: string;
  url: string | null;
  author: { handle: string; externalId: string | null };
}

export interface TSentReply {
  externalId: string;
  url?: string | null;
}

/**
 * The outbound half of the Connector contract (DESIGN.md). Connectors throw RetryableError for transient
 * failures (with Retry-After when the platform gives one) and PermanentError for ones no retry can fix.
 */
export interface TOutboundConnector {
  id: TPlatform;
  /** Per-account limit the outbox applies to `platform:<id>`. */
  rateLimit?: TRate;
  reply(target: TReplyTarget, text: string, opts: { idempotencyKey: string }): Promise<TSentReply>;
  /** The private follow-up channel, where the platform has one. */
  sendPrivate?(target: TReplyTarget, text: string, opts: { idempotencyKey: string }): Promise<TSentReply>;
}
