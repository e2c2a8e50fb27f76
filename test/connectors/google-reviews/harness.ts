import { ZGoogleReviewsEnv } from '../../../src/connectors/google-reviews/env.js';
import { createGoogleReviewsConnector } from '../../../src/connectors/google-reviews/google-reviews-connector.js';
import { manualClock } from '../../helpers/clock.js';
import type { TConnectorHarness } from '../contract.js';
import { pollHarness } from '../poll-harness.js';
import { startFakeGoogleReviews } from '../fakes/google-reviews.js';

export const GBP = { clientId: '987-gbp.apps.googleusercontent.com', clientSecret: 'GOCSPX-gbp-client-secret', refreshToken: '1//0g-gbp-refresh-token-secret', accountId: '1234567890' };

export async function googleReviewsWorld(extraEnv: Record<string, string> = {}) {
  const clock = manualClock();
  const fake = await startFakeGoogleReviews({ ...GBP, now: clock.now });
  const env = ZGoogleReviewsEnv.parse({
    GOOGLE_REVIEWS_API_URL: fake.url,
    GOOGLE_REVIEWS_TOKEN_URL: fake.tokenUrl,
    GOOGLE_REVIEWS_CLIENT_ID: GBP.clientId,
    GOOGLE_REVIEWS_CLIENT_SECRET: GBP.clientSecret,
    GOOGLE_REVIEWS_REFRESH_TOKEN: GBP.refreshToken,
    GOOGLE_REVIEWS_ACCOUNT_ID: GBP.accountId,
    GOOGLE_REVIEWS_LOCATION_IDS: '111,222',
    ...extraEnv,
  });
  const make = () => createGoogleReviewsConnector(env, { fetch, now: clock.now });
  return { clock, fake, env, make, connector: make() };
}

export async function googleReviewsHarness(): Promise<TConnectorHarness> {
  const { clock, fake, connector } = await googleReviewsWorld();
  return pollHarness({
    connector,
    clock,
    fake,
    publish: (post) => fake.publishReview({ location: '111', reviewer: post.authorHandle, stars: 'TWO', comment: post.text }).name,
    replies: (idOf) => fake.replies.map((r) => ({ inReplyTo: idOf(r.name) ?? r.name, text: r.comment, private: false })),
    secrets: [GBP.clientSecret, GBP.refreshToken],
  });
}
