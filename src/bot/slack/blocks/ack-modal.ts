import type { types } from '@slack/bolt';
import type { TOrgChart } from '../../../config/org-chart-schema.js';
import type { TAckAudience } from '../../../incidents/ack-audience.js';
import { previewLine } from '../../views/incident-ack-view.js';
import type { TIncidentView } from '../../views/incident-view.js';
import { escapeAndTruncate, escapeMrkdwn, plain, quote } from '../mrkdwn.js';
import type { TBlock } from './case-card.js';

export const ACK_VIEW = { compose: 'incident.ack.compose', confirm: 'incident.ack.confirm' } as const;

/** What the composer carries into its confirm step (private_metadata; the text is capped at 2,000 by the input). */
export type TAckModalMeta = {
  incidentId: string;
  kind: 'acknowledge' | 'closing';
  text: string;
  savedReplyId?: string;
  audience: TAckAudience;
};

const modal = (callbackId: string, title: string, submit: string, meta: object, blocks: TBlock[]): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  private_metadata: JSON.stringify(meta),
  title: { type: 'plain_text', text: plain(title, 24) },
  submit: { type: 'plain_text', text: plain(submit, 24) },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks,
});
const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text: plain(text, 75) }, value });

/** Step one: the text (a saved reply or one's own, `{name}` filled per author) and, to acknowledge, the audience. */
export function ackComposeModal(v: TIncidentView, chart: TOrgChart, meta: Omit<TAckModalMeta, 'text'> & { text?: string }): types.ModalView {
  const saved = chart.savedReplies.slice(0, 100).map((r) => option(r.title, r.id));
  const blocks: TBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: `*${escapeAndTruncate(v.title, 200)}* · ${v.count} mentions. One public reply per author, in-media, at each platform's pace; placeholders like \`{name}\` are filled for each author. You see a preview before anything is sent.` }] },
  ];
  if (saved.length) blocks.push({ type: 'input', block_id: 'ack_saved', optional: true, label: { type: 'plain_text', text: 'Saved reply' }, element: { type: 'static_select', action_id: 'saved', options: saved, ...(meta.savedReplyId && saved.find((o) => o.value === meta.savedReplyId) && { initial_option: saved.find((o) => o.value === meta.savedReplyId) }) } });
  blocks.push({ type: 'input', block_id: 'ack_text', optional: saved.length > 0, label: { type: 'plain_text', text: saved.length ? 'Or write one' : 'Reply' }, element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 2000, ...(meta.text && { initial_value: meta.text }) } });
  if (meta.kind === 'acknowledge') {
    const a = meta.audience;
    const checks = [option('Only complaints', 'complaintsOnly'), option('Only members new since the last acknowledgement', 'onlyNew')];
    const checked = checks.filter((c) => a[c.value as 'complaintsOnly' | 'onlyNew']);
    blocks.push({ type: 'input', block_id: 'ack_who', optional: true, label: { type: 'plain_text', text: 'Audience' }, element: { type: 'checkboxes', action_id: 'who', options: checks, ...(checked.length && { initial_options: checked }) } });
    blocks.push({ type: 'input', block_id: 'ack_followers', optional: true, label: { type: 'plain_text', text: 'Only authors with more than … followers' }, element: { type: 'number_input', action_id: 'followers', is_decimal_allowed: false, min_value: '0', ...(a.minFollowers && { initial_value: String(a.minFollowers) }) } });
    const platforms = v.platforms.map((p) => option(`${p.name} (${p.count})`, p.id));
    if (platforms.length > 1) blocks.push({ type: 'input', block_id: 'ack_platforms', optional: true, label: { type: 'plain_text', text: 'Only these platforms (all when empty)' }, element: { type: 'multi_static_select', action_id: 'platforms', options: platforms, ...(a.platforms.length && { initial_options: platforms.filter((p) => a.platforms.includes(p.value)) }) } });
  }
  return modal(ACK_VIEW.compose, meta.kind === 'closing' ? 'Resolve with reply' : 'Acknowledge publicly', 'Preview', { ...meta, text: undefined }, blocks);
}

/** Step two: the count, the platforms, who is skipped, and one filled example — then Send. */
export function ackConfirmModal(meta: TAckModalMeta, p: { count: number; skipped: number; platforms: { id: string; name: string; count: number }[]; example: { handle: string; text: string } | null; needsApproval: boolean }, error?: string): types.ModalView {
  const blocks: TBlock[] = [
    { type: 'section', block_id: 'ack_preview', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(previewLine(p, meta.kind))}*\n${p.platforms.map((x) => `${escapeMrkdwn(x.name)} ${x.count}`).join(' · ')}` } },
  ];
  if (p.example) blocks.push({ type: 'section', block_id: 'ack_example', text: { type: 'mrkdwn', text: `For example, to ${escapeAndTruncate(`@${p.example.handle.replace(/^@/, '')}`, 80)}:\n${quote(p.example.text, 2500)}` } });
  if (p.needsApproval) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: ':lock: Your replies need approval: an approver approves this once, for every author, before anything is sent.' }] });
  if (error) blocks.push({ type: 'section', block_id: 'ack_error', text: { type: 'mrkdwn', text: `:warning: ${escapeMrkdwn(error)}` } });
  const verb = meta.kind === 'closing' ? 'Resolve and reply' : p.needsApproval ? 'Submit for approval' : `Send ${p.count} replies`;
  return modal(ACK_VIEW.confirm, meta.kind === 'closing' ? 'Resolve with reply' : 'Acknowledge publicly', verb, meta, blocks);
}
