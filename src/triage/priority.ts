/**
 * Priority as a sum of named factors (so the card can say why), multiplied by the customer-tier
 * weight, then banded into P1–P4. Decisions then clamp it: nothing ignored is urgent.
 */
import type { TCategory, TOrgChart, TPriority } from '../config/org-chart-schema.js';
import type { TMention } from '../mention.js';
import type { TAuthorHistory, TDecisionKind } from './types.js';

const SEVERITY: Readonly<Record<TCategory, number>> = {
  outage: 35, defect: 25, billing: 22, delivery: 20, service: 20, question: 15, lead: 15,
  abuse: 10, praise: 5, other: 5, spam: 0,
};

/** Score bands: at or above the first number is P1, and so on. */
export const BANDS: readonly [number, TPriority][] = [[60, 'P1'], [40, 'P2'], [20, 'P3'], [0, 'P4']];

export interface TPriorityInput {
  mention: TMention;
  author?: TAuthorHistory;
  orgChart: TOrgChart;
  category: TCategory;
  sentimentScore: number;
  complaint: boolean;
  similarRecent: number;
  risk: boolean;
  decision: TDecisionKind;
  readable: boolean;
}

export interface TPriorityResult {
  priority: TPriority;
  score: number;
  /** e.g. "outage +35", "business customer ×2" */
  factors: string[];
}

const fmtCount = (n: number): string => (n >= 1_000_000 ? `${(n / 1e6).toFixed(1)}M` : n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));

interface TScoreSum {
  score: number;
  factors: string[];
}

/** Adds a named factor of at least 0.1 points (rounded to one decimal). */
function addFactor(acc: TScoreSum, points: number, label: string): void {
  const pts = Math.round(points * 10) / 10;
  if (pts <= 0) return;
  acc.score += pts;
  acc.factors.push(`${label} +${pts}`);
}

/** Scores and bands a mention. */
export function prioritise(p: TPriorityInput): TPriorityResult {
  const acc: TScoreSum = { score: 0, factors: [] };
  addFactor(acc, SEVERITY[p.category], p.category);
  if (p.sentimentScore < 0) addFactor(acc, -p.sentimentScore * 15, 'negative tone');
  if (p.complaint) addFactor(acc, 8, 'complaint');
  if (p.risk) addFactor(acc, 30, 'risk keyword');

  const followers = p.mention.author.followers ?? 0;
  if (followers > 0) addFactor(acc, Math.min(15, 3 * Math.log10(followers + 1)), `reach ${fmtCount(followers)} followers`);
  if (p.mention.author.verified) addFactor(acc, 5, 'verified account');

  const m = p.mention.metrics;
  const engagement = (m?.likes ?? 0) + 2 * (m?.shares ?? 0) + (m?.replies ?? 0);
  if (engagement > 0) addFactor(acc, Math.min(10, 3 * Math.log10(engagement + 1)), `engagement ${fmtCount(engagement)}`);
  if (p.similarRecent > 0) addFactor(acc, Math.min(15, 3 * p.similarRecent), `${p.similarRecent} similar in the last hour`);

  const customerId = p.mention.author.customerId ?? p.author?.customerId;
  if (customerId) addFactor(acc, 5, 'known customer');
  const h = p.author;
  if (h && h.complaints >= 2 && (p.complaint || p.sentimentScore < 0)) addFactor(acc, 5, `repeat complainer (${h.complaints} before)`);
  const advocate = h && (h.praise >= 2 || h.tags.some((t) => t.toLowerCase() === 'advocate'));
  if (advocate && (p.complaint || p.sentimentScore < 0)) addFactor(acc, 4, 'known advocate is unhappy');

  const tier = p.mention.author.tier ?? h?.tier ?? undefined;
  const weight = tier ? p.orgChart.customerTiers[tier]?.weight : undefined;
  if (weight !== undefined && weight !== 1) {
    acc.score *= weight;
    acc.factors.push(`${tier} customer ×${weight}`);
  }
  const { factors } = acc;
  const score = Math.min(100, Math.round(acc.score * 10) / 10);

  let priority = BANDS.find(([min]) => score >= min)?.[1] ?? 'P4';
  // The decision bounds the band: urgent things are never P4, things needing no reply are never urgent.
  if (p.decision === 'escalate') priority = p.risk ? 'P1' : minBand(priority, 'P2');
  if (p.decision === 'ignore' || p.decision === 'monitor' || p.category === 'praise') priority = 'P4';
  if (!p.readable && p.decision !== 'ignore' && p.decision !== 'monitor') priority = minBand(priority, 'P3');
  return { priority, score, factors };
}

/** The more urgent of two bands. */
const minBand = (a: TPriority, b: TPriority): TPriority => (a < b ? a : b);

/** SLA for the owning team (or the org default); none when nobody needs to reply. */
export function slaFor(orgChart: TOrgChart, team: string, priority: TPriority, decision: TDecisionKind): number | null {
  if (decision === 'ignore' || decision === 'monitor') return null;
  const own = orgChart.teams.find((t) => t.id === team)?.slaMinutes;
  return (own ?? orgChart.defaultSlaMinutes)[priority];
}
