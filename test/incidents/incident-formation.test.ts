import { describe, expect, it } from 'vitest';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createTestIntake } from '../helpers/intake.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { outageSurge } from './surge-mentions.js';

/** The same behaviour on both databases: the incident SQL runs on the intake's raw path. */
for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`incident formation on ${name}`, () => {
    async function setup(chart = exampleOrgChart()) {
      const { db } = (await make()) as { db: TDb };
      const clock = manualClock();
      const intake = createTestIntake(db, { now: clock.now, orgChart: chart });
      return { db, clock, ingest: intake.ingest };
    }
    const cardPosts = (db: TDb) => db.outboxItem.findMany({ where: { kind: 'card.post' } });

    it('the fifth report founds an incident; the first four keep their cards, later members get none; counts come from the members', async () => {
      const { db, clock, ingest } = await setup();
      const surge = outageSurge(12, clock.now);
      for (const m of surge) {
        await ingest(m);
        clock.advance(1000);
      }
      const [incident, ...more] = await db.incident.findMany();
      expect(more).toEqual([]);
      expect(incident).toMatchObject({ team: 'network-ops', category: 'outage', place: 'leeds', status: 'open', count: 12 });
      expect(JSON.parse(incident!.platforms)).toEqual({ x: 12 });
      expect(JSON.parse(incident!.sentiment).negative).toBeGreaterThan(0);
      expect(incident!.reach).toBe(surge.reduce((s, m) => s + m.author.followers!, 0));
      expect(JSON.parse(incident!.samples)).toHaveLength(3);
      expect(JSON.parse(incident!.topAuthors)[0].followers).toBe(Math.max(...surge.map((m) => m.author.followers!)));
      expect(incident!.lastSeenAt.getTime() - incident!.firstSeenAt.getTime()).toBe(11_000);
      expect(await db.case.count({ where: { incidentId: incident!.id } })).toBe(12);
      expect(await db.case.count()).toBe(12);
      // Four cards before the threshold, the incident's own card, and nothing for the members after it.
      expect((await cardPosts(db)).length).toBe(4);
      expect(await db.outboxItem.count({ where: { kind: 'incident.post' } })).toBe(1);
      expect(await db.outboxItem.count({ where: { kind: 'escalation.notify', caseId: { in: (await db.case.findMany({ where: { incidentId: incident!.id } })).map((c) => c.id).slice(5) } } })).toBe(0);
      expect(await db.outboxItem.count({ where: { kind: 'incident.update' } })).toBeGreaterThan(0);
    }, 60_000);

    it('a member that earns its own card (a business customer, a verified author with a large following) keeps it, in the incident thread', async () => {
      const { db, clock, ingest } = await setup();
      for (const m of outageSurge(6, clock.now)) await ingest(m);
      const vip = await ingest(mention({ externalId: 'vip-1', text: '@acmebroadband is the internet down in Leeds? no connection at all', author: { handle: 'bigco', tier: 'business', followers: 50 } }));
      const star = await ingest(mention({ externalId: 'star-1', text: '@acmebroadband is the internet down in Leeds? totally dead', author: { handle: 'star', followers: 250_000, verified: true } }));
      const plain = await ingest(mention({ externalId: 'plain-1', text: '@acmebroadband is the internet down in Leeds? kids going mad', author: { handle: 'plain', followers: 12 } }));
      const incident = await db.incident.findFirstOrThrow();
      for (const r of [vip, star, plain]) expect((await db.case.findUniqueOrThrow({ where: { id: r.caseId! } })).incidentId).toBe(incident.id);
      const posts = await cardPosts(db);
      for (const r of [vip, star]) expect(JSON.parse(posts.find((p) => p.caseId === r.caseId)!.payload)).toMatchObject({ incidentId: incident.id });
      expect(posts.find((p) => p.caseId === plain.caseId)).toBeUndefined();
    }, 60_000);

    it('reads the threshold from the org chart: with minMentions 20, twelve reports stay cases with cards', async () => {
      const chart = exampleOrgChart();
      const { db, clock, ingest } = await setup({ ...chart, incidents: { ...chart.incidents, minMentions: 20 } });
      for (const m of outageSurge(12, clock.now)) await ingest(m);
      expect(await db.incident.count()).toBe(0);
      expect((await cardPosts(db)).length).toBe(12);
    }, 60_000);
  });
}
