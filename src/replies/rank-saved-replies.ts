import type { TSavedReply } from '../config/org-chart-schema.js';
import type { TReplyPurpose } from '../config/voice-schema.js';

/** What a ranking looks at: the post and its triage. */
export interface TRankSubject {
  text: string;
  lang: string;
  category: string;
}

export interface TRankedReply {
  reply: TSavedReply;
  score: number;
  /** Plain words staff can read: why this reply came first. */
  reasons: string[];
}

/** How much each signal weighs; similarity is 0..1 (encoder cosine or shared words). */
const W = { category: 0.45, generic: 0.15, lang: 0.2, langUnknown: 0.1, otherLang: -0.3, similarity: 0.5, purpose: 0.15 } as const;

const LANGS: Record<string, string> = { en: 'English', es: 'Spanish', fr: 'French', de: 'German', it: 'Italian', pt: 'Portuguese', nl: 'Dutch' };
const primary = (lang: string | undefined) => (lang ?? '').toLowerCase().split(/[-_]/)[0] ?? '';

/** Saved replies written before `use` existed: an id or title about DMs or going offline suits Move offline only. */
function purposesOf(r: TSavedReply): readonly TReplyPurpose[] | null {
  if (r.use) return r.use;
  return /offline|\bdm\b|private/i.test(`${r.id.replace(/[-_]/g, ' ')} ${r.title}`) ? ['offline'] : null;
}

/**
 * Orders the saved replies for one post and dialog: those that fit the dialog, then by category, language and
 * wording. Pure and deterministic (ties keep the org chart's order); `similarity[i]` scores `replies[i]`.
 * @example rankSavedReplies(chart.savedReplies, { text, lang: 'en', category: 'outage' }, 'reply', sims)[0].reply.id // "outage-ack"
 */
export function rankSavedReplies(replies: readonly TSavedReply[], subject: TRankSubject, purpose: TReplyPurpose, similarity: readonly number[]): TRankedReply[] {
  const lang = primary(subject.lang);
  const ranked = replies.flatMap((reply, i) => {
    const purposes = purposesOf(reply);
    if (purposes && !purposes.includes(purpose)) return [];
    const reasons: string[] = [];
    let score = purposes ? W.purpose : 0;
    if (reply.categories?.includes(subject.category as never)) {
      score += W.category;
      reasons.push(`written for ${subject.category} posts`);
    } else if (!reply.categories) score += W.generic;
    const own = primary(reply.lang);
    if (!own) score += W.langUnknown;
    else if (own === lang) {
      score += W.lang;
      reasons.push(`in ${LANGS[own] ?? own}`);
    } else score += W.otherLang;
    const sim = Math.min(1, Math.max(0, similarity[i] ?? 0));
    score += W.similarity * sim;
    if (sim >= 0.25) reasons.push('similar wording');
    return [{ reply, score: Math.round(score * 1000) / 1000, reasons, order: i }];
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ order: _order, ...r }) => r);
}

/** The text a saved reply is compared by: its title says what it is for, its text how it says it. */
export const comparableText = (r: TSavedReply) => `${r.title}. ${r.text.replace(/\{\w+\}/g, '')}`;
