import { describe, expect, it } from 'vitest';
import { acknowledgeIncident, previewAcknowledgement } from '../../src/incidents/acknowledge-incident.js';
import { ZAckAudience } from '../../src/incidents/ack-audience.js';
import { reviewAcknowledgement } from '../../src/incidents/review-ack.js';
import { resolveWithReply } from '../../src/incidents/resolve-with-reply.js';
import type { TDb } from '../../src/store/client.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { createPgTestDb } from '../helpers/pg.js';
import { addMember, seedIncident } from './seed-incident.js';

const all = ZAckAudience.parse({});
const TEXT = 'Sorry {name}, we know about the outage in Leeds and are fixing it.';

/** Eight members: one customer on two platforms, a praise, a big account, two Bluesky authors. */
const MEMBERS = [
  { handle: 'jane_doe', displayName: 'Jane Doe', customerId: 'cust-1', followers: 120 },
  { platform: 'bluesky', handle: 'jane.bsky.social', displayName: 'Jane', customerId: 'cust-1', followers: 30 },
  { handle: 'bob', displayName: '<!channel> Bob', followers: 5 },
  { handle: 'big_account', displayName: 'Big Account', followers: 50_000 },
  { handle: 'fan', displayName: 'Fan', complaint: false, followers: 40 },
  { platform: 'bluesky', handle: 'al.bsky.social', followers: 900 },
  { platform: 'bluesky', handle: 'cy.bsky.social', followers: 2 },
  { handle: 'dee', followers: 3000 },
];

