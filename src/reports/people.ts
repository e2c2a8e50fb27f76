import type { TDb } from '../store/client.js';
import type { TStats } from './stats-types.js';

const RANK_BY = { advocate: 'praiseCount', frequent: 'mentionCount' } as const;
const PAGE = 200;

/**
 * Top authors carrying `tag` (advocate: ranked by praise, frequent: by mentions — their lifetime counters) among
 * those with at least one case for the teams in [from, to); `cases` is how many they had there.
 * Walks Author(praiseCount | mentionCount) from the top and checks each page through Case(authorId, createdAt), so
 * the cost depends on how far down the list the answer lies, not on how many cases the period holds.
 */
export async function topTaggedAuthors(
  db: TDb,
  o: { tag: 'advocate' | 'frequent'; from: Date; to: Date; teams?: readonly string[]; limit?: number },
): Promise<TStats['topAdvocates']> {
  const limit = o.limit ?? 5;
  const out: TStats['topAdvocates'] = [];
  for (let skip = 0; out.length < limit; skip += PAGE) {
    const authors = await db.author.findMany({
      where: { tags: { contains: JSON.stringify(o.tag) }, lastSeenAt: { gte: o.from } },
      orderBy: [{ [RANK_BY[o.tag]]: 'desc' }, { id: 'asc' }],
      select: { id: true, platform: true, handle: true },
      skip,
      take: PAGE,
    });
    if (authors.length === 0) break;
    const counts = await db.case.groupBy({
      by: ['authorId'],
      where: { authorId: { in: authors.map((a) => a.id) }, createdAt: { gte: o.from, lt: o.to }, ...(o.teams && { team: { in: [...o.teams] } }) },
      _count: { _all: true },
    });
    const byId = new Map(counts.map((c) => [c.authorId, c._count._all]));
    for (const a of authors) {
      const cases = byId.get(a.id);
      if (cases && out.length < limit) out.push({ authorId: a.id, platform: a.platform, handle: a.handle, cases });
    }
    if (authors.length < PAGE) break;
  }
  return out;
}
