import { describe, expect, it } from 'vitest';
import { startSlackHarness } from '../bot/slack/harness.js';
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
    const dbg = { top: top.map((m) => m.text.slice(0, 90)), incidents: await h.db.incident.findMany(), cases: await h.db.case.findMany({ select: { clusterId: true, incidentId: true, createdAt: true, status: true } }) };
    (await import('node:fs')).writeFileSync('/tmp/inc-dbg.json', JSON.stringify(dbg, null, 1));
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
