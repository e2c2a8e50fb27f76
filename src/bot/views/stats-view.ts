import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam, memberEntries } from '../../config/org-chart-queries.js';
import { platformName } from '../../connectors/text-limits.js';
import { AppError } from '../../errors.js';
import type { TPlatform } from '../../mention.js';
import { incidentLine, incidentsOfPeriod } from '../../reports/incidents-of-period.js';
import { clusterSamples } from '../../reports/cluster-samples.js';
import { parsePeriod } from '../../reports/period.js';
import { computeStats } from '../../reports/stats.js';
import { agreementLine, triageAgreement } from '../../reports/triage-agreement.js';
import type { TStats } from '../../reports/stats-types.js';
import { capState, draftUsage } from '../../replies/draft-usage.js';
import type { TDb } from '../../store/client.js';
import type { TReportView } from './report-view.js';
import { wallClock } from './wall-clock.js';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const mins = (m: number | null) => (m === null ? '—' : m < 60 ? `${m} min` : `${(m / 60).toFixed(1).replace(/\.0$/, '')} h`);
const top = (rows: { key: string; count: number }[]) => rows.slice(0, 5).map((r) => `${r.key} ${r.count}`).join(', ') || '—';
const MAX_ITEMS = 5;
const ratio = (r: TStats['sentimentRatio']) =>
  r.ratio === null ? (r.positive ? `${r.positive} positive, no negative` : '—') : `${r.ratio.toFixed(1)} positive per negative (${r.positive} : ${r.negative})`;
const people = (list: TStats['topAdvocates']) => list.map((p) => ({ text: `@${p.handle} (${platformName(p.platform as TPlatform)}) · ${p.cases} case${p.cases === 1 ? '' : 's'}` }));

/**
 * `stats [team|all] [period]` for any surface: the asker's own teams and today unless they say otherwise.
 * @throws AppError VALIDATION for an unknown team or period.
 */
export async function statsReport(db: TDb, chart: TOrgChart, memberId: string, args: string[], now: Date): Promise<TReportView> {
  const [first, second] = args.map((a) => a.toLowerCase());
  const isTeam = (s: string | undefined) => !!s && (s === 'all' || chart.teams.some((t) => t.id === s));
  const teamArg = isTeam(first) ? first : undefined;
  const periodArg = (teamArg ? second : first) ?? 'today';
  if (first && !teamArg && args.length > 1) throw new AppError('VALIDATION', `Unknown team "${first.slice(0, 40)}". Teams: ${chart.teams.map((t) => t.id).join(', ')}, or all.`);
  const teams = teamArg === 'all' ? 'all' : teamArg ? [teamArg] : memberEntries(chart, memberId).map((e) => e.team.id);
  let period;
  try {
    period = parsePeriod(periodArg, { now, timeZone: chart.timezone });
  } catch {
    throw new AppError('VALIDATION', `Unknown period "${periodArg.slice(0, 40)}": use today, yesterday, 7d, 30d or a date like 2026-11-23.`);
  }
  const s = await computeStats(db, { teams, from: period.from, to: period.to, now, orgChart: chart });
  const samples = await clusterSamples(db, s.topClusters.slice(0, MAX_ITEMS).map((c) => c.clusterId));
  const report = toReport(s, samples, teams === 'all' ? 'all teams' : teams.join(', ') || 'no team', period.label, chart);
  const ai = await aiDraftSection(db, chart, { from: period.from, to: period.to, teams, now });
  const incidents = await incidentsOfPeriod(db, { teams, from: period.from, to: period.to });
  const incidentSection = incidents.length
    ? [{ heading: `Incidents (${incidents.length})`, items: incidents.map((i) => ({ text: incidentLine(i, findTeam(chart, i.team)?.name ?? i.team) })) }]
    : [];
  // Always the last 7 days, whatever period was asked for: agreement needs a week of cases to mean anything.
  const week = parsePeriod('7d', { now, timeZone: chart.timezone });
  const agreement = await triageAgreement(db, { from: week.from, to: week.to, teams });
  const triage = { heading: 'Triage', facts: [{ label: 'Staff agreed (7 days)', value: agreementLine(agreement) }] };
  return { ...report, sections: [...report.sections, ...incidentSection, triage, ...(ai ? [ai] : [])] };
}

