import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import { platformName } from '../../connectors/text-limits.js';
import type { TPlatform } from '../../mention.js';
import { num, sqlOf } from '../../intake/sql.js';
import { BACKLOG_NEXT, BACKLOG_STATUS } from '../../outbox/channel-backlog.js';
import type { TDb } from '../../store/client.js';

export interface TBacklogGroup { priority: string; category: string; count: number }
export interface TBacklogNext { caseId: string; priority: string; category: string; handle: string; platform: string }

/** A channel's backlog card, as both surfaces show it: how many cases wait for a card, which kinds, since when. */
export interface TBacklogView {
  team: { id: string; name: string };
  total: number;
  /** By priority (most urgent first), then by size. */
  groups: TBacklogGroup[];
  oldestAt: Date | null;
  /** The cases that get their cards next, in release order. */
  next: TBacklogNext[];
}

/** The backlog of one channel (`destination`, e.g. `slack:C123`), read at delivery time so the card is never stale. */
export async function loadBacklogView(db: TDb, chart: TOrgChart, destination: string, teamId: string): Promise<TBacklogView> {
  const where = { destination, status: BACKLOG_STATUS };
  const [groups, oldest, next] = await Promise.all([
    sqlOf(db).query<{ priority: string; category: string; n: unknown }>(
      `SELECT c."priority" AS "priority", c."category" AS "category", COUNT(*) AS "n" FROM "OutboxItem" o JOIN "Case" c ON c."id" = o."caseId"
       WHERE o."destination" = ? AND o."status" = ? GROUP BY c."priority", c."category"`,
      [destination, BACKLOG_STATUS],
    ),
    db.outboxItem.findFirst({ where, orderBy: { createdAt: 'asc' }, select: { createdAt: true } }),
    db.outboxItem.findMany({ where, orderBy: [{ rank: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }], take: BACKLOG_NEXT, select: { caseId: true } }),
  ]);
  const ids = next.map((n) => n.caseId).filter((id): id is string => id !== null);
  const cases = await db.case.findMany({ where: { id: { in: ids } }, select: { id: true, priority: true, category: true, platform: true, author: { select: { handle: true } } } });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const g = groups.map((r) => ({ priority: r.priority, category: r.category, count: num(r.n) })).sort((a, b) => a.priority.localeCompare(b.priority) || b.count - a.count || a.category.localeCompare(b.category));
  return {
    team: { id: teamId, name: findTeam(chart, teamId)?.name ?? teamId },
    total: g.reduce((s, x) => s + x.count, 0),
    groups: g,
    oldestAt: oldest?.createdAt ?? null,
    next: ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [{ caseId: c.id, priority: c.priority, category: c.category, handle: c.author.handle, platform: platformName(c.platform as TPlatform) }] : [];
    }),
  };
}

/** "P3 billing 80 · P4 praise 44 · …": the largest groups, the rest summed, so the line stays short. */
export function backlogBreakdown(v: Pick<TBacklogView, 'groups'>, escape: (s: string) => string, shown = 6): string {
  const head = v.groups.slice(0, shown).map((x) => `${x.priority} ${escape(x.category)} ${x.count}`);
  const rest = v.groups.slice(shown).reduce((s, x) => s + x.count, 0);
  return [...head, ...(rest ? [`other ${rest}`] : [])].join(' · ');
}

/** "6 min", "2 h 5 min": how long the oldest case has waited. */
export function waitedFor(since: Date, now: Date): string {
  const min = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}
