import type { TEventLine } from '../../views/event-line.js';
import { escapeAndTruncate, escapeMrkdwn, link, quote, slackDate, who } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

/**
 * An audit event as a message in the card's thread. Only alerts mention the person (a failed reply must
 * reach its author); routine lines name people without notifying them.
 */
export function eventMessage(line: TEventLine, mentionInAlert?: TEventLine['actor']): { text: string; blocks: TBlock[] } {
  const actor = line.alert && mentionInAlert ? who(mentionInAlert) : `*${escapeMrkdwn(line.actor.name)}*`;
  const icon = line.alert ? ':warning: ' : '';
  let body = `${icon}${actor} ${escapeMrkdwn(line.summary)} · ${slackDate(line.at, '{time}')}`;
  if (line.url) body += ` · ${link(line.url, 'view it live')}`;
  if (line.quote) body += `\n${quote(line.quote, LIMITS.sectionText - body.length - 1)}`;
  return {
    text: escapeAndTruncate(`${line.actor.name} ${line.summary}`, LIMITS.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body.slice(0, LIMITS.sectionText) } }],
  };
}
