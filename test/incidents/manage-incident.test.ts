import { describe, expect, it } from 'vitest';
import { acknowledgeIncident, previewAcknowledgement } from '../../src/incidents/acknowledge-incident.js';
import { ZAckAudience } from '../../src/incidents/ack-audience.js';
import { resolveIncident } from '../../src/incidents/change-incident.js';
import { mergeCandidates, mergeIncidents } from '../../src/incidents/merge-incidents.js';
import { renameIncident } from '../../src/incidents/rename-incident.js';
import { splitFromIncident } from '../../src/incidents/split-incident.js';
import type { TMention } from '../../src/mention.js';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { createTestIntake } from '../helpers/intake.js';
import { mention } from '../helpers/mentions.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { outageSurge } from './surge-mentions.js';

/** The same surge in another town, worded differently, so it founds an incident of its own. */
const bradford = (n: number, at: () => Date): TMention[] =>
  outageSurge(n, at).map((m, i) => ({ ...m, externalId: `bradford-${i}`, text: m.text.replace(/Leeds/g, 'Bradford').replace('internet', 'broadband'), author: { ...m.author, handle: `bradford_${i}` } }));

for (const [name, make] of [['SQLite', createTestDb], ['PostgreSQL', createPgTestDb]] as const) {
  describe(`rename, split and merge on ${name}`, () => {
    async function setup() {
      const { db } = (await make()) as { db: TDb };
      const clock = manualClock();
      const orgChart = exampleOrgChart();
      const intake = createTestIntake(db, { now: clock.now, orgChart });
      return { db, clock, ingest: intake.ingest, deps: { db, orgChart, now: clock.now } };
    }

    it('rename: validated and length-limited, kept as written while the incident grows, audited, the card refreshed', async () => {
      const { db, clock, ingest, deps } = await setup();
      for (const m of outageSurge(6, clock.now)) await ingest(m);
      const incident = await db.incident.findFirstOrThrow();
      await expect(renameIncident(deps, { incidentId: incident.id, actorId: 'ana', title: '  \n ' })).rejects.toMatchObject({ code: 'VALIDATION', details: { field: 'title' } });
      await expect(renameIncident(deps, { incidentId: incident.id, actorId: 'ana', title: 'x'.repeat(121) })).rejects.toThrow(/120 characters \(this one has 121\)/);
      await expect(renameIncident(deps, { incidentId: incident.id, actorId: 'sam', title: 'Leeds outage' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const updatesBefore = await db.outboxItem.count({ where: { kind: 'incident.update' } });
      await renameIncident(deps, { incidentId: incident.id, actorId: 'ana', title: 'Leeds\nfibre cut <!channel>\u0007 ' });
      for (const m of outageSurge(12, clock.now).slice(6)) await ingest(m);
      const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
      expect(after).toMatchObject({ title: 'Leeds fibre cut <!channel>', titleEdited: true, count: 12 });
      const ev = await db.incidentEvent.findFirstOrThrow({ where: { action: 'renamed' } });
      expect([ev.actor, JSON.parse(ev.payload)]).toEqual(['ana', { from: incident.title, to: 'Leeds fibre cut <!channel>' }]);
      expect(await db.outboxItem.count({ where: { kind: 'incident.update' } })).toBeGreaterThan(updatesBefore);
    }, 60_000);

    it('split: the case leaves with a card of its own, the numbers are recounted, its author’s follow-up stays with it', async () => {
      const { db, clock, ingest, deps } = await setup();
      const surge = outageSurge(8, clock.now);
      for (const m of surge) await ingest(m);
      const incident = await db.incident.findFirstOrThrow();
      const last = surge.at(-1)!;
      const member = await db.case.findFirstOrThrow({ where: { incidentId: incident.id, mentions: { some: { externalId: last.externalId } } } });
      const reachBefore = incident.reach;
      await expect(splitFromIncident(deps, { incidentId: incident.id, caseId: member.id, actorId: 'sam' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await splitFromIncident(deps, { incidentId: incident.id, caseId: member.id, actorId: 'ana' });
      const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
      expect(after.count).toBe(7);
      expect(after.reach).toBe(reachBefore - last.author.followers!);
      expect((await db.case.findUniqueOrThrow({ where: { id: member.id } })).incidentId).toBeNull();
      expect(await db.outboxItem.count({ where: { kind: 'card.post', caseId: member.id } })).toBe(1);
      expect((await db.caseEvent.findFirstOrThrow({ where: { caseId: member.id, action: 'split_from_incident' } })).actor).toBe('ana');
      expect(JSON.parse((await db.incidentEvent.findFirstOrThrow({ where: { action: 'split' } })).payload)).toEqual({ caseId: member.id });
      // The same customer adds to their post: it joins their case, not the incident.
      const follow = await ingest(mention({ externalId: 'leeds-follow', text: '@acmebroadband still down in Leeds, any update?', inReplyTo: last.externalId, author: last.author }));
      expect(follow.caseId).toBe(member.id);
      expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).count).toBe(7);
      // Splitting it again, or a case of another incident, is refused with the reason.
      await expect(splitFromIncident(deps, { incidentId: incident.id, caseId: member.id, actorId: 'ana' })).rejects.toThrow(/no longer part of this incident/);
      // The incident is resolved and the outage flares up again: the new incident does not sweep the split case back in.
      await resolveIncident(deps, { incidentId: incident.id, actorId: 'ana' });
      for (const m of outageSurge(16, clock.now).slice(10)) await ingest({ ...m, externalId: `${m.externalId}-again` });
      const again = await db.incident.findFirstOrThrow({ where: { status: 'open' } });
      expect(again.id).not.toBe(incident.id);
      expect((await db.case.findUniqueOrThrow({ where: { id: member.id } })).incidentId).toBeNull();
    }, 60_000);

    it('merge: members, counts, reach and sentiment combine; the merged one points at the target; its cluster keeps feeding the target; both audited', async () => {
      const { db, clock, ingest, deps } = await setup();
      for (const m of outageSurge(6, clock.now)) await ingest(m);
      for (const m of bradford(5, clock.now)) await ingest(m);
      const [leeds, brad] = await db.incident.findMany({ orderBy: { createdAt: 'asc' } });
      expect(brad, 'the Bradford surge founds its own incident').toBeDefined();
      expect((await mergeCandidates(deps, brad!.id)).map((i) => i.id)).toEqual([leeds!.id]);
      await expect(mergeIncidents(deps, { incidentId: brad!.id, targetId: brad!.id, actorId: 'ana' })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(mergeIncidents(deps, { incidentId: brad!.id, targetId: leeds!.id, actorId: 'sam' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const target = await mergeIncidents(deps, { incidentId: brad!.id, targetId: leeds!.id, actorId: 'dev' });
      expect(target.count).toBe(leeds!.count + brad!.count);
      expect(target.reach).toBe(leeds!.reach + brad!.reach);
      const sum = (a: string, b: string) => Object.fromEntries(Object.entries(JSON.parse(a) as Record<string, number>).map(([k, v]) => [k, v + (JSON.parse(b)[k] ?? 0)]));
      expect(JSON.parse(target.sentiment)).toEqual(sum(leeds!.sentiment, brad!.sentiment));
      expect(JSON.parse(target.platforms)).toEqual({ x: 11 });
      expect(await db.incident.findUniqueOrThrow({ where: { id: brad!.id } })).toMatchObject({ status: 'merged', mergedInto: leeds!.id });
      expect((await db.incidentEvent.findMany({ where: { action: { in: ['merged', 'merged_in'] } }, orderBy: { action: 'asc' } })).map((e) => [e.incidentId, e.action, e.actor])).toEqual([
        [brad!.id, 'merged', 'dev'],
        [leeds!.id, 'merged_in', 'dev'],
      ]);
      // A merged incident takes no more actions, and can't be a target.
      await expect(renameIncident(deps, { incidentId: brad!.id, actorId: 'dev', title: 'again' })).rejects.toMatchObject({ code: 'CASE_CLOSED' });
      await expect(mergeIncidents(deps, { incidentId: leeds!.id, targetId: brad!.id, actorId: 'dev' })).rejects.toThrow(/is merged; choose an open incident/);
      // Later Bradford reports join the target rather than founding a new incident.
      for (const m of bradford(8, clock.now).slice(5)) await ingest({ ...m, externalId: `${m.externalId}-late` });
      expect(await db.incident.count()).toBe(2);
      expect((await db.incident.findUniqueOrThrow({ where: { id: leeds!.id } })).count).toBe(14);
    }, 60_000);

    it('merge: whoever the merged incident acknowledged counts as answered in the target, so an acknowledgement there never answers them twice', async () => {
      const { db, clock, ingest, deps } = await setup();
      for (const m of outageSurge(6, clock.now)) await ingest(m);
      for (const m of bradford(5, clock.now)) await ingest(m);
      const [leeds, brad] = await db.incident.findMany({ orderBy: { createdAt: 'asc' } });
      const all = ZAckAudience.parse({});
      const text = 'Sorry {name}, we are on it.';
      await acknowledgeIncident(deps, { incidentId: brad!.id, actorId: 'dev', text, audience: all });
      await mergeIncidents(deps, { incidentId: brad!.id, targetId: leeds!.id, actorId: 'dev' });
      expect(await previewAcknowledgement(deps, { incidentId: leeds!.id, actorId: 'dev', text, audience: all })).toMatchObject({ count: 6, skipped: 5 });
      await acknowledgeIncident(deps, { incidentId: leeds!.id, actorId: 'dev', text, audience: all });
      const perAuthor = await db.reply.groupBy({ by: ['caseId'], _count: true });
      expect(perAuthor).toHaveLength(11);
      expect(perAuthor.every((g) => g._count === 1)).toBe(true);
    }, 60_000);

    it('merge: two people merging the two incidents into each other at the same moment end with one incident, not a loop', async () => {
      const { db, clock, ingest, deps } = await setup();
      for (const m of outageSurge(6, clock.now)) await ingest(m);
      for (const m of bradford(5, clock.now)) await ingest(m);
      const [a, b] = await db.incident.findMany({ orderBy: { createdAt: 'asc' } });
      const results = await Promise.allSettled([
        mergeIncidents(deps, { incidentId: a!.id, targetId: b!.id, actorId: 'dev' }),
        mergeIncidents(deps, { incidentId: b!.id, targetId: a!.id, actorId: 'ana' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/CONFLICT|CASE_CLOSED/) });
      const rows = await db.incident.findMany();
      expect(rows.filter((i) => i.status === 'merged')).toHaveLength(1);
      const open = rows.find((i) => i.status === 'open')!;
      expect(open.count).toBe(11);
      expect(await db.case.count({ where: { incidentId: open.id } })).toBe(11);
    }, 60_000);
  });
}
