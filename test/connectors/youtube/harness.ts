import { ZYouTubeEnv } from '../../../src/connectors/youtube/env.js';
import { createYouTubeConnector } from '../../../src/connectors/youtube/youtube-connector.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { pollHarness } from '../poll-harness.js';
import { startFakeYouTube } from '../fakes/youtube.js';

export const YT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-yt-client-secret', refreshToken: '1//0g-youtube-refresh-token-secret', channelId: 'UCacmeacmeacmeacmeacme12' };

export async function youtubeWorld(opts: { dailyQuota?: number } = {}) {
  const clock = manualClock();
  const fake = await startFakeYouTube({ ...YT, now: clock.now, ...opts });
  const env = ZYouTubeEnv.parse({ YOUTUBE_API_URL: fake.url, YOUTUBE_TOKEN_URL: fake.tokenUrl, YOUTUBE_CLIENT_ID: YT.clientId, YOUTUBE_CLIENT_SECRET: YT.clientSecret, YOUTUBE_REFRESH_TOKEN: YT.refreshToken, YOUTUBE_CHANNEL_ID: YT.channelId });
  const make = () => createYouTubeConnector(env, { fetch, now: clock.now });
  return { clock, fake, env, make, connector: make() };
}

export async function youtubeHarness(): Promise<TConnectorHarness> {
  const { clock, fake, connector } = await youtubeWorld();
  return pollHarness({
    connector,
    clock,
    fake,
    publish: (post) => fake.publishComment({ author: post.authorHandle, text: post.text }).id,
    replies: (idOf) => fake.inserted.map((i) => ({ inReplyTo: idOf(i.parentId) ?? i.parentId, text: i.text, private: false })),
    secrets: [YT.clientSecret, YT.refreshToken],
  });
}
