import { PLATFORMS, type TPlatform } from '../../mention.js';
import type { TDb } from '../../store/client.js';
import { parseList } from './case-view.js';

export interface TWhoisAuthor {
  platform: TPlatform;
  handle: string;
  displayName: string | null;
  profileUrl: string | null;
  followers: number;
  verified: boolean;
  tier: string | null;
  customerId: string | null;
  mentionCount: number;
  complaintCount: number;
  praiseCount: number;
  offensiveCount: number;
  tags: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  cases: { createdAt: Date; category: string; status: string; sentiment: string }[];
}

export type TWhoisView = { ok: false; problem: 'usage' | 'unknown_platform'; platform?: string } | { ok: true; handle: string; platform: TPlatform | null; authors: TWhoisAuthor[] };

/** `whois [platform:]handle`: every profile with that handle, its counters, tags and latest cases. */
export async function loadWhois(db: TDb, query: string): Promise<TWhoisView> {
  const m = /^(?:([a-z_]+):)?@?(.+)$/i.exec(query.trim());
  const platform = m?.[1]?.toLowerCase();
  const handle = m?.[2]?.trim() ?? '';
  if (!handle) return { ok: false, problem: 'usage' };
  if (platform && !(PLATFORMS as readonly string[]).includes(platform)) return { ok: false, problem: 'unknown_platform', platform };
  const authors = await db.author.findMany({
    where: { handle: { in: [handle, `@${handle}`] }, ...(platform && { platform }) },
    include: { cases: { orderBy: { createdAt: 'desc' }, take: 5, select: { createdAt: true, category: true, status: true, sentiment: true } } },
    take: 5,
  });
  return {
    ok: true,
    handle,
    platform: (platform as TPlatform | undefined) ?? null,
    authors: authors.map((a) => ({
      platform: a.platform as TPlatform,
      handle: a.handle,
      displayName: a.displayName,
      profileUrl: a.profileUrl,
      followers: a.followers,
      verified: a.verified,
      tier: a.tier,
      customerId: a.customerId,
      mentionCount: a.mentionCount,
      complaintCount: a.complaintCount,
      praiseCount: a.praiseCount,
      offensiveCount: a.offensiveCount,
      tags: parseList(a.tags),
      firstSeenAt: a.firstSeenAt,
      lastSeenAt: a.lastSeenAt,
      cases: a.cases,
    })),
  };
}

