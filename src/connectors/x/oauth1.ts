import { createHmac, randomBytes } from 'node:crypto';

export interface TOAuth1Credentials {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

/** RFC 3986 encoding as OAuth 1.0a requires (encodeURIComponent leaves !'()* alone). */
export function oauthEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The signature base string (RFC 5849 §3.4.1): method, base URL, and every query, form and oauth parameter encoded,
 * sorted by name then value, and joined. Kept by hand rather than taken from a library: it is 20 lines, has no
 * dependencies, and is pinned by the RFC's own examples and X's in the tests.
 */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const u = new URL(url);
  const all: [string, string][] = [...params, ...[...u.searchParams.entries()]];
  const norm = all
    .map(([k, v]) => [oauthEncode(k), oauthEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  // The base URL is lower-case scheme and host, without the default port, query or fragment (URL does all three).
  return [method.toUpperCase(), oauthEncode(`${u.origin}${u.pathname}`), oauthEncode(norm)].join('&');
}

/**
 * The HMAC-SHA1 signature over the base string (JSON bodies are not signed). Exported for the published test
 * vectors and for the fake platform's check.
 */
export function oauthSignature(method: string, url: string, params: [string, string][], consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha1', `${oauthEncode(consumerSecret)}&${oauthEncode(tokenSecret)}`).update(signatureBaseString(method, url, params)).digest('base64');
}

/**
 * An `Authorization: OAuth …` header for a user-context call.
 * @example oauth1Header(creds, 'POST', 'https://api.x.com/2/tweets', new Date())
 */
export function oauth1Header(
  creds: TOAuth1Credentials,
  method: string,
  url: string,
  now: Date,
  opts: { nonce?: string; formParams?: [string, string][] } = {},
): string {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', creds.consumerKey],
    ['oauth_nonce', opts.nonce ?? randomBytes(16).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(Math.floor(now.getTime() / 1000))],
    ['oauth_token', creds.token],
    ['oauth_version', '1.0'],
  ];
  const sig = oauthSignature(method, url, [...oauth, ...(opts.formParams ?? [])], creds.consumerSecret, creds.tokenSecret);
  return 'OAuth ' + [...oauth, ['oauth_signature', sig] as [string, string]].map(([k, v]) => `${oauthEncode(k)}="${oauthEncode(v)}"`).join(', ');
}

/** Parses an `Authorization: OAuth …` header into its parameters (used by the fake platform). */
export function parseOAuthHeader(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of header.replace(/^OAuth\s+/, '').matchAll(/(\w+)="([^"]*)"/g)) out.set(decodeURIComponent(m[1] ?? ''), decodeURIComponent(m[2] ?? ''));
  return out;
}
