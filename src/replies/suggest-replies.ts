import type { TOrgChart } from '../config/org-chart-schema.js';
import type { TReplyPurpose } from '../config/voice-schema.js';
import { fillPlaceholders, placeholderValues } from './placeholders.js';
import { comparableText, rankSavedReplies } from './rank-saved-replies.js';
import type { TSimilarityMethod, TTextSimilarity } from './text-similarity.js';

/** The case a suggestion is for; a TCaseView fits as it is. */
export interface TSuggestSubject {
  id: string;
  post: { text: string };
  lang: string;
  category: string;
  platformName: string;
  author: { handle: string; displayName: string | null };
  team: { name: string };
}

export interface TSuggestion {
  id: string;
  title: string;
  /** Placeholders resolved for this case and the person replying. */
  text: string;
  /** The template as written, placeholders unresolved (e.g. as an example for AI drafts). */
  template: string;
  score: number;
  reasons: string[];
}

export interface TSuggestions {
  /** The best match, pre-filled in the dialog; null when the org chart has no saved reply for this dialog. */
  best: TSuggestion | null;
  /** The next two, one click away. */
  next: TSuggestion[];
  method: TSimilarityMethod;
}

/** Move offline's acknowledgement when no saved reply suits it. */
export const OFFLINE_DEFAULT = { id: 'earshot-offline', title: 'Standard acknowledgement', text: 'Hi {name}, sorry about this. We will contact you directly to sort it out.' } as const;

export interface TSuggestDeps {
  orgChart: TOrgChart;
  similarity: TTextSimilarity;
}

/**
 * Ranked saved replies for one case and dialog, filled in for the person replying. Surface-neutral: the Reply and
 * Move offline dialogs call it with a case, an incident's acknowledgement with its lead case and `acknowledge`.
 * @example const s = await suggestReplies(deps, caseView, 'reply', 'Tom Okafor'); s.best?.text // "Hi Jane, sorry for the trouble…"
 */
export async function suggestReplies(deps: TSuggestDeps, subject: TSuggestSubject, purpose: TReplyPurpose, agentName: string): Promise<TSuggestions> {
  const replies = deps.orgChart.savedReplies;
  const { method, scores } = await deps.similarity.scores(subject.post.text, replies.map(comparableText));
  const ranked = rankSavedReplies(replies, { text: subject.post.text, lang: subject.lang, category: subject.category }, purpose, scores);
  const values = placeholderValues({ author: subject.author, team: subject.team, platformName: subject.platformName, caseId: subject.id, organisation: deps.orgChart.organisation }, agentName);
  const top: TSuggestion[] = ranked.slice(0, 3).map((r) => ({ id: r.reply.id, title: r.reply.title, text: fillPlaceholders(r.reply.text, values), template: r.reply.text, score: r.score, reasons: r.reasons }));
  // Move offline always starts from an acknowledgement, even when the org chart has none that fits.
  if (!top.length && purpose === 'offline') top.push({ id: OFFLINE_DEFAULT.id, title: OFFLINE_DEFAULT.title, text: fillPlaceholders(OFFLINE_DEFAULT.text, values), template: OFFLINE_DEFAULT.text, score: 0, reasons: [] });
  return { best: top[0] ?? null, next: top.slice(1), method };
}
