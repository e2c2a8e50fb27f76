/**
 * How sure a decision is. Each rule has a strength of its own (a scam pitch with four signs is surer than a
 * bare risk keyword), scaled by how clear the tone was; the result is then calibrated (Platt scaling fitted on
 * the decision set's tune split by scripts/triage/calibrate.ts, constants in model/confidence.json) so that
 * "80 %" means right about four times in five. A plain sentence goes on the card when the engine is unsure.
 */
import calibrationFile from './model/confidence.json' with { type: 'json' };
import type { TDecideRule } from './decide.js';
import { languageLabel } from './language.js';
import type { TModelProbs, TReading } from './reading.js';

export type TTier = 'fast' | 'full';

interface TPlatt { a: number; b: number }
const CALIBRATION = calibrationFile as unknown as Record<TTier, TPlatt> & { meta?: unknown };

/** Below this calibrated confidence the card says the engine is unsure, even when no specific doubt is known. */
export const UNSURE_BELOW = 0.55;

export interface TConfidenceInput {
  rule: TDecideRule;
  reading: TReading;
  probs: TModelProbs | undefined;
  /** Gap between the two likeliest tones. */
  margin: number;
  spamScore: number;
  toneUnclear: boolean;
  concrete: boolean;
}

/** Uncalibrated strength in (0, 1). */
export function rawConfidence(i: TConfidenceInput): number {
  const p = i.probs;
  const c = i.reading.concreteness;
  let s: number;
  switch (i.rule) {
    case 'risk': s = i.reading.risk.filter((r) => r.kind !== 'keyword').length > 1 ? 0.95 : 0.88; break;
    case 'spam': s = Math.min(0.95, 0.5 + 0.12 * i.spamScore); break;
    case 'risk-keyword': s = 0.55; break;
    case 'unreadable': s = 0.7; break;
    case 'stated-volume': s = 0.8; break;
    case 'wave': s = 0.85; break;
    case 'troll': s = 0.8; break;
    case 'claim': s = 0.6; break;
    case 'problem': s = (p ? 0.5 + 0.3 * p.complaint : 0.65) + (c.own && c.detail ? 0.1 : 0); break;
    case 'joke': s = 0.45 + (i.reading.sarcasmMarker || c.verdict ? 0.25 : 0) + (p ? 0.2 * p.irony : 0.1); break;
    case 'question': s = 0.72; break;
    case 'lead': s = 0.72; break;
    case 'praise': s = p ? 0.5 + 0.4 * p.sentiment.positive : 0.65; break;
    case 'abuse': s = p ? 0.5 + 0.4 * p.offensive : 0.6; break;
    case 'nothing': s = p ? 0.35 + 0.4 * p.sentiment.neutral : 0.4; break;
  }
  if (!i.reading.readable && i.reading.cues && i.rule !== 'spam' && i.rule !== 'risk') s *= 0.9;
  if (i.toneUnclear) s *= 0.8;
  if (p && i.margin < 0.2) s *= 0.85 + 0.75 * i.margin;
  return Math.min(0.99, Math.max(0.01, s));
}

const logit = (x: number): number => Math.log(x / (1 - x));

/** Calibrated probability that the decision is right. */
export function calibrated(raw: number, tier: TTier): number {
  const { a, b } = CALIBRATION[tier] ?? { a: 1, b: 0 };
  return Math.round((1 / (1 + Math.exp(-(a * logit(raw) + b)))) * 100) / 100;
}

export interface TUnsureInput {
  rule: TDecideRule;
  reading: TReading;
  probs: TModelProbs | undefined;
  margin: number;
  irony: boolean;
  toneUnclear: boolean;
  concrete: boolean;
  raw: number;
}

/** The one doubt worth telling staff, in plain words; undefined when the engine has none. */
export function unsureSentence(i: TUnsureInput): string | undefined {
  const p = i.probs;
  if (i.rule === 'spam' || i.rule === 'risk' || i.rule === 'unreadable') return undefined;
  // Sarcasm praises a bad situation: only then does a middling irony score deserve a warning.
  if (p && !i.irony && p.irony >= 0.6 && (i.reading.category.praise !== undefined || p.sentiment.positive >= 0.3)) return 'Tone unclear — may be sarcastic; read it before replying.';
  if (i.reading.concreteness.joke && !i.concrete && i.rule !== 'joke') return 'Tone unclear — may be a joke.';
  if (p && i.margin < 0.12) {
    const [first, second] = Object.entries(p.sentiment).sort((x, y) => y[1] - x[1]);
    return `Tone unclear — reads as ${first![0]} or ${second![0]}.`;
  }
  if (!i.reading.readable && i.reading.cues) return `Read from ${languageLabel(i.reading.lang).replace(/ \(.*/, '')} phrase cues only; check the topic before replying.`;
  if (i.rule === 'claim') return 'Unsure whether this is a claim to correct or an opinion.';
  if (i.raw < 0.45) return 'Low confidence: no clear sign of what this is; a quick look decides it.';
  return undefined;
}

/** The strength a calibrated confidence came from (inverse of `calibrated`, up to its rounding): for refitting. */
export function uncalibrated(confidence: number, tier: TTier): number {
  const { a, b } = CALIBRATION[tier] ?? { a: 1, b: 0 };
  const c = Math.min(0.995, Math.max(0.005, confidence));
  return 1 / (1 + Math.exp(-((logit(c) - b) / a)));
}
