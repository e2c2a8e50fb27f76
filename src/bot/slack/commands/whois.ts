import { PLATFORMS, type TPlatform } from '../../../mention.js';
import { platformName } from '../../../connectors/text-limits.js';
import { compactNumber } from '../../views/case-view.js';
import { escapeAndTruncate, escapeMrkdwn, link, slackDate } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

/** `/social whois [platform:]handle`: every profile with that handle, its counters, tags and latest cases. */
export async function whoisAnswer(deps: TSlackDeps, query: string): Promise<string> {
  const m = /^(?:([a-z_]+):)?@?(.+)$/i.exec(query.trim());
  const platform = m?.[1]?.toLowerCase();
  const handle = m?.[2]?.trim() ?? '';
  if (!handle) return 'Usage: `/social whois <handle>` or `/social whois x:@handle`.';
  if (platform && !(PLATFORMS as readonly string[]).includes(platform)) return `Unknown platform \`${escapeMrkdwn(platform)}\`. Platforms: ${PLATFORMS.join(', ')}.`;
  const authors = await deps.db.author.findMany({
    where: { handle: { in: [handle, `@${handle}`] }, ...(platform && { platform }) },
    include: { cases: { orderBy: { createdAt: 'desc' }, take: 5, select: { createdAt: true, category: true, status: true, sentiment: true } } },
    take: 5,
  });
  if (!authors.length) return `No one called *@${escapeAndTruncate(handle, 80)}* has mentioned you${platform ? ` on ${platformName(platform as TPlatform)}` : ''}.`;
  return authors
    .map((a) => {
      const name = a.displayName ? `*${escapeAndTruncate(a.displayName, 80)}* ` : '';
      const profile = a.profileUrl ? link(a.profileUrl, `@${a.handle}`) : `@${escapeAndTruncate(a.handle, 80)}`;
      const tags = JSON.parse(a.tags) as string[];
      const facts = [
        `${compactNumber(a.followers)} followers`,
        a.verified ? 'verified' : null,
        a.tier ? `tier ${escapeMrkdwn(a.tier)}` : null,
        a.customerId ? `customer ${escapeMrkdwn(a.customerId)}` : null,
      ].filter(Boolean);
      const history = `${a.mentionCount} mentions · ${a.complaintCount} complaints · ${a.praiseCount} praise · ${a.offensiveCount} offensive${tags.length ? ` · ${tags.join(', ')}` : ''}`;
      const cases = a.cases.map((c) => `  • ${slackDate(c.createdAt, '{date_short}')} ${c.category} (${c.sentiment}) — ${c.status}`).join('\n');
      return `${name}${profile} on ${platformName(a.platform as TPlatform)} · ${facts.join(' · ')}\n${history}\nFirst seen ${slackDate(a.firstSeenAt, '{date_short}')}, last seen ${slackDate(a.lastSeenAt, '{date_short}')}\n${cases || '  _no cases_'}`;
    })
    .join('\n\n');
}
