/**
 * What staff should do with a mention. Rules are tried in order and the first that applies wins; each
 * returns the sentence the card shows. Order matters: a risk to a person beats everything (even a post
 * that looks like spam, unless it is plainly a scam pitch), spam is never answered, an incident is one
 * story, and a troll is not engaged even when they phrase a complaint.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { languageLabel } from './language.js';
import { riskLabel, type TRiskHit } from './risk.js';
import type { TDecisionKind } from './types.js';

/** Similar or same-kind outage/defect reports in the last hour that make it an incident. */
export const VOLUME_THRESHOLD = 5;

/** A spam score this high is a scam pitch even when it borrows risk words ("recover your hacked account"). */
const SCAM_SCORE = 4;

export interface TDecideInput {
  lang: string;
  readable: boolean;
  /** Not readable by the models but read from phrase cues. */
  cues: boolean;
  category: TCategory;
  complaint: boolean;
  /** A concrete problem the brand can solve (see concrete.ts). */
  concrete: boolean;
  offensive: boolean;
  /** The irony model (or an explicit marker) is confident. */
  irony: boolean;
  /** An explicit marker: #sarcasm, "yeah right", "/s". */
  sarcasmMarker: boolean;
  /** Laughing / joking markers, or a general verdict on the brand. */
  joke: boolean;
  verdict: boolean;
  spamScore: number;
  risk: readonly TRiskHit[];
  factualClaim?: string;
  /** Volume stated in the post ("300 homes", "the entire city"). */
  statedVolume?: string;
  /** Near-duplicates and place-compatible same-kind reports in the hour. */
  similarRecent: number;
  sameCategoryRecent: number;
  place?: string;
  authorTags: readonly string[];
  /** Tone is unclear (a possible joke or sarcasm, or a toss-up between tones): nothing escalates on volume alone. */
  toneUnclear: boolean;
}

export interface TDecideResult {
  decision: TDecisionKind;
  reason: string;
  /** Which rule decided, for confidence and evaluation. */
  rule: TDecideRule;
}

export type TDecideRule =
  | 'risk' | 'spam' | 'risk-keyword' | 'unreadable' | 'stated-volume' | 'wave' | 'troll' | 'claim'
  | 'problem' | 'joke' | 'question' | 'lead' | 'praise' | 'abuse' | 'nothing';

const PROBLEMS: ReadonlySet<TCategory> = new Set(['outage', 'defect', 'billing', 'delivery', 'service']);
const INCIDENTS: ReadonlySet<TCategory> = new Set(['outage', 'defect']);

/** Applies the decision rules in order. */
export function decide(d: TDecideInput): TDecideResult {
  const meaning = d.risk.filter((r) => r.kind !== 'keyword');
  if (meaning.length > 0 && d.spamScore < SCAM_SCORE) {
    const what = meaning.map((r) => `${riskLabel(r.kind)} ("${r.evidence}")`).join('; ');
    return { rule: 'risk', decision: 'escalate', reason: `Escalate: ${what}; a manager must see it.` };
  }
  if (d.category === 'spam') return { rule: 'spam', decision: 'ignore', reason: 'Ignore: spam or self-promotion; no reply needed.' };
  if (d.risk.length > 0) {
    const words = d.risk.map((r) => `"${r.evidence}"`).join(', ');
    if (d.toneUnclear) {
      return { rule: 'risk-keyword', decision: 'respond_then_offline', reason: `Not escalated automatically: mentions ${words} from the org chart's risk list, but the tone is unclear; a person should check whether it is serious.` };
    }
    return { rule: 'risk-keyword', decision: 'escalate', reason: `Escalate: mentions ${words}, on the org chart's risk list; a manager must see it.` };
  }
  if (!d.readable && !d.cues) {
    const who = d.lang === 'und' ? 'there are no words the engine can read' : `written in ${languageLabel(d.lang)}, which the engine cannot read`;
    return { rule: 'unreadable', decision: 'respond', reason: `Respond: ${who}; it needs a person${d.lang === 'und' ? '' : ` who reads ${languageLabel(d.lang).replace(/ \(.*/, '')}`}.` };
  }
  if (INCIDENTS.has(d.category) && d.statedVolume && d.concrete) {
    return { rule: 'stated-volume', decision: 'escalate', reason: `Escalate: the post itself reports a wide ${d.category} ("${d.statedVolume}"); treat it as an incident.` };
  }
  const volume = Math.max(d.similarRecent, d.sameCategoryRecent);
  if (INCIDENTS.has(d.category) && volume >= VOLUME_THRESHOLD && d.concrete && !d.irony) {
    const where = d.place ? ` from ${d.place.startsWith('postcode:') ? `the ${d.place.slice(9)} postcode area` : capitalise(d.place)}` : '';
    return { rule: 'wave', decision: 'escalate', reason: `Escalate: ${volume} other outage or fault reports${where} in the last hour suggest an incident, not a one-off.` };
  }
  if (d.authorTags.some((t) => t.toLowerCase() === 'troll')) {
    return { rule: 'troll', decision: 'monitor', reason: 'Monitor: the author is tagged as a troll; watch, do not engage.' };
  }
  if (d.factualClaim) {
    return { rule: 'claim', decision: 'respond', reason: `Respond with the correct information: the post states something about us that may be untrue ("${d.factualClaim}").` };
  }
  const problem = PROBLEMS.has(d.category) && d.concrete;
  if (problem) {
    return { rule: 'problem', decision: 'respond_then_offline', reason: 'Respond, then take it offline: a concrete problem we can solve; move account details to a private channel.' };
  }
  // A joke, rant or general verdict that reports no concrete problem has nothing for us to solve; a laughing fan is still a fan.
  const nothingToSolve = d.category !== 'question' && d.category !== 'lead';
  if (nothingToSolve && (d.sarcasmMarker || d.verdict || ((d.irony || d.joke) && d.category !== 'praise'))) {
    return { rule: 'joke', decision: 'monitor', reason: 'Monitor: a joke, rant or verdict on the brand with nothing concrete to solve; do not engage.' };
  }
  switch (d.category) {
    case 'question': return { rule: 'question', decision: 'respond', reason: 'Respond: the author asks a question.' };
    case 'lead': return { rule: 'lead', decision: 'respond', reason: 'Respond: shows interest in buying; a quick answer may win a customer.' };
    case 'praise': return { rule: 'praise', decision: 'respond', reason: 'Respond (low priority): praise; thank them and record the author as an advocate.' };
    case 'abuse': return { rule: 'abuse', decision: 'monitor', reason: 'Monitor: offensive with nothing to solve; do not engage.' };
    default: return { rule: 'nothing', decision: 'monitor', reason: 'Monitor: no question, problem or request found.' };
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
