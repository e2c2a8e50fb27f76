import type { types } from '@slack/bolt';
import { ErrorCode, type WebAPICallError, type WebClient } from '@slack/web-api';
import type { TLogger } from '../../log.js';
import { RateLimiter } from '../../outbox/rate-limiter.js';

/**
 * views.update is Tier 4 (100+ calls a minute per workspace). Streamed drafts share 80 of them a minute in this
 * process, in bursts of up to 10, so typing refreshes and other dialogs keep the rest.
 */
export const createViewsLimiter = () => new RateLimiter(() => ({ perSecond: 80 / 60, burst: 10 }));
const BUCKET = 'slack:views.update';
/** One dialog is redrawn at most this often while a draft streams; chunks in between are folded into the next. */
export const STREAM_INTERVAL_MS = 1000;

export interface TModalStream {
  /** An intermediate view: sent when the interval and the shared budget allow, replaced by any later one. */
  push(view: types.ModalView): void;
  /** The last view: waits for anything in flight and for budget, and is retried once after a 429. */
  final(view: types.ModalView): Promise<void>;
  /** True once Slack refused our hash: someone (the person typing) changed the dialog meanwhile. */
  readonly conflicted: boolean;
}

/**
 * Updates one open modal as a draft arrives, within Slack's rate limit. Each update carries the hash of our own
 * previous one; a hash_conflict means the person typed since, which the caller uses to offer the draft instead
 * of overwriting their words (the update is then sent again without the hash: Slack keeps typed input values).
 */
export function modalStream(o: { client: WebClient; viewId: string; hash?: string; limiter: RateLimiter; log: TLogger; intervalMs?: number }): TModalStream {
  const interval = o.intervalMs ?? STREAM_INTERVAL_MS;
  let hash = o.hash;
  let conflicted = false;
  let pending: types.ModalView | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let lastSent = 0;

  /** Intermediate views give way to the budget; the final one waits for it, and for one 429's Retry-After. */
  const call = async (view: types.ModalView, mustSend: boolean): Promise<void> => {
    for (let sent = 0; sent < 3; ) {
      const wait = o.limiter.take(BUCKET, Date.now());
      if (wait > 0) {
        if (!mustSend) return;
        await delay(wait);
        continue;
      }
      lastSent = Date.now();
      sent += 1;
      try {
        const res = await o.client.views.update({ view_id: o.viewId, view, ...(hash && !conflicted && { hash }) });
        hash = (res.view as { hash?: string } | undefined)?.hash ?? hash;
        return;
      } catch (err) {
        const e = err as WebAPICallError;
        if (e.code === ErrorCode.PlatformError && e.data.error === 'hash_conflict' && !conflicted) {
          conflicted = true;
          continue;
        }
        if (e.code === ErrorCode.RateLimitedError) {
          o.limiter.block(BUCKET, Date.now() + e.retryAfter * 1000);
          if (mustSend) continue;
        }
        o.log.warn('reply dialog: draft update failed', { error: e.message });
        return;
      }
    }
  };

  const drain = () => {
    timer = null;
    const view = pending;
    pending = null;
    if (view) inFlight = inFlight.then(() => call(view, false));
  };

  return {
    push(view) {
      pending = view;
      if (timer) return;
      timer = setTimeout(drain, Math.max(0, lastSent + interval - Date.now()));
    },
    async final(view) {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
      await inFlight;
      await call(view, true);
    },
    get conflicted() {
      return conflicted;
    },
  };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
