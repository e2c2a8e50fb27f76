import type { TEventLine } from '../../views/event-line.js';
import { adaptiveCard, CARD_LIMITS, Mentions, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { cardDate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';

/**
 * An audit event as a reply in the card's thread. Only alerts mention the person (a failed reply must reach
 * its author); routine lines name people without notifying them.
 */
export function eventCard(line: TEventLine, mentionInAlert?: TEventLine['actor']): TAdaptiveCard {
  const mentions = new Mentions();
  const actor = line.alert && mentionInAlert ? mentions.who(mentionInAlert, escapeCardMarkdown) : `**${escapeCardMarkdown(line.actor.name)}**`;
  let text = `${line.alert ? '⚠️ ' : ''}${actor} ${escapeCardMarkdown(line.summary)} · ${cardDate(line.at, 'time')}`;
  if (line.url) text += ` · ${link(line.url, 'view it live')}`;
  const body: TElement[] = [textBlock(text, line.alert ? { color: 'Attention' } : {})];
  if (line.quote) body.push(quoteBlock(line.quote, CARD_LIMITS.quote));
  return adaptiveCard(body, { mentions: mentions.entities });
}

export const eventSummary = (line: TEventLine) => `${line.actor.name} ${line.summary}`;
