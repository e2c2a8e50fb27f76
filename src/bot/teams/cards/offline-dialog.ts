import type { TCaseView } from '../../views/case-view.js';
import { prefillLine, type TAssistView } from '../../views/reply-assist-view.js';
import type { TElement } from './adaptive-card.js';
import { escapeCardMarkdown, textBlock } from './card-text.js';
import { useLabel } from './reply-assist-card.js';
import { choiceInput, dialog, errorBlock, submit, textInput, type TDialog } from './dialog.js';

export const OFFLINE_DIALOG = { verb: 'case.offline' } as const;

export interface TOfflineDialogInput {
  view: TCaseView;
  /** Null when the platform can send a private message; else the sentence saying why it cannot. */
  privateUnsupported: string | null;
  acknowledgement: string;
  /** Wall-clock date (YYYY-MM-DD) and time (HH:MM) of the default due time, in `timezone`. */
  due: { date: string; time: string };
  timezone: string;
  values?: Record<string, string>;
  error?: string;
  /** Ranked saved replies for the acknowledgement: the one in the box and the next two. */
  assist?: TAssistView;
}

/**
 * "Respond publicly, then take it offline": how to follow up, the public acknowledgement (sent in-media like
 * any reply) and when the follow-up is due. The DM option only appears where the platform has one.
 */
export function offlineDialog(i: TOfflineDialogInput): TDialog {
  const val = i.values ?? {};
  const channels = [
    ...(i.privateUnsupported ? [] : [{ value: 'dm', title: `Private message on ${i.view.platformName}` }]),
    { value: 'email', title: 'Email' },
    { value: 'phone', title: 'Phone' },
  ];
  const body: TElement[] = [...errorBlock(i.error), choiceInput('channel', 'Follow up by', channels, { expanded: true, required: true, value: val.channel ?? channels[0]!.value })];
  if (i.privateUnsupported) body.push(textBlock(`ℹ️ ${escapeCardMarkdown(i.privateUnsupported)}`, { size: 'Small', isSubtle: true }));
  const data = { caseId: i.view.id, tz: i.timezone, saved: i.assist?.prefilled?.id ?? '' };
  const line = i.assist && prefillLine(i.assist);
  if (line) body.push(textBlock(`🔖 ${escapeCardMarkdown(line)}`, { size: 'Small', isSubtle: true }));
  if (i.assist?.next.length) body.push({ type: 'ActionSet', actions: i.assist.next.map((n) => submit(useLabel(n.title), OFFLINE_DIALOG.verb, { ...data, pick: n.id }, 'pick')) });
  body.push(
    textInput('ack', 'Public acknowledgement', { value: val.ack ?? i.acknowledgement }),
    textBlock(`Posted on ${escapeCardMarkdown(i.view.platformName)} under the customer's post, so onlookers see you answered. Leave empty to skip.`, { size: 'Small', isSubtle: true, spacing: 'None' }),
  );
  if (!i.privateUnsupported) {
    body.push(textInput('private', 'Private message', { value: val.private ?? '' }), textBlock('Sent only if you follow up by private message.', { size: 'Small', isSubtle: true, spacing: 'None' }));
  }
  body.push(
    { type: 'Input.Date', id: 'dueDate', label: `Follow-up due date (${i.timezone})`, value: val.dueDate ?? i.due.date, isRequired: true, errorMessage: 'Choose the day the follow-up is due.' },
    // Every required input has a label: screen readers announce it, and Teams shows the required mark beside it.
    { type: 'Input.Time', id: 'dueTime', label: `Follow-up due time (${i.timezone})`, value: val.dueTime ?? i.due.time, isRequired: true, errorMessage: 'Choose the time the follow-up is due.' },
    textInput('note', 'Internal note', { value: val.note ?? '' }),
  );
  return dialog('Move offline', body, [submit('Move offline', OFFLINE_DIALOG.verb, data, 'send', 'positive')], 'large');
}
