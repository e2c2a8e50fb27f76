import type { TTx } from '../store/client.js';
import type { TOutboxKind } from './outbox-kinds.js';
import type { TRate } from './rate-limiter.js';

/** An outbox row as handlers see it. */
export interface TOutboxItem {
  id: string;
  kind: TOutboxKind;
  destination: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  attempts: number;
  maxAttempts: number;
  caseId: string | null;
  /** Items with the same key show the same thing; at most one waits (enqueue.ts). */
  coalesceKey: string | null;
  /**
   * Claimed again after its lease lapsed: the process that held it died mid-call, so the call may already have reached
   * the other side. Together with `mayHaveLanded` (an earlier call whose answer was lost may have landed too), the cue for a handler
   * whose call is not idempotent to look before it repeats itself.
   */
  resumed: boolean;
  /** An earlier attempt failed without proof that nothing happened (a lost answer, not a 429): look before repeating. */
  mayHaveLanded: boolean;
}

/**
 * Delivers one kind of outbox item. `send` talks to the outside world and must not write to our database;
 * the dispatcher commits `onSuccess` / `onFailure` together with the item's own state, in one transaction.
 */
export interface TOutboxHandler {
  kind: TOutboxKind;
  send(item: TOutboxItem): Promise<unknown>;
  onSuccess?(tx: TTx, item: TOutboxItem, result: unknown, now: Date): Promise<void>;
  /** For `local` handlers: records a claim's successes together (instead of `onSuccess` once each). */
  onSuccessBatch?(tx: TTx, done: readonly { item: TOutboxItem; result: unknown }[], now: Date): Promise<void>;
  /** `final` is true when the item is dead-lettered: the place to tell the staff member. */
  onFailure?(tx: TTx, item: TOutboxItem, error: Error, final: boolean, now: Date): Promise<void>;
  /**
   * `send` makes no outside call (it only decides what to enqueue, as the chat fan-out does): the dispatcher settles a
   * claim's local items together in one transaction instead of one each.
   */
  local?: boolean;
  /** The destination's limit, e.g. 1/s per Slack channel. */
  rateLimit?(destination: string): TRate | undefined;
}
