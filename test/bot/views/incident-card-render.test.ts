import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/bot/slack/blocks/case-card.js';
import { incidentCard as slackIncidentCard } from '../../../src/bot/slack/blocks/incident-card.js';
import { CARD_LIMITS } from '../../../src/bot/teams/cards/adaptive-card.js';
import { incidentCard as teamsIncidentCard, incidentSummary } from '../../../src/bot/teams/cards/incident-card.js';
import type { TIncidentView } from '../../../src/bot/views/incident-view.js';
import { blockProblem } from '../../../src/sandbox/slack/block-limits.js';

const HOSTILE = '<!channel> <@U07PRIYA01> [click me](https://evil.example/phish) **bold** {{DATE(2017-02-14T06:08:00Z, SHORT)}} &amp; <https://evil.example|bank>';

/** One surface-neutral view with hostile text in every user-supplied field, long enough to hit every limit. */
function view(over: Partial<TIncidentView> = {}): TIncidentView {
  const huge = HOSTILE.repeat(60);
  return {
    id: 'i'.repeat(25), version: 4, title: `Outage: ${HOSTILE}`, status: 'open', closed: false, category: 'outage',
    team: { id: 'network-ops', name: `Net ${HOSTILE}` }, firstSeenAt: new Date('2026-12-01T09:00:00Z'), lastSeenAt: new Date('2026-12-01T09:20:00Z'),
    count: 612, ratePerMinute: 30.6, platforms: [{ id: 'x', name: 'X', count: 600 }, { id: 'facebook', name: 'Facebook', count: 12 }], reach: 1_234_567,
    sentiment: { negative: 590, neutral: 20, positive: 2 },
    samples: [0, 1, 2].map((i) => ({ caseId: `c${i}`, platform: 'x', handle: `${HOSTILE}${i}`, text: huge, url: `https://x.com/a|b>c/${i}` })),
    topAuthors: [0, 1, 2, 3, 4].map((i) => ({ platform: 'x', handle: `@${HOSTILE}`, displayName: huge.slice(0, 500), followers: 10 ** i, verified: i % 2 === 0, tier: HOSTILE })),
    assignee: { id: 'ana', name: 'Ana Lima', slackUserId: 'U07ANA0001', teamsUserId: 'aad-ana' }, resolvedAt: null, mergedInto: null,
    ack: { acknowledge: { sent: 0, queued: 0, failed: 0, total: 0 }, closing: { sent: 0, queued: 0, failed: 0, total: 0 }, startedBy: null, pending: [], newSince: 0, acknowledged: false },
    ...over,
  };
}

