import type { TOrgChart } from '../config/org-chart-schema.js';
import { BACKLOG_NEXT, refreshBacklogCard, releaseParked } from '../outbox/channel-backlog.js';
import type { TChatSurfaceId } from '../outbox/outbox-kinds.js';
import type { TDb } from '../store/client.js';
import { transact } from '../store/transaction-retry.js';
import { authorise } from './authorise.js';

export interface TShowBacklogNextOptions {
  team: string;
  surface: TChatSurfaceId;
  /** The channel's outbox destination, e.g. `slack:C123`: its backlog is the one released. */
  destination: string;
  actorId: string;
}

/**
 * "Show next 5" on a backlog card: the channel's next cases, most urgent first, get their own cards now, in the staff
 * lane ahead of the channel's other waiting cards; the backlog card refreshes. Returns how many were released.
 */
export async function showBacklogNext(deps: { db: TDb; orgChart: TOrgChart; now: () => Date }, o: TShowBacklogNextOptions): Promise<number> {
  authorise(deps.orgChart, o.actorId, o.team, 'act');
  return transact(deps.db, async (tx) => {
    const now = deps.now();
    const n = await releaseParked(tx, { destination: o.destination, n: BACKLOG_NEXT, now, staffLane: true });
    await refreshBacklogCard(tx, { destination: o.destination, surface: o.surface, team: o.team, now });
    return n;
  });
}
