/**
 * The triage pipeline: read the text once, classify, categorise, decide, prioritise, route and
 * cluster, collecting a plain-words reason at each step. Pure: everything it knows comes in through
 * `mention` and `ctx`.
 */
import { analyseText } from './analyse.js';
import { categorise } from './category.js';
import { clusterMention, rememberSignature, signatureOf } from './cluster.js';
import { complaintFromLogit } from './complaint.js';
import { findCues, isSpam } from './cues.js';
import { decide } from './decide.js';
import { ironyFromLogit } from './irony.js';
import { detectLanguage, languageLabel } from './language.js';
import { offensiveFromLogit } from './offensive.js';
import { scoreAll } from './models.js';
import { findPhrases } from './phrases.js';
import { prioritise, slaFor } from './priority.js';
import { route } from './route.js';
import { sentimentFromLogits, type TSentimentResult } from './sentiment.js';
import type { TTriageFn } from './types.js';

const NEUTRAL: TSentimentResult = { label: 'neutral', score: 0, probabilities: { negative: 0, neutral: 1, positive: 0 } };
const PROBLEMS = new Set(['outage', 'defect', 'billing', 'delivery', 'service']);

/**
 * Triage one mention.
 *
 * @example
 * const decision = triage(mention, { orgChart, now: new Date(mention.createdAt), recent, author });
 * decision.decision; // "respond_then_offline"
 * decision.reasons;  // ["Tone: negative (-0.71).", "Category: outage (\"wifi is down\").", ...]
 */
export const triage: TTriageFn = (mention, ctx) => {
  const { orgChart } = ctx;
  const a = analyseText(mention.text);
  const reasons: string[] = [];
  const language = detectLanguage(a.text, a.tokens, mention.lang);
  const readable = language.readable;

  // The models only read English: elsewhere report "unknown", never a confident guess.
  const z = readable ? scoreAll(a.features) : undefined;
  const sentiment = z ? sentimentFromLogits(z.sentiment) : NEUTRAL;
  const complaintModel = z ? complaintFromLogit(z.complaint) : undefined;
  const offensive = z ? offensiveFromLogit(z.offensive).yes : false;
  const irony = z ? ironyFromLogit(z.irony, a.features).strong : false;
  const cues = findCues(a.text, a.features);
  const spam = isSpam(cues);

  const { category, evidence } = readable
    ? categorise({ text: a.text, sentiment, complaint: complaintModel?.yes ?? false, offensive, spam, questions: a.features.stats.questions })
    : { category: spam ? ('spam' as const) : ('other' as const), evidence: undefined };
  const complaint = readable && ((complaintModel?.yes ?? false) || (PROBLEMS.has(category) && sentiment.label === 'negative'));

  if (!readable) {
    reasons.push(language.lang === 'und'
      ? 'Language: no words the engine can read (empty, emoji or symbols only); tone not assessed.'
      : `Language: ${languageLabel(language.lang)}${language.source === 'platform' ? ' (as the platform reports)' : ''}; the engine does not understand it, so tone and topic are not assessed.`);
  } else {
    reasons.push(`Tone: ${sentiment.label} (${sentiment.score.toFixed(2)}).`);
    if (complaint) reasons.push('Complaint: the author reports a problem with what we sell or how we served them.');
    if (offensive) reasons.push('Offensive language.');
    if (irony && (category !== 'praise' || a.features.stats.sarcasm)) reasons.push(a.features.stats.sarcasm ? 'Sarcasm marker found; do not take it at face value.' : 'May be ironic or sarcastic; do not take it at face value.');
  }
  reasons.push(`Category: ${category}${evidence ? ` ("${evidence}")` : ''}${spam ? ` (${cues.spam.join(', ')})` : ''}.`);

  const sig = signatureOf(a.text, a.tokens);
  const cluster = clusterMention({ platform: mention.platform, externalId: mention.externalId, sig, category }, ctx.recent, ctx.now);
  rememberSignature(mention.text, sig); // a session adds this mention to its window next
  const riskHits = findPhrases(a.text, orgChart.riskKeywords);
  const authorTags = ctx.author?.tags ?? [];

  const { decision, reason } = decide({
    lang: language.lang, readable, category, complaint, offensive, irony, sarcasmMarker: a.features.stats.sarcasm, joke: cues.joke, riskHits,
    factualClaim: readable ? cues.factualClaim : undefined,
    similarRecent: cluster.similar, sameCategoryRecent: cluster.sameCategory, authorTags,
  });
  reasons.push(reason);

  const tier = mention.author.tier ?? ctx.author?.tier ?? undefined;
  const pr = prioritise({
    mention, author: ctx.author, orgChart, category, sentimentScore: sentiment.score, complaint,
    similarRecent: cluster.similar, risk: riskHits.length > 0, decision, readable,
  });
  reasons.push(`Priority ${pr.priority} (score ${pr.score}${pr.factors.length ? `: ${pr.factors.join(', ')}` : ''}).`);

  const routed = route(orgChart, { mention, text: a.text, category, lang: language.lang, sentiment: sentiment.label, tier });
  reasons.push(routed.reason);
  if (cluster.joined) {
    reasons.push(`Same story as ${cluster.similar} other mention${cluster.similar === 1 ? '' : 's'} in the last hour (cluster ${cluster.clusterId}).`);
  }
  const h = ctx.author;
  if (h && h.tags.some((t) => t.toLowerCase() === 'advocate' || t.toLowerCase() === 'vip')) reasons.push(`Author is tagged ${h.tags.join(', ')}.`);
  if (h && h.praise >= 2 && category !== 'praise') reasons.push(`Known advocate: praised us ${h.praise} times before.`);

  return {
    externalId: mention.externalId,
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    complaint,
    offensive,
    category,
    lang: language.lang,
    decision,
    priority: pr.priority,
    priorityScore: pr.score,
    team: routed.team,
    slaMinutes: slaFor(orgChart, routed.team, pr.priority, decision),
    clusterId: cluster.clusterId,
    reasons,
  };
};
