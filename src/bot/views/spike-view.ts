import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam, managersOf } from '../../config/org-chart-queries.js';
import { AppError } from '../../errors.js';
import { usualText } from '../../incidents/spike-detector.js';
import type { TDb } from '../../store/client.js';
import { personRef, type TPersonRef } from './case-view.js';

/** One risen measure, said the way a team lead reads it. */
export interface TSpikeLine {
  scope: string;
  metric: string;
  /** "Brand-wide", "Network Operations", "Category outage" */
  scopeLabel: string;
  /** "84 mentions in the last hour vs usually 12 at Tue 14:00" */
  headline: string;
  count: number;
  usual: number;
}

/** A spike alert as both surfaces show it: the strongest rise first, the chart of the last hours, who is told. */
export interface TSpikeView {
  team: { id: string; name: string };
  lines: TSpikeLine[];
  managers: TPersonRef[];
  windowEnd: Date;
  weeks: number;
  /** The first line's last hours, oldest first. */
  hours: { at: Date; count: number; usual: number }[];
}

const CATEGORY_NAMES: Record<string, string> = { outage: 'outages', defect: 'faults', billing: 'billing', delivery: 'delivery', service: 'service', question: 'questions', praise: 'praise', lead: 'sales interest', abuse: 'abuse', other: 'other mentions' };

function scopeLabel(chart: TOrgChart, scope: string): string {
  if (scope === 'brand') return 'Brand-wide';
  const [kind, id = ''] = scope.split(':');
  if (kind === 'team') return findTeam(chart, id)?.name ?? id;
  return `Category: ${CATEGORY_NAMES[id] ?? id}`;
}

const windowText = (minutes: number) => (minutes === 60 ? 'the last hour' : minutes % 60 === 0 ? `the last ${minutes / 60} hours` : `the last ${minutes} minutes`);

export function spikeHeadline(a: { metric: string; count: number; baseline: number; hourOfWeek: string; windowStart: Date; windowEnd: Date }): string {
  const noun = a.metric === 'negative' ? (a.count === 1 ? 'negative mention' : 'negative mentions') : a.count === 1 ? 'mention' : 'mentions';
  const minutes = Math.round((a.windowEnd.getTime() - a.windowStart.getTime()) / 60_000);
  return `${a.count} ${noun} in ${windowText(minutes)} vs usually ${usualText(a.baseline)} at ${a.hourOfWeek}`;
}

/**
 * One rise seen through several scopes (every post of the hour was a negative outage report to one team) is one
 * line: the first, most specific, is kept; the others would repeat the same numbers.
 */
function distinct(lines: TSpikeLine[]): TSpikeLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const key = `${l.count}|${l.usual}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function loadSpikeView(db: TDb, chart: TOrgChart, alertIds: readonly string[]): Promise<TSpikeView> {
  const rows = await db.spikeAlert.findMany({ where: { id: { in: [...alertIds] } } });
  if (!rows.length) throw new AppError('NOT_FOUND', `Spike alert ${alertIds[0] ?? ''} does not exist.`);
  // The order the job chose (strongest first) is the order of alertIds.
  rows.sort((a, b) => alertIds.indexOf(a.id) - alertIds.indexOf(b.id));
  const first = rows[0]!;
  return {
    team: { id: first.team, name: findTeam(chart, first.team)?.name ?? first.team },
    lines: distinct(rows.map((r) => ({ scope: r.scope, metric: r.metric, scopeLabel: scopeLabel(chart, r.scope), headline: spikeHeadline(r), count: r.count, usual: r.baseline }))),
    managers: managersOf(chart, first.team).map((m) => personRef(chart, m.id)),
    windowEnd: first.windowEnd,
    weeks: first.weeks,
    hours: (JSON.parse(first.series) as { at: string; count: number; usual: number }[]).map((h) => ({ ...h, at: new Date(h.at) })),
  };
}
