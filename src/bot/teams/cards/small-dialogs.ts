import type { TOrgChart } from '../../../config/org-chart-schema.js';
import { textBlock } from './card-text.js';
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
