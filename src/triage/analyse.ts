/** The one text pipeline both training and run time use: normalise → tokenise → hashed features. */
import { extractFeatures, type TFeatures } from './features.js';
import { normaliseText } from './normalise.js';
import { tokenise, type TToken } from './tokenise.js';

export interface TAnalysedText {
  /** Cleaned text (invisible characters removed, length capped). */
  text: string;
  tokens: TToken[];
  features: TFeatures;
}

/** Analyses raw post text once; every classifier reads the result. */
export function analyseText(raw: string): TAnalysedText {
  const text = normaliseText(raw);
  const tokens = tokenise(text);
  return { text, tokens, features: extractFeatures(tokens, text) };
}
