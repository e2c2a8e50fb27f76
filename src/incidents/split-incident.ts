import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { sqlOf } from '../intake/sql.js';
import { enqueue } from '../outbox/enqueue.js';
import { providerOf } from '../store/client.js';
import { runIncidentAction } from './incident-action.js';
import { recountIncident } from './incident-store.js';

/**
 * Takes one member case out of the incident: it becomes an ordinary case with its own card in its team's channel,
 * and the incident's numbers (count, reach, sentiment, samples, top authors) are recomputed without it. Follow-ups
 * from that author in that thread join the case as any follow-up does (one case per conversation), so they stay out
 * of the incident too. Both the incident and the case carry an audit row.
 */
export function splitFromIncident(deps: TCaseDeps, o: { incidentId: string; caseId: string; actorId: string }): Promise<Incident> {
  return runIncidentAction(deps, { incidentId: o.incidentId, actorId: o.actorId, permission: 'act' }, async (ctx) => {
    const c = await ctx.tx.case.findUnique({ where: { id: o.caseId }, select: { id: true, incidentId: true, team: true, version: true } });
    if (!c) throw new AppError('NOT_FOUND', `Case ${o.caseId} does not exist.`, { field: 'case' });
    if (c.incidentId !== ctx.incident.id) throw new AppError('CONFLICT', 'That mention is no longer part of this incident.', { field: 'case' });
    if ((await ctx.tx.case.count({ where: { incidentId: ctx.incident.id } })) <= 1) {
      throw new AppError('INVALID_STATE', 'This is the incident’s only mention: resolve the incident instead of splitting it.', { field: 'case' });
    }
    const moved = await ctx.tx.case.updateMany({ where: { id: c.id, version: c.version }, data: { incidentId: null, updatedAt: ctx.now, version: { increment: 1 } } });
    if (moved.count !== 1) throw new AppError('CONFLICT', 'Someone else changed that case at the same moment; try again.', { field: 'case' });
    await ctx.tx.caseEvent.create({ data: { caseId: c.id, actor: o.actorId, action: 'split_from_incident', at: ctx.now, payload: JSON.stringify({ incidentId: ctx.incident.id, title: ctx.incident.title }) } });
    await enqueue(ctx.tx, { kind: 'card.post', caseId: c.id, team: c.team }, { destination: `team:${c.team}`, idempotencyKey: `card.post:${c.id}:${c.team}:split:v${c.version + 1}`, now: ctx.now });
    await recountIncident(sqlOf(ctx.tx, providerOf(deps.db)), deps.orgChart, ctx.incident.id, ctx.now);
    return { event: { action: 'split', payload: { caseId: c.id } }, result: await ctx.tx.incident.findUniqueOrThrow({ where: { id: ctx.incident.id } }) };
  });
}
