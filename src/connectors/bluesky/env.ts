import { z } from 'zod';
import { parseEnvGroup, zCron, zList } from '../env-group.js';

/** BLUESKY_* variables. Set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD to switch the connector on. */
export const ZBlueskyEnv = z.object({
  /** The brand account's PDS (bsky.social for most accounts); XRPC calls go here. Tests point it at a fake. */
  BLUESKY_SERVICE_URL: z.string().url().default('https://bsky.social'),
  /** The brand account's handle or DID, e.g. acme.bsky.social. */
  BLUESKY_HANDLE: z.string().regex(/^(did:[a-z]+:[\w.:%-]+|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i, 'must be the account handle (e.g. acme.bsky.social) or its DID'),
  /** An app password (Settings → Privacy and security → App passwords), with direct-message access for follow-ups. */
  BLUESKY_APP_PASSWORD: z.string().regex(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/, 'must be an app password in the form xxxx-xxxx-xxxx-xxxx (never the account password)'),
  /** The chat service the PDS proxies chat.bsky.* calls to (the `atproto-proxy` header). */
  BLUESKY_CHAT_PROXY: z.string().regex(/^did:[a-z]+:[^#\s]+#[\w-]+$/, 'must be a service reference like did:web:api.bsky.chat#bsky_chat').default('did:web:api.bsky.chat#bsky_chat'),
  /** Where post links point (the web app). */
  BLUESKY_APP_URL: z.string().url().default('https://bsky.app'),
  /** Brand keyword searches (app.bsky.feed.searchPosts), comma-separated: "acme,\"acme corp\"". */
  BLUESKY_SEARCH_QUERIES: zList.pipe(z.array(z.string().max(200, 'each search query must be at most 200 characters'))),
  BLUESKY_POLL_CRON: zCron('* * * * *'),
  BLUESKY_SEARCH_CRON: zCron('*/5 * * * *'),
});
export type TBlueskyEnv = z.infer<typeof ZBlueskyEnv>;

/** The Bluesky env group, or null when the connector is off. @throws ConfigError */
export function loadBlueskyEnv(env: NodeJS.ProcessEnv = process.env): TBlueskyEnv | null {
  return parseEnvGroup('Bluesky', ZBlueskyEnv, ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'], env);
}
