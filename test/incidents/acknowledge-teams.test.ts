import { describe, expect, it } from 'vitest';
import { CHANNELS, dialogCard, startTeamsHarness, teamsOrgChart } from '../bot/teams/harness.js';
import { outageSurge } from './surge-mentions.js';

const TEXT = 'Sorry {name}, the internet is down in Leeds and our engineers are on it.';
const HOSTILE_HANDLE = 'x[click](https://evil.example)';

/** Every TextBlock's markdown and every fact value in a card or dialog: what Teams parses as markdown. */
function markdownOf(card: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock') out.push(String(o.text));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

/**
 * Acknowledge publicly from the Teams incident card over real HTTP to /api/messages and the fake Bot Connector: the
 * dialog's preview, the one approval a responder who needs it asks for, and the progress on the card.
 */
describe('Acknowledge publicly (Teams)', () => {
  it('a responder who needs approval previews, submits once; an approver approves on the card; each author gets one in-media reply', async () => {
    const chart = teamsOrgChart();
    chart.teams.find((t) => t.id === 'network-ops')!.members.find((m) => m.id === 'ana')!.needsApproval = true;
    const h = await startTeamsHarness({ orgChart: chart });
    await h.install(CHANNELS.netOps, 'dev');
    for (const [i, m] of outageSurge(12, h.clock.now).entries()) {
      await h.earshot.ingest({ ...m, ...(i === 0 && { author: { handle: HOSTILE_HANDLE, displayName: '**Boss** <at>Priya</at>' } }), createdAt: h.clock.now().toISOString() });
      h.clock.advance(100);
    }
    await h.drain(200);
    const card = () => h.connector.messages.find((m) => m.channel === CHANNELS.netOps && !m.replyToId && JSON.stringify(m.activity).includes('"incident-'))!;
    const incident = await h.db.incident.findFirstOrThrow();
    expect(h.cardJson(card())).toContain('incident.ack.open');

    const refused = await h.fetchTask('sam', { verb: 'incident.ack.open', incidentId: incident.id }, card());
    expect(refused.body!.task).toEqual({ type: 'message', value: expect.stringContaining('view-only') });
    const opened = await h.fetchTask('ana', { verb: 'incident.ack.open', incidentId: incident.id }, card());
    expect(JSON.stringify(dialogCard(opened.body))).toContain('"id":"text"');

    const preview = await h.submitTask('ana', { verb: 'incident.ack.submit', intent: 'preview', incidentId: incident.id, kind: 'acknowledge', text: TEXT, complaintsOnly: 'false', onlyNew: 'false', minFollowers: '' });
    const confirm = dialogCard(preview.body)!;
    const md = markdownOf(confirm);
    expect(md).toContain('Reply to 12 authors on 1 platform.');
    expect(md).toContain('Your replies need approval');
    expect(md).toContain('For example, to @x\\[click\\]');
    expect(md).not.toContain('[click](https://evil.example)');
    expect(JSON.stringify(confirm)).toContain('Sorry there, the internet is down'); // "**Boss**" is not a name
    expect(await h.db.reply.count()).toBe(0);

    const send = (confirm.actions as { data: Record<string, unknown> }[])[0]!.data;
    const done = await h.submitTask('ana', send);
    expect(done.body?.task).toBeUndefined();
    expect(h.platform.sent).toHaveLength(0); // waiting for one approval
    expect(h.cardJson(card())).toContain('waits for an approver');
    const ack = await h.db.incidentAck.findFirstOrThrow();

    const self = await h.execute('ana', 'incident.ack.approve', { incidentId: incident.id, ackId: ack.id }, card());
    expect(JSON.stringify(self.body)).toMatch(/second pair of eyes|Only approvers/);
    const approved = await h.execute('dev', 'incident.ack.approve', { incidentId: incident.id, ackId: ack.id }, card());
    expect(approved.status).toBe(200);
    await h.drain(400);
    expect(h.platform.sent).toHaveLength(12);
    expect(new Set(h.platform.sent.map((s) => s.inReplyTo)).size).toBe(12);
    expect(h.platform.sent.every((s) => !s.private && s.text.startsWith('Sorry '))).toBe(true);
    expect(h.cardJson(card())).toContain('12 sent');
    expect(markdownOf(h.connector.cardOf(card()))).not.toContain('[click](https://evil.example)');
    expect((await h.db.incidentEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => [e.actor, e.action])).toEqual([['ana', 'acknowledgement_submitted'], ['dev', 'acknowledgement_approved']]);

    // Resolve with a closing reply, by the approver (no approval needed): everyone acknowledged gets it, once.
    const closing = await h.fetchTask('dev', { verb: 'incident.ack.closing', incidentId: incident.id }, card());
    expect(JSON.stringify(dialogCard(closing.body))).not.toContain('minFollowers');
    const closingPreview = dialogCard((await h.submitTask('dev', { verb: 'incident.ack.submit', intent: 'preview', incidentId: incident.id, kind: 'closing', text: 'Fixed now, {name}. Thanks for bearing with us.' })).body)!;
    expect(markdownOf(closingPreview)).toContain('Reply to 12 authors on 1 platform.');
    await h.submitTask('dev', (closingPreview.actions as { data: Record<string, unknown> }[])[0]!.data);
    await h.drain(400);
    expect(h.platform.sent.filter((s) => s.text.startsWith('Fixed now'))).toHaveLength(12);
    expect(h.cardJson(card())).toContain('Resolved');
    expect(h.cardJson(card())).toContain('**Closing reply**: 12 sent');
  }, 60_000);
});
