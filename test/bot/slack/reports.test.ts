import { describe, expect, it } from 'vitest';
import { enqueue } from '../../../src/outbox/enqueue.js';
import { selected, startSlackHarness, USERS } from './harness.js';

const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

describe('Slack reports', () => {
  it('/social stats acks at once, then answers through response_url with the numbers', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    await h.ingestCase({ text: 'Love the new app, thanks team!', author: { handle: 'fan' } });
    await h.click(USERS.tom, 'case.claim', caseId, card);
    const res = await h.command(USERS.tom, 'stats social-care today');
    expect(res.body!.text).toContain('Crunching');
    const answer = h.slack.responses.at(-1)!.body;
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const json = JSON.stringify(answer.blocks);
    expect(json).toContain('Stats for social-care');
    expect(json).toMatch(/Cases\*\\n2/);
    expect(json).toContain('Response rate');
    expect(json).toContain('First response');
    expect(json).toMatch(/\d+% met|– met|— met/);
    expect(json).toContain('open');
  });

  it('/social stats with a bad team or period explains what it accepts', async () => {
    const h = await startSlackHarness();
    await h.command(USERS.tom, 'stats nosuchteam 7d');
    expect(JSON.stringify(h.slack.responses.at(-1)!.body)).toContain('Unknown team');
    await h.command(USERS.tom, 'stats all fortnight');
    expect(JSON.stringify(h.slack.responses.at(-1)!.body)).toContain('Unknown period');
  });

  it('sends a manager the daily digest as a DM with the hourly chart', async () => {
    const h = await startSlackHarness();
    await h.ingestCase({ text: SERVICE });
    h.clock.advance(24 * 3600_000);
    await h.db.$transaction((tx) =>
      enqueue(tx, { kind: 'digest.send', memberId: 'priya', date: '2026-11-23' }, { destination: 'member:priya', idempotencyKey: 'digest:priya:2026-11-23', now: h.clock.now() }),
    );
    await h.drain();
    const dm = h.slack.messages.find((m) => m.channel.startsWith('D'))!;
    expect(dm.channel).toBe('D07PRIYA01');
    const json = JSON.stringify(dm.blocks);
    expect(json).toContain('Daily digest');
    expect(json).toContain('SLA breaches');
    expect(h.slack.files).toHaveLength(1);
    expect(h.slack.files[0]!.channel).toBe('D07PRIYA01');
    expect(h.slack.files[0]!.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('/social stats and the daily digest show how often staff agreed with triage this week, per field', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    await h.ingestCase({ text: SERVICE, author: { handle: 'second' } });
    const before = await h.db.case.findUniqueOrThrow({ where: { id: caseId } });
    await h.choose(USERS.tom, `correct:${caseId}`, card);
    await h.submit(USERS.tom, h.lastView().id, {
      correct_sentiment: { sentiment: selected(before.sentiment) }, correct_complaint: { complaint: selected('yes') }, correct_category: { category: selected('outage') },
      correct_decision: { decision: selected(before.decision) }, correct_team: { team: selected('social-care') },
    });
    await h.command(USERS.tom, 'stats social-care today');
    const stats = JSON.stringify(h.slack.responses.at(-1)!.body.blocks);
    expect(stats).toContain('Staff agreed (7 days)');
    expect(stats).toContain('50% (1 of 2 corrected) · sentiment 100% · complaint 100% · category 50% · decision 100% · team 100%');

    h.clock.advance(24 * 3600_000);
    await h.db.$transaction((tx) =>
      enqueue(tx, { kind: 'digest.send', memberId: 'priya', date: '2026-11-23' }, { destination: 'member:priya', idempotencyKey: 'digest:priya:2026-11-23', now: h.clock.now() }),
    );
    await h.drain();
    const digest = JSON.stringify(h.slack.messages.find((m) => m.channel.startsWith('D'))!.blocks);
    expect(digest).toContain('Staff agreed with triage (7 days)');
    expect(digest).toContain('50% (1 of 2 corrected)');
  });
});
