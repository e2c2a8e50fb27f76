import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../../src/outbox/outbox-errors.js';
import { validateAdaptiveCard } from './adaptive-card-schema.js';
import { CHANNELS, dialogCard, startTeamsHarness } from './harness.js';

const OUTAGE = 'my broadband has been down since 8am and nobody answers the phone, I want a refund';
/** Routes to social-care, where tom and lena work. */
const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';
const QUESTION = 'How do I change my wifi password please?';

const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';

async function ready() {
  const h = await startTeamsHarness();
  await h.install();
  return h;
}

describe('Teams card actions (Action.Execute)', () => {
  it('the posted card says first when triage is unsure, and shows its calibrated confidence', async () => {
    const h = await ready();
    const { card } = await h.ingestCase({ text: '@acmebroadband wow amazing service as always 🙄' });
    const body = h.connector.cardOf(card).body as Record<string, any>[];
    expect(body[0]).toMatchObject({ type: 'TextBlock', color: 'Warning', text: '❔ **Unsure:** Tone unclear — may be sarcastic; read it before replying.' });
    const facts = (body.find((e) => e.type === 'FactSet')!.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]);
    expect(facts).toContainEqual(['Confidence', expect.stringMatching(/^\d{1,3}% \(fast engine\)$/)]);
    expect(h.cardJson(card)).not.toMatch(/Unsure:\s|Confidence:/);
  });
  it('Claim answers with the refreshed card in place, refreshes the channel copy and logs in the thread', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    // network-ops' channel was never installed on its own: the team installation's reference carries the post.
    expect(card.channel).toBe(CHANNELS.netOps);
    const res = await h.execute('ana', 'case.claim', { caseId }, card);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_RESPONSE });
    const answered = JSON.stringify(res.body!.value);
    expect(answered).toContain('Claimed by <at>Ana Lima</at>');
    expect(answered).not.toContain('"verb":"case.claim"');
    expect(validateAdaptiveCard(res.body!.value)).toEqual([]);
    expect(card.updates).toBe(1);
    expect(h.cardJson(card)).toContain('Claimed by <at>Ana Lima</at>');
    const thread = h.threadOf(card);
    expect(thread).toHaveLength(1);
    expect(JSON.stringify(thread[0]!.activity)).toContain('**Ana Lima** claimed the case');
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).assignee).toBe('ana');
  });

  it('a second claim by someone else gets a message naming the owner, for the clicker only; the card does not change', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    await h.execute('ana', 'case.claim', { caseId }, card);
    const res = await h.execute('dev', 'case.claim', { caseId }, card);
    expect(res.body).toEqual({ statusCode: 200, type: MESSAGE_RESPONSE, value: expect.stringContaining('Already claimed by Ana Lima.') });
    expect(card.updates).toBe(1);
  });

  it('viewers and people outside the org chart are told they cannot act', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    const viewer = await h.execute('sam', 'case.resolve', { caseId }, card);
    const stranger = await h.execute('stranger', 'case.claim', { caseId }, card);
    expect(viewer.body!.value).toContain('view-only');
    expect(stranger.body!.value).toContain('teamsUserId: aad-stranger');
    expect(card.updates).toBe(0);
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe('new');
  });

  it('Monitor only, Resolve and Reopen change the status line and the buttons', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    await h.execute('ana', 'case.monitor', { caseId }, card);
    expect(h.cardJson(card)).toContain('Monitoring only');
    await h.execute('ana', 'case.resolve', { caseId }, card);
    expect(h.cardJson(card)).toContain('Resolved by <at>Ana Lima</at>');
    expect(h.cardJson(card)).toContain('"verb":"case.reopen"');
    const again = await h.execute('ana', 'case.resolve', { caseId }, card);
    expect(again.body).toMatchObject({ type: MESSAGE_RESPONSE, value: expect.stringContaining('resolved') });
    await h.execute('ana', 'case.reopen', { caseId }, card);
    expect(h.cardJson(card)).toContain('"verb":"case.resolve"');
    expect(h.threadOf(card).map((m) => JSON.stringify(m.activity))).toEqual([
      expect.stringContaining('monitor only'),
      expect.stringContaining('resolved the case'),
      expect.stringContaining('reopened the case'),
    ]);
  });

  it('Mark spam closes the case; viewers cannot', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    expect((await h.execute('sam', 'case.spam', { caseId }, card)).body!.value).toContain('view-only');
    const res = await h.execute('tom', 'case.spam', { caseId }, card);
    expect(JSON.stringify(res.body!.value)).toContain('Marked as spam');
    expect(h.cardJson(card)).toContain('Marked as spam');
  });
});

