import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { PermanentError, RetryableError } from '../../outbox/outbox-errors.js';

/** Slack `error` codes worth another try; everything else (channel_not_found, invalid_auth…) will not heal. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'team_added_to_org']);

/** Hints admins can act on, for the errors a misconfigured install produces. */
const HINTS: Record<string, string> = {
  not_in_channel: 'invite the Earshot app to the channel (/invite @Earshot)',
  channel_not_found: "check the team's slack.channel id in the org chart and that the app is in that channel",
  invalid_auth: 'SLACK_BOT_TOKEN is wrong or was revoked',
  token_revoked: 'SLACK_BOT_TOKEN was revoked; reinstall the app',
  account_inactive: 'the app was uninstalled; reinstall it',
  missing_scope: 'reinstall the app from manifests/slack/manifest.yaml so it has every scope',
};

/**
 * Maps a Web API failure onto the outbox's retry semantics: 429 waits for Slack's Retry-After, network and 5xx
 * errors back off and retry, and Slack's `ok:false` codes are permanent unless known to be transient.
 */
export function toOutboxError(err: unknown, what: string): Error {
  const e = err as WebAPICallError;
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      // A 429 is Slack saying it did nothing: a definite "not posted".
      return new RetryableError(`Slack rate-limited ${what}`, e.retryAfter * 1000, true);
    case ErrorCode.RequestError:
      return new RetryableError(`Slack could not be reached to ${what}: ${e.original?.message ?? e.message}`);
    case ErrorCode.HTTPError:
      if (e.statusCode === 429) return new RetryableError(`Slack answered HTTP 429 to ${what}`, undefined, true);
      return e.statusCode >= 500 ? new RetryableError(`Slack answered HTTP ${e.statusCode} to ${what}`) : new PermanentError(`Slack answered HTTP ${e.statusCode} to ${what}`);
    case ErrorCode.PlatformError: {
      const code = String(e.data.error);
      const message = `Slack refused to ${what}: ${code}${HINTS[code] ? ` (${HINTS[code]})` : ''}`;
      return TRANSIENT.has(code) ? new RetryableError(message, undefined, code === 'ratelimited') : new PermanentError(message);
    }
    default:
      return err instanceof Error ? new RetryableError(`${what} failed: ${err.message}`) : new RetryableError(`${what} failed`);
  }
}

export function slackErrorCode(err: unknown): string | undefined {
  const e = err as WebAPICallError;
  return e.code === ErrorCode.PlatformError ? String(e.data.error) : undefined;
}
