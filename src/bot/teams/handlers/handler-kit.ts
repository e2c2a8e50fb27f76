import type { TurnContext } from 'botbuilder';
import { roleFor, type TActingMember } from '../../../config/org-chart-queries.js';
import { AppError } from '../../../errors.js';
import type { TDb } from '../../../store/client.js';
import type { TOrgChart } from '../../../config/org-chart-schema.js';
import { memberIdForTeamsUser } from '../teams-deps.js';

/** The org-chart member behind an activity (Teams sends the Entra ID object id as from.aadObjectId). */
export const actorOf = (chart: TOrgChart, context: TurnContext) => memberIdForTeamsUser(chart, context.activity.from?.aadObjectId);

export async function teamOf(db: TDb, caseId: string): Promise<string> {
  const c = await db.case.findUnique({ where: { id: caseId }, select: { team: true } });
  if (!c) throw new AppError('NOT_FOUND', 'This case no longer exists.');
  return c.team;
}

/** Checked before a dialog opens, so a viewer is told at once rather than after typing a reply. */
export function actingOrThrow(chart: TOrgChart, actorId: string, caseId: string, team: string): TActingMember {
  const acting = roleFor(chart, actorId, team);
  if (!acting || acting.role === 'viewer') throw new AppError('FORBIDDEN', `You have view-only access to ${team} cases.`, { caseId });
  return acting;
}

/** Card and dialog data arrive as untyped JSON: read strings defensively. */
export const str = (data: Record<string, unknown>, key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '');
