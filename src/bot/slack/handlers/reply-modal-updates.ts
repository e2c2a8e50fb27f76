import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { roleFor } from '../../../config/org-chart-queries.js';
import { loadCaseView } from '../../views/case-view.js';
import { fillTemplate, savedReply, templateVars } from '../../views/saved-replies.js';
import { REPLY_VIEW, replyModal } from '../blocks/reply-modal.js';
import { memberIdForSlackUser } from '../slack-deps.js';
import type { TSlackDeps } from '../slack-deps.js';
import { metadata, textOf } from '../view-state.js';

/**
 * Keeps the Reply dialog live: choosing a saved reply fills the text (placeholders resolved), and typing
 * refreshes the preview and the count against the platform's limit. `hash` makes Slack drop an update that
 * raced a newer one.
 */
export function registerReplyModalUpdates(app: App, deps: TSlackDeps): void {
  const refresh = async (body: BlockAction, client: import('@slack/web-api').WebClient, choose?: string) => {
    const view = body.view;
    if (!view) return;
    const meta = metadata<{ caseId: string; revision: number; replyId: string }>(view);
    const caseView = await loadCaseView(deps.db, deps.orgChart, meta.caseId ?? '', deps.now());
    const actorId = memberIdForSlackUser(deps.orgChart, body.user.id);
    const acting = roleFor(deps.orgChart, actorId, caseView.team.id);
    let text = textOf(view, REPLY_VIEW.textBlock, REPLY_VIEW.textAction);
    let revision = meta.revision ?? 0;
    const chosen = choose ? savedReply(deps.orgChart, choose) : undefined;
    if (chosen) {
      text = fillTemplate(chosen.text, templateVars(caseView, acting?.member.name ?? ''));
      revision += 1;
    }
    const modal = replyModal({
      view: caseView,
      chart: deps.orgChart,
      needsApproval: acting?.member.needsApproval ?? false,
      text,
      revision,
      ...(meta.replyId && { mode: { kind: 'edit' as const, replyId: meta.replyId } }),
    });
    await client.views.update({ view_id: view.id, hash: view.hash, view: modal });
  };

  app.action<BlockAction<StaticSelectAction>>(REPLY_VIEW.savedAction, async ({ ack, body, client, action }) => {
    await ack();
    await refresh(body, client, action.selected_option.value).catch((err: unknown) => deps.log.warn('reply dialog refresh failed', { error: String(err) }));
  });
  app.action<BlockAction>(REPLY_VIEW.textAction, async ({ ack, body, client }) => {
    await ack();
    await refresh(body, client).catch((err: unknown) => deps.log.warn('reply dialog refresh failed', { error: String(err) }));
  });
}
