import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { reviewReply } from '../../../cases/index.js';
import { AppError } from '../../../errors.js';
import { loadCaseView } from '../../views/case-view.js';
import { APPROVAL_ACTIONS } from '../blocks/approval-message.js';
import { replyModal } from '../blocks/reply-modal.js';
import { rejectModal } from '../blocks/small-modals.js';
import { memberIdForSlackUser, userMessage, type TSlackDeps } from '../slack-deps.js';
import { tellClicker } from './case-buttons.js';
import { memberName, roleFor } from '../../../config/org-chart-queries.js';

/** Approve sends at once; Edit and Reject open a dialog first. Only approvers get past the first check. */
export function registerApprovalButtons(app: App, deps: TSlackDeps): void {
  app.action<BlockAction<ButtonAction>>(APPROVAL_ACTIONS.approve, async ({ ack, body, client, action }) => {
    await ack();
    try {
      await reviewReply(deps, { replyId: action.value ?? '', actorId: memberIdForSlackUser(deps.orgChart, body.user.id), review: { verdict: 'approve' } });
    } catch (err) {
      await tellClicker(client, body, userMessage(err, deps.log, { action: 'approve' }, deps.orgChart));
    }
  });

  const openDialog = (actionId: string, build: (replyId: string, caseId: string) => Promise<import('@slack/bolt').types.View>) => {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, action }) => {
      await ack();
      try {
        const actorId = memberIdForSlackUser(deps.orgChart, body.user.id);
        const reply = await deps.db.reply.findUnique({ where: { id: action.value ?? '' }, include: { case: { select: { team: true } } } });
        if (!reply) throw new AppError('NOT_FOUND', 'This reply no longer exists.');
        if (roleFor(deps.orgChart, actorId, reply.case.team)?.role !== 'approver') throw new AppError('FORBIDDEN', 'Only approvers can approve, edit or reject replies.');
        if (reply.status !== 'pending_approval') {
          const by = reply.approvedBy ? ` by ${memberName(deps.orgChart, reply.approvedBy)}` : '';
          throw new AppError('CONFLICT', `This reply was already ${reply.status === 'rejected' ? 'sent back' : 'approved'}${by}.`, { ...(reply.approvedBy && { person: reply.approvedBy }) });
        }
        await client.views.open({ trigger_id: body.trigger_id, view: await build(reply.id, reply.caseId) });
      } catch (err) {
        await tellClicker(client, body, userMessage(err, deps.log, { action: actionId }, deps.orgChart));
      }
    });
  };

  openDialog(APPROVAL_ACTIONS.edit, async (replyId, caseId) => {
    const view = await loadCaseView(deps.db, deps.orgChart, caseId, deps.now());
    const reply = await deps.db.reply.findUniqueOrThrow({ where: { id: replyId } });
    return replyModal({ view, chart: deps.orgChart, needsApproval: false, text: reply.text, mode: { kind: 'edit', replyId } });
  });
  openDialog(APPROVAL_ACTIONS.reject, async (replyId) => rejectModal(replyId));
}
