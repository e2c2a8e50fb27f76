import type { TIncidentView } from '../../views/incident-view.js';
import type { TAction } from './adaptive-card.js';
import { openDialog } from './case-card.js';
import { escapeAndTruncate, link } from './card-text.js';
import { teamsMessageLink } from './command-cards.js';

/** Verbs mirror Slack's action ids (src/bot/slack/blocks/incident-manage-buttons.ts); each opens a dialog. */
export const INCIDENT_MANAGE_VERBS = { rename: 'incident.rename', split: 'incident.split', merge: 'incident.merge' } as const;

/** The open incident's Rename / Split / Merge dialogs, in the card's overflow (secondary) actions. */
export function manageActions(v: TIncidentView): TAction[] {
  const data = { incidentId: v.id };
  const out = [openDialog('Rename…', INCIDENT_MANAGE_VERBS.rename, data, true)];
  if (v.count > 1) out.push(openDialog('Split a mention…', INCIDENT_MANAGE_VERBS.split, data, true));
  out.push(openDialog('Merge into…', INCIDENT_MANAGE_VERBS.merge, data, true));
  return out;
}

/** "Merged into [title](link)": the target's Teams card when it has one, else its title. */
export function mergedLine(v: TIncidentView): string {
  if (!v.mergedInto) return '🔀 Merged into another incident';
  const card = v.mergedInto.cards.find((c) => c.surface === 'teams');
  const title = card ? link(teamsMessageLink(card.channel, card.messageId), v.mergedInto.title.slice(0, 150)) : `**${escapeAndTruncate(v.mergedInto.title, 150)}**`;
  return `🔀 Merged into ${title}; follow it there`;
}
