/**
 * From a reading and a set of classifier probabilities to tone, complaint, category, decision and the
 * reasons for each. Both tiers call this: the fast engine with its own models' probabilities, the second
 * tier with the ensemble's. Pure.
 */
import type { TCategory, TSentiment } from '../config/org-chart-schema.js';
import { categorise } from './category.js';
import { hasConcreteProblem } from './concrete.js';
import { rawConfidence, unsureSentence } from './confidence.js';
import { decide, type TDecideRule } from './decide.js';
import { languageLabel } from './language.js';
import type { TModelProbs, TReading, TThresholds } from './reading.js';
import type { TDecisionKind } from './types.js';

export interface TJudgement {
  sentiment: TSentiment;
  sentimentScore: number;
  complaint: boolean;
  offensive: boolean;
  category: TCategory;
  decision: TDecisionKind;
  rule: TDecideRule;
  /** Uncalibrated strength of the decision, 0..1 (see confidence.ts). */
  raw: number;
  /** A plain sentence for the card when the engine is unsure. */
  unsure?: string;
  reasons: string[];
  concrete: boolean;
  toneUnclear: boolean;
}

const PROBLEM_CATEGORIES: ReadonlySet<TCategory> = new Set(['outage', 'defect', 'billing', 'delivery', 'service']);
const LABELS: readonly TSentiment[] = ['negative', 'neutral', 'positive'];

/** Applies thresholds to probabilities: the label, its score and whether the tone is a toss-up. */
export function sentimentOf(p: TModelProbs['sentiment'], offsets: TThresholds['sentimentOffsets']): { label: TSentiment; score: number; margin: number } {
  // Scalars rather than arrays and a sorted copy: this runs for every English post.
  const v0 = Math.log(p.negative + 1e-9) + offsets[0];
  const v1 = Math.log(p.neutral + 1e-9) + offsets[1];
  const v2 = Math.log(p.positive + 1e-9) + offsets[2];
  let best = 0;
  let top = v0;
  if (v1 > top) (best = 1), (top = v1);
  if (v2 > top) best = 2;
  // Margin between the two most probable classes (before offsets).
  const a = p.negative;
  const b = p.neutral;
  const c = p.positive;
  const hi = Math.max(a, b, c);
  const mid = a >= b ? (b >= c ? b : a >= c ? c : a) : a >= c ? a : b >= c ? c : b;
  return { label: LABELS[best]!, score: Math.round((p.positive - p.negative) * 1000) / 1000, margin: hi - mid };
}

