import type { TOrgChart } from '../../config/org-chart-schema.js';
import { personRef, type TPersonRef } from './case-view.js';

/**
 * One audit event as a line in the card's thread or the history view. `summary` is plain words without
 * markup; `quote` is text someone wrote (a reply, a note, an error) that renderers escape and quote.
 */
export interface TEventLine {
  actor: TPersonRef;
  at: Date;
  summary: string;
  quote?: string;
  url?: string | null;
  /** Failures are shown more loudly: the staff member must see that their reply did not go out. */
  alert?: boolean;
}

type TPayload = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));

const SUMMARIES: Record<string, (p: TPayload) => Omit<TEventLine, 'actor' | 'at'>> = {
  created: (p) => ({ summary: `opened the case (${s(p.priority)}, ${s(p.decision).replace(/_/g, ' ')}) for ${s(p.team)}` }),
  mention_joined: (p) => ({ summary: `added a follow-up mention to the case${p.priorityRaisedTo ? `; priority raised to ${s(p.priorityRaisedTo)}` : ''}` }),
  claimed: () => ({ summary: 'claimed the case' }),
  claim_repeated: () => ({ summary: 'confirmed they are handling the case' }),
  released: () => ({ summary: 'released the case for someone else' }),
  reply_queued: (p) => ({ summary: 'sent a public reply', quote: s(p.text) }),
  reply_submitted: (p) => ({ summary: 'submitted a reply for approval', quote: s(p.text) }),
  reply_approved: () => ({ summary: 'approved the reply' }),
  reply_edited_and_approved: (p) => ({ summary: 'edited and approved the reply', quote: s(p.after) }),
  reply_rejected: (p) => ({ summary: 'rejected the reply', ...(p.reason ? { quote: s(p.reason) } : {}) }),
  reply_sent: (p) => ({ summary: 'posted the reply on the platform', url: s(p.url) || null }),
  reply_failed: (p) => ({ summary: `could not post the reply: ${s(p.error)}. Its text is kept below; edit or retry with Reply.`, quote: s(p.text), alert: true }),
  monitoring: (p) => ({ summary: 'set the case to monitor only', ...(p.reason ? { quote: s(p.reason) } : {}) }),
  moved_offline: (p) => ({ summary: `moved the case offline by ${s(p.channel)}; follow-up due ${s(p.followUpDueAt).slice(0, 16).replace('T', ' ')} UTC`, ...(p.note ? { quote: s(p.note) } : {}) }),
  resolved: (p) => ({ summary: 'resolved the case', ...(p.note ? { quote: s(p.note) } : {}) }),
  reopened: (p) => ({ summary: 'reopened the case', ...(p.reason ? { quote: s(p.reason) } : {}) }),
  split_from_incident: (p) => ({ summary: `split the case out of the incident “${s(p.title)}”; it has a card of its own` }),
  reassigned: (p) => ({ summary: `reassigned the case from ${s(p.from)} to ${s(p.to)}`, ...(p.reason ? { quote: s(p.reason) } : {}) }),
  escalated: (p) => ({ summary: `escalated the case (${s(p.priorityFrom)} → ${s(p.priorityTo)})`, quote: s(p.reason), alert: true }),
  sla_escalated: () => ({ summary: 'escalated the case: its response time target passed', alert: true }),
  note: (p) => ({ summary: 'added an internal note', quote: s(p.text) }),
  triage_corrected: (p) => ({ summary: `corrected triage: ${changes(p.changed)}` }),
  triage_refined: (p) => ({ summary: p.changed && Object.keys(p.changed).length ? `decided again with the sentence encoder: ${changes(p.changed)}` : 'confirmed the triage with the sentence encoder' }),
  marked_spam: () => ({ summary: 'marked the case as spam' }),
  ai_draft: (p) => ({ summary: aiDraftSummary(p) }),
};

/** "category billing → service, team billing → social-care" from an event's `changed` map. */
function changes(changed: unknown): string {
  if (!changed || typeof changed !== 'object') return 'no change recorded';
  const label = (v: unknown) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : s(v).replace(/_/g, ' '));
  return Object.entries(changed as Record<string, { from?: unknown; to?: unknown }>).map(([f, d]) => `${f} ${label(d?.from)} → ${label(d?.to)}`).join(', ');
}

export function describeEvent(chart: TOrgChart, e: { actor: string; action: string; at: Date; payload: string }): TEventLine {
  let payload: TPayload = {};
  try {
    payload = JSON.parse(e.payload) as TPayload;
  } catch {
    // A malformed payload still gets a line: the action name alone is better than a missing history entry.
  }
  const describe = SUMMARIES[e.action] ?? (() => ({ summary: e.action.replace(/_/g, ' ') }));
  return { actor: personRef(chart, e.actor), at: e.at, ...describe(payload) };
}

/** Who asked, which model, what it cost and how it ended; the texts stay on the AiDraft row. */
function aiDraftSummary(p: TPayload): string {
  const tokens = (Number(p.promptTokens) || 0) + (Number(p.completionTokens) || 0);
  const flags = Array.isArray(p.flags) ? p.flags.map(String) : [];
  const outcome = p.status === 'ready' ? 'ready to edit' : p.status === 'flagged' ? `flagged: ${flags.join(' ')}` : p.status === 'timeout' ? 'timed out' : 'failed';
  return `asked for an AI draft (${s(p.model)}, ${tokens.toLocaleString('en')} tokens${p.tokensEstimated ? ', estimated' : ''}): ${outcome}`;
}
