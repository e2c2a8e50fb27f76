import type { WebClient } from '@slack/web-api';
import type { TOrgChart } from '../../config/org-chart-schema.js';
import { findTeam } from '../../config/org-chart-queries.js';
import { renderSpikeChart } from '../../reports/spike-chart.js';
import type { TLogger } from '../../log.js';
import type { TDb } from '../../store/client.js';
import { loadSpikeView } from '../views/spike-view.js';
import { spikeBlockPrefix, spikeMessage } from './blocks/spike-message.js';
import { toOutboxError } from './slack-errors.js';

/** The chart is drawn at 2×: Slack shows uploads scaled down, sharp on high-density screens. */
const SLACK_SPIKE_CHART_SCALE = 2;

/**
 * Posts a spike alert to the team's channel — the managers are named in it, so Slack notifies them — then uploads
 * the chart of the last hours (src/reports/spike-chart.ts) into the alert's thread. The alert is what must arrive
 * once: a failed upload is logged rather than retried, since a retry would post the alert a second time.
 */
export async function postSpikeAlert(
  deps: { db: TDb; orgChart: TOrgChart; client: WebClient; log: TLogger },
  alertIds: readonly string[],
  team: string,
  /** When an earlier attempt may have landed: finds a top-level message by block-id prefix (chat.postMessage has no idempotency key). */
  findPosted?: (channel: string, prefix: string) => Promise<string | undefined>,
): Promise<{ skipped: string } | { posted: [] }> {
  const channel = findTeam(deps.orgChart, team)?.slack?.channel;
  if (!channel) return { skipped: `team ${team} has no Slack channel` };
  const v = await loadSpikeView(deps.db, deps.orgChart, alertIds);
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toOutboxError(err, what);
    }
  };
  const message = spikeMessage(v, alertIds[0]!);
  // A lost answer: the alert is there, only its chart is missing.
  const landed = findPosted ? await findPosted(channel, spikeBlockPrefix(alertIds[0]!)) : undefined;
  const ts = landed ?? String((await call('post the spike alert', () => deps.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false }))).ts);
  const tz = findTeam(deps.orgChart, team)?.timezone ?? deps.orgChart.timezone;
  const { png } = await renderSpikeChart(v, tz, SLACK_SPIKE_CHART_SCALE);
  try {
    await deps.client.files.uploadV2({ channel_id: channel, thread_ts: ts, file: png, filename: `earshot-spike-${v.windowEnd.toISOString().slice(0, 16)}.png`, title: 'Mentions by hour against the usual level' });
  } catch (err) {
    deps.log.warn('spike chart not uploaded; the alert itself was posted', { team, channel, error: err instanceof Error ? err.message : String(err) });
  }
  return { posted: [] };
}
