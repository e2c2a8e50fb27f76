/**
 * Keys whose values are secrets wherever they appear in a log line's fields (pino redaction paths; `*` is one level).
 * Paths catch secrets we never knew the value of — a token in a request header, a password in a parsed body; the
 * by-value scrubber below catches the configured secrets wherever they turn up, message text included.
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'appPassword',
  'secret',
  'clientSecret',
  'signingSecret',
  'token',
  'accessToken',
  'refreshToken',
  'botToken',
  'appToken',
  'apiKey',
  'accessJwt',
  'refreshJwt',
];

export const REDACT_PATHS: string[] = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'headers["x-slack-signature"]',
  '*.headers["set-cookie"]',
];

export const REDACTED = '[redacted]';

/**
 * Blanks out known secret values in a serialised line, as they appear raw and as JSON escapes them (a secret with a
 * quote or backslash is written escaped). Secrets shorter than 4 characters would blank out ordinary words.
 */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const needles = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    // Longest first, so a secret that contains another is blanked whole.
    .sort((a, b) => b.length - a.length);
  if (!needles.length) return (line) => line;
  return (line) => {
    for (const s of needles) if (line.includes(s)) line = line.split(s).join(REDACTED);
    return line;
  };
}
