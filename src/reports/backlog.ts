import type { TDb } from '../store/client.js';
import type { TStats } from './stats-types.js';
import { OPEN_STATUSES } from './warranted.js';

const teamFilter = (teams?: readonly string[]) => (teams ? { team: { in: [...teams] } } : {});

/** Open and overdue cases as of `now` (uses Case(status, team)). */
export async function backlogNow(db: TDb, o: { now: Date; teams?: readonly string[] }): Promise<TStats['backlog']> {
  const open = { status: { in: [...OPEN_STATUSES] }, ...teamFilter(o.teams) };
  const [all, overdue] = await Promise.all([
    db.case.count({ where: open }),
    db.case.count({ where: { ...open, firstResponseAt: null, slaDueAt: { lte: o.now } } }),
  ]);
  return { open: all, overdue };
}

/** Offline cases whose follow-up falls due before `to`, soonest first (the count covers all of them, items the first `limit`). */
export async function followUpsDue(db: TDb, o: { to: Date; now: Date; teams?: readonly string[]; limit?: number }): Promise<TStats['followUpsDue']> {
  const where = { status: 'offline', followUpDueAt: { lt: o.to }, ...teamFilter(o.teams) };
  const [count, rows] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({ where, orderBy: { followUpDueAt: 'asc' }, take: o.limit ?? 10, select: { id: true, team: true, assignee: true, followUpDueAt: true } }),
  ]);
  return {
    count,
    items: rows.map((r) => ({ caseId: r.id, team: r.team, assignee: r.assignee, dueAt: r.followUpDueAt!.toISOString(), overdue: r.followUpDueAt! <= o.now })),
  };
}