export function judge(r: TReading, probs: TModelProbs | undefined, t: TThresholds): TJudgement {
  const reasons: string[] = [];
  const c = r.concreteness;
  let sentiment: TSentiment = 'neutral';
  let score = 0;
  let margin = 1;
  let complaintModel = false;
  let offensive = false;
  let irony = r.sarcasmMarker;
  if (probs) {
    const s = sentimentOf(probs.sentiment, t.sentimentOffsets);
    sentiment = s.label;
    score = s.score;
    margin = s.margin;
    complaintModel = probs.complaint >= t.complaint;
    offensive = probs.offensive >= t.offensive;
    irony ||= probs.irony >= t.irony;
  } else if (r.cueReading) {
    sentiment = r.cueReading.sentiment;
    score = sentiment === 'negative' ? -0.5 : sentiment === 'positive' ? 0.5 : 0;
  }
  // A complaint the models see but no topic rule names is about how we served them.
  const topic = r.category.topic ?? (complaintModel && c.own && c.trouble ? 'service' : undefined);
  const concrete = r.cueReading ? r.cueReading.complaint && !c.joke && !c.verdict : hasConcreteProblem(c, topic, complaintModel || (probs ? probs.sentiment.negative >= 0.5 : false));
  const spam = r.spam.spam;
  let category: TCategory;
  let evidence: string | undefined;
  if (r.readable) {
    ({ category, evidence } = categorise({ cues: r.category, sentiment, score, negative: probs ? probs.sentiment.negative >= 0.5 : sentiment === 'negative', complaint: complaintModel, offensive, spam, concrete, trouble: c.trouble }));
  } else if (r.cueReading) {
    category = spam ? 'spam' : concrete || !['outage', 'defect', 'billing', 'delivery', 'service'].includes(r.cueReading.category) ? r.cueReading.category : 'other';
    evidence = r.cueReading.evidence;
  } else category = spam ? 'spam' : 'other';
  // The category of a risk is what it is about when no topic rule says: a hazardous device is a defect, the rest is service.
  if (r.risk.some((h) => h.kind !== 'keyword') && !PROBLEM_CATEGORIES.has(category) && category !== 'spam') {
    category = r.risk.some((h) => h.kind === 'safety') && r.deviceNamed && !r.installerNamed ? 'defect' : 'service';
    evidence = undefined;
  }
  // A claim to correct is filed under billing when it is about money, else "other": it is not a question or a fault.
  if (r.claim && category !== 'spam' && !r.risk.length) {
    category = r.category.topic === 'billing' ? 'billing' : 'other';
    evidence = undefined;
  }
  const complaint = (r.readable || r.cues) && concrete && category !== 'praise' && category !== 'lead' && category !== 'spam';
  // Tone is a toss-up, or the post may be a joke: say so, and do not escalate on volume or a bare keyword.
  const ironyPossible = probs ? probs.irony >= 0.55 && !irony : false;
  const toneUnclear = (probs !== undefined && (margin < 0.12 || ironyPossible) && sentiment !== 'positive') || (c.joke && !concrete);

  if (!r.readable && !r.cues) {
    reasons.push(r.lang === 'und'
      ? 'Language: no words the engine can read (empty, emoji or symbols only); tone not assessed.'
      : `Language: ${languageLabel(r.lang)}${r.languageSource === 'platform' ? ' (as the platform reports)' : ''}; the engine cannot read it, so tone and topic are not assessed.`);
  } else if (!r.readable) {
    reasons.push(`Language: ${languageLabel(r.lang)}; read from ${languageLabel(r.lang).replace(/ \(.*/, '')} phrase cues (the tone models read English only): tone ${sentiment}.`);
  } else {
    reasons.push(`Tone: ${sentiment} (${score.toFixed(2)}).`);
    if (complaint) reasons.push('Complaint: the author reports a concrete problem with what we sell or how we served them.');
    if (offensive) reasons.push('Offensive language.');
    if (irony && (category !== 'praise' || r.sarcasmMarker)) reasons.push(r.sarcasmMarker ? 'Sarcasm marker found; do not take it at face value.' : 'May be ironic or sarcastic; do not take it at face value.');
  }
  const spamWhy = spam ? ` (${r.spam.signs.join(', ')})` : '';
  reasons.push(`Category: ${category}${evidence ? ` ("${evidence}")` : ''}${spamWhy}.`);

  const volumeCount = category === 'outage' || category === 'defect' ? (r.placeVolume?.count ?? 0) : r.cluster.sameCategory;
  const d = decide({
    lang: r.lang, readable: r.readable, cues: r.cues, category, complaint, concrete, offensive, irony,
    sarcasmMarker: r.sarcasmMarker, joke: c.joke, verdict: c.verdict, spamScore: r.spam.score, risk: r.risk,
    ...(r.claim ? { factualClaim: r.claim } : {}), ...(r.volume ? { statedVolume: r.volume } : {}),
    similarRecent: r.cluster.similar, sameCategoryRecent: volumeCount, ...(r.place ? { place: r.place } : {}),
    authorTags: r.authorTags, toneUnclear,
  });
  reasons.push(d.reason);
  const raw = rawConfidence({ rule: d.rule, reading: r, probs, margin, spamScore: r.spam.score, toneUnclear, concrete });
  const unsure = unsureSentence({ rule: d.rule, reading: r, probs, margin, irony, toneUnclear, concrete, raw });
  return { sentiment, sentimentScore: score, complaint, offensive, category, decision: d.decision, rule: d.rule, raw, ...(unsure ? { unsure } : {}), reasons, concrete, toneUnclear };
}
