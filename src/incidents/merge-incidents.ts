import { authorise } from '../cases/authorise.js';
import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { sqlOf } from '../intake/sql.js';
import { enqueue } from '../outbox/enqueue.js';
import { providerOf } from '../store/client.js';
import { runIncidentAction, updateIncident } from './incident-action.js';
import { recountIncident } from './incident-store.js';

const OPEN = ['open', 'monitoring'];

/**
 * Merges one incident into another of the same team: every member case moves to the target, whose numbers (count,
 * reach, platforms, sentiment, samples, top authors) are recomputed over both; the merged one keeps its record with
 * status "merged" and `mergedInto`, its cards say so and lose their actions, and later members of its cluster or
 * place join the target (src/incidents/incident-store.ts). The actor must be able to act in the team; both
 * incidents get an audit row. Returns the target.
 */
export async function mergeIncidents(deps: TCaseDeps, o: { incidentId: string; targetId: string; actorId: string }): Promise<Incident> {
  if (!o.targetId) throw new AppError('VALIDATION', 'Choose the incident to merge into.', { field: 'target' });
  if (o.incidentId === o.targetId) throw new AppError('VALIDATION', 'Choose a different incident to merge into.', { field: 'target' });
  let targetId = '';
  await runIncidentAction(deps, { incidentId: o.incidentId, actorId: o.actorId, permission: 'act' }, async (ctx) => {
    const target = await ctx.tx.incident.findUnique({ where: { id: o.targetId } });
    if (!target) throw new AppError('NOT_FOUND', `Incident ${o.targetId} does not exist.`, { field: 'target' });
    if (!OPEN.includes(target.status)) throw new AppError('CONFLICT', `“${target.title}” is ${target.status}; choose an open incident.`, { field: 'target' });
    if (target.team !== ctx.incident.team) throw new AppError('VALIDATION', 'Only incidents of the same team can be merged.', { field: 'target' });
    authorise(deps.orgChart, o.actorId, target.team, 'act');
    const moved = await ctx.tx.case.updateMany({ where: { incidentId: ctx.incident.id }, data: { incidentId: target.id } });
    // An earlier merge into this incident now points at the target, so following mergedInto is one step.
    await ctx.tx.incident.updateMany({ where: { mergedInto: ctx.incident.id }, data: { mergedInto: target.id } });
    await updateIncident(ctx, { status: 'merged', mergedInto: target.id });
    // The target keeps its owner; an unowned target takes the merged one's, so nobody's claim silently disappears.
    const data = !target.assignee && ctx.incident.assignee ? { assignee: ctx.incident.assignee } : {};
    const bumped = await ctx.tx.incident.updateMany({ where: { id: target.id, version: target.version }, data: { ...data, updatedAt: ctx.now, version: { increment: 1 } } });
    if (bumped.count !== 1) throw new AppError('CONFLICT', 'Someone else changed the target incident at the same moment; try again.');
    await recountIncident(sqlOf(ctx.tx, providerOf(deps.db)), deps.orgChart, target.id, ctx.now);
    const ev = await ctx.tx.incidentEvent.create({ data: { incidentId: target.id, actor: o.actorId, action: 'merged_in', at: ctx.now, payload: JSON.stringify({ from: ctx.incident.id, title: ctx.incident.title, cases: moved.count }) } });
    await enqueue(ctx.tx, { kind: 'incident.update', incidentId: target.id }, { destination: `incident:${target.id}`, idempotencyKey: `incident.update:${ev.id}`, now: ctx.now });
    targetId = target.id;
    return { event: { action: 'merged', payload: { into: target.id, title: target.title, cases: moved.count } }, result: undefined };
  });
  return deps.db.incident.findUniqueOrThrow({ where: { id: targetId } });
}

/**
 * Incidents this one may be merged into: the team's other open incidents whose time overlaps it or lies within
 * `nearMinutes` of it (the usual case: one outage founded twice under different words), the most recent first.
 */
export async function mergeCandidates(deps: Pick<TCaseDeps, 'db'>, incidentId: string, nearMinutes = 24 * 60): Promise<Incident[]> {
  const self = await deps.db.incident.findUnique({ where: { id: incidentId } });
  if (!self) throw new AppError('NOT_FOUND', `Incident ${incidentId} does not exist.`);
  const near = nearMinutes * 60_000;
  return deps.db.incident.findMany({
    where: {
      id: { not: self.id },
      team: self.team,
      status: { in: OPEN },
      firstSeenAt: { lte: new Date(self.lastSeenAt.getTime() + near) },
      lastSeenAt: { gte: new Date(self.firstSeenAt.getTime() - near) },
    },
    orderBy: { lastSeenAt: 'desc' },
    take: 100,
  });
}
