import type { TOrgChart } from '../../config/org-chart-schema.js';
import { memberEntries } from '../../config/org-chart-queries.js';
import { AppError } from '../../errors.js';
import { parsePeriod } from '../../reports/period.js';
import { computeStats } from '../../reports/stats.js';
import type { TStats } from '../../reports/stats-types.js';
import type { TDb } from '../../store/client.js';
import type { TReportView } from './report-view.js';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const mins = (m: number | null) => (m === null ? '—' : m < 60 ? `${m} min` : `${(m / 60).toFixed(1).replace(/\.0$/, '')} h`);
const top = (rows: { key: string; count: number }[]) => rows.slice(0, 5).map((r) => `${r.key} ${r.count}`).join(', ') || '—';

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
  return toReport(s, teams === 'all' ? 'all teams' : teams.join(', ') || 'no team', period.label);
}

function toReport(s: TStats, who: string, label: string): TReportView {
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
      { heading: 'Now', facts: [{ label: 'Backlog', value: `${s.backlog.open} open · ${s.backlog.overdue} overdue` }, { label: 'Follow-ups due', value: String(s.followUpsDue.count) }] },
    ],
  };
}
