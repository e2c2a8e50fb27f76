import { platformName } from '../../../connectors/text-limits.js';
import { PLATFORMS } from '../../../mention.js';
import { CHAT_COMMAND_HELP, CHAT_SUBCOMMANDS } from '../../views/chat-command.js';
import { compactNumber, decisionLabel } from '../../views/case-view.js';
import type { TQueueRow, TQueueView } from '../../views/queue-view.js';
import type { TReportView } from '../../views/report-view.js';
import type { TRouteView } from '../../views/route-view.js';
import type { TWhoisView } from '../../views/whois-view.js';
import { adaptiveCard, type TAdaptiveCard, type TElement } from './adaptive-card.js';
import { cardDate, escapeAndTruncate, escapeCardMarkdown, link, quoteBlock, textBlock } from './card-text.js';

/** `@Earshot help`, also shown for unknown commands with the problem first. */
export function helpCard(problem?: string): TAdaptiveCard {
  return adaptiveCard([
    ...(problem ? [textBlock(`⚠️ ${escapeCardMarkdown(problem)}`, { color: 'Attention' })] : []),
    textBlock('**Earshot** — social mentions, handled from Teams', { size: 'Medium' }),
    { type: 'FactSet', facts: CHAT_SUBCOMMANDS.map((s) => ({ title: `@Earshot ${escapeCardMarkdown(CHAT_COMMAND_HELP[s].usage)}`, value: CHAT_COMMAND_HELP[s].does })) },
  ]);
}

/** A one-line answer (errors, "not available yet"), as a card so the text is escaped the same way. */
export const messageCard = (text: string, color?: 'Attention' | 'Warning'): TAdaptiveCard => adaptiveCard([textBlock(escapeCardMarkdown(text), color ? { color } : {})]);

/** Teams deep link to a channel message: opens the card's thread. */
export const teamsMessageLink = (channel: string, messageId: string) =>
  `https://teams.microsoft.com/l/message/${encodeURIComponent(channel)}/${encodeURIComponent(messageId)}`;

export function queueCard(q: TQueueView): TAdaptiveCard {
  const line = (r: TQueueRow) => {
    const label = `${r.priority} ${r.category} · @${r.handle.replace(/^@/, '')} on ${r.platform}`;
    const title = r.card ? link(teamsMessageLink(r.card.channel, r.card.messageId), label) : escapeAndTruncate(label, 200);
    const due = r.slaDueAt ? ` · ${r.overdue ? '⏰ overdue since' : 'due'} ${cardDate(r.slaDueAt)}` : '';
    return `- ${title}${due}${r.status !== 'new' && r.status !== 'claimed' ? ` · ${r.status}` : ''}`;
  };
  const section = (title: string, rows: TQueueRow[], empty: string): TElement[] => [
    textBlock(`**${escapeCardMarkdown(title)} (${rows.length}${rows.length === q.limit ? '+' : ''})**`, { separator: true }),
    textBlock(rows.length ? rows.map(line).join('\n') : `_${empty}_`),
  ];
  return adaptiveCard([
    ...section('Your open cases', q.mine, 'Nothing assigned to you.'),
    ...section(`Unclaimed in ${q.teams.join(', ') || 'your teams'}`, q.unclaimed, 'Nothing waiting. Nice.'),
  ]);
}

export function whoisCard(w: TWhoisView): TAdaptiveCard {
  if (!w.ok) {
    return w.problem === 'usage'
      ? messageCard('Usage: @Earshot whois <handle> or @Earshot whois x:@handle')
      : messageCard(`Unknown platform "${w.platform ?? ''}". Platforms: ${PLATFORMS.join(', ')}.`);
  }
  if (!w.authors.length) return messageCard(`No one called @${w.handle.slice(0, 80)} has mentioned you${w.platform ? ` on ${platformName(w.platform)}` : ''}.`);
  const body: TElement[] = [];
  for (const a of w.authors) {
    const name = a.displayName ? `**${escapeAndTruncate(a.displayName, 80)}** ` : '';
    const profile = a.profileUrl ? link(a.profileUrl, `@${a.handle}`) : escapeAndTruncate(`@${a.handle}`, 80);
    const facts = [`${compactNumber(a.followers)} followers`, a.verified ? 'verified' : null, a.tier ? `tier ${escapeCardMarkdown(a.tier)}` : null, a.customerId ? `customer ${escapeCardMarkdown(a.customerId)}` : null].filter(Boolean);
    body.push(
      textBlock(`${name}${profile} on ${platformName(a.platform)} · ${facts.join(' · ')}`, { separator: body.length > 0 }),
      textBlock(
        `${a.mentionCount} mentions · ${a.complaintCount} complaints · ${a.praiseCount} praise · ${a.offensiveCount} offensive${a.tags.length ? ` · ${escapeCardMarkdown(a.tags.join(', '))}` : ''}\n\nFirst seen ${cardDate(a.firstSeenAt, 'date')}, last seen ${cardDate(a.lastSeenAt, 'date')}`,
        { size: 'Small' },
      ),
      textBlock(a.cases.length ? a.cases.map((c) => `- ${cardDate(c.createdAt, 'date')} ${c.category} (${c.sentiment}) — ${c.status}`).join('\n') : '_no cases_', { size: 'Small' }),
    );
  }
  return adaptiveCard(body);
}

export function routeCard(r: TRouteView | null): TAdaptiveCard {
  if (!r) return messageCard('Usage: @Earshot route <text> — e.g. @Earshot route my internet has been down all day');
  const d = r.decision;
  return adaptiveCard([
    textBlock('**Dry run** — nothing was stored or posted.'),
    quoteBlock(r.text, 1500),
    textBlock(`**${decisionLabel(d.decision)}** · ${d.priority} · ${d.category} · sentiment ${d.sentiment} (${d.sentimentScore.toFixed(2)})${d.complaint ? ' · complaint' : ''}${d.offensive ? ' · offensive' : ''} · language ${escapeCardMarkdown(d.lang)}`),
    textBlock(`Team: **${escapeCardMarkdown(r.teamName)}**${d.slaMinutes ? ` · respond within ${d.slaMinutes} min` : ''}`),
    textBlock(`**Why**\n${d.reasons.map((x) => `- ${escapeCardMarkdown(x)}`).join('\n')}`),
  ]);
}

/** A composed report (digest, stats): sections of facts and linked items. */
export function reportCard(r: TReportView): TAdaptiveCard {
  const body: TElement[] = [textBlock(`**${escapeCardMarkdown(r.title)}**`, { size: 'Medium' })];
  if (r.subtitle) body.push(textBlock(escapeCardMarkdown(r.subtitle), { isSubtle: true, spacing: 'None' }));
  for (const s of r.sections.slice(0, 20)) {
    body.push(textBlock(`**${escapeCardMarkdown(s.heading)}**`, { separator: true }));
    if (s.facts?.length) body.push({ type: 'FactSet', facts: s.facts.slice(0, 30).map((f) => ({ title: escapeCardMarkdown(f.label), value: escapeCardMarkdown(f.value) })) });
    if (s.items?.length) body.push(textBlock(s.items.slice(0, 30).map((i) => `- ${i.url ? link(i.url, i.text) : escapeAndTruncate(i.text, 300)}`).join('\n')));
  }
  return adaptiveCard(body);
}
