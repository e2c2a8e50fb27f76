import type { TChatNotice } from '../../../outbox/outbox-kinds.js';
import type { TCaseView, TPersonRef } from '../../views/case-view.js';
import { escapeAndTruncate, slackDate, who } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

type TAlert = Extract<TChatNotice, { kind: 'escalation.notify' | 'sla.alert' | 'followup.remind' }>;

/**
 * Alerts posted in a card's thread. They mention exactly the people who must act: the owner for SLA warnings
 * and reminders, the managers for escalations and breaches nobody picked up.
 */
export function noticeMessage(n: TAlert, v: TCaseView, managers: TPersonRef[], owner: TPersonRef | null): { text: string; blocks: TBlock[] } {
  const managersText = managers.length ? managers.map(who).join(' ') : 'Managers';
  const ownerText = owner ? who(owner) : '*Nobody has claimed it yet.*';
  let text: string;
  switch (n.kind) {
    case 'escalation.notify':
      text = `:rotating_light: ${managersText}: this case was escalated.\n>${escapeAndTruncate(n.reason, 2000)}`;
      break;
    case 'sla.alert':
      text =
        n.stage === 'warning'
          ? `:hourglass: ${ownerText} The response target is ${v.slaDueAt ? slackDate(v.slaDueAt, '{time}') : 'close'}; the customer is still waiting.`
          : n.stage === 'breached'
            ? `:alarm_clock: ${ownerText} The response target passed${v.slaDueAt ? ` at ${slackDate(v.slaDueAt, '{time}')}` : ''} without a reply.`
            : `:rotating_light: ${managersText}: still no reply long after the response target; escalated to you.`;
      break;
    case 'followup.remind':
      text = `:telephone_receiver: ${ownerText} The offline follow-up ${new Date(n.dueAt) <= new Date() ? 'was due' : 'is due'} ${slackDate(new Date(n.dueAt))}. Resolve the case once it is done.`;
      break;
  }
  return { text: text.replace(/<[^>]*>/g, '').slice(0, 200), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, LIMITS.sectionText) } }] };
}
