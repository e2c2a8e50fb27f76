import { describe, expect, it } from 'vitest';
import { BIDI_OVERRIDE, HOSTILE, hostileMention, TEAMS_LIVE } from '../hostile-fields.js';
import { validateAdaptiveCard } from './adaptive-card-schema.js';
import { backlogCard } from '../../../src/bot/teams/cards/backlog-card.js';
import { hostileBacklog } from '../hostile-backlog.js';
import { dialogCard, startTeamsHarness } from './harness.js';

/** Fields Teams never renders as text: ids, verbs, data handed back to us, links, and what a person types in an input. */
const UNRENDERED = /\.(id|verb|intent|caseId|replyId|value|url|iconUrl|serviceUrl|replyToId|channelId|conversationId|\$schema|contentType|choices\[\d+\]\.value)$|\.data\./;

function liveSequences(payload: unknown, where: string): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, literal: boolean) => {
    if (typeof v === 'string') {
      if (BIDI_OVERRIDE.test(v)) found.push(`${where}${path}: bidi override`);
      if (UNRENDERED.test(path)) return;
      for (const re of TEAMS_LIVE) {
        // A TextRun shows text literally (no markdown), so only mentions and host functions are live in one.
        if (literal && re.source.includes('evil')) continue;
        if (re.test(v)) found.push(`${where}${path}: ${re.source}`);
      }
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, false));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`, o.type === 'TextRun' && k === 'text');
    }
  };
  walk(payload, '', false);
  return found;
}

describe('hostile customer fields on Teams', () => {
  it('no card, activity text, summary, dialog or command answer carries a live mention, link, HTML or bidi override from the author', async () => {
    const h = await startTeamsHarness();
    await h.install();
    const { caseId, card } = await h.ingestCase(hostileMention());
    expect(card).toBeDefined();
    const answers = [
      await h.fetchTask('lena', { verb: 'case.reply', caseId }, card),
      await h.submitTask('lena', { verb: 'case.reply', caseId, intent: 'send', text: 'Hello, sorry about that.' }),
      await h.execute('tom', 'case.claim', { caseId }, card),
      await h.execute('priya', 'case.claim', { caseId }, card),
      await h.fetchTask('tom', { verb: 'case.offline', caseId }, card),
      await h.fetchTask('sam', { verb: 'case.history', caseId }, card),
      await h.message('tom', 'queue'),
      await h.message('tom', `whois ${HOSTILE.handle}`),
      await h.message('tom', `route ${HOSTILE.text.slice(0, 400)}`),
    ];
    await h.drain();
    const outbound = [...h.connector.messages.map((m, i) => [`activity[${i}]`, m.activity] as const), ...answers.map((a, i) => [`answer[${i}]`, a.body] as const)];
    // The flows ran: an approval request in the thread, a dialog with the post, the card refreshed.
    expect(h.threadOf(card).some((m) => JSON.stringify(m.activity).includes('reply.approve'))).toBe(true);
    expect(dialogCard(answers[0]!.body)).toBeDefined();
    expect(outbound.length).toBeGreaterThan(8);
    for (const m of h.connector.messages) for (const a of (m.activity.attachments as { content: unknown }[] | undefined) ?? []) expect(validateAdaptiveCard(a.content)).toEqual([]);
    expect(outbound.flatMap(([where, p]) => liveSequences(p, where))).toEqual([]);
  });

  it("a channel's backlog card (team, category, handle and platform names in it) carries nothing live and is a valid card", () => {
    const card = backlogCard(hostileBacklog(), new Date('2026-11-23T10:30:00Z'));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(liveSequences(card, 'backlog card')).toEqual([]);
  });
});
