import type { TApprovalState } from '../../views/approval-view.js';
import type { TPersonRef, TCaseView } from '../../views/case-view.js';
import { escapeAndTruncate, escapeMrkdwn, quote, who } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

export const APPROVAL_ACTIONS = { approve: 'reply.approve', edit: 'reply.edit', reject: 'reply.reject' } as const;

/**
 * The approval request: the draft exactly as it would be posted, for approvers to approve, edit or send back.
 * Re-rendered when decided, so the buttons disappear and everyone sees who decided.
 */
export function approvalMessage(v: TCaseView, r: TApprovalState, approvers: TPersonRef[]): { text: string; blocks: TBlock[] } {
  const asks = approvers.length ? approvers.map(who).join(' ') : 'Approvers';
  const head = `:ballot_box_with_check: ${r.status === 'pending_approval' ? `${asks}: ` : ''}*${escapeMrkdwn(r.author.name)}* wants to reply on ${escapeMrkdwn(v.platformName)} to *@${escapeMrkdwn(v.author.handle.replace(/^@/, ''))}*`;
  const blocks: TBlock[] = [
    { type: 'section', block_id: `approval:${r.replyId}:head`, text: { type: 'mrkdwn', text: head } },
    { type: 'section', block_id: `approval:${r.replyId}:text`, text: { type: 'mrkdwn', text: quote(r.text, LIMITS.sectionText) } },
  ];
  if (r.status === 'pending_approval') {
    const btn = (text: string, id: string, style?: 'primary' | 'danger') => ({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text },
      action_id: id,
      value: r.replyId,
      ...(style && { style }),
    });
    blocks.push({
      type: 'actions',
      block_id: `approval:${r.replyId}:actions`,
      elements: [btn('Approve', APPROVAL_ACTIONS.approve, 'primary'), btn('Edit', APPROVAL_ACTIONS.edit), btn('Reject', APPROVAL_ACTIONS.reject, 'danger')],
    });
  } else {
    const verdict = r.status === 'rejected' ? ':leftwards_arrow_with_hook: Sent back' : ':white_check_mark: Approved';
    blocks.push({ type: 'context', block_id: `approval:${r.replyId}:verdict`, elements: [{ type: 'mrkdwn', text: `${verdict}${r.reviewer ? ` by *${escapeMrkdwn(r.reviewer.name)}*` : ''}` }] });
  }
  // The top-level text is the notification and is parsed as mrkdwn (and this message is broadcast): escape it too.
  return { text: escapeAndTruncate(`${r.author.name} wants to reply to @${v.author.handle.replace(/^@/, '')}: approval needed`, LIMITS.fallbackText), blocks };
}
