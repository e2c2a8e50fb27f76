import { OPEN_STATUSES } from '../../../cases/case-deps.js';
import { memberEntries } from '../../../config/org-chart-queries.js';
import { escapeAndTruncate, slackDate } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

const LIMIT = 15;

/** A Slack permalink built from channel and ts; Slack redirects it to the workspace. */
export const permalink = (channel: string, ts: string) => `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;

/** `/social queue`: what is mine, then what my teams have not picked up, most urgent first. */
export async function queueAnswer(deps: TSlackDeps, memberId: string): Promise<string> {
  const teams = memberEntries(deps.orgChart, memberId).map((e) => e.team.id);
  const select = { id: true, priority: true, category: true, platform: true, slaDueAt: true, status: true, author: { select: { handle: true } }, chatMessages: { where: { surface: 'slack', kind: 'card' }, take: 1 } } as const;
  const [mine, unclaimed] = await Promise.all([
    deps.db.case.findMany({ where: { assignee: memberId, status: { in: [...OPEN_STATUSES] } }, orderBy: [{ priority: 'asc' }, { slaDueAt: 'asc' }], take: LIMIT, select }),
    deps.db.case.findMany({ where: { team: { in: teams }, assignee: null, status: 'new' }, orderBy: [{ priority: 'asc' }, { slaDueAt: 'asc' }], take: LIMIT, select }),
  ]);
  const now = deps.now();
  const line = (c: (typeof mine)[number]) => {
    const card = c.chatMessages[0];
    const label = `${c.priority} ${c.category} · @${c.author.handle} on ${c.platform}`;
    const title = card ? `<${permalink(card.channel, card.messageId)}|${escapeAndTruncate(label, 200)}>` : escapeAndTruncate(label, 200);
    const due = c.slaDueAt ? ` · ${c.slaDueAt <= now ? ':alarm_clock: overdue since' : 'due'} ${slackDate(c.slaDueAt)}` : '';
    return `• ${title}${due}${c.status !== 'new' && c.status !== 'claimed' ? ` · ${c.status}` : ''}`;
  };
  const section = (title: string, rows: typeof mine, empty: string) => `*${title}*\n${rows.length ? rows.map(line).join('\n') : `_${empty}_`}`;
  return [
    section(`Your open cases (${mine.length}${mine.length === LIMIT ? '+' : ''})`, mine, 'Nothing assigned to you.'),
    section(`Unclaimed in ${teams.join(', ') || 'your teams'} (${unclaimed.length}${unclaimed.length === LIMIT ? '+' : ''})`, unclaimed, 'Nothing waiting. Nice.'),
  ].join('\n\n');
}
