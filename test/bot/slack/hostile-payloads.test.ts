import { describe, expect, it } from 'vitest';
import { BIDI_OVERRIDE, HOSTILE, hostileMention, SLACK_LIVE, strings } from '../hostile-fields.js';
import { startSlackHarness, text, USERS } from './harness.js';
import { backlogCard } from '../../../src/bot/slack/blocks/backlog-card.js';
import { hostileBacklog } from '../hostile-backlog.js';

/** Fields Slack never parses as mrkdwn: ids, values handed back to us, links, and plain_text objects' text. */
const UNPARSED = /\.(value|initial_value|private_metadata|action_id|block_id|callback_id|url|image_url|alt_text|external_id)$/;

function liveSequences(payload: unknown, where: string): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, plainText: boolean) => {
    if (typeof v === 'string') {
      if (BIDI_OVERRIDE.test(v)) found.push(`${where}${path}: bidi override`);
      if (plainText || UNPARSED.test(path)) return;
      for (const seq of SLACK_LIVE) if (v.includes(seq)) found.push(`${where}${path}: ${seq}`);
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, false));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`, o.type === 'plain_text' && k === 'text');
    }
  };
  walk(payload, '', false);
  return found;
}

describe('hostile customer fields on Slack', () => {
  it('no outbound payload carries a live broadcast, mention, disguised link or bidi override from the author', async () => {
    const h = await startSlackHarness();
    const { caseId, card } = await h.ingestCase(hostileMention());
    expect(card).toBeDefined();
    // The card and every flow that quotes the author: reply dialog, approval request (broadcast), thread events,
    // an escalation notice, the slash commands, and a conflict answer.
    await h.click(USERS.lena, 'case.reply', caseId, card);
    await h.submit(USERS.lena, h.lastView().id, { 'reply_text:0': { 'reply.text': text('Hello, sorry about that.') } });
    await h.click(USERS.tom, 'case.claim', caseId, card);
    await h.click(USERS.priya, 'case.claim', caseId, card);
    await h.click(USERS.sam, 'case.claim', caseId, card);
    await h.choose(USERS.tom, 'escalate', card);
    await h.choose(USERS.tom, 'history', card);
    const answers = [await h.command(USERS.tom, 'queue'), await h.command(USERS.tom, `whois ${HOSTILE.handle}`), await h.command(USERS.tom, `route ${HOSTILE.text.slice(0, 500)}`)];
    const outbound = [
      ...h.slack.messages.map((m, i) => [`message[${i}]`, { text: m.text, blocks: m.blocks }] as const),
      ...h.slack.calls.filter((c) => c.method.startsWith('chat.') || c.method.startsWith('views.')).map((c, i) => [`call[${i}] ${c.method}`, c.args] as const),
      ...h.slack.ephemerals.map((e, i) => [`ephemeral[${i}]`, e] as const),
      ...h.slack.views.map((v, i) => [`view[${i}]`, v.view] as const),
      ...h.slack.responses.map((r, i) => [`response_url[${i}]`, r.body] as const),
      ...answers.map((a, i) => [`command answer[${i}]`, a.body] as const),
    ];
    // The flows ran: the approval request was broadcast, the thread has events, the commands answered.
    expect(h.slack.messages.some((m) => m.reply_broadcast && JSON.stringify(m.blocks).includes('reply.approve'))).toBe(true);
    expect(h.threadOf(card).length).toBeGreaterThanOrEqual(2);
    expect(outbound.length).toBeGreaterThan(10);
    // The author's words are still there, shown as typed.
    expect(JSON.stringify(card)).toContain('&lt;!everyone&gt;');
    expect(outbound.flatMap(([where, p]) => liveSequences(p, where))).toEqual([]);
    expect(strings(outbound).length).toBeGreaterThan(50);
  });

  it("a channel's backlog card (team, category, handle and platform names in it) carries nothing live", () => {
    const card = backlogCard(hostileBacklog(), 'C07BILLING1', new Date('2026-11-23T10:30:00Z'));
    expect(JSON.stringify(card)).toContain('&lt;!everyone&gt;');
    expect(liveSequences(card, 'backlog card')).toEqual([]);
  });
});
