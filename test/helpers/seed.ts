import type { TDb } from '../../src/store/client.js';

let n = 0;

/** Inserts an author, a mention and an open case as ingest would, for tests about what happens next. */
export async function seedCase(
  db: TDb,
  o: { team?: string; status?: string; assignee?: string | null; platform?: string; priority?: string; now?: Date } = {},
) {
  n += 1;
  const now = o.now ?? new Date('2026-11-23T10:00:00Z');
  const platform = o.platform ?? 'x';
  const author = await db.author.create({
    data: { platform, handle: `author${n}`, firstSeenAt: now, lastSeenAt: now, mentionCount: 1 },
  });
  const c = await db.case.create({
    data: {
      status: o.status ?? (o.assignee ? 'claimed' : 'new'),
      platform,
      threadKey: `t${n}`,
      authorId: author.id,
      sentiment: 'negative',
      sentimentScore: -0.7,
      complaint: true,
      offensive: false,
      category: 'outage',
      lang: 'en',
      decision: 'respond_then_offline',
      priority: o.priority ?? 'P2',
      priorityScore: 0.6,
      reasons: JSON.stringify(['test']),
      team: o.team ?? 'social-care',
      assignee: o.assignee ?? null,
      slaMinutes: 60,
      slaDueAt: new Date(now.getTime() + 3600_000),
      createdAt: now,
      updatedAt: now,
    },
  });
  await db.mention.create({
    data: { platform, externalId: `seed-${n}`, text: 'my internet is down', postedAt: now, receivedAt: now, authorId: author.id, threadKey: `t${n}`, caseId: c.id },
  });
  return c;
}

export async function eventsOf(db: TDb, caseId: string) {
  return db.caseEvent.findMany({ where: { caseId }, orderBy: { at: 'asc' } });
}

export async function outboxOf(db: TDb, kind?: string) {
  return db.outboxItem.findMany({ where: kind ? { kind } : {}, orderBy: { createdAt: 'asc' } });
}
