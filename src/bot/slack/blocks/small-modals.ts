import type { types } from '@slack/bolt';
import type { TOrgChart } from '../../../config/org-chart-schema.js';
import type { TCorrectionField } from '../../views/correction-view.js';
import type { TEventLine } from '../../views/event-line.js';
import { escapeMrkdwn, link, plain, quote, slackDate } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

const modal = (callbackId: string, title: string, submit: string | null, meta: object, blocks: TBlock[]): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  private_metadata: JSON.stringify(meta),
  title: { type: 'plain_text', text: plain(title, LIMITS.modalTitle) },
  ...(submit && { submit: { type: 'plain_text' as const, text: plain(submit, LIMITS.modalTitle) } }),
  close: { type: 'plain_text', text: submit ? 'Cancel' : 'Close' },
  blocks,
});

const reasonInput = (label: string, optional: boolean): TBlock => ({
  type: 'input',
  block_id: 'reason',
  optional,
  label: { type: 'plain_text', text: label },
  element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 2000 },
});

export function reassignModal(chart: TOrgChart, caseId: string, currentTeam: string): types.ModalView {
  const teams = chart.teams.filter((t) => t.id !== currentTeam);
  return modal('case.reassign.submit', 'Reassign case', 'Reassign', { caseId }, [
    {
      type: 'input',
      block_id: 'team',
      label: { type: 'plain_text', text: 'New team' },
      element: { type: 'static_select', action_id: 'team', options: teams.slice(0, 100).map((t) => ({ text: { type: 'plain_text', text: plain(t.name, 75) }, value: t.id })) },
    },
    reasonInput('Why (the new team sees this)', true),
  ]);
}

/** "Correct triage…": every field triage set, current values pre-selected. */
export function correctTriageModal(caseId: string, fields: readonly TCorrectionField[]): types.ModalView {
  const option = (o: { value: string; label: string }) => ({ text: { type: 'plain_text' as const, text: plain(o.label, 75) }, value: o.value });
  return modal('case.correct.submit', 'Correct triage', 'Save', { caseId }, [
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'What should triage have said? Your answer is recorded in the case history and teaches the next model.' }] },
    ...fields.map((f): TBlock => {
      const current = f.options.find((o) => o.value === f.current);
      return {
        type: 'input',
        block_id: `correct_${f.id}`,
        label: { type: 'plain_text', text: f.label },
        element: { type: 'static_select', action_id: f.id, options: f.options.slice(0, 100).map(option), ...(current && { initial_option: option(current) }) },
      };
    }),
  ]);
}

export function escalateModal(caseId: string): types.ModalView {
  return modal('case.escalate.submit', 'Escalate case', 'Escalate', { caseId }, [
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'The team’s managers are notified and the priority goes up one step.' }] },
    reasonInput('Reason', false),
  ]);
}

export function rejectModal(replyId: string): types.ModalView {
  return modal('reply.reject.submit', 'Send reply back', 'Send back', { replyId }, [reasonInput('What should change?', true)]);
}

/** The audit trail, newest last, within a modal's 100 blocks. */
export function historyModal(caseId: string, lines: TEventLine[]): types.ModalView {
  const max = LIMITS.modalBlocks - 1;
  const shown = lines.slice(-max);
  const blocks: TBlock[] = [];
  if (lines.length > shown.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${lines.length - shown.length} earlier events are not shown.` }] });
  for (const l of shown) {
    let text = `${slackDate(l.at)} · *${escapeMrkdwn(l.actor.name)}* ${escapeMrkdwn(l.summary.slice(0, 1000))}`;
    if (l.url) text += ` · ${link(l.url, 'view')}`;
    if (l.quote) text += `\n${quote(l.quote, LIMITS.sectionText - text.length - 1)}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  if (!blocks.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'No events yet.' } });
  return modal('case.history', 'Case history', null, { caseId }, blocks);
}
