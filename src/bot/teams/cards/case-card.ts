import { authorHistoryLine, compactNumber, decisionLabel, type TCaseView } from '../../views/case-view.js';
import { adaptiveCard, CARD_LIMITS, Mentions, type TAction, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { cardDate, escapeAndTruncate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';

/** Verbs mirror Slack's action ids, so both surfaces name an action the same way in logs and audits. */
export const CASE_VERBS = {
  claim: 'case.claim',
  reply: 'case.reply',
  monitor: 'case.monitor',
  offline: 'case.offline',
  resolve: 'case.resolve',
  reopen: 'case.reopen',
  reassign: 'case.reassign',
  escalate: 'case.escalate',
  spam: 'case.spam',
  correct: 'case.correct',
  history: 'case.history',
} as const;

const PRIORITY_COLOR: Record<string, string> = { P1: 'Attention', P2: 'Warning', P3: 'Accent', P4: 'Default' };

/** An in-place action: Teams sends `adaptiveCard/action` and shows the card we return. */
export const execute = (title: string, verb: string, data: Record<string, unknown>, style?: 'positive' | 'destructive', secondary = false): TAction => ({
  type: 'Action.Execute',
  title,
  verb,
  data,
  ...(style && { style }),
  ...(secondary && { mode: 'secondary' }),
});

/** Opens a dialog: Action.Submit with `msteams.type = task/fetch` makes Teams send `task/fetch` with this data. */
export const openDialog = (title: string, verb: string, data: Record<string, unknown>, secondary = false): TAction => ({
  type: 'Action.Submit',
  title,
  data: { msteams: { type: 'task/fetch' }, verb, ...data },
  ...(secondary && { mode: 'secondary' }),
});

/** The case card: everything needed to decide, without leaving Teams. Same content as Slack's. */
export function caseCard(v: TCaseView): TAdaptiveCard {
  const mentions = new Mentions();
  const a = v.author;
  const handle = `@${a.handle.replace(/^@/, '')}`;
  const headline = [
    `**${v.priority}**`,
    v.escalated ? '🚨 **Escalated**' : null,
    `**${escapeCardMarkdown(capitalise(v.category))}**`,
    escapeCardMarkdown(v.platformName),
    v.post.url ? link(v.post.url, 'View post') : null,
    v.overdue ? '⏰ **Overdue**' : null,
  ].filter(Boolean);
  const reach = [`${compactNumber(a.followers)} followers`, a.verified ? '✔ verified' : null, a.tier ? `tier ${escapeCardMarkdown(a.tier)}` : null].filter(Boolean);
  const name = a.displayName ? `**${escapeAndTruncate(a.displayName, 80)}** ` : '';
  const body: TElement[] = [
    // When triage is unsure, staff read that before anything else on the card.
    ...(v.confidence.unsure ? [textBlock(`❔ **Unsure:** ${escapeAndTruncate(v.confidence.unsure, 500)}`, { color: 'Warning', id: `case-${v.id}-unsure` })] : []),
    textBlock(headline.join(' · '), { color: PRIORITY_COLOR[v.priority] ?? 'Default', size: 'Medium', id: `case-${v.id}-head` }),
    textBlock(`${name}${a.profileUrl ? link(a.profileUrl, handle) : escapeAndTruncate(handle, 80)} · ${reach.join(' · ')}`, { spacing: 'Small' }),
    textBlock(`_${escapeCardMarkdown(authorHistoryLine(a))}_`, { isSubtle: true, spacing: 'None', size: 'Small' }),
    quoteBlock(v.post.text, CARD_LIMITS.postText),
    {
      type: 'FactSet',
      facts: [
        { title: 'Sentiment', value: `${v.sentiment} (${v.sentimentScore.toFixed(2)})` },
        { title: 'Decision', value: decisionLabel(v.decision) },
        ...(v.confidence.percent === null ? [] : [{ title: 'Confidence', value: `${v.confidence.percent}%${v.confidence.by ? ` (${escapeAndTruncate(v.confidence.by, 80)})` : ''}` }]),
        { title: 'Team', value: escapeCardMarkdown(v.team.name) },
        ...(v.mentionCount > 1 ? [{ title: 'Conversation', value: `${v.mentionCount} mentions` }] : []),
        { title: 'Respond by', value: v.slaDueAt ? cardDate(v.slaDueAt) : 'No response target' },
      ],
    },
    textBlock(`**Why**\n${v.reasons.length ? v.reasons.map((r) => `- ${escapeAndTruncate(r, 300)}`).join('\n') : '- no reasons recorded'}`, { size: 'Small' }),
  ];
  if (v.incidentSize) body.push(textBlock(`👥 Leads an incident of **${v.incidentSize}** similar mentions`, { size: 'Small' }));
  body.push(textBlock(statusLines(v, mentions).join('\n\n'), { id: `case-${v.id}-status`, separator: true }));
  return adaptiveCard(body, { actions: caseActions(v), mentions: mentions.entities });
}

/** Who holds the case and what happened last; changes as the card is updated in place. */
export function statusLines(v: TCaseView, mentions: Mentions): string[] {
  const who = (p: Parameters<Mentions['who']>[0]) => mentions.who(p, escapeCardMarkdown);
  const parts: string[] = [];
  if (v.status === 'resolved' && v.resolved) parts.push(`✅ Resolved by ${who(v.resolved.by)} ${cardDate(v.resolved.at)}`);
  else if (v.status === 'ignored') parts.push('🚫 Marked as spam: no response');
  else if (v.status === 'monitoring') parts.push('👀 Monitoring only: no response planned');
  else if (v.offline) {
    const due = v.offline.followUpDueAt ? `, follow-up due ${cardDate(v.offline.followUpDueAt)}` : '';
    parts.push(`📞 Taken offline by ${escapeCardMarkdown(v.offline.channel)}${due}`);
  }
  if (v.assignee && v.status !== 'resolved') parts.push(`🙋 Claimed by ${who(v.assignee)}${v.claimedAt ? ` ${cardDate(v.claimedAt)}` : ''}`);
  const r = v.lastReply;
  if (r) {
    const label = r.visibility === 'private' ? 'private message' : 'reply';
    if (r.status === 'sent') parts.push(`💬 ${who(r.author)} sent a ${label}${r.url ? ` (${link(r.url, 'view it live')})` : ''}`);
    else if (r.status === 'failed') parts.push(`⚠️ ${who(r.author)}'s ${label} could not be posted: ${escapeAndTruncate(r.error ?? 'unknown error', 300)}`);
    else if (r.status === 'pending_approval') parts.push(`⏳ ${who(r.author)}'s ${label} is waiting for approval`);
    else if (r.status === 'queued') parts.push(`📤 ${who(r.author)}'s ${label} is being posted`);
    else if (r.status === 'rejected') parts.push(`↩️ ${who(r.author)}'s ${label} was sent back by the approver`);
  }
  if (!parts.length) parts.push('🆕 Unclaimed');
  return parts;
}

function caseActions(v: TCaseView): TAction[] {
  const data = { caseId: v.id };
  if (v.closed) return [execute('Reopen', CASE_VERBS.reopen, data), openDialog('History', CASE_VERBS.history, data), openDialog('Correct triage…', CASE_VERBS.correct, data, true)];
  const out: TAction[] = [];
  if (!v.assignee) out.push(execute('Claim', CASE_VERBS.claim, data, 'positive'));
  out.push(openDialog('Reply', CASE_VERBS.reply, data));
  if (v.status !== 'monitoring') out.push(execute('Monitor only', CASE_VERBS.monitor, data));
  if (v.status !== 'offline') out.push(openDialog('Move offline', CASE_VERBS.offline, data));
  out.push(execute('Resolve', CASE_VERBS.resolve, data));
  // Teams shows secondary actions in the card's "…" menu, as Slack's overflow menu does.
  out.push(
    openDialog('Reassign to team…', CASE_VERBS.reassign, data, true),
    openDialog('Escalate', CASE_VERBS.escalate, data, true),
    execute('Mark spam', CASE_VERBS.spam, data, 'destructive', true),
    openDialog('Correct triage…', CASE_VERBS.correct, data, true),
    openDialog('View history', CASE_VERBS.history, data, true),
  );
  return out;
}

/** What notifications and the chat list show for a card. */
export const caseSummary = (v: TCaseView) => `${v.priority} ${v.category} on ${v.platformName} from @${v.author.handle.replace(/^@/, '')}`;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
