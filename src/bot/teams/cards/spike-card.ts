import type { TSpikeView } from '../../views/spike-view.js';
import { adaptiveCard, Mentions } from './adaptive-card.js';
import { cardDate, escapeCardMarkdown, textBlock } from './card-text.js';
import { cardWithImage } from './digest-activity.js';

/** The spike alert for the team's channel: the rise, other risen measures, the managers mentioned, then the chart. */
export function spikeActivity(v: TSpikeView, png: Buffer) {
  const mentions = new Mentions();
  const [lead, ...more] = v.lines;
  const managers = v.managers.map((m) => mentions.who(m, escapeCardMarkdown)).join(' ');
  const body = [
    textBlock(`📈 **Spike · ${escapeCardMarkdown(lead!.scopeLabel)}:** ${escapeCardMarkdown(lead!.headline)}`, { size: 'Medium', color: 'Attention' }),
    ...more.map((l) => textBlock(`• **${escapeCardMarkdown(l.scopeLabel)}:** ${escapeCardMarkdown(l.headline)}`, { spacing: 'Small' })),
    textBlock(`Team **${escapeCardMarkdown(v.team.name)}** · up to ${cardDate(v.windowEnd, 'time')} · usual level: the same hour over the past ${v.weeks} week${v.weeks === 1 ? '' : 's'}${managers ? ` · ${managers}` : ''}`, { size: 'Small', isSubtle: true }),
  ];
  return cardWithImage(adaptiveCard(body, { mentions: mentions.entities }), `Spike · ${lead!.scopeLabel}: ${lead!.headline}`, png, `earshot-spike-${v.windowEnd.toISOString().slice(0, 16)}.png`);
}
