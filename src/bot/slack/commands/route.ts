import { decisionLabel } from '../../views/case-view.js';
import { findTeam } from '../../../config/org-chart-queries.js';
import { escapeMrkdwn, quote } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

/** `/social route <text>`: triage as if the text had just been posted on X by an unknown author. Nothing is stored. */
export function routeAnswer(deps: TSlackDeps, text: string): string {
  if (!text.trim()) return 'Usage: `/social route <text>` — e.g. `/social route my internet has been down all day`.';
  const now = deps.now();
  const d = deps.triage(
    { platform: 'x', externalId: `dry-run-${now.getTime()}`, text, createdAt: now.toISOString(), author: { handle: 'dry_run' } },
    { orgChart: deps.orgChart, now },
  );
  const team = findTeam(deps.orgChart, d.team)?.name ?? d.team;
  return [
    `*Dry run* — nothing was stored or posted.\n${quote(text, 1500)}`,
    `*${decisionLabel(d.decision)}* · ${d.priority} · ${d.category} · sentiment ${d.sentiment} (${d.sentimentScore.toFixed(2)})${d.complaint ? ' · complaint' : ''}${d.offensive ? ' · offensive' : ''} · language ${d.lang}`,
    `Team: *${escapeMrkdwn(team)}*${d.slaMinutes ? ` · respond within ${d.slaMinutes} min` : ''}`,
    `*Why*\n${d.reasons.map((r) => `• ${escapeMrkdwn(r)}`).join('\n')}`,
  ].join('\n');
}
