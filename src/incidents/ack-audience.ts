import { z } from 'zod';

/** Who an acknowledgement is for, as the composer asks it. Every part narrows; none set means every member. */
export const ZAckAudience = z.object({
  complaintsOnly: z.boolean().default(false),
  /** Only authors with more than this many followers (0: everyone). */
  minFollowers: z.number().int().min(0).max(1_000_000_000).default(0),
  /** Only these platforms (empty: all). */
  platforms: z.array(z.string().max(40)).max(20).default([]),
  /** Only members who joined after the last acknowledgement of this incident. */
  onlyNew: z.boolean().default(false),
});
export type TAckAudience = z.infer<typeof ZAckAudience>;

export interface TAckMember {
  caseId: string;
  createdAt: Date;
  platform: string;
  team: string;
  complaint: boolean;
  status: string;
  author: { id: string; handle: string; displayName: string | null; followers: number; customerId: string | null };
}

export interface TAudiencePlan {
  /** One member case per person: the latest post, which is the one a public reply answers. */
  targets: TAckMember[];
  /** People the audience matched who were already answered by an earlier acknowledgement of this kind. */
  skipped: number;
  /** Platforms of the targets, largest first. */
  platforms: { id: string; count: number }[];
}

/**
 * The same person on several platforms is one person when the CRM knows them (customerId); otherwise each platform
 * handle is its own author.
 */
export const personKey = (a: TAckMember['author']): string => (a.customerId ? `customer:${a.customerId}` : `author:${a.id}`);

/** Cases a public reply can no longer go to: spam and ignored mentions are never answered in bulk. */
const UNANSWERABLE = new Set(['ignored']);

/**
 * Picks who an acknowledgement goes to: one case per person (their latest), narrowed by the audience, minus the people
 * `answered` already holds. `since` is the last acknowledgement's time, for `onlyNew`. Pure.
 */
export function planAudience(members: readonly TAckMember[], audience: TAckAudience, answered: ReadonlySet<string>, since: Date | null): TAudiencePlan {
  const platforms = new Set(audience.platforms);
  // The audience narrows posts first, so "only X" still answers a customer on X whose latest post was elsewhere.
  const fits = (m: TAckMember) =>
    !UNANSWERABLE.has(m.status) &&
    (!audience.complaintsOnly || m.complaint) &&
    (audience.minFollowers === 0 || m.author.followers > audience.minFollowers) &&
    (!platforms.size || platforms.has(m.platform)) &&
    (!audience.onlyNew || !since || m.createdAt > since);
  const latest = new Map<string, TAckMember>();
  for (const m of members) {
    if (!fits(m)) continue;
    const key = personKey(m.author);
    const seen = latest.get(key);
    if (!seen || m.createdAt > seen.createdAt || (m.createdAt.getTime() === seen.createdAt.getTime() && m.caseId > seen.caseId)) latest.set(key, m);
  }
  const targets: TAckMember[] = [];
  let skipped = 0;
  for (const [key, m] of latest) {
    if (answered.has(key)) skipped++;
    else targets.push(m);
  }
  targets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.caseId.localeCompare(b.caseId));
  return { targets, skipped, platforms: platformsOf(targets) };
}

/** Platforms of a set of targets, largest first. */
export function platformsOf(targets: readonly TAckMember[]): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(t.platform, (counts.get(t.platform) ?? 0) + 1);
  return [...counts].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}
