import type { TOrgChart } from '../config/org-chart-schema.js';
import { memberEntries } from '../config/org-chart-queries.js';
import { AppError } from '../errors.js';
import type { TDb } from '../store/client.js';
import { followUpsDue } from './backlog.js';
import { clusterSamples } from './cluster-samples.js';
import { addDays, formatLocalDate, parseLocalDate, startOfLocalDay } from './local-day.js';
import { computeStats } from './stats.js';
import { incidentsOfPeriod, type TIncidentSummary } from './incidents-of-period.js';
import { triageAgreement, type TTriageAgreement } from './triage-agreement.js';
import type { TStats } from './stats-types.js';
import { WARRANTED_DECISIONS } from './warranted.js';

/** A figure for the reported day beside the average day of the 7 days before it (null where undefined, e.g. no cases). */
export interface TDigestFigure {
  day: number | null;
  previous7DayAverage: number | null;
}

/** What a manager's daily digest says, surface-neutral; user text (samples, handles) is raw and must be escaped. */
export interface TDigest {
  memberId: string;
  teams: string[];
  /** The local day reported on (YYYY-MM-DD) in `timeZone`, and its [from, to). */
  date: string;
  timeZone: string;
  from: string;
  to: string;
  figures: {
    cases: TDigestFigure;
    negative: TDigestFigure;
    responseRate: TDigestFigure;
    medianFirstResponseMinutes: TDigestFigure;
    slaMetRate: TDigestFigure;
  };
  /** Warranted cases whose SLA fell due that day and was missed (answered late, or unanswered and past due by `now`). */
  slaBreaches: { count: number; items: { caseId: string; team: string; priority: string; platform: string; dueAt: string; respondedAt: string | null; assignee: string | null }[] };
  topIssues: { clusters: (TStats['topClusters'][number] & { sample: string | null })[]; categories: TStats['volume']['byCategory'] };
  /** Offline follow-ups due by `now` and still not resolved. */
  followUps: TStats['followUpsDue'];
  /** The day's incidents, largest first, with their size, first-response and resolution times. */
  incidents: TIncidentSummary[];
  /** 24 local hours of the reported day: volume and sentiment, for the chart (renderDigestChart). */
  hourly: TStats['busiest']['hours'];
  /** The 7 days before and the reported day itself, oldest first: the week's trend the chart draws beside the day. */
  trend: TDigestDay[];
  /** How often staff left triage as it was, over the cases of the week ending with the reported day (src/reports/triage-agreement.ts). */
  triageAgreement: TTriageAgreement;
}

/** One local day of the trend: cases by sentiment and the median first response of that day's cases. */
export interface TDigestDay {
  date: string;
  negative: number;
  neutral: number;
  positive: number;
  medianFirstResponseMinutes: number | null;
}

const MAX_BREACHES = 10;

/**
 * Composes one manager's digest for the local day `date` (normally yesterday in their zone): the day's figures against
 * the average of the 7 days before, SLA breaches (case ids, for linking to cards), top issues, unresolved follow-ups
 * and the hourly series. Teams: those the member manages, else every team they sit in.
 * @throws AppError NOT_FOUND for an unknown member, VALIDATION for a malformed date.
 * @example const d = await composeDigest(db, { memberId: 'priya', date: '2026-11-22', orgChart, now });
 */
