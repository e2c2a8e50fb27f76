import type { TOrgChart } from '../../config/org-chart-schema.js';
import type { TCaseDeps } from '../../cases/case-deps.js';
import { AppError, toAppError } from '../../errors.js';
import type { TLogger } from '../../log.js';
import type { TPlatform } from '../../mention.js';
import type { TReplyAssist } from '../../replies/reply-assist.js';
import type { TDb } from '../../store/client.js';
import type { TTriageFn } from '../../triage/types.js';
import { personRef } from '../views/case-view.js';
import { escapeMrkdwn, who } from './mrkdwn.js';

/** Everything Slack handlers need, injected by the composition root. */
export interface TSlackDeps extends TCaseDeps {
  db: TDb;
  orgChart: TOrgChart;
  log: TLogger;
  now: () => Date;
  triage: TTriageFn;
  /** Null when Earshot can send a private message on the platform; else the sentence staff see. */
  privateUnsupported(platform: TPlatform): string | null;
  /** Ranked saved replies and AI drafts for the Reply and Move offline dialogs. */
  assist: TReplyAssist;
}

/**
 * Maps a Slack user to their org-chart id. Someone not in the chart gets a sentence telling them what the
 * admin must add, rather than a generic "forbidden".
 */
export function memberIdForSlackUser(chart: TOrgChart, slackUserId: string): string {
  for (const t of chart.teams) {
    const m = t.members.find((x) => x.slackUserId === slackUserId);
    if (m) return m.id;
  }
  throw new AppError('FORBIDDEN', `Your Slack account (${slackUserId}) is not in Earshot's org chart, so you cannot act on cases. Ask your admin to add \`slackUserId: ${slackUserId}\` to your entry.`);
}

/** The sentence a person sees when their click or command failed; internals stay in the log. */
export function userMessage(err: unknown, log: TLogger, context: Record<string, unknown>, chart?: TOrgChart): string {
  const e = toAppError(err);
  if (e.code === 'INTERNAL') log.error('slack action failed', { ...context, error: err instanceof Error ? err.message : String(err) });
  const prefix: Partial<Record<string, string>> = { CONFLICT: ':raised_hand:', FORBIDDEN: ':no_entry:', CASE_CLOSED: ':lock:', TEXT_TOO_LONG: ':straight_ruler:' };
  return `${prefix[e.code] ?? ':warning:'} ${withMention(escapeMrkdwn(e.message), e.details.person, chart)}`;
}

/** The colleague a refusal names (who claimed, who approved) becomes a mention, so the clicker can reach them. */
function withMention(text: string, person: unknown, chart: TOrgChart | undefined): string {
  if (!chart || typeof person !== 'string') return text;
  const p = personRef(chart, person);
  return p.slackUserId ? text.replace(escapeMrkdwn(p.name), who(p)) : text;
}
