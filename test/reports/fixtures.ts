import { ZOrgChart, type TOrgChart } from '../../src/config/org-chart-schema.js';
import type { TDb } from '../../src/store/client.js';

let n = 0;

/**
 * Teams with different clocks: care (London, Mon–Fri 09:00–17:00), ny (New York, Mon–Fri 09:00–17:00),
 * ops (24x7, UTC), delhi (Asia/Kolkata, UTC+5:30, 24x7). priya manages care; tom is a care responder.
 */
export function statsOrgChart(over: { careHours?: unknown } = {}): TOrgChart {
  return ZOrgChart.parse({
    version: 1,
    organisation: 'Acme',
    timezone: 'UTC',
    fallbackTeam: 'care',
    teams: [
      {
        id: 'care',
        name: 'Care',
        timezone: 'Europe/London',
        businessHours: over.careHours ?? { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
        members: [
          { id: 'priya', name: 'Priya', role: 'approver', manager: true, timezone: 'Europe/London' },
          { id: 'tom', name: 'Tom', role: 'responder' },
        ],
      },
      { id: 'ny', name: 'NY', timezone: 'America/New_York', businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' } },
      { id: 'ops', name: 'Ops', timezone: 'UTC', businessHours: '24x7' },
      { id: 'delhi', name: 'Delhi', timezone: 'Asia/Kolkata', businessHours: '24x7' },
    ],
  });
}

export interface TCaseFixture {
  team?: string;
  createdAt: string;
  firstResponseAt?: string | null;
  slaDueAt?: string | null;
  decision?: string;
  status?: string;
  sentiment?: string;
  category?: string;
  platform?: string;
  clusterId?: string | null;
  followUpDueAt?: string | null;
  authorId?: string;
  updatedAt?: string;
  assignee?: string;
}

/** An author as ingest would leave it. */
export async function addAuthor(db: TDb, o: { handle?: string; tags?: string[]; praiseCount?: number; mentionCount?: number; lastSeenAt?: string } = {}) {
  n += 1;
  const at = new Date(o.lastSeenAt ?? '2026-11-23T12:00:00Z');
  return db.author.create({
    data: { platform: 'x', handle: o.handle ?? `fx${n}`, firstSeenAt: new Date('2026-01-01T00:00:00Z'), lastSeenAt: at, tags: JSON.stringify(o.tags ?? []), praiseCount: o.praiseCount ?? 0, mentionCount: o.mentionCount ?? 1 },
  });
}

/** A case with exactly the fields a stats fixture names (plus neutral defaults), and a mention holding `text`. */
export async function addCase(db: TDb, f: TCaseFixture, text = 'hello') {
  n += 1;
  const authorId = f.authorId ?? (await addAuthor(db)).id;
  const created = new Date(f.createdAt);
  const c = await db.case.create({
    data: {
      status: f.status ?? 'resolved',
      platform: f.platform ?? 'x',
      threadKey: `fx-t${n}`,
      authorId,
      sentiment: f.sentiment ?? 'negative',
      sentimentScore: 0,
      complaint: true,
      offensive: false,
      category: f.category ?? 'service',
      lang: 'en',
      decision: f.decision ?? 'respond',
      priority: 'P2',
      priorityScore: 0.5,
      reasons: '[]',
      team: f.team ?? 'care',
      slaMinutes: f.slaDueAt ? 60 : null,
      slaDueAt: f.slaDueAt ? new Date(f.slaDueAt) : null,
      firstResponseAt: f.firstResponseAt ? new Date(f.firstResponseAt) : null,
      followUpDueAt: f.followUpDueAt ? new Date(f.followUpDueAt) : null,
      assignee: f.assignee ?? null,
      clusterId: f.clusterId ?? null,
      createdAt: created,
      updatedAt: new Date(f.updatedAt ?? f.firstResponseAt ?? f.createdAt),
    },
  });
  await db.mention.create({ data: { platform: c.platform, externalId: `fx-m${n}`, text, postedAt: created, receivedAt: created, authorId, threadKey: c.threadKey, caseId: c.id } });
  return c;
}
