import { describe, expect, it } from 'vitest';
import { approvalMessage } from '../../../src/bot/slack/blocks/approval-message.js';
import { caseCard, LIMITS } from '../../../src/bot/slack/blocks/case-card.js';
import { offlineModal } from '../../../src/bot/slack/blocks/offline-modal.js';
import { replyModal } from '../../../src/bot/slack/blocks/reply-modal.js';
import { historyModal, reassignModal } from '../../../src/bot/slack/blocks/small-modals.js';
import { escapeAndTruncate } from '../../../src/bot/slack/mrkdwn.js';
import type { TCaseView } from '../../../src/bot/views/case-view.js';
import { platformName, TEXT_LIMITS } from '../../../src/connectors/text-limits.js';
import { PLATFORMS } from '../../../src/mention.js';
import { exampleOrgChart } from '../../helpers/org-chart.js';
import { blockProblem } from '../../../src/sandbox/slack/block-limits.js';

const huge = `${'<!channel> &&& '.repeat(1000)}${'🙂'.repeat(3000)}\u200b\u202e`;

function view(over: Partial<TCaseView> = {}): TCaseView {
  return {
    id: 'c'.repeat(25), version: 3, status: 'claimed', closed: false, platform: 'x', platformName: 'X', team: { id: 'social-care', name: 'S'.repeat(200) },
    priority: 'P1', priorityScore: 99, category: 'outage', sentiment: 'negative', sentimentScore: -0.9, decision: 'respond_then_offline',
    reasons: Array.from({ length: 200 }, (_, i) => `reason ${i} ${huge.slice(0, 100)}`), confidence: { percent: 41, by: huge, unsure: huge }, escalated: true, lang: 'en', slaDueAt: new Date(), overdue: true,
    post: { text: huge, url: `https://x.com/${'a'.repeat(500)}`, postedAt: new Date() }, mentionCount: 7,
    author: { handle: huge.slice(0, 300), displayName: huge.slice(0, 600), profileUrl: 'https://x.com/a|b>c', followers: 123_456_789, verified: true, tier: 'gold', mentionCount: 9, complaintCount: 4, praiseCount: 0, tags: ['repeat-complainer'] },
    incidentSize: 412, assignee: { id: 'tom', name: 'Tom', slackUserId: 'U07TOM0001' }, claimedAt: new Date(), offline: null,
    lastReply: { author: { id: 'tom', name: 'Tom' }, status: 'failed', url: null, at: new Date(), error: huge, visibility: 'public' }, resolved: null, textLimit: { max: 280, unit: 'characters' },
    ...over,
  };
}

describe('Block Kit limits under long and odd input', () => {
  it('a case card stays within 50 blocks, 3,000-character sections and 25 actions', () => {
    for (const v of [view(), view({ closed: true, status: 'resolved', resolved: { by: { id: 'x', name: 'X' }, at: new Date() } }), view({ assignee: null, status: 'new' })]) {
      const card = caseCard(v);
      expect(blockProblem(card.blocks, LIMITS.messageBlocks)).toBeNull();
      expect(card.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
      expect(JSON.stringify(card.blocks)).not.toContain('<!channel>');
    }
  });

  it('every platform’s reply dialog has a title of at most 24 characters and fits a modal', () => {
    for (const p of PLATFORMS) {
      const m = replyModal({ view: view({ platform: p, platformName: platformName(p), textLimit: TEXT_LIMITS[p] }), chart: exampleOrgChart(), needsApproval: true, text: huge });
      expect([...m.title.text].length).toBeLessThanOrEqual(LIMITS.modalTitle);
      expect([...m.submit!.text].length).toBeLessThanOrEqual(LIMITS.modalTitle);
      expect(m.private_metadata!.length).toBeLessThanOrEqual(3000);
      expect(blockProblem(m.blocks, LIMITS.modalBlocks)).toBeNull();
    }
  });

  it('history keeps to 100 blocks however long the case, saying how many are hidden', () => {
    const lines = Array.from({ length: 250 }, (_, i) => ({ actor: { id: 'tom', name: 'Tom' }, at: new Date(), summary: `did thing ${i}`, quote: huge }));
    const m = historyModal('c1', lines);
    expect(m.blocks).toHaveLength(100);
    expect(blockProblem(m.blocks, LIMITS.modalBlocks)).toBeNull();
    expect(JSON.stringify(m.blocks[0])).toContain('151 earlier events are not shown');
  });

  it('approval, offline and reassign dialogs stay valid with hostile text', () => {
    const approval = approvalMessage(view(), { replyId: 'r1', text: huge, author: { id: 'lena', name: huge.slice(0, 100) }, status: 'pending_approval', reviewer: null }, []);
    expect(blockProblem(approval.blocks, LIMITS.messageBlocks)).toBeNull();
    const off = offlineModal({ view: view(), privateUnsupported: huge.slice(0, 2000), acknowledgement: huge, defaultDue: new Date() });
    expect(blockProblem(off.blocks, LIMITS.modalBlocks)).toBeNull();
    expect(blockProblem(reassignModal(exampleOrgChart(), 'c1', 'social-care').blocks, LIMITS.modalBlocks)).toBeNull();
  });

  it('truncation never splits an entity or a surrogate pair', () => {
    for (let max = 5; max < 40; max++) {
      const out = escapeAndTruncate('a&b<c>🙂d'.repeat(10), max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(a|am|amp|l|lt|g|gt)?…$/);
      expect(out).not.toMatch(/[\ud800-\udbff]…$/);
    }
  });
});
