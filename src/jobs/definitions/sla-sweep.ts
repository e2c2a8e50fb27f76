import { z } from 'zod';
import { raisePriority } from '../../cases/priority-order.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { TDb, TTx } from '../../store/client.js';
import { transact } from '../../store/transaction-retry.js';
import { defineJob, type TJob } from '../job.js';

export const ZSlaSweepSettings = z.object({
  warningMinutes: z.number().int().min(1),
  /** Minutes after the breach before managers are pulled in; undefined: half the case's SLA. */
  escalateAfterMinutes: z.number().int().min(0).optional(),
});
export type TSlaSweepSettings = z.infer<typeof ZSlaSweepSettings>;

type TStage = 'warning' | 'breached' | 'escalated';
const UNANSWERED = ['new', 'claimed'];
const MIN = 60_000;

interface TSweptCase {
  id: string;
  team: string;
  slaMinutes: number | null;
  slaDueAt: Date;
}

/** The one stage a case is in now; a stage whose moment passed unseen (downtime) is not sent late. */
export function slaStage(c: TSweptCase, now: Date, s: TSlaSweepSettings): TStage | null {
  const sla = c.slaMinutes ?? 60;
  const due = c.slaDueAt.getTime();
  // A 10-minute SLA warned 15 minutes ahead would be warned on arrival: the warning is capped at a quarter.
  const warnMs = Math.min(s.warningMinutes, sla / 4) * MIN;
  const graceMs = (s.escalateAfterMinutes ?? sla / 2) * MIN;
  const t = now.getTime();
  if (t >= due + graceMs) return 'escalated';
  if (t >= due) return 'breached';
  if (t >= due - warnMs) return 'warning';
  return null;
}

export const slaAlertKey = (caseId: string, stage: TStage, slaDueAt: Date) => `sla.alert:${caseId}:${stage}:${slaDueAt.toISOString()}`;

/**
 * Every minute: cases still waiting for a first answer get one `sla.alert` per stage and due time — a warning
 * before the breach, a notice at the breach, and past the grace an escalation to the team's managers, which
 * also flags the case, raises its priority and leaves an audit event by `earshot`.
 */
export function slaSweepJob(settings: TSlaSweepSettings, opts: { schedule?: string } = {}): TJob<TSlaSweepSettings> {
  return defineJob({
    id: 'sla-sweep',
    schedule: opts.schedule ?? '* * * * *',
    payload: { schema: ZSlaSweepSettings, value: settings },
    async handler({ db, now, log, payload }) {
      const horizon = new Date(now.getTime() + payload.warningMinutes * MIN);
      const open = await db.case.findMany({
        where: { status: { in: UNANSWERED }, firstResponseAt: null, slaDueAt: { not: null, lte: horizon } },
        select: { id: true, team: true, slaMinutes: true, slaDueAt: true },
      });
      const due = open.flatMap((c) => {
        const stage = slaStage(c as TSweptCase, now, payload);
        return stage ? [{ c: c as TSweptCase, stage, key: slaAlertKey(c.id, stage, c.slaDueAt!) }] : [];
      });
      // Most cases were alerted in an earlier minute: one read filters them out instead of a write per case.
      const sent = new Set(
        (await db.outboxItem.findMany({ where: { idempotencyKey: { in: due.map((d) => d.key) } }, select: { idempotencyKey: true } })).map((o) => o.idempotencyKey),
      );
      let alerts = 0;
      for (const d of due.filter((x) => !sent.has(x.key))) {
        if (await alertCase(db, d.c, d.stage, d.key, now)) alerts += 1;
      }
      if (alerts) log.info('sla alerts queued', { alerts });
    },
  });
}

/** One case, one transaction: the case is re-read so an answer that just arrived cancels the alert. */
async function alertCase(db: TDb, c: TSweptCase, stage: TStage, key: string, now: Date): Promise<boolean> {
  return transact(db, async (tx) => {
    const fresh = await tx.case.findUnique({ where: { id: c.id } });
    if (!fresh || !UNANSWERED.includes(fresh.status) || fresh.firstResponseAt || fresh.slaDueAt?.getTime() !== c.slaDueAt.getTime()) return false;
    // Checked again inside the transaction: a sweep from another process may have got here first.
    if (await tx.outboxItem.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) return false;
    if (stage === 'escalated') await escalate(tx, fresh, now);
    await enqueue(tx, { kind: 'sla.alert', caseId: c.id, team: fresh.team, stage }, { destination: `team:${fresh.team}`, idempotencyKey: key, now });
    return true;
  });
}

async function escalate(tx: TTx, c: { id: string; priority: string; escalated: boolean; slaDueAt: Date | null; version: number }, now: Date): Promise<void> {
  // A case triage or a person already escalated keeps its priority: the breach is news, the urgency is not.
  const priority = c.escalated ? c.priority : raisePriority(c.priority);
  await tx.case.update({ where: { id: c.id }, data: { escalated: true, priority, updatedAt: now, version: { increment: 1 } } });
  const overdueMinutes = Math.round((now.getTime() - c.slaDueAt!.getTime()) / MIN);
  const ev = await tx.caseEvent.create({
    data: {
      caseId: c.id,
      actor: 'earshot',
      action: 'sla_escalated',
      at: now,
      payload: JSON.stringify({ reason: `No first response ${overdueMinutes} minutes after the SLA`, slaDueAt: c.slaDueAt!.toISOString(), priorityFrom: c.priority, priorityTo: priority }),
    },
  });
  await enqueue(tx, { kind: 'card.update', caseId: c.id, eventId: ev.id }, { destination: `case:${c.id}`, idempotencyKey: `card.update:${ev.id}`, now });
}
