import type { TOrgChart } from '../../config/org-chart-schema.js';
import { fillPlaceholders, placeholderValues } from '../../replies/placeholders.js';
import type { TCaseView } from './case-view.js';

/** Values for `{name}`-style placeholders in saved replies, for this case and the person replying. */
export function templateVars(v: Pick<TCaseView, 'author' | 'team' | 'platformName' | 'id'>, agentName: string, organisation = ''): Record<string, string> {
  return placeholderValues({ author: v.author, team: v.team, platformName: v.platformName, caseId: v.id, organisation }, agentName);
}

export const fillTemplate = fillPlaceholders;

export function savedReply(chart: TOrgChart, id: string) {
  return chart.savedReplies.find((r) => r.id === id);
}
