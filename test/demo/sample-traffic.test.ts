import { describe, expect, it } from 'vitest';
import { feedPlan, loadSampleTraffic } from '../../src/demo/sample-traffic.js';
import { ZMention } from '../../src/mention.js';
import { triage } from '../../src/triage/index.js';
import { exampleOrgChart } from '../helpers/org-chart.js';

describe('the bundled sample traffic', () => {
  const lines = loadSampleTraffic();
  const at = new Date('2026-12-01T10:00:00Z');
  const mentions = feedPlan(lines, { ratePerMinute: 60, run: 'r1' }).map((step) => step(at).mention);

  it('is valid canonical Mentions from several platforms, with a Spanish post and an outage burst', () => {
    for (const m of mentions) expect(ZMention.safeParse(m).success).toBe(true);
    expect(new Set(mentions.map((m) => m.platform)).size).toBeGreaterThanOrEqual(6);
    expect(mentions.some((m) => m.lang === 'es')).toBe(true);
    expect(lines.filter((l) => l.burst).length).toBeGreaterThanOrEqual(5);
  });

  it('exercises triage the way a demo should: spam ignored or monitored, risk escalated, outages routed to network-ops', () => {
    const chart = exampleOrgChart();
    const decisions = new Map(mentions.map((m, i) => [lines[i]!.key, triage(m, { orgChart: chart, now: at })]));
    expect(decisions.get('risk-1')!.decision).toBe('escalate');
    expect(decisions.get('outage-1')!.team).toBe('network-ops');
    expect(decisions.get('billing-1')!.team).toBe('billing');
    expect(['ignore', 'monitor']).toContain(decisions.get('spam-1')!.decision);
  });

  it('spaces lines by the rate, keeps bursts tight, and makes ids unique per run with follow-ups in their thread', () => {
    const steps = feedPlan(lines, { ratePerMinute: 30, run: 'r2' }).map((s) => s(at));
    expect(steps[0]!.delayMs).toBe(0);
    expect(steps[1]!.delayMs).toBe(2000);
    const burst = lines.findIndex((l, i) => l.burst && lines[i - 1]?.burst);
    expect(steps[burst]!.delayMs).toBeLessThanOrEqual(700);
    expect(steps[0]!.mention.externalId).toBe(`sample-r2-${lines[0]!.key}`);
    const followUp = steps[lines.findIndex((l) => l.replyTo)]!.mention;
    expect(followUp.threadRoot).toBe(`sample-r2-${lines.find((l) => l.replyTo)!.replyTo}`);
    const aged = lines.findIndex((l) => l.ageMinutes);
    expect(new Date(steps[aged]!.mention.createdAt).getTime()).toBe(at.getTime() - lines[aged]!.ageMinutes! * 60_000);
  });
});
