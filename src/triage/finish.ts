/**
 * The last steps both tiers share: priority, SLA, owning team, cluster and author notes, confidence, and the
 * decision object itself. Pure.
 */
import type { TMention } from '../mention.js';
import { calibrated, UNSURE_BELOW, type TTier } from './confidence.js';
import type { TJudgement } from './judge.js';
import { prioritise, slaFor } from './priority.js';
import type { TReading } from './reading.js';
import { route } from './route.js';
import type { TTriageContext, TTriageDecision } from './types.js';

export function finishDecision(mention: TMention, ctx: Pick<TTriageContext, 'orgChart' | 'author'>, r: TReading, j: TJudgement, tier: TTier, text: string, extra: readonly string[] = []): TTriageDecision {
  const { orgChart } = ctx;
  const reasons = [...j.reasons];
  const confidence = calibrated(j.raw, tier);
  const unsure = j.unsure ?? (confidence < UNSURE_BELOW ? 'Low confidence: the signs point different ways; a quick look decides it.' : undefined);
  // First on the card, where staff read before acting.
  if (unsure) reasons.unshift(`Unsure: ${unsure}`);
  const tier0 = mention.author.tier ?? ctx.author?.tier ?? undefined;
  const pr = prioritise({
    mention, author: ctx.author, orgChart, category: j.category, sentimentScore: j.sentimentScore, complaint: j.complaint,
    similarRecent: r.cluster.similar, risk: r.risk.length > 0 && j.decision === 'escalate', decision: j.decision, readable: r.readable || r.cues,
  });
  reasons.push(`Priority ${pr.priority} (score ${pr.score}${pr.factors.length ? `: ${pr.factors.join(', ')}` : ''}).`);
  const routed = route(orgChart, { mention, text, category: j.category, lang: r.lang, sentiment: j.sentiment, ...(tier0 ? { tier: tier0 } : {}) });
  reasons.push(routed.reason);
  if (r.cluster.joined) {
    reasons.push(`Same story as ${r.cluster.similar} other mention${r.cluster.similar === 1 ? '' : 's'} in the last hour (cluster ${r.cluster.clusterId}).`);
  }
  const h = ctx.author;
  if (h && h.tags.some((t) => t.toLowerCase() === 'advocate' || t.toLowerCase() === 'vip')) reasons.push(`Author is tagged ${h.tags.join(', ')}.`);
  if (h && h.praise >= 2 && j.category !== 'praise') reasons.push(`Known advocate: praised us ${h.praise} times before.`);
  reasons.push(...extra);
  reasons.push(`Confidence: ${Math.round(confidence * 100)}% (${tier === 'full' ? 'sentence encoder and fast engine' : 'fast engine'}).`);
  return {
    externalId: mention.externalId,
    sentiment: j.sentiment,
    sentimentScore: j.sentimentScore,
    complaint: j.complaint,
    offensive: j.offensive,
    category: j.category,
    lang: r.lang,
    decision: j.decision,
    priority: pr.priority,
    priorityScore: pr.score,
    team: routed.team,
    slaMinutes: slaFor(orgChart, routed.team, pr.priority, j.decision),
    clusterId: r.cluster.clusterId,
    reasons,
    confidence,
    ...(unsure ? { unsure } : {}),
    tier,
    signals: r,
  };
}
