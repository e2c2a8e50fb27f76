import { roleFor, type TActingMember } from '../config/org-chart-queries.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { AppError } from '../errors.js';

export type TPermission = 'act' | 'reply' | 'review';

/**
 * Viewers see but never act; responders and approvers act and reply; only approvers review replies.
 * @throws AppError FORBIDDEN with a sentence the person can read.
 */
export function authorise(chart: TOrgChart, actorId: string, caseTeam: string, need: TPermission): TActingMember {
  const acting = roleFor(chart, actorId, caseTeam);
  if (!acting) {
    throw new AppError('FORBIDDEN', `You are not in the Earshot org chart, so you cannot act on cases. Ask an admin to add "${actorId}".`);
  }
  if (acting.role === 'viewer') {
    throw new AppError('FORBIDDEN', `You have view-only access to ${caseTeam} cases.`, { role: acting.role });
  }
  if (need === 'review' && acting.role !== 'approver') {
    throw new AppError('FORBIDDEN', 'Only approvers can approve, edit or reject replies.', { role: acting.role });
  }
  return acting;
}
