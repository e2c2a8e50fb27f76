import { authorise, type TPermission } from '../cases/authorise.js';
import type { TCaseDeps } from '../cases/case-deps.js';
import type { TActingMember } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { enqueue } from '../outbox/enqueue.js';
import type { TTx } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';

export interface TIncidentContext {
  tx: TTx;
  incident: Incident;
  actor: TActingMember;
  now: Date;
}

/**
 * The frame every incident action runs in, as runCaseAction is for cases: one transaction that loads the incident,
 * checks the actor's permission in its team, applies the change, appends the IncidentEvent and queues the card refresh.
 */
export async function runIncidentAction<R>(
  deps: TCaseDeps,
  spec: { incidentId: string; actorId: string; permission: TPermission; allowClosed?: boolean },
  apply: (ctx: TIncidentContext) => Promise<{ event: { action: string; payload?: Record<string, unknown> }; result: R }>,
): Promise<R> {
  return transact(deps.db, async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: spec.incidentId } });
    if (!incident) throw new AppError('NOT_FOUND', `Incident ${spec.incidentId} does not exist.`);
    const actor = authorise(deps.orgChart, spec.actorId, incident.team, spec.permission);
    if (!spec.allowClosed && (incident.status === 'resolved' || incident.status === 'merged')) {
      throw new AppError('CASE_CLOSED', `This incident is ${incident.status}; reopen it first.`, { status: incident.status });
    }
    const now = deps.now();
    const outcome = await apply({ tx, incident, actor, now });
    const ev = await tx.incidentEvent.create({ data: { incidentId: incident.id, actor: spec.actorId, action: outcome.event.action, at: now, payload: JSON.stringify(outcome.event.payload ?? {}) } });
    await enqueue(tx, { kind: 'incident.update', incidentId: incident.id }, { destination: `incident:${incident.id}`, idempotencyKey: `incident.update:${ev.id}`, now });
    return outcome.result;
  });
}

/** Changes the incident only if nobody changed it since it was read (a concurrent click gets CONFLICT). */
export async function updateIncident(ctx: TIncidentContext, data: Record<string, unknown>): Promise<Incident> {
  const res = await ctx.tx.incident.updateMany({ where: { id: ctx.incident.id, version: ctx.incident.version }, data: { ...data, updatedAt: ctx.now, version: { increment: 1 } } });
  if (res.count !== 1) throw new AppError('CONFLICT', 'Someone else changed this incident at the same moment; try again.');
  return ctx.tx.incident.findUniqueOrThrow({ where: { id: ctx.incident.id } });
}
