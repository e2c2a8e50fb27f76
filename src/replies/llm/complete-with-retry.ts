import { chatCompletion, type TChatEndpoint, type TChatRequest, type TCompletion } from './chat-completions.js';
import { LlmError } from './llm-error.js';

export interface TRetryOptions {
  /** Everything — attempts and waits — must finish by then (epoch ms). */
  deadline: number;
  now: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onDelta?: (soFar: string) => void;
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Fires when the caller gives up early (e.g. the dialog closed). */
  signal?: AbortSignal;
}

const BASE_BACKOFF_MS = 400;

/**
 * A completion within a deadline: 429s wait their Retry-After and 5xx / network errors back off, but only while the
 * wait leaves time for another attempt; a refused key or request is final at once. The last error is thrown.
 */
export async function completeWithRetry(ep: TChatEndpoint, req: TChatRequest, o: TRetryOptions): Promise<TCompletion> {
  const sleep = o.sleep ?? abortableSleep;
  const attempts = o.attempts ?? 3;
  let last: LlmError = new LlmError('timeout', 'no time for an attempt');
  for (let i = 0; i < attempts; i++) {
    const left = o.deadline - o.now();
    if (left <= 0) break;
    const signal = AbortSignal.any([AbortSignal.timeout(left), ...(o.signal ? [o.signal] : [])]);
    try {
      return await chatCompletion(ep, req, { signal, now: o.now, ...(o.onDelta && { onDelta: o.onDelta }) });
    } catch (err) {
      last = err instanceof LlmError ? err : new LlmError('network', String(err));
      if (!last.retryable || i === attempts - 1) break;
      const wait = last.opts.retryAfterMs ?? BASE_BACKOFF_MS * 2 ** i;
      // Waiting past the deadline would only turn a clear "rate limited" into a vaguer timeout.
      if (o.now() + wait + 500 >= o.deadline) break;
      await sleep(wait, signal);
    }
  }
  throw last;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
