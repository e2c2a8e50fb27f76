export interface TAuthorCounters {
  mentionCount: number;
  complaintCount: number;
  praiseCount: number;
  offensiveCount: number;
}

/**
 * Tags staff see on a profile. Derived from counters only, so they can be recomputed at any time
 * and never disagree with the numbers next to them.
 */
export function authorTags(c: TAuthorCounters): string[] {
  const tags: string[] = [];
  if (c.praiseCount >= 2 && c.praiseCount > c.complaintCount) tags.push('advocate');
  if (c.mentionCount >= 5) tags.push('frequent');
  if (c.complaintCount >= 3) tags.push('repeat-complainer');
  if (c.offensiveCount >= 2 && c.offensiveCount * 2 >= c.mentionCount) tags.push('troll');
  return tags;
}
