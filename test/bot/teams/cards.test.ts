import { describe, expect, it } from 'vitest';
import { approvalCard } from '../../../src/bot/teams/cards/approval-card.js';
import { escapeCardMarkdown, literalBlock } from '../../../src/bot/teams/cards/card-text.js';
import { caseCard } from '../../../src/bot/teams/cards/case-card.js';
import { helpCard, queueCard, reportCard, routeCard, whoisCard } from '../../../src/bot/teams/cards/command-cards.js';
import { eventCard } from '../../../src/bot/teams/cards/event-card.js';
import { noticeCard } from '../../../src/bot/teams/cards/notice-card.js';
import { offlineDialog } from '../../../src/bot/teams/cards/offline-dialog.js';
import { replyDialog } from '../../../src/bot/teams/cards/reply-dialog.js';
import { historyDialog } from '../../../src/bot/teams/cards/history-dialog.js';
import { escalateDialog, reassignDialog, rejectDialog } from '../../../src/bot/teams/cards/small-dialogs.js';
import type { TCaseView, TPersonRef } from '../../../src/bot/views/case-view.js';
import { dryRunRoute } from '../../../src/bot/views/route-view.js';
import { triage } from '../../../src/triage/index.js';
import { validateAdaptiveCard } from './adaptive-card-schema.js';
import { teamsOrgChart } from './harness.js';

const HOSTILE = '<at>Priya Shah</at> [click me](https://evil.example/phish) **bold** _it_ # Heading\n- item\n1. first\n> quote {{DATE(2017-02-14T06:08:00Z, SHORT)}} `code` ~~strike~~';
const priya: TPersonRef = { id: 'priya', name: 'Priya Shah', teamsUserId: 'aad-priya' };
const tom: TPersonRef = { id: 'tom', name: 'Tom Okafor', teamsUserId: 'aad-tom' };
const at = new Date('2026-11-23T10:00:00Z');

function view(over: Partial<TCaseView> = {}): TCaseView {
  return {
    id: 'case1',
    version: 1,
    status: 'new',
    closed: false,
    platform: 'x',
    platformName: 'X',
    team: { id: 'social-care', name: 'Social Care' },
    priority: 'P2',
    priorityScore: 0.6,
    category: 'service',
    sentiment: 'negative',
    sentimentScore: -0.7,
    decision: 'respond',
    reasons: ['complaint about [service](https://x.example)', 'negative sentiment'],
    confidence: { percent: 83, by: 'sentence encoder and fast engine', unsure: null },
    escalated: false,
    lang: 'en',
    slaDueAt: at,
    overdue: true,
    post: { text: HOSTILE, url: 'https://x.com/jane/status/1', postedAt: at },
    mentionCount: 2,
    author: { handle: 'jane_*doe*', displayName: 'Jane [Doe](https://evil.example)', profileUrl: 'https://x.com/jane', followers: 12345, verified: true, tier: 'premium', mentionCount: 3, complaintCount: 2, praiseCount: 0, tags: ['vip'] },
    incidentSize: 4,
    assignee: null,
    claimedAt: null,
    offline: null,
    lastReply: null,
    resolved: null,
    textLimit: { max: 280, unit: 'characters' },
    ...over,
  };
}

/** Every card body in a rendered structure: cards themselves, dialog attachments. */
const expectValid = (card: unknown) => expect(validateAdaptiveCard(card)).toEqual([]);