describe('incident card from one view', () => {
  it('Slack: every user string escaped (no channel ping, no mention, no forged link), within Block Kit limits, with the actions of an open incident', () => {
    const card = slackIncidentCard(view());
    const json = JSON.stringify(card);
    expect(blockProblem(card.blocks, LIMITS.messageBlocks)).toBeNull();
    expect(card.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    for (const text of [json, card.text]) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U07PRIYA01>');
      expect(text).not.toContain('<https://evil.example|bank>');
    }
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('612 (30.6/min)');
    expect(json).toContain('590 negative · 20 neutral · 2 positive');
    expect(json).toContain('Claimed by <@U07ANA0001>');
    const actions = card.blocks.flatMap((b) => ('elements' in b && b.type === 'actions' ? b.elements : [])).map((e) => ('action_id' in e ? e.action_id : ''));
    expect(actions).toEqual(['incident.monitor', 'incident.resolve', 'incident.rename', 'incident.split', 'incident.merge', 'incident.ack.open']);
  });

  it('Teams: the same content escaped for Adaptive Card markdown, only org-chart mentions as entities, under 80 KB', () => {
    const card = teamsIncidentCard(view());
    const json = JSON.stringify(card);
    expect(Buffer.byteLength(json)).toBeLessThan(CARD_LIMITS.maxBytes);
    // Markdown is parsed in TextBlocks and facts; posts are literal TextRuns (quoteBlock), shown as typed.
    const markdown: string[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (o.type === 'TextBlock') markdown.push(String(o.text));
        if (o.type === 'FactSet') markdown.push(...(o.facts as { value: string }[]).map((f) => f.value));
        Object.values(o).forEach(walk);
      }
    };
    walk(card.body);
    const md = markdown.join('\n');
    expect(md).toContain('Outage:');
    expect(md).not.toContain('[click me](https://evil.example/phish)');
    expect(md).not.toContain('**bold**');
    expect(json).not.toContain('{{DATE(2017');
    expect(json).toContain('612 (30.6/min)');
    expect(card.msteams?.entities?.map((e) => e.mentioned.id)).toEqual(['aad-ana']);
    // Execute actions carry the verb; dialog openers carry it in their data (task/fetch).
    expect(card.actions?.map((a) => a.verb ?? (a.data as { verb?: string } | undefined)?.verb)).toEqual(['incident.monitor', 'incident.resolve', 'incident.rename', 'incident.split', 'incident.merge']);
    expect(incidentSummary(view()).length).toBeGreaterThan(0);
  });

  it('a resolved incident offers Reopen only, on both surfaces', () => {
    const v = view({ status: 'resolved', closed: true, resolvedAt: new Date('2026-12-01T10:00:00Z') });
    expect(JSON.stringify(slackIncidentCard(v).blocks)).toContain('incident.reopen');
    expect(teamsIncidentCard(v).actions?.map((a) => a.verb)).toEqual(['incident.reopen']);
  });
});

describe('incident card: the public-reply part, from one view', () => {
  const ana = { id: 'ana', name: 'Ana Lima', slackUserId: 'U07ANA0001', teamsUserId: 'aad-ana' };
  const ack = {
    acknowledge: { sent: 380, queued: 0, failed: 7, total: 387 }, closing: { sent: 0, queued: 0, failed: 0, total: 0 }, startedBy: ana,
    pending: [{ ackId: 'ack-2', kind: 'acknowledge', by: ana, byId: 'ana', targets: 12 }], newSince: 12, acknowledged: true,
  };

  it('Slack: progress, who started it beside the failures, Retry N failed, N new since, one approval; within Block Kit limits', () => {
    const card = slackIncidentCard(view({ ack }));
    expect(blockProblem(card.blocks, LIMITS.messageBlocks)).toBeNull();
    const json = JSON.stringify(card.blocks);
    for (const text of ['Acknowledged publicly* by <@U07ANA0001>: 380 sent · 7 failed', '7 replies could not be posted — <@U07ANA0001>', '12 new since acknowledgement', 'waits for an approver']) expect(json).toContain(text);
    const buttons = card.blocks.flatMap((b) => ('elements' in b && b.type === 'actions' ? b.elements : [])).map((e) => ('text' in e && e.text && typeof e.text === 'object' && 'text' in e.text ? e.text.text : ''));
    expect(buttons).toEqual(expect.arrayContaining(['Acknowledge publicly', 'Acknowledge 12 new', 'Retry 7 failed', 'Resolve with closing reply', 'Approve and send', 'Reject']));
  });

  it('Teams: the same, in an ActionSet of its own; only org-chart people become mentions', () => {
    const card = teamsIncidentCard(view({ ack }));
    const json = JSON.stringify(card);
    expect(Buffer.byteLength(json)).toBeLessThan(CARD_LIMITS.maxBytes);
    for (const text of ['380 sent · 7 failed', 'Retry 7 failed', 'Acknowledge 12 new', 'Approve and send', 'waits for an approver']) expect(json).toContain(text);
    expect(new Set(card.msteams?.entities?.map((e) => e.mentioned.id))).toEqual(new Set(['aad-ana']));
    expect(card.actions?.map((a) => a.verb ?? (a.data as { verb?: string } | undefined)?.verb)).toEqual(['incident.monitor', 'incident.resolve', 'incident.rename', 'incident.split', 'incident.merge']);
  });
});
