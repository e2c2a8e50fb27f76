import { adaptiveCard, cardAttachment, type TAction, type TElement } from './adaptive-card.js';
import { escapeCardMarkdown, textBlock } from './card-text.js';

/** A Teams dialog (task module) as `task/fetch` and `task/submit` return it. */
export interface TDialog {
  title: string;
  width: 'small' | 'medium' | 'large';
  height: 'small' | 'medium' | 'large';
  card: ReturnType<typeof cardAttachment>;
}

export function dialog(title: string, body: TElement[], actions: TAction[], size: 'small' | 'medium' | 'large' = 'medium'): TDialog {
  return { title, width: size, height: size, card: cardAttachment(adaptiveCard(body, { actions })) };
}

/** A submit button inside a dialog; `intent` tells one button of the same dialog from another. */
export const submit = (title: string, verb: string, data: Record<string, unknown>, intent = 'send', style?: 'positive' | 'destructive'): TAction => ({
  type: 'Action.Submit',
  title,
  data: { verb, intent, ...data },
  ...(style && { style }),
});

/** The refusal shown at the top of a dialog that stays open with what was typed. */
export const errorBlock = (message: string | undefined): TElement[] =>
  message ? [{ type: 'Container', style: 'attention', items: [textBlock(`⚠️ ${escapeCardMarkdown(message)}`, { color: 'Attention', weight: 'Bolder' })] }] : [];

export const textInput = (id: string, label: string, opts: { value?: string; multiline?: boolean; max?: number; required?: boolean; placeholder?: string } = {}): TElement => ({
  type: 'Input.Text',
  id,
  label,
  isMultiline: opts.multiline ?? true,
  maxLength: opts.max ?? 3000,
  ...(opts.value && { value: opts.value.slice(0, opts.max ?? 3000) }),
  ...(opts.required && { isRequired: true, errorMessage: `${label} is required.` }),
  ...(opts.placeholder && { placeholder: opts.placeholder }),
});

export const choiceInput = (id: string, label: string, choices: { title: string; value: string }[], opts: { value?: string; expanded?: boolean; required?: boolean } = {}): TElement => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  style: opts.expanded ? 'expanded' : 'compact',
  choices: choices.map((c) => ({ title: c.title.slice(0, 75), value: c.value })),
  ...(opts.value && { value: opts.value }),
  ...(opts.required && { isRequired: true, errorMessage: `${label} is required.` }),
});
