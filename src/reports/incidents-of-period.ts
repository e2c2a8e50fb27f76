import type { TDb } from '../store/client.js';

/** One incident as stats and digests list it. The title is drawn from customers' words: renderers escape it. */
export interface TIncidentSummary {
  id: string;
  title: string;
  team: string;
  status: string;
  count: number;
  firstSeenAt: string;
  /** First seen → the first public reply to any member, in calendar minutes; null while none was answered. */
  firstResponseMinutes: number | null;
  /** First seen → resolved, in calendar minutes; null while open. */
  resolutionMinutes: number | null;
}

const MAX = 10;
const minutes = (from: Date, to: Date | null | undefined) => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000)) : null);

/** The incidents active in [from, to) for some teams, largest first, with their size, first-response and resolution times. */
export async function incidentsOfPeriod(db: TDb, o: { teams: readonly string[] | 'all'; from: Date; to: Date }): Promise<TIncidentSummary[]> {
  const rows = await db.incident.findMany({
    where: { firstSeenAt: { lt: o.to }, lastSeenAt: { gte: o.from }, status: { not: 'merged' }, ...(o.teams !== 'all' && { team: { in: [...o.teams] } }) },
    orderBy: [{ count: 'desc' }, { firstSeenAt: 'asc' }],
    take: MAX,
  });
  return Promise.all(
    rows.map(async (i) => {
      const first = await db.case.aggregate({ where: { incidentId: i.id }, _min: { firstResponseAt: true } });
      return {
        id: i.id, title: i.title, team: i.team, status: i.status, count: i.count, firstSeenAt: i.firstSeenAt.toISOString(),
        firstResponseMinutes: minutes(i.firstSeenAt, first._min.firstResponseAt), resolutionMinutes: minutes(i.firstSeenAt, i.resolvedAt),
      };
    }),
  );
}

/** "Outage: internet down leeds — 612 mentions · first response 4 min · resolved in 95 min" (raw: renderers escape). */
export function incidentLine(i: TIncidentSummary, teamName: string): string {
  const response = i.firstResponseMinutes === null ? 'no reply yet' : `first response ${i.firstResponseMinutes} min`;
  const resolution = i.resolutionMinutes === null ? (i.status === 'monitoring' ? 'monitoring' : 'still open') : `resolved in ${i.resolutionMinutes} min`;
  return `${i.title} (${teamName}) — ${i.count} mentions · ${response} · ${resolution}`;
}
