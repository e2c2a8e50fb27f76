/**
 * Risk as meaning: harm and safety, legal action, a regulator, data exposure or account takeover, and a
 * vulnerable customer left in trouble. Each concept is a set of phrasings (in every language the engine
 * reads) rather than single words, so "the hub sparked and smells of burning" escalates without the word
 * "fire", while "that tariff is fire" or a "Kindle Fire" does not. The org chart's riskKeywords still
 * escalate, as an addition, unless the word is plainly used in another sense (slang, a product name, an idiom).
 */
import { findPhrases, matchesAnyPhrase } from './phrases.js';
import { stemGate } from './stem-gate.js';
import type { TToken } from './tokenise.js';

export type TRiskKind = 'safety' | 'legal' | 'regulator' | 'data' | 'vulnerable' | 'keyword';

export interface TRiskHit {
  kind: TRiskKind;
  /** The words that showed it, for the card. */
  evidence: string;
}

const KIND_LABEL: Record<TRiskKind, string> = {
  safety: 'a safety hazard or injury',
  legal: 'legal action',
  regulator: 'a regulator or complaint body',
  data: 'exposed personal data or a hijacked account',
  vulnerable: 'a vulnerable customer at risk',
  keyword: "a word on the org chart's risk list",
};
export const riskLabel = (k: TRiskKind): string => KIND_LABEL[k];

const DEVICE = String.raw`(?:router|hub|box|modem|charger|plug|socket|adapter|power supply|psu|cable|phone|battery|extender|decoder|device|unit|tv box|set-?top box|mast|router's|hub's)`;

