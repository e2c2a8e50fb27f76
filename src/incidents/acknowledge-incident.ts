import type { TCaseDeps } from '../cases/case-deps.js';
import { authorise } from '../cases/authorise.js';
import { AppError } from '../errors.js';
import type { IncidentAck } from '../generated/prisma/client.js';
import { planAudience, type TAckAudience, type TAudiencePlan } from './ack-audience.js';
import { answeredFor, loadAckState, type TAckState } from './ack-members.js';
import { ackTemplate, ackTexts } from './ack-text.js';
import { runIncidentAction } from './incident-action.js';
import { writeAck } from './write-ack.js';

export interface TAcknowledgeOptions {
  incidentId: string;
  actorId: string;
  /** The text as written (placeholders unfilled); when empty, the saved reply's. */
  text: string;
  savedReplyId?: string;
  audience: TAckAudience;
}

export interface TAckPreview extends TAudiencePlan {
  count: number;
  /** The first target's reply, filled as they will read it. */
  example: { handle: string; platform: string; text: string } | null;
  needsApproval: boolean;
}

export function previewOf(p: TAudiencePlan, texts: string[], needsApproval: boolean): TAckPreview {
  const first = p.targets[0];
  return { ...p, count: p.targets.length, example: first ? { handle: first.author.handle, platform: first.platform, text: texts[0]! } : null, needsApproval };
}

const plan = (s: TAckState, audience: TAckAudience) => planAudience(s.members, audience, answeredFor(s, 'acknowledge'), s.lastAckAt);

/**
 * What "Acknowledge publicly" would do, before it does it: how many authors on which platforms, how many already
 * acknowledged are skipped, and one filled example. Refuses, as the send would, a viewer or a text that cannot go out.
 */
export async function previewAcknowledgement(deps: TCaseDeps, o: TAcknowledgeOptions): Promise<TAckPreview> {
  const incident = await deps.db.incident.findUnique({ where: { id: o.incidentId } });
  if (!incident) throw new AppError('NOT_FOUND', `Incident ${o.incidentId} does not exist.`);
  const actor = authorise(deps.orgChart, o.actorId, incident.team, 'reply');
  const p = plan(await loadAckState(deps.db, o.incidentId), o.audience);
  const template = ackTemplate(deps.orgChart, o);
  const texts = ackTexts(deps.orgChart, template, p.targets, actor.member.name);
  return previewOf(p, texts, actor.member.needsApproval);
}

/**
 * Acknowledges the incident's members publicly: one reply per person (never twice per incident, across repeated
 * acknowledgements and across a known customer's platforms), in one transaction with its audit rows, then sent by the
 * outbox at each platform's pace. A member who needs approval submits the whole acknowledgement for one approval.
 */
export function acknowledgeIncident(deps: TCaseDeps, o: TAcknowledgeOptions): Promise<IncidentAck> {
  return runIncidentAction(deps, { incidentId: o.incidentId, actorId: o.actorId, permission: 'reply' }, async (ctx) => {
    const p = plan(await loadAckState(ctx.tx, ctx.incident.id), o.audience);
    if (!p.targets.length) throw new AppError('VALIDATION', p.skipped ? `All ${p.skipped} authors in this audience were already acknowledged.` : 'Nobody in the incident matches this audience.', { field: 'audience' });
    const template = ackTemplate(deps.orgChart, o);
    const texts = ackTexts(deps.orgChart, template, p.targets, ctx.actor.member.name);
    const ack = await writeAck(ctx, deps.orgChart, { kind: 'acknowledge', template, ...(o.savedReplyId && { savedReplyId: o.savedReplyId }), audience: o.audience, targets: p.targets, texts, skipped: p.skipped });
    const action = ack.status === 'pending_approval' ? 'acknowledgement_submitted' : 'acknowledged';
    return { event: { action, payload: { ackId: ack.id, targets: ack.targets, skipped: ack.skipped, platforms: p.platforms, audience: o.audience } }, result: ack };
  });
}
