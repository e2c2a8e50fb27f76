import type { TOrgChart } from '../../../config/org-chart-schema.js';
import { measureText } from '../../../connectors/text-limits.js';
import { authorHistoryLine, type TCaseView } from '../../views/case-view.js';
import type { TAssistView } from '../../views/reply-assist-view.js';
import { assistElements } from './reply-assist-card.js';
import type { TElement } from './adaptive-card.js';
import { escapeCardMarkdown, literalBlock, quoteBlock, textBlock } from './card-text.js';
import { choiceInput, dialog, errorBlock, submit, textInput, type TDialog } from './dialog.js';

export const REPLY_DIALOG = { verb: 'case.reply', editVerb: 'reply.edit', text: 'text', saved: 'saved' } as const;

export interface TReplyDialogInput {
  view: TCaseView;
  chart: TOrgChart;
  needsApproval: boolean;
  /** Text to start from: a filled saved reply, or what the person already typed. */
  text: string;
  /** What the approver sends back on Edit: same dialog, different verb and label. */
  mode?: { kind: 'reply' } | { kind: 'edit'; replyId: string };
  error?: string;
  /** Ranked saved replies and the AI draft's state; absent in the approver's Edit dialog. */
  assist?: TAssistView;
}

/**
 * The Reply dialog: the post, the author in brief, saved replies, the platform's limit and a preview. Teams
 * dialogs cannot react to typing, so "Preview" and "Use saved reply" re-render the dialog with the text kept.
 */
export function replyDialog(i: TReplyDialogInput): TDialog {
  const v = i.view;
  const mode = i.mode ?? { kind: 'reply' };
  const verb = mode.kind === 'edit' ? REPLY_DIALOG.editVerb : REPLY_DIALOG.verb;
  const ai = i.assist?.ai;
  // The dialog's memory between submits: which saved reply is in the box and which AI draft it asked for.
  const data = {
    caseId: v.id,
    ...(mode.kind === 'edit' && { replyId: mode.replyId }),
    ...(i.assist && { saved: i.assist.prefilled?.id ?? '' }),
    ...(ai && 'draftId' in ai && { draftId: ai.draftId, shown: ai.kind, ...(ai.kind === 'flagged' && ai.used && { used: 'true' }) }),
  };
  const limit = `${v.platformName} allows ${v.textLimit.max.toLocaleString('en')} ${v.textLimit.unit}`;
  const body: TElement[] = [
    ...errorBlock(i.error),
    textBlock(`Replying publicly on **${escapeCardMarkdown(v.platformName)}** to **@${escapeCardMarkdown(v.author.handle.replace(/^@/, ''))}** · ${escapeCardMarkdown(authorHistoryLine(v.author))}`, { size: 'Small' }),
    quoteBlock(v.post.text, 1500),
  ];
  const actions = [];
  if (i.assist && mode.kind === 'reply') body.push(...assistElements(i.assist, verb, data));
  if (i.chart.savedReplies.length && mode.kind === 'reply') {
    body.push(choiceInput(REPLY_DIALOG.saved, 'Start from a saved reply', i.chart.savedReplies.slice(0, 100).map((r) => ({ title: r.title, value: r.id }))));
    actions.push(submit('Use saved reply', verb, data, 'template'));
  }
  body.push(
    textInput(REPLY_DIALOG.text, 'Reply', { value: i.text }),
    textBlock(`${escapeCardMarkdown(limit)}. The reply is posted in-media, under the customer's post.`, { size: 'Small', isSubtle: true, spacing: 'None' }),
    ...previewBlocks(i.text, v),
  );
  const label = mode.kind === 'edit' ? 'Approve edited reply' : i.needsApproval ? 'Submit for approval' : 'Send reply';
  actions.push(submit('Preview', verb, data, 'preview'), submit(label, verb, data, 'send', 'positive'));
  return dialog(mode.kind === 'edit' ? 'Edit reply' : `Reply on ${v.platformName}`, body, actions, 'large');
}

/** Exactly what the customer will see, with a count against the platform limit. */
export function previewBlocks(text: string, v: Pick<TCaseView, 'textLimit'>): TElement[] {
  const trimmed = text.trim();
  const used = measureText(trimmed, v.textLimit.unit as 'characters' | 'graphemes');
  const over = used > v.textLimit.max;
  const count = `${used.toLocaleString('en')} / ${v.textLimit.max.toLocaleString('en')} ${v.textLimit.unit}${over ? ` — **${(used - v.textLimit.max).toLocaleString('en')} too many**` : ''}`;
  return [
    textBlock(`**Preview** · ${count}`, { separator: true, ...(over && { color: 'Attention' }) }),
    trimmed ? { type: 'Container', style: 'emphasis', items: [literalBlock(trimmed, 10_000)] } : textBlock('_Nothing typed yet._', { isSubtle: true }),
  ];
}
