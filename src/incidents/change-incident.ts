import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { runIncidentAction, updateIncident, type TIncidentContext } from './incident-action.js';

type TOpts = { incidentId: string; actorId: string };

/** Takes ownership of the incident; of two simultaneous claims one wins, the other gets CONFLICT naming the winner. */
export function claimIncident(deps: TCaseDeps, o: TOpts): Promise<Incident> {
  return runIncidentAction(deps, { ...o, permission: 'act' }, async (ctx) => {
    if (ctx.incident.assignee === o.actorId) return { event: { action: 'claim_repeated' }, result: ctx.incident };
    if (ctx.incident.assignee) throw new AppError('CONFLICT', `Already claimed by ${ctx.incident.assignee}.`, { owner: ctx.incident.assignee });
    return { event: { action: 'claimed' }, result: await updateIncident(ctx, { assignee: o.actorId }) };
  });
}

/** Watches the incident without answering each member; its card says so. */
export function monitorIncident(deps: TCaseDeps, o: TOpts): Promise<Incident> {
  return runIncidentAction(deps, { ...o, permission: 'act' }, async (ctx) => ({ event: { action: 'monitoring' }, result: await updateIncident(ctx, { status: 'monitoring' }) }));
}

/**
 * Resolves the incident and every member case still open, each with its own audit row naming the incident, so the
 * backlog, SLA alerts and stats treat them as handled.
 */
export function resolveIncident(deps: TCaseDeps, o: TOpts): Promise<Incident> {
  return runIncidentAction(deps, { ...o, permission: 'act' }, (ctx) => resolveMembers(ctx, o.actorId));
}

/** The resolve step on its own, for resolving with a closing reply (resolve-with-reply.ts) in the same transaction. */
export async function resolveMembers(ctx: TIncidentContext, actorId: string): Promise<{ event: { action: string; payload: Record<string, unknown> }; result: Incident }> {
  const open = await ctx.tx.case.findMany({ where: { incidentId: ctx.incident.id, status: { notIn: ['resolved', 'ignored'] } }, select: { id: true } });
  const ids = open.map((c) => c.id);
  if (ids.length) {
    await ctx.tx.case.updateMany({ where: { id: { in: ids } }, data: { status: 'resolved', resolvedAt: ctx.now, updatedAt: ctx.now, version: { increment: 1 } } });
    await ctx.tx.caseEvent.createMany({ data: ids.map((caseId) => ({ caseId, actor: actorId, action: 'resolved', at: ctx.now, payload: JSON.stringify({ incidentId: ctx.incident.id }) })) });
  }
  return { event: { action: 'resolved', payload: { cases: ids.length } }, result: await updateIncident(ctx, { status: 'resolved', resolvedAt: ctx.now }) };
}

/** Opens a resolved incident again (its member cases stay as they are). */
export function reopenIncident(deps: TCaseDeps, o: TOpts): Promise<Incident> {
  return runIncidentAction(deps, { ...o, permission: 'act', allowClosed: true }, async (ctx) => {
    if (ctx.incident.status !== 'resolved') throw new AppError('CONFLICT', `This incident is ${ctx.incident.status}, not resolved.`);
    return { event: { action: 'reopened' }, result: await updateIncident(ctx, { status: 'open', resolvedAt: null }) };
  });
}
