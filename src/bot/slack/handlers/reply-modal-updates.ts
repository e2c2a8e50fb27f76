import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { roleFor } from '../../../config/org-chart-queries.js';
import { toAppError } from '../../../errors.js';
import { loadCaseView } from '../../views/case-view.js';
import { loadAssistView, type TDraftMemo } from '../../views/load-assist-view.js';
import type { TAiView, TAssistView } from '../../views/reply-assist-view.js';
import { fillTemplate, savedReply, templateVars } from '../../views/saved-replies.js';
import { REPLY_VIEW, replyModal, type TReplyModalMeta } from '../blocks/reply-modal.js';
import { createViewsLimiter, modalStream } from '../modal-stream.js';
import { memberIdForSlackUser, userMessage } from '../slack-deps.js';
import type { TSlackDeps } from '../slack-deps.js';
import { metadata, textOf } from '../view-state.js';

type TView = NonNullable<BlockAction['view']>;

/**
 * Keeps the Reply dialog live: a saved reply chosen from the list or one of the next-best buttons fills the text
 * (placeholders resolved), typing refreshes the preview and the count, and "Draft with AI" streams a draft into
 * the dialog. `hash` makes Slack drop an update that raced a newer one.
 */
export function registerReplyModalUpdates(app: App, deps: TSlackDeps): void {
  const limiter = createViewsLimiter();

  /** Everything a render needs, read again each time: the case, who is acting, suggestions and the draft's state. */
  const load = async (view: TView, slackUser: string, over: { saved?: string | null; draft?: TDraftMemo | null } = {}) => {
    const meta = metadata<TReplyModalMeta>(view);
    const caseView = await loadCaseView(deps.db, deps.orgChart, meta.caseId ?? '', deps.now());
    const actorId = memberIdForSlackUser(deps.orgChart, slackUser);
    const acting = roleFor(deps.orgChart, actorId, caseView.team.id);
    const boxText = textOf(view, REPLY_VIEW.textBlock, REPLY_VIEW.textAction);
    const draft = over.draft === null ? undefined : (over.draft ?? meta.draft);
    const inBox = over.saved !== undefined ? over.saved : meta.saved;
    const editing = meta.replyId ? { kind: 'edit' as const, replyId: meta.replyId } : undefined;
    const { assist, suggestions } = editing
      ? { assist: undefined, suggestions: undefined }
      : await loadAssistView(deps.assist, caseView, { agentName: acting?.member.name ?? '', ...(inBox !== undefined && { inBox }), draft, boxText });
    const render = (text: string, revision: number, a: TAssistView | undefined = assist) =>
      replyModal({ view: caseView, chart: deps.orgChart, needsApproval: acting?.member.needsApproval ?? false, text, revision, ...(a && { assist: a }), ...(editing && { mode: editing }) });
    return { meta, caseView, actorId, acting, boxText, assist, suggestions, render, revision: meta.revision ?? 0 };
  };

  const fillSaved = async (body: BlockAction, client: WebClient, id: string) => {
    const view = body.view!;
    const chosen = savedReply(deps.orgChart, id);
    if (!chosen) return;
    const memo = metadata<TReplyModalMeta>(view).draft;
    // The box no longer holds the AI draft: it is offered again rather than claimed as the text's origin.
    const draft = memo ? { id: memo.id, shown: memo.shown === 'ready' ? ('offered' as const) : memo.shown } : undefined;
    const base = await load(view, body.user.id, { saved: id, ...(draft && { draft }) });
    const text = fillTemplate(chosen.text, templateVars(base.caseView, base.acting?.member.name ?? '', deps.orgChart.organisation));
    // A new revision gives the text input a new block_id, so Slack shows the chosen text instead of the typed one.
    await client.views.update({ view_id: view.id, hash: view.hash, view: base.render(text, base.revision + 1) });
  };

  const quietly = (what: Promise<unknown>) => what.catch((err: unknown) => deps.log.warn('reply dialog refresh failed', { error: String(err) }));

  app.action<BlockAction<StaticSelectAction>>(REPLY_VIEW.savedAction, async ({ ack, body, client, action }) => {
    await ack();
    await quietly(fillSaved(body, client, action.selected_option.value));
  });
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${REPLY_VIEW.pickAction.replace(/\./g, '\\.')}:\\d+$`), async ({ ack, body, client, action }) => {
    await ack();
    await quietly(fillSaved(body, client, action.value ?? ''));
  });
  app.action<BlockAction>(REPLY_VIEW.textAction, async ({ ack, body, client }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    await quietly(load(view, body.user.id).then((b) => client.views.update({ view_id: view.id, hash: view.hash, view: b.render(b.boxText, b.revision) })));
  });

  app.action<BlockAction<ButtonAction>>(REPLY_VIEW.aiAction, async ({ ack, body, client }) => {
    await ack();
    if (!body.view) return;
    await streamDraft(body, client).catch((err: unknown) => deps.log.error('reply dialog: AI draft failed', { error: String(err) }));
  });

  /** "Use this draft" / "Use it anyway": the draft goes into the box, and a flagged one keeps its warning. */
  app.action<BlockAction<ButtonAction>>(REPLY_VIEW.aiUseAction, async ({ ack, body, client, action }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    await quietly(
      (async () => {
        const state = await deps.assist.draftState(action.value ?? '');
        if (!state || (state.kind !== 'ready' && state.kind !== 'flagged')) return;
        const memo: TDraftMemo = { id: state.draftId, shown: state.kind === 'flagged' ? 'flagged' : 'ready', ...(state.kind === 'flagged' && { used: true }) };
        const b = await load(view, body.user.id, { saved: null, draft: memo });
        await client.views.update({ view_id: view.id, hash: view.hash, view: b.render(state.text, b.revision + 1) });
      })(),
    );
  });

  /**
   * Streams a draft into the open dialog: "Drafting…" at once, the text so far at most once a second (within the
   * shared views.update budget), then the outcome. A clean draft goes into the box unless the person typed
   * meanwhile (then it is offered); a flagged one is shown with its reasons beside the untouched box; a failure
   * says why and the box keeps the saved reply.
   */
  async function streamDraft(body: BlockAction, client: WebClient): Promise<void> {
    const view = body.view!;
    const b = await load(view, body.user.id, { draft: null });
    const stream = modalStream({ client, viewId: view.id, hash: view.hash, limiter, log: deps.log });
    const withAi = (ai: TAiView): TAssistView => ({ ...b.assist!, ai });
    let draftId = '';
    let handle;
    try {
      handle = await deps.assist.draft({ subject: b.caseView, actorId: b.actorId, surface: 'slack', onProgress: (partial) => stream.push(b.render(b.boxText, b.revision, withAi({ kind: 'running', draftId, partial }))) });
    } catch (err) {
      const e = toAppError(err);
      const ai: TAiView = e.details.aiOff ? { kind: 'unavailable', reason: e.message } : { kind: 'failed', reason: userMessage(err, deps.log, { action: 'reply.ai' }).replace(/^:\w+: /, ''), kept: keptPhrase(b.assist!, b.boxText) };
      await stream.final(b.render(b.boxText, b.revision, withAi(ai)));
      return;
    }
    draftId = handle.draftId;
    stream.push(b.render(b.boxText, b.revision, withAi({ kind: 'running', draftId, partial: '' })));
    const outcome = await handle.done;
    const assist = (await load(view, body.user.id, { draft: { id: draftId, shown: outcome.kind === 'ready' && stream.conflicted ? 'offered' : outcome.kind } })).assist!;
    if (outcome.kind === 'ready' && !stream.conflicted) {
      await stream.final(b.render(outcome.text, b.revision + 1, { ...assist, prefilled: null }));
    } else if (outcome.kind === 'failed' && !b.boxText.trim() && b.suggestions?.best) {
      await stream.final(b.render(b.suggestions.best.text, b.revision + 1, { ...assist, ai: { kind: 'failed', reason: outcome.reason, kept: `the saved reply “${b.suggestions.best.title}”` } }));
    } else {
      await stream.final(b.render(b.boxText, b.revision, assist));
    }
  }
}

function keptPhrase(a: TAssistView, boxText: string): string {
  return a.prefilled ? `the saved reply “${a.prefilled.title}”` : boxText.trim() ? 'what you typed' : 'nothing';
}
