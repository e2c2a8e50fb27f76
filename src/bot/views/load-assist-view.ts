import type { TReplyPurpose } from '../../config/voice-schema.js';
import type { TReplyAssist } from '../../replies/reply-assist.js';
import type { TSuggestions } from '../../replies/suggest-replies.js';
import type { TCaseView } from './case-view.js';
import type { TAiView, TAssistView } from './reply-assist-view.js';

/** What a dialog remembers about its AI draft between renders. */
export interface TDraftMemo {
  id: string;
  shown: TAiView['kind'];
  /** A flagged draft the person chose to edit anyway. */
  used?: boolean;
}

/**
 * The suggestions around a dialog's text box, for either surface: the ranked saved replies (the one in the box, the
 * next two) and the AI draft's state, read again on every render so a refresh never loses it.
 */
export async function loadAssistView(
  assist: TReplyAssist,
  view: TCaseView,
  o: { agentName: string; purpose?: TReplyPurpose; inBox?: string | null; draft?: TDraftMemo | undefined; boxText?: string },
): Promise<{ assist: TAssistView; suggestions: TSuggestions }> {
  const suggestions = await assist.suggest(view, o.purpose ?? 'reply', o.agentName);
  const ranked = [suggestions.best, ...suggestions.next].filter((s) => s !== null);
  const inBoxId = o.inBox === undefined ? suggestions.best?.id : o.inBox;
  const inBox = ranked.find((s) => s.id === inBoxId) ?? null;
  const prefilled = inBox ? { id: inBox.id, title: inBox.title, reasons: inBox.reasons } : null;
  const next = ranked.filter((s) => s.id !== inBoxId).slice(0, 2).map((s) => ({ id: s.id, title: s.title }));
  const kept = inBox ? `the saved reply “${inBox.title}”` : o.boxText?.trim() ? 'what you typed' : 'nothing';
  return { assist: { prefilled, next, ai: await aiView(assist, o.draft, kept) }, suggestions };
}

async function aiView(assist: TReplyAssist, memo: TDraftMemo | undefined, kept: string): Promise<TAiView> {
  const state = memo ? await assist.draftState(memo.id) : null;
  if (!state) {
    const a = await assist.availability();
    return a.kind === 'available' ? { kind: 'available' } : a.kind === 'capped' ? { kind: 'unavailable', reason: a.reason } : { kind: 'off' };
  }
  switch (state.kind) {
    case 'running':
      return { kind: 'running', draftId: state.draftId, partial: state.partial };
    case 'ready':
      return memo?.shown === 'offered'
        ? { kind: 'offered', draftId: state.draftId, text: state.text, model: state.model, tokens: state.tokens, notes: state.notes }
        : { kind: 'ready', draftId: state.draftId, model: state.model, tokens: state.tokens, notes: state.notes };
    case 'flagged':
      return { kind: 'flagged', draftId: state.draftId, text: state.text, model: state.model, tokens: state.tokens, reasons: state.reasons, used: !!memo?.used };
    case 'failed':
      return { kind: 'failed', reason: state.reason, kept };
  }
}