describe.each([
  ['SQLite', async () => (await createTestDb()).db],
  ['PostgreSQL', async () => (await createPgTestDb()).db],
] as [string, () => Promise<TDb>][])('Acknowledge publicly (%s)', (_name, open) => {
  async function setup(chart = exampleOrgChart()) {
    const db = await open();
    const clock = manualClock('2026-12-01T09:05:00Z');
    const deps = { db, orgChart: chart, now: clock.now };
    const seeded = await seedIncident(db, MEMBERS);
    return { db, deps, clock, ...seeded };
  }

  it('previews the count per person (a known customer once across platforms) with a filled, safe example, then sends one reply each', async () => {
    const { db, deps, incident } = await setup();
    const p = await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: all });
    expect(p).toMatchObject({ count: 7, skipped: 0, needsApproval: false, platforms: [{ id: 'x', count: 4 }, { id: 'bluesky', count: 3 }] });
    expect(p.targets.some((t) => t.author.handle === 'jane_doe')).toBe(false); // Jane's latest post wins: the Bluesky one
    expect(p.example).toEqual({ handle: 'jane.bsky.social', platform: 'bluesky', text: 'Sorry Jane, we know about the outage in Leeds and are fixing it.' });
    const ack = await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: all });
    expect(ack).toMatchObject({ status: 'approved', targets: 7, skipped: 0, actor: 'ana' });
    const replies = await db.reply.findMany({ include: { case: { include: { author: true } } } });
    expect(replies).toHaveLength(7);
    const bob = replies.find((r) => r.case.author.handle === 'bob')!;
    expect(bob.text).toBe('Sorry @bob, we know about the outage in Leeds and are fixing it.'); // "<!channel> Bob" is not a name
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set(['queued']));
    const sends = await db.outboxItem.findMany({ where: { kind: 'platform.reply' } });
    expect(sends.map((s) => s.destination).sort()).toEqual([...Array(3).fill('platform:bluesky'), ...Array(4).fill('platform:x')]);
    expect(await db.caseEvent.count({ where: { action: 'reply_queued', actor: 'ana' } })).toBe(7);
    expect(await db.case.count({ where: { incidentId: incident.id, assignee: 'ana', status: 'claimed' } })).toBe(7);
    expect((await db.incidentEvent.findMany()).map((e) => [e.actor, e.action])).toEqual([['ana', 'acknowledged']]);
  });

  it('narrows to a subset (complaints only, more than N followers, per platform) and never answers one person twice', async () => {
    const { db, deps, incident, clock } = await setup();
    const big = { ...all, complaintsOnly: true, minFollowers: 100 };
    expect((await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: big })).targets.map((t) => t.author.handle).sort()).toEqual(['al.bsky.social', 'big_account', 'dee', 'jane_doe']); // Jane's X account has 120
    const x = { ...all, platforms: ['x'] };
    // Only X: Jane is answered on X although her latest post was on Bluesky.
    expect((await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: x })).targets.map((t) => t.author.handle).sort()).toEqual(['big_account', 'bob', 'dee', 'fan', 'jane_doe']);
    await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: big });
    const again = await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: all });
    expect(again).toMatchObject({ count: 3, skipped: 4 }); // bob, fan, cy; Jane counts as answered on every platform
    await expect(acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: big })).rejects.toMatchObject({ code: 'VALIDATION', message: 'All 4 authors in this audience were already acknowledged.' });
    clock.advance(60_000);
    await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: all });
    // A member who joins later is "new since acknowledgement"; acknowledging only those reaches just them.
    clock.advance(60_000);
    await addMember(db, incident.id, { handle: 'late_comer', displayName: 'Late' }, clock.now());
    await addMember(db, incident.id, { handle: 'dee' }, clock.now()); // dee posts again: already answered
    const fresh = await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: { ...all, onlyNew: true } });
    expect(fresh).toMatchObject({ count: 1, skipped: 1 });
    await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: { ...all, onlyNew: true } });
    const perPerson = await db.incidentAckTarget.groupBy({ by: ['personKey'], _count: true });
    expect(perPerson.every((g) => g._count === 1)).toBe(true);
    expect(await db.reply.count()).toBe(8);
  });

  it('two people acknowledging at the same moment never answer one author twice', async () => {
    const { db, deps, incident } = await setup();
    const results = await Promise.allSettled([
      acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: all }),
      acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'dev', text: TEXT, audience: all }),
    ]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: expect.stringMatching(/CONFLICT|VALIDATION/) });
    expect(await db.reply.count()).toBe(7);
    expect(await db.outboxItem.count({ where: { kind: 'platform.reply' } })).toBe(7);
    expect((await db.incidentAckTarget.groupBy({ by: ['personKey'], _count: true })).every((g) => g._count === 1)).toBe(true);
  });

  it('refuses a viewer, an unknown placeholder and a text too long for a platform, storing nothing', async () => {
    const { db, deps, incident } = await setup();
    await expect(acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'sam', text: TEXT, audience: all })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'sam', text: TEXT, audience: all })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: 'Hi {nmae}', audience: all })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('{nmae}') });
    await expect(acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: `{name} ${'x'.repeat(300)}`, audience: all })).rejects.toMatchObject({ code: 'TEXT_TOO_LONG', message: expect.stringMatching(/^(?=.*X allows 280 characters; this reply has \d+\. Shorten it by \d+\. \(4 authors\))(?=.*Bluesky allows 300 graphemes.*\(3 authors\))/) });
    expect(await db.reply.count()).toBe(0);
    expect(await db.outboxItem.count({ where: { kind: 'platform.reply' } })).toBe(0);
    expect(await db.incidentAck.count()).toBe(0);
  });

  it('a responder who needs approval submits the whole acknowledgement for one approval; nothing is sent until an approver approves', async () => {
    const chart = exampleOrgChart();
    chart.teams.find((t) => t.id === 'network-ops')!.members.find((m) => m.id === 'ana')!.needsApproval = true;
    const { db, deps, incident } = await setup(chart);
    expect((await previewAcknowledgement(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: all })).needsApproval).toBe(true);
    const ack = await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: all });
    expect(ack.status).toBe('pending_approval');
    expect(await db.reply.count({ where: { status: 'pending_approval' } })).toBe(7);
    expect(await db.outboxItem.count({ where: { kind: 'platform.reply' } })).toBe(0);
    await expect(reviewAcknowledgement(deps, { ackId: ack.id, actorId: 'ana', verdict: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await reviewAcknowledgement(deps, { ackId: ack.id, actorId: 'dev', verdict: 'approve' });
    await expect(reviewAcknowledgement(deps, { ackId: ack.id, actorId: 'dev', verdict: 'reject' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already approved by Dev Patel') });
    expect(await db.reply.count({ where: { status: 'queued', approvedBy: 'dev' } })).toBe(7);
    expect(await db.outboxItem.count({ where: { kind: 'platform.reply' } })).toBe(7);
    expect((await db.incidentEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => [e.actor, e.action])).toEqual([['ana', 'acknowledgement_submitted'], ['dev', 'acknowledgement_approved']]);
  });

  it('Resolve with a closing reply goes to everyone who was acknowledged, once, and resolves the members', async () => {
    const { db, deps, incident } = await setup();
    await acknowledgeIncident(deps, { incidentId: incident.id, actorId: 'ana', text: TEXT, audience: { ...all, minFollowers: 500 } });
    const resolved = await resolveWithReply(deps, { incidentId: incident.id, actorId: 'ana', text: 'Fixed now, {name}. Thanks for bearing with us.' });
    expect(resolved.status).toBe('resolved');
    const closing = await db.incidentAck.findFirstOrThrow({ where: { kind: 'closing' }, include: { targetRows: true } });
    expect(closing.targets).toBe(3);
    const texts = await db.reply.findMany({ where: { id: { in: closing.targetRows.map((t) => t.replyId) } }, select: { text: true } });
    expect(texts.map((t) => t.text).sort()).toEqual(['Fixed now, @al.bsky.social. Thanks for bearing with us.', 'Fixed now, @dee. Thanks for bearing with us.', 'Fixed now, Big. Thanks for bearing with us.']);
    expect(await db.case.count({ where: { incidentId: incident.id, status: { not: 'resolved' } } })).toBe(0);
  });
});
