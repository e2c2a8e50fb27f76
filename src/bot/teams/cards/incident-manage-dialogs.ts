import type { Incident } from '../../../generated/prisma/client.js';
import { TITLE_MAX } from '../../../incidents/rename-incident.js';
import type { TIncidentMember } from '../../views/incident-members.js';
import type { TIncidentView } from '../../views/incident-view.js';
import { escapeAndTruncate, textBlock } from './card-text.js';
import { choiceInput, dialog, errorBlock, submit, textInput, type TDialog } from './dialog.js';
import { INCIDENT_MANAGE_VERBS } from './incident-manage-actions.js';

type TValues = Record<string, string>;
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

export function renameDialog(v: TIncidentView, values: TValues = {}, error?: string): TDialog {
  return dialog(
    'Rename incident',
    [
      ...errorBlock(error),
      textBlock('The card shows this title from now on; new mentions no longer re-title it.', { size: 'Small' }),
      textInput('title', 'Title', { value: values.title ?? v.title, multiline: false, max: TITLE_MAX, required: true }),
    ],
    [submit('Rename', INCIDENT_MANAGE_VERBS.rename, { incidentId: v.id })],
    'small',
  );
}

/** Pick a member from the newest ones, or name one (a link, a handle) when it is further back. */
export function splitDialog(v: TIncidentView, members: readonly TIncidentMember[], values: TValues = {}, error?: string): TDialog {
  return dialog(
    'Split a mention out',
    [
      ...errorBlock(error),
      textBlock(`The mention leaves **${escapeAndTruncate(v.title, 150)}** and gets a card of its own; the incident is recounted without it.`, { size: 'Small' }),
      choiceInput('member', `Mention (newest ${members.length} of ${v.count})`, members.map((m) => ({ title: `@${m.handle.replace(/^@/, '')}: ${m.text.replace(/\s+/g, ' ')}`, value: m.caseId })), { ...(values.member && { value: values.member }) }),
      textInput('ref', 'Or the post’s link or the author’s handle', { value: values.ref ?? '', multiline: false, max: 500 }),
    ],
    [submit('Split out', INCIDENT_MANAGE_VERBS.split, { incidentId: v.id })],
    'medium',
  );
}

/** The team's other open incidents around the same time; none means there is nothing to merge into. */
export function mergeDialog(v: TIncidentView, candidates: readonly Incident[], values: TValues = {}, error?: string): TDialog {
  if (!candidates.length) return dialog('Merge incident', [textBlock(`No other open incident of **${escapeAndTruncate(v.team.name, 80)}** around this time to merge into.`)], [], 'small');
  return dialog(
    'Merge incident',
    [
      ...errorBlock(error),
      textBlock(`**${escapeAndTruncate(v.title, 150)}** (${v.count} mentions) joins the incident you pick: its mentions move there and this card points to it.`, { size: 'Small' }),
      choiceInput('target', 'Merge into', candidates.map((i) => ({ title: `${i.title} · ${i.count} mentions · last ${hhmm(i.lastSeenAt)} UTC`, value: i.id })), { required: true, ...(values.target && { value: values.target }) }),
    ],
    [submit('Merge', INCIDENT_MANAGE_VERBS.merge, { incidentId: v.id }, 'send', 'destructive')],
    'small',
  );
}
