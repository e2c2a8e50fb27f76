import type { TChatNotice } from '../../../outbox/outbox-kinds.js';
import type { TCaseView, TPersonRef } from '../../views/case-view.js';
import { adaptiveCard, Mentions, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { cardDate, escapeCardMarkdown, quoteBlock, textBlock } from './card-text.js';

type TAlert = Extract<TChatNotice, { kind: 'escalation.notify' | 'sla.alert' | 'followup.remind' }>;

/**
 * Alerts posted in a card's thread. They mention exactly the people who must act: the owner for SLA warnings
 * and reminders, the managers for escalations and breaches nobody picked up.
 */
export function noticeCard(n: TAlert, v: TCaseView, managers: TPersonRef[], owner: TPersonRef | null, now: Date): { card: TAdaptiveCard; summary: string } {
  const mentions = new Mentions();
  const who = (p: TPersonRef) => mentions.who(p, escapeCardMarkdown);
  // Lazy: a mention registered but not written would notify no one and fail Teams' entity matching.
  const managersText = () => (managers.length ? managers.map(who).join(' ') : 'Managers');
  const ownerText = () => (owner ? who(owner) : '**Nobody has claimed it yet.**');
  const body: TElement[] = [];
  let summary: string;
  switch (n.kind) {
    case 'escalation.notify':
      body.push(textBlock(`🚨 ${managersText()}: this case was escalated.`, { color: 'Attention' }), quoteBlock(n.reason, 2000));
      summary = 'A case was escalated to you';
      break;
    case 'sla.alert':
      if (n.stage === 'warning') {
        body.push(textBlock(`⌛ ${ownerText()} The response target is ${v.slaDueAt ? cardDate(v.slaDueAt, 'time') : 'close'}; the customer is still waiting.`, { color: 'Warning' }));
        summary = 'Response target close';
      } else if (n.stage === 'breached') {
        body.push(textBlock(`⏰ ${ownerText()} The response target passed${v.slaDueAt ? ` at ${cardDate(v.slaDueAt, 'time')}` : ''} without a reply.`, { color: 'Attention' }));
        summary = 'Response target passed';
      } else {
        body.push(textBlock(`🚨 ${managersText()}: still no reply long after the response target; escalated to you.`, { color: 'Attention' }));
        summary = 'Escalated: no reply long after the response target';
      }
      break;
    case 'followup.remind': {
      const due = new Date(n.dueAt);
      body.push(textBlock(`📞 ${ownerText()} The offline follow-up ${due <= now ? 'was due' : 'is due'} ${cardDate(due)}. Resolve the case once it is done.`));
      summary = 'Offline follow-up due';
      break;
    }
  }
  return { card: adaptiveCard(body, { mentions: mentions.entities }), summary };
}
