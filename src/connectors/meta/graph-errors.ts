import type { TFetch, TPlatformDialect } from '../platform-http.js';
import type { TPauseReader } from '../rate-gate.js';

/** Graph API error body: `{ error: { message, type, code, error_subcode, is_transient, fbtrace_id } }`. */
interface TGraphError {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

function graphError(body: unknown): TGraphError | undefined {
  const e = (body as { error?: unknown } | null)?.error;
  return e && typeof e === 'object' ? (e as TGraphError) : undefined;
}

// Throttling codes (app 4, user 17, page 32, call-type 613, business use case 80001-80014); Graph answers them
// with 400/403 rather than 429.
const THROTTLED = new Set([4, 17, 32, 613]);
const isThrottled = (e: TGraphError) => THROTTLED.has(e.code ?? 0) || ((e.code ?? 0) >= 80001 && (e.code ?? 0) <= 80014);
// (#10) with these subcodes: the private-reply / messaging window has closed or was already used.
const WINDOW_CLOSED = new Set([2018278, 2534022, 2018108]);
export const isWindowClosed = (e: TGraphError | undefined) => e?.code === 10 && WINDOW_CLOSED.has(e.error_subcode ?? 0);

/**
 * Rewrites Graph's error statuses into the HTTP meaning callPlatform maps: throttling → 429, expired or revoked
 * token (190) → 401, missing object (100/33) → 404, transient → 503. Bodies and headers pass through.
 */
export function graphFetch(fetch: TFetch): TFetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.ok) return res;
    const text = await res.text();
    let e: TGraphError | undefined;
    try {
      e = graphError(JSON.parse(text));
    } catch {
      e = undefined;
    }
    let status = res.status;
    if (e && isThrottled(e)) status = 429;
    else if (e?.code === 190) status = 401;
    else if (e?.code === 100 && e.error_subcode === 33) status = 404;
    else if (e?.is_transient || e?.code === 1 || e?.code === 2) status = 503;
    return new Response(text, { status, statusText: res.statusText, headers: res.headers });
  };
}

/** Highest usage percentage and the wait Meta estimates, from X-App-Usage and X-Business-Use-Case-Usage. */
export function readUsage(headers: Headers): { percent: number; regainMs: number | undefined } {
  let percent = 0;
  let regainMs: number | undefined;
  const app = parse(headers.get('x-app-usage'));
  if (app && typeof app === 'object') for (const v of Object.values(app)) if (typeof v === 'number') percent = Math.max(percent, v);
  const buc = parse(headers.get('x-business-use-case-usage'));
  if (buc && typeof buc === 'object') {
    for (const list of Object.values(buc)) {
      for (const u of Array.isArray(list) ? list : []) {
        for (const k of ['call_count', 'total_cputime', 'total_time'] as const) if (typeof u?.[k] === 'number') percent = Math.max(percent, u[k]);
        const mins = u?.estimated_time_to_regain_access;
        if (typeof mins === 'number' && mins > 0) regainMs = Math.max(regainMs ?? 0, mins * 60_000);
      }
    }
  }
  return { percent, regainMs };
}

function parse(h: string | null): Record<string, any> | undefined {
  if (!h) return undefined;
  try {
    return JSON.parse(h) as Record<string, any>;
  } catch {
    return undefined;
  }
}

// Meta gives no reset time for app-level throttling; its window is a rolling hour, so back off a while.
const DEFAULT_THROTTLE_MS = 10 * 60_000;

/** Once a usage header reaches 100 %, further calls are throttled: wait for Meta's estimate. */
export const metaPause: TPauseReader = (headers) => {
  const u = readUsage(headers);
  return u.regainMs ?? (u.percent >= 100 ? DEFAULT_THROTTLE_MS : undefined);
};

export const WINDOW_CLOSED_SENTENCE =
  'The private reply window for this comment has closed (Meta allows one private reply within 7 days of the comment); answer publicly or invite them to message the account.';

/** Graph's message, and for a closed messaging window a sentence staff can act on. */
export const graphDialect: TPlatformDialect = {
  resetAfterMs: (headers) => metaPause(headers, new Date()) ?? 60_000,
  errorMessage(body) {
    const e = graphError(body);
    if (!e) return undefined;
    return isWindowClosed(e) ? `${WINDOW_CLOSED_SENTENCE} (${e.message ?? 'window closed'})` : e.message;
  },
  isPermanent: (_status, body) => isWindowClosed(graphError(body)),
};
