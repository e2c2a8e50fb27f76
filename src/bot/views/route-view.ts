import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import type { TTriageDecision, TTriageFn } from '../../triage/types.js';

export interface TRouteView {
  text: string;
  decision: TTriageDecision;
  teamName: string;
}

/** `route <text>`: triage as if the text had just been posted on X by an unknown author. Nothing is stored. */
export function dryRunRoute(triage: TTriageFn, chart: TOrgChart, now: Date, text: string): TRouteView {
  const decision = triage(
    { platform: 'x', externalId: `dry-run-${now.getTime()}`, text, createdAt: now.toISOString(), author: { handle: 'dry_run' } },
    { orgChart: chart, now },
  );
  return { text, decision, teamName: findTeam(chart, decision.team)?.name ?? decision.team };
}
