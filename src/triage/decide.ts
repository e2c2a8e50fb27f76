/**
 * What staff should do with a mention. Rules are tried in order and the first that applies wins;
 * each returns the sentence the card shows. Order matters: risk beats everything, spam is never
 * answered, and a troll is not engaged even when they phrase a complaint.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { languageLabel } from './language.js';
import type { TDecisionKind } from './types.js';

/** Similar or same-kind outage/defect reports in the last hour that make it an incident. */
export const VOLUME_THRESHOLD = 5;

export interface TDecideInput {
  lang: string;
  readable: boolean;
  category: TCategory;
  complaint: boolean;
  offensive: boolean;
  /** The irony model is confident. */
  irony: boolean;
  /** An explicit marker: #sarcasm, "yeah right", "/s". */
  sarcasmMarker: boolean;
  joke: boolean;
  riskHits: readonly string[];
  factualClaim?: string;
  similarRecent: number;
  sameCategoryRecent: number;
  authorTags: readonly string[];
}

export interface TDecideResult {
  decision: TDecisionKind;
  reason: string;
}

const PROBLEMS: ReadonlySet<TCategory> = new Set(['outage', 'defect', 'billing', 'delivery', 'service']);

/** Applies the decision rules in order. */
export function decide(d: TDecideInput): TDecideResult {
  if (d.riskHits.length > 0) {
    return { decision: 'escalate', reason: `Escalate: mentions ${d.riskHits.map((k) => `"${k}"`).join(', ')}, on the org chart's risk list; a manager must see it.` };
  }
  if (d.category === 'spam') return { decision: 'ignore', reason: 'Ignore: looks like spam; no reply needed.' };
  if (!d.readable && d.lang === 'und') {
    return { decision: 'respond', reason: 'Respond: there are no words the engine can read; a person must look at it.' };
  }
  if (!d.readable) {
    return { decision: 'respond', reason: `Respond: written in ${languageLabel(d.lang)}, a language the engine does not understand; a person must read it.` };
  }
  const volume = Math.max(d.similarRecent, d.sameCategoryRecent);
  if ((d.category === 'outage' || d.category === 'defect') && volume >= VOLUME_THRESHOLD) {
    return { decision: 'escalate', reason: `Escalate: ${volume} similar ${d.category} reports in the last hour suggest an incident, not a one-off.` };
  }
  if (d.authorTags.some((t) => t.toLowerCase() === 'troll')) {
    return { decision: 'monitor', reason: 'Monitor: the author is tagged as a troll; watch, do not engage.' };
  }
  if (d.factualClaim) {
    return { decision: 'respond', reason: `Respond with the correct information: the post may repeat something untrue about us ("${d.factualClaim}").` };
  }
  const problem = PROBLEMS.has(d.category);
  // A joke or rant that reports no concrete problem has nothing for us to solve; a laughing fan is still a fan.
  const nothingToSolve = !problem && !d.complaint && d.category !== 'question' && d.category !== 'lead';
  if (nothingToSolve && (d.sarcasmMarker || ((d.irony || d.joke) && d.category !== 'praise'))) {
    return { decision: 'monitor', reason: 'Monitor: reads as a joke, rant or sarcasm with nothing for us to solve.' };
  }
  if (d.complaint || problem) {
    return { decision: 'respond_then_offline', reason: 'Respond, then take it offline: an unhappy customer with a problem to solve; move account details to a private channel.' };
  }
  switch (d.category) {
    case 'question': return { decision: 'respond', reason: 'Respond: the author asks a question.' };
    case 'lead': return { decision: 'respond', reason: 'Respond: shows interest in buying; a quick answer may win a customer.' };
    case 'praise': return { decision: 'respond', reason: 'Respond (low priority): praise; thank them and record the author as an advocate.' };
    case 'abuse': return { decision: 'monitor', reason: 'Monitor: offensive with nothing to solve; do not engage.' };
    default: return { decision: 'monitor', reason: 'Monitor: no question, problem or request found.' };
  }
}
