import { expect, it } from 'vitest';
import { startSlackHarness, text, USERS, type TSlackTransportName } from './harness.js';

const OUTAGE = 'my broadband has been down since 8am and nobody answers the phone, I want a refund';
const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

/**
 * What every way Slack reaches Earshot (signed HTTP, Socket Mode) must do alike: the same handlers run, the same
 * state changes, the same answers come back in the ack. Each transport's test file runs this suite.
 */
export function slackTransportContract(transport: TSlackTransportName): void {
  const start = () => startSlackHarness({ transport });

  it('a card button click claims the case, updates the card in place and logs in its thread', async () => {
    const h = await start();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    expect((await h.click(USERS.ana, 'case.claim', caseId, card)).status).toBe(200);
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).assignee).toBe('ana');
    expect(card.updates).toBe(1);
    expect(h.cardText(card)).toContain('Claimed by <@U07ANA0001>');
    expect(h.threadOf(card).map((m) => m.text)).toEqual([expect.stringContaining('Ana Lima claimed the case')]);
  });

  it('a refused click is told only to the person who clicked', async () => {
    const h = await start();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    await h.click(USERS.stranger, 'case.claim', caseId, card);
    expect(h.slack.ephemerals).toEqual([{ channel: card.channel, user: USERS.stranger, text: expect.stringContaining('slackUserId: U0STRANGER') }]);
    expect(card.updates).toBe(0);
  });

  it('/social help is answered in the ack itself', async () => {
    const h = await start();
    const res = await h.command(USERS.tom, 'help');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/social stats [team|all] [today|7d|30d]') });
  });

  it('/social stats acks at once, then posts the numbers to response_url', async () => {
    const h = await start();
    await h.ingestCase({ text: OUTAGE });
    const res = await h.command(USERS.tom, 'stats all today');
    expect(res.body!.text).toContain('Crunching');
    expect(h.slack.responses).toHaveLength(1);
    expect(h.slack.responses[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(h.slack.responses[0]!.body)).toContain('Response rate');
  });

  it('a modal submission that breaks a rule is answered with field errors in the ack; nothing is sent', async () => {
    const h = await start();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    await h.click(USERS.tom, 'case.reply', caseId, card);
    const sub = await h.submit(USERS.tom, h.lastView().id, { 'reply_text:0': { 'reply.text': text('x'.repeat(300)) } });
    expect(sub.body).toEqual({ response_action: 'errors', errors: { 'reply_text:0': expect.stringContaining('X allows 280 characters; this reply has 300') } });
    expect(h.platform.sent).toEqual([]);
    expect(await h.db.reply.count()).toBe(0);
  });

  it('a reply submitted from the modal goes out in-media', async () => {
    const h = await start();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    await h.click(USERS.tom, 'case.reply', caseId, card);
    const sub = await h.submit(USERS.tom, h.lastView().id, { 'reply_text:0': { 'reply.text': text('Hi, sorry! Engineers are on it.') } });
    expect(sub.status).toBe(200);
    expect(h.platform.sent).toEqual([{ inReplyTo: expect.any(String), text: 'Hi, sorry! Engineers are on it.', private: false }]);
  });

  it('a thread message becomes an internal note once, even when Slack redelivers it, and never reaches the customer', async () => {
    const h = await start();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    const event = { type: 'event_callback', event_id: 'Ev-contract-1', team_id: 'T0EARSHOT', event: { type: 'message', channel: card.channel, user: USERS.ana, text: 'I think this is the Leeds outage', ts: '1800000000.000200', thread_ts: card.ts } };
    expect((await h.event(event)).status).toBe(200);
    expect((await h.event(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await h.drain();
    const notes = (await h.db.caseEvent.findMany({ where: { caseId, action: 'note' } })).map((e) => JSON.parse(e.payload).text);
    expect(notes).toEqual(['I think this is the Leeds outage']);
    expect(h.platform.sent).toEqual([]);
    expect(h.threadOf(card)).toEqual([]);
  });
}
