import { compactNumber } from '../../views/case-view.js';
import { sentimentLine, type TIncidentView } from '../../views/incident-view.js';
import { adaptiveCard, Mentions, type TAction, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { execute } from './case-card.js';
import { ackElements } from './incident-ack-card.js';
import { cardDate, escapeAndTruncate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';
import { manageActions, mergedLine } from './incident-manage-actions.js';

/** Verbs mirror Slack's action ids (src/bot/slack/blocks/incident-card.ts). */
export const INCIDENT_VERBS = { claim: 'incident.claim', monitor: 'incident.monitor', resolve: 'incident.resolve', reopen: 'incident.reopen' } as const;

const STATUS: Record<string, string> = { open: '🚨 **Open**', monitoring: '👀 **Monitoring**', resolved: '✅ **Resolved**', merged: '🔀 **Merged**' };

/** The incident card: one activity per channel standing for every member, refreshed in place. Same content as Slack's. */
export function incidentCard(v: TIncidentView): TAdaptiveCard {
  const mentions = new Mentions();
  const authors = v.topAuthors
    .map((a) => `${a.displayName ? `${escapeAndTruncate(a.displayName, 60)} ` : ''}${escapeAndTruncate(`@${a.handle.replace(/^@/, '')}`, 60)} (${compactNumber(a.followers)}${a.verified ? ' ✔' : ''}${a.tier ? `, ${escapeAndTruncate(a.tier, 30)}` : ''})`)
    .join(' · ');
  const body: TElement[] = [
    textBlock(`${STATUS[v.status] ?? escapeCardMarkdown(v.status)} · **Incident:** ${escapeAndTruncate(v.title, 200)}`, { size: 'Medium', color: v.closed ? 'Default' : 'Attention', id: `incident-${v.id}-head` }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Mentions', value: `${v.count} (${v.ratePerMinute}/min)` },
        { title: 'Seen', value: `${cardDate(v.firstSeenAt, 'time')} – ${cardDate(v.lastSeenAt, 'time')}` },
        { title: 'Platforms', value: v.platforms.map((p) => `${escapeCardMarkdown(p.name)} ${p.count}`).join(' · ') || '—' },
        { title: 'Reach', value: `${compactNumber(v.reach)} followers` },
        { title: 'Sentiment', value: sentimentLine(v.sentiment) },
        { title: 'Team', value: escapeCardMarkdown(v.team.name) },
      ],
    },
    ...v.samples.flatMap((s) => [quoteBlock(s.text || '(no text)', 600), textBlock(`— ${escapeAndTruncate(`@${s.handle.replace(/^@/, '')}`, 60)}${s.url ? ` · ${link(s.url, 'view post')}` : ''}`, { isSubtle: true, size: 'Small', spacing: 'None' })]),
  ];
  if (authors) body.push(textBlock(`Most-followed authors: ${authors}`, { size: 'Small' }));
  body.push(textBlock(statusLines(v, mentions).join('\n\n'), { id: `incident-${v.id}-status`, separator: true }));
  body.push(...ackElements(v, mentions));
  return adaptiveCard(body, { actions: actions(v), mentions: mentions.entities });
}

function statusLines(v: TIncidentView, mentions: Mentions): string[] {
  const parts: string[] = [];
  if (v.status === 'merged') return [mergedLine(v)];
  if (v.status === 'resolved' && v.resolvedAt) parts.push(`✅ Resolved ${cardDate(v.resolvedAt)}`);
  if (v.assignee && !v.closed) parts.push(`🙋 Claimed by ${mentions.who(v.assignee, escapeCardMarkdown)}`);
  if (!parts.length) parts.push(v.status === 'monitoring' ? '👀 Being monitored; members get no cards of their own' : '🆕 Unclaimed — members get no cards of their own unless they need one');
  return parts;
}

function actions(v: TIncidentView): TAction[] {
  const data = { incidentId: v.id };
  // A merged incident lives on in its target: its cards only point there.
  if (v.status === 'merged') return [];
  if (v.closed) return [execute('Reopen incident', INCIDENT_VERBS.reopen, data)];
  const out: TAction[] = [];
  if (!v.assignee) out.push(execute('Claim incident', INCIDENT_VERBS.claim, data, 'positive'));
  if (v.status !== 'monitoring') out.push(execute('Monitor', INCIDENT_VERBS.monitor, data));
  out.push(execute('Resolve incident', INCIDENT_VERBS.resolve, data));
  out.push(...manageActions(v));
  return out;
}

/** What notifications and the chat list show for an incident card (plain text). */
export const incidentSummary = (v: TIncidentView) => `Incident: ${v.title} — ${v.count} mentions`;
