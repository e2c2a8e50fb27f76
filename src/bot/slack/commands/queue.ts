import { loadQueue, type TQueueRow, type TQueueView } from '../../views/queue-view.js';
import { escapeAndTruncate, slackDate } from '../mrkdwn.js';
import type { TSlackDeps } from '../slack-deps.js';

/** A Slack permalink built from channel and ts; Slack redirects it to the workspace. */
export const permalink = (channel: string, ts: string) => `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;

/** `/social queue`: what is mine, then what my teams have not picked up, most urgent first. */
export async function queueAnswer(deps: TSlackDeps, memberId: string): Promise<string> {
  const q = await loadQueue(deps.db, deps.orgChart, memberId, 'slack', deps.now());
  const line = (c: TQueueRow) => {
    const label = `${c.priority} ${c.category} · @${c.handle} on ${c.platform}`;
    const title = c.card ? `<${permalink(c.card.channel, c.card.messageId)}|${escapeAndTruncate(label, 200)}>` : escapeAndTruncate(label, 200);
    const due = c.slaDueAt ? ` · ${c.overdue ? ':alarm_clock: overdue since' : 'due'} ${slackDate(c.slaDueAt)}` : '';
    return `• ${title}${due}${c.status !== 'new' && c.status !== 'claimed' ? ` · ${c.status}` : ''}`;
  };
  const count = (rows: TQueueRow[]) => `${rows.length}${rows.length === q.limit ? '+' : ''}`;
  const section = (title: string, rows: TQueueView['mine'], empty: string) => `*${title}*\n${rows.length ? rows.map(line).join('\n') : `_${empty}_`}`;
  return [
    section(`Your open cases (${count(q.mine)})`, q.mine, 'Nothing assigned to you.'),
    section(`Unclaimed in ${q.teams.join(', ') || 'your teams'} (${count(q.unclaimed)})`, q.unclaimed, 'Nothing waiting. Nice.'),
  ].join('\n\n');
}