const SAFETY: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:caught fire|catch(?:ing)? fire|burst into flames|set (?:itself )?(?:on )?fire|fire hazard|fire brigade|fire service|fire risk|started a fire|(?:${DEVICE})\s+(?:is|was|went|has gone)\s+on fire|on fire\b.{0,40}\b(?:smoke|flames)|electric(?:al)? shock|electrocut\w+|shocked me|sparks?\b|sparked|sparking|burning smell|smell(?:s|ed|ing)? (?:of )?(?:burning|melting|smoke)|smoke (?:coming|pouring|everywhere)|scorched|melt(?:ed|ing) (?:the )?plastic|melted|exposed wires?|live wires?|wires? hanging|gas (?:pipe|leak|main)|carbon monoxide|(?:battery|phone) (?:swelled|swelling|bulging)|swelled up|bulging|explode|exploded|too hot to touch|(?:got|gave (?:him|her|me))\s+a burn|burn(?:ed|t)? (?:my|his|her|their) (?:hand|finger|arm|skin)|injur(?:ed|y|ies) (?:my|his|her|their|a)\b|hospitali[sz]ed|ambulance|dangerous|unsafe|is this safe|hazard)`, 'i'),
  /(?<![\p{L}])(?:brenn(?:t|en|te)|feuer|rauch|funken|stromschlag|fuego|humo|chispas|incendio|se quemó|quemad[oa]|descarga eléctrica|peligros[oa]|incendie|fumée|étincelles|électrocuté|prend feu|a pris feu|fogo|fumaça|faíscas|pegou fogo|choque elétrico|fuoco|fumo|scintille|preso fuoco|scossa|rook|vonken|in brand|pożar|dym|iskr)(?![\p{L}])/iu,
];

const LEGAL = /\b(?:lawsuit|sue (?:you|them|acme)|suing|(?:my |a )?solicitors?|lawyers?|attorney|legal action|small claims|take (?:you|them|acme) to court|see you in court|court case|class action|abogad[oa]s?|denunciar|demanda judicial|anwalt|klage|verklagen|avocat|porter plainte|advogad[oa]|processar|avvocat[oa]|denuncia|advocaat)\b/i;

const REGULATOR = /\b(?:ofcom|ombudsman|ombudsperson|information commissioner|\bico\b|trading standards|advertising standards|\basa\b|\bfcc\b|\bftc\b|\bcma\b|regulator|citizens advice|consumer (?:rights|protection) (?:body|agency)|(?:my|our|local) mp\b|bundesnetzagentur|verbraucherzentrale|arcep|anacom|agcom|facua|ante consumo|oficina del consumidor|cnil|aepd)\b/iu;

const DATA: readonly RegExp[] = [
  /\b(?:someone else'?s|another (?:customer|person)'?s|other (?:people|customers)'?s?|a stranger'?s?|wrong person)\b.{0,60}\b(?:name|address|details|bills?|account|data|order|number|password)/i,
  /\b(?:name|address|details|bills?|account|data|password)s?\b.{0,40}\b(?:to (?:a |the )?(?:stranger|wrong person|my ex)|another customer|someone else)\b/i,
  /\b(?:data (?:breach|leak|protection)|gdpr|leak(?:ed)?|for sale on a forum|security (?:incident|breach|hole|flaw)|exposes? (?:other|people|customer)|knew my (?:account|card|password)|pretending to be (?:me|from)|phishing|identity theft|fraud(?:ulent)? (?:orders?|account))\b/i,
  /\b(?:(?:my|our|his|her) (?:account|email|profile)\b.{0,30}\b(?:hacked|compromised|taken over|hijacked)|(?:hacked|compromised|hijacked) (?:my|our|his|her) (?:account|email)|(?:been|got|was|were) hacked|orders? i didn'?t make)\b/i,
  /(?<![\p{L}])(?:hackead[oa]|hackeado|pirateada|pirata(?:do|ron)|gehackt|piraté|pirater|hackerat[oa]|invadid[oa]|zhakowane|gehackt|datos personales|datenleck|fuite de données)(?![\p{L}])/iu,
];

/** A person who may come to harm if we get this wrong; only a risk when something is also wrong. */
const VULNERABLE = /\b(?:vulnerable|elderly|pensioner|aged? \d{2}|(?:is|she'?s|he'?s|i'?m) (?:8|9)\d\b|\d{2} years? old (?:and|who)|lives alone|disabled|disability|housebound|bedbound|deaf|blind|dementia|alzheimer'?s|learning (?:difficulties|disabilit\w+)|mental health|care alarm|personal alarm|panic alarm|lifeline alarm|medical (?:equipment|device|alarm)|oxygen|dialysis|carer|in hospital|terminally ill|domestic abuse|abuse survivor|(?:my|a) (?:1[0-7]|[5-9]) ?(?:year|yr)s? old|grand(?:ad|pa|father|ma|mother|mum|dad)|text relay)\b/i;
const TROUBLE = /\b(?:dead|down|cut off|disconnected|no (?:phone|line|signal|service|internet)|without|can'?t|cannot|won'?t|pressured|pressuri[sz]ed|sold|signed|taken|took|scared|afraid|abusive|threaten\w*|ignored|nobody|no one|gave|left|missed)\b/i;

/** Senses of a risk word that carry no risk: slang, product names, idioms, someone else's story. */
const HARMLESS: readonly RegExp[] = [
  /\b(?:is|was|looks|sounds|are|so|straight|pure|lowkey|absolute) fire\b|\bfire\s*(?:🔥|💯|😍|!)|🔥\s*fire|(?:kindle|amazon|fire ?tv|tv) ?fire|\bfire ?(?:tv|stick|tablet|hd|sale|sales|drill|alarm test)|fired (?:up|me|him|her)|\bon fire (?:this|last|right now|lately)|die in a fire|ceasefire|firewall|fireworks?|campfire|firefox/i,
  /\b(?:ego|pride|feelings|dignity|confidence) (?:is |was |are |took )?(?:injured|hurt|bruised|wounded)|(?:injured|wounded) (?:pride|ego)/i,
  /\bhacked (?:together|up|a|an|my way|it)\b|\blife ?hacks?|hackathon|growth hack/i,
  /\b(?:documentary|film|movie|article|podcast|series|show|book|news|story|pub quiz|quiz team)\b.{0,40}\b(?:about|on|called|themed)\b|-themed\b/i,
  /\bsue\b(?= (?:from|and|said|says|told)\b)|\bmy (?:friend|sister|aunt|colleague) sue\b/i,
];

/**
 * Word stems every concept above needs (one of them starts some word of any post a pattern matches): one
 * map look-up per word rules out most posts before the phrase patterns run. Keep it a superset when adding
 * a phrasing.
 */
const GATE = stemGate([
  // safety
  'fire', 'flame', 'shock', 'electr', 'spark', 'burn', 'smell', 'smok', 'scorch', 'melt', 'wire', 'gas', 'carbon', 'swell', 'swol', 'bulg',
  'explod', 'hot', 'injur', 'hospital', 'ambulance', 'danger', 'unsafe', 'safe', 'hazard',
  // legal
  'sue', 'suing', 'solicitor', 'lawyer', 'attorney', 'legal', 'court', 'claims', 'class', 'abogad', 'denunc', 'demanda', 'anwalt', 'klag',
  'verklag', 'avocat', 'plainte', 'advogad', 'processar', 'avvocat', 'advocaat',
  // regulators
  'ofcom', 'ombuds', 'information', 'ico', 'trading', 'advertising', 'fcc', 'ftc', 'cma', 'asa', 'regulat', 'citizens', 'consumer', 'mp',
  'bundesnetz', 'verbraucher', 'arcep', 'anacom', 'agcom', 'facua', 'consumo', 'consumidor', 'cnil', 'aepd',
  // data and accounts
  'else', 'another', 'other', 'stranger', 'wrong', 'breach', 'leak', 'gdpr', 'sale', 'security', 'expos', 'knew', 'pretend', 'phish',
  'identity', 'fraud', 'hack', 'compromis', 'taken', 'hijack', 'pirat', 'invadid', 'zhak', 'datos', 'daten', 'fuite',
  // vulnerable customers
  'vulnerab', 'elderly', 'pension', 'aged', 'alone', 'disab', 'housebound', 'bedbound', 'deaf', 'blind', 'dementia', 'alzheim',
  'learning', 'mental', 'alarm', 'medical', 'oxygen', 'dialysis', 'carer', 'terminal', 'abuse', 'year', 'yr', 'grand', 'relay',
  // other languages
  'brenn', 'feuer', 'rauch', 'funken', 'strom', 'fuego', 'humo', 'chispa', 'incend', 'quem', 'descarga', 'peligr', 'fum', 'étincel',
  'électr', 'feu', 'fogo', 'faísca', 'choque', 'fuoco', 'scintill', 'scossa', 'preso', 'rook', 'vonk', 'brand', 'pożar', 'dym', 'iskr',
  'prend', 'pris', 'pegou',
]);

export interface TRiskInput {
  text: string;
  /** Also try the other languages' phrasings (posts not in English). */
  foreign?: boolean;
  tokens: readonly TToken[];
  riskKeywords: readonly string[];
}

/** Every kind of risk the post shows, each with its evidence; empty when there is none. */
export function assessRisk({ text, tokens, riskKeywords, foreign = true }: TRiskInput): TRiskHit[] {
  const hits: TRiskHit[] = [];
  if (!GATE.test(tokens) && !matchesAnyPhrase(text, riskKeywords)) return hits;
  const harmless = HARMLESS.some((re) => re.test(text));
  const add = (kind: TRiskKind, m: RegExpExecArray | null): void => {
    if (m) hits.push({ kind, evidence: m[0].trim().slice(0, 60) });
  };
  if (!harmless) for (const [i, re] of SAFETY.entries()) if (i === 0 || foreign) add('safety', re.exec(text));
  add('legal', LEGAL.exec(text));
  if (!harmless) add('regulator', REGULATOR.exec(text));
  for (const [i, re] of DATA.entries()) {
    if (i === DATA.length - 1 && !foreign) break;
    const m = re.exec(text);
    // "a documentary about a data breach" or "hacked together a script" is nobody's data at risk.
    if (m && !(harmless && (i === 2 || /hack/i.test(m[0])))) {
      add('data', m);
      break;
    }
  }
  const vulnerable = VULNERABLE.exec(text);
  if (vulnerable && TROUBLE.test(text)) add('vulnerable', vulnerable);
  // Keywords the org chart lists, unless used in a harmless sense or already explained by a concept above.
  if (!harmless && hits.length === 0) for (const k of findPhrases(text, riskKeywords)) hits.push({ kind: 'keyword', evidence: k });
  // One hit per kind is enough for the card.
  const seen = new Set<TRiskKind>();
  return hits.filter((h) => (seen.has(h.kind) ? false : (seen.add(h.kind), true)));
}
