/**
 * Spam and promotion: offers of followers, money, crypto or "collabs", "DM me / link in bio" calls to action,
 * prize bait, romance and recovery scams, self-promotion under someone else's post. Each signal has a weight;
 * two points make spam, and a spam verdict wins over praise and question cues ("great!!! 😍 check my page").
 * Phrases cover the languages the engine reads (English, Spanish, Portuguese, German, French, Italian, Dutch).
 */
import type { TLexiconStats } from './features.js';
import { stemGate } from './stem-gate.js';
import type { TToken } from './tokenise.js';

interface TSignal {
  name: string;
  weight: number;
  re: { exec(text: string): RegExpExecArray | null };
}

/** What is being offered: each alone is a strong sign (2 points). */
const OFFERS: readonly TSignal[] = [
  { name: 'sells followers or likes', weight: 2, re: /\b(?:(?:buy|sell|selling|get|gain|grow|cheap|real|active|organic|instant)\s+(?:\w+\s+){0,3}(?:followers|likes|views|subscribers|engagement)|\d+k?\s+(?:real\s+)?(?:followers|likes|views)\b|follow ?(?:back|4 ?follow|for follow)|f4f|(?:gana|ganar|consigue)\s+seguidores|ganhar seguidores|abonnés rapidement|follower kaufen)/i },
  { name: 'money-making offer', weight: 2, re: /\b(?:earn|earned|make|made|making|flip)\s+(?:my first\s+)?(?:\S+\s+){0,3}(?:[£$€]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?(?:[£$€]|pounds|dollars|a day|per day|a week|per week))|(?:[£$€]\s?\d[\d,.]*k?|\d[\d,.]*\s?[£$€])\s*(?:-\s*[£$€]?\d[\d,.]*\s*)?(?:a|per)\s+(?:day|week)|work(?:ing)? from home (?:opportunity|job|and earn)|passive income|extra income|income opportunity|investment opportunity|double your (?:investment|money)|(?:\d+%|guaranteed) (?:weekly |daily |monthly )?returns?|\d+x guaranteed|gana(?:r)? dinero|(?:más de )?\d+\s?€ a la semana|verdiene\s+\d+|gagnez\s+\d+|ganhe dinheiro|guadagna/i },
  { name: 'crypto or trading pitch', weight: 2, re: /\b(?:crypto(?:currency)?\s*(?:signals?|giveaway|expert|staking|wallet recovery)|bitcoin|btc|airdrop|presale|token (?:presale|sale)|forex|trading (?:signals|bitcoin|group)|staking pool|recover (?:your )?(?:lost )?(?:crypto|wallet|funds)|\$[A-Z]{3,6}\b)/i },
  { name: 'paid promotion offer', weight: 2, re: /\b(?:paid promotion|promo(?:tion)? (?:page|code|offer)s?|brand ambassador|(?:want|like) to be featured|go viral|collab\b|seo (?:services?|rank)|page (?:one|1) (?:of|on) google|organic growth|growth packages?|ai chatbots? for brands|free demo|referral code)/i },
  { name: 'prize bait', weight: 2, re: /\b(?:claim (?:your )?(?:free|prize|airdrop|gift)|you (?:have been|were|are) selected|winners? (?:will be )?dm'?d|fill in (?:this|the) survey to|\d+% off today only)/i },
  { name: 'romance or impersonation scam', weight: 2, re: /\b(?:hello dear|can we be friends|us army (?:doctor|officer)|on (?:a )?mission,? i|message her on whatsapp)/i },
  { name: 'adult content', weight: 2, re: /\b(?:onlyfans|hot singles|adult content)\b/i },
];

/** A call to go elsewhere, or a freebie mentioned: a point each, spam only with another sign ("is the giveaway real?" is a question). */
const CALLS: readonly TSignal[] = [
  { name: 'freebie or giveaway', weight: 1, re: /\b(?:free (?:iphone|gift|netflix|followers|likes|vouchers?|\d+ months? of)|giveaway|vouchers?, \d+% off)/i },
  { name: 'asks to be messaged', weight: 1, re: /\b(?:dm (?:me|us)|pm me|inbox me|message (?:me|us|her)|(?:send|drop) (?:me |us )?a (?:dm|message)|contact (?:\w+ )?on (?:telegram|whatsapp)|comment "?\w+"? and i'?ll send|ask me how|escr[ií]beme|mándame (?:un )?dm|por privado|chama no direct|schreib mir|contactez-nous|écrivez-moi|scrivimi)\b|t\.me\/|whatsapp \+?\d/i },
  { name: 'points to their own page', weight: 1, re: /\b(?:link in (?:my )?bio|check (?:out )?my (?:page|channel|profile|bio|link)|visit my (?:profile|page|channel)|subscribe (?:to (?:my|me)|for)|follow (?:me|my|us)\b|my channel|see my profile)/i },
  { name: 'urgency', weight: 1, re: /\b(?:today only|limited (?:time )?offer|act now|now!+|last chance|instant(?:ly)?,? safe|24\/7 support|no experience needed|it'?s legit|100% (?:free|legit|safe))/i },
];

const GENERIC_PRAISE = /^(?:@\S+\s+)*(?:wow\s+)?(?:great|amazing|nice|lovely|beautiful|awesome|first)\b[^.]{0,20}?(?:!|😍|👍|🙏|❤|\s*$)|^(?:great|nice|amazing|lovely|wow) (?:post|pic|video|thread|content)/iu;

/**
 * Some word an offer or a call to action needs (or a currency sign): posts with none skip the ten phrase
 * patterns, which otherwise run on every post. Keep it a superset when adding a phrasing.
 */
const GATE = stemGate([
  'follower', 'follow', 'likes', 'views', 'subscri', 'engagement', 'f4f', 'seguidor', 'abonn', 'earn', 'make', 'made', 'making', 'flip',
  'work', 'passive', 'extra', 'income', 'invest', 'double', 'return', 'guarant', 'gana', 'verdien', 'gagnez', 'ganhe', 'guadagn', 'crypto',
  'bitcoin', 'btc', 'airdrop', 'presale', 'token', 'forex', 'trading', 'staking', 'recover', 'paid', 'promo', 'ambassador', 'featured',
  'viral', 'collab', 'seo', 'page', 'organic', 'growth', 'chatbot', 'demo', 'referral', 'free', 'claim', 'giveaway', 'selected', 'winner',
  'survey', 'voucher', 'hello', 'friends', 'army', 'mission', 'whatsapp', 'telegram', 'onlyfans', 'singles', 'adult', 'dm', 'pm', 'inbox',
  'message', 'send', 'drop', 'contact', 'comment', 'ask', 'escr', 'mánd', 'privado', 'chama', 'schreib', 'contactez', 'écrivez', 'scriv',
  'link', 'check', 'visit', 'channel', 'profile', 'bio', 'today', 'limited', 'act', 'last', 'instant', 'experience', 'legit', 'off', 'dinero',
  'geld', 'argent', 'dinheiro', 'soldi',
]);
const CURRENCY = /[£$€]|\bt\.me\b|24\/7|100%/;

export interface TSpamResult {
  spam: boolean;
  score: number;
  /** Plain words for the reasons: "sells followers or likes, asks to be messaged". */
  signs: string[];
}

/** Spam signals in normalised text; `stats` adds structure (links, hashtags, tagged accounts). */
export function detectSpam(text: string, tokens: readonly TToken[], stats: TLexiconStats, ownUrls = 0): TSpamResult {
  const signs: string[] = [];
  let score = 0;
  if (GATE.test(tokens) || CURRENCY.test(text)) {
    for (const s of OFFERS) if (s.re.exec(text)) (score += s.weight), signs.push(s.name);
    for (const s of CALLS) if (s.re.exec(text)) (score += s.weight), signs.push(s.name);
  }
  const urls = stats.urls + ownUrls;
  if (urls >= 3) (score += 2), signs.push(`${urls} links`);
  else if (urls > 0 && score > 0) (score += 1), signs.push('a link');
  if (stats.hashtags >= 6) (score += 1), signs.push(`${stats.hashtags} hashtags`);
  if (stats.users >= 6) (score += 2), signs.push(`tags ${stats.users} accounts`);
  // Reply-guy pattern: an empty compliment followed by self-promotion.
  if (score > 0 && GENERIC_PRAISE.test(text)) (score += 1), signs.push('generic compliment as a hook');
  return { spam: score >= 2, score, signs };
}

const TLD = /\.(?:io|com|net|org|co|example|ly|me|xyz|shop|info|biz)\b/i;

/** Bare domains ("acme-claim.io", "bit.ly/x") that the tokeniser does not see as links. */
export function bareDomains(text: string): number {
  if (!TLD.test(text)) return 0;
  const m = text.match(/(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:io|com|net|org|co|example|ly|me|xyz|shop|info|biz)(?:\/\S*)?(?![\w])/gi);
  return m ? m.length : 0;
}
