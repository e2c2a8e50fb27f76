/**
 * Explicit phrase cues that the learned models do not cover: spam patterns, claims that may be
 * untrue (a factual error to correct), and jokes/rants. Each returns what it saw, for the reasons.
 */
import { fastIgnoreCase } from './fast-ignore-case.js';
import type { TFeatures } from './features.js';

const SPAM = /\b(follow (?:me|back|4 ?follow)|f4f|free (?:followers|likes|iphone|gift ?card)|click (?:here|the link|my bio)|check out my (?:channel|page|profile|onlyfans)|earn \$?\d+|make money (?:fast|online|from home)|work from home|crypto ?(?:signals|giveaway)|bitcoin|airdrop|giveaway|promo ?code|dm (?:me )?for (?:promo|collab|promotion|shoutout)|onlyfans|casino|betting tips|limited (?:time )?offer|buy (?:followers|likes|views)|100% free|hot singles|investment opportunity|forex)\b/i;

const FACTUAL = /\b(i (?:heard|read|saw) (?:that|you|on)|apparently (?:you|they|your)|rumou?rs?|is it true|fake news|hoax|misinformation|supposedly|they say (?:you|that)|you(?:'re| are) (?:going bankrupt|going bust|shutting down|closing down|selling (?:our|my|customer) data)|(?:being|been) shut down|going out of business|according to (?:a|some|this) (?:post|video|tweet|article))\b/i;

const JOKE = fastIgnoreCase(/\b(lol|lmao|lmfao|rofl|haha\w*|jk|joking|kidding|meme|satire|parody)\b|😂|🤣/iu);

export interface TCues {
  /** What looked like spam: a phrase and/or structural signs. */
  spam: string[];
  spamPhrase: boolean;
  /** Text suggests a claim about us that may be wrong. */
  factualClaim?: string;
  joke: boolean;
}

/** Phrase cues in normalised text; `f.stats` adds structure (links, hashtags, handles). */
export function findCues(text: string, f: TFeatures): TCues {
  const spam: string[] = [];
  const s = SPAM.exec(text);
  if (s) spam.push(`says "${s[0]}"`);
  if (f.stats.urls >= 3) spam.push(`${f.stats.urls} links`);
  if (f.stats.hashtags >= 6) spam.push(`${f.stats.hashtags} hashtags`);
  if (f.stats.users >= 6) spam.push(`tags ${f.stats.users} accounts`);
  const spamPhrase = s !== null;
  // A spam phrase needs a link or a crowd of tags behind it: "is the giveaway real?" is a question.
  if (spamPhrase && f.stats.urls > 0 && f.stats.urls < 3) spam.push('a link');
  return { spam, spamPhrase, factualClaim: FACTUAL.exec(text)?.[0], joke: JOKE.test(text) };
}

/** Spam needs two signs (phrase + link, or several links/hashtags/handles): one alone is not spam. */
export const isSpam = (c: TCues): boolean => c.spam.length >= 2;
