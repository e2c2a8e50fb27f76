import { createMastodonConnector } from '../../../src/connectors/mastodon/mastodon-connector.js';
import { ZMastodonEnv } from '../../../src/connectors/mastodon/env.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { pollHarness } from '../poll-harness.js';
import { startFakeMastodon } from '../fakes/mastodon.js';

export const MASTODON_TOKEN = 'mastodon-access-token-0123456789abcdef';

/** A fake instance, a clock shared with it, and a connector pointed at it. */
export async function mastodonWorld(extraEnv: Record<string, string> = {}) {
  const clock = manualClock();
  const fake = await startFakeMastodon({ token: MASTODON_TOKEN, now: clock.now });
  const env = ZMastodonEnv.parse({ MASTODON_INSTANCE_URL: fake.url, MASTODON_ACCESS_TOKEN: MASTODON_TOKEN, ...extraEnv });
  const make = () => createMastodonConnector(env, { fetch, now: clock.now });
  return { clock, fake, env, make, connector: make() };
}

export async function mastodonHarness(): Promise<TConnectorHarness> {
  const { clock, fake, connector } = await mastodonWorld();
  return pollHarness({
    connector,
    clock,
    fake,
    publish: (post) => fake.publishMention({ acct: post.authorHandle, content: `<p>${post.text}</p>` }).id,
    replies: (idOf) => fake.posted.map((p) => ({
        inReplyTo: p.in_reply_to_id ? (idOf(p.in_reply_to_id) ?? p.in_reply_to_id) : (/^@(\S+)/.exec(p.status)?.[1] ?? ''),
        // The connector prefixes the author's @acct so Mastodon notifies them; the contract compares the staff text.
        text: p.status.replace(/^@\S+ /, ''),
        private: p.visibility === 'direct',
      })),
    secrets: [MASTODON_TOKEN],
  });
}
