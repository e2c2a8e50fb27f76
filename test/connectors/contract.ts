import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TConnector, TInboundRequest, TReplyTarget } from '../../src/connectors/connector.js';
import { TEXT_LIMITS } from '../../src/connectors/text-limits.js';
import { ZMention, type TMention } from '../../src/mention.js';
import { PermanentError, RetryableError } from '../../src/outbox/outbox-errors.js';

export type TFailure = 'rate_limited' | 'server_error' | 'revoked_token' | 'deleted_post';

/**
 * What each connector's test supplies to the shared contract suite: the connector, pointed at a local fake of
 * its platform over real HTTP, and a few levers on that fake.
 */
export interface TConnectorHarness {
  connector: TConnector;
  /** How mentions arrive: a signed webhook delivery or the connector's first poller. */
  intake: 'webhook' | 'poll';
  /** Puts a new post mentioning the brand on the fake platform (delivered or served on the next poll). */
  publish(post: { id: string; text: string; authorHandle: string }): Promise<void>;
  /**
   * Runs intake once. Webhook: builds the signed request for the posts published since the last call and runs
   * verify + parse. Poll: runs the first poller from `cursor`.
   */
  receive(cursor: string | null): Promise<{ mentions: TMention[]; cursor: string | null }>;
  /** A webhook request whose signature does not match its body (webhook intake only). */
  tamperedRequest?(): TInboundRequest;
  /** The reply target Earshot would build for a mention this connector produced (see platform-reply.ts). */
  targetFor(m: TMention): TReplyTarget;
  /**
   * Replies the fake platform has stored. `inReplyTo` is the `id` the answered post was published with
   * (the harness maps platform forms such as `t1_…` or `at://…` back to it).
   */
  platformReplies(): { inReplyTo: string; text: string; private: boolean }[];
  /** The fake's next write call fails this way, with the platform's real status, headers and error body. */
  failNextWrite(failure: TFailure): void;
  /**
   * Set (with the reason) when the platform's payload carries no link to the post, e.g. Instagram's comment
   * webhook: the url check then asserts no made-up url instead.
   */
  noUrlReason?: string;
  /** Credentials the connector holds: they must never appear in an error message. */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * The one suite every connector runs (STYLE.md: one contract suite for every implementation). Tests that only
 * make sense for one intake kind or for platforms with private messages are registered by capability.
 */
export function runConnectorContract(name: string, make: () => Promise<TConnectorHarness>): void {
  describe(`${name}: Connector contract`, () => {
    let h: TConnectorHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.close();
    });

    async function firstMention(text = 'My order never arrived @acme') {
      await h.publish({ id: 'post-1', text, authorHandle: 'jane_doe' });
      const { mentions } = await h.receive(null);
      expect(mentions).toHaveLength(1);
      return mentions[0]!;
    }

    it('normalises a mention into the canonical shape, keeping the raw payload', async () => {
      const m = await firstMention();
      expect(() => ZMention.parse(m)).not.toThrow();
      expect(m.platform).toBe(h.connector.id);
      expect(m.text).toContain('My order never arrived');
      expect(m.author.handle.replace(/^@/, '')).toContain('jane_doe');
      if (h.noUrlReason) expect(m.url).toBeUndefined();
      else expect(m.url).toMatch(/^https?:\/\//);
      expect(m.raw).toBeTruthy();
    });

    it('replies in-media, threaded to the mention, and returns the platform id', async () => {
      const m = await firstMention();
      const sent = await h.connector.reply(h.targetFor(m), 'Sorry to hear that. We are on it.', { idempotencyKey: 'k1' });
      expect(sent.externalId).toBeTruthy();
      const stored = h.platformReplies();
      expect(stored).toEqual([{ inReplyTo: 'post-1', text: 'Sorry to hear that. We are on it.', private: false }]);
    });

    it('refuses a reply over the platform limit without calling the platform', async () => {
      const m = await firstMention();
      const long = 'a'.repeat(TEXT_LIMITS[h.connector.id].max + 1);
      await expect(h.connector.reply(h.targetFor(m), long, { idempotencyKey: 'k2' })).rejects.toThrow(PermanentError);
      expect(h.platformReplies()).toEqual([]);
    });

    it('turns a rate limit into a retry after the platform-given time', async () => {
      const m = await firstMention();
      h.failNextWrite('rate_limited');
      const err = await h.connector.reply(h.targetFor(m), 'Thanks!', { idempotencyKey: 'k3' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RetryableError);
      expect((err as RetryableError).retryAfterMs).toBeGreaterThan(0);
    });

    it('retries a server error', async () => {
      const m = await firstMention();
      h.failNextWrite('server_error');
      await expect(h.connector.reply(h.targetFor(m), 'Thanks!', { idempotencyKey: 'k4' })).rejects.toThrow(RetryableError);
      const sent = await h.connector.reply(h.targetFor(m), 'Thanks!', { idempotencyKey: 'k4' });
      expect(sent.externalId).toBeTruthy();
    });

    it('treats a revoked token as permanent and never echoes the credentials', async () => {
      const m = await firstMention();
      h.failNextWrite('revoked_token');
      const err = (await h.connector.reply(h.targetFor(m), 'Thanks!', { idempotencyKey: 'k5' }).catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(PermanentError);
      for (const s of h.secrets) expect(err.message).not.toContain(s);
    });

    it('treats a deleted post as permanent', async () => {
      const m = await firstMention();
      h.failNextWrite('deleted_post');
      await expect(h.connector.reply(h.targetFor(m), 'Thanks!', { idempotencyKey: 'k6' })).rejects.toThrow(PermanentError);
    });

    it('follows up privately where the platform allows it, or says why not', async () => {
      const m = await firstMention();
      if (!h.connector.sendPrivate) {
        expect(h.connector.privateUnsupported).toMatch(/\w+ \w+/);
        return;
      }
      const sent = await h.connector.sendPrivate(h.targetFor(m), 'Could you DM us your order number?', { idempotencyKey: 'k7' });
      expect(sent.externalId).toBeTruthy();
      expect(h.platformReplies()).toContainEqual({ inReplyTo: expect.any(String), text: 'Could you DM us your order number?', private: true });
    });

    it('declares a rate limit for the outbox', () => {
      expect(h.connector.rateLimit?.perSecond).toBeGreaterThan(0);
    });
  });

  describe(`${name}: intake`, () => {
    let h: TConnectorHarness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.close();
    });

    it('delivers each mention once across receive calls', async () => {
      await h.publish({ id: 'a1', text: 'first @acme', authorHandle: 'ann' });
      const one = await h.receive(null);
      await h.publish({ id: 'a2', text: 'second @acme', authorHandle: 'bob' });
      const two = await h.receive(one.cursor);
      const again = await h.receive(two.cursor);
      expect(one.mentions.map((m) => m.text)).toEqual(['first @acme']);
      expect(two.mentions.map((m) => m.text)).toEqual(['second @acme']);
      expect(again.mentions).toEqual([]);
    });

    it('rejects a webhook whose signature does not match, or polls without one', () => {
      if (h.intake === 'poll') {
        expect(h.connector.pollers?.length).toBeGreaterThan(0);
        return;
      }
      const v = h.connector.webhook!.verify(h.tamperedRequest!(), new Date());
      expect(v.kind).toBe('rejected');
      if (v.kind === 'rejected') expect([401, 403]).toContain(v.status);
    });
  });
}
