import type { TOrgChart } from '../../../config/org-chart-schema.js';
import type { TCorrectionField } from '../../views/correction-view.js';
import type { TEventLine } from '../../views/event-line.js';
import type { TElement } from './adaptive-card.js';
import { cardDate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';
import { CASE_VERBS } from './case-card.js';
import { APPROVAL_VERBS } from './approval-card.js';
import { choiceInput, dialog, errorBlock, submit, textInput, type TDialog } from './dialog.js';

type TValues = Record<string, string>;

export function reassignDialog(chart: TOrgChart, caseId: string, currentTeam: string, values: TValues = {}, error?: string): TDialog {
  const teams = chart.teams.filter((t) => t.id !== currentTeam).map((t) => ({ title: t.name, value: t.id }));
  return dialog(
    'Reassign case',
    [...errorBlock(error), choiceInput('team', 'New team', teams, { required: true, ...(values.team && { value: values.team }) }), textInput('reason', 'Why (the new team sees this)', { value: values.reason ?? '' })],
    [submit('Reassign', CASE_VERBS.reassign, { caseId })],
    'small',
  );
}

/** "Correct triage…": every field triage set, current values (or what was just submitted) pre-selected. */
export function correctTriageDialog(caseId: string, fields: readonly TCorrectionField[], values: TValues = {}, error?: string): TDialog {
  return dialog(
    'Correct triage',
    [
      ...errorBlock(error),
      textBlock('What should triage have said? Your answer is recorded in the case history and teaches the next model.', { size: 'Small' }),
      ...fields.map((f) => choiceInput(f.id, f.label, f.options.map((o) => ({ title: o.label, value: o.value })), { required: true, value: values[f.id] ?? f.current })),
    ],
    [submit('Save', CASE_VERBS.correct, { caseId })],
    'small',
  );
}

export function escalateDialog(caseId: string, values: TValues = {}, error?: string): TDialog {
  return dialog(
    'Escalate case',
    [...errorBlock(error), textBlock('The team’s managers are notified and the priority goes up one step.', { size: 'Small' }), textInput('reason', 'Reason', { value: values.reason ?? '' })],
    [submit('Escalate', CASE_VERBS.escalate, { caseId }, 'send', 'destructive')],
    'small',
  );
}

export function rejectDialog(replyId: string, caseId: string, values: TValues = {}, error?: string): TDialog {
  return dialog('Send reply back', [...errorBlock(error), textInput('reason', 'What should change?', { value: values.reason ?? '' })], [submit('Send back', APPROVAL_VERBS.reject, { replyId, caseId })], 'small');
}
