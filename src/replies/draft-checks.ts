import { findLinks, linkAllowed } from './find-links.js';
import { unresolvedPlaceholders } from './placeholders.js';

/** Why a draft is not pre-filled as ready. */
export type TDraftFlag =
  | { kind: 'banned_promise'; phrase: string; found: string }
  | { kind: 'foreign_link'; link: string }
  | { kind: 'unknown_mention'; handle: string }
  | { kind: 'instructions_leak' }
  | { kind: 'secret' }
  | { kind: 'unresolved_placeholder'; placeholder: string };

export interface TDraftPolicy {
  /** The voice guide's banned promises ("refund", "money back"). */
  bannedPromises: readonly string[];
  /** Hosts (and host/path prefixes) a draft may link to. */
  allowedLinks: readonly string[];
  /** Handles a draft may tag: the customer's own and the brand's. */
  knownHandles: readonly string[];
  /** A marker only the instructions hold: a draft that contains it is repeating them. */
  canary?: string;
  /** Configured secret values; none may appear in anything shown or sent. */
  secrets: readonly string[];
}

const tokens = (text: string) => text.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
const INFLECTION = /^(?:s|es|e|ed|d|ing|ment|ments|ion|ions|able|ation|ations)$/;

/** "refund" meets "refunds", "refunded", "refundable"; "compensate" meets "compensation". */
function wordMatches(token: string, word: string): boolean {
  if (token === word) return true;
  const stem = word.length > 4 && word.endsWith('e') ? word.slice(0, -1) : word;
  return token.length > stem.length && token.startsWith(stem) && INFLECTION.test(token.slice(stem.length));
}

function findPhrase(words: string[], phrase: string): string | null {
  const want = tokens(phrase);
  if (!want.length) return null;
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, j) => wordMatches(words[i + j]!, w))) return words.slice(i, i + want.length).join(' ');
  }
  return null;
}

/**
 * Checks a draft before anyone sees it as ready: banned promises (any inflection, negated or not — "we can't
 * refund" is still for a person to judge), links off the allow-list, tags of people outside the conversation,
 * the instructions' marker, secrets, and placeholders left unresolved. Pure.
 */
export function checkDraft(text: string, policy: TDraftPolicy): TDraftFlag[] {
  const flags: TDraftFlag[] = [];
  const words = tokens(text);
  for (const phrase of policy.bannedPromises) {
    const found = findPhrase(words, phrase);
    if (found) flags.push({ kind: 'banned_promise', phrase, found });
  }
  const known = new Set(policy.knownHandles.map((h) => h.replace(/^@/, '').toLowerCase()));
  const withoutHandles = text.replace(/(^|[^\p{L}\p{N}_.+-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu, (_all, before: string, handle: string) => {
    if (!known.has(handle.toLowerCase()) && !flags.some((f) => f.kind === 'unknown_mention' && f.handle === handle)) flags.push({ kind: 'unknown_mention', handle: `@${handle}` });
    return `${before} `;
  });
  for (const link of findLinks(withoutHandles)) {
    if (!linkAllowed(link, policy.allowedLinks) && !flags.some((f) => f.kind === 'foreign_link' && f.link === link.text)) flags.push({ kind: 'foreign_link', link: link.text });
  }
  if (policy.canary && text.includes(policy.canary)) flags.push({ kind: 'instructions_leak' });
  if (policy.secrets.some((s) => s.length >= 8 && text.includes(s))) flags.push({ kind: 'secret' });
  for (const placeholder of unresolvedPlaceholders(text)) flags.push({ kind: 'unresolved_placeholder', placeholder });
  return flags;
}

/** The sentence staff see for a flag. */
export function flagReason(f: TDraftFlag): string {
  switch (f.kind) {
    case 'banned_promise':
      return `It mentions “${f.found}”: the voice guide bans promising ${f.phrase}.`;
    case 'foreign_link':
      return `It links to ${f.link}, which is not on the org chart's allowed links.`;
    case 'unknown_mention':
      return `It tags ${f.handle}, who is not part of this conversation.`;
    case 'instructions_leak':
      return "It repeats Earshot's instructions to the AI.";
    case 'secret':
      return 'It contains a configured secret (removed here).';
    case 'unresolved_placeholder':
      return `It still holds the placeholder ${f.placeholder}.`;
  }
}

/** Blanks configured secrets out of a text before it is stored or shown. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 8).sort((a, b) => b.length - a.length)) out = out.split(s).join('[redacted]');
  return out;
}
