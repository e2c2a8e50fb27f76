/**
 * What the fast engine reads in a mention before anything is decided: language, the phrase cues (spam,
 * risk, claims, volume, concreteness, topic), the window (near-duplicates, place-aware volume) and the
 * English models' probabilities. Plain data, so the second tier can decide again from the same reading
 * with better probabilities (it travels on the decision as `signals`).
 */
import type { TMention } from '../mention.js';
import { analyseText, type TAnalysedText } from './analyse.js';
import { findCategoryCues, type TCategoryCues } from './category.js';
import { findFactualClaim } from './claims.js';
import { clusterIdFor, clusterMention, rememberSignature, signatureOf } from './cluster.js';
import { assessConcreteness, type TConcreteness } from './concrete.js';
import { placeVolume, recentPlace } from './incident-volume.js';
import { sigmoid } from './linear-model.js';
import { detectLanguage, type TLanguageResult } from './language.js';
import { readCues, type TCueReading } from './multilingual.js';
import { differentPlaces, placeOf } from './place.js';
import { assessRisk, type TRiskHit } from './risk.js';
import { bareDomains, detectSpam, type TSpamResult } from './spam.js';
import { complaintModel, offensiveModel, scoreAll, sentimentModel } from './models.js';
import type { TTriageContext } from './types.js';
import { statedVolume } from './volume.js';

const DEVICE = /(?<![\p{L}])(?:router|hub|box|modem|charger|plug|adapter|power supply|cable|phone|battery|extender|decoder|remote|handset|router|modem|décodeur|cargador|móvil|ladegerät|telefon)(?![\p{L}])/iu;
const INSTALLER = /\b(?:engineer|installer|technician|salesman|fitter|drilled|mounted|installed)\b/i;

export const CLUSTER_WINDOW_MS = 60 * 60_000;

/** Probabilities of the learned classifiers (English only). */
export interface TModelProbs {
  sentiment: { negative: number; neutral: number; positive: number };
  complaint: number;
  offensive: number;
  irony: number;
}

/** Decision thresholds that go with a set of probabilities (the fast models' own, or the ensemble's). */
export interface TThresholds {
  complaint: number;
  offensive: number;
  /** Irony acts only above this (precision matters more than recall: a sincere "thanks!" is not sarcasm). */
  irony: number;
  /** Added to the sentiment logits' log-probabilities before the arg-max (macro-recall offsets). */
  sentimentOffsets: [number, number, number];
}

export interface TReading {
  lang: string;
  languageSource: TLanguageResult['source'];
  /** The English models can read it. */
  readable: boolean;
  /** Read from phrase cues in another language. */
  cues: boolean;
  /** Model probabilities (English posts only). */
  models?: TModelProbs;
  /** Reading of a non-English post from its cues. */
  cueReading?: TCueReading;
  category: TCategoryCues;
  concreteness: TConcreteness;
  sarcasmMarker: boolean;
  spam: TSpamResult;
  risk: TRiskHit[];
  claim?: string;
  volume?: string;
  place?: string;
  cluster: { clusterId: string; similar: number; sameCategory: number; joined?: string };
  /** Same-kind reports in the hour compatible with this post's place (filled for outages/defects only). */
  placeVolume?: { count: number; samePlace: number; category: string };
  authorTags: string[];
  words: number;
  /** A device of ours is named (a hazard is then a defect), or an installer/engineer (then service). */
  deviceNamed: boolean;
  installerNamed: boolean;
}

