import type { TCaseDeps } from '../cases/case-deps.js';
import { AppError } from '../errors.js';
import type { Incident } from '../generated/prisma/client.js';
import { runIncidentAction, updateIncident } from './incident-action.js';

/** Long enough for "Outage: broadband down in Leeds and Bradford since 9am", short enough for a card's headline. */
export const TITLE_MAX = 120;

/**
 * A title as staff typed it, made fit for a headline: line breaks and runs of spaces become one space, control
 * characters go (they would break a notification line); what is left must be 1–TITLE_MAX characters.
 * @throws AppError VALIDATION naming the field, so the dialog shows it under the title input.
 */
export function cleanTitle(raw: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const title = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!title) throw new AppError('VALIDATION', 'Give the incident a title.', { field: 'title' });
  if ([...title].length > TITLE_MAX) throw new AppError('VALIDATION', `Keep the title to ${TITLE_MAX} characters (this one has ${[...title].length}).`, { field: 'title' });
  return title;
}

/**
 * Renames the incident. From then on the title stays as written: growth no longer re-titles it from the cluster's
 * words (titleEdited). The audit row keeps both titles.
 */
export async function renameIncident(deps: TCaseDeps, o: { incidentId: string; actorId: string; title: string }): Promise<Incident> {
  const title = cleanTitle(o.title);
  return runIncidentAction(deps, { incidentId: o.incidentId, actorId: o.actorId, permission: 'act' }, async (ctx) => ({
    event: { action: 'renamed', payload: { from: ctx.incident.title, to: title } },
    result: await updateIncident(ctx, { title, titleEdited: true }),
  }));
}
