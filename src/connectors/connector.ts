import type { TMention, TPlatform } from '../mention.js';
import type { TRate } from '../outbox/rate-limiter.js';

/** Where a reply goes: the mention being answered and its conversation. */
export interface TReplyTarget {
  platform: TPlatform;
  /** The mention's id on the platform. */
  inReplyTo: string;
  threadRoot: string;
  url: string | null;
  author: { handle: string; externalId: string | null };
  /**
   * The answered mention's original payload (parsed JSON), when still kept: some platforms need ids only it
   * carries (Bluesky's record cid, Reddit's fullname, a Facebook comment's page). Null after retention.
   */
  raw?: unknown;
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

/** An incoming webhook request, reduced to what signature checks and parsers need. */
export interface TInboundRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** Case-insensitive header lookup. */
  header(name: string): string | undefined;
  /** The exact bytes received: signatures are computed over them, never over re-serialised JSON. */
  rawBody: Buffer;
}

/** What a webhook connector decides about a request before anything is stored. */
export type TVerification =
  | { kind: 'accepted' }
  /** A subscription handshake (X CRC, Meta hub.challenge): answered as given, nothing stored. */
  | { kind: 'challenge'; status: 200; body: string; contentType: 'text/plain' | 'application/json' }
  | { kind: 'rejected'; status: 400 | 401 | 403; reason: string };

export interface TWebhookSource {
  verify(req: TInboundRequest, now: Date): TVerification;
  /**
   * Normalises a verified delivery into canonical Mentions; events that are not mentions of the brand (likes,
   * the brand's own posts) yield nothing. Throws AppError('VALIDATION') naming the field when malformed.
   */
  parse(req: TInboundRequest): TMention[];
}

/** One polled stream (an inbox, a notifications list, a brand-keyword search), resumed from a stored cursor. */
export interface TPoller {
  /** Key in ConnectorCursor together with the connector id, e.g. "mentions" or "search:acme". */
  stream: string;
  /** node-cron expression for the scheduled job, chosen to stay inside the platform's quota. */
  schedule: string;
  /**
   * Fetches what arrived after `cursor` (null: first run, which starts from "now" rather than replaying
   * history). Must be safe to repeat: ingest dedupes on (platform, externalId).
   */
  poll(cursor: string | null, ctx: { now: Date }): Promise<{ mentions: TMention[]; cursor: string | null }>;
}

/**
 * The whole Connector contract: outbound replies plus, per platform, a webhook source and/or pollers.
 * A connector whose env group is unset is never constructed, so it costs nothing.
 */
export interface TConnector extends TOutboundConnector {
  webhook?: TWebhookSource;
  pollers?: readonly TPoller[];
  /** Said to staff when they choose a private follow-up this platform cannot send. */
  privateUnsupported?: string;
}
