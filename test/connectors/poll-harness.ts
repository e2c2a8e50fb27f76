import type { TConnector } from '../../src/connectors/connector.js';
import type { TConnectorHarness, TFailure } from './contract.js';
import { targetFromMention } from './fakes/reply-target.js';

/**
 * The contract harness every polling connector shares: publishing advances the clock a second (so posts have
 * distinct times), intake runs the first poller, and the platform's own ids are mapped back to the test's.
 */
export function pollHarness(o: {
  connector: TConnector;
  clock: { now(): Date; advance(ms: number): void };
  fake: { failNextWrite(f: TFailure): void; close(): Promise<void> };
  /** Puts the post on the fake platform; returns the platform's id for it. */
  publish(post: { id: string; text: string; authorHandle: string }): string;
  /** Replies as the fake stores them; `idOf` maps a platform id back to the published post's id. */
  replies(idOf: (platformId: string) => string | undefined): ReturnType<TConnectorHarness['platformReplies']>;
  secrets: string[];
}): TConnectorHarness {
  const ids = new Map<string, string>();
  return {
    connector: o.connector,
    intake: 'poll',
    async publish(post) {
      o.clock.advance(1000);
      ids.set(o.publish(post), post.id);
    },
    receive: (cursor) => o.connector.pollers![0]!.poll(cursor, { now: o.clock.now() }),
    targetFor: targetFromMention,
    platformReplies: () => o.replies((id) => ids.get(id)),
    failNextWrite: (f) => o.fake.failNextWrite(f),
    secrets: o.secrets,
    close: () => o.fake.close(),
  };
}
