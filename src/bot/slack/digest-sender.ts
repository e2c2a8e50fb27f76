import type { WebClient } from '@slack/web-api';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import { memberEntries } from '../../config/org-chart-queries.js';
import { DIGEST_CHART_SCALE } from '../../reports/digest-chart.js';
import type { TDb } from '../../store/client.js';
import { digestSource } from '../views/digest-view.js';
import { reportBlocks } from './blocks/report-blocks.js';
import { permalink } from './commands/queue.js';
import { toOutboxError } from './slack-errors.js';

/** Sends one manager's daily digest as a Slack DM. */
export interface TDigestSender {
  send(memberId: string, date: string): Promise<'sent' | 'not-on-slack'>;
}

/**
 * The digest as a DM: the report (breaches link to their cards) and its chart (src/reports/digest-chart.ts), drawn
 * in-process and uploaded to the same DM. Managers without a Slack id get theirs on Teams instead.
 */
export function createSlackDigestSender(deps: { db: TDb; orgChart: TOrgChart; client: WebClient; now: () => Date }): TDigestSender {
  const link = async (caseId: string) => {
    const card = await deps.db.chatMessage.findFirst({ where: { caseId, surface: 'slack', kind: 'card' }, orderBy: { createdAt: 'desc' } });
    return card ? permalink(card.channel, card.messageId) : null;
  };
  const source = digestSource(deps.db, deps.orgChart, deps.now, link);
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toOutboxError(err, what);
    }
  };
  return {
    async send(memberId, date) {
      const slackUserId = memberEntries(deps.orgChart, memberId).find((e) => e.member.slackUserId)?.member.slackUserId;
      if (!slackUserId) return 'not-on-slack';
      const { view, picture } = await source.compose(memberId, date);
      const dm = await call('open the digest DM', () => deps.client.conversations.open({ users: slackUserId }));
      const channel = String(dm.channel?.id);
      await call('post the digest', () => deps.client.chat.postMessage({ channel, ...reportBlocks(view), unfurl_links: false }));
      const png = await picture(DIGEST_CHART_SCALE);
      await call('upload the digest chart', () =>
        deps.client.files.uploadV2({ channel_id: channel, file: png, filename: `earshot-digest-${date}.png`, title: `Cases by hour and the week's trend, ${date}` }),
      );
      return 'sent';
    },
  };
}
