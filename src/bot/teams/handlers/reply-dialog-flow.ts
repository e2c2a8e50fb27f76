import { roleFor } from '../../../config/org-chart-queries.js';
import { toAppError } from '../../../errors.js';
import type { TDraftOutcome } from '../../../replies/draft-reply.js';
import type { TDraftState } from '../../../replies/reply-assist.js';
import { replyToCase } from '../../../cases/index.js';
import type { TCaseView } from '../../views/case-view.js';
import { loadAssistView, type TDraftMemo } from '../../views/load-assist-view.js';
import { replyOrigin, type TAiView } from '../../views/reply-assist-view.js';
import { fillTemplate, savedReply, templateVars } from '../../views/saved-replies.js';
import type { TDialog } from '../cards/dialog.js';
import { ASSIST_INTENTS } from '../cards/reply-assist-card.js';
import { REPLY_DIALOG, replyDialog } from '../cards/reply-dialog.js';
import { userMessage, type TTeamsDeps } from '../teams-deps.js';
import { str } from './handler-kit.js';

type TData = Record<string, unknown>;

/**
 * How long a "Draft with AI" submit waits for the draft before answering. Teams shows an error if a dialog's
 * invoke is not answered within seconds; a slower draft keeps going and "Check AI draft" picks it up.
 */
export const TEAMS_DRAFT_WAIT_MS = 4000;

const memoOf = (data: TData): TDraftMemo | undefined =>
  str(data, 'draftId') ? { id: str(data, 'draftId'), shown: (str(data, 'shown') || 'running') as TAiView['kind'], ...(str(data, 'used') === 'true' && { used: true }) } : undefined;

/**
 * The Reply dialog's submits: Send (with where the text came from), Preview, a saved reply from the list or the
 * next-best buttons, "Draft with AI", "Check AI draft" and "Use this draft". Returns the dialog to show next, or
 * null to close it.
 */
export async function replyDialogSubmit(deps: TTeamsDeps, data: TData, actorId: string, view: (caseId: string) => Promise<TCaseView>): Promise<TDialog | null> {
  const caseId = str(data, 'caseId');
  const intent = str(data, 'intent');
  const typed = str(data, REPLY_DIALOG.text);
  const memo = memoOf(data);
  if (intent === 'send') {
    const origin = replyOrigin(str(data, 'saved') || null, memo);
    await replyToCase(deps, { caseId, actorId, text: typed, ...(origin && { origin }) });
    return null;
  }
  const v = await view(caseId);
  const acting = roleFor(deps.orgChart, actorId, v.team.id);
  const agentName = acting?.member.name ?? '';
  const render = async (text: string, o: { saved?: string | null; draft?: TDraftMemo; ai?: TAiView } = {}) => {
    const inBox = o.saved !== undefined ? o.saved : str(data, 'saved') || null;
    const { assist } = await loadAssistView(deps.assist, v, { agentName, inBox, draft: o.draft, boxText: text });
    return replyDialog({ view: v, chart: deps.orgChart, needsApproval: acting?.member.needsApproval ?? false, text, assist: o.ai ? { ...assist, ai: o.ai } : assist });
  };
  const chosenId = intent === 'template' ? str(data, REPLY_DIALOG.saved) : intent === ASSIST_INTENTS.pick ? str(data, 'pick') : '';
  if (chosenId) {
    const chosen = savedReply(deps.orgChart, chosenId);
    if (chosen) return render(fillTemplate(chosen.text, templateVars(v, agentName, deps.orgChart.organisation)), { saved: chosen.id, ...(memo && { draft: demote(memo) }) });
  }
  if (intent === ASSIST_INTENTS.ai) return startAndShow(deps, v, actorId, typed, str(data, 'saved') || null, render);
  if (intent === ASSIST_INTENTS.check && memo) {
    const state = await deps.assist.draftState(memo.id);
    return state ? show(state, v, typed, str(data, 'saved') || null, agentName, deps, render) : render(typed, { draft: memo });
  }
  if (intent === ASSIST_INTENTS.use && memo) {
    const state = await deps.assist.draftState(memo.id);
    if (state && (state.kind === 'ready' || state.kind === 'flagged')) {
      return render(state.text, { saved: null, draft: { id: state.draftId, shown: state.kind, ...(state.kind === 'flagged' && { used: true }) } });
    }
  }
  return render(typed, { ...(memo && { draft: memo }) });
}

/** The box no longer holds the AI draft once a saved reply replaces it: the draft is offered again. */
const demote = (m: TDraftMemo): TDraftMemo => ({ id: m.id, shown: m.shown === 'ready' ? 'offered' : m.shown });

type TRender = (text: string, o?: { saved?: string | null; draft?: TDraftMemo; ai?: TAiView }) => Promise<TDialog>;

async function startAndShow(deps: TTeamsDeps, v: TCaseView, actorId: string, typed: string, saved: string | null, render: TRender): Promise<TDialog> {
  let handle;
  try {
    handle = await deps.assist.draft({ subject: v, actorId, surface: 'teams' });
  } catch (err) {
    const e = toAppError(err);
    const reason = userMessage(err, deps.log, { intent: 'ai', caseId: v.id }).replace(/^\S+ /, '');
    return render(typed, { ai: e.details.aiOff ? { kind: 'unavailable', reason: e.message } : { kind: 'failed', reason, kept: typed.trim() ? 'what you typed' : 'nothing' } });
  }
  const quick = await Promise.race([handle.done, new Promise<null>((r) => setTimeout(() => r(null), TEAMS_DRAFT_WAIT_MS).unref())]);
  const state: TDraftState = quick ?? { kind: 'running', draftId: handle.draftId, partial: '' };
  return show(state, v, typed, saved, '', deps, render);
}

/** A draft's state in the dialog: a clean draft replaces the box only if it still holds the untouched saved reply. */
async function show(state: TDraftState, v: TCaseView, typed: string, saved: string | null, agentName: string, deps: TTeamsDeps, render: TRender): Promise<TDialog> {
  if (state.kind === 'running') return render(typed, { draft: { id: state.draftId, shown: 'running' } });
  if (state.kind === 'failed') {
    const { suggestions } = await loadAssistView(deps.assist, v, { agentName, inBox: saved, boxText: typed });
    if (!typed.trim() && suggestions.best) return render(suggestions.best.text, { saved: suggestions.best.id, draft: { id: state.draftId, shown: 'failed' } });
    return render(typed, { draft: { id: state.draftId, shown: 'failed' } });
  }
  const untouched = !typed.trim() || (saved !== null && typed.trim() === savedText(deps, v, saved, agentName)?.trim());
  return readyOrFlagged(state, untouched, typed, render);
}

function readyOrFlagged(o: Exclude<TDraftOutcome, { kind: 'failed' }>, untouched: boolean, typed: string, render: TRender): Promise<TDialog> {
  if (o.kind === 'flagged') return render(typed, { draft: { id: o.draftId, shown: 'flagged' } });
  return untouched ? render(o.text, { saved: null, draft: { id: o.draftId, shown: 'ready' } }) : render(typed, { draft: { id: o.draftId, shown: 'offered' } });
}

function savedText(deps: TTeamsDeps, v: TCaseView, id: string, agentName: string): string | null {
  const r = savedReply(deps.orgChart, id);
  return r ? fillTemplate(r.text, templateVars(v, agentName, deps.orgChart.organisation)) : null;
}
