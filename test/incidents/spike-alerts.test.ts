import { describe, expect, it } from 'vitest';
import { spikeAlertsJob } from '../../src/jobs/definitions/spike-alerts.js';
import { createMemoryLogger } from '../../src/log.js';
import type { TDb } from '../../src/store/client.js';
import { startSlackHarness } from '../bot/slack/harness.js';
import { CHANNELS, startTeamsHarness, teamsOrgChart } from '../bot/teams/harness.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { seedCase } from '../helpers/seed.js';

const NETOPS = 'C07NETOPS01';
const WEEK = 7 * 24 * 3600_000;
const MIN = 60_000;

/**
 * Four weeks of history for network-ops at this hour of the week (3 reports in the hour, one earlier in the day),
 * then 40 outage reports in the last hour — before any cluster or incident exists.
 */
async function seedSpike(db: TDb, at: Date) {
  for (let k = 1; k <= 4; k++) {
    const then = at.getTime() - k * WEEK;
    for (const ago of [10, 25, 40]) await seedCase(db, { team: 'network-ops', now: new Date(then - ago * MIN) });
    await seedCase(db, { team: 'network-ops', now: new Date(then - 180 * MIN) });
  }
  for (let i = 0; i < 40; i++) await seedCase(db, { team: 'network-ops', now: new Date(at.getTime() - (i + 1) * 80_000) });
}

const tick = (db: TDb, chart: ReturnType<typeof exampleOrgChart>, slot: Date) =>
  spikeAlertsJob(chart).handler({ db, now: slot, slot, log: createMemoryLogger(), payload: undefined });

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`spike alerts on ${name}`, () => {
    it('Slack: one alert in the team channel, explained in numbers, managers named, the chart uploaded; not again on the next tick', async () => {
      const { db } = (await make()) as { db: TDb };
      const h = await startSlackHarness({ db });
      const at = h.clock.now(); // Monday 23 November 2026, 10:00 UTC (10:00 in London)
      await seedSpike(db, at);
      await tick(db, exampleOrgChart(), at);
      await h.drain(100);
      const alerts = h.slack.messages.filter((m) => m.channel === NETOPS && m.text.includes('Spike'));
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.text).toBe('Spike · Network Operations: 40 negative mentions in the last hour vs usually 3 at Mon 09:00');
      expect(h.cardText(alerts[0]!)).toContain('<@U07DEV0001>');
      expect(h.cardText(alerts[0]!)).toContain('the same hour over the past 4 weeks');
      const charts = h.slack.files.filter((f) => f.channel === NETOPS);
      expect(charts).toHaveLength(1);
      expect(charts[0]!.bytes.subarray(1, 4).toString()).toBe('PNG');
      const rows = await db.spikeAlert.findMany();
      expect(rows.map((r) => `${r.scope}/${r.metric}`).sort()).toEqual(['brand/negative', 'brand/volume', 'category:outage/negative', 'category:outage/volume', 'team:network-ops/negative', 'team:network-ops/volume']);
      expect(rows.every((r) => r.count === 40 && r.baseline === 3 && r.weeks === 4)).toBe(true);

      // Five minutes on, the same spike is still in the window: it was already posted.
      h.clock.advance(5 * MIN);
      await tick(db, exampleOrgChart(), h.clock.now());
      await h.drain(100);
      expect(h.slack.messages.filter((m) => m.channel === NETOPS && m.text.includes('Spike'))).toHaveLength(1);
      expect(await db.spikeAlert.count()).toBe(6);
    }, 90_000);

    it('Teams: one alert card in the team channel with the managers mentioned and the chart inline; not again on the next tick', async () => {
      const { db } = (await make()) as { db: TDb };
      const h = await startTeamsHarness({ db });
      await h.install(CHANNELS.netOps, 'dev');
      const at = h.clock.now();
      await seedSpike(db, at);
      await tick(db, teamsOrgChart(), at);
      await h.drain();
      const alerts = () => h.connector.posts(CHANNELS.netOps).filter((m) => JSON.stringify(m.activity).includes('Spike'));
      expect(alerts()).toHaveLength(1);
      const activity = alerts()[0]!.activity as { attachments: { contentType: string; contentUrl?: string }[] };
      const card = h.cardJson(alerts()[0]!);
      expect(card).toContain('40 negative mentions in the last hour vs usually 3 at Mon 09:00');
      expect(card).toContain('"mentioned":{"id":"aad-dev"');
      expect(activity.attachments.find((a) => a.contentType === 'image/png')?.contentUrl).toMatch(/^data:image\/png;base64,iVBOR/);
      h.clock.advance(5 * MIN);
      await tick(db, teamsOrgChart(), h.clock.now());
      await h.drain();
      expect(alerts()).toHaveLength(1);
    }, 90_000);
  });
}

describe('spike alert delivery on Slack', () => {
  it('an alert whose answer was lost, or that was rate-limited, is still posted once, with its chart', async () => {
    const h = await startSlackHarness();
    const at = h.clock.now();
    await seedSpike(h.db, at);
    h.slack.loseNextAnswer('chat.postMessage');
    await tick(h.db, exampleOrgChart(), at);
    await h.drain(100);
    expect(h.slack.messages.filter((m) => m.channel === NETOPS && m.text.includes('Spike'))).toHaveLength(1);
    expect(h.slack.files.filter((f) => f.channel === NETOPS)).toHaveLength(1);

    // Past the cool-down, a fresh spike on a 429 first: retried after Retry-After, posted once.
    h.clock.advance(4 * 3600_000);
    for (let i = 0; i < 60; i++) await seedCase(h.db, { team: 'network-ops', now: new Date(h.clock.now().getTime() - (i + 1) * 50_000) });
    h.slack.failNext('chat.postMessage', { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } });
    await tick(h.db, exampleOrgChart(), h.clock.now());
    await h.drain(100);
    expect(h.slack.messages.filter((m) => m.channel === NETOPS && m.text.includes('Spike'))).toHaveLength(2);
    expect(await h.db.outboxItem.count({ where: { status: 'dead' } })).toBe(0);
  }, 90_000);
});

describe('spike alerts stay quiet', () => {
  it('without enough history, or when the hour is as usual', async () => {
    const { db } = await createTestDb();
    const at = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 40; i++) await seedCase(db, { team: 'network-ops', now: new Date(at.getTime() - (i + 1) * MIN) });
    await tick(db, exampleOrgChart(), at);
    expect(await db.spikeAlert.count()).toBe(0);
    // Same 40 every week at this hour: busy, but usual.
    for (let k = 1; k <= 4; k++) for (let i = 0; i < 40; i++) await seedCase(db, { team: 'network-ops', now: new Date(at.getTime() - k * WEEK - (i + 1) * MIN) });
    await seedCase(db, { team: 'network-ops', now: new Date(at.getTime() - 5 * WEEK) });
    await tick(db, exampleOrgChart(), at);
    expect(await db.spikeAlert.count()).toBe(0);
    expect(await db.outboxItem.count({ where: { kind: 'spike.alert' } })).toBe(0);
  }, 60_000);
});
