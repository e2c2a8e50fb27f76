import type { TDb } from '../../src/store/client.js';

export interface TSeedMember {
  platform?: string;
  handle: string;
  displayName?: string;
  followers?: number;
  customerId?: string;
  complaint?: boolean;
  at?: Date;
}

let n = 0;

/** An open network-ops outage incident with the given members, each a case with its mention and author. */
export async function seedIncident(db: TDb, members: TSeedMember[], now = new Date('2026-12-01T09:00:00Z')) {
  const incident = await db.incident.create({
    data: { clusterId: `cl-${++n}`, team: 'network-ops', category: 'outage', title: 'Outage: internet down in Leeds', firstSeenAt: now, lastSeenAt: now, count: members.length, ratePerMinute: 1, reach: 0, platforms: '{}', sentiment: '{}', samples: '[]', topAuthors: '[]', createdAt: now, updatedAt: now },
  });
  const cases = [];
  // One second apart, in the order given: "latest post" and "first target" are then well defined.
  for (const [i, m] of members.entries()) cases.push(await addMember(db, incident.id, m, m.at ?? new Date(now.getTime() + i * 1000)));
  return { incident, cases };
}

export async function addMember(db: TDb, incidentId: string, m: TSeedMember, at: Date) {
  const i = ++n;
  const platform = m.platform ?? 'x';
  const author = await db.author.upsert({
    where: { platform_handle: { platform, handle: m.handle } },
    update: {},
    create: { platform, handle: m.handle, displayName: m.displayName ?? null, followers: m.followers ?? 10, customerId: m.customerId ?? null, firstSeenAt: at, lastSeenAt: at, mentionCount: 1 },
  });
  const c = await db.case.create({
    data: { status: 'new', platform, threadKey: `t-${i}`, authorId: author.id, sentiment: 'negative', sentimentScore: -0.6, complaint: m.complaint ?? true, offensive: false, category: 'outage', lang: 'en', decision: 'respond', priority: 'P2', priorityScore: 0.5, reasons: '[]', team: 'network-ops', incidentId, createdAt: at, updatedAt: at },
  });
  await db.mention.create({ data: { platform, externalId: `m-${i}`, text: 'is the internet down in Leeds?', postedAt: at, receivedAt: at, authorId: author.id, threadKey: `t-${i}`, caseId: c.id } });
  return c;
}
