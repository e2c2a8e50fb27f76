import type { TCaseDeps } from '../../cases/case-deps.js';
import { platformName } from '../../connectors/text-limits.js';
import { AppError } from '../../errors.js';
import { ZAckAudience, type TAckAudience } from '../../incidents/ack-audience.js';
import { acknowledgeIncident, previewAcknowledgement, type TAckPreview } from '../../incidents/acknowledge-incident.js';
import { previewClosingReply, resolveWithReply } from '../../incidents/resolve-with-reply.js';
import type { TPlatform } from '../../mention.js';

/** The composer's answers on either surface, as the incident services take them. */
export interface TAckRequest {
  incidentId: string;
  kind: 'acknowledge' | 'closing';
  text: string;
  savedReplyId?: string;
  audience: TAckAudience;
}

export type TAckPreviewView = Omit<TAckPreview, 'platforms'> & { platforms: { id: string; name: string; count: number }[] };

const serviceArgs = (r: TAckRequest, actorId: string) => ({ incidentId: r.incidentId, actorId, text: r.text, ...(r.savedReplyId && { savedReplyId: r.savedReplyId }) });

/** The preview both surfaces show; an audience nobody is left in is refused here, before the confirm step. */
export async function loadAckPreview(deps: TCaseDeps, r: TAckRequest, actorId: string): Promise<TAckPreviewView> {
  const p = r.kind === 'closing' ? await previewClosingReply(deps, serviceArgs(r, actorId)) : await previewAcknowledgement(deps, { ...serviceArgs(r, actorId), audience: r.audience });
  if (!p.count) throw new AppError('VALIDATION', p.skipped ? `All ${p.skipped} authors in this audience were already answered.` : 'Nobody in the incident matches this audience.');
  return { ...p, platforms: p.platforms.map((x) => ({ ...x, name: platformName(x.id as TPlatform) })) };
}

/** The confirm step's Send. */
export async function sendAck(deps: TCaseDeps, r: TAckRequest, actorId: string): Promise<void> {
  if (r.kind === 'closing') await resolveWithReply(deps, serviceArgs(r, actorId));
  else await acknowledgeIncident(deps, { ...serviceArgs(r, actorId), audience: ZAckAudience.parse(r.audience) });
}

/** An empty preview, for a confirm step shown again with a refusal when the preview itself cannot be made. */
export const NO_PREVIEW: TAckPreviewView = { targets: [], count: 0, skipped: 0, platforms: [], example: null, needsApproval: false };
