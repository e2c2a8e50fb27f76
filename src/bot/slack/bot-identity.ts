import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * Bolt's `authorize` for our one workspace, with the bot identity (`auth.test`) asked once and kept. Bolt's own
 * single-token path with `tokenVerificationEnabled: false` calls `auth.test` again on every incoming request, a
 * Slack call (and a Tier 4 budget) per click. The first call is still lazy, so Slack being down does not stop
 * start-up; a failed call is forgotten, so the next request asks again rather than failing forever.
 */
export function cachedBotAuthorize(client: WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botId?: string; botUserId?: string; teamId?: string }> | undefined;
  const ask = () =>
    client.auth.test({ token: botToken }).then((r) => ({
      ...(r.bot_id && { botId: r.bot_id }),
      ...(r.user_id && { botUserId: r.user_id }),
      ...(r.team_id && { teamId: r.team_id }),
    }));
  return async ({ isEnterpriseInstall }): Promise<AuthorizeResult> => {
    identity ??= ask().catch((err: unknown) => {
      identity = undefined;
      throw err;
    });
    return { isEnterpriseInstall, botToken, ...(await identity) };
  };
}
