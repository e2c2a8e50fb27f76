import { AppError } from '../../errors.js';
import type { TDb } from '../../store/client.js';

/** One member case as the Split dialog lists it. */
export interface TIncidentMember { caseId: string; platform: string; handle: string; text: string; createdAt: Date }

/** A select holds 100 options on Slack and is comfortable at about that on Teams; the newest come first. */
export const MEMBER_CHOICES = 100;

/** The incident's most recent members, each with its first post, for the Split dialog's list. */
export async function loadIncidentMembers(db: TDb, incidentId: string, take = MEMBER_CHOICES): Promise<TIncidentMember[]> {
  const cases = await db.case.findMany({
    where: { incidentId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take,
    select: { id: true, platform: true, createdAt: true, author: { select: { handle: true } }, mentions: { select: { text: true }, orderBy: { receivedAt: 'asc' }, take: 1 } },
  });
  return cases.map((c) => ({ caseId: c.id, platform: c.platform, handle: c.author.handle, text: c.mentions[0]?.text ?? '', createdAt: c.createdAt }));
}

/**
 * The member case someone named instead of picking from the list (an incident can have thousands): a case id, the
 * post's link, or the author's handle (with or without @; the author's most recent report in the incident).
 * @throws AppError VALIDATION (field "case") when nothing in this incident matches, saying what was looked for.
 */
export async function findIncidentMember(db: TDb, incidentId: string, ref: string): Promise<string> {
  const q = ref.trim();
  if (!q) throw new AppError('VALIDATION', 'Pick a mention, or give its link or its author’s handle.', { field: 'case' });
  const byId = await db.case.findFirst({ where: { id: q, incidentId }, select: { id: true } });
  if (byId) return byId.id;
  const byUrl = await db.mention.findFirst({ where: { url: q, case: { incidentId } }, select: { caseId: true } });
  if (byUrl?.caseId) return byUrl.caseId;
  const handle = q.replace(/^@/, '');
  const byAuthor = await db.case.findFirst({ where: { incidentId, author: { handle } }, orderBy: { createdAt: 'desc' }, select: { id: true } });
  if (byAuthor) return byAuthor.id;
  throw new AppError('VALIDATION', `No mention in this incident matches “${q.slice(0, 80)}” (a case id, the post’s link or the author’s handle).`, { field: 'case' });
}
