import { describe, expect, it } from 'vitest';
import { enqueue } from '../../../src/outbox/enqueue.js';
import type { TOutboxMessage } from '../../../src/outbox/outbox-kinds.js';
import { startSlackHarness, USERS } from './harness.js';

const SERVICE = 'the engineer never turned up for my appointment, terrible service and nobody answers the phone';

describe('Slack alerts in the card thread', () => {
  async function withCase() {
    const h = await startSlackHarness();
    const c = await h.ingestCase({ text: SERVICE });
    const notify = async (m: TOutboxMessage, key: string) => {
      await h.db.$transaction((tx) => enqueue(tx, m, { destination: 'team:social-care', idempotencyKey: key, now: h.clock.now() }));
      await h.drain();
    };
    return { h, ...c, notify };
  }

  it('SLA warning and breach mention the owner; the escalation stage mentions the managers and is broadcast', async () => {
    const { h, caseId, card, notify } = await withCase();
    await h.click(USERS.tom, 'case.claim', caseId, card);
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'w');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'breached' }, 'b');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'escalated' }, 'e');
    const alerts = h.threadOf(card).slice(1).map((m) => ({ text: JSON.stringify(m.blocks), broadcast: m.reply_broadcast }));
    expect(alerts[0]!.text).toContain('<@U07TOM0001>');
    expect(alerts[0]!.text).toContain('response target is');
    expect(alerts[1]!.text).toContain('passed');
    expect(alerts[2]!.text).toContain('<@U07PRIYA01>');
    expect(alerts[2]!.broadcast).toBe(true);
  });

  it('a follow-up reminder mentions its owner in the thread', async () => {
    const { h, caseId, card, notify } = await withCase();
    await notify({ kind: 'followup.remind', caseId, assignee: 'lena', dueAt: '2026-11-24T10:00:00.000Z' }, 'f');
    const last = h.threadOf(card).at(-1)!;
    expect(JSON.stringify(last.blocks)).toContain('<@U07LENA001>');
    expect(JSON.stringify(last.blocks)).toContain('follow-up');
  });

  it('the same notice enqueued twice is posted once', async () => {
    const { h, caseId, card, notify } = await withCase();
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'same');
    await notify({ kind: 'sla.alert', caseId, team: 'social-care', stage: 'warning' }, 'same');
    expect(h.threadOf(card)).toHaveLength(1);
  });
});
