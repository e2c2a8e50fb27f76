import type { TApprovalState } from '../../views/approval-view.js';
import type { TCaseView, TPersonRef } from '../../views/case-view.js';
import { adaptiveCard, CARD_LIMITS, Mentions, type TAdaptiveCard } from './adaptive-card.js';
import { escapeCardMarkdown, quoteBlock, textBlock } from './card-text.js';
import { execute, openDialog } from './case-card.js';

export const APPROVAL_VERBS = { approve: 'reply.approve', edit: 'reply.edit', reject: 'reply.reject' } as const;

/**
 * The approval request: the draft exactly as it would be posted (literal text), for approvers to approve,
 * edit or send back. Re-rendered when decided, so the buttons disappear and everyone sees who decided.
 */
export function approvalCard(v: TCaseView, r: TApprovalState, approvers: TPersonRef[]): TAdaptiveCard {
  const mentions = new Mentions();
  const pending = r.status === 'pending_approval';
  const asks = pending ? `${approvers.length ? approvers.map((p) => mentions.who(p, escapeCardMarkdown)).join(' ') : 'Approvers'}: ` : '';
  const head = `☑️ ${asks}**${escapeCardMarkdown(r.author.name)}** wants to reply on ${escapeCardMarkdown(v.platformName)} to **@${escapeCardMarkdown(v.author.handle.replace(/^@/, ''))}**`;
  const body = [textBlock(head), quoteBlock(r.text, CARD_LIMITS.postText)];
  if (!pending) {
    const verdict = r.status === 'rejected' ? '↩️ Sent back' : '✅ Approved';
    body.push(textBlock(`${verdict}${r.reviewer ? ` by **${escapeCardMarkdown(r.reviewer.name)}**` : ''}`, { isSubtle: true }));
  }
  const data = { replyId: r.replyId, caseId: v.id };
  const actions = pending
    ? [execute('Approve', APPROVAL_VERBS.approve, data, 'positive'), openDialog('Edit', APPROVAL_VERBS.edit, data), openDialog('Reject', APPROVAL_VERBS.reject, data)]
    : [];
  return adaptiveCard(body, { actions, mentions: mentions.entities });
}

export const approvalSummary = (v: TCaseView, r: TApprovalState) => `${r.author.name} wants to reply to @${v.author.handle.replace(/^@/, '')}: approval needed`;
