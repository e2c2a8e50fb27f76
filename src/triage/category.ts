/**
 * Category by explainable phrase rules, arbitrated with the model outputs: a problem phrase in a
 * glowing post is praise ("thanks for fixing my broadband"), a question about prices is a lead, and a
 * problem phrase in a joke or a general verdict is no problem to solve ("other").
 */
import type { TCategory } from '../config/org-chart-schema.js';
import { fastIgnoreCase } from './fast-ignore-case.js';

export type TTopic = Exclude<TCategory, 'question' | 'praise' | 'spam' | 'abuse' | 'other' | 'lead'>;

const RULES: readonly [TTopic, RegExp][] = [
  ['outage', /\b(outages?|(?:is|are|went|gone|goes|been) (?:down|off|offline)|down again|down (?:for|in|across|since|all)|(?:still|also) down|not loading|nothing loads|won'?t load|can'?t (?:connect|log ?in|sign ?in|access|get online|get on|make calls)|no (?:internet|signal|service|connection|broadband|wi-?fi|network|power|dial tone|coverage|tv signal)|(?:lost|losing) (?:the |our |my |their |all )?(?:acme )?(?:connection|signal|internet|broadband|wi-?fi)|without (?:phone|internet|broadband|wi-?fi|power|signal|service|tv|a connection)|(?:seems?|looks?) (?:to be )?(?:down|off|offline)|offline|(?:internet|wi-?fi|broadband|service|network|site|website|app|server|servers|signal|connection|line|phone line|tv|mobile data|data)\s+(?:is |has been |keeps |still |both |are )?(?:down|dead|out|gone|off|dropping|cutting out|not working|isn'?t working|offline|crackling)|keeps cutting out|cutting out|timing out|(?:has|have|keeps?|just) dropped|dropped (?:out|again)|signal lost|\b5\d\d error|error 5\d\d|service unavailable|down for everyone|anyone else (?:having|getting|got|lost)|is it just me|red light since|showing red|(?:really|very|so) slow)\b/i],
  ['defect', /\b(bugs?|buggy|glitch\w*|crash(?:es|ed|ing)?|broken|faulty|defective|bricked|a brick|is a brick|boot ?loop\w*|stuck (?:in|on) (?:a )?(?:boot|restart|red|loop)|(?:reboots?|restarts?|resets?) itself|keeps? (?:rebooting|restarting|crashing|freezing|dropping|disconnecting|turning off|switching off)|drops? (?:\d+|every|out every|several|multiple) (?:times|few)?|disconnects? every|randomly (?:turns|switches) off|turns (?:itself )?off every|kernel panic|won'?t (?:turn on|power on|boot|charge|start|work|open|update|let me)|stopped (?:working|responding)|doesn'?t work|don'?t work|does not work|not working|isn'?t working|(?:remote|battery|handset|screen|port|ports|hub|router|box|charger) (?:is |are )?(?:dead|died)|died after|dead battery|freez(?:es|ing)|unexpected error|error (?:message|code)|malfunction\w*|damaged|overheat\w*|recordings? (?:keep )?disappear\w*|\d+ ?mbps on a \d+|speed test says)\b/i],
  ['billing', /\b(bills?|billed|billing|charged?|charges|charging me|overcharg\w*|refunds?|refunded|invoices?|payments?|paid twice|direct debits?|subscription|price (?:rise|increase|hike)s?|fees?|money back|double charged|late fee|credit (?:for|on)|(?:took|taken) £?\d+|debt collector|termination fee|wrong tariff|tariff|cancel(?:led|ing)? my (?:contract|subscription|account))\b/i],
  ['delivery', /\b(deliver(?:y|ed|ies)?|(?:my|the|a|our) (?:parcel|package|sim)s?|shipp(?:ing|ed)|shipment|hasn'?t shipped|tracking|courier|dispatch(?:ed)?|hasn'?t arrived|never arrived|not arrived|still not here|(?:my|the|an) order|out for delivery|lost in transit|click and collect|installation date|installer|(?:engineer|technician) (?:was booked|didn'?t|never|did not|came but)|nobody turned up|no[- ]show|missed (?:engineer )?appointment|rescheduled|sent my \w+ to)\b/i],
  ['service', /\b(customer (?:service|care|support)|on hold|call (?:cent(?:re|er)|back)|callbacks?|no (?:reply|response|one (?:answers|replied|called))|nobody (?:answers|replied|called|cares|calls back)|ignored|ignoring (?:me|my)|rude|unhelpful|your (?:agent|staff|rep|representative|advisor|team|chatbot)|chatbot|live chat|agents?|staff member|(?:spoke|spoken|talked) to|still waiting|waiting (?:for|on) (?:a )?(?:reply|response|call|engineer|someone)|hung up|chat support|complaint|ticket|transferring me|get through to|emailed|promised (?:a|to)|told me|refused to)\b/i],
];

const LEAD = /\b(switch(?:ing)? (?:to|over to) (?:you|@)|thinking (?:of|about) (?:switching|getting|joining|signing|moving)|considering (?:switching|acme|you)|looking (?:for|to get|into) (?:a )?(?:new )?(?:provider|deal|plan|package|contract|broadband|supplier)|interested in (?:your|getting|buying|signing|the)|(?:want|like|looking|ready|i'?d like) to (?:buy|order|sign up|join|upgrade|switch)|how (?:much|do i sign up)|pricing|price list|(?:get|give me|can i get) a quote|any (?:deals|offers|discounts|student discounts)|what deals|best deal|(?:can you|could you|would you) recommend|which plan would|available (?:in|at) my (?:area|address|postcode)|is acme available|do you (?:cover|serve|offer|deliver to|have coverage)|sign me up|take my money|want to switch|wants to join)\b/i;

const PRAISE = fastIgnoreCase(/\b(thanks?|thank you|thx|ty|love|loving|loved|great|amazing|awesome|brilliant|excellent|fantastic|superb|best|kudos|shout ?out|well done|props|appreciate\w*|legends?|impressed|top notch|spot on|cheers|hats off|recommend|stunning|rock solid|happy|nice|helpful|positive experience|sorted)\b|❤|😍|🙌|👏|🥰|💯/iu);

const QUESTION_START = /^(?:@\S+\s+)*(?:(?:hi|hello|hey|quick q)[,:!]?\s+)?(how|what|when|where|why|which|who|can|could|does|do|did|is|are|will|would|should|has|have|any ?(?:one|body)|hey,? (?:how|what|when|can|is|do))\b/i;

/** Rule matches in the text, computed once per post and kept with its reading. */
export interface TCategoryCues {
  topic?: TTopic;
  topicEvidence?: string;
  lead?: string;
  praise?: string;
  question: boolean;
}

export function findCategoryCues(text: string, questions: number): TCategoryCues {
  const cues: TCategoryCues = { question: questions > 0 || QUESTION_START.test(text) };
  for (const [topic, re] of RULES) {
    const m = re.exec(text);
    if (m) {
      cues.topic = topic;
      cues.topicEvidence = m[0];
      break;
    }
  }
  const lead = LEAD.exec(text);
  if (lead) cues.lead = lead[0];
  const praise = PRAISE.exec(text);
  if (praise) cues.praise = praise[0];
  return cues;
}

export interface TCategoryInput {
  cues: TCategoryCues;
  /** Sentiment label and P(positive) − P(negative). */
  sentiment: 'negative' | 'neutral' | 'positive';
  score: number;
  /**
   * The post is more likely negative than not. Not the label: the label's offsets favour recall of rare
   * classes (the benchmark's metric), which would call a warm "legends, fixed my line" negative here.
   */
  negative: boolean;
  complaint: boolean;
  offensive: boolean;
  spam: boolean;
  /** A concrete problem to solve (see concrete.ts); a topic without one is not that topic. */
  concrete: boolean;
  /** Words saying something went wrong ("again", "still", "never"): a problem report's thanks is sarcasm. */
  trouble: boolean;
}

export interface TCategoryResult {
  category: TCategory;
  /** The words that decided it, for the reasons. */
  evidence?: string;
}

/** Picks one category; order encodes severity so an outage report that also mentions billing stays an outage. */
export function categorise(input: TCategoryInput): TCategoryResult {
  const { cues, score, negative } = input;
  if (input.spam) return { category: 'spam' };
  const glowing = score > 0.4 && !input.complaint;
  // Purchase intent is phrased specifically; it wins unless the post is also an unhappy problem report.
  if (cues.lead && !(input.concrete && negative)) return { category: 'lead', evidence: cues.lead };
  if (cues.topic && input.concrete) {
    // "thanks for fixing the outage so fast" mentions a problem but reports none.
    if (glowing && cues.praise && !input.trouble) return { category: 'praise', evidence: cues.praise };
    return { category: cues.topic, evidence: cues.topicEvidence };
  }
  if (input.offensive && !input.concrete && score < 0.3 && !cues.praise) return { category: 'abuse' };
  if (cues.question && !glowing) return { category: 'question' };
  if (cues.praise && !negative) return { category: 'praise', evidence: cues.praise };
  if (score > 0.6) return { category: 'praise' };
  if (cues.question) return { category: 'question' };
  // A complaint with no recognisable topic is about how we treat people.
  if (input.complaint && input.concrete) return { category: 'service' };
  return { category: 'other' };
}
