import { ZRedditEnv } from '../../../src/connectors/reddit/env.js';
import { createRedditConnector } from '../../../src/connectors/reddit/reddit-connector.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { pollHarness } from '../poll-harness.js';
import { startFakeReddit } from '../fakes/reddit.js';

export const REDDIT_CREDS = { clientId: 'client-id-abc123', clientSecret: 'client-secret-xyz789', username: 'AcmeSupport', password: 'acme-pa55word-secret' };

export async function redditWorld(extraEnv: Record<string, string> = {}) {
  const clock = manualClock();
  const fake = await startFakeReddit({ ...REDDIT_CREDS, now: clock.now });
  const env = ZRedditEnv.parse({
    REDDIT_API_URL: fake.url,
    REDDIT_TOKEN_URL: fake.tokenUrl,
    REDDIT_CLIENT_ID: REDDIT_CREDS.clientId,
    REDDIT_CLIENT_SECRET: REDDIT_CREDS.clientSecret,
    REDDIT_USERNAME: REDDIT_CREDS.username,
    REDDIT_PASSWORD: REDDIT_CREDS.password,
    ...extraEnv,
  });
  const make = () => createRedditConnector(env, { fetch, now: clock.now });
  return { clock, fake, env, make, connector: make() };
}

export async function redditHarness(): Promise<TConnectorHarness> {
  const { clock, fake, connector } = await redditWorld();
  return pollHarness({
    connector,
    clock,
    fake,
    publish: (post) => fake.publishComment({ author: post.authorHandle, body: post.text }).data.name,
    replies: (idOf) =>
      fake.writes.map((w) => (w.kind === 'comment' ? { inReplyTo: idOf(w.thingId) ?? w.thingId, text: w.text, private: false } : { inReplyTo: w.to, text: w.text, private: true })),
    secrets: Object.values(REDDIT_CREDS).filter((v) => v !== REDDIT_CREDS.username),
  });
}