/** AI drafts in the period and today's tokens against the daily cap; absent when there were none and no cap is set. */
async function aiDraftSection(db: TDb, chart: TOrgChart, o: { from: Date; to: Date; teams: string[] | 'all'; now: Date }): Promise<TReportView['sections'][number] | null> {
  const [u, cap] = await Promise.all([draftUsage(db, o), capState(db, chart, o.now)]);
  if (!u.drafts && cap.cap === null) return null;
  const n = (x: number) => x.toLocaleString('en');
  const tokens = u.promptTokens + u.completionTokens;
  const by = ['ready', 'flagged', 'failed', 'timeout'].filter((k) => u.byStatus[k]).map((k) => `${u.byStatus[k]} ${k}`).join(' · ');
  return {
    heading: 'AI drafts',
    facts: [
      { label: 'Drafts', value: `${u.drafts}${by ? ` (${by})` : ''}` },
      { label: 'Tokens', value: `${n(tokens)} (${n(u.promptTokens)} prompt · ${n(u.completionTokens)} completion)` },
      { label: 'Per draft', value: u.drafts ? `${n(Math.round(tokens / u.drafts))} tokens` : '—' },
      { label: 'Today, all teams', value: cap.cap === null ? `${n(cap.used)} tokens (no daily cap)` : `${n(cap.used)} of ${n(cap.cap)} tokens${cap.capped ? ' — cap reached, drafting is off until midnight' : ''}` },
    ],
  };
}

function toReport(s: TStats, samples: Map<string, string>, who: string, label: string, chart: TOrgChart): TReportView {
  // Only the soonest follow-ups come back as items; when every one of them is overdue, more may be beyond them.
  const overdueFollowUps = s.followUpsDue.items.filter((f) => f.overdue).length;
  const overdueMore = overdueFollowUps === s.followUpsDue.items.length && s.followUpsDue.count > overdueFollowUps ? '+' : '';
  const optional = [
    s.topClusters.length > 0 && {
      heading: 'Top issues',
      items: s.topClusters.slice(0, MAX_ITEMS).map((c) => ({ text: `${c.cases} cases (${c.negative} negative): “${samples.get(c.clusterId) ?? c.clusterId}”` })),
    },
    s.topAdvocates.length > 0 && { heading: 'Top advocates', items: people(s.topAdvocates) },
    s.frequentEngagers.length > 0 && { heading: 'Frequent engagers', items: people(s.frequentEngagers) },
    s.followUpsDue.count > 0 && {
      heading: 'Offline follow-ups due',
      items: s.followUpsDue.items.slice(0, MAX_ITEMS).map((f) => {
        const team = findTeam(chart, f.team);
        // On the owning team's clock: that is the day the promise to the customer was made on.
        const tz = team?.timezone ?? chart.timezone;
        const due = wallClock(new Date(f.dueAt), tz);
        const who = f.assignee ? (memberEntries(chart, f.assignee)[0]?.member.name ?? f.assignee) : 'unassigned';
        return { text: `${f.overdue ? 'Overdue since' : 'Due'} ${due.date} ${due.time} (${tz}) · ${team?.name ?? f.team} · ${who}` };
      }),
    },
  ].filter((x) => x !== false);
  return {
    title: `Stats for ${who}`,
    subtitle: label,
    sections: [
      {
        heading: 'Volume',
        facts: [
          { label: 'Cases', value: String(s.volume.total) },
          { label: 'By platform', value: top(s.volume.byPlatform) },
          { label: 'By category', value: top(s.volume.byCategory) },
          { label: 'Sentiment', value: `${s.volume.bySentiment.negative} negative · ${s.volume.bySentiment.neutral} neutral · ${s.volume.bySentiment.positive} positive` },
          { label: 'Sentiment ratio', value: ratio(s.sentimentRatio) },
        ],
      },
      {
        heading: 'Responses',
        facts: [
          { label: 'Response rate', value: `${pct(s.responseRate.rate)} (${s.responseRate.responded} of ${s.responseRate.warranted})` },
          { label: 'First response', value: `median ${mins(s.firstResponse.medianMinutes)} · p90 ${mins(s.firstResponse.p90Minutes)}` },
          { label: 'SLA', value: `${pct(s.sla.metRate)} met · ${s.sla.breached} breached · ${s.sla.pending} pending` },
          { label: 'Busiest', value: `${s.busiest.peakHour === null ? '—' : `${s.busiest.peakHour}:00`} · ${s.busiest.peakWeekday ?? '—'}` },
        ],
      },
      {
        heading: 'Now',
        facts: [
          { label: 'Backlog', value: `${s.backlog.open} open · ${s.backlog.overdue} overdue` },
          { label: 'Follow-ups due', value: `${s.followUpsDue.count}${overdueFollowUps ? ` (${overdueFollowUps}${overdueMore} overdue)` : ''}` },
        ],
      },
      ...optional,
    ],
  };
}
