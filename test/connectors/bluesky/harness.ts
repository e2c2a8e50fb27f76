import { createBlueskyConnector } from '../../../src/connectors/bluesky/bluesky-connector.js';
import { ZBlueskyEnv } from '../../../src/connectors/bluesky/env.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { pollHarness } from '../poll-harness.js';
import { startFakeBluesky } from '../fakes/bluesky.js';

export const BLUESKY_APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

export async function blueskyWorld(extraEnv: Record<string, string> = {}) {
  const clock = manualClock();
  const fake = await startFakeBluesky({ handle: 'acme.bsky.social', appPassword: BLUESKY_APP_PASSWORD, now: clock.now });
  const env = ZBlueskyEnv.parse({ BLUESKY_SERVICE_URL: fake.url, BLUESKY_HANDLE: 'acme.bsky.social', BLUESKY_APP_PASSWORD, ...extraEnv });
  const make = () => createBlueskyConnector(env, { fetch, now: clock.now });
  return { clock, fake, env, make, connector: make() };
}

export async function blueskyHarness(): Promise<TConnectorHarness> {
  const { clock, fake, connector } = await blueskyWorld();
  return pollHarness({
    connector,
    clock,
    fake,
    publish: (post) => fake.publish({ handle: `${post.authorHandle}.bsky.social`, text: post.text }).uri,
    replies: (idOf) => fake.writes.map((w) =>
        w.kind === 'post'
          ? { inReplyTo: idOf(w.record.reply?.parent.uri ?? '') ?? '', text: w.record.text, private: false }
          : { inReplyTo: w.member, text: w.text, private: true },
      ),
    secrets: [BLUESKY_APP_PASSWORD],
  });
}
