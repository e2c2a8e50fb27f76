import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam, memberName } from '../../config/org-chart-queries.js';
import { composeDigest, type TDigest, type TDigestFigure } from '../../reports/digest.js';
import { renderDigestChart } from '../../reports/digest-chart.js';
import { incidentLine } from '../../reports/incidents-of-period.js';
import { agreementLine } from '../../reports/triage-agreement.js';
import type { TDb } from '../../store/client.js';
import type { TComposedDigest, TReportView } from './report-view.js';

/** Where a surface can link a case (its card's permalink), or null when the case has no card there. */
export type TCaseLink = (caseId: string) => Promise<string | null>;

const num = (v: number | null, digits = 0) => (v === null ? '–' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

/** "12 (7-day avg 8.3, ↑)" — the day against the average day before it. */
function compare(f: TDigestFigure, show: (v: number | null) => string): string {
  if (f.day === null || f.previous7DayAverage === null) return `${show(f.day)} (7-day avg ${show(f.previous7DayAverage)})`;
  const arrow = f.day > f.previous7DayAverage ? '↑' : f.day < f.previous7DayAverage ? '↓' : '→';
  return `${show(f.day)} (7-day avg ${show(f.previous7DayAverage)} ${arrow})`;
}

/** A manager's digest as a surface-neutral report; sample texts stay raw and are escaped by the renderer. */
export async function digestView(d: TDigest, chart: TOrgChart, link: TCaseLink): Promise<TReportView> {
  const teamNames = digestTeamNames(d, chart);
  const breaches = await Promise.all(
    d.slaBreaches.items.map(async (b) => ({
      text: `${b.priority} on ${b.platform} (${findTeam(chart, b.team)?.name ?? b.team}) due ${b.dueAt.slice(11, 16)} UTC — ${b.respondedAt ? `answered ${b.respondedAt.slice(11, 16)} UTC` : 'still unanswered'}${b.assignee ? ` · ${memberName(chart, b.assignee)}` : ' · unclaimed'}`,
      url: await link(b.caseId),
    })),
  );
  const followUps = await Promise.all(
    d.followUps.items.map(async (f) => ({ text: `${f.overdue ? 'Overdue since' : 'Due'} ${f.dueAt.slice(0, 16).replace('T', ' ')} UTC · ${f.assignee ? memberName(chart, f.assignee) : 'unassigned'}`, url: await link(f.caseId) })),
  );
  return {
    title: `Daily digest — ${teamNames} — ${d.date}`,
    subtitle: `Yesterday against the average of the 7 days before (times in ${d.timeZone}).`,
    sections: [
      {
        heading: 'The day',
        facts: [
          { label: 'Cases', value: compare(d.figures.cases, (v) => num(v, v !== null && v % 1 ? 1 : 0)) },
          { label: 'Negative', value: compare(d.figures.negative, (v) => num(v, v !== null && v % 1 ? 1 : 0)) },
          { label: 'Response rate', value: compare(d.figures.responseRate, pct) },
          { label: 'Median first response', value: compare(d.figures.medianFirstResponseMinutes, (v) => (v === null ? '–' : `${Math.round(v)} min`)) },
          { label: 'SLA met', value: compare(d.figures.slaMetRate, pct) },
          { label: 'Staff agreed with triage (7 days)', value: agreementLine(d.triageAgreement) },
        ],
      },
      { heading: `SLA breaches (${d.slaBreaches.count})`, items: breaches.length ? breaches : [{ text: 'None.' }] },
      { heading: 'Top issues', items: topIssues(d) },
      ...(d.incidents.length ? [{ heading: `Incidents (${d.incidents.length})`, items: d.incidents.map((i) => ({ text: incidentLine(i, findTeam(chart, i.team)?.name ?? i.team) })) }] : []),
      { heading: `Unresolved follow-ups (${d.followUps.count})`, items: followUps.length ? followUps : [{ text: 'None.' }] },
    ],
  };
}

/** The digest's teams by their org-chart names: the report's title and the chart's heading. */
function digestTeamNames(d: Pick<TDigest, 'teams'>, chart: TOrgChart): string {
  return d.teams.map((t) => findTeam(chart, t)?.name ?? t).join(', ');
}

function topIssues(d: TDigest): { text: string }[] {
  const items = [
    ...d.topIssues.clusters.slice(0, 3).map((c) => ({ text: `${c.cases} cases: “${c.sample ?? c.clusterId}”` })),
    ...(d.topIssues.categories.length ? [{ text: `By category: ${d.topIssues.categories.map((c) => `${c.key} ${c.count}`).join(' · ')}` }] : []),
  ];
  return items.length ? items : [{ text: 'No cases that day.' }];
}

/** Digest composition for any surface: the report itself, and its chart (yesterday by hour, the week's trend). */
export function digestSource(db: TDb, chart: TOrgChart, now: () => Date, link: TCaseLink): { compose(memberId: string, date: string): Promise<TComposedDigest & { digest: TDigest }> } {
  return {
    async compose(memberId, date) {
      const digest = await composeDigest(db, { memberId, date, orgChart: chart, now: now() });
      const picture = async (scale: number) => (await renderDigestChart(digest, { heading: digestTeamNames(digest, chart), scale })).png;
      return { digest, view: await digestView(digest, chart, link), picture };
    },
  };
}
