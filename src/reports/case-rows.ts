import type { TDb } from '../store/client.js';
import type { TCaseStatsRow } from './slot-aggregate.js';

const SELECT = {
  team: true,
  createdAt: true,
  platform: true,
  category: true,
  sentiment: true,
  decision: true,
  firstResponseAt: true,
  slaDueAt: true,
  clusterId: true,
} as const;

/** Cases created in [from, to), optionally for some teams only, with the columns stats read (uses Case(createdAt)). */
export async function caseRowsBetween(db: TDb, from: Date, to: Date, teams?: readonly string[]): Promise<TCaseStatsRow[]> {
  if (to <= from) return [];
  return db.case.findMany({
    where: { createdAt: { gte: from, lt: to }, ...(teams && { team: { in: [...teams] } }) },
    select: SELECT,
  });
}
