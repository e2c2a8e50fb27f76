import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TMetrics } from '../metrics/registry.js';
import type { TDb } from '../store/client.js';
import { draftUsage, orgToday } from './draft-usage.js';

export interface TDraftMetrics {
  /** One finished draft: its outcome, tokens and how long it took. */
  observe(d: { status: string; promptTokens: number; completionTokens: number; seconds: number }): void;
}

/**
 * AI-draft usage on the instance registry: per-draft histograms and totals from this process, and today's figures
 * from the database at scrape time (every process reports the same day, across restarts).
 */
export function registerDraftMetrics(metrics: TMetrics, deps: { db: TDb; orgChart: TOrgChart; now: () => Date }): TDraftMetrics {
  const drafts = metrics.counter({ name: 'earshot_ai_drafts_total', help: 'AI drafts asked for in this process, by outcome (ready, flagged, failed, timeout).', labelNames: ['status'] });
  const tokens = metrics.counter({ name: 'earshot_ai_draft_tokens_total', help: 'Tokens spent on AI drafts in this process, by kind (prompt, completion).', labelNames: ['kind'] });
  const perDraft = metrics.histogram({ name: 'earshot_ai_draft_tokens', help: 'Tokens (prompt + completion) per AI draft.', buckets: [250, 500, 1000, 1500, 2000, 3000, 5000, 10000] });
  const duration = metrics.histogram({ name: 'earshot_ai_draft_duration_seconds', help: 'Time from "Draft with AI" to a finished draft (or its failure), by outcome.', labelNames: ['status'], buckets: [0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60] });
  const today = metrics.gauge({ name: 'earshot_ai_draft_tokens_today', help: "Tokens spent on AI drafts today (organisation time zone), all processes, by kind.", labelNames: ['kind'] });
  const todayDrafts = metrics.gauge({ name: 'earshot_ai_drafts_today', help: 'AI drafts today (organisation time zone), all processes, by outcome.', labelNames: ['status'] });
  const cap = metrics.gauge({ name: 'earshot_ai_draft_daily_token_cap', help: "The org chart's daily token cap for AI drafts (absent when there is none)." });
  metrics.onScrape(async () => {
    const u = await draftUsage(deps.db, orgToday(deps.orgChart, deps.now()));
    today.set({ kind: 'prompt' }, u.promptTokens);
    today.set({ kind: 'completion' }, u.completionTokens);
    todayDrafts.reset();
    for (const [status, n] of Object.entries(u.byStatus)) todayDrafts.set({ status }, n);
    const c = deps.orgChart.aiDrafts.dailyTokenCap;
    if (c === undefined) cap.remove();
    else cap.set(c);
  });
  return {
    observe(d) {
      drafts.inc({ status: d.status });
      tokens.inc({ kind: 'prompt' }, d.promptTokens);
      tokens.inc({ kind: 'completion' }, d.completionTokens);
      perDraft.observe(d.promptTokens + d.completionTokens);
      duration.observe({ status: d.status }, d.seconds);
    },
  };
}
