import { z } from 'zod';
import { parseEnvGroup, zCron } from '../env-group.js';

/** YOUTUBE_* variables. Set YOUTUBE_REFRESH_TOKEN (with the client and channel) to switch the connector on. */
export const ZYouTubeEnv = z.object({
  /** Data API v3 base; tests point it at a fake. */
  YOUTUBE_API_URL: z.string().url().default('https://www.googleapis.com/youtube/v3'),
  YOUTUBE_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
  YOUTUBE_CLIENT_ID: z.string().regex(/\.apps\.googleusercontent\.com$/, 'must be an OAuth client id ending in .apps.googleusercontent.com'),
  YOUTUBE_CLIENT_SECRET: z.string().min(10, 'must be the OAuth client secret'),
  /** Refresh token of the channel owner, granted scope https://www.googleapis.com/auth/youtube.force-ssl. */
  YOUTUBE_REFRESH_TOKEN: z.string().min(20, 'must be an OAuth refresh token for the brand channel'),
  /** The brand channel (UC…): its videos' and channel's comment threads are polled. */
  YOUTUBE_CHANNEL_ID: z.string().regex(/^UC[\w-]{22}$/, 'must be a channel id: "UC" followed by 22 characters'),
  /** Every 5 minutes: 288 polls a day ≈ 300–600 of the 10,000 daily units. */
  YOUTUBE_POLL_CRON: zCron('*/5 * * * *'),
});
export type TYouTubeEnv = z.infer<typeof ZYouTubeEnv>;

/** The YouTube env group, or null when the connector is off. @throws ConfigError */
export function loadYouTubeEnv(env: NodeJS.ProcessEnv = process.env): TYouTubeEnv | null {
  return parseEnvGroup('YouTube', ZYouTubeEnv, ['YOUTUBE_CLIENT_ID', 'YOUTUBE_REFRESH_TOKEN', 'YOUTUBE_CHANNEL_ID'], env);
}
