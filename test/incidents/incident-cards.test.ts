import { describe, expect, it } from 'vitest';
import { startSlackHarness, USERS } from '../bot/slack/harness.js';
import { outageSurge } from './surge-mentions.js';

const NETOPS = 'C07NETOPS01';

describe('incident cards (Slack)', () => {
  it('a cluster past the threshold becomes one incident card, refreshed in place; its members get no cards of their own', async () => {
    const h = await startSlackHarness();
    const surge = outageSurge(40, h.clock.now);
    for (const m of surge) await h.earshot.ingest({ ...m, createdAt: h.clock.now().toISOString() });
    await h.drain(200);
    const top = h.slack.messages.filter((m) => m.channel === NETOPS && !m.thread_ts);
    const incidentCards = top.filter((m) => JSON.stringify(m.blocks).includes('"incident:'));
    expect(incidentCards).toHaveLength(1);
    expect(top.length).toBeLessThanOrEqual(5);
    const incident = await h.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ count: 40, team: 'network-ops', category: 'outage', status: 'open' });
    expect(incident.title).toMatch(/^Outage: .*leeds/i);
    expect(await h.db.case.count({ where: { incidentId: incident.id } })).toBe(40);
    expect(JSON.stringify(incidentCards[0]!.blocks)).toContain('*Mentions*\\n40 (');
    // Hostile display names reach the card as text.
    expect(JSON.stringify(h.slack.messages.map((m) => [m.text, m.blocks]))).not.toContain('<!channel>');
  }, 60_000);
});

describe('incident actions (Slack)', () => {
  it('Claim, Monitor and Resolve go through the service with roles and audit rows; Resolve closes the members; a viewer is refused', async () => {
    const h = await startSlackHarness();
    for (const m of outageSurge(8, h.clock.now)) await h.earshot.ingest({ ...m, createdAt: h.clock.now().toISOString() });
    await h.drain(200);
    const card = () => h.slack.messages.find((m) => m.channel === NETOPS && !m.thread_ts && JSON.stringify(m.blocks).includes('"incident:'))!;
    const incident = await h.db.incident.findFirstOrThrow();
    const at = { channel: NETOPS, ts: card().ts };
    await h.click(USERS.sam, 'incident.claim', incident.id, at);
    expect(h.slack.ephemerals.at(-1)?.text).toMatch(/view-only/);
    await h.click(USERS.ana, 'incident.claim', incident.id, at);
    expect(h.cardText(card())).toContain('Claimed by <@U07ANA0001>');
    await h.click(USERS.dev, 'incident.monitor', incident.id, at);
    expect(h.cardText(card())).toContain(':eyes: *Monitoring*');
    await h.click(USERS.dev, 'incident.resolve', incident.id, at);
    expect(h.cardText(card())).toContain(':white_check_mark: *Resolved*');
    expect(await h.db.case.count({ where: { incidentId: incident.id, status: { not: 'resolved' } } })).toBe(0);
    expect((await h.db.incidentEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => [e.actor, e.action])).toEqual([['ana', 'claimed'], ['dev', 'monitoring'], ['dev', 'resolved']]);
    expect(await h.db.caseEvent.count({ where: { action: 'resolved', actor: 'dev' } })).toBe(8);
  }, 60_000);
});
