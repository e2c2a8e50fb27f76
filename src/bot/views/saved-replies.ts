import type { TOrgChart } from '../../config/org-chart-schema.js';
import type { TCaseView } from './case-view.js';

/** Values for `{name}`-style placeholders in saved replies. Unknown placeholders are left as typed. */
export function templateVars(v: Pick<TCaseView, 'author' | 'team'>, agentName: string): Record<string, string> {
  const handle = `@${v.author.handle.replace(/^@/, '')}`;
  const first = v.author.displayName?.trim().split(/\s+/)[0];
  return { name: first || handle, handle, agent: agentName.split(/\s+/)[0] ?? agentName, team: v.team.name };
}

export function fillTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

export function savedReply(chart: TOrgChart, id: string) {
  return chart.savedReplies.find((r) => r.id === id);
}

/** The acknowledgement a "move offline" starts from: the org chart's own take-offline reply, if it has one. */
export function offlineAcknowledgement(chart: TOrgChart): string {
  const own = chart.savedReplies.find((r) => /offline|dm|private/i.test(`${r.id} ${r.title}`));
  return own?.text ?? 'Hi {name}, sorry about this. We will contact you directly to sort it out.';
}
