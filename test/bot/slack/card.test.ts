import { describe, expect, it } from 'vitest';
import { claimDueItems } from '../../../src/outbox/claim-due-items.js';
import { mention } from '../../helpers/mentions.js';
import { FAKE_BOT_TOKEN } from './fake-slack-api.js';
import { SOCIAL_CHANNEL, startSlackHarness, USERS } from './harness.js';

describe('Slack case card', () => {
  it('posts a card for a new case into the owning team channel with every action', async () => {
    const h = await startSlackHarness();
    const { card } = await h.ingestCase({ text: '@acmebroadband I was double charged on my bill this month, nobody answers', author: { handle: 'jane_doe', displayName: 'Jane Doe', followers: 12_300, verified: true } });
    expect(card.channel).toBe('C07BILLING1');
    const json = h.cardText(card);
    expect(json).toContain('Jane Doe');
    expect(json).toContain('12.3k followers');
    expect(json).toContain('verified');
    expect(json).toContain('double charged');
    expect(json).toContain('<!date^');
    for (const label of ['Claim', 'Reply', 'Monitor only', 'Move offline', 'Resolve', 'Reassign to team…', 'Escalate', 'Mark spam', 'View history']) expect(json).toContain(label);
    const row = await h.db.chatMessage.findFirst({ where: { surface: 'slack', kind: 'card' } });
    expect(row).toMatchObject({ channel: 'C07BILLING1', messageId: card.ts });
  });

  it('says first when triage is unsure, and shows its calibrated confidence beside the decision', async () => {
    const h = await startSlackHarness();
    const { card } = await h.ingestCase({ text: '@acmebroadband wow amazing service as always 🙄' });
    expect(card.blocks[0]).toMatchObject({ block_id: expect.stringMatching(/:unsure$/), text: { text: ':grey_question: *Unsure:* Tone unclear — may be sarcastic; read it before replying.' } });
    const triageLine = JSON.stringify(card.blocks.find((b) => String(b.block_id).endsWith(':triage')));
    expect(triageLine).toMatch(/Confidence \*\d{1,3}%\* \(fast engine\)/);
    // Said once, where it belongs: not repeated among the reasons.
    const why = JSON.stringify(card.blocks.find((b) => String(b.block_id).endsWith(':why')));
    expect(why).not.toMatch(/Unsure:|Confidence:/);
    const sure = await h.ingestCase({ text: '@acmebroadband I was double charged on my bill this month, nobody answers', author: { handle: 'other' } });
    expect(String(sure.card.blocks[0]!.block_id)).toMatch(/:head$/);
  });

  it('renders hostile text literally: no channel pings, user mentions or disguised links', async () => {
    const h = await startSlackHarness();
    const hostile = '<!channel> <!here> <!everyone> hey <@U07PRIYA01> see <#C07SOCIAL01> and <http://evil.example|your bank> & more';
    const { card } = await h.ingestCase({ text: hostile, author: { handle: 'x<!here>', displayName: '<!channel> Troll' } });
    const json = h.cardText(card);
    for (const seq of ['<!channel>', '<!here>', '<!everyone>', '<@U07PRIYA01>', '<#C07SOCIAL01>', '<http://evil.example|']) expect(json).not.toContain(seq);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&lt;http://evil.example|your bank&gt; &amp; more');
    expect(card.text).not.toMatch(/<!|<@|<#/);
  });

  it('truncates very long posts within Block Kit limits (the fake rejects anything over)', async () => {
    const h = await startSlackHarness();
    const long = `${'&<>'.repeat(2000)} ${'word '.repeat(3000)}`;
    const { card } = await h.ingestCase({ text: long, author: { displayName: 'é'.repeat(600) } });
    expect(card).toBeDefined();
    const post = card.blocks.find((b) => String(b.block_id).endsWith(':post')) as { text: { text: string } };
    expect(post.text.text.length).toBeLessThanOrEqual(3000);
    expect(post.text.text).toMatch(/…$/);
    expect(post.text.text).not.toMatch(/&(a|am|l|g)?$/);
  });

  it('keeps a card that Slack refuses in the outbox and shows it in /metrics', async () => {
    const h = await startSlackHarness();
    h.slack.failNext('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    await h.ingestCase({ text: 'my router keeps dropping the connection every hour' });
    const dead = await h.db.outboxItem.findMany({ where: { status: 'dead' } });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.lastError).toContain('not_in_channel');
    expect(dead[0]!.lastError).toContain('invite the Earshot app');
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/earshot_outbox_dead_letters\S* 1/);
    // Timed by destination kind, never by channel id.
    expect(metrics).toMatch(/^earshot_outbox_send_duration_seconds_count\{destination="slack",outcome="dead"\} 1$/m);
    expect(metrics).not.toMatch(/^earshot_outbox_delivery_latency_seconds_count\{destination="slack"\}/m);
    expect(metrics).not.toContain('C07');
  });

  it('times each delivery by destination kind in /metrics: the fan-out step, then the Slack post', async () => {
    const h = await startSlackHarness();
    h.slack.failNext('chat.postMessage', { status: 500, body: { ok: false, error: 'internal_error' } });
    await h.ingestCase({ text: 'my router keeps dropping the connection every hour' });
    await h.ingestCase({ text: 'is there an outage in Leeds? everything is down', author: { handle: 'leeds_lou' } });
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(/^earshot_outbox_send_duration_seconds_count\{destination="fanout",outcome="delivered"\} [2-9]$/m);
    expect(metrics).toMatch(/^earshot_outbox_send_duration_seconds_count\{destination="slack",outcome="retry"\} 1$/m);
    expect(metrics).toMatch(/^earshot_outbox_send_duration_seconds_count\{destination="slack",outcome="delivered"\} [2-9]$/m);
    expect(metrics).toMatch(/^earshot_outbox_delivery_latency_seconds_count\{destination="slack"\} [2-9]$/m);
    // The retried card waited out its backoff (at least half a second) on the harness clock; the other went at once.
    const fast = Number(/^earshot_outbox_delivery_latency_seconds_bucket\{le="0.5",destination="slack"\} (\d+)$/m.exec(metrics)?.[1]);
    const all = Number(/^earshot_outbox_delivery_latency_seconds_count\{destination="slack"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(fast).toBeLessThan(all);
    expect(fast).toBeGreaterThan(0);
  });

  it('waits out a 429 with Retry-After and then posts the card once', async () => {
    const h = await startSlackHarness();
    h.slack.rateLimitNext('chat.postMessage', 7);
    const start = h.clock.now().getTime();
    const { card } = await h.ingestCase({ text: 'is there an outage in Leeds? everything is down' });
    expect(card).toBeDefined();
    expect(h.slack.messages.filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(h.clock.now().getTime() - start).toBeGreaterThanOrEqual(7000);
    // A 429 is a definite "not posted": the retry posts at once, without searching the channel for a lost card.
    expect(h.slack.calls.filter((c) => c.method === 'conversations.history')).toEqual([]);
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
  });

  it('after a 429 following a lost answer, still looks for the card the lost attempt may have posted', async () => {
    const h = await startSlackHarness();
    h.slack.failNext('chat.postMessage', { status: 503, body: { ok: false, error: 'service_unavailable' } });
    h.slack.rateLimitNext('chat.postMessage', 2);
    await h.ingestCase({ text: 'is there an outage in Leeds? everything is down' });
    expect(h.slack.messages.filter((m) => !m.thread_ts)).toHaveLength(1);
    // Both retries after the 503 looked (the 429 in between proves nothing about the first attempt).
    expect(h.slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(2);
  });

  it('does not post a card twice when Slack took the post but its answer was lost', async () => {
    const h = await startSlackHarness();
    h.slack.loseNextAnswer('chat.postMessage');
    const { caseId, card } = await h.ingestCase({ text: 'is there an outage in Leeds? everything is down' });
    // The retry found the card the lost attempt posted, refreshed it and recorded it as the case's card.
    expect(h.slack.messages.filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(h.slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(1);
    expect(card.updates).toBe(1);
    const recorded = await h.db.chatMessage.findMany({ where: { caseId, kind: 'card' } });
    expect(recorded.map((m) => m.messageId)).toEqual([card.ts]);
    // Later actions update that card rather than a phantom one.
    await h.click(USERS.ana, 'case.claim', caseId, card);
    expect(card.updates).toBe(2);
    expect(h.cardText(card)).toContain('Claimed by <@U07ANA0001>');
  });

  it('does not post a card twice when the process that posted it died before recording it', async () => {
    const h = await startSlackHarness();
    const { caseId } = await h.earshot.ingest(mention({ text: 'my bill doubled this month and nobody answers', author: { handle: 'jo' } }));
    // The card.post notice fans out into a chat.deliver item for Slack.
    await h.earshot.dispatcher.runOnce();
    const leased = await claimDueItems(h.db, { kinds: ['chat.deliver'], now: h.clock.now(), owner: 'process-that-dies', leaseMs: 60_000, limit: 10, admit: async () => 0 });
    expect(leased).toHaveLength(1);
    // That process got its card into Slack, then died before writing down the ts.
    const res = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FAKE_BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C07BILLING1', text: 'card', blocks: [{ type: 'section', block_id: `case:${caseId}:head`, text: { type: 'mrkdwn', text: 'card' } }] }),
    });
    const posted = (await res.json()) as { ts: string };
    // Its lease lapses; this process takes the item over, finds that card and makes it whole instead of posting again.
    h.clock.advance(61_000);
    await h.drain();
    const cards = h.slack.messages.filter((m) => !m.thread_ts);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.ts).toBe(posted.ts);
    expect(h.cardText(cards[0]!)).toContain('Claim');
    expect((await h.db.chatMessage.findMany({ where: { caseId: caseId!, kind: 'card' } })).map((m) => m.messageId)).toEqual([posted.ts]);
  });

  it('posts to the social-care channel by default', async () => {
    const h = await startSlackHarness();
    const { card } = await h.ingestCase({ text: 'How do I change my wifi password?' });
    expect([SOCIAL_CHANNEL, 'C07NETOPS01']).toContain(card.channel);
  });
});
