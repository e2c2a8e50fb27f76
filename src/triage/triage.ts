/**
 * The fast triage engine: read the text once (language, cues, window, English models), judge, then
 * prioritise and route, collecting a plain-words reason at each step. Pure: everything it knows comes in
 * through `mention` and `ctx`. The second tier (../triage/tier2) decides again from the same reading.
 */
import { analyseText } from './analyse.js';
import { finishDecision } from './finish.js';
import { judge } from './judge.js';
import { FAST_THRESHOLDS, readMention } from './reading.js';
import type { TTriageFn } from './types.js';

/**
 * Triage one mention.
 *
 * @example
 * const decision = triage(mention, { orgChart, now: new Date(mention.createdAt), recent, author });
 * decision.decision; // "respond_then_offline"
 * decision.reasons;  // ["Tone: negative (-0.71).", "Category: outage (\"wifi is down\").", ...]
 */
export const triage: TTriageFn = (mention, ctx) => {
  const a = analyseText(mention.text);
  const reading = readMention(mention, ctx, a);
  const j = judge(reading, reading.models, FAST_THRESHOLDS);
  return finishDecision(mention, ctx, reading, j, 'fast', a.text);
};
