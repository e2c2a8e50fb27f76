/**
 * The second tier's decision for one mention: the fast engine's reading, with the ensemble's probabilities
 * (heads averaged with the fast models) in place of the fast models' own, and the spam and category heads
 * as hints where the phrase rules found nothing. Pure: the scores come in, a decision goes out.
 */
import type { TCategory } from '../../config/org-chart-schema.js';
import type { TMention } from '../../mention.js';
import { finishDecision } from '../finish.js';
import type { TTopic } from '../category.js';
import { judge } from '../judge.js';
import { normaliseText } from '../normalise.js';
import type { TReading } from '../reading.js';
import type { TTriageContext, TTriageDecision } from '../types.js';
import { ensemble, ensembleThresholds, HEADS, type THeadScores, type THeadsFile } from './heads.js';

/** The category head names a topic only when this sure (its prototypes are few). */
export const CATEGORY_HINT = 0.75;
/** The spam head adds a point to the spam score when this sure (the rules still need a second sign). */
export const SPAM_HINT = 0.8;

const TOPICS: ReadonlySet<TCategory> = new Set(['outage', 'defect', 'billing', 'delivery', 'service']);

/** Whether the second tier has anything to add: a person will see it, and the encoder reads its language. */
export function needsSecondTier(d: TTriageDecision): boolean {
  const r = d.signals;
  if (!r.readable) return false; // the encoder reads English only
  if (d.decision === 'ignore') return false; // spam never reaches a person
  // Absorbed by an incident: the wave decides, not this post's wording.
  if (d.decision === 'escalate' && r.risk.length === 0 && (r.volume !== undefined || (r.placeVolume?.count ?? 0) >= 5)) return false;
  return true;
}

export interface TRefineContext extends Pick<TTriageContext, 'orgChart' | 'author'> {}

/** Decides again with the heads' scores; `fast` is the fast engine's decision for the same mention. */
export function combine(mention: TMention, fast: TTriageDecision, scores: THeadScores, ctx: TRefineContext, heads: THeadsFile = HEADS): TTriageDecision {
  const r0 = fast.signals;
  if (!r0.models) return fast;
  const r: TReading = { ...r0, category: { ...r0.category }, spam: { ...r0.spam, signs: [...r0.spam.signs] } };
  const extra: string[] = [];
  if (!r.spam.spam && r.spam.score >= 1 && scores.spam >= SPAM_HINT) {
    r.spam.score += 1;
    r.spam.spam = r.spam.score >= 2;
    r.spam.signs.push('reads like known spam');
  }
  const [topCat, topP] = Object.entries(scores.category).sort((a, b) => b[1] - a[1])[0] ?? ['other', 0];
  // Only a post that says something went wrong, and carries no risk (whose category has its own rule), takes the hint.
  if (!r.category.topic && TOPICS.has(topCat as TCategory) && topP >= CATEGORY_HINT && r.concreteness.trouble && r.risk.length === 0) {
    r.category.topic = topCat as TTopic;
    r.category.topicEvidence = `reads like a ${topCat} report`;
  }
  const probs = ensemble(heads, r0.models, scores);
  const j = judge(r, probs, ensembleThresholds(heads));
  const d = finishDecision(mention, ctx, r, j, 'full', normaliseText(mention.text), extra);
  if (d.decision !== fast.decision) d.reasons.push(`The fast engine alone said ${fast.decision.replace(/_/g, ' ')}; the sentence encoder changed it.`);
  return d;
}
