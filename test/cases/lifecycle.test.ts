import { describe, expect, it } from 'vitest';
import { addNote, escalateCase, markMonitorOnly, markSpam, moveOffline, reassignCase, reopenCase, resolveCase } from '../../src/cases/index.js';
import { manualClock } from '../helpers/clock.js';
import { createTestDb } from '../helpers/db.js';
import { exampleOrgChart } from '../helpers/org-chart.js';
import { eventsOf, outboxOf, seedCase } from '../helpers/seed.js';

async function setup() {
  const { db } = await createTestDb();
  const clock = manualClock();
  return { db, clock, deps: { db, orgChart: exampleOrgChart(), now: clock.now } };
}

describe('case lifecycle', () => {
  it('monitor only stops the SLA clock and is audited', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const m = await markMonitorOnly(deps, { caseId: c.id, actorId: 'tom', reason: 'troll' });
    expect(m).toMatchObject({ status: 'monitoring', slaDueAt: null });
    expect((await eventsOf(db, c.id)).map((e) => [e.actor, e.action, JSON.parse(e.payload).reason])).toEqual([['tom', 'monitoring', 'troll']]);
  });

  it('move offline records channel and follow-up, sends the public acknowledgement and claims the case', async () => {
    const { db, deps, clock } = await setup();
    const c = await seedCase(db);
    const due = new Date(clock.now().getTime() + 24 * 3600_000);
    const r = await moveOffline(deps, { caseId: c.id, actorId: 'tom', channel: 'dm', acknowledgement: 'Sorry Jane — we have sent you a DM.', followUpDueAt: due });
    expect(r).toMatchObject({ status: 'offline', offlineChannel: 'dm', assignee: 'tom' });
    expect(r.followUpDueAt?.toISOString()).toBe(due.toISOString());
    const replies = await db.reply.findMany({ where: { caseId: c.id } });
    expect(replies).toMatchObject([{ visibility: 'public', status: 'queued', text: 'Sorry Jane — we have sent you a DM.' }]);
    expect(await outboxOf(db, 'platform.reply')).toHaveLength(1);
    const ev = (await eventsOf(db, c.id))[0]!;
    expect(ev.action).toBe('moved_offline');
    expect(JSON.parse(ev.payload)).toMatchObject({ channel: 'dm', acknowledgementReplyId: replies[0]!.id });
  });

  it('move offline refuses a follow-up in the past and a too-long acknowledgement, changing nothing', async () => {
    const { db, deps, clock } = await setup();
    const c = await seedCase(db);
    await expect(moveOffline(deps, { caseId: c.id, actorId: 'tom', channel: 'email', followUpDueAt: clock.now() })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      moveOffline(deps, { caseId: c.id, actorId: 'tom', channel: 'phone', acknowledgement: 'x'.repeat(300), followUpDueAt: new Date(clock.now().getTime() + 1000) }),
    ).rejects.toMatchObject({ code: 'TEXT_TOO_LONG' });
    expect((await db.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('new');
    expect(await db.reply.count()).toBe(0);
  });

  it('resolve closes the case; reopen brings it back without touching first-response time', async () => {
    const { db, deps, clock } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    const firstResponse = new Date('2026-11-23T10:05:00Z');
    await db.case.update({ where: { id: c.id }, data: { firstResponseAt: firstResponse } });
    const resolved = await resolveCase(deps, { caseId: c.id, actorId: 'tom' });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt?.toISOString()).toBe(clock.now().toISOString());
    await expect(resolveCase(deps, { caseId: c.id, actorId: 'tom' })).rejects.toMatchObject({ code: 'CASE_CLOSED' });
    clock.advance(3600_000);
    const reopened = await reopenCase(deps, { caseId: c.id, actorId: 'tom', reason: 'customer came back' });
    expect(reopened).toMatchObject({ status: 'claimed', resolvedAt: null, reopenCount: 1 });
    expect(reopened.firstResponseAt?.toISOString()).toBe(firstResponse.toISOString());
    await expect(reopenCase(deps, { caseId: c.id, actorId: 'tom' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await eventsOf(db, c.id)).map((e) => e.action)).toEqual(['resolved', 'reopened']);
  });

  it('reassign moves the case to another team, clears the owner and posts a card there', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { assignee: 'tom' });
    const r = await reassignCase(deps, { caseId: c.id, actorId: 'priya', team: 'billing', reason: 'refund' });
    expect(r).toMatchObject({ team: 'billing', assignee: null, status: 'new', slaDueAt: c.slaDueAt });
    const posts = await outboxOf(db, 'card.post');
    expect(posts.map((p) => JSON.parse(p.payload))).toEqual([{ caseId: c.id, team: 'billing' }]);
    await expect(reassignCase(deps, { caseId: c.id, actorId: 'priya', team: 'marketing' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('social-care, network-ops, billing, sales'),
    });
    // Now a billing case: Tom (social care only) is just a viewer there.
    await expect(resolveCase(deps, { caseId: c.id, actorId: 'tom' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('escalate raises priority a step, flags the case and notifies managers with the reason', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { priority: 'P3' });
    const e = await escalateCase(deps, { caseId: c.id, actorId: 'tom', reason: 'mentions a lawsuit' });
    expect(e).toMatchObject({ escalated: true, priority: 'P2' });
    const notes = await outboxOf(db, 'escalation.notify');
    expect(JSON.parse(notes[0]!.payload)).toMatchObject({ reason: 'mentions a lawsuit', team: 'social-care' });
    await expect(escalateCase(deps, { caseId: c.id, actorId: 'tom', reason: ' ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const again = await escalateCase(deps, { caseId: c.id, actorId: 'tom', reason: 'again' });
    expect(again.priority).toBe('P1');
    expect((await escalateCase(deps, { caseId: c.id, actorId: 'tom', reason: 'and again' })).priority).toBe('P1');
  });

  it('notes are recorded (even on closed cases) and never become replies', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db, { status: 'resolved' });
    await addNote(deps, { caseId: c.id, actorId: 'tom', text: 'Called her back; all fine.' });
    expect((await eventsOf(db, c.id)).map((e) => [e.action, JSON.parse(e.payload).text])).toEqual([['note', 'Called her back; all fine.']]);
    expect(await db.reply.count()).toBe(0);
    expect(await outboxOf(db, 'platform.reply')).toEqual([]);
    await expect(addNote(deps, { caseId: c.id, actorId: 'sam', text: 'hi' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('mark spam closes the case as ignored and keeps what triage had said', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const s = await markSpam(deps, { caseId: c.id, actorId: 'tom' });
    expect(s).toMatchObject({ status: 'ignored', category: 'spam', decision: 'ignore', slaDueAt: null });
    expect(JSON.parse((await eventsOf(db, c.id))[0]!.payload)).toEqual({ previousCategory: 'outage' });
  });

  it('every action bumps the case version so stale cards can tell', async () => {
    const { db, deps } = await setup();
    const c = await seedCase(db);
    const a = await markMonitorOnly(deps, { caseId: c.id, actorId: 'tom' });
    const b = await reopenCase(deps, { caseId: c.id, actorId: 'tom' });
    expect([c.version, a.version, b.version]).toEqual([1, 2, 3]);
  });
});
