import { randomBytes } from 'node:crypto';
import type { TFakeRequest, TFakeResponse } from './json-http-server.js';

/**
 * Google's OAuth token endpoint (oauth2.googleapis.com/token) for the refresh_token grant, and the Bearer check
 * its APIs make: access tokens last an hour; a revoked refresh token is 400 invalid_grant.
 */
export function fakeGoogleOAuth(opts: { clientId: string; clientSecret: string; refreshToken: string; now: () => Date }) {
  const tokens = new Map<string, number>();
  let revoked = false;
  return {
    tokenEndpoint(req: TFakeRequest): TFakeResponse {
      const f = req.form();
      if (f.get('client_id') !== opts.clientId || f.get('client_secret') !== opts.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
      if (f.get('grant_type') !== 'refresh_token' || f.get('refresh_token') !== opts.refreshToken || revoked) return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
      const t = `ya29.${randomBytes(24).toString('base64url')}`;
      tokens.set(t, opts.now().getTime() + 3599_000);
      return { status: 200, body: { access_token: t, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.force-ssl', token_type: 'Bearer' } };
    },
    /** null when the Bearer token is good, else Google's 401 body. */
    check(req: TFakeRequest): TFakeResponse | null {
      const t = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
      const exp = tokens.get(t);
      if (!revoked && exp !== undefined && exp > opts.now().getTime()) return null;
      return {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
        body: { error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }], status: 'UNAUTHENTICATED' } },
      };
    },
    revoke() {
      revoked = true;
    },
    tokenRequests: 0,
  };
}

/** A Google API error body. */
export const googleError = (code: number, status: string, message: string, reason: string, domain = 'global'): TFakeResponse => ({
  status: code,
  body: { error: { code, message, errors: [{ message, domain, reason }], status } },
});
