import type { TOrgChart } from '../config/org-chart-schema.js';
import { findTeam } from '../config/org-chart-queries.js';
import type { TTeamBasis } from './slot-aggregate.js';

/**
 * A team's clock and working hours as stats use them: its own time zone (else the organisation's) and its business
 * hours; a team the org chart no longer lists counts every minute in the organisation's zone.
 */
export function teamBasis(chart: TOrgChart, team: string): TTeamBasis {
  const t = findTeam(chart, team);
  const timeZone = t?.timezone ?? chart.timezone;
  const hours = t?.businessHours ?? '24x7';
  return { timeZone, hours, key: JSON.stringify([timeZone, hours]) };
}

/** Memoised teamBasis for one computation. */
export function basisLookup(chart: TOrgChart): (team: string) => TTeamBasis {
  const memo = new Map<string, TTeamBasis>();
  return (team) => {
    let b = memo.get(team);
    if (!b) memo.set(team, (b = teamBasis(chart, team)));
    return b;
  };
}
