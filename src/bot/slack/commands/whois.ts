import { PLATFORMS } from '../../../mention.js';
import { platformName } from '../../../connectors/text-limits.js';
import { compactNumber } from '../../views/case-view.js';
import { loadWhois } from '../../views/whois-view.js';
import { escapeAndTruncate, escapeMrkdwn, link, slackDate } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

/** `/social whois [platform:]handle`: every profile with that handle, its counters, tags and latest cases. */
export async function whoisAnswer(deps: TSlackDeps, query: string): Promise<string> {
  const w = await loadWhois(deps.db, query);
  if (!w.ok) {
    return w.problem === 'usage'
      ? 'Usage: `/social whois <handle>` or `/social whois x:@handle`.'
      : `Unknown platform \`${escapeMrkdwn(w.platform ?? '')}\`. Platforms: ${PLATFORMS.join(', ')}.`;
  }
  if (!w.authors.length) return `No one called *@${escapeAndTruncate(w.handle, 80)}* has mentioned you${w.platform ? ` on ${platformName(w.platform)}` : ''}.`;
  return w.authors
    .map((a) => {
      const name = a.displayName ? `*${escapeAndTruncate(a.displayName, 80)}* ` : '';
      const profile = a.profileUrl ? link(a.profileUrl, `@${a.handle}`) : `@${escapeAndTruncate(a.handle, 80)}`;
      const facts = [
        `${compactNumber(a.followers)} followers`,
        a.verified ? 'verified' : null,
        a.tier ? `tier ${escapeMrkdwn(a.tier)}` : null,
        a.customerId ? `customer ${escapeMrkdwn(a.customerId)}` : null,
      ].filter(Boolean);
      const history = `${a.mentionCount} mentions · ${a.complaintCount} complaints · ${a.praiseCount} praise · ${a.offensiveCount} offensive${a.tags.length ? ` · ${a.tags.join(', ')}` : ''}`;
      const cases = a.cases.map((c) => `  • ${slackDate(c.createdAt, '{date_short}')} ${c.category} (${c.sentiment}) — ${c.status}`).join('\n');
      return `${name}${profile} on ${platformName(a.platform)} · ${facts.join(' · ')}\n${history}\nFirst seen ${slackDate(a.firstSeenAt, '{date_short}')}, last seen ${slackDate(a.lastSeenAt, '{date_short}')}\n${cases || '  _no cases_'}`;
    })
    .join('\n\n');
}
