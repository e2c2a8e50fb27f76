import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/config-error.js';
import { loadMastodonEnv } from '../../../src/connectors/mastodon/env.js';
import { htmlToText } from '../../../src/connectors/mastodon/html-text.js';
import { PermanentError, RetryableError } from '../../../src/outbox/outbox-errors.js';
import { runConnectorContract } from '../contract.js';
import { targetFromMention } from '../fakes/reply-target.js';
import { MASTODON_TOKEN, mastodonHarness, mastodonWorld } from './harness.js';

runConnectorContract('mastodon', mastodonHarness);

describe('mastodon specifics', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  async function world(env: Record<string, string> = {}) {
    const w = await mastodonWorld(env);
    close = w.fake.close;
    return w;
  }

  it('normalises author reach, thread parent, url and hostile HTML', async () => {
    const w = await world();
    const parent = w.fake.publishMention({ acct: 'ann', content: '<p>first</p>' });
    w.clock.advance(1000);
    const s = w.fake.publishMention({
      acct: 'jane@other.example',
      followers: 5400,
      inReplyToId: parent.id,
      spoiler: 'CW: rant',
      content:
        '<p><span class="h-card"><a href="https://social.example/@acme" class="u-url mention">@<span>acme</span></a></span> broken &amp; late<br>&lt;script&gt;alert(1)&lt;/script&gt; <script>x()</script>&#x1F600; &#0; &amp;lt;</p><p>2nd</p>',
    });
    const { mentions } = await w.connector.pollers![0]!.poll(null, { now: w.clock.now() });
    const m = mentions.find((x) => x.externalId === s.id)!;
    expect(m.author).toMatchObject({ handle: 'jane@other.example', followers: 5400, externalId: expect.any(String), profileUrl: 'https://other.example/@jane' });
    expect(m.inReplyTo).toBe(parent.id);
    expect(m.url).toBe(s.url);
    expect(m.text).toBe('CW: rant\n\n@acme broken & late\n<script>alert(1)</script> x()😀 \uFFFD &lt;\n\n2nd');
    expect(mentions.find((x) => x.externalId === parent.id)!.author.handle).toMatch(/^ann@127\.0\.0\.1:\d+$/);
  });

  it('strips tags in linear time even from pathological markup', () => {
    const evil = '<'.repeat(50_000) + 'a'.repeat(50_000) + '<p' + ' x'.repeat(50_000);
    const t0 = performance.now();
    const out = htmlToText(evil);
    expect(performance.now() - t0).toBeLessThan(500);
    // HTML5 reads a "<" that starts no tag as text; the last one starts a tag ("<aaa…") that never ends, so it and
    // everything after it are dropped.
    expect(out).toBe('<'.repeat(49_999));
  });

  it('turns real Mastodon status HTML into the text people wrote', () => {
    // As Mastodon 4 renders status.content: mention h-cards, hashtag links, links with hidden parts, paragraphs.
    const content =
      '<p><span class="h-card" translate="no"><a href="https://mastodon.social/@acme" class="u-url mention">@<span>acme</span></a></span> ' +
      'your app crashed again&hellip; caf&eacute; wifi or not, it&#39;s the 3rd time today 😤 :blobcatangry:<br />' +
      'see <a href="https://status.acme.example/incidents/2026-11-22-login-outage" target="_blank" rel="nofollow noopener" translate="no">' +
      '<span class="invisible">https://</span><span class="ellipsis">status.acme.example/incidents/</span>' +
      '<span class="invisible">2026-11-22-login-outage</span></a></p>' +
      '<p><a href="https://mastodon.social/tags/AcmeDown" class="mention hashtag" rel="tag">#<span>AcmeDown</span></a> ' +
      '<a href="https://mastodon.social/tags/fail" class="mention hashtag" rel="tag">#<span>fail</span></a> &mdash; &quot;fix it&quot; &lt;3 &amp; thanks</p>';
    expect(htmlToText(content)).toBe(
      "@acme your app crashed again… café wifi or not, it's the 3rd time today 😤 :blobcatangry:\n" +
        'see https://status.acme.example/incidents/2026-11-22-login-outage\n\n' +
        '#AcmeDown #fail — "fix it" <3 & thanks',
    );
  });

  it('keeps list items and quotes on lines of their own (remote servers send richer HTML)', () => {
    expect(htmlToText('<p>Steps:</p><ul><li>open app</li><li>tap &laquo;login&raquo;</li></ul><blockquote><p>quoted</p></blockquote><p>end</p>')).toBe(
      'Steps:\n\nopen app\ntap «login»\n\nquoted\n\nend',
    );
  });

  it('asks only for mentions, and resumes after a restart past a full page without repeats or gaps', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'early', content: '<p>before</p>' });
    const first = await w.connector.pollers![0]!.poll(null, { now: w.clock.now() });
    expect(first.mentions).toHaveLength(1);
    w.fake.publishFavourite('fan');
    const published = [];
    for (let i = 0; i < 95; i++) {
      w.clock.advance(1000);
      published.push(w.fake.publishMention({ acct: `u${i}`, content: `<p>n${i}</p>` }).id);
    }
    const restarted = w.make();
    const second = await restarted.pollers![0]!.poll(first.cursor, { now: w.clock.now() });
    expect(second.mentions.map((m) => m.externalId)).toEqual(published);
    const third = await w.make().pollers![0]!.poll(second.cursor, { now: w.clock.now() });
    expect(third.mentions).toEqual([]);
    const calls = w.fake.requests.filter((r) => r.path === '/api/v1/notifications');
    expect(calls.every((r) => r.query.getAll('types[]').join() === 'mention')).toBe(true);
    expect(calls.length).toBeGreaterThanOrEqual(4); // 95 new items need three 40-item pages and an empty one
  });

  it('first run without a cursor ignores history older than a day', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'old', content: '<p>ancient</p>' });
    w.clock.advance(2 * 24 * 3600 * 1000);
    const { mentions, cursor } = await w.connector.pollers![0]!.poll(null, { now: w.clock.now() });
    expect(mentions).toEqual([]);
    expect(cursor).toBeTruthy();
  });

  it('replies in the thread, mentioning the author, never more public than the mention, with an Idempotency-Key', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'dm@other.example', content: '<p>psst @acme</p>', visibility: 'direct' });
    const [m] = (await w.connector.pollers![0]!.poll(null, { now: w.clock.now() })).mentions;
    const sent = await w.connector.reply(targetFromMention(m!), 'Thanks, looking into it', { idempotencyKey: 'idem-1' });
    expect(w.fake.posted).toEqual([{ id: sent.externalId, status: '@dm@other.example Thanks, looking into it', in_reply_to_id: m!.externalId, visibility: 'direct', idempotencyKey: 'idem-1' }]);
    expect(sent.url).toMatch(/^https:\/\/social\.example\/@acme\//);
    const again = await w.connector.reply(targetFromMention(m!), 'Thanks, looking into it', { idempotencyKey: 'idem-1' });
    expect(again.externalId).toBe(sent.externalId);
    expect(w.fake.posted).toHaveLength(1);
  });

  it('counts length the way Mastodon does: URLs as 23, remote mentions by their local part', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'jane@a-very-long-instance-name.example', content: '<p>hi</p>' });
    const [m] = (await w.connector.pollers![0]!.poll(null, { now: w.clock.now() })).mentions;
    const text = `${'a'.repeat(450)} https://example.com/${'x'.repeat(200)}`; // 450 + 1 + 23, plus "@jane " = 480
    await expect(w.connector.reply(targetFromMention(m!), text, { idempotencyKey: 'k' })).resolves.toBeTruthy();
    const err = await w.connector.reply(targetFromMention(m!), 'b'.repeat(495), { idempotencyKey: 'k2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as Error).message).toBe('Mastodon allows 500 characters; this reply has 501 (counting the @mention Earshot adds so the person is notified). Shorten it by 1.');
  });

  it('backs off until X-RateLimit-Reset (an ISO time)', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'ann', content: '<p>hi</p>' });
    const [m] = (await w.connector.pollers![0]!.poll(null, { now: w.clock.now() })).mentions;
    w.fake.failNextWrite('rate_limited');
    const err = (await w.connector.reply(targetFromMention(m!), 'ok', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    // the clock is at 10:00:00 and the fake's 5-minute window ends at 10:05:00
    expect(err.retryAfterMs).toBe(Date.parse('2026-11-23T10:05:00Z') - w.clock.now().getTime());
  });

  it('holds off before the next call once X-RateLimit-Remaining reaches 0', async () => {
    const w = await world();
    w.fake.publishMention({ acct: 'ann', content: '<p>hi</p>' });
    w.fake.exhaust();
    const [m] = (await w.connector.pollers![0]!.poll(null, { now: w.clock.now() })).mentions;
    const before = w.fake.requests.length;
    const err = (await w.connector.reply(targetFromMention(m!), 'ok', { idempotencyKey: 'k' }).catch((e: unknown) => e)) as RetryableError;
    expect(err).toBeInstanceOf(RetryableError);
    expect(err.retryAfterMs).toBe(5 * 60_000);
    expect(w.fake.requests.length).toBe(before);
  });

  it('follows brand hashtags, leaving out the brand account\'s own posts', async () => {
    const w = await world({ MASTODON_HASHTAGS: 'AcmeSupport' });
    expect(w.connector.pollers!.map((p) => [p.stream, p.schedule])).toEqual([
      ['notifications', '* * * * *'],
      ['tag:acmesupport', '*/5 * * * *'],
    ]);
    w.fake.publishTagged({ acct: 'kim', content: '<p>#AcmeSupport why</p>', tag: 'AcmeSupport' });
    w.fake.publishTagged({ acct: 'x', content: '<p>#AcmeSupport news</p>', tag: 'AcmeSupport', asBrand: true });
    const { mentions } = await w.connector.pollers![1]!.poll(null, { now: w.clock.now() });
    expect(mentions.map((m) => m.text)).toEqual(['#AcmeSupport why']);
  });

  it('is off without its variables and names bad ones without echoing values', () => {
    expect(loadMastodonEnv({})).toBeNull();
    let err: unknown;
    try {
      loadMastodonEnv({ MASTODON_ACCESS_TOKEN: 'short-secret', MASTODON_HASHTAGS: '#acme', MASTODON_POLL_CRON: 'often' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const v of ['MASTODON_INSTANCE_URL', 'MASTODON_ACCESS_TOKEN', 'MASTODON_HASHTAGS', 'MASTODON_POLL_CRON']) expect(msg).toContain(v);
    expect(msg).not.toContain('short-secret');
    expect(loadMastodonEnv({ MASTODON_INSTANCE_URL: 'https://m.example', MASTODON_ACCESS_TOKEN: MASTODON_TOKEN })).toMatchObject({ MASTODON_MAX_CHARACTERS: 500, MASTODON_HASHTAGS: [] });
  });
});
