import type { types } from '@slack/bolt';
import type { TIncidentView } from '../../views/incident-view.js';
import { permalink } from '../commands/queue.js';
import { escapeAndTruncate, link, plain } from '../mrkdwn.js';

/** Rename / Split / Merge on the incident card; each opens a modal (src/bot/slack/handlers/incident-manage.ts). */
export const INCIDENT_MANAGE_ACTIONS = { rename: 'incident.rename', split: 'incident.split', merge: 'incident.merge' } as const;

/** The open incident's management buttons, after its lifecycle ones. */
export function manageButtons(v: TIncidentView): types.Button[] {
  const button = (text: string, actionId: string): types.Button => ({ type: 'button', text: { type: 'plain_text', text, emoji: true }, action_id: actionId, value: v.id });
  const out = [button('Rename…', INCIDENT_MANAGE_ACTIONS.rename)];
  if (v.count > 1) out.push(button('Split a mention…', INCIDENT_MANAGE_ACTIONS.split));
  out.push(button('Merge into…', INCIDENT_MANAGE_ACTIONS.merge));
  return out;
}

/** "Merged into <link|title>": the target's Slack card when it has one, else its title. */
export function mergedLine(v: TIncidentView): string {
  if (!v.mergedInto) return ':twisted_rightwards_arrows: Merged into another incident';
  const card = v.mergedInto.cards.find((c) => c.surface === 'slack');
  const title = card ? link(permalink(card.channel, card.messageId), plain(v.mergedInto.title, 150)) : `*${escapeAndTruncate(v.mergedInto.title, 150)}*`;
  return `:twisted_rightwards_arrows: Merged into ${title}; follow it there`;
}
