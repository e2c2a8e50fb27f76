import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { platformsOf, ZAckAudience, type TAckMember } from './ack-audience.js';
import { loadAckState, type TAckState } from './ack-members.js';
import { ackTemplate, ackTexts } from './ack-text.js';
import { previewOf, type TAckPreview } from './acknowledge-incident.js';
import { authorise } from '../cases/authorise.js';
import { resolveMembers } from './change-incident.js';
import { runIncidentAction } from './incident-action.js';
import { writeAck } from './write-ack.js';

/** Everyone who was acknowledged and has not had the closing reply, on the case they were acknowledged on. */
export function closingTargets(s: TAckState): { targets: TAckMember[]; skipped: number } {
  const closed = new Set([...s.answered].filter((k) => k.startsWith('closing|')).map((k) => k.slice('closing|'.length)));
  const byCase = new Map(s.members.map((m) => [m.caseId, m]));
  const targets = [...s.acknowledged].filter(([key]) => !closed.has(key)).map(([, caseId]) => byCase.get(caseId)).filter((m) => m !== undefined);
  return { targets, skipped: [...s.acknowledged.keys()].filter((k) => closed.has(k)).length };
}

/**
 * Resolve incident with a closing reply ("Fixed — thanks for your patience, {name}") to everyone who was acknowledged:
 * the replies are stored and queued (or submitted for one approval) in the same transaction that resolves the members,
 * so the closing reply goes even though the cases are closed. Without text it is a plain resolve.
 */
export function resolveWithReply(deps: TCaseDeps, o: { incidentId: string; actorId: string; text: string; savedReplyId?: string }): Promise<Incident> {
  return runIncidentAction(deps, { incidentId: o.incidentId, actorId: o.actorId, permission: 'act' }, async (ctx) => {
    const template = ackTemplate(deps.orgChart, o);
    if (template.trim()) {
      const { targets, skipped } = closingTargets(await loadAckState(ctx.tx, ctx.incident.id));
      if (!targets.length) throw new AppError('VALIDATION', 'Nobody was acknowledged publicly, so there is nobody to send a closing reply to; resolve without one.', { field: 'text' });
      const texts = ackTexts(deps.orgChart, template, targets, ctx.actor.member.name);
      const ack = await writeAck(ctx, deps.orgChart, { kind: 'closing', template, ...(o.savedReplyId && { savedReplyId: o.savedReplyId }), audience: ZAckAudience.parse({}), targets, texts, skipped });
      const resolved = await resolveMembers(ctx, o.actorId);
      return { event: { action: 'resolved', payload: { ...resolved.event.payload, closingAckId: ack.id, closingReplies: targets.length, pendingApproval: ack.status === 'pending_approval' } }, result: resolved.result };
    }
    return resolveMembers(ctx, o.actorId);
  });
}


/** The closing reply's preview: everyone acknowledged who has not had it, with one filled example. */
export async function previewClosingReply(deps: TCaseDeps, o: { incidentId: string; actorId: string; text: string; savedReplyId?: string }): Promise<TAckPreview> {
  const incident = await deps.db.incident.findUnique({ where: { id: o.incidentId } });
  if (!incident) throw new AppError('NOT_FOUND', `Incident ${o.incidentId} does not exist.`);
  const actor = authorise(deps.orgChart, o.actorId, incident.team, 'reply');
  const { targets, skipped } = closingTargets(await loadAckState(deps.db, o.incidentId));
  return previewOf({ targets, skipped, platforms: platformsOf(targets) }, ackTexts(deps.orgChart, ackTemplate(deps.orgChart, o), targets, actor.member.name), actor.member.needsApproval);
}
