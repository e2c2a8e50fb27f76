import { Prisma } from '../generated/prisma/client.js';
import type { TDb } from '../store/client.js';
import type { TStats } from './stats-types.js';

const RANK_BY = { advocate: Prisma.raw('"praiseCount"'), frequent: Prisma.raw('"mentionCount"') } as const;

/**
 * Top authors carrying `tag` (advocate: ranked by praise, frequent: by mentions — their lifetime counters) among
 * those with at least one case for the teams in [from, to); `cases` is how many they had there.
 * One query: the database walks Author(praiseCount | mentionCount) from the top and probes Case(authorId, …) per
 * author, stopping at `limit`, so the cost depends on how far down the list the answer lies, not on how many cases the
 * period holds. Done in SQL rather than paged through the client because a quiet "today" can sit thousands of authors
 * deep, and each page's round trip cost more than the probes themselves (90 ms → a few ms at a million cases).
 */
export async function topTaggedAuthors(
  db: TDb,
  o: { tag: 'advocate' | 'frequent'; from: Date; to: Date; teams?: readonly string[]; limit?: number },
): Promise<TStats['topAdvocates']> {
  if (o.teams?.length === 0) return [];
  const inPeriod = Prisma.sql`c."authorId" = a."id" AND c."createdAt" >= ${o.from} AND c."createdAt" < ${o.to}${
    o.teams ? Prisma.sql` AND c."team" IN (${Prisma.join([...o.teams])})` : Prisma.empty
  }`;
  const rows = await db.$queryRaw<{ id: string; platform: string; handle: string; cases: number | bigint }[]>`
    SELECT a."id", a."platform", a."handle", (SELECT COUNT(*) FROM "Case" c WHERE ${inPeriod}) AS "cases"
    FROM "Author" a
    WHERE a."tags" LIKE ${`%${JSON.stringify(o.tag)}%`} AND a."lastSeenAt" >= ${o.from}
      AND EXISTS (SELECT 1 FROM "Case" c WHERE ${inPeriod})
    ORDER BY a.${RANK_BY[o.tag]} DESC, a."id" ASC
    LIMIT ${o.limit ?? 5}`;
  return rows.map((r) => ({ authorId: r.id, platform: r.platform, handle: r.handle, cases: Number(r.cases) }));
}
