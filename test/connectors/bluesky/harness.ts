import { createBlueskyConnector } from '../../../src/connectors/bluesky/bluesky-connector.js';
import { ZBlueskyEnv } from '../../../src/connectors/bluesky/env.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { startFakeBluesky } from '../fakes/bluesky.js';
import { targetFromMention } from '../fakes/reply-target.js';

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
  const ids = new Map<string, string>();
  return {
    connector,
    intake: 'poll',
    async publish(post) {
      clock.advance(1000);
      const p = fake.publish({ handle: `${post.authorHandle}.bsky.social`, text: post.text });
      ids.set(p.uri, post.id);
    },
    receive: (cursor) => connector.pollers![0]!.poll(cursor, { now: clock.now() }),
    targetFor: targetFromMention,
    platformReplies: () =>
      fake.writes.map((w) =>
        w.kind === 'post'
          ? { inReplyTo: ids.get(w.record.reply?.parent.uri ?? '') ?? '', text: w.record.text, private: false }
          : { inReplyTo: w.member, text: w.text, private: true },
      ),
    failNextWrite: (f) => fake.failNextWrite(f),
    secrets: [BLUESKY_APP_PASSWORD],
    close: fake.close,
  };
}
