import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { roleFor } from '../../../config/org-chart-queries.js';
import { loadCaseView } from '../../views/case-view.js';
import { loadAssistView } from '../../views/load-assist-view.js';
import { OFFLINE_VIEW, offlineModal } from '../blocks/offline-modal.js';
import { memberIdForSlackUser, type TSlackDeps } from '../slack-deps.js';
import { metadata } from '../view-state.js';

/**
 * Move offline's next-best acknowledgements: one click puts that saved reply (placeholders resolved) in the
 * acknowledgement box. The other inputs keep what was typed, since their block_ids do not change.
 */
export function registerOfflineModalUpdates(app: App, deps: TSlackDeps): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${OFFLINE_VIEW.pickAction.replace(/\./g, '\\.')}:\\d+$`), async ({ ack, body, client, action }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    try {
      const meta = metadata<{ caseId: string; revision: number }>(view);
      const caseView = await loadCaseView(deps.db, deps.orgChart, meta.caseId ?? '', deps.now());
      const agent = roleFor(deps.orgChart, memberIdForSlackUser(deps.orgChart, body.user.id), caseView.team.id)?.member.name ?? '';
      const { assist, suggestions } = await loadAssistView(deps.assist, caseView, { agentName: agent, purpose: 'offline', inBox: action.value ?? '' });
      const chosen = [suggestions.best, ...suggestions.next].find((s) => s?.id === action.value);
      if (!chosen) return;
      const modal = offlineModal({
        view: caseView,
        privateUnsupported: deps.privateUnsupported(caseView.platform),
        acknowledgement: chosen.text,
        defaultDue: new Date(deps.now().getTime() + 24 * 3600_000),
        assist,
        revision: (meta.revision ?? 0) + 1,
      });
      await client.views.update({ view_id: view.id, hash: view.hash, view: modal });
    } catch (err) {
      deps.log.warn('offline dialog refresh failed', { error: String(err) });
    }
  });
}
