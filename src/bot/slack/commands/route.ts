import { decisionLabel } from '../../views/case-view.js';
import { dryRunRoute } from '../../views/route-view.js';
import { escapeMrkdwn, quote } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

/** `/social route <text>`: dry-run triage with its reasons. Nothing is stored. */
export function routeAnswer(deps: TSlackDeps, text: string): string {
  if (!text.trim()) return 'Usage: `/social route <text>` — e.g. `/social route my internet has been down all day`.';
  const { decision: d, teamName } = dryRunRoute(deps.triage, deps.orgChart, deps.now(), text);
  return [
    `*Dry run* — nothing was stored or posted.\n${quote(text, 1500)}`,
    `*${decisionLabel(d.decision)}* · ${d.priority} · ${d.category} · sentiment ${d.sentiment} (${d.sentimentScore.toFixed(2)})${d.complaint ? ' · complaint' : ''}${d.offensive ? ' · offensive' : ''} · language ${d.lang}`,
    `Team: *${escapeMrkdwn(teamName)}*${d.slaMinutes ? ` · respond within ${d.slaMinutes} min` : ''}`,
    `*Why*\n${d.reasons.map((r) => `• ${escapeMrkdwn(r)}`).join('\n')}`,
  ].join('\n');
}