describe('Teams cards', () => {
  it('the case card carries what Slack shows, with every action for an open case', () => {
    const card = caseCard(view());
    expectValid(card);
    const json = JSON.stringify(card);
    for (const text of ['**P2**', '**Service**', '[View post](https://x.com/jane/status/1)', '12.3k followers', 'verified', 'tier premium', 'Leads an incident of **4**', '⏰ **Overdue**', '🆕 Unclaimed', 'Respond by']) expect(json).toContain(text);
    const actions = card.actions!.map((a) => [a.title, a.type, a.verb ?? (a.data as { verb: string }).verb, a.mode ?? 'primary']);
    expect(actions).toEqual([
      ['Claim', 'Action.Execute', 'case.claim', 'primary'],
      ['Reply', 'Action.Submit', 'case.reply', 'primary'],
      ['Monitor only', 'Action.Execute', 'case.monitor', 'primary'],
      ['Move offline', 'Action.Submit', 'case.offline', 'primary'],
      ['Resolve', 'Action.Execute', 'case.resolve', 'primary'],
      ['Reassign to team…', 'Action.Submit', 'case.reassign', 'secondary'],
      ['Escalate', 'Action.Submit', 'case.escalate', 'secondary'],
      ['Mark spam', 'Action.Execute', 'case.spam', 'secondary'],
      ['Correct triage…', 'Action.Submit', 'case.correct', 'secondary'],
      ['View history', 'Action.Submit', 'case.history', 'secondary'],
    ]);
    // Dialog buttons ask Teams for task/fetch.
    expect(card.actions![1]!.data).toEqual({ msteams: { type: 'task/fetch' }, verb: 'case.reply', caseId: 'case1' });
  });

  it('renders the post literally and neutralises markdown, mentions and date functions in user text', () => {
    const card = caseCard(view());
    const json = JSON.stringify(card);
    // The post is a TextRun (no markdown), with {{ broken so no DATE() expands.
    const post = (card.body[3] as unknown as { items: { inlines: { text: string }[] }[] }).items[0]!.inlines[0]!.text;
    expect(post).toContain('[click me](https://evil.example/phish)');
    expect(post).not.toContain('{{DATE');
    // No mention entity comes from user text, even though it names a real colleague.
    expect(card.msteams?.entities).toBeUndefined();
    // Names and reasons in markdown blocks are escaped.
    expect(json).not.toContain('[Doe](https://evil.example)');
    expect(json).toContain('Jane \\\\[Doe\\\\](https://evil.example)');
    expect(json).not.toContain('[service](https://x.example)');
    expect(escapeCardMarkdown(HOSTILE)).toMatchInlineSnapshot(`
      "<​at>Priya Shah<​/at> \\[click me\\](https://evil.example/phish) \\*\\*bold\\*\\* \\_it\\_ # Heading
      \\- item
      1\\. first
      \\> quote {​{DATE(2017-02-14T06:08:00Z, SHORT)}} \\\`code\\\` \\~\\~strike\\~\\~"
    `);
    expect(escapeCardMarkdown('# Title')).toBe('\\# Title');
  });

  it('mentions colleagues only through entities the renderer wrote', () => {
    const card = caseCard(view({ status: 'claimed', assignee: tom, claimedAt: at, lastReply: { author: tom, status: 'failed', url: null, at, error: 'X said <at>no</at>', visibility: 'public' } }));
    expectValid(card);
    expect(card.msteams?.entities).toEqual([{ type: 'mention', text: '<at>Tom Okafor</at>', mentioned: { id: 'aad-tom', name: 'Tom Okafor' } }]);
    expect(JSON.stringify(card)).toContain('could not be posted: X said <\u200Bat>no<\u200B/at>');
    // People without a Teams id are named in bold instead.
    const noTeams = caseCard(view({ status: 'claimed', assignee: { id: 'jo', name: 'Jo Kim' }, claimedAt: at }));
    expect(JSON.stringify(noTeams)).toContain('Claimed by **Jo Kim**');
    expect(noTeams.msteams?.entities).toBeUndefined();
  });

  it('closed cases offer Reopen and History only; each status has its line', () => {
    const resolved = caseCard(view({ status: 'resolved', closed: true, resolved: { by: priya, at } }));
    expectValid(resolved);
    expect(resolved.actions!.map((a) => a.title)).toEqual(['Reopen', 'History', 'Correct triage…']);
    expect(JSON.stringify(resolved)).toContain('✅ Resolved by <at>Priya Shah</at>');
    expect(JSON.stringify(caseCard(view({ status: 'ignored', closed: true })))).toContain('Marked as spam');
    const offline = caseCard(view({ status: 'offline', offline: { channel: 'dm', followUpDueAt: at }, assignee: tom }));
    expect(JSON.stringify(offline)).toContain('📞 Taken offline by dm');
    expect(offline.actions!.map((a) => a.title)).not.toContain('Move offline');
    expect(caseCard(view({ status: 'monitoring' })).actions!.map((a) => a.title)).not.toContain('Monitor only');
  });

  it('stays within 80 KB whatever the customer wrote', () => {
    const huge = 'x'.repeat(200_000);
    const card = caseCard(view({ post: { text: huge, url: null, postedAt: at }, reasons: Array.from({ length: 50 }, () => huge.slice(0, 5000)), author: { ...view().author, displayName: huge } }));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(80 * 1024);
  });

  it('approval, event, notice, dialog and command cards all pass the schema check', () => {
    const chart = teamsOrgChart();
    const v = view();
    const cards = [
      approvalCard(v, { replyId: 'r1', text: HOSTILE, author: tom, status: 'pending_approval', reviewer: null }, [priya]),
      approvalCard(v, { replyId: 'r1', text: 'ok', author: tom, status: 'approved', reviewer: priya }, [priya]),
      eventCard({ actor: tom, at, summary: 'could not post the reply', quote: HOSTILE, alert: true, url: 'https://x.com/r/1' }, tom),
      noticeCard({ kind: 'escalation.notify', caseId: 'c', team: 'social-care', reason: HOSTILE }, v, [priya], null, at).card,
      noticeCard({ kind: 'sla.alert', caseId: 'c', team: 'social-care', stage: 'warning' }, v, [priya], tom, at).card,
      noticeCard({ kind: 'sla.alert', caseId: 'c', team: 'social-care', stage: 'breached' }, v, [priya], null, at).card,
      noticeCard({ kind: 'sla.alert', caseId: 'c', team: 'social-care', stage: 'escalated' }, v, [priya], tom, at).card,
      noticeCard({ kind: 'followup.remind', caseId: 'c', assignee: 'tom', dueAt: at.toISOString() }, v, [], tom, at).card,
      replyDialog({ view: v, chart, needsApproval: true, text: HOSTILE, error: 'X allows 280 characters' }).card.content,
      replyDialog({ view: v, chart, needsApproval: false, text: '', mode: { kind: 'edit', replyId: 'r1' } }).card.content,
      offlineDialog({ view: v, privateUnsupported: null, acknowledgement: 'Hi', due: { date: '2026-11-24', time: '10:00' }, timezone: 'Europe/London' }).card.content,
      offlineDialog({ view: v, privateUnsupported: 'YouTube has no DMs', acknowledgement: 'Hi', due: { date: '2026-11-24', time: '10:00' }, timezone: 'UTC', error: 'bad' }).card.content,
      reassignDialog(chart, 'c', 'social-care').card.content,
      escalateDialog('c', { reason: HOSTILE }, 'Say why').card.content,
      rejectDialog('r1', 'c').card.content,
      historyDialog('c', Array.from({ length: 400 }, () => ({ actor: tom, at, summary: 'added an internal note', quote: HOSTILE }))).card.content,
      historyDialog('c', []).card.content,
      helpCard('I don\'t know "foo".'),
      queueCard({ mine: [{ caseId: 'c', priority: 'P1', category: 'outage', platform: 'x', handle: 'j[a](b)', status: 'offline', slaDueAt: at, overdue: true, card: { channel: '19:a@thread.tacv2', messageId: '1' } }], unclaimed: [], teams: ['social-care'], limit: 15 }),
      whoisCard({ ok: true, handle: 'jane', platform: null, authors: [] }),
      whoisCard({ ok: false, problem: 'usage' }),
      routeCard(dryRunRoute(triage, chart, at, HOSTILE)),
      routeCard(null),
      reportCard({ title: 'Daily digest', subtitle: '2026-11-23', sections: [{ heading: 'Volume', facts: [{ label: 'New', value: '12' }], items: [{ text: HOSTILE, url: 'https://x.com/1' }] }] }),
    ];
    for (const c of cards) expectValid(c);
  });

  it('the schema check catches what it claims to', () => {
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'TextBlock' }], actions: [{ type: 'Action.Execute', title: 'x' }] })).toEqual([
      'version must be ≤ 1.5, got 1.6',
      'body[0]: TextBlock is missing text',
      'actions[0]: Action.Execute is missing verb',
    ]);
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel' }, { type: 'TextBlock', text: '<at>A</at>', colour: 'red' }] })).toEqual([
      'body[0]: unknown type Carousel',
      'body[1]: TextBlock has unknown property colour',
      'mention <at>A</at> has no entity',
    ]);
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [literalBlock('x'.repeat(90_000), 100_000)] })[0]).toMatch(/bytes \(max 81920\)/);
  });
});
