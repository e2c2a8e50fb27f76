import type { TOrgChart } from '../../../config/org-chart-schema.js';
import type { TAckPreviewView } from '../../views/ack-preview-view.js';
import { previewLine } from '../../views/incident-ack-view.js';
import type { TIncidentView } from '../../views/incident-view.js';
import type { TElement } from './adaptive-card.js';
import { escapeAndTruncate, escapeCardMarkdown, quoteBlock, textBlock } from './card-text.js';
import { choiceInput, dialog, errorBlock, submit, textInput, type TDialog } from './dialog.js';
import { ACK_VERBS } from './incident-ack-card.js';

/** What the composer sends on each submit (Teams merges the inputs' values into the action's data as strings). */
export interface TAckDialogValues {
  incidentId: string;
  kind: 'acknowledge' | 'closing';
  text: string;
  saved: string;
  complaintsOnly: string;
  onlyNew: string;
  minFollowers: string;
  platforms: string;
}

const toggle = (id: string, title: string, value: string): TElement => ({ type: 'Input.Toggle', id, title, value: value === 'true' ? 'true' : 'false', valueOn: 'true', valueOff: 'false' });

/** Step one, as Slack's: a saved reply or one's own text (`{name}` filled per author) and, to acknowledge, the audience. */
export function ackComposeDialog(v: TIncidentView, chart: TOrgChart, d: TAckDialogValues, error?: string): TDialog {
  const body: TElement[] = [
    ...errorBlock(error),
    textBlock(`**${escapeAndTruncate(v.title, 200)}** · ${v.count} mentions. One public reply per author, in-media, at each platform's pace; placeholders like {name} are filled for each author. You see a preview before anything is sent.`, { isSubtle: true }),
  ];
  if (chart.savedReplies.length) body.push(choiceInput('saved', 'Saved reply', chart.savedReplies.slice(0, 100).map((r) => ({ title: r.title, value: r.id })), { ...(d.saved && { value: d.saved }) }));
  body.push(textInput('text', chart.savedReplies.length ? 'Or write one' : 'Reply', { ...(d.text && { value: d.text }), max: 2000 }));
  if (d.kind === 'acknowledge') {
    body.push(toggle('complaintsOnly', 'Only complaints', d.complaintsOnly), toggle('onlyNew', 'Only members new since the last acknowledgement', d.onlyNew));
    body.push({ type: 'Input.Number', id: 'minFollowers', label: 'Only authors with more than … followers', min: 0, ...(Number(d.minFollowers) > 0 && { value: Number(d.minFollowers) }) });
    if (v.platforms.length > 1) body.push({ ...choiceInput('platforms', 'Only these platforms (all when empty)', v.platforms.map((p) => ({ title: `${p.name} (${p.count})`, value: p.id })), { ...(d.platforms && { value: d.platforms }) }), isMultiSelect: true });
  }
  const keep = { incidentId: d.incidentId, kind: d.kind };
  return dialog(d.kind === 'closing' ? 'Resolve with closing reply' : 'Acknowledge publicly', body, [submit('Preview', ACK_VERBS.submit, keep, 'preview', 'positive')], 'large');
}

/** Step two: the count, the platforms, who is skipped and one filled example, then Send (or back to the text). */
export function ackConfirmDialog(d: TAckDialogValues, p: TAckPreviewView, error?: string): TDialog {
  const body: TElement[] = [...errorBlock(error), textBlock(`**${escapeCardMarkdown(previewLine(p, d.kind))}**`), textBlock(p.platforms.map((x) => `${escapeCardMarkdown(x.name)} ${x.count}`).join(' · '), { isSubtle: true, spacing: 'None' })];
  if (p.example) body.push(textBlock(`For example, to ${escapeAndTruncate(`@${p.example.handle.replace(/^@/, '')}`, 80)}:`), quoteBlock(p.example.text, 2500));
  if (p.needsApproval) body.push(textBlock('🔒 Your replies need approval: an approver approves this once, for every author, before anything is sent.', { isSubtle: true }));
  const verb = d.kind === 'closing' ? 'Resolve and reply' : p.needsApproval ? 'Submit for approval' : `Send ${p.count} replies`;
  return dialog(d.kind === 'closing' ? 'Resolve with closing reply' : 'Acknowledge publicly', body, [submit(verb, ACK_VERBS.submit, { ...d }, 'send', 'positive'), submit('Change', ACK_VERBS.submit, { ...d }, 'edit')], 'large');
}
