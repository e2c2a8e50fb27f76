import type { TChatNotice, TChatSurfaceId } from '../outbox/outbox-kinds.js';
import type { TRate } from '../outbox/rate-limiter.js';
import type { TTx } from '../store/client.js';

export interface TDeliveryContext {
  /** An earlier attempt may have posted already (it timed out, or its process died mid-call): look before posting. */
  mayHaveHappened: boolean;
}

/**
 * A chat surface as the outbox sees it. `deliver` talks to Slack or Teams and may read our database but never
 * writes it; `onDelivered` records what was posted (message ts, activity id) in the dispatcher's transaction.
 */
export interface TChatSurface {
  id: TChatSurfaceId;
  /** The rate-limit bucket for a notice: the channel or conversation it lands in. */
  destination(notice: TChatNotice): Promise<string>;
  rateLimit(destination: string): TRate | undefined;
  deliver(notice: TChatNotice, ctx: TDeliveryContext): Promise<unknown>;
  onDelivered?(tx: TTx, notice: TChatNotice, result: unknown, now: Date): Promise<void>;
}
