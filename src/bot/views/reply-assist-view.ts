import type { TDraftTokens } from '../../replies/draft-reply.js';
import type { TDraftMemo } from './load-assist-view.js';

/**
 * What the Reply dialog shows around its text box, for both surfaces: which saved reply it was pre-filled with
 * and why, the next two one click away, and the state of "Draft with AI".
 */
export interface TAssistView {
  prefilled: { id: string; title: string; reasons: string[] } | null;
  next: { id: string; title: string }[];
  ai: TAiView;
}

export type TAiView =
  /** LLM not configured: no button at all. */
  | { kind: 'off' }
  | { kind: 'available' }
  /** The button is off, and says why (today's cap). */
  | { kind: 'unavailable'; reason: string }
  | { kind: 'running'; draftId: string; partial: string }
  /** The draft is in the text box. */
  | { kind: 'ready'; draftId: string; model: string; tokens: TDraftTokens; notes: string[] }
  /** A clean draft, not put in the box because the person had typed meanwhile. */
  | { kind: 'offered'; draftId: string; text: string; model: string; tokens: TDraftTokens; notes: string[] }
  /** Failed a check: shown with the reasons, never in the box unless the person chooses it. */
  | { kind: 'flagged'; draftId: string; text: string; model: string; tokens: TDraftTokens; reasons: string[]; used: boolean }
  /** No draft (error, timeout): the reason, and the saved reply the box keeps. */
  | { kind: 'failed'; reason: string; kept: string };

export const tokenLine = (model: string, t: TDraftTokens) =>
  `${model} · ${(t.prompt + t.completion).toLocaleString('en')} tokens${t.estimated ? ' (estimated)' : ''}`;

/** One line staff read about where the text box's text came from. */
export function prefillLine(a: TAssistView): string | null {
  if (!a.prefilled) return null;
  const why = a.prefilled.reasons.length ? ` (${a.prefilled.reasons.join(', ')})` : '';
  return `Pre-filled with the saved reply “${a.prefilled.title}”${why}. Check it before sending.`;
}

/** What the text box started from, as the reply's audit event records it. */
export function replyOrigin(saved: string | null, draft: TDraftMemo | undefined): { savedReplyId?: string; aiDraftId?: string; aiFlagged?: boolean } | null {
  if (draft && (draft.shown === 'ready' || draft.used)) return { aiDraftId: draft.id, ...(draft.used && { aiFlagged: true }) };
  return saved ? { savedReplyId: saved } : null;
}
