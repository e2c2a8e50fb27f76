import type { TMember, TOrgChart, TPriority, TRole, TTeam } from './org-chart-schema.js';

export function findTeam(chart: TOrgChart, teamId: string): TTeam | undefined {
  return chart.teams.find((t) => t.id === teamId);
}

/** SLA minutes for a priority: the team's own policy, else the organisation default. */
export function slaMinutesFor(chart: TOrgChart, teamId: string, priority: TPriority): number {
  const team = findTeam(chart, teamId);
  return (team?.slaMinutes ?? chart.defaultSlaMinutes)[priority];
}

export interface TActingMember {
  member: TMember;
  /** The role this person holds for the case's team (see roleFor). */
  role: TRole;
}

/** Every entry for a member id across teams (a person may sit in several). */
export function memberEntries(chart: TOrgChart, memberId: string): { team: TTeam; member: TMember }[] {
  return chart.teams.flatMap((team) => team.members.filter((m) => m.id === memberId).map((member) => ({ team, member })));
}

const RANK: Record<TRole, number> = { viewer: 0, responder: 1, approver: 2 };

/**
 * A member acts on a case with their role in the case's team. Outside their own teams they are viewers,
 * except managers, who may act anywhere with their highest role: escalations cross team lines.
 */
export function roleFor(chart: TOrgChart, memberId: string, caseTeam: string): TActingMember | undefined {
  const entries = memberEntries(chart, memberId);
  if (entries.length === 0) return undefined;
  const own = entries.find((e) => e.team.id === caseTeam);
  if (own) return { member: own.member, role: own.member.role };
  const manager = entries.find((e) => e.member.manager);
  if (manager) {
    const best = entries.reduce((a, b) => (RANK[b.member.role] > RANK[a.member.role] ? b : a));
    return { member: manager.member, role: best.member.role };
  }
  return { member: entries[0]!.member, role: 'viewer' };
}

/** The name staff know a member by (an unknown id, e.g. a member since removed from the chart, shows as itself). */
export function memberName(chart: TOrgChart, memberId: string): string {
  return memberEntries(chart, memberId)[0]?.member.name ?? memberId;
}

/** Managers of a team, for escalations and digests. */
export function managersOf(chart: TOrgChart, teamId: string): TMember[] {
  return findTeam(chart, teamId)?.members.filter((m) => m.manager) ?? [];
}
