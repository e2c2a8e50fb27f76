import type { TIncidentsConfig } from '../config/incidents-schema.js';
import type { TOrgChart } from '../config/org-chart-schema.js';
import { BANDS } from '../triage/priority.js';
import type { TTriageDecision } from '../triage/index.js';

export interface TMemberFacts {
  decision: Pick<TTriageDecision, 'priority' | 'priorityScore' | 'signals'>;
  author: { followers: number; verified: boolean; tier: string | null };
}

/**
 * Whether an incident member still earns a card of its own (in the incident card's thread), and why. The rule, as the
 * README states it: a risk keyword or risk meaning; a priority in `ownCard.priorities` judged without the wave's own
 * volume (a surge makes every member P1 by its count alone); an author in a listed customer tier (default: every
 * tier weighted above 1); or an author over `ownCard.minFollowers` (verified, unless `verifiedOnly` is false). Pure.
 */
export function ownCardReason(chart: TOrgChart, m: TMemberFacts): string | undefined {
  const rule: TIncidentsConfig['ownCard'] = chart.incidents.ownCard;
  const { decision: d, author } = m;
  if (rule.risk && d.signals.risk.length > 0) return 'risk';
  if (rule.priorities.length) {
    const own = priorityWithoutWave(chart, d, author.tier);
    if (rule.priorities.includes(own as never)) return `priority ${own}`;
  }
  const tiers = rule.tiers ?? Object.entries(chart.customerTiers).filter(([, t]) => t.weight > 1).map(([id]) => id);
  if (author.tier && tiers.includes(author.tier)) return `${author.tier} customer`;
  if (author.followers >= rule.minFollowers && (author.verified || !rule.verifiedOnly)) return 'reach';
  return undefined;
}

/** The band the score would have without the "N similar in the last hour" points (priority.ts adds min(15, 3·N), then weights by tier). */
function priorityWithoutWave(chart: TOrgChart, d: TMemberFacts['decision'], tier: string | null): string {
  const weight = (tier && chart.customerTiers[tier]?.weight) || 1;
  const wave = Math.min(15, 3 * d.signals.cluster.similar) * weight;
  const score = d.priorityScore - wave;
  return BANDS.find(([min]) => score >= min)?.[1] ?? 'P4';
}
