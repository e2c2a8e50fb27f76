/** How a call to the LLM endpoint failed, in the terms the draft service acts on. */
export type TLlmErrorKind = 'auth' | 'rate_limited' | 'server' | 'timeout' | 'refused' | 'bad_response' | 'network';

export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly kind: TLlmErrorKind,
    message: string,
    readonly opts: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  /** Worth another attempt if time allows: rate limits and server errors; never a refused key or request. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'network';
  }
}

/** What staff read when a draft could not be had; never the endpoint's own words (they may echo a key). */
export function llmFailureSentence(e: LlmError, timeoutMs: number): string {
  const status = e.opts.status ? ` (HTTP ${e.opts.status})` : '';
  switch (e.kind) {
    case 'auth':
      return `The AI service refused Earshot's API key${status}; ask your admin to check LLM_API_KEY.`;
    case 'rate_limited':
      return `The AI service is rate-limiting Earshot${e.opts.retryAfterMs ? ` (it asked to wait ${Math.ceil(e.opts.retryAfterMs / 1000)} s)` : ''}.`;
    case 'server':
      return `The AI service had an error${status}.`;
    case 'timeout':
      return `The AI draft took longer than ${Math.round(timeoutMs / 1000)} s.`;
    case 'refused':
      return `The AI service refused the request${status}.`;
    case 'bad_response':
      return 'The AI service answered with nothing usable.';
    case 'network':
      return 'Earshot could not reach the AI service.';
  }
}

/** Retry-After (seconds or an HTTP date), else OpenAI's retry-after-ms, else x-ratelimit-reset-* ("1s", "6m0s", "20ms"). */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ra = headers.get('retry-after');
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const resets = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens'].map((h) => duration(headers.get(h))).filter((v): v is number => v !== undefined);
  return resets.length ? Math.max(...resets) : undefined;
}

function duration(v: string | null): number | undefined {
  if (!v) return undefined;
  let total = 0;
  let matched = false;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    matched = true;
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  return matched ? total : undefined;
}