export async function composeDigest(db: TDb, o: { memberId: string; date: string; orgChart: TOrgChart; now: Date }): Promise<TDigest> {
  const entries = memberEntries(o.orgChart, o.memberId);
  if (entries.length === 0) throw new AppError('NOT_FOUND', `No member "${o.memberId}" in the org chart.`);
  const managed = entries.filter((e) => e.member.manager);
  const teams = [...new Set((managed.length ? managed : entries).map((e) => e.team.id))];
  const timeZone = entries.find((e) => e.member.timezone)?.member.timezone ?? entries[0]!.team.timezone ?? o.orgChart.timezone;
  const date = parseLocalDate(o.date);
  if (!date) throw new AppError('VALIDATION', `"${o.date}" is not a date like 2026-11-23.`);
  const from = startOfLocalDay(date, timeZone);
  const to = startOfLocalDay(addDays(date, 1), timeZone);
  const weekFrom = startOfLocalDay(addDays(date, -7), timeZone);

  const base = { teams, now: o.now, orgChart: o.orgChart };
  const day = await computeStats(db, { ...base, from, to });
  const week = await computeStats(db, { ...base, from: weekFrom, to: from });
  const avg = (n: number) => n / 7;
  const fig = (d: number | null, w: number | null): TDigestFigure => ({ day: d, previous7DayAverage: w });

  const [slaBreaches, samples, followUps, incidents, agreement, previousDays] = await Promise.all([
    breaches(db, { teams, from, to, now: o.now }),
    clusterSamples(db, day.topClusters.map((c) => c.clusterId)),
    followUpsDue(db, { to: o.now, now: o.now, teams }),
    incidentsOfPeriod(db, { teams, from, to }),
    triageAgreement(db, { from: startOfLocalDay(addDays(date, -6), timeZone), to, teams }),
    // Each day on its own, for the trend; the rollup makes these cheap. Local days, so a DST day is 23 or 25 hours.
    Promise.all(
      [-7, -6, -5, -4, -3, -2, -1].map(async (k) => {
        const d = addDays(date, k);
        const s = await computeStats(db, { ...base, from: startOfLocalDay(d, timeZone), to: startOfLocalDay(addDays(d, 1), timeZone) });
        return trendDay(formatLocalDate(d), s);
      }),
    ),
  ]);
  return {
    memberId: o.memberId,
    teams,
    date: o.date,
    timeZone,
    from: from.toISOString(),
    to: to.toISOString(),
    figures: {
      cases: fig(day.volume.total, avg(week.volume.total)),
      negative: fig(day.volume.bySentiment.negative, avg(week.volume.bySentiment.negative)),
      // Rates and medians of the 7 days are taken over all their cases, which is what an average day means for them.
      responseRate: fig(day.responseRate.rate, week.responseRate.rate),
      medianFirstResponseMinutes: fig(day.firstResponse.medianMinutes, week.firstResponse.medianMinutes),
      slaMetRate: fig(day.sla.metRate, week.sla.metRate),
    },
    slaBreaches,
    topIssues: { clusters: day.topClusters.map((c) => ({ ...c, sample: samples.get(c.clusterId) ?? null })), categories: day.volume.byCategory.slice(0, 3) },
    followUps,
    incidents,
    hourly: day.busiest.hours,
    trend: [...previousDays, trendDay(o.date, day)],
    triageAgreement: agreement,
  };
}

function trendDay(date: string, s: TStats): TDigestDay {
  return { date, ...s.volume.bySentiment, medianFirstResponseMinutes: s.firstResponse.medianMinutes };
}

async function breaches(db: TDb, o: { teams: string[]; from: Date; to: Date; now: Date }): Promise<TDigest['slaBreaches']> {
  const rows = await db.case.findMany({
    where: {
      team: { in: o.teams },
      decision: { in: [...WARRANTED_DECISIONS] },
      slaDueAt: { gte: o.from, lt: o.to },
      OR: [{ firstResponseAt: null }, { firstResponseAt: { gt: o.from } }],
    },
    orderBy: { slaDueAt: 'asc' },
    select: { id: true, team: true, priority: true, platform: true, slaDueAt: true, firstResponseAt: true, assignee: true },
  });
  const missed = rows.filter((r) => (r.firstResponseAt ? r.firstResponseAt > r.slaDueAt! : r.slaDueAt! <= o.now));
  return {
    count: missed.length,
    items: missed.slice(0, MAX_BREACHES).map((r) => ({
      caseId: r.id,
      team: r.team,
      priority: r.priority,
      platform: r.platform,
      dueAt: r.slaDueAt!.toISOString(),
      respondedAt: r.firstResponseAt?.toISOString() ?? null,
      assignee: r.assignee,
    })),
  };
}
