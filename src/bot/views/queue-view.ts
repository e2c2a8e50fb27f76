import { OPEN_STATUSES } from '../../cases/case-deps.js';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import { memberEntries } from '../../config/org-chart-queries.js';
import type { TDb } from '../../store/client.js';
import type { TChatSurfaceId } from '../../outbox/outbox-kinds.js';

export interface TQueueRow {
  caseId: string;
  priority: string;
  category: string;
  platform: string;
  handle: string;
  status: string;
  slaDueAt: Date | null;
  overdue: boolean;
  /** Where the card was posted on the asking surface, for a link. */
  card: { channel: string; messageId: string } | null;
}

export interface TQueueView {
  mine: TQueueRow[];
  unclaimed: TQueueRow[];
  teams: string[];
  /** Each list shows at most this many; a full list means there may be more. */
  limit: number;
}

const LIMIT = 15;

/** What is mine, then what my teams have not picked up, most urgent first (`queue`). */
export async function loadQueue(db: TDb, chart: TOrgChart, memberId: string, surface: TChatSurfaceId, now: Date): Promise<TQueueView> {
  const teams = memberEntries(chart, memberId).map((e) => e.team.id);
  const select = { id: true, priority: true, category: true, platform: true, slaDueAt: true, status: true, author: { select: { handle: true } }, chatMessages: { where: { surface, kind: 'card' }, take: 1 } } as const;
  const order = [{ priority: 'asc' as const }, { slaDueAt: 'asc' as const }];
  const [mine, unclaimed] = await Promise.all([
    db.case.findMany({ where: { assignee: memberId, status: { in: [...OPEN_STATUSES] } }, orderBy: order, take: LIMIT, select }),
    db.case.findMany({ where: { team: { in: teams }, assignee: null, status: 'new' }, orderBy: order, take: LIMIT, select }),
  ]);
  const row = (c: (typeof mine)[number]): TQueueRow => ({
    caseId: c.id,
    priority: c.priority,
    category: c.category,
    platform: c.platform,
    handle: c.author.handle,
    status: c.status,
    slaDueAt: c.slaDueAt,
    overdue: !!c.slaDueAt && c.slaDueAt <= now,
    card: c.chatMessages[0] ? { channel: c.chatMessages[0].channel, messageId: c.chatMessages[0].messageId } : null,
  });
  return { mine: mine.map(row), unclaimed: unclaimed.map(row), teams, limit: LIMIT };
}
