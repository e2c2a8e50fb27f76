import type { TSpikeView } from '../../views/spike-view.js';
import { escapeAndTruncate, escapeMrkdwn, slackDate, who } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

/** Block ids carry the alert's id, so a retry can recognise an alert that already landed. */
export const spikeBlockPrefix = (alertId: string) => `spike:${alertId}:`;

/** The spike alert in the team's channel: the rise in one line, any other risen measures under it, the managers named. */
export function spikeMessage(v: TSpikeView, alertId: string): { text: string; blocks: TBlock[] } {
  const [lead, ...more] = v.lines;
  const id = (name: string) => `${spikeBlockPrefix(alertId)}${name}`;
  const blocks: TBlock[] = [
    { type: 'section', block_id: id('head'), text: { type: 'mrkdwn', text: `:chart_with_upwards_trend: *Spike · ${escapeMrkdwn(lead!.scopeLabel)}:* ${escapeMrkdwn(lead!.headline)}` } },
  ];
  if (more.length) blocks.push({ type: 'section', block_id: id('more'), text: { type: 'mrkdwn', text: more.map((l) => `• *${escapeMrkdwn(l.scopeLabel)}:* ${escapeMrkdwn(l.headline)}`).join('\n').slice(0, LIMITS.sectionText) } });
  const managers = v.managers.map(who).join(' ');
  blocks.push({
    type: 'context',
    block_id: id('context'),
    elements: [{ type: 'mrkdwn', text: `Team *${escapeMrkdwn(v.team.name)}* · up to ${slackDate(v.windowEnd, '{time}')} · usual level: the same hour over the past ${v.weeks} week${v.weeks === 1 ? '' : 's'}${managers ? ` · ${managers}` : ''}` }],
  });
  return { text: escapeAndTruncate(`Spike · ${lead!.scopeLabel}: ${lead!.headline}`, LIMITS.fallbackText), blocks };
}
