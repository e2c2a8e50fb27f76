import { afterEach, describe, expect, it } from 'vitest';
import { loadGoogleReviewsEnv } from '../../../src/connectors/google-reviews/env.js';
import { RetryableError } from '../../../src/outbox/outbox-errors.js';
import { runConnectorContract } from '../contract.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { GBP, googleReviewsHarness, googleReviewsWorld } from './harness.js';

runConnectorContract('google_reviews', googleReviewsHarness);

describe('google reviews specifics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function world() {
    const w = await googleReviewsWorld();
    close = w.fake.close;
    return w;
  }
  const poll = (w: Awaited<ReturnType<typeof world>>, cursor: string | null = null, i = 0) => w.connector.pollers![i]!.poll(cursor, { now: w.clock.now() });

  it('one poller per location; a wordless rating as text; anonymous reviewers named plainly', async () => {
    const w = await world();
    expect(w.connector.pollers!.map((p) => [p.stream, p.schedule])).toEqual([
      ['reviews:111', '*/10 * * * *'],
      ['reviews:222', '*/10 * * * *'],
    ]);
    const a = w.fake.publishReview({ location: '111', reviewer: 'Jane D.', stars: 'ONE', comment: 'Rude staff' });
    w.clock.advance(1000);
    w.fake.publishReview({ location: '111', reviewer: null, stars: 'TWO' });
    w.fake.publishReview({ location: '222', reviewer: 'Other', stars: 'FIVE', comment: 'elsewhere' });
    const { mentions } = await poll(w);
    expect(mentions).toMatchObject([
      { externalId: a.reviewId, threadRoot: a.reviewId, text: 'Rude staff', raw: { starRating: 'ONE' }, author: { handle: 'Jane D.' }, url: 'https://business.google.com/reviews' },
      { text: 'Rated 2 of 5 stars, with no written review.', author: { handle: 'A Google user' } },
    ]);
    expect(w.fake.requests.find((r) => r.path.endsWith('/reviews'))!.query.get('orderBy')).toBe('updateTime desc');
  });

  it('an edited review comes back as a follow-up in the same thread', async () => {
    const w = await world();
    const r = w.fake.publishReview({ location: '111', reviewer: 'Jane', stars: 'ONE', comment: 'bad' });
    const first = await poll(w);
    w.clock.advance(60_000);
    w.fake.editReview(r.name, 'they fixed it', 'FOUR');
    const second = await w.make().pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions).toMatchObject([{ externalId: `${r.reviewId}@${w.clock.now().toISOString()}`, threadRoot: r.reviewId, text: 'they fixed it', raw: { starRating: 'FOUR' } }]);
  });

  it('resumes after a restart across pages of 50 without repeats or gaps', async () => {
    const w = await world();
    w.fake.publishReview({ location: '111', reviewer: 'a', stars: 'THREE', comment: 'first' });
    const first = await poll(w);
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      if (i % 7 === 0) w.clock.advance(1000);
      ids.push(w.fake.publishReview({ location: '111', reviewer: `r${i}`, stars: 'FIVE', comment: `n${i}` }).reviewId);
    }
    const second = await w.make().pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions.map((m) => m.externalId).sort()).toEqual([...ids].sort());
    expect((await w.make().pollers![0]!.poll(second.cursor, { now: w.clock.now() })).mentions).toEqual([]);
  });

  it('puts the owner reply on the review by its resource name', async () => {
    const w = await world();
    const r = w.fake.publishReview({ location: '111', reviewer: 'Jane', stars: 'ONE', comment: 'bad' });
    const [m] = (await poll(w)).mentions;
    const sent = await w.connector.reply(targetFromMention(m!), 'Sorry Jane, please call us.', { idempotencyKey: 'k' });
    const put = w.fake.requests.find((x) => x.method === 'PUT')!;
    expect(put.path).toBe(`/v4/${r.name}/reply`);
    expect(put.json()).toEqual({ comment: 'Sorry Jane, please call us.' });
    expect(sent.externalId).toBe(`${r.name}/reply`);
    const tokenForm = Object.fromEntries(w.fake.requests.find((x) => x.path === '/token')!.form());
    expect(tokenForm).toMatchObject({ grant_type: 'refresh_token', client_id: GBP.clientId });
  });

  it('waits for the next minute on 429 RESOURCE_EXHAUSTED (no Retry-After)', async () => {
    const w = await world();
    w.clock.advance(15_000);
    w.fake.publishReview({ location: '111', reviewer: 'Jane', stars: 'ONE', comment: 'bad' });
    const [m] = (await poll(w)).mentions;
    w.fake.failNextWrite('rate_limited');
    const err = (await w.connector.reply(targetFromMention(m!), 'x', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBe(45_000);
    expect(err.message).toContain('Quota exceeded');
  });

  it('is off without its variables; needs at least one numeric location', () => {
    expect(loadGoogleReviewsEnv({})).toBeNull();
    expect(() =>
      loadGoogleReviewsEnv({ GOOGLE_REVIEWS_CLIENT_ID: GBP.clientId, GOOGLE_REVIEWS_CLIENT_SECRET: GBP.clientSecret, GOOGLE_REVIEWS_REFRESH_TOKEN: GBP.refreshToken, GOOGLE_REVIEWS_ACCOUNT_ID: GBP.accountId, GOOGLE_REVIEWS_LOCATION_IDS: 'locations/1' }),
    ).toThrow(/GOOGLE_REVIEWS_LOCATION_IDS/);
  });
});
