import type { types } from '@slack/bolt';
import type { Incident } from '../../../generated/prisma/client.js';
import { TITLE_MAX } from '../../../incidents/rename-incident.js';
import type { TIncidentMember } from '../../views/incident-members.js';
import type { TIncidentView } from '../../views/incident-view.js';
import { escapeAndTruncate, plain } from '../mrkdwn.js';
import { LIMITS, type TBlock } from './case-card.js';

/** Callback ids and block ids of the incident's Rename / Split / Merge modals. */
export const INCIDENT_MANAGE_VIEWS = { rename: 'incident.rename.submit', split: 'incident.split.submit', merge: 'incident.merge.submit' } as const;

const modal = (callbackId: string, title: string, submit: string | null, incidentId: string, blocks: TBlock[]): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  private_metadata: JSON.stringify({ incidentId }),
  title: { type: 'plain_text', text: plain(title, LIMITS.modalTitle) },
  ...(submit && { submit: { type: 'plain_text' as const, text: plain(submit, LIMITS.modalTitle) } }),
  close: { type: 'plain_text', text: submit ? 'Cancel' : 'Close' },
  blocks,
});
const context = (text: string): TBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text: plain(text, 75) }, value });
const hhmm = (d: Date) => d.toISOString().slice(11, 16);

export function renameModal(v: TIncidentView): types.ModalView {
  return modal(INCIDENT_MANAGE_VIEWS.rename, 'Rename incident', 'Rename', v.id, [
    context('The card shows this title from now on; new mentions no longer re-title it.'),
    { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'text', initial_value: plain(v.title, TITLE_MAX), max_length: TITLE_MAX } },
  ]);
}

/** Pick a member from the newest ones, or name one (a link, a handle) when it is further back. */
export function splitModal(v: TIncidentView, members: readonly TIncidentMember[]): types.ModalView {
  return modal(INCIDENT_MANAGE_VIEWS.split, 'Split a mention out', 'Split out', v.id, [
    context(`The mention leaves *${escapeAndTruncate(v.title, 150)}* and gets a card of its own; the incident is recounted without it.`),
    {
      type: 'input',
      block_id: 'member',
      optional: true,
      label: { type: 'plain_text', text: `Mention (newest ${members.length} of ${v.count})` },
      element: { type: 'static_select', action_id: 'member', options: members.slice(0, 100).map((m) => option(`@${m.handle.replace(/^@/, '')}: ${m.text.replace(/\s+/g, ' ')}`, m.caseId)) },
    },
    { type: 'input', block_id: 'ref', optional: true, label: { type: 'plain_text', text: 'Or the post’s link or the author’s handle' }, element: { type: 'plain_text_input', action_id: 'text', max_length: 500 } },
  ]);
}

/** The team's other open incidents around the same time; none means there is nothing to merge into. */
export function mergeModal(v: TIncidentView, candidates: readonly Incident[]): types.ModalView {
  if (!candidates.length) return modal(INCIDENT_MANAGE_VIEWS.merge, 'Merge incident', null, v.id, [context(`No other open incident of *${escapeAndTruncate(v.team.name, 80)}* around this time to merge into.`)]);
  return modal(INCIDENT_MANAGE_VIEWS.merge, 'Merge incident', 'Merge', v.id, [
    context(`*${escapeAndTruncate(v.title, 150)}* (${v.count} mentions) joins the incident you pick: its mentions move there and this card points to it.`),
    {
      type: 'input',
      block_id: 'target',
      label: { type: 'plain_text', text: 'Merge into' },
      element: { type: 'static_select', action_id: 'target', options: candidates.slice(0, 100).map((i) => option(`${i.title} · ${i.count} mentions · last ${hhmm(i.lastSeenAt)} UTC`, i.id)) },
    },
  ]);
}
