/**
 * Is there something concrete for us to solve? A legitimate complaint names a problem the brand can act on:
 * the author's own service, device, bill, order or contact, usually with detail (since when, how often, how
 * much, where, a reference). Bashing, jokes and rants judge the brand in general ("worst company ever",
 * "your ads are cringe", "all ISPs are greedy") and give nothing to fix; staff monitor them instead.
 */
import { stemGate } from './stem-gate.js';
import type { TToken } from './tokenise.js';

/** The author's own thing that can be fixed. */
const OWN = /\b(?:my|our|mine|i|i'?ve|i'?m|we|we'?ve|me|us)\b[^.!?]{0,40}?\b(?:internet|broadband|wi-?fi|connection|line|landline|router|hub|box|modem|extender|mesh|remote|app|tv|signal|data|phone|handset|sim|bill|invoice|account|contract|payment|direct debit|refund|order|parcel|delivery|engineer|installer|installation|appointment|ticket|complaint|callback|call|email|password|number|speed|upload|download|recordings?|channels?|plan|tariff|fibre|mobile|charger|battery|screen|ports?)\b/i;

/** Detail that makes a report actionable. */
const DETAIL = /\b(?:since|for (?:\d+|two|three|four|five|a|an|over) (?:minutes?|hours?|days?|weeks?|months?)|(?:\d+|two|three|four|five|several) (?:times|hours|days|weeks|months)|every (?:day|night|evening|hour|time|few|\d+)|again|still|yesterday|today|tonight|this (?:morning|week|month)|last (?:night|week|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?::\d\d)?\s?(?:am|pm)|ref(?:erence)?|[A-Z]{2,4}-\d{3,}|\b[A-Z]{1,2}\d{1,2}[A-Z]?\b|(?:£|\$|€)\s?\d|\d+\s?(?:mb|mbps|gb)\b|after (?:the|an?) (?:update|upgrade|storm|engineer|move)|won'?t|doesn'?t|can'?t|isn'?t|not (?:working|loading|arrived|here)|no (?:internet|signal|service|reply|response|dial tone|tv)|stuck|keeps)\b/;

/** General verdicts on the brand, with no particular problem behind them. */
const VERDICT = /\b(?:worst (?:company|provider|isp|service)|(?:are|is) a joke|joke of a company|nobody (?:asked|believes|cares)|never using you again|couldn'?t be me|imagine paying|cringe|your ads|these ads|stop (?:posting|it)|(?:all|every) (?:isps?|providers?|companies)|cartel|greedy|fight me|more like|always have been|everyone knows it|company everyone loves to hate|nothing more to say)\b/i;

/** Words that say something went wrong (a topic word alone, "my bill", is not a problem). */
const TROUBLE = /\b(?:not|never|no|still|again|wrong|twice|refunds?|overcharg\w*|without|can'?t|cannot|won'?t|didn'?t|doesn'?t|hasn'?t|haven'?t|isn'?t|wasn'?t|nobody|no one|missing|lost|failed|waiting|waited|promised|even though|instead|problem|issue|fault\w*|broken|error|late|stuck|unacceptable|ridiculous|shocking|charged|fee|debt|rude|ignored|pointless|useless|hours|weeks)\b/i;

const JOKE_WORDS = new Set(['lol', 'lmao', 'lmfao', 'rofl', 'mdr', 'jk', 'joking', 'kidding', 'lool', 'lul']);
const JOKE_EMOJI = new Set(['😂', '🤣', '💀', '🙃', '🐌']);
const JOKE_STEMS = ['haha', 'jaja', 'kkk'];

/** Laughing markers, from the tokens (one set look-up per token, not a regex pass). */
function joking(tokens: readonly TToken[], text: string): boolean {
  for (const t of tokens) {
    if (t.kind === 'emoji' ? JOKE_EMOJI.has(t.text) : t.kind === 'word' && (JOKE_WORDS.has(t.text) || JOKE_STEMS.some((s) => t.text.startsWith(s)))) return true;
  }
  return /\bbless them\b/i.test(text);
}

export interface TConcreteness {
  /** Names the author's own thing to fix (or an order, ticket, amount). */
  own: boolean;
  /** Detail that makes it actionable. */
  detail: boolean;
  /** A verdict on the brand in general. */
  verdict: boolean;
  /** Laughing or joking markers. */
  joke: boolean;
  /** Says something went wrong. */
  trouble: boolean;
}

/**
 * `full` false skips the two costliest patterns (own thing, detail), which only matter when the post has a
 * problem topic or reads as a complaint; they then stay false.
 */
// Some word every verdict phrasing has: rules out most posts before VERDICT runs.
const VERDICT_GATE = stemGate(['worst', 'joke', 'nobody', 'never', 'couldn', 'imagine', 'cringe', 'ads', 'stop', 'isp', 'provider', 'compan', 'cartel', 'greedy', 'fight', 'more', 'always', 'everyone', 'nothing']);

export function assessConcreteness(text: string, tokens: readonly TToken[], full = true): TConcreteness {
  return { own: full && OWN.test(text), detail: full && DETAIL.test(text), verdict: VERDICT_GATE.test(tokens) && VERDICT.test(text), joke: joking(tokens, text), trouble: TROUBLE.test(text) };
}

/**
 * Something to solve. Outage and defect phrases state a failure by themselves ("is down", "bricked");
 * other topics need a sign that something went wrong ("my bill" is a topic, "charged twice" a problem), or
 * the models' reading that it is a complaint. A joke or a verdict on the brand is no problem unless it also
 * names the author's own thing with detail (sarcasm around a real fault still needs fixing).
 */
export function hasConcreteProblem(c: TConcreteness, topic: string | undefined, negative: boolean): boolean {
  if (!topic) return false;
  const failure = topic === 'outage' || topic === 'defect' || c.trouble || negative;
  if (!failure) return false;
  if (c.joke || c.verdict) return c.own && c.detail;
  return true;
}