describe('Teams dialogs', () => {
  it('Reply opens a dialog with the post, saved replies, the limit and a preview; sending posts in-media', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: SERVICE, author: { displayName: 'Jane Doe' } });
    const opened = await h.fetchTask('tom', { verb: 'case.reply', caseId }, card);
    expect(opened.body!.task).toMatchObject({ type: 'continue', value: { title: 'Reply on X' } });
    const json = JSON.stringify(dialogCard(opened.body));
    for (const text of ['X allows 280 characters', 'Outage acknowledgement', 'Send reply']) expect(json).toContain(text);
    // The best saved reply for the post is already in the box, placeholders resolved (ranking: test/replies/ranking.test.ts).
    expect(json).toMatch(/"id":"text"[^}]*"value":"Hi Jane, /);
    expect(json).toContain('Pre-filled with the saved reply “');
    expect(validateAdaptiveCard(dialogCard(opened.body))).toEqual([]);
    // Choosing a saved reply fills the text with placeholders resolved, and the preview follows.
    const filled = await h.submitTask('tom', { verb: 'case.reply', caseId, intent: 'template', saved: 'outage-ack', text: '' });
    const filledJson = JSON.stringify(dialogCard(filled.body));
    expect(filledJson).toContain('"value":"Hi Jane, sorry for the trouble.');
    expect(filledJson).toMatch(/\*\*Preview\*\* · \d+ \/ 280 characters/);
    const preview = await h.submitTask('tom', { verb: 'case.reply', caseId, intent: 'preview', text: 'Hi Jane, sorry!' });
    expect(JSON.stringify(dialogCard(preview.body))).toContain('15 / 280 characters');
    const sent = await h.submitTask('tom', { verb: 'case.reply', caseId, intent: 'send', text: 'Hi Jane, sorry! Engineers are on it.' });
    expect(sent).toEqual({ status: 200, body: null });
    expect(h.platform.sent).toEqual([{ inReplyTo: expect.any(String), text: 'Hi Jane, sorry! Engineers are on it.', private: false }]);
    expect(await h.db.reply.findFirstOrThrow({ where: { caseId } })).toMatchObject({ status: 'sent', platformReplyId: 'r1' });
    expect(h.cardJson(card)).toContain('view it live');
    expect(h.cardJson(card)).toContain('Claimed by <at>Tom Okafor</at>');
  });

  it('a reply over the platform limit keeps the dialog open with the text and the reason', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    await h.fetchTask('tom', { verb: 'case.reply', caseId }, card);
    const res = await h.submitTask('tom', { verb: 'case.reply', caseId, intent: 'send', text: 'x'.repeat(300) });
    const json = JSON.stringify(dialogCard(res.body));
    expect(json).toContain('X allows 280 characters; this reply has 300');
    expect(json).toContain(`"value":"${'x'.repeat(300)}"`);
    expect(json).toContain('20 too many');
    expect(h.platform.sent).toEqual([]);
    expect(await h.db.reply.count()).toBe(0);
  });

  it('viewers are refused before the dialog opens', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    const res = await h.fetchTask('sam', { verb: 'case.reply', caseId }, card);
    expect(res.body!.task).toEqual({ type: 'message', value: expect.stringContaining('view-only') });
  });

  it('members who need approval submit for approval; approvers approve in the thread and the reply goes out', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    const opened = await h.fetchTask('lena', { verb: 'case.reply', caseId }, card);
    expect(JSON.stringify(dialogCard(opened.body))).toContain('Submit for approval');
    await h.submitTask('lena', { verb: 'case.reply', caseId, intent: 'send', text: 'Hi! Open the app > Wifi > Password.' });
    expect(h.platform.sent).toEqual([]);
    const approval = h.threadOf(card).find((m) => JSON.stringify(m.activity).includes('reply.approve'))!;
    expect(approval.activity.summary).toContain('approval needed');
    const approvalJson = h.cardJson(approval);
    expect(approvalJson).toContain('<at>Priya Shah</at>');
    expect(h.connector.cardOf(approval).msteams.entities).toEqual([{ type: 'mention', text: '<at>Priya Shah</at>', mentioned: { id: 'aad-priya', name: 'Priya Shah' } }]);
    expect(approvalJson).toContain('Open the app > Wifi > Password.');
    const replyId = (await h.db.reply.findFirstOrThrow({ where: { caseId } })).id;
    // Tom is not an approver.
    const refused = await h.execute('tom', 'reply.approve', { replyId, caseId }, approval);
    expect(refused.body!.value).toContain('Only approvers');
    const approved = await h.execute('priya', 'reply.approve', { replyId, caseId }, approval);
    expect(JSON.stringify(approved.body!.value)).toContain('✅ Approved by **Priya Shah**');
    expect(h.platform.sent.map((s) => s.text)).toEqual(['Hi! Open the app > Wifi > Password.']);
    expect(approval.updates).toBeGreaterThanOrEqual(1);
    expect(h.cardJson(approval)).toContain('Approved');
    expect(h.cardJson(approval)).not.toContain('reply.approve');
    // A late second approval is a conflict, not a second post.
    const late = await h.execute('priya', 'reply.approve', { replyId, caseId }, approval);
    expect(late.body!.value).toContain('already approved by Priya Shah.');
    expect(h.platform.sent).toHaveLength(1);
  });

  it('approvers can edit before approving, or reject with a reason; others cannot open those dialogs', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    for (const draft of ['first draft', 'second draft']) await h.submitTask('lena', { verb: 'case.reply', caseId, intent: 'send', text: draft });
    const [first, second] = await h.db.reply.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } });
    expect((await h.fetchTask('tom', { verb: 'reply.edit', replyId: first!.id, caseId }, card)).body!.task.value).toContain('Only approvers');
    const edit = await h.fetchTask('priya', { verb: 'reply.edit', replyId: first!.id, caseId }, card);
    expect(JSON.stringify(dialogCard(edit.body))).toContain('"value":"first draft"');
    expect(JSON.stringify(dialogCard(edit.body))).toContain('Approve edited reply');
    await h.submitTask('priya', { verb: 'reply.edit', replyId: first!.id, caseId, intent: 'send', text: 'edited by priya' });
    const reject = await h.fetchTask('priya', { verb: 'reply.reject', replyId: second!.id, caseId }, card);
    expect(reject.body!.task.value.title).toBe('Send reply back');
    await h.submitTask('priya', { verb: 'reply.reject', replyId: second!.id, caseId, reason: 'too casual' });
    expect(h.platform.sent.map((s) => s.text)).toEqual(['edited by priya']);
    expect(await h.db.reply.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: 'rejected', lastError: 'too casual' });
    expect(h.threadOf(card).map((m) => JSON.stringify(m.activity)).join('\n')).toContain('rejected the reply');
    // The decided request cannot be reopened in a dialog.
    expect((await h.fetchTask('priya', { verb: 'reply.reject', replyId: second!.id, caseId }, card)).body!.task.value).toContain('already sent back');
  });

  it('a reply the platform refuses for good is reported in the thread to its author, text kept', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    h.platform.refuseWith(new PermanentError('X refused to reply to the post (HTTP 404): the post may have been deleted'));
    await h.submitTask('tom', { verb: 'case.reply', caseId, intent: 'send', text: 'We are sorry about this' });
    const failure = h.threadOf(card).find((m) => JSON.stringify(m.activity).includes('could not post'))!;
    expect(h.cardJson(failure)).toContain('<at>Tom Okafor</at>');
    expect(h.cardJson(failure)).toContain('We are sorry about this');
    expect(h.cardJson(card)).toContain('could not be posted');
  });

  it('Move offline: acknowledgement in-media, private message, due time on the team clock, and the card says so', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: SERVICE, author: { displayName: 'Jane Doe' } });
    const opened = await h.fetchTask('tom', { verb: 'case.offline', caseId }, card);
    const json = JSON.stringify(dialogCard(opened.body));
    expect(json).toContain('Private message on X');
    expect(json).toContain('Hi Jane');
    expect(json).toContain('Follow-up due date (Europe/London)');
    // The clock reads 2026-11-23 10:00 UTC; London is on UTC in November, so the default is tomorrow 10:00.
    expect(json).toContain('"value":"2026-11-24"');
    expect(json).toContain('"value":"10:00"');
    const res = await h.submitTask('tom', {
      verb: 'case.offline',
      caseId,
      tz: 'Europe/London',
      channel: 'dm',
      ack: 'Sorry Jane, we have sent you a DM.',
      private: 'Could you share your account number?',
      dueDate: '2026-11-25',
      dueTime: '16:30',
      note: '',
    });
    expect(res.body).toBeNull();
    expect(h.platform.sent).toEqual([
      { inReplyTo: expect.any(String), text: 'Sorry Jane, we have sent you a DM.', private: false },
      { inReplyTo: expect.any(String), text: 'Could you share your account number?', private: true },
    ]);
    expect(h.cardJson(card)).toContain('Taken offline by dm');
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).followUpDueAt?.toISOString()).toBe('2026-11-25T16:30:00.000Z');
  });

  it('Move offline on a platform without DMs explains why; a past due time keeps the dialog open', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ platform: 'youtube', text: SERVICE });
    const json = JSON.stringify(dialogCard((await h.fetchTask('tom', { verb: 'case.offline', caseId }, card)).body));
    expect(json).not.toContain('"value":"dm"');
    expect(json).toContain('YouTube is not connected');
    const res = await h.submitTask('tom', { verb: 'case.offline', caseId, tz: 'Europe/London', channel: 'email', ack: '', dueDate: '2026-11-23', dueTime: '09:00' });
    const again = JSON.stringify(dialogCard(res.body));
    expect(again).toContain('must be in the future');
    expect(again).toContain('"value":"email"');
  });

  it('reassign posts a card in the new team, escalate alerts managers, history lists everything', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    const reassign = await h.fetchTask('tom', { verb: 'case.reassign', caseId }, card);
    expect(JSON.stringify(dialogCard(reassign.body))).toContain('Network Operations');
    await h.submitTask('tom', { verb: 'case.reassign', caseId, team: 'network-ops', reason: 'router config' });
    const moved = h.connector.posts(CHANNELS.netOps)[0]!;
    expect(h.cardJson(moved)).toContain(`"caseId":"${caseId}"`);
    const empty = await h.submitTask('ana', { verb: 'case.escalate', caseId, reason: '' });
    expect(JSON.stringify(dialogCard(empty.body))).toContain('Say why');
    await h.submitTask('ana', { verb: 'case.escalate', caseId, reason: 'customer is a journalist' });
    const alert = h.threadOf(moved).find((m) => JSON.stringify(m.activity).includes('was escalated'))!;
    expect(h.cardJson(alert)).toContain('<at>Dev Patel</at>');
    // Viewers may read the history.
    const history = JSON.stringify(dialogCard((await h.fetchTask('sam', { verb: 'case.history', caseId }, moved)).body));
    for (const line of ['opened the case', 'reassigned the case from social-care to network-ops', 'escalated the case']) expect(history).toContain(line);
  });

  it('a long history pages in dialogs that each stay under 80 KB; Older and Newer walk every event once', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: QUESTION });
    // 150 long notes full of characters the card must escape: one dialog of them all would be ~170 KB.
    // Seeded as the note action records them (one addNote per note would take most of a minute on a busy machine).
    const t0 = h.clock.now().getTime();
    await h.db.caseEvent.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({ caseId, actor: 'tom', action: 'note', at: new Date(t0 + 1000 * (i + 1)), payload: JSON.stringify({ text: `note ${String(i).padStart(3, '0')} ${'*[x](y) <b> '.repeat(90)}` }) })),
    });
    const seen: string[] = [];
    let res = await h.fetchTask('sam', { verb: 'case.history', caseId }, card);
    for (let pages = 0; ; pages++) {
      expect(pages).toBeLessThan(10);
      const c = dialogCard(res.body)!;
      expect(validateAdaptiveCard(c)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(res.body))).toBeLessThan(80 * 1024);
      seen.unshift(...(JSON.stringify(c).match(/note \d{3}/g) ?? []));
      const older = (c.actions as { title: string; data: Record<string, unknown> }[]).find((a) => a.title === 'Older events');
      if (!older) break;
      expect(JSON.stringify(c)).toMatch(/Events \d+–\d+ of \d+/);
      res = await h.submitTask('sam', older.data);
      expect((dialogCard(res.body)!.actions as { title: string }[]).map((a) => a.title)).toContain('Newer events');
    }
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => `note ${String(i).padStart(3, '0')}`));
    expect(JSON.stringify(dialogCard(res.body))).toContain('opened the case');
  });

  it('Correct triage from the card menu: a dialog with the current values, the case and card updated, audited, a new team gets the card', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: SERVICE });
    const before = await h.db.case.findUniqueOrThrow({ where: { id: caseId } });
    const opened = dialogCard((await h.fetchTask('tom', { verb: 'case.correct', caseId }, card)).body) as { body: Record<string, any>[] };
    const current = Object.fromEntries(opened.body.filter((e) => e.type === 'Input.ChoiceSet').map((e) => [e.id, e.value]));
    expect(current).toEqual({ sentiment: before.sentiment, complaint: 'yes', category: before.category, decision: before.decision, team: 'social-care' });
    const same = await h.submitTask('tom', { verb: 'case.correct', caseId, ...current });
    expect(JSON.stringify(dialogCard(same.body))).toContain('nothing to correct');
    await h.submitTask('tom', { verb: 'case.correct', caseId, ...current, category: 'outage', complaint: 'no', team: 'network-ops' });
    expect(await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ category: 'outage', complaint: false, team: 'network-ops' });
    const ev = await h.db.caseEvent.findFirstOrThrow({ where: { caseId, action: 'triage_corrected' } });
    expect(ev.actor).toBe('tom');
    expect(JSON.parse(ev.payload).changed).toEqual({ complaint: { from: true, to: false }, category: { from: before.category, to: 'outage' }, team: { from: 'social-care', to: 'network-ops' } });
    expect(card.updates).toBeGreaterThan(0);
    expect(h.cardJson(card)).toContain('**Outage**');
    expect(h.cardJson(h.connector.posts(CHANNELS.netOps)[0]!)).toContain(`"caseId":"${caseId}"`);
    // Viewers are refused before the dialog opens.
    expect(JSON.stringify((await h.fetchTask('sam', { verb: 'case.correct', caseId }, card)).body)).toMatch(/view-only/);
  });

  it('words to Earshot in a card thread become an internal note once, and never reach the customer', async () => {
    const h = await ready();
    const { caseId, card } = await h.ingestCase({ text: OUTAGE });
    const thread = `${card.channel};messageid=${card.id}`;
    const activity = h.activity('ana', thread, { type: 'message', text: '<at>Earshot</at> I think this is the Leeds outage', entities: [{ type: 'mention', text: '<at>Earshot</at>', mentioned: { id: '28:earshot-bot-id', name: 'Earshot' } }] });
    expect((await h.post(activity)).status).toBe(200);
    expect((await h.post(activity)).status).toBe(200);
    const notes = (await h.db.caseEvent.findMany({ where: { caseId, action: 'note' } })).map((e) => JSON.parse(e.payload).text);
    expect(notes).toEqual(['I think this is the Leeds outage']);
    expect(h.platform.sent).toEqual([]);
    // The confirmation is the only new message in the thread: the note is not echoed back by the outbox.
    expect(h.threadOf(card).map((m) => JSON.stringify(m.activity))).toEqual([expect.stringContaining('internal note')]);
  });
});
