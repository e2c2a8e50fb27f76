import type { TOrgChart } from '../config/org-chart-schema.js';
import { addDays, localDateOf, startOfLocalDay } from '../reports/local-day.js';
import type { TDb } from '../store/client.js';

export interface TTokenUsage {
  drafts: number;
  promptTokens: number;
  completionTokens: number;
  /** Drafts by outcome: ready, flagged, failed, timeout, running. */
  byStatus: Record<string, number>;
}

/** AI-draft usage in [from, to), optionally for some teams only. Read from the database, so every process agrees. */
export async function draftUsage(db: TDb, o: { from: Date; to: Date; teams?: string[] | 'all' }): Promise<TTokenUsage> {
  const where = { createdAt: { gte: o.from, lt: o.to }, ...(Array.isArray(o.teams) && { team: { in: o.teams } }) };
  const rows = await db.aiDraft.groupBy({ by: ['status'], where, _count: { _all: true }, _sum: { promptTokens: true, completionTokens: true } });
  const usage: TTokenUsage = { drafts: 0, promptTokens: 0, completionTokens: 0, byStatus: {} };
  for (const r of rows) {
    usage.drafts += r._count._all;
    usage.promptTokens += r._sum.promptTokens ?? 0;
    usage.completionTokens += r._sum.completionTokens ?? 0;
    usage.byStatus[r.status] = r._count._all;
  }
  return usage;
}

/** Today, on the organisation's clock: the day the daily cap counts. */
export function orgToday(chart: TOrgChart, now: Date): { from: Date; to: Date } {
  const today = localDateOf(now, chart.timezone);
  return { from: startOfLocalDay(today, chart.timezone), to: startOfLocalDay(addDays(today, 1), chart.timezone) };
}

export type TCapState = { capped: false; used: number; cap: number | null } | { capped: true; used: number; cap: number; reason: string };

/** Whether today's tokens have reached the org chart's `aiDrafts.dailyTokenCap`, with the sentence staff see. */
export async function capState(db: TDb, chart: TOrgChart, now: Date): Promise<TCapState> {
  const cap = chart.aiDrafts.dailyTokenCap ?? null;
  const u = await draftUsage(db, orgToday(chart, now));
  const used = u.promptTokens + u.completionTokens;
  if (cap === null || used < cap) return { capped: false, used, cap };
  const n = (x: number) => x.toLocaleString('en');
  return { capped: true, used, cap, reason: `Draft with AI is off for today: ${chart.organisation} has used its daily ${n(cap)} tokens (${n(used)} used). It comes back at midnight (${chart.timezone}).` };
}
