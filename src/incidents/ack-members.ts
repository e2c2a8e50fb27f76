import type { TDb, TTx } from '../store/client.js';
import type { TAckMember } from './ack-audience.js';

export type TAckKind = 'acknowledge' | 'closing';

export interface TAckState {
  members: TAckMember[];
  /** Person keys already answered by this kind of reply. */
  answered: Set<string>;
  /** For a closing reply: only the people who were acknowledged, at the case they were acknowledged on. */
  acknowledged: Map<string, string>;
  /** When this incident was last acknowledged (approved or waiting), for "N new since acknowledgement". */
  lastAckAt: Date | null;
}

/** An incident's members and who its acknowledgements reached: what planAudience and the card's counts start from. */
export async function loadAckState(db: TDb | TTx, incidentId: string): Promise<TAckState> {
  const cases = await db.case.findMany({
    where: { incidentId },
    select: { id: true, createdAt: true, platform: true, team: true, complaint: true, status: true, author: { select: { id: true, handle: true, displayName: true, followers: true, customerId: true } } },
  });
  const members = cases.map((c) => ({ caseId: c.id, createdAt: c.createdAt, platform: c.platform, team: c.team, complaint: c.complaint, status: c.status, author: c.author }));
  // Incidents merged into this one brought their members here, so whoever they answered counts as answered here too:
  // never twice to one person survives a merge (mergedInto always points at the final target: one step).
  const merged = await db.incident.findMany({ where: { mergedInto: incidentId }, select: { id: true } });
  const incidentIds = { in: [incidentId, ...merged.map((m) => m.id)] };
  const targets = await db.incidentAckTarget.findMany({ where: { incidentId: incidentIds, ack: { status: { not: 'rejected' } } }, select: { kind: true, personKey: true, caseId: true } });
  const last = await db.incidentAck.findFirst({ where: { incidentId: incidentIds, kind: 'acknowledge', status: { not: 'rejected' } }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  return {
    members,
    answered: new Set(targets.map((t) => `${t.kind}|${t.personKey}`)),
    acknowledged: new Map(targets.filter((t) => t.kind === 'acknowledge').map((t) => [t.personKey, t.caseId])),
    lastAckAt: last?.createdAt ?? null,
  };
}

/** The answered set for one kind, as planAudience reads it. */
export const answeredFor = (s: TAckState, kind: TAckKind): Set<string> =>
  new Set([...s.answered].filter((k) => k.startsWith(`${kind}|`)).map((k) => k.slice(kind.length + 1)));