/** Reads a mention against its context. `category` for clustering is supplied by the caller's first guess. */
export function readMention(mention: TMention, ctx: TTriageContext, a: TAnalysedText = analyseText(mention.text)): TReading {
  const language = detectLanguage(a.text, a.tokens, mention.lang);
  const readable = language.readable;
  let models: TModelProbs | undefined;
  if (readable) {
    const z = scoreAll(a.features);
    const s = softmax3(z.sentiment);
    models = { sentiment: s, complaint: sigmoid(z.complaint), offensive: sigmoid(z.offensive), irony: sigmoid(z.irony) };
  }
  const stats = a.features.stats;
  const spam = detectSpam(a.text, a.tokens, stats, bareDomains(a.text));
  const risk = assessRisk({ text: a.text, tokens: a.tokens, riskKeywords: ctx.orgChart.riskKeywords, foreign: language.lang !== 'en' });
  const category = findCategoryCues(a.text, stats.questions);
  const cueReading = !readable && language.cues ? readCues(a.text) : undefined;
  const concreteness = assessConcreteness(a.text, a.tokens, !!category.topic || !!cueReading || (models?.complaint ?? 0) >= 0.25);
  if (cueReading) {
    concreteness.joke ||= cueReading.joke;
    concreteness.verdict ||= cueReading.verdict;
  }
  const sig = signatureOf(a.text, a.tokens);
  // Clustering by category needs a category before the decision: the topic the rules found, else "other".
  const guess = spam.spam ? 'spam' : (cueReading?.category ?? category.topic ?? 'other');
  const cluster = clusterMention({ platform: mention.platform, externalId: mention.externalId, sig, category: guess }, ctx.recent, ctx.now);
  rememberSignature(mention.text, sig); // a session adds this mention to its window next
  // Place matters only for incident counting and for joining a cluster: skip its patterns otherwise.
  const incident = guess === 'outage' || guess === 'defect';
  const place = incident || cluster.joined ? placeOf(a.text) : undefined;
  let pv: TReading['placeVolume'];
  if (incident && ctx.recent && ctx.recent.length > 0) {
    pv = { ...placeVolume(guess, place, mention.externalId, ctx.recent, ctx.now.getTime(), CLUSTER_WINDOW_MS), category: guess };
  }
  // A post from another place does not join that place's cluster.
  let { clusterId, joined } = cluster;
  const founder = place !== undefined && joined ? ctx.recent?.find((x) => x.externalId === joined) : undefined;
  if (founder && differentPlaces(place, recentPlace(founder))) {
    clusterId = clusterIdFor(mention.platform, mention.externalId);
    joined = undefined;
  }
  // Built field by field rather than with conditional spreads (a generic copy per spread, per post); the
  // optional fields are set in the same order, so the object (and its JSON) has the same shape as before.
  const reading: TReading = { lang: language.lang, languageSource: language.source, readable, cues: language.cues } as TReading;
  if (models) reading.models = models;
  if (cueReading) reading.cueReading = cueReading;
  reading.category = category;
  reading.concreteness = concreteness;
  reading.sarcasmMarker = stats.sarcasm;
  reading.spam = spam;
  reading.risk = risk;
  const claim = readable || language.cues ? findFactualClaim(a.text, a.tokens) : undefined;
  if (claim) reading.claim = claim;
  const volume = statedVolume(a.text, a.tokens);
  if (volume) reading.volume = volume;
  if (place) reading.place = place;
  const c: TReading['cluster'] = { clusterId, similar: joined || !founder ? cluster.similar : 0, sameCategory: cluster.sameCategory };
  if (joined) c.joined = joined;
  reading.cluster = c;
  if (pv) reading.placeVolume = pv;
  reading.authorTags = ctx.author?.tags ?? [];
  reading.words = stats.words;
  // Only a risk's category depends on these: skip the patterns for the rest.
  reading.deviceNamed = risk.length > 0 && DEVICE.test(a.text);
  reading.installerNamed = risk.length > 0 && INSTALLER.test(a.text);
  return reading;
}

function softmax3(z: Float64Array): TModelProbs['sentiment'] {
  const m = Math.max(z[0]!, z[1]!, z[2]!);
  const e0 = Math.exp(z[0]! - m);
  const e1 = Math.exp(z[1]! - m);
  const e2 = Math.exp(z[2]! - m);
  const s = e0 + e1 + e2;
  return { negative: e0 / s, neutral: e1 / s, positive: e2 / s };
}

/** The fast models' own thresholds, from their model files. */
export const FAST_THRESHOLDS: TThresholds = {
  complaint: complaintModel.threshold,
  offensive: offensiveModel.threshold,
  irony: 0.8,
  sentimentOffsets: [sentimentModel.offsets[0] ?? 0, sentimentModel.offsets[1] ?? 0, sentimentModel.offsets[2] ?? 0],
};
