import type { TOrgChart } from '../config/org-chart-schema.js';

/**
 * The org chart as the sandbox uses it: every team gets a Slack channel and a Teams channel and every member a
 * Slack and a Teams id, keeping any the chart already has, so any chart — not only the example — can be tried.
 * Generated ids are derived from the team or member id, so they are stable across restarts.
 */
export function sandboxOrgChart(chart: TOrgChart): TOrgChart {
  const slackId = (prefix: string, id: string) => `${prefix}SBX${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 20);
  const people = new Map<string, { slackUserId: string; teamsUserId: string }>();
  for (const t of chart.teams) {
    for (const m of t.members) {
      if (!people.has(m.id)) people.set(m.id, { slackUserId: m.slackUserId ?? slackId('U', m.id), teamsUserId: m.teamsUserId ?? `sandbox-aad-${m.id}` });
    }
  }
  return {
    ...chart,
    teams: chart.teams.map((t) => ({
      ...t,
      slack: t.slack ?? { channel: slackId('C', t.id) },
      teams: t.teams ?? { conversationId: `19:${t.id}@thread.sandbox` },
      members: t.members.map((m) => ({ ...m, ...people.get(m.id)! })),
    })),
  };
}
