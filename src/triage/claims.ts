/**
 * Factual claims about the brand: something stated as fact about what we do or will do ("Acme is shutting
 * down 4G next month", "PSA: a £10 router fee from April"), often passed on ("apparently", "my neighbour
 * said"). Staff answer these with the correct information instead of treating them as complaints.
 * A first-person experience ("you charged me twice") is a complaint, not a claim.
 */
import { stemGate } from './stem-gate.js';
import type { TToken } from './tokenise.js';

const BRAND_SUBJECT = String.raw`(?:@\w+|acme(?:'s)?|you(?:'re| are)?|they(?:'re| are)?|the company|this (?:store|shop|company))`;

/** The brand doing something sweeping: closing, selling, ending, charging everyone, being bought. */
const POLICY = new RegExp(
  String.raw`(?<![\w@])${BRAND_SUBJECT}\s+(?:is |are |has |have |will |just |now |so you're |are now |is now |'s )*(?:going to |about to |planning to )?(?:shutting (?:down|off)|switching off|closing|selling|being (?:bought|sold|taken over)|bought by|ending|scrapping|axing|cancell?ing (?:every|all)|adding an? |charging (?:for|£|\$|€|\d)|going (?:bust|bankrupt|under)|pulling out|pulled out|raising prices? for (?:every|all)|throttl\w+|announced|admitted|lying|doesn'?t (?:even )?(?:offer|cover|do)|don'?t (?:cover|offer) \w+ any ?more|no longer (?:offer|cover))`,
  'i',
);

/** Passed-on or asserted-as-common-knowledge. */
const HEARSAY = /\b(?:apparently|i (?:heard|read|saw) (?:that|it|you|on)|heard (?:that )?(?:acme|you|they)|rumou?rs?|is it true|psa\b|read it on|everybody knows|everyone knows|it'?s a known thing|they'?ve admitted|(?:my|a) (?:friend|neighbour|neighbor|mate|colleague)(?: who works there)? (?:says|said|told me)|that'?s what my \w+ said|beware:|fake news|hoax|according to)\b/i;

/** Sweeping scope: a claim about everyone, not one account. */
const SCOPE = /\b(?:every(?:one|body| customer| contract| shop)?|all (?:their|our|the|customers|contracts|shops|landlines|phones)|any ?more|from (?:april|next (?:week|month|year))|next (?:week|month|year)|this year|for everyone|todos los clientes|el mes que viene)\b/i;

const FIRST_PERSON_HARM = /\b(?:charged me|billed me|took (?:£|\$|€)?\d|my (?:bill|account|line|internet|router|hub|order) (?:is|was|has|shows|went))\b/i;

/** Spanish, French, German, Portuguese, Italian: the brand announced / is going to close or end. */
const POLICY_OTHER = /\bacme (?:va a (?:cerrar|subir|quitar|eliminar)|cierra|va fermer|ferme|schließt|wird .{0,20}(?:schließen|abschalten)|vai fechar|chiude|sta chiudendo)\b/i;

// Some word every claim phrasing has (a policy verb or a hearsay marker): most posts stop here.
const GATE = stemGate([
  'shutting', 'switching', 'closing', 'selling', 'being', 'bought', 'ending', 'scrapping', 'axing', 'cancel', 'adding', 'charging', 'going',
  'pulling', 'pulled', 'raising', 'throttl', 'announc', 'admitted', 'lying', 'offer', 'cover', 'apparently', 'heard', 'read', 'saw',
  'rumour', 'rumor', 'true', 'psa', 'everybody', 'everyone', 'known', 'friend', 'neighbour', 'neighbor', 'mate', 'colleague', 'beware',
  'fake', 'hoax', 'according', 'cierra', 'cerrar', 'ferme', 'fermer', 'schließt', 'schließen', 'abschalten', 'fechar', 'chiude', 'chiudendo',
]);

/** The words that make the post a claim to correct, or undefined. */
export function findFactualClaim(text: string, tokens: readonly TToken[]): string | undefined {
  if (!GATE.test(tokens)) return undefined;
  if (FIRST_PERSON_HARM.test(text) && !HEARSAY.test(text)) return undefined;
  const policy = POLICY.exec(text) ?? POLICY_OTHER.exec(text);
  const hearsay = HEARSAY.exec(text);
  if (policy && (hearsay || SCOPE.test(text) || /\b(?:so you|are you|you're not|aren't you)\b/i.test(text))) return policy[0].trim();
  if (hearsay && policy === null && /\b(?:acme|you|they|this store)\b/i.test(text) && /\b(?:is|are|will|going|closing|selling|making|lying|shut)\b/i.test(text)) return hearsay[0].trim();
  return undefined;
}
