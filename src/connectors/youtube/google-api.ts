import { cachedAccessToken, type TAccessToken } from '../access-token.js';
import { callPlatform, type TFetch, type TPlatformDialect } from '../platform-http.js';
import type { TPlatform } from '../../mention.js';
import { PermanentError } from '../../outbox/outbox-errors.js';

/** The first `errors[].reason` of a Google API error body `{"error":{"code","message","status","errors":[…]}}`. */
export function googleReason(body: unknown): string | undefined {
  const e = (body as { error?: { errors?: { reason?: unknown }[]; status?: unknown } } | null)?.error;
  const reason = e?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : typeof e?.status === 'string' ? e.status : undefined;
}

/** Google APIs' error body reading, shared by YouTube and Business Profile. */
export const googleErrorMessage: TPlatformDialect['errorMessage'] = (body) => {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  // OAuth token endpoint: {"error":"invalid_grant","error_description":"Token has been expired or revoked."}
  if (typeof b?.error === 'string') return typeof b.error_description === 'string' ? `${b.error}: ${b.error_description}` : b.error;
  const e = b?.error as { message?: unknown } | undefined;
  if (typeof e?.message !== 'string') return undefined;
  const reason = googleReason(body);
  return `${e.message.slice(0, 300)}${reason ? ` (${reason})` : ''}`;
};

/**
 * An access token from a Google OAuth refresh token (grant_type=refresh_token). A revoked or expired refresh
 * token (400 invalid_grant) is permanent: an admin must authorise Earshot again.
 */
export function googleAccessToken(opts: { platform: TPlatform; tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string; fetch: TFetch }): TAccessToken {
  return cachedAccessToken(async (now) => {
    const body = await callPlatform<{ access_token?: string; expires_in?: number }>(
      {
        platform: opts.platform,
        fetch: opts.fetch,
        method: 'POST',
        url: opts.tokenUrl,
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: opts.clientId, client_secret: opts.clientSecret, refresh_token: opts.refreshToken }),
        now,
        purpose: 'renew the Google access token',
      },
      { errorMessage: googleErrorMessage },
    );
    if (!body?.access_token) throw new PermanentError('Google returned no access token; an admin must authorise Earshot again.');
    return { token: body.access_token, expiresAt: new Date(now.getTime() + (body.expires_in ?? 3599) * 1000) };
  });
}

/** Milliseconds until the next minute starts: Google's per-minute quotas refill then. */
export const msToNextMinute = (now: Date) => 60_000 - (now.getTime() % 60_000);

/**
 * Milliseconds until midnight Pacific Time, when the YouTube Data API's daily quota resets.
 * @example msUntilPacificMidnight(new Date("2026-11-23T07:00:00Z")) // 3_600_000 (it is 23:00 in Los Angeles)
 */
export function msUntilPacificMidnight(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = (get('hour') * 3600 + get('minute') * 60 + get('second')) * 1000 + now.getUTCMilliseconds();
  return 24 * 3600_000 - elapsed;
}
