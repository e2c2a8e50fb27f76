/**
 * Category by explainable phrase rules, arbitrated with the model outputs: a problem phrase in a
 * glowing post is praise ("thanks for fixing my broadband"), a question about prices is a lead.
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { fastIgnoreCase } from './fast-ignore-case.js';
import type { TSentimentResult } from './sentiment.js';

const RULES: readonly [Exclude<TCategory, 'question' | 'praise' | 'spam' | 'abuse' | 'other'>, RegExp][] = [
  ['outage', /\b(outages?|(?:is|are|went|gone|goes|been) down|down again|down (?:for|in|across|since|all)|not loading|won'?t load|can'?t (?:connect|log ?in|sign ?in|access|get online|get on)|no (?:internet|signal|service|connection|broadband|wi-?fi|network|power|dial tone|coverage)|offline|(?:internet|wi-?fi|broadband|service|network|site|website|app|server|servers|signal|connection|line|phone line)\s+(?:is |has been |keeps |still )?(?:down|dead|out|dropping|cutting out|not working|isn'?t working|offline)|\b5\d\d error|service unavailable|down for everyone|anyone else (?:having|getting|got)|is it just me)\b/i],
  ['defect', /\b(bugs?|buggy|glitch\w*|crash(?:es|ed|ing)?|broken|faulty|defective|stopped working|doesn'?t work|does not work|not working|isn'?t working|won'?t (?:turn on|charge|start|work|open|update)|keeps? (?:crashing|freezing|restarting|dropping|disconnecting)|freez(?:es|ing)|error (?:message|code)|malfunction\w*|damaged|overheat\w*)\b/i],
  ['billing', /\b(bills?|billed|billing|charged?|charges|charging me|overcharg\w*|refunds?|refunded|invoices?|payments?|paid twice|direct debit|subscription|price (?:rise|increase|hike)s?|fees?|money back|double charged|late fee|cancel(?:led|ing)? my (?:contract|subscription|account))\b/i],
  ['delivery', /\b(deliver(?:y|ed|ies)?|(?:my|the|a|our) (?:parcel|package)s?|shipp(?:ing|ed)|shipment|tracking|courier|dispatch(?:ed)?|hasn'?t arrived|never arrived|not arrived|still not here|(?:my|the|an) order|out for delivery|lost in transit|(?:engineer|technician) (?:didn'?t|never|did not) (?:show|turn up|come)|no[- ]show)\b/i],
  ['service', /\b(customer (?:service|care|support)|on hold|call (?:cent(?:re|er)|back)|callback|no (?:reply|response|one (?:answers|replied|called))|nobody (?:answers|replied|called|cares)|ignored|ignoring (?:me|my)|rude|unhelpful|your (?:agent|staff|rep|representative|advisor|team)|(?:spoke|spoken|talked) to|still waiting|waiting (?:for|on) (?:a )?(?:reply|response|call|engineer|someone)|hung up|chat support|complaint)\b/i],
];

const LEAD = /\b(switch(?:ing)? (?:to|over to) (?:you|@)|thinking (?:of|about) (?:switching|getting|joining|signing|moving)|looking (?:for|to get|into) (?:a )?(?:new )?(?:provider|deal|plan|package|contract|broadband|supplier)|interested in (?:your|getting|buying|signing)|(?:want|like|looking) to (?:buy|order|sign up|join|upgrade|switch)|how (?:much|do i sign up)|pricing|price list|(?:get|give me) a quote|any (?:deals|offers|discounts)|best deal|(?:can you|could you) recommend|which (?:plan|package|tariff|provider)|available (?:in|at) my (?:area|address|postcode)|do you (?:cover|serve|offer|deliver to|have coverage)|sign me up|take my money)\b/i;

const PRAISE = fastIgnoreCase(/\b(thanks?|thank you|thx|ty|love|loving|loved|great|amazing|awesome|brilliant|excellent|fantastic|superb|best|kudos|shout ?out|well done|props|appreciate\w*|legends?|impressed|top notch|spot on|cheers)\b|❤|😍|🙌|👏|🥰|💯/iu);

const QUESTION_START = /^(?:@\S+\s+)*(how|what|when|where|why|which|who|can|could|does|do|did|is|are|will|would|should|has|have|any ?(?:one|body)|hey,? (?:how|what|when|can|is|do))\b/i;

export interface TCategoryInput {
  text: string;
  sentiment: TSentimentResult;
  complaint: boolean;
  offensive: boolean;
  spam: boolean;
  questions: number;
}

export interface TCategoryResult {
  category: TCategory;
  /** The words that decided it, for the reasons. */
  evidence?: string;
}

/** Picks one category; order encodes severity so an outage report that also mentions billing stays an outage. */
export function categorise(input: TCategoryInput): TCategoryResult {
  const { text, sentiment } = input;
  if (input.spam) return { category: 'spam' };
  // PRAISE is run only where its answer is read (it is the costliest pattern, and often not needed).
  const glowing = sentiment.label === 'positive' && sentiment.score > 0.4 && !input.complaint;
  const lead = LEAD.exec(text);
  // Purchase intent is phrased specifically; it wins unless the post is also an unhappy problem report.
  if (lead && !(input.complaint && sentiment.label === 'negative' && RULES.some(([, re]) => re.test(text)))) {
    return { category: 'lead', evidence: lead[0] };
  }
  for (const [category, re] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    // "thanks for fixing the outage so fast" mentions a problem but reports none.
    const praise = glowing ? PRAISE.exec(text) : null;
    if (praise) return { category: 'praise', evidence: praise[0] };
    return { category, evidence: m[0] };
  }
  if (input.offensive && !input.complaint) return { category: 'abuse' };
  const isQuestion = input.questions > 0 || QUESTION_START.test(text);
  if (isQuestion && !glowing) return { category: 'question' };
  const praise = sentiment.label !== 'negative' ? PRAISE.exec(text) : null;
  if (praise) return { category: 'praise', evidence: praise[0] };
  if (sentiment.label === 'positive' && sentiment.score > 0.6) return { category: 'praise' };
  // A complaint with no recognisable topic is about how we treat people.
  if (input.complaint) return { category: 'service' };
  return { category: 'other' };
}
