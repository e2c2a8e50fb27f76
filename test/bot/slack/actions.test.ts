import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/outbox/outbox-errors.js';
import { startSlackHarness, USERS, text, selected } from './harness.js';

const OUTAGE = 'my broadband has been down since 8am and nobody answers the phone, I want a refund';
/** Routes to social-care, where tom and lena work. */
const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

describe('Slack card actions', () => {
  it('Claim updates the same card in place and logs itself in the thread', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    const res = await h.click(USERS.ana, 'case.claim', caseId, card);
    expect(res.status).toBe(200);
    expect(card.updates).toBe(1);
    const json = h.cardText(card);
    expect(json).toContain('Claimed by <@U07ANA0001>');
    expect(json).not.toContain('"action_id":"case.claim"');
    const thread = h.threadOf(card);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.text).toContain('Ana Lima claimed the case');
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).assignee).toBe('ana');
  });

  it('a second claim by someone else gets an ephemeral conflict naming the owner as a mention; the card does not change', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    await h.click(USERS.ana, 'case.claim', caseId, card);
    await h.click(USERS.dev, 'case.claim', caseId, card);
    expect(card.updates).toBe(1);
    expect(h.slack.ephemerals).toEqual([{ channel: card.channel, user: USERS.dev, text: expect.stringContaining('Already claimed by <@U07ANA0001>.') }]);
  });

  it('asks Slack who the bot is once, not on every incoming request', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    for (const user of [USERS.ana, USERS.dev, USERS.tom, USERS.sam, USERS.stranger]) await h.click(user, 'case.claim', caseId, card);
    await h.command(USERS.priya, 'help');
    expect(h.slack.ephemerals).toHaveLength(4);
    expect(h.slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
  });

  it('viewers and strangers are told they cannot act', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: 'How do I change my wifi password please?' });
    await h.click(USERS.sam, 'case.resolve', caseId, card);
    await h.click(USERS.stranger, 'case.claim', caseId, card);
    expect(h.slack.ephemerals.map((e) => e.user)).toEqual([USERS.sam, USERS.stranger]);
    expect(h.slack.ephemerals[0]!.text).toContain('view-only');
    expect(h.slack.ephemerals[1]!.text).toContain('slackUserId: U0STRANGER');
    expect(card.updates).toBe(0);
  });

  it('Monitor only, Resolve and Reopen change the status line and the buttons', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    await h.click(USERS.ana, 'case.monitor', caseId, card);
    expect(h.cardText(card)).toContain('Monitoring only');
    await h.click(USERS.ana, 'case.resolve', caseId, card);
    expect(h.cardText(card)).toContain('Resolved by <@U07ANA0001>');
    expect(h.cardText(card)).toContain('"action_id":"case.reopen"');
    await h.click(USERS.ana, 'case.resolve', caseId, card);
    expect(h.slack.ephemerals.at(-1)!.text).toContain('resolved');
    await h.click(USERS.ana, 'case.reopen', caseId, card);
    expect(h.cardText(card)).toContain('"action_id":"case.resolve"');
    expect(h.threadOf(card).map((m) => m.text)).toEqual([
      expect.stringContaining('monitor only'),
      expect.stringContaining('resolved the case'),
      expect.stringContaining('reopened the case'),
    ]);
  });

  it('Reply opens a modal with the post, saved replies, the limit and a preview; submit posts in-media', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE, author: { displayName: 'Jane Doe' } });
    await h.click(USERS.tom, 'case.reply', caseId, card);
    const modal = h.lastView();
    const json = JSON.stringify(modal.view);
    expect(json).toContain('Reply on X');
    expect(json).toContain('X allows 280 characters');
    expect(json).toContain('Outage acknowledgement');
    expect(json).toContain('Send reply');
    // Choosing a saved reply fills the text with placeholders resolved, and the preview follows.
    await h.viewAction(USERS.tom, modal.id, { type: 'static_select', action_id: 'reply.saved', block_id: 'reply_saved', selected_option: { value: 'outage-ack' } }, {});
    const updated = JSON.stringify(h.slack.views.find((v) => v.id === modal.id)!.view);
    expect(updated).toContain("Hi Jane, sorry for the trouble.");
    expect(updated).toMatch(/Preview\* · \d+ \/ 280 characters/);
    const sub = await h.submit(USERS.tom, modal.id, { 'reply_text:1': { 'reply.text': text('Hi Jane, sorry! Engineers are on it.') } });
    expect(sub.status).toBe(200);
    expect(sub.body).toBeNull();
    expect(h.platform.sent).toEqual([{ inReplyTo: expect.any(String), text: 'Hi Jane, sorry! Engineers are on it.', private: false }]);
    const reply = await h.db.reply.findFirstOrThrow({ where: { caseId } });
    expect(reply).toMatchObject({ status: 'sent', platformReplyId: 'r1' });
    expect(h.cardText(card)).toContain('view it live');
    expect(h.cardText(card)).toContain('Claimed by <@U07TOM0001>');
  });

  it('members who need approval submit for approval; approvers approve in the thread and the reply goes out', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: 'How do I change my wifi password please?' });
    await h.click(USERS.lena, 'case.reply', caseId, card);
    expect(JSON.stringify(h.lastView().view)).toContain('Submit for approval');
    await h.submit(USERS.lena, h.lastView().id, { 'reply_text:0': { 'reply.text': text('Hi! Open the app > Wifi > Password.') } });
    expect(h.platform.sent).toEqual([]);
    const approval = h.threadOf(card).find((m) => JSON.stringify(m.blocks).includes('reply.approve'))!;
    expect(approval.text).toContain('approval needed');
    expect(JSON.stringify(approval.blocks)).toContain('<@U07PRIYA01>');
    expect(JSON.stringify(approval.blocks)).toContain('Open the app &gt; Wifi');
    // Lena cannot approve her own reply; Tom is not an approver.
    const replyId = (await h.db.reply.findFirstOrThrow({ where: { caseId } })).id;
    await h.click(USERS.tom, 'reply.approve', replyId, { ...approval, thread_ts: card.ts });
    expect(h.slack.ephemerals.at(-1)!.text).toContain('Only approvers');
    await h.click(USERS.priya, 'reply.approve', replyId, { ...approval, thread_ts: card.ts });
    expect(h.platform.sent.map((s) => s.text)).toEqual(['Hi! Open the app > Wifi > Password.']);
    expect(JSON.stringify(approval.blocks)).toContain('Approved');
    expect(JSON.stringify(approval.blocks)).not.toContain('reply.approve');
    // A late second approval is a conflict, not a second post.
    await h.click(USERS.priya, 'reply.approve', replyId, { ...approval, thread_ts: card.ts });
    expect(h.slack.ephemerals.at(-1)!.text).toContain('already approved by <@U07PRIYA01>.');
    expect(h.platform.sent).toHaveLength(1);
  });

  it('approvers can edit before approving, or reject with a reason', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: 'How do I change my wifi password please?' });
    for (const draft of ['first draft', 'second draft']) {
      await h.click(USERS.lena, 'case.reply', caseId, card);
      await h.submit(USERS.lena, h.lastView().id, { 'reply_text:0': { 'reply.text': text(draft) } });
    }
    const [first, second] = await h.db.reply.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    await h.click(USERS.priya, 'reply.edit', first!.id, card);
    expect(JSON.stringify(h.lastView().view)).toContain('first draft');
    await h.submit(USERS.priya, h.lastView().id, { 'reply_text:0': { 'reply.text': text('edited by priya') } });
    await h.click(USERS.priya, 'reply.reject', second!.id, card);
    await h.submit(USERS.priya, h.lastView().id, { reason: { text: text('too casual') } });
    expect(h.platform.sent.map((s) => s.text)).toEqual(['edited by priya']);
    expect(await h.db.reply.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: 'rejected', lastError: 'too casual' });
    expect(h.threadOf(card).map((m) => m.text).join('\n')).toContain('rejected the reply');
  });

  it('a reply the platform refuses for good is reported in the thread to its author, text kept', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    h.platform.refuseWith(new PermanentError('X refused to reply to the post (HTTP 404): the post may have been deleted'));
    await h.click(USERS.tom, 'case.reply', caseId, card);
    await h.submit(USERS.tom, h.lastView().id, { 'reply_text:0': { 'reply.text': text('We are sorry about this') } });
    const failure = h.threadOf(card).find((m) => JSON.stringify(m.blocks).includes('could not post'))!;
    expect(JSON.stringify(failure.blocks)).toContain('<@U07TOM0001>');
    expect(JSON.stringify(failure.blocks)).toContain('We are sorry about this');
    expect(h.cardText(card)).toContain('could not be posted');
    expect(await h.db.reply.findFirstOrThrow({ where: { caseId } })).toMatchObject({ status: 'failed', text: 'We are sorry about this' });
  });

  it('Move offline: acknowledgement in-media, private message, due time, and the card says so', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE, author: { displayName: 'Jane Doe' } });
    await h.click(USERS.tom, 'case.offline', caseId, card);
    const modal = h.lastView();
    const json = JSON.stringify(modal.view);
    expect(json).toContain('Private message on X');
    expect(json).toContain('Hi Jane');
    const due = Math.floor(h.clock.now().getTime() / 1000) + 48 * 3600;
    const sub = await h.submit(USERS.tom, modal.id, {
      offline_channel: { channel: { type: 'radio_buttons', selected_option: { value: 'dm' } } },
      offline_ack: { text: text('Sorry Jane, we have sent you a DM.') },
      offline_private: { text: text('Could you share your account number?') },
      offline_due: { due: { type: 'datetimepicker', selected_date_time: due } },
      offline_note: { text: text('') },
    });
    expect(sub.body).toBeNull();
    expect(h.platform.sent).toEqual([
      { inReplyTo: expect.any(String), text: 'Sorry Jane, we have sent you a DM.', private: false },
      { inReplyTo: expect.any(String), text: 'Could you share your account number?', private: true },
    ]);
    expect(h.cardText(card)).toContain('Taken offline by dm');
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).followUpDueAt?.getTime()).toBe(due * 1000);
  });

  it('Move offline on a platform without DMs explains why and offers email or phone only', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ platform: 'youtube', text: SERVICE });
    await h.click(USERS.tom, 'case.offline', caseId, card);
    const json = JSON.stringify(h.lastView().view);
    expect(json).not.toContain('"value":"dm"');
    expect(json).toContain('YouTube is not connected');
    const sub = await h.submit(USERS.tom, h.lastView().id, {
      offline_channel: { channel: { type: 'radio_buttons', selected_option: { value: 'email' } } },
      offline_ack: { text: text('') },
      offline_due: { due: { type: 'datetimepicker', selected_date_time: Math.floor(h.clock.now().getTime() / 1000) - 60 } },
    });
    expect(sub.body).toEqual({ response_action: 'errors', errors: { offline_due: expect.stringContaining('must be in the future') } });
  });

  it('overflow: reassign posts a card in the new team, escalate alerts managers, spam closes, history lists events', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: 'How do I change my wifi password please?' });
    await h.choose(USERS.tom, `reassign:${caseId}`, card);
    expect(JSON.stringify(h.lastView().view)).toContain('Network Operations');
    await h.submit(USERS.tom, h.lastView().id, { team: { team: selected('network-ops') }, reason: { text: text('router config') } });
    const moved = h.slack.messages.find((m) => m.channel === 'C07NETOPS01' && !m.thread_ts)!;
    expect(moved).toBeDefined();
    await h.choose(USERS.ana, `escalate:${caseId}`, moved);
    const esc = await h.submit(USERS.ana, h.lastView().id, { reason: { text: text('') } });
    expect(esc.body?.errors?.reason).toContain('Say why');
    await h.submit(USERS.ana, h.lastView().id, { reason: { text: text('customer is a journalist') } });
    const alert = h.threadOf(moved).find((m) => JSON.stringify(m.blocks).includes('was escalated'))!;
    expect(JSON.stringify(alert.blocks)).toContain('<@U07DEV0001>');
    expect(alert.reply_broadcast).toBe(true);
    await h.choose(USERS.ana, `spam:${caseId}`, moved);
    expect(h.cardText(moved)).toContain('Marked as spam');
    await h.choose(USERS.sam, `history:${caseId}`, moved);
    const history = JSON.stringify(h.lastView().view);
    for (const line of ['opened the case', 'reassigned the case from social-care to network-ops', 'escalated the case', 'marked the case as spam']) expect(history).toContain(line);
  });

  it('Correct triage from the overflow menu: current values pre-selected, the case and card updated in place, the audit names who and when, a new team gets the card', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    const before = await h.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(before).toMatchObject({ team: 'social-care', complaint: true });
    await h.choose(USERS.tom, `correct:${caseId}`, card);
    const modal = h.lastView();
    const initial = Object.fromEntries((modal.view.blocks as Record<string, any>[]).filter((b) => b.type === 'input').map((b) => [b.element.action_id, b.element.initial_option?.value]));
    expect(initial).toEqual({ sentiment: before.sentiment, complaint: 'yes', category: before.category, decision: before.decision, team: 'social-care' });
    // Nothing changed: said so under the field, nothing recorded.
    const same = await h.submit(USERS.tom, modal.id, Object.fromEntries(Object.entries(initial).map(([k, v]) => [`correct_${k}`, { [k]: selected(String(v)) }])));
    expect(same.body?.errors?.correct_team).toContain('nothing to correct');
    h.clock.advance(60_000);
    const at = h.clock.now();
    const saved = await h.submit(USERS.tom, modal.id, {
      correct_sentiment: { sentiment: selected('negative') }, correct_complaint: { complaint: selected('yes') }, correct_category: { category: selected('outage') },
      correct_decision: { decision: selected('escalate') }, correct_team: { team: selected('billing') },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toBeNull();
    expect(await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ category: 'outage', decision: 'escalate', team: 'billing', sentiment: 'negative' });
    const ev = await h.db.caseEvent.findFirstOrThrow({ where: { caseId, action: 'triage_corrected' } });
    expect(ev).toMatchObject({ actor: 'tom', at });
    expect(JSON.parse(ev.payload).changed).toMatchObject({ category: { from: before.category, to: 'outage' }, decision: { from: before.decision, to: 'escalate' }, team: { from: 'social-care', to: 'billing' } });
    // The card in place shows the corrected triage; the thread says who corrected what; billing gets a card of its own.
    expect(card.updates).toBeGreaterThan(0);
    expect(h.cardText(card)).toContain('Decision *Escalate*');
    const moved = h.slack.messages.find((m) => m.channel === 'C07BILLING1' && !m.thread_ts)!;
    expect(moved).toBeDefined();
    expect(h.cardText(moved)).toContain('Decision *Escalate*');
    expect(h.slack.messages.filter((m) => m.thread_ts).map((m) => m.text)).toContainEqual(expect.stringContaining('Tom Okafor corrected triage: category'));
    // Viewers cannot correct.
    await h.choose(USERS.sam, `correct:${caseId}`, card);
    expect(h.slack.ephemerals.at(-1)).toMatchObject({ user: USERS.sam, text: expect.stringMatching(/view-only/) });
  });
});

